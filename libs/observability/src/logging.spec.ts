import { loggedPath } from './logging';

describe('loggedPath', () => {
  it('drops the query string, which may hold a customer id', () => {
    expect(loggedPath('/v1/complaints?customerId=C-1001&limit=10')).toBe('/v1/complaints');
  });

  it('hides a survey token, the customer’s only credential, wherever the survey path is used', () => {
    expect(loggedPath('/v1/surveys/q3Vb0cX9T1mZr8sWl2kPjHfNaYdEuGiO4tR7yB5nM6w')).toBe('/v1/surveys/[redacted]');
    expect(loggedPath('/v1/surveys/q3Vb0cX9T1mZr8sW?lang=zh')).toBe('/v1/surveys/[redacted]');
  });

  it('leaves other paths alone', () => {
    expect(loggedPath('/v1/complaints/0b7c5f1e-4a8e-4c55-9a7e-3f9f3d7f0c11/timeline')).toBe('/v1/complaints/0b7c5f1e-4a8e-4c55-9a7e-3f9f3d7f0c11/timeline');
    expect(loggedPath(undefined)).toBeUndefined();
  });
});
