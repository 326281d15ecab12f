import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { GENESIS_HASH, hashStoredEvent } from './audit-hash';

/** One sealer at a time across every server process sharing the database. */
const SEALER_LOCK = sql`hashtextextended('openmash:audit-sealer', 0)`;
const BATCH = 2000;

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Gives committed, unsealed audit events their place in their hub's chain: the next sequence
 * number, the previous event's hash and their own hash. Events are sealed in the order they are
 * seen committed (by id within a batch), so an event's chain position is fixed within moments
 * of its commit and never changes after. Returns how many it sealed.
 *
 * wait: block until another sealer finishes (verification); otherwise leave it to that one.
 */
export async function sealAuditEvents(db: Db, options: { wait?: boolean } = {}): Promise<number> {
  let sealed = 0;
  for (;;) {
    const n = await inTransaction(db, (tx) => sealBatch(tx, options.wait ?? false));
    if (n === null) return sealed;
    sealed += n;
    if (n < BATCH) return sealed;
  }
}

async function inTransaction<T>(db: Db, fn: (tx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db as Transaction<DB>) : (db as Kysely<DB>).transaction().execute(fn);
}

/** null: another sealer holds the lock */
async function sealBatch(tx: Transaction<DB>, wait: boolean): Promise<number | null> {
  if (wait) await sql`select pg_advisory_xact_lock(${SEALER_LOCK})`.execute(tx);
  else {
    const got = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${SEALER_LOCK}) as ok`.execute(tx);
    if (!got.rows[0]?.ok) return null;
  }
  const rows = await tx.selectFrom('audit_event').selectAll().where('hash', 'is', null).orderBy('id').limit(BATCH).execute();
  if (rows.length === 0) return 0;
  const tails = new Map<string, { seq: number; hash: string }>();
  const ids: number[] = [];
  const seqs: number[] = [];
  const prevs: string[] = [];
  const hashes: string[] = [];
  for (const row of rows) {
    let tail = tails.get(row.chain_id);
    if (!tail) {
      const last = await tx
        .selectFrom('audit_event')
        .select(['chain_seq', 'hash'])
        .where('chain_id', '=', row.chain_id)
        .where('chain_seq', 'is not', null)
        .orderBy('chain_seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      tail = { seq: last?.chain_seq ?? 0, hash: last?.hash ?? GENESIS_HASH };
    }
    const seq = tail.seq + 1;
    const hash = hashStoredEvent(row, seq, tail.hash);
    ids.push(row.id);
    seqs.push(seq);
    prevs.push(tail.hash);
    hashes.push(hash);
    tails.set(row.chain_id, { seq, hash });
  }
  await sql`
    update audit_event e set chain_seq = s.seq, prev_hash = s.prev, hash = s.hash
    from unnest(${ids}::bigint[], ${seqs}::bigint[], ${prevs}::text[], ${hashes}::text[]) as s(id, seq, prev, hash)
    where e.id = s.id and e.hash is null`.execute(tx);
  return rows.length;
}

export interface AuditSealer {
  /** seal soon: called after a unit of work that wrote audit events commits */
  kick(): void;
  /** seal what is pending now and wait for it */
  flush(): Promise<void>;
  /** stop the timer and finish the sealing in progress */
  stop(): Promise<void>;
}

/**
 * Seals shortly after each commit (coalescing bursts into one batch) and every few seconds in
 * case another process wrote events. A failed sealing is retried on the next tick: the events
 * are already committed, so nothing is lost, only sealed later.
 */
export function createAuditSealer(db: Kysely<DB>, options: { delayMs?: number; intervalMs?: number; onError?: (e: unknown) => void } = {}): AuditSealer {
  const delayMs = options.delayMs ?? 50;
  let scheduled: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await sealAuditEvents(db);
        } while (again && !stopped);
      } catch (e) {
        options.onError?.(e);
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
  const interval = setInterval(() => void run(), options.intervalMs ?? 5000);
  interval.unref();
  return {
    kick() {
      if (stopped || scheduled) return;
      scheduled = setTimeout(() => {
        scheduled = undefined;
        void run();
      }, delayMs);
      scheduled.unref();
    },
    async flush() {
      await running;
      await run();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(interval);
      if (scheduled) clearTimeout(scheduled);
      scheduled = undefined;
      await running;
      // a last sealing, so a clean stop leaves nothing for the next start
      await run();
    },
  };
}
