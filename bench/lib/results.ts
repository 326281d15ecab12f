/**
 * Each run is kept as JSON in bench/results/ (named by date and backend) and summarised in
 * latest.md; a run is compared with the previous run of the same backend and scale, so a change
 * that makes something slower shows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from '../suites/types';
import type { Machine } from './machine';

export const RESULTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../results');

export interface RunResult {
  startedAt: string;
  backend: 'postgres' | 'pglite';
  /** the database server's version (PGlite embeds its own Postgres) */
  databaseVersion: string;
  machine: Machine;
  scale: { persons: number; years: number; contactsPerYear: number; backlog: number; seed: string; personsIndexed: boolean };
  options: Record<string, unknown>;
  rows: BenchRow[];
  seconds: number;
}

export interface Change {
  id: string;
  metric: string;
  before: number;
  after: number;
  /** relative change, + is larger */
  change: number;
  /** true when the change is for the worse (slower, fewer a second, more memory) */
  worse: boolean;
}

/** Figures compared between runs; for each, whether a higher value is better. */
const COMPARED: Array<[keyof BenchRow | `extra.${string}`, boolean]> = [
  ['p50', false],
  ['p95', false],
  ['p99', false],
  ['throughput', true],
  ['value', false],
  ['extra.recallAt10', true],
  ['extra.top1Precision', true],
];

