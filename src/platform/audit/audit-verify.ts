import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { GENESIS_HASH, hashAuditEvent } from './audit-hash';

export interface ChainBreak {
  chainId: string;
  /** the database id of the first event that does not verify (or the one after a gap) */
  eventId: number;
  chainSeq: number;
  problem: 'hash-mismatch' | 'broken-link' | 'sequence-gap' | 'out-of-order';
}

export interface VerifyResult {
  ok: boolean;
  chains: number;
  events: number;
  firstBreak?: ChainBreak;
}

const BATCH = 5000;

/** Walks every chain in order. Any changed, deleted, reordered or forged row breaks it. */
export async function verifyAuditChains(db: Kysely<DB>, hubId?: string): Promise<VerifyResult> {
  let chainQuery = db.selectFrom('audit_event').select('chain_id').distinct();
  if (hubId) chainQuery = chainQuery.where('hub_id', '=', hubId);
  const chains = (await chainQuery.orderBy('chain_id').execute()).map((r) => r.chain_id);
  let events = 0;
  for (const chainId of chains) {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let prevId = 0;
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
          firstBreak: { chainId, eventId: row.id, chainSeq: row.chain_seq, problem },
        });
        if (row.chain_seq !== expectedSeq) return at('sequence-gap');
        // ids come from a sequence: an event slipped in later carries a higher id than its successor
        if (row.id <= prevId) return at('out-of-order');
        if (row.prev_hash !== prevHash) return at('broken-link');
        const recomputed = hashAuditEvent({
          chainId: row.chain_id,
          chainSeq: row.chain_seq,
          hubId: row.hub_id,
          occurredAt: new Date(row.occurred_at),
          actorUserId: row.actor_user_id,
          actorRole: row.actor_role,
          actorAgencyId: row.actor_agency_id,
          action: row.action,
          outcome: row.outcome,
          recordType: row.record_type,
          recordId: row.record_id,
          reason: row.reason,
          requestId: row.request_id,
          sourceAddress: row.source_address,
          details: (typeof row.details === 'string' ? JSON.parse(row.details) : row.details) as Record<string, unknown>,
          prevHash: row.prev_hash,
        });
        if (recomputed !== row.hash) return at('hash-mismatch');
        prevHash = row.hash;
        prevId = row.id;
        expectedSeq += 1;
      }
      if (rows.length < BATCH) break;
    }
  }
  return { ok: true, chains: chains.length, events };
}
