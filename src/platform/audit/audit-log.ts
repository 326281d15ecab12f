import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { chainIdFor } from './audit-hash';

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
 * Writes events inside the caller's transaction, so the work and its audit commit or fail
 * together. They are written unsealed: the sealer (audit-seal.ts) chains them just after
 * commit, so appending takes no lock and concurrent work does not queue behind one chain.
 */
export async function appendAuditEvents(tx: Transaction<DB>, context: AuditContext, entries: AuditEntry[], now: Date): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((entry) => {
    const hubId = entry.hubId !== undefined ? entry.hubId : context.hubId;
    return {
      chain_id: chainIdFor(hubId),
      chain_seq: null,
      hub_id: hubId,
      occurred_at: now,
      actor_user_id: context.actorUserId,
      actor_role: context.actorRole,
      actor_agency_id: context.actorAgencyId,
      action: entry.action,
      outcome: entry.outcome ?? 'succeeded',
      record_type: entry.recordType ?? null,
      record_id: entry.recordId ?? null,
      reason: entry.reason ?? null,
      request_id: context.requestId,
      source_address: context.sourceAddress,
      details: JSON.stringify(entry.details ?? {}),
      prev_hash: null,
      hash: null,
    };
  });
  // one statement: ids follow the entries' order, which the sealer keeps within the chain
  await tx.insertInto('audit_event').values(rows).execute();
}
