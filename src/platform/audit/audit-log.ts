import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { chainIdFor, GENESIS_HASH, hashAuditEvent } from './audit-hash';

export type AuditOutcome = 'succeeded' | 'failed' | 'refused';

/** What a service says happened; who, when and from where are added by the unit of work. */
export interface AuditEntry {
  action: string;
  outcome?: AuditOutcome;
  recordType?: string;
  recordId?: string;
  reason?: string;
  /** identifiers and counts only: never names, dates of birth or free text about a person */
  details?: Record<string, unknown>;
  /** overrides the actor's hub (sign-in events, where the actor is not yet known) */
  hubId?: string | null;
}

export interface AuditContext {
  hubId: string | null;
  actorUserId: string | null;
  actorRole: string | null;
  actorAgencyId: string | null;
  requestId: string | null;
  sourceAddress: string | null;
}

/**
 * Appends events to their hub's chain inside the caller's transaction. A transaction-scoped
 * advisory lock per chain serialises appends, so the chain has one order; it is taken last,
 * just before commit, to keep the time it is held short.
 */
export async function appendAuditEvents(
  tx: Transaction<DB>,
  context: AuditContext,
  entries: AuditEntry[],
  now: Date,
): Promise<void> {
  const byChain = new Map<string, { hubId: string | null; entries: AuditEntry[] }>();
  for (const entry of entries) {
    const hubId = entry.hubId !== undefined ? entry.hubId : context.hubId;
    const chainId = chainIdFor(hubId);
    const group = byChain.get(chainId) ?? { hubId, entries: [] };
    group.entries.push(entry);
    byChain.set(chainId, group);
  }
  // a fixed lock order prevents deadlocks between transactions touching two chains
  for (const chainId of [...byChain.keys()].sort()) {
    const { hubId, entries: chainEntries } = byChain.get(chainId)!;
    await sql`select pg_advisory_xact_lock(hashtextextended(${chainId}, 0))`.execute(tx);
    const last = await tx
      .selectFrom('audit_event')
      .select(['chain_seq', 'hash'])
      .where('chain_id', '=', chainId)
      .orderBy('chain_seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    let seq = last?.chain_seq ?? 0;
    let prevHash = last?.hash ?? GENESIS_HASH;
    const rows = chainEntries.map((entry) => {
      seq += 1;
      const fields = {
        chainId,
        chainSeq: seq,
        hubId,
        occurredAt: now,
        actorUserId: context.actorUserId,
        actorRole: context.actorRole,
        actorAgencyId: context.actorAgencyId,
        action: entry.action,
        outcome: entry.outcome ?? 'succeeded',
        recordType: entry.recordType ?? null,
        recordId: entry.recordId ?? null,
        reason: entry.reason ?? null,
        requestId: context.requestId,
        sourceAddress: context.sourceAddress,
        details: entry.details ?? {},
        prevHash,
      };
      const hash = hashAuditEvent(fields);
      prevHash = hash;
      return {
        chain_id: chainId,
        chain_seq: seq,
        hub_id: hubId,
        occurred_at: now,
        actor_user_id: fields.actorUserId,
        actor_role: fields.actorRole,
        actor_agency_id: fields.actorAgencyId,
        action: fields.action,
        outcome: fields.outcome,
        record_type: fields.recordType,
        record_id: fields.recordId,
        reason: fields.reason,
        request_id: fields.requestId,
        source_address: fields.sourceAddress,
        details: JSON.stringify(fields.details),
        prev_hash: fields.prevHash,
        hash,
      };
    });
    await tx.insertInto('audit_event').values(rows).execute();
  }
}
