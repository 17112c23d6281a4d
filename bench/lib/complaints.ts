import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Channel } from '@redress/domain';
import { parseCsvObjects } from './csv';

/** The CFPB export the benchmark draws its complaints from; it lives beside the repository, never in it. */
export const CFPB_SAMPLE = '../shared/data/cfpb-complaints-sample.csv';

const EXPECTED_COLUMNS = [
  'Date received', 'Product', 'Sub-product', 'Issue', 'Sub-issue', 'Consumer complaint narrative',
  'Company public response', 'Company', 'State', 'ZIP code', 'Tags', 'Consumer consent provided?',
  'Submitted via', 'Date sent to company', 'Company response to consumer', 'Timely response?',
  'Consumer disputed?', 'Complaint ID',
];

type Row = Record<string, string>;

export interface CfpbSample {
  path: string;
  rows: Row[];
  /** Rows with a consumer narrative: the descriptions. */
  narratives: Row[];
}

export function loadCfpbSample(repoRoot: string): CfpbSample {
  const path = resolve(repoRoot, CFPB_SAMPLE);
  const { header, rows } = parseCsvObjects(readFileSync(path, 'utf8'));
  const missing = EXPECTED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) throw new Error(`${path} lacks the columns ${missing.join(', ')}`);
  const narratives = rows.filter((r) => r['Consumer complaint narrative'].trim() !== '');
  if (narratives.length === 0) throw new Error(`${path} has no row with a consumer narrative`);
  return { path, rows, narratives };
}

/** CFPB "Submitted via" to our channel. A fax is a letter that arrived by wire. */
export const SUBMITTED_VIA: Readonly<Record<string, Channel>> = {
  Web: 'web',
  Phone: 'phone',
  'Postal mail': 'letter',
  Fax: 'letter',
  Email: 'email',
  Referral: 'regulator_referral',
};

/** Rough UTC offsets (standard time) by state, so receivedAt carries the complainant's zone. */
const STATE_OFFSETS: Readonly<Record<string, number>> = {
  ...Object.fromEntries('AL AR IA IL KS LA MN MO MS ND NE OK SD TN TX WI'.split(' ').map((s) => [s, -6 * 60])),
  ...Object.fromEntries('AZ CO ID MT NM UT WY'.split(' ').map((s) => [s, -7 * 60])),
  ...Object.fromEntries('CA NV OR WA'.split(' ').map((s) => [s, -8 * 60])),
  AK: -9 * 60,
  HI: -10 * 60,
  PR: -4 * 60,
  VI: -4 * 60,
  GU: 10 * 60,
};

const DAY_MS = 86_400_000;
const MAX_DESCRIPTION = 20_000;

