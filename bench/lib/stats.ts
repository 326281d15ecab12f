/** Percentiles and summaries of timings (milliseconds). */

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function summarise(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: sorted.length ? sum / sorted.length : Number.NaN,
    max: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
  };
}

/** Time one async call in milliseconds. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/**
 * Run `fn` from `clients` concurrent loops until `total` calls are made (or `seconds` pass),
 * collecting each call's latency. Errors are counted, not thrown.
 */
export async function load(
  /**
   * rate: an open loop. Request i is due at i / rate seconds and its latency counts from then,
   * so time spent waiting for a free client counts too (no coordinated omission).
   */
  options: { clients: number; total?: number; seconds?: number; rate?: number },
  fn: (i: number) => Promise<boolean>,
): Promise<{ latencies: number[]; ok: number; failed: number; elapsedMs: number }> {
  const latencies: number[] = [];
  let started = 0;
  let ok = 0;
  let failed = 0;
  const t0 = performance.now();
  const deadline = options.seconds ? t0 + options.seconds * 1000 : Number.POSITIVE_INFINITY;
  const total = options.total ?? Number.POSITIVE_INFINITY;
  await Promise.all(
    Array.from({ length: options.clients }, async () => {
      while (started < total && performance.now() < deadline) {
        const i = started++;
        let s = performance.now();
        if (options.rate) {
          const due = t0 + (i / options.rate) * 1000;
          if (due >= deadline) break;
          if (due > s) await new Promise((r) => setTimeout(r, due - s));
          s = due;
        }
        let good = false;
        try {
          good = await fn(i);
        } catch {
          good = false;
        }
        latencies.push(performance.now() - s);
        if (good) ok++;
        else failed++;
      }
    }),
  );
  return { latencies, ok, failed, elapsedMs: performance.now() - t0 };
}
