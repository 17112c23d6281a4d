import { hashSurveyToken, newSurveyToken, SURVEY_TOKEN_PATTERN, surveyQuestion } from './survey';

describe('survey tokens', () => {
  it('are 43 base64url characters, different every time, stored as a SHA-256 hex digest', () => {
    const a = newSurveyToken();
    const b = newSurveyToken();
    expect(a).toMatch(SURVEY_TOKEN_PATTERN);
    expect(a).not.toBe(b);
    expect(hashSurveyToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSurveyToken(a)).toBe(hashSurveyToken(a));
  });
});

describe('surveyQuestion', () => {
  it('asks in the customer’s language with the reference and the scale', () => {
    expect(surveyQuestion('zh', 'CMP-2026-000123')).toBe(
      '您对我们处理您的投诉（编号：CMP-2026-000123）的方式满意吗？请打分：1 分表示非常不满意，5 分表示非常满意。',
    );
    expect(surveyQuestion('en', 'CMP-2026-000123')).toContain('from 1 (very dissatisfied) to 5 (very satisfied)');
  });
});
