import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { AuditEventTable } from '../../db/schema/audit-event';

/** The fields of an audit event that the hash covers, in a fixed order. */
export interface HashedAuditFields {
  /** the row's id: covered so that renumbering or swapping rows breaks the chain */
  eventId: number;
  chainId: string;
  chainSeq: number;
  hubId: string | null;
  occurredAt: Date;
  actorUserId: string | null;
  actorRole: string | null;
  actorAgencyId: string | null;
  action: string;
  outcome: string;
  recordType: string | null;
  recordId: string | null;
  reason: string | null;
  requestId: string | null;
  sourceAddress: string | null;
  details: Record<string, unknown>;
  prevHash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with sorted keys, so that a jsonb round trip (which reorders keys) hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function hashAuditEvent(e: HashedAuditFields): string {
  const payload = canonicalJson([
    e.eventId,
    e.chainId,
    e.chainSeq,
    e.hubId,
    e.occurredAt.toISOString(),
    e.actorUserId,
    e.actorRole,
    e.actorAgencyId,
    e.action,
    e.outcome,
    e.recordType,
    e.recordId,
    e.reason,
    e.requestId,
    e.sourceAddress,
    e.details,
    e.prevHash,
  ]);
  return createHash('sha256').update(payload).digest('hex');
}

export const chainIdFor = (hubId: string | null): string => (hubId ? `hub:${hubId}` : 'deployment');

/** The hash a stored event has at position `chainSeq` after the event hashed `prevHash` (sealing and verifying). */
export function hashStoredEvent(row: Selectable<AuditEventTable>, chainSeq: number, prevHash: string): string {
  return hashAuditEvent({
    eventId: row.id,
    chainId: row.chain_id,
    chainSeq,
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
    prevHash,
  });
}