/** A timestamp as ISO 8601 with an explicit offset, e.g. 2026-11-28T09:30:00-05:00. */
export function isoWithOffset(date: Date, offsetMinutes: number): string {
  const local = new Date(date.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** A deterministic number in [0, 1) from an integer (Knuth's multiplicative hash), so bodies are reproducible. */
function unit(n: number, salt: number): number {
  const h = (Math.imul(n + 1, 2654435761) ^ Math.imul(salt, 40503)) >>> 0;
  return (h % 1_000_003) / 1_000_003;
}

function slug(text: string, max: number): string {
  const s = text.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, max).replace(/_+$/, '');
  return s || 'other';
}

export interface BuiltRequest {
  body: string;
  idempotencyKey: string;
  channel: Channel;
  customerId: string;
}

/**
 * Complaint bodies from the CFPB sample. Request n takes its description, product, issue and
 * customer from narrative row n mod 1,532, and its channel from the "Submitted via" of row
 * n mod 6,623 of the whole file: every narrative row in the sample was submitted via Web, so the
 * channel mix is borrowed from the full file (as if the customer came back through another channel).
 * The customer id is the row's State and ZIP, so one "customer" complains many times: duplicate
 * detection and repeat-complainant lookups have history to read. Bodies depend only on (phase, n),
 * so the echo and intake runs send the same complaints in the same order.
 */
export class ComplaintFactory {
  constructor(
    private readonly sample: CfpbSample,
    private readonly runId: string,
    /** receivedAt is at most 20 days before this instant, and at least a minute before it. */
    private readonly anchor: Date,
  ) {}

  build(phase: string, n: number): BuiltRequest {
    const row = this.sample.narratives[n % this.sample.narratives.length];
    const via = this.sample.rows[n % this.sample.rows.length]['Submitted via'];
    const channel: Channel = SUBMITTED_VIA[via] ?? 'web';
    const state = row.State.trim() || 'NA';
    const zip = row['ZIP code'].trim() || 'NOZIP';
    const offset = STATE_OFFSETS[state] ?? -5 * 60;
    const cfpbId = row['Complaint ID'];
    const ref = `${this.runId}-${phase}-${n}`;

    const receivedAt = new Date(this.anchor.getTime() - 60_000 - Math.floor(unit(n, 1) * (20 * DAY_MS - 120_000)));
    receivedAt.setUTCMilliseconds(0);
    const customerId = `CFPB-${state}-${zip}`;

    const body: Record<string, unknown> = {
      channel,
      customer: {
        id: customerId,
        name: `CFPB consumer ${state} ${zip}`,
        preferredLanguage: 'en',
        vulnerable: row.Tags.includes('Older American'),
      },
      description: row['Consumer complaint narrative'].slice(0, MAX_DESCRIPTION),
      product: row.Product.slice(0, 100),
      category: slug(row.Issue, 64),
      receivedAt: isoWithOffset(receivedAt, offset),
      externalRef: ref,
    };
    if (n % 3 === 0) {
      body.occurredAt = isoWithOffset(new Date(receivedAt.getTime() - (1 + (n % 10)) * DAY_MS), offset);
    }
    switch (channel) {
      case 'web':
        body.web = { submissionId: `WF-${cfpbId}-${n}`, authenticated: row['Consumer consent provided?'] === 'Consent provided' };
        break;
      case 'phone':
        body.phone = { callId: `CALL-${cfpbId}-${n}`, agentId: `agent-${n % 211}` };
        break;
      case 'letter':
        body.letter = {
          letterDate: new Date(receivedAt.getTime() - (2 + (n % 5)) * DAY_MS).toISOString().slice(0, 10),
          scannedDocumentRef: `DMS-${cfpbId}-${n}`,
        };
        break;
      case 'email':
        body.email = { senderAddress: `consumer.${zip.toLowerCase()}@example.com`, messageId: `<${ref}@mail.example.com>`, subject: row.Issue };
        break;
      case 'regulator_referral':
        body.regulatorReferral = {
          regulator: 'CFPB',
          regulatorReference: `CFPB-${cfpbId}`,
          forwardedAt: isoWithOffset(new Date(receivedAt.getTime() - DAY_MS), -5 * 60),
        };
        break;
      default:
        throw new Error(`No details for channel ${channel}`);
    }
    return { body: JSON.stringify(body), idempotencyKey: `idem-${ref}`, channel, customerId };
  }

  /** How the first `count` requests spread over channels and customers. */
  describe(count: number): { channels: Record<string, number>; customers: number; maxPerCustomer: number } {
    const channels: Record<string, number> = {};
    const perCustomer = new Map<string, number>();
    for (let n = 0; n < count; n++) {
      const row = this.sample.narratives[n % this.sample.narratives.length];
      const channel = SUBMITTED_VIA[this.sample.rows[n % this.sample.rows.length]['Submitted via']] ?? 'web';
      channels[channel] = (channels[channel] ?? 0) + 1;
      const id = `${row.State.trim() || 'NA'}-${row['ZIP code'].trim() || 'NOZIP'}`;
      perCustomer.set(id, (perCustomer.get(id) ?? 0) + 1);
    }
    return { channels, customers: perCustomer.size, maxPerCustomer: Math.max(...perCustomer.values()) };
  }
}
