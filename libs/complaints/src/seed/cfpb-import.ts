/**
 * Real complaints from the US Consumer Financial Protection Bureau's public database
 * (https://www.consumerfinance.gov/data-research/consumer-complaints/), mapped onto the intake
 * body so `npm run seed:demo -- <file.csv>` can load them. Pure: the script reads the file,
 * validates each body and submits it.
 *
 * Mapping decisions (the CFPB export has no customers, channels details or amounts):
 *  - channel from "Submitted via": Web→web, Referral→regulator_referral (CFPB, reference = Complaint
 *    ID), Phone→phone, Postal mail and Fax→letter, Email→email, anything else→web;
 *  - receivedAt = "Date received" at noon US Eastern time (EST or EDT as on that day);
 *  - description = the narrative, or "Issue — Sub-issue" when the consumer did not consent to publish it;
 *  - product / category = slugs of Product / Issue;
 *  - customer: a synthetic id from ZIP code, State and a hash of ZIP, State and Company, so a consumer
 *    complaining about the same company again maps to the same customer (and repeat complaints or
 *    near duplicates show up as they would for a bank); rows without a ZIP code get an id of their own;
 *  - each channel's required details are synthesised from the Complaint ID, so a re-run maps the
 *    same row to the same body, and externalRef cfpb-<Complaint ID> makes the re-run a no-op (409).
 */
import type { Channel } from '@redress/domain';
import type { CreateComplaintDto } from '../complaint.dto';
import { fnv1a } from './demo-generator';

// ---------------------------------------------------------------------------------------------
// RFC 4180 CSV
// ---------------------------------------------------------------------------------------------

export class CsvError extends Error {}

export interface CsvRecord {
  /** 1-based line on which the record starts (records may span lines inside quoted fields). */
  line: number;
  fields: string[];
}

/**
 * Records of an RFC 4180 file: fields separated by commas, records by CRLF (LF or CR alone also
 * accepted), fields optionally in double quotes, where a quoted field may hold commas, line breaks
 * and doubled quotes (""). A leading byte-order mark is ignored, and so is a final line break.
 * Lenient where the RFC is silent: a quote inside an unquoted field is kept as a character.
 */
export function* csvRecords(text: string): Generator<CsvRecord> {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let line = 1;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    for (;;) {
      let value = '';
      if (text[i] === '"') {
        const openedAt = line;
        i++;
        for (;;) {
          const quote = text.indexOf('"', i);
          if (quote === -1) throw new CsvError(`unterminated quoted field starting on line ${openedAt}`);
          const chunk = text.slice(i, quote);
          value += chunk;
          line += countLineBreaks(chunk);
          if (text[quote + 1] === '"') {
            value += '"';
            i = quote + 2;
          } else {
            i = quote + 1;
            break;
          }
        }
        // Characters between the closing quote and the next separator are not RFC 4180; keep them.
        while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') value += text[i++];
      } else {
        const start = i;
        while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') i++;
        value = text.slice(start, i);
      }
      fields.push(value);
      if (i < n && text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    // An empty line is not a record of one empty field.
    if (!(fields.length === 1 && fields[0] === '')) yield { line: startLine, fields };
  }
}

function countLineBreaks(s: string): number {
  let count = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\n') count++;
    else if (s[i] === '\r' && s[i + 1] !== '\n') count++;
  }
  return count;
}

export function parseCsv(text: string): string[][] {
  return Array.from(csvRecords(text), (r) => r.fields);
}

// ---------------------------------------------------------------------------------------------
// Small mappings
// ---------------------------------------------------------------------------------------------

export const CFPB_COLUMNS = [
  'Date received',
  'Product',
  'Sub-product',
  'Issue',
  'Sub-issue',
  'Consumer complaint narrative',
  'Company public response',
  'Company',
  'State',
  'ZIP code',
  'Tags',
  'Consumer consent provided?',
  'Submitted via',
  'Date sent to company',
  'Company response to consumer',
  'Timely response?',
  'Consumer disputed?',
  'Complaint ID',
] as const;
export type CfpbColumn = (typeof CFPB_COLUMNS)[number];
export type CfpbRow = Record<CfpbColumn, string>;

/** Without these a row cannot become a complaint; the other columns may be absent. */
export const REQUIRED_CFPB_COLUMNS: readonly CfpbColumn[] = ['Date received', 'Product', 'Issue', 'Submitted via', 'Complaint ID'];

export const MAX_DESCRIPTION_LENGTH = 20_000;
const MAX_SLUG_LENGTH = 64;

const SUBMITTED_VIA: Record<string, Channel> = {
  web: 'web',
  referral: 'regulator_referral',
  phone: 'phone',
  'postal mail': 'letter',
  fax: 'letter',
  email: 'email',
};

