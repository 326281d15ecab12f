import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { GENESIS_HASH, hashStoredEvent } from './audit-hash';
import { sealAuditEvents } from './audit-seal';

export interface ChainBreak {
  chainId: string;
  /** the database id of the first event that does not verify (or the one after a gap) */
  eventId: number;
  chainSeq: number;
  problem: 'hash-mismatch' | 'broken-link' | 'sequence-gap';
}

export interface VerifyResult {
  ok: boolean;
  chains: number;
  events: number;
  firstBreak?: ChainBreak;
}

const BATCH = 5000;

/**
 * Seals what is pending, then walks every chain in order. Any changed, deleted, reordered or
 * forged row breaks it.
 */
export async function verifyAuditChains(db: Kysely<DB>, hubId?: string): Promise<VerifyResult> {
  await sealAuditEvents(db, { wait: true });
  let chainQuery = db.selectFrom('audit_event').select('chain_id').distinct();
  if (hubId) chainQuery = chainQuery.where('hub_id', '=', hubId);
  const chains = (await chainQuery.orderBy('chain_id').execute()).map((r) => r.chain_id);
  let events = 0;
  for (const chainId of chains) {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    for (;;) {
      const rows = await db
        .selectFrom('audit_event')
        .selectAll()
        .where('chain_id', '=', chainId)
        .where('chain_seq', '>=', expectedSeq)
        .orderBy('chain_seq')
        .limit(BATCH)
        .execute();
      if (rows.length === 0) break;
      for (const row of rows) {
        events += 1;
        const at = (problem: ChainBreak['problem']): VerifyResult => ({
          ok: false,
          chains: chains.length,
          events,
          firstBreak: { chainId, eventId: row.id, chainSeq: row.chain_seq ?? 0, problem },
        });
        if (row.chain_seq !== expectedSeq) return at('sequence-gap');
        if (row.prev_hash !== prevHash) return at('broken-link');
        const recomputed = hashStoredEvent(row, expectedSeq, prevHash);
        if (recomputed !== row.hash) return at('hash-mismatch');
        prevHash = row.hash!;
        expectedSeq += 1;
      }
      if (rows.length < BATCH) break;
    }
  }
  return { ok: true, chains: chains.length, events };
}
