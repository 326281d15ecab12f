import type { Kysely, Transaction } from 'kysely';
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

export type AuditRow = ReturnType<typeof auditRows>[number];

/** PostgreSQL types of an audit row's columns, for statements that insert rows from values lists */
export const AUDIT_COLUMN_TYPES = {
  chain_id: 'text',
  chain_seq: 'bigint',
  hub_id: 'uuid',
  occurred_at: 'timestamptz',
  actor_user_id: 'uuid',
  actor_role: 'text',
  actor_agency_id: 'uuid',
  action: 'text',
  outcome: 'text',
  record_type: 'text',
  record_id: 'text',
  reason: 'text',
  request_id: 'text',
  source_address: 'text',
  details: 'jsonb',
  prev_hash: 'text',
  hash: 'text',
} as const;

/** The rows for a unit of work's events, unsealed (see audit-seal.ts). */
export function auditRows(context: AuditContext, entries: AuditEntry[], now: Date) {
  return entries.map((entry) => {
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
}

/**
 * Writes events inside the caller's transaction, so the work and its audit commit or fail
 * together. They are written unsealed: the sealer (audit-seal.ts) chains them just after
 * commit, so appending takes no lock and concurrent work does not queue behind one chain.
 */
export async function appendAuditEvents(tx: Transaction<DB>, context: AuditContext, entries: AuditEntry[], now: Date): Promise<void> {
  if (entries.length === 0) return;
  // one statement: ids follow the entries' order, which the sealer keeps within the chain
  await tx.insertInto('audit_event').values(auditRows(context, entries, now)).execute();
}

/** A read: it changes nothing, so its event may be written just after its transaction. */
export const isReadAction = (action: string): boolean => /\.(read|list|search)$/.test(action);

export interface ReadAuditWriter {
  /** resolves once the events are committed; rejects if they could not be written */
  append(context: AuditContext, entries: AuditEntry[], now: Date): Promise<void>;
}

/**
 * Writes the events of reads, from many concurrent requests, in one statement at a time: while
 * one insert is on its way the next requests' events gather behind it. A read's answer waits
 * for its own event to be committed, and fails if it cannot be, so nothing is returned
 * unaudited; the read itself no longer waits on a disk flush of its own.
 */
export function createReadAuditWriter(db: Kysely<DB>): ReadAuditWriter {
  type Waiting = { rows: ReturnType<typeof auditRows>; resolve: () => void; reject: (e: unknown) => void };
  let queue: Waiting[] = [];
  let writing = false;
  const drain = async () => {
    writing = true;
    try {
      while (queue.length > 0) {
        const batch = queue;
        queue = [];
        try {
          await db.insertInto('audit_event').values(batch.flatMap((w) => w.rows)).execute();
          for (const w of batch) w.resolve();
        } catch (error) {
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      writing = false;
    }
  };
  return {
    append(context, entries, now) {
      if (entries.length === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        queue.push({ rows: auditRows(context, entries, now), resolve, reject });
        if (!writing) void drain();
      });
    },
  };
}