export function channelForSubmittedVia(submittedVia: string): Channel {
  return SUBMITTED_VIA[submittedVia.trim().toLowerCase()] ?? 'web';
}

/** Lowercase words joined by "_", at most `max` characters, cut at a word boundary. */
export function slugify(text: string, max = MAX_SLUG_LENGTH): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  const boundary = cut.lastIndexOf('_');
  return (boundary > 0 ? cut.slice(0, boundary) : slug.slice(0, max)).replace(/_+$/, '');
}

/** Y/M/D as in the sample export, also YYYY-MM-DD (the CFPB API) and M/D/YYYY (the CFPB web export). */
export function parseCfpbDate(value: string): { year: number; month: number; day: number } | undefined {
  const s = value.trim();
  let m = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?:T.*)?$/.exec(s);
  let year: number, month: number, day: number;
  if (m) {
    [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s))) {
    [year, month, day] = [Number(m[3]), Number(m[1]), Number(m[2])];
  } else {
    return undefined;
  }
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return { year, month, day };
}

function nthSunday(year: number, month: number, n: number): number {
  const firstDow = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  return 1 + ((7 - firstDow) % 7) + 7 * (n - 1);
}

function lastSunday(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month, 0));
  return last.getUTCDate() - last.getUTCDay();
}

/**
 * Whether noon on that day is daylight-saving time in US Eastern time: from the second Sunday of
 * March to the first Sunday of November since 2007, the first Sunday of April to the last Sunday
 * of October before. The switch happens at 02:00, so noon of a switch day is already on the new time.
 */
export function isEasternDaylightTime(year: number, month: number, day: number): boolean {
  const [startMonth, startDay, endMonth, endDay] =
    year >= 2007 ? [3, nthSunday(year, 3, 2), 11, nthSunday(year, 11, 1)] : [4, nthSunday(year, 4, 1), 10, lastSunday(year, 10)];
  const key = month * 100 + day;
  return key >= startMonth * 100 + startDay && key < endMonth * 100 + endDay;
}

/** Noon US Eastern on a CFPB date, e.g. 2019/3/5 → 2019-03-05T12:00:00-05:00. */
export function easternNoon(value: string): string | undefined {
  const date = parseCfpbDate(value);
  if (!date) return undefined;
  const offset = isEasternDaylightTime(date.year, date.month, date.day) ? '-04:00' : '-05:00';
  return `${isoDay(date)}T12:00:00${offset}`;
}

function isoDay(date: { year: number; month: number; day: number }): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

function daysBefore(date: { year: number; month: number; day: number }, days: number): string {
  return new Date(Date.UTC(date.year, date.month - 1, date.day) - days * 86_400_000).toISOString().slice(0, 10);
}

/** At most `max` UTF-16 units, never splitting a surrogate pair, ending in "…" when cut. */
export function truncateDescription(text: string, max = MAX_DESCRIPTION_LENGTH): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

export function cfpbCustomerId(row: Pick<CfpbRow, 'ZIP code' | 'State' | 'Company' | 'Complaint ID'>): string {
  const zip = row['ZIP code'].trim().replace(/[^A-Za-z0-9]/g, '').slice(0, 10);
  const state = row.State.trim().replace(/[^A-Za-z]/g, '').toUpperCase().slice(0, 4);
  if (!zip) return `CFPB-C${row['Complaint ID'].trim()}`;
  const hash = fnv1a(zip, state, row.Company.trim().toUpperCase()).toString(16).padStart(8, '0');
  return `CFPB-${state || 'NA'}-${zip}-${hash}`;
}

function describe(row: CfpbRow): string {
  const narrative = row['Consumer complaint narrative'].trim();
  if (narrative) return truncateDescription(narrative);
  const issue = row.Issue.trim();
  const subIssue = row['Sub-issue'].trim();
  return truncateDescription(issue && subIssue ? `${issue} — ${subIssue}` : issue || subIssue);
}

function isVulnerable(tags: string): boolean {
  return /older american|servicemember/i.test(tags);
}

// ---------------------------------------------------------------------------------------------
// Row → intake body
// ---------------------------------------------------------------------------------------------

export type CfpbMapping =
  | { ok: true; complaintId: string; body: CreateComplaintDto; receivedAt: Date }
  | { ok: false; complaintId?: string; problem: string };

