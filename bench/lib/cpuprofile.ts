import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  /** Self time by where the code lives: a package, one of our libs, Node internals, GC, idle. */
  selfByArea: Array<[string, number]>;
  /** Time with the area anywhere on the stack (what the area costs including what it calls). */
  inclusiveByArea: Array<[string, number]>;
  topSelf: Array<[string, number]>;
  topInclusive: Array<[string, number]>;
  /** Each sample in exactly one stage (the first rule its stack matches): what a request spends where. */
  stages: Array<[string, number]>;
}

/**
 * Stages of a request, tried in order against each sample's stack (leaf function and every frame's
 * script URL). The first match wins, so e.g. a socket write made by pg counts as "send to PostgreSQL".
 */
const STAGES: Array<[string, (leaf: string, urls: string[]) => boolean]> = [
  ['garbage collection', (leaf) => leaf === '(garbage collector)'],
  ['idle', (leaf) => leaf === '(idle)' || leaf === '(program)'],
  ['duplicate detection (shingles, Jaccard)', (_l, urls) => urls.some((u) => u.includes('/libs/domain/src/complaint/similarity'))],
  ['send a statement to PostgreSQL (socket write syscalls)', (leaf, urls) => /^write/.test(leaf) && urls.some((u) => /node_modules\/(pg|pg-protocol)\//.test(u))],
  ['node-postgres (protocol, parse results)', (_l, urls) => urls.some((u) => /node_modules\/(pg|pg-protocol|pg-pool|pg-types)\//.test(u))],
  ['TypeORM (build SQL, map entities)', (_l, urls) => urls.some((u) => u.includes('node_modules/typeorm/'))],
  ['validation (class-validator/-transformer, container lookups)', (_l, urls) => urls.some((u) => /node_modules\/(class-validator|class-transformer)\//.test(u))],
  ['idempotency hash (canonical JSON + SHA-256)', (_l, urls) => urls.some((u) => u.includes('/libs/idempotency/src/request-hash'))],
  ['logging (pino, pino-http)', (_l, urls) => urls.some((u) => /node_modules\/(pino|pino-http|nestjs-pino|pino-std-serializers|@pinojs)\//.test(u))],
  ['metrics (prom-client)', (_l, urls) => urls.some((u) => u.includes('node_modules/prom-client/'))],
  ['JSON body parsing', (_l, urls) => urls.some((u) => /node_modules\/(body-parser|raw-body|iconv-lite)\//.test(u))],
  ['HTTP, Express and Nest request handling', (_l, urls) => urls.some((u) => /node_modules\/(express|router|@nestjs|finalhandler|send|on-finished)\//.test(u) || u.startsWith('node:_http'))],
  ['our code (libs/, apps/)', (_l, urls) => urls.some((u) => /\/(libs|apps)\//.test(u))],
];

function area(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const lib = url.match(/\/libs\/([^/]+)\//);
  if (lib) return `@redress/${lib[1]}`;
  if (url.includes('/apps/')) return 'apps';
  if (url.includes('/bench/')) return 'bench (probe)';
  if (url.startsWith('node:')) return 'node (internal)';
  return basename(url);
}

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || '(anonymous)'} ${url ? `${area(url, functionName)}:${basename(url)}:${lineNumber + 1}` : ''}`.trim();
}

/** Self and inclusive time by area and by function from a V8 .cpuprofile. */
export function summariseProfile(file: string, top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const selfArea = new Map<string, number>();
  const inclArea = new Map<string, number>();
  const selfFn = new Map<string, number>();
  const stages = new Map<string, number>();
  const inclFn = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  let totalMs = 0;

  for (let i = 0; i < profile.samples.length; i++) {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    totalMs += ms;
    const leaf = byId.get(profile.samples[i]);
    if (!leaf) continue;
    add(selfArea, area(leaf.callFrame.url, leaf.callFrame.functionName), ms);
    add(selfFn, label(leaf), ms);
    const areas = new Set<string>();
    const fns = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const node = byId.get(id)!;
      if (node.callFrame.functionName === '(root)') break;
      areas.add(area(node.callFrame.url, node.callFrame.functionName));
      fns.add(label(node));
    }
    const urls: string[] = [];
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) urls.push(byId.get(id)!.callFrame.url);
    const stage = STAGES.find(([, test]) => test(leaf.callFrame.functionName, urls));
    add(stages, stage ? stage[0] : 'other (Node internals, timers, ...)', ms);
    for (const a of areas) add(inclArea, a, ms);
    for (const f of fns) add(inclFn, f, ms);
  }
  const sorted = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  return {
    totalMs,
    selfByArea: sorted(selfArea, top),
    inclusiveByArea: sorted(inclArea, top),
    topSelf: sorted(selfFn, top),
    topInclusive: sorted(inclFn, top),
    stages: sorted(stages, 50),
  };
}
