/**
 * The server the benchmarks measure: the real application (src/main/start.ts startHub) in its
 * own process, so that its resident size is its own. With BENCH_AUDIT_READS=off, audit events
 * of reads (actions ending .read, .list or .search) are dropped — only to measure what read
 * auditing costs; never a mode of the product.
 */
import { sql } from 'kysely';
import { loadConfig } from '../src/config/config';
import { readEnv } from '../src/config/env';
import { startHub } from '../src/main/start';
import { UnitOfWork, type Work } from '../src/platform/db/unit-of-work';

const READ_ACTION = /\.(read|list|search)$/;

type Run = <T>(this: UnitOfWork, actor: Parameters<UnitOfWork['run']>[0], ctx: Parameters<UnitOfWork['run']>[1], fn: (work: Work) => Promise<T>) => Promise<T>;
const run = UnitOfWork.prototype.run as Run;

if (process.env.BENCH_AUDIT_READS === 'off') {
  UnitOfWork.prototype.run = function (actor, ctx, fn) {
    return run.call(this, actor, ctx, (work: Work) => fn({ ...work, audit: (entry) => (READ_ACTION.test(entry.action) ? undefined : work.audit(entry)) }));
  } as Run;
}

/**
 * A diagnostic, not a mode of the product: reads are audited as usual, but a unit of work whose
 * only audit events are reads commits without waiting for the WAL flush (synchronous_commit
 * off for that transaction). Shows how much of the cost of read auditing is the commit's disk
 * wait, serialised by the per-hub chain lock.
 */
if (process.env.BENCH_AUDIT_READS === 'async-commit') {
  UnitOfWork.prototype.run = function (actor, ctx, fn) {
    return run.call(this, actor, ctx, async (work: Work) => {
      const actions: string[] = [];
      const value = await fn({ ...work, audit: (entry) => (actions.push(entry.action), work.audit(entry)) });
      if (actions.length > 0 && actions.every((a) => READ_ACTION.test(a))) await sql`set local synchronous_commit = off`.execute(work.tx);
      return value;
    });
  } as Run;
}

const { app } = await startHub(loadConfig(readEnv()), () => undefined);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
process.send?.('ready');