export function mapCfpbRow(row: CfpbRow): CfpbMapping {
  const complaintId = row['Complaint ID'].trim();
  if (!/^[A-Za-z0-9-]{1,40}$/.test(complaintId)) {
    return { ok: false, complaintId: complaintId || undefined, problem: 'Complaint ID is missing or not an identifier' };
  }
  const received = parseCfpbDate(row['Date received']);
  const receivedAt = easternNoon(row['Date received']);
  if (!received || !receivedAt) return { ok: false, complaintId, problem: 'Date received is not a date' };

  const channel = channelForSubmittedVia(row['Submitted via']);
  const numeric = fnv1a('cfpb', complaintId);
  const product = slugify(row.Product) || 'other';
  const category = slugify(row.Issue);
  const body: CreateComplaintDto = {
    channel,
    customer: {
      id: cfpbCustomerId(row),
      name: `CFPB consumer ${complaintId}`,
      preferredLanguage: 'en',
      vulnerable: isVulnerable(row.Tags),
    },
    description: describe(row),
    product,
    receivedAt,
    externalRef: `cfpb-${complaintId}`,
  };
  if (category) body.category = category;

  switch (channel) {
    case 'web':
      body.web = { submissionId: `CFPB-WEB-${complaintId}` };
      break;
    case 'phone':
      body.phone = { callId: `CFPB-CALL-${complaintId}`, agentId: `cfpb-agent-${(numeric % 48) + 1}` };
      break;
    case 'letter': {
      const fax = /fax/i.test(row['Submitted via']);
      body.letter = {
        // Mail takes a few days to arrive; a fax is dated the day it is sent.
        letterDate: fax ? isoDay(received) : daysBefore(received, (numeric % 5) + 2),
        scannedDocumentRef: `CFPB-${fax ? 'FAX' : 'MAIL'}-${complaintId}`,
      };
      break;
    }
    case 'email': {
      const subject = row.Issue.trim().slice(0, 998);
      body.email = {
        senderAddress: `consumer-${complaintId.toLowerCase()}@example.com`,
        messageId: `<cfpb-${complaintId.toLowerCase()}@mail.example.com>`,
        ...(subject ? { subject } : {}),
      };
      break;
    }
    case 'regulator_referral':
      body.regulatorReferral = {
        regulator: 'CFPB',
        regulatorReference: complaintId,
        forwardedAt: easternNoon(row['Date sent to company']) ?? receivedAt,
      };
      break;
    default:
      break;
  }
  return { ok: true, complaintId, body, receivedAt: new Date(receivedAt) };
}

// ---------------------------------------------------------------------------------------------
// File → ordered bodies
// ---------------------------------------------------------------------------------------------

export class CfpbFormatError extends Error {}

export interface CfpbItem {
  /** Line of the file the row starts on. */
  line: number;
  complaintId: string;
  body: CreateComplaintDto;
  receivedAt: Date;
}

export interface CfpbProblem {
  line: number;
  complaintId?: string;
  problem: string;
}

export interface CfpbImport {
  /** Data rows read (after --limit). */
  rows: number;
  /** In the order to submit: oldest received first, so repeats and duplicates point back in time. */
  items: CfpbItem[];
  problems: CfpbProblem[];
}

/**
 * Reads the export's rows (the first `limit` of them when given) and maps each; throws
 * CfpbFormatError when the file is not CSV or lacks a required column.
 */
export function readCfpbExport(text: string, limit?: number): CfpbImport {
  const records = csvRecords(text);
  let header: CsvRecord | undefined;
  try {
    const first = records.next();
    header = first.done ? undefined : first.value;
  } catch (error) {
    throw new CfpbFormatError(`not a CSV file: ${(error as Error).message}`);
  }
  if (!header) throw new CfpbFormatError('the file is empty');
  const positions = new Map(header.fields.map((name, i) => [name.trim().toLowerCase(), i] as const));
  const missing = REQUIRED_CFPB_COLUMNS.filter((c) => !positions.has(c.toLowerCase()));
  if (missing.length) {
    throw new CfpbFormatError(`not a CFPB complaints export: missing column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')}`);
  }
  const columnIndex = CFPB_COLUMNS.map((c) => positions.get(c.toLowerCase()));

  const items: CfpbItem[] = [];
  const problems: CfpbProblem[] = [];
  let rows = 0;
  try {
    for (const record of records) {
      if (limit !== undefined && rows >= limit) break;
      rows++;
      const row = {} as CfpbRow;
      CFPB_COLUMNS.forEach((column, i) => {
        const index = columnIndex[i];
        row[column] = index === undefined ? '' : (record.fields[index] ?? '');
      });
      const mapped = mapCfpbRow(row);
      if (mapped.ok) items.push({ line: record.line, complaintId: mapped.complaintId, body: mapped.body, receivedAt: mapped.receivedAt });
      else problems.push({ line: record.line, complaintId: mapped.complaintId, problem: mapped.problem });
    }
  } catch (error) {
    if (error instanceof CsvError) throw new CfpbFormatError(`not a valid CSV file: ${error.message}`);
    throw error;
  }
  items.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || compareIds(a.complaintId, b.complaintId));
  return { rows, items, problems };
}

function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
