/**
 * The server the benchmarks measure: the real application (src/main/start.ts startHub) in its
 * own process, so that its resident size is its own. With BENCH_AUDIT_READS=off, audit events
 * of reads (actions ending .read, .list or .search) are dropped — only to measure what read
 * auditing costs; never a mode of the product.
 */
import { loadConfig } from '../src/config/config';
import { readEnv } from '../src/config/env';
import { startHub } from '../src/main/start';
import { UnitOfWork, type Work } from '../src/platform/db/unit-of-work';

import { isReadAction } from '../src/platform/audit/audit-log';

type Run = <T>(this: UnitOfWork, actor: Parameters<UnitOfWork['run']>[0], ctx: Parameters<UnitOfWork['run']>[1], fn: (work: Work) => Promise<T>) => Promise<T>;
const run = UnitOfWork.prototype.run as Run;

if (process.env.BENCH_AUDIT_READS === 'off') {
  UnitOfWork.prototype.run = function (actor, ctx, fn) {
    return run.call(this, actor, ctx, (work: Work) => fn({ ...work, audit: (entry) => (isReadAction(entry.action) ? undefined : work.audit(entry)) }));
  } as Run;
}

const { app } = await startHub(loadConfig(readEnv()), () => undefined);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
process.send?.('ready');
