/** What every benchmark reports: one row of the results table. */
export interface BenchRow {
  /** stable id, used to compare runs: 'search.sql', 'intake.api', ... */
  id: string;
  title: string;
  status: 'measured' | 'skipped' | 'failed';
  /** why skipped or failed, or a remark on what was measured */
  note?: string;
  /** latency percentiles, ms */
  p50?: number;
  p95?: number;
  p99?: number;
  /** operations a second */
  throughput?: number;
  /** a single figure with its unit (seconds, MB, %, a share) */
  value?: number;
  unit?: string;
  /** the raw database cost of the same work, measured in the same run */
  bare?: { what: string; p50?: number; p95?: number; p99?: number; throughput?: number; value?: number };
  /** this row against its bare cost (latency: ×; throughput: bare/this) */
  ratio?: number;
  /** the target, in words, and whether it was met */
  target?: string;
  pass?: boolean;
  extra?: Record<string, number | string | null>;
}

export const skipped = (id: string, title: string, note: string): BenchRow => ({ id, title, status: 'skipped', note });
export const failed = (id: string, title: string, error: unknown): BenchRow => ({ id, title, status: 'failed', note: error instanceof Error ? error.message.split('\n')[0] : String(error) });