function figure(row: BenchRow, metric: string): number | undefined {
  const v = metric.startsWith('extra.') ? row.extra?.[metric.slice(6)] : (row as unknown as Record<string, unknown>)[metric];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function compareRuns(before: RunResult, after: RunResult, threshold = 0.1): Change[] {
  const out: Change[] = [];
  for (const row of after.rows) {
    const old = before.rows.find((r) => r.id === row.id && r.status === 'measured');
    if (!old || row.status !== 'measured') continue;
    for (const [metric, higherIsBetter] of COMPARED) {
      const a = figure(old, metric);
      const b = figure(row, metric);
      if (a === undefined || b === undefined || a === 0) continue;
      const change = (b - a) / Math.abs(a);
      // every single-figure row (seconds, MB, overhead %) is better lower
      const better = higherIsBetter ? change > 0 : change < 0;
      if (Math.abs(change) >= threshold) out.push({ id: row.id, metric, before: a, after: b, change, worse: !better });
    }
  }
  return out;
}

export function listRuns(backend?: string): Array<{ file: string; run: RunResult }> {
  if (!fs.existsSync(RESULTS_DIR)) return [];
  return fs
    .readdirSync(RESULTS_DIR)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.tmp.json'))
    .sort()
    .map((f) => ({ file: f, run: JSON.parse(fs.readFileSync(path.join(RESULTS_DIR, f), 'utf8')) as RunResult }))
    .filter((r) => r.run.rows && (!backend || r.run.backend === backend));
}

const sameScale = (a: RunResult, b: RunResult) => a.scale.persons === b.scale.persons && a.scale.years === b.scale.years && a.scale.backlog === b.scale.backlog && a.scale.contactsPerYear === b.scale.contactsPerYear;

export function previousRun(run: RunResult): RunResult | undefined {
  return listRuns(run.backend)
    .map((r) => r.run)
    .filter((r) => r.startedAt < run.startedAt && sameScale(r, run))
    .pop();
}

export function saveRun(run: RunResult): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = run.startedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const file = path.join(RESULTS_DIR, `${stamp}-${run.backend}.json`);
  fs.writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`);
  return file;
}

// ---------------------------------------------------------------------------------------------
// formatting

const ms = (v?: number) => (v === undefined ? '' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

function main(row: BenchRow): string {
  if (row.status !== 'measured') return row.status === 'skipped' ? 'not available yet' : 'FAILED';
  const parts: string[] = [];
  if (row.p50 !== undefined && row.unit !== 's') parts.push(`p50 ${ms(row.p50)} / p95 ${ms(row.p95)} / p99 ${ms(row.p99)} ms`);
  if (row.throughput !== undefined) parts.push(`${row.throughput.toFixed(0)}/s`);
  if (row.value !== undefined) parts.push(`${row.unit === 's' ? row.value.toFixed(2) : row.unit === '%' ? row.value.toFixed(1) : row.value.toFixed(0)} ${row.unit ?? ''}`.trim());
  if (row.extra?.recallAt10 !== undefined) parts.push(`recall@10 ${row.extra.recallAt10}, top-1 ${row.extra.top1Precision}`);
  const shown = new Set(['recallAt10', 'top1Precision']);
  const more = Object.entries(row.extra ?? {}).filter(([k]) => !shown.has(k));
  if (more.length > 0) parts.push(`<small>${more.map(([k, v]) => `${k} ${v}`).join(', ')}</small>`);
  return parts.join('; ');
}

function bare(row: BenchRow): string {
  if (!row.bare) return '';
  const b = row.bare;
  const parts: string[] = [];
  if (b.p50 !== undefined) parts.push(b.p95 !== undefined ? `p50 ${ms(b.p50)} / p95 ${ms(b.p95)} ms` : `${ms(b.p50)} ms`);
  if (b.throughput !== undefined) parts.push(`${b.throughput.toFixed(0)}/s`);
  if (b.value !== undefined) parts.push(String(b.value));
  return `${parts.join('; ')} (${b.what})`;
}

export function formatTable(run: RunResult, changes: Change[] = []): string {
  const m = run.machine;
  const lines = [
    `Backend: ${run.backend === 'postgres' ? `PostgreSQL ${run.databaseVersion}` : `PGlite (Postgres ${run.databaseVersion}, in-process, fsync off)`}`,
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, ${m.os}, Node ${m.node}; load average ${m.loadAverage} at start`,
    `Scale: ${run.scale.persons} persons${run.scale.personsIndexed ? '' : ' (not indexed: no person tables)'}, ${run.scale.years} years × ${run.scale.contactsPerYear} contacts, backlog ${run.scale.backlog} open contacts; seed ${run.scale.seed}`,
    `Run: ${run.startedAt}, ${run.seconds.toFixed(0)} s`,
    '',
    '| measure | result | bare database cost | ratio | target | met |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of run.rows) {
    const ratio = r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`;
    const met = r.pass === undefined ? '' : r.pass ? 'yes' : '**no**';
    const note = r.note ? ` — ${r.note}` : '';
    lines.push(`| ${r.title}${note} | ${main(r)} | ${bare(r)} | ${ratio} | ${r.target ?? ''} | ${met} |`);
  }
  if (changes.length > 0) {
    lines.push('', 'Changes of 10% or more since the previous run at this scale:', '');
    for (const c of changes) lines.push(`- ${c.id} ${c.metric}: ${ms(c.before)} → ${ms(c.after)} (${c.change > 0 ? '+' : ''}${(c.change * 100).toFixed(0)}%${c.worse ? ', WORSE' : ', better'})`);
  }
  return lines.join('\n');
}

/** latest.md: the latest run of each backend, with its comparison. */
export function writeLatest(): string {
  const sections: string[] = ['# Latest benchmark results', '', 'Written by `npm run bench`; every run is kept as JSON beside this file. See docs/evidence.md for what the figures mean and what they do not show.', ''];
  for (const backend of ['postgres', 'pglite'] as const) {
    const runs = listRuns(backend);
    const last = runs[runs.length - 1]?.run;
    if (!last) continue;
    const prev = previousRun(last);
    sections.push(`## ${backend === 'postgres' ? 'PostgreSQL' : 'PGlite'} (${runs[runs.length - 1].file})`, '', formatTable(last, prev ? compareRuns(prev, last) : []), '');
  }
  const file = path.join(RESULTS_DIR, 'latest.md');
  fs.writeFileSync(file, `${sections.join('\n')}\n`);
  return file;
}
