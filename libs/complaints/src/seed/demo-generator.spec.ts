import 'reflect-metadata';
import { Clock } from '@redress/config';
import { CHANNELS, descriptionSimilarity, detectLanguage, DUPLICATE_SIMILARITY_THRESHOLD } from '@redress/domain';
import { flattenValidationErrors } from '@redress/http';
import { plainToInstance } from 'class-transformer';
import { useContainer, validate } from 'class-validator';
import { CreateComplaintDto } from '../complaint.dto';
import { NotInFutureConstraint } from '../validation/timestamps';
import { DemoComplaint, formatMoney, formatTimestamp, generateDemoComplaints, mulberry32 } from './demo-generator';

const DAY = 86_400_000;
const now = new Date('2026-11-28T03:17:00Z');

class FixedClock extends Clock {
  constructor(private readonly at: Date) {
    super();
  }
  now(): Date {
    return this.at;
  }
}

async function fieldErrors(body: object): Promise<string[]> {
  const errors = await validate(plainToInstance(CreateComplaintDto, body), { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  return flattenValidationErrors(errors).map((e) => `${e.field}: ${e.messages.join('; ')}`);
}

describe('generateDemoComplaints', () => {
  let demo: DemoComplaint[];

  beforeAll(() => {
    // NotInFuture reads the injected Clock; give it one, as the Nest container does in the app.
    const constraint = new NotInFutureConstraint(new FixedClock(now));
    useContainer({ get: (cls: unknown) => (cls === NotInFutureConstraint ? constraint : undefined) }, { fallback: true });
    demo = generateDemoComplaints({ count: 300, now });
  });

  it('is reproducible from the seed, and another seed gives other complaints', () => {
    expect(generateDemoComplaints({ count: 300, now })).toEqual(demo);
    const other = generateDemoComplaints({ count: 300, now, seed: 7 });
    expect(other.map((d) => d.body.description)).not.toEqual(demo.map((d) => d.body.description));
  });

  it('keeps each externalRef bound to the same complaint whatever the count or the day it runs', () => {
    const byRef = new Map(demo.map((d) => [d.body.externalRef, d.body]));
    const smaller = generateDemoComplaints({ count: 40, now: new Date(now.getTime() + 3 * DAY) });
    for (const { body } of smaller) {
      const same = byRef.get(body.externalRef)!;
      const essence = (b: typeof body) => [b.channel, b.customer, b.product, b.category, b.disputedAmount];
      expect(essence(body)).toEqual(essence(same));
      // Only the dates in the text move with the day it runs.
      expect(descriptionSimilarity(body.description, same.description)).toBeGreaterThan(0.75);
    }
  });

  it('produces bodies the API accepts', async () => {
    for (const { body } of demo) {
      expect({ ref: body.externalRef, errors: await fieldErrors(body) }).toEqual({ ref: body.externalRef, errors: [] });
    }
  });

  it('spreads complaints over the last 60 days, oldest first, none in the future', () => {
    const times = demo.map((d) => new Date(d.body.receivedAt!).getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.max(...times)).toBeLessThanOrEqual(now.getTime());
    expect(Math.min(...times)).toBeGreaterThan(now.getTime() - 62 * DAY);
    expect(Math.max(...times)).toBeGreaterThan(now.getTime() - 2 * DAY);
    for (const { body } of demo) {
      const received = new Date(body.receivedAt!).getTime();
      if (body.occurredAt) expect(new Date(body.occurredAt).getTime()).toBeLessThanOrEqual(received);
      if (body.letter) expect(body.letter.letterDate <= body.receivedAt!.slice(0, 10)).toBe(true);
      if (body.regulatorReferral) expect(new Date(body.regulatorReferral.forwardedAt).getTime()).toBeLessThanOrEqual(received);
    }
  });

  it('covers every channel, the main products and categories, both languages and four currencies', () => {
    const count = (values: string[]) => new Set(values).size;
    expect(new Set(demo.map((d) => d.body.channel))).toEqual(new Set(CHANNELS));
    expect(count(demo.map((d) => d.body.product))).toBeGreaterThanOrEqual(10);
    expect(count(demo.map((d) => d.body.category!))).toBeGreaterThanOrEqual(10);
    const zh = demo.filter((d) => d.body.customer.preferredLanguage === 'zh').length;
    expect(zh / demo.length).toBeGreaterThan(0.35);
    expect(zh / demo.length).toBeLessThan(0.65);
    expect(new Set(demo.flatMap((d) => (d.body.disputedAmount ? [d.body.disputedAmount.currency] : [])))).toEqual(new Set(['CNY', 'USD', 'GBP', 'EUR']));
    const vulnerable = demo.filter((d) => d.body.customer.vulnerable).length;
    expect(vulnerable).toBeGreaterThan(5);
    expect(vulnerable).toBeLessThan(60);
  });

  it('writes each description in the customer’s language', () => {
    for (const { body } of demo) expect(detectLanguage(body.description)).toBe(body.customer.preferredLanguage);
  });

  it('has unique externalRefs like demo-000123', () => {
    const refs = demo.map((d) => d.body.externalRef!);
    expect(new Set(refs).size).toBe(refs.length);
    expect(refs.every((r) => /^demo-\d{6}$/.test(r))).toBe(true);
  });

  it('includes near-duplicate resubmissions: same customer, similar text, another channel, within 30 days', () => {
    const byRef = new Map(demo.map((d) => [d.body.externalRef, d.body]));
    const resubmissions = demo.filter((d) => d.resubmissionOf);
    expect(resubmissions.length).toBeGreaterThanOrEqual(5);
    for (const { body, resubmissionOf } of resubmissions) {
      const original = byRef.get(resubmissionOf)!;
      expect(body.customer.id).toBe(original.customer.id);
      expect(body.channel).not.toBe(original.channel);
      const gap = new Date(body.receivedAt!).getTime() - new Date(original.receivedAt!).getTime();
      expect(gap).toBeGreaterThan(0);
      expect(gap).toBeLessThanOrEqual(30 * DAY);
      expect(descriptionSimilarity(body.description, original.description)).toBeGreaterThanOrEqual(DUPLICATE_SIMILARITY_THRESHOLD);
    }
  });

  it('has repeat customers whose other complaints are not mistaken for duplicates', () => {
    const byCustomer = new Map<string, DemoComplaint[]>();
    for (const d of demo) byCustomer.set(d.body.customer.id, [...(byCustomer.get(d.body.customer.id) ?? []), d]);
    const repeaters = [...byCustomer.values()].filter((list) => list.filter((d) => !d.resubmissionOf).length >= 2);
    expect(repeaters.length).toBeGreaterThanOrEqual(10);
    for (const list of byCustomer.values()) {
      const firsts = list.filter((d) => !d.resubmissionOf);
      for (let i = 0; i < firsts.length; i++) {
        for (let j = i + 1; j < firsts.length; j++) {
          expect(descriptionSimilarity(firsts[i].body.description, firsts[j].body.description)).toBeLessThan(DUPLICATE_SIMILARITY_THRESHOLD);
        }
      }
    }
  });

  it('yields an empty list for count 0 and a valid one for count 1', () => {
    expect(generateDemoComplaints({ count: 0, now })).toEqual([]);
    expect(generateDemoComplaints({ count: 1, now })).toHaveLength(1);
  });
});

describe('helpers', () => {
  it('mulberry32 is a deterministic stream in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const values = Array.from({ length: 1000 }, () => a());
    expect(values).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(new Set(values).size).toBe(1000);
  });

  it('formats timestamps with the offset and money in the customer’s language', () => {
    const t = Date.parse('2026-11-28T01:30:00Z');
    expect(formatTimestamp(t, 480)).toBe('2026-11-28T09:30:00+08:00');
    expect(formatTimestamp(t, 0)).toBe('2026-11-28T01:30:00Z');
    expect(formatTimestamp(t, -300)).toBe('2026-11-27T20:30:00-05:00');
    expect(formatMoney(12800, 'CNY', 'zh')).toBe('12,800元');
    expect(formatMoney(2000, 'USD', 'zh')).toBe('2,000美元');
    expect(formatMoney(1234.5, 'GBP', 'en')).toBe('£1,234.50');
    expect(formatMoney(99, 'EUR', 'en')).toBe('€99');
  });
});
