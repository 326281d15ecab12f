/**
 * Appends generated audit events to a hub's hash chain exactly as the application does
 * (platform/audit), so that `openmash audit verify` passes on a generated database.
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../src/db/schema';
import { chainIdFor, GENESIS_HASH, hashAuditEvent } from '../../src/platform/audit/audit-hash';
import { AUDIT_COLUMN_TYPES } from '../../src/platform/audit/audit-log';
import { insertUnnest } from '../lib/bench-db';

const AUDIT_COLUMNS = { id: 'bigint', ...AUDIT_COLUMN_TYPES };

export interface GeneratedEvent {
  at: Date;
  actor: { id: string; role: string; agencyId: string } | null;
  action: string;
  recordType?: string;
  recordId?: string;
  outcome?: 'succeeded' | 'failed' | 'refused';
  /** ids and counts only */
  details?: Record<string, unknown>;
  requestId: string;
}

/** Sorts by time and appends after the chain's current head, in this transaction. */
export async function appendGenerated(tx: Transaction<DB>, hubId: string, events: GeneratedEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const chainId = chainIdFor(hubId);
  const head = await tx
    .selectFrom('audit_event')
    .select(['chain_seq', 'hash'])
    .where('chain_id', '=', chainId)
    .where('chain_seq', 'is not', null)
    .orderBy('chain_seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  let seq = head?.chain_seq ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  const sorted = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
  // the hash covers the event's id: take the ids from the sequence first
  const ids = await sql<{ id: string }>`select nextval('audit_event_id_seq')::text as id from generate_series(1, ${sorted.length})`.execute(tx);
  const rows = sorted.map((e, i) => {
    seq += 1;
    const fields = {
      eventId: Number(ids.rows[i].id),
      chainId,
      chainSeq: seq,
      hubId,
      occurredAt: e.at,
      actorUserId: e.actor?.id ?? null,
      actorRole: e.actor?.role ?? null,
      actorAgencyId: e.actor?.agencyId ?? null,
      action: e.action,
      outcome: e.outcome ?? 'succeeded',
      recordType: e.recordType ?? null,
      recordId: e.recordId ?? null,
      reason: null,
      requestId: e.requestId,
      sourceAddress: null,
      details: e.details ?? {},
      prevHash,
    };
    const hash = hashAuditEvent(fields);
    prevHash = hash;
    return {
      id: fields.eventId,
      chain_id: chainId,
      chain_seq: seq,
      hub_id: hubId,
      occurred_at: e.at,
      actor_user_id: fields.actorUserId,
      actor_role: fields.actorRole,
      actor_agency_id: fields.actorAgencyId,
      action: e.action,
      outcome: fields.outcome,
      record_type: fields.recordType,
      record_id: fields.recordId,
      reason: null,
      request_id: e.requestId,
      source_address: null,
      details: JSON.stringify(fields.details),
      prev_hash: fields.prevHash,
      hash,
    };
  });
  // one statement per batch, in chain order
  await insertUnnest(tx, 'audit_event', AUDIT_COLUMNS, rows, 20_000);
  return rows.length;
}
