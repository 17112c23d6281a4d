import 'reflect-metadata';
import { Clock } from '@redress/config';
import { flattenValidationErrors } from '@redress/http';
import { plainToInstance } from 'class-transformer';
import { useContainer, validate } from 'class-validator';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateComplaintDto } from '../complaint.dto';
import { NotInFutureConstraint } from '../validation/timestamps';
import {
  CFPB_COLUMNS,
  CfpbFormatError,
  CfpbRow,
  cfpbCustomerId,
  channelForSubmittedVia,
  CsvError,
  easternNoon,
  mapCfpbRow,
  parseCsv,
  readCfpbExport,
  slugify,
  truncateDescription,
} from './cfpb-import';

async function fieldErrors(body: object): Promise<string[]> {
  const errors = await validate(plainToInstance(CreateComplaintDto, body), { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  return flattenValidationErrors(errors).map((e) => `${e.field}: ${e.messages.join('; ')}`);
}

beforeAll(() => {
  const clock = new (class extends Clock {
    now(): Date {
      return new Date();
    }
  })();
  const constraint = new NotInFutureConstraint(clock);
  useContainer({ get: (cls: unknown) => (cls === NotInFutureConstraint ? constraint : undefined) }, { fallback: true });
});

function row(overrides: Partial<CfpbRow> = {}): CfpbRow {
  const base = Object.fromEntries(CFPB_COLUMNS.map((c) => [c, ''])) as CfpbRow;
  return {
    ...base,
    'Date received': '2019/3/5',
    Product: 'Credit card or prepaid card',
    Issue: 'Problem with a purchase shown on your statement',
    'Sub-issue': 'Credit card company is charging me for something I did not purchase',
    Company: 'CAPITAL ONE FINANCIAL CORPORATION',
    State: 'FL',
    'ZIP code': '330XX',
    'Submitted via': 'Web',
    'Date sent to company': '2019/3/7',
    'Complaint ID': '3171234',
    ...overrides,
  };
}

function csvLine(values: string[]): string {
  return values.map((v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',');
}

describe('parseCsv (RFC 4180)', () => {
  it('splits plain fields and records, with or without a final line break', () => {
    expect(parseCsv('a,b,c\r\n1,2,3\r\n')).toEqual([['a', 'b', 'c'], ['1', '2', '3']]);
    expect(parseCsv('a,b\n1,2')).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    const text = 'id,text\r\n1,"Hello, world"\r\n2,"She said ""no"""\r\n3,"line one\r\nline two\nline three"\r\n';
    expect(parseCsv(text)).toEqual([
      ['id', 'text'],
      ['1', 'Hello, world'],
      ['2', 'She said "no"'],
      ['3', 'line one\r\nline two\nline three'],
    ]);
  });

  it('keeps empty fields, including a trailing one and an empty quoted one', () => {
    expect(parseCsv('a,,c,\n"",x,""\n')).toEqual([['a', '', 'c', ''], ['', 'x', '']]);
  });

  it('ignores a byte-order mark and blank lines', () => {
    expect(parseCsv('\ufeffa,b\n\n1,2\n')).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('treats a quote inside an unquoted field as a character', () => {
    expect(parseCsv('5" screen,ok\n')).toEqual([['5" screen', 'ok']]);
  });

  it('reports an unterminated quoted field with the line it starts on', () => {
    expect(() => parseCsv('a,b\n1,"never\nclosed\n')).toThrow(new CsvError('unterminated quoted field starting on line 2'));
  });

  it('round-trips what a writer quotes', () => {
    const values = ['plain', 'with, comma', 'with "quotes"', 'multi\nline', '', '中文，逗号'];
    expect(parseCsv(`${csvLine(values)}\r\n`)).toEqual([values]);
  });
});

describe('field mappings', () => {
  it('maps Submitted via to channels, anything unknown to web', () => {
    expect(
      ['Web', 'Referral', 'Phone', 'Postal mail', 'Fax', 'Email', 'Web Referral', '', 'PHONE'].map(channelForSubmittedVia),
    ).toEqual(['web', 'regulator_referral', 'phone', 'letter', 'letter', 'email', 'web', 'web', 'phone']);
  });

  it('slugs products and issues to lowercase codes of at most 64 characters, cut between words', () => {
    expect(slugify('Debt collection')).toBe('debt_collection');
    expect(slugify("Problem with a credit reporting company's investigation into an existing problem")).toBe(
      'problem_with_a_credit_reporting_companys_investigation_into_an',
    );
    const long = slugify('Credit reporting, credit repair services, or other personal consumer reports');
    expect(long).toBe('credit_reporting_credit_repair_services_or_other_personal');
    expect(slugify('Incorrect information on your report')).toMatch(/^[a-z0-9_]{1,64}$/);
    expect(slugify('  --  ')).toBe('');
    expect(slugify('x'.repeat(100))).toHaveLength(64);
  });

  it('puts Date received at noon US Eastern, on daylight time from the second Sunday of March to the first of November', () => {
    expect(easternNoon('2019/3/5')).toBe('2019-03-05T12:00:00-05:00');
    expect(easternNoon('2019/3/9')).toBe('2019-03-09T12:00:00-05:00');
    expect(easternNoon('2019/3/10')).toBe('2019-03-10T12:00:00-04:00');
    expect(easternNoon('2019/7/4')).toBe('2019-07-04T12:00:00-04:00');
    expect(easternNoon('2019/11/2')).toBe('2019-11-02T12:00:00-04:00');
    expect(easternNoon('2019/11/3')).toBe('2019-11-03T12:00:00-05:00');
    expect(easternNoon('2020/3/8')).toBe('2020-03-08T12:00:00-04:00');
    expect(easternNoon('2006/4/2')).toBe('2006-04-02T12:00:00-04:00');
    expect(easternNoon('2006/10/29')).toBe('2006-10-29T12:00:00-05:00');
    expect(easternNoon('2019-03-05')).toBe('2019-03-05T12:00:00-05:00');
    expect(easternNoon('03/05/2019')).toBe('2019-03-05T12:00:00-05:00');
    for (const bad of ['', '2019/2/30', '2019/13/1', 'yesterday', '19/3/5']) expect(easternNoon(bad)).toBeUndefined();
  });

  it('truncates descriptions over 20,000 characters without splitting a character', () => {
    expect(truncateDescription('short')).toBe('short');
    const cut = truncateDescription('a'.repeat(25_000));
    expect(cut).toHaveLength(20_000);
    expect(cut.endsWith('…')).toBe(true);
    const emoji = truncateDescription(`${'a'.repeat(19_998)}😀tail`);
    expect(emoji).toBe(`${'a'.repeat(19_998)}…`);
  });

  it('derives the same customer for the same ZIP, State and Company, and a unique one without a ZIP code', () => {
    const a = cfpbCustomerId(row());
    expect(a).toMatch(/^CFPB-FL-330XX-[0-9a-f]{8}$/);
    expect(cfpbCustomerId(row({ 'Complaint ID': '999' }))).toBe(a);
    expect(cfpbCustomerId(row({ Company: 'EQUIFAX, INC.' }))).not.toBe(a);
    expect(cfpbCustomerId(row({ State: 'GA' }))).not.toBe(a);
    expect(cfpbCustomerId(row({ 'ZIP code': '', 'Complaint ID': '42' }))).toBe('CFPB-C42');
  });
});

describe('mapCfpbRow', () => {
  it('maps a web complaint with its narrative', async () => {
    const mapped = mapCfpbRow(row({ 'Consumer complaint narrative': 'I was charged twice for XXXX.', Tags: '' }));
    expect(mapped).toMatchObject({
      ok: true,
      complaintId: '3171234',
      body: {
        channel: 'web',
        description: 'I was charged twice for XXXX.',
        product: 'credit_card_or_prepaid_card',
        category: 'problem_with_a_purchase_shown_on_your_statement',
        receivedAt: '2019-03-05T12:00:00-05:00',
        externalRef: 'cfpb-3171234',
        customer: { name: 'CFPB consumer 3171234', preferredLanguage: 'en', vulnerable: false },
        web: { submissionId: 'CFPB-WEB-3171234' },
      },
    });
    if (mapped.ok) expect(await fieldErrors(mapped.body)).toEqual([]);
  });

  it('describes a complaint without a narrative by its issue and sub-issue', () => {
    const mapped = mapCfpbRow(row());
    expect(mapped.ok && mapped.body.description).toBe(
      'Problem with a purchase shown on your statement — Credit card company is charging me for something I did not purchase',
    );
    const issueOnly = mapCfpbRow(row({ 'Sub-issue': '' }));
    expect(issueOnly.ok && issueOnly.body.description).toBe('Problem with a purchase shown on your statement');
  });

  it('turns a referral into a CFPB regulator referral forwarded on the day it was sent to the company', async () => {
    const mapped = mapCfpbRow(row({ 'Submitted via': 'Referral', 'Date sent to company': '2019/7/1' }));
    expect(mapped.ok && mapped.body.regulatorReferral).toEqual({
      regulator: 'CFPB',
      regulatorReference: '3171234',
      forwardedAt: '2019-07-01T12:00:00-04:00',
    });
    const noSent = mapCfpbRow(row({ 'Submitted via': 'Referral', 'Date sent to company': '' }));
    expect(noSent.ok && noSent.body.regulatorReferral?.forwardedAt).toBe('2019-03-05T12:00:00-05:00');
    if (mapped.ok) expect(await fieldErrors(mapped.body)).toEqual([]);
  });

  it('synthesises valid, stable details for every channel from the Complaint ID', async () => {
    for (const via of ['Web', 'Referral', 'Phone', 'Postal mail', 'Fax', 'Email', 'Carrier pigeon']) {
      const first = mapCfpbRow(row({ 'Submitted via': via }));
      expect(first).toEqual(mapCfpbRow(row({ 'Submitted via': via })));
      expect(first.ok).toBe(true);
      if (first.ok) expect({ via, errors: await fieldErrors(first.body) }).toEqual({ via, errors: [] });
    }
    const letter = mapCfpbRow(row({ 'Submitted via': 'Postal mail' }));
    expect(letter.ok && letter.body.letter!.letterDate < '2019-03-05').toBe(true);
    const fax = mapCfpbRow(row({ 'Submitted via': 'Fax' }));
    expect(fax.ok && fax.body.letter).toEqual({ letterDate: '2019-03-05', scannedDocumentRef: 'CFPB-FAX-3171234' });
  });

  it('flags older Americans and servicemembers as vulnerable', () => {
    for (const [tags, vulnerable] of [['Older American', true], ['Servicemember', true], ['Older American, Servicemember', true], ['', false]] as const) {
      const mapped = mapCfpbRow(row({ Tags: tags }));
      expect(mapped.ok && mapped.body.customer.vulnerable).toBe(vulnerable);
    }
  });

  it('refuses rows without a usable Complaint ID or Date received', () => {
    expect(mapCfpbRow(row({ 'Complaint ID': '' }))).toEqual({ ok: false, problem: 'Complaint ID is missing or not an identifier' });
    expect(mapCfpbRow(row({ 'Date received': '2019/2/30' }))).toMatchObject({ ok: false, complaintId: '3171234' });
  });

  it('truncates an overlong narrative so the body stays valid', async () => {
    const mapped = mapCfpbRow(row({ 'Consumer complaint narrative': 'word '.repeat(5000) }));
    expect(mapped.ok && mapped.body.description.length).toBe(20_000);
    if (mapped.ok) expect(await fieldErrors(mapped.body)).toEqual([]);
  });
});

describe('readCfpbExport', () => {
  const header = csvLine([...CFPB_COLUMNS]);
  const line = (r: CfpbRow) => csvLine(CFPB_COLUMNS.map((c) => r[c]));

  it('maps rows, oldest first, honours --limit and reports unmappable rows by line', () => {
    const text = [
      header,
      line(row({ 'Complaint ID': '3', 'Date received': '2020/1/2', 'Consumer complaint narrative': 'Two\nlines, "quoted"' })),
      line(row({ 'Complaint ID': '1', 'Date received': '2019/5/6' })),
      line(row({ 'Complaint ID': '', 'Date received': '2019/5/6' })),
      line(row({ 'Complaint ID': '2', 'Date received': '2019/5/6' })),
      '',
    ].join('\r\n');
    const all = readCfpbExport(text);
    expect(all.rows).toBe(4);
    expect(all.items.map((i) => i.complaintId)).toEqual(['1', '2', '3']);
    expect(all.items[2].body.description).toBe('Two\nlines, "quoted"');
    expect(all.items.map((i) => i.line)).toEqual([4, 6, 2]);
    expect(all.problems).toEqual([{ line: 5, problem: 'Complaint ID is missing or not an identifier' }]);
    const limited = readCfpbExport(text, 2);
    expect(limited.rows).toBe(2);
    expect(limited.items.map((i) => i.complaintId)).toEqual(['1', '3']);
  });

  it('accepts columns in any order and without the optional ones', () => {
    const text = 'Complaint ID,Submitted via,Issue,Product,Date received\n77,Phone,Fees,Checking or savings account,2018/12/1\n';
    const [item] = readCfpbExport(text).items;
    expect(item.body).toMatchObject({ channel: 'phone', product: 'checking_or_savings_account', category: 'fees', description: 'Fees' });
    expect(item.body.customer.id).toBe('CFPB-C77');
  });

  it('refuses a file that is not a CFPB export, naming what is missing', () => {
    expect(() => readCfpbExport('')).toThrow(CfpbFormatError);
    expect(() => readCfpbExport('name,age\nx,1\n')).toThrow(/missing columns "Date received", "Product", "Issue", "Submitted via", "Complaint ID"/);
    expect(() => readCfpbExport(`${header}\n"broken`)).toThrow(/unterminated quoted field starting on line 2/);
  });

  const sample = join(__dirname, '../../../../../shared/data/cfpb-complaints-sample.csv');
  (existsSync(sample) ? it : it.skip)('maps every row of the shared CFPB sample to a valid body (when the sample is present)', async () => {
    const result = readCfpbExport(readFileSync(sample, 'utf8'));
    expect(result.problems).toEqual([]);
    expect(result.items).toHaveLength(result.rows);
    const invalid: string[] = [];
    for (const item of result.items) {
      const errors = await fieldErrors(item.body);
      if (errors.length) invalid.push(`${item.complaintId}: ${errors.join(', ')}`);
    }
    expect(invalid).toEqual([]);
  });
});
