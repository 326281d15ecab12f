import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { isApprovedSecureDomain } from './secure-domains';

export interface NewNotification {
  hubId: string;
  /** one person; or leave empty and name a role (and agency) to reach everyone holding it */
  userId?: string;
  role?: string;
  agencyId?: string;
  kind: 'alert' | 'task';
  topic: string;
  /** fixed text about what to do: never a person's name or details */
  message: string;
  recordType?: string;
  recordId?: string;
  dueAt?: Date;
}

/** Raise an in-app alert or task inside the caller's transaction. */
export async function notify(tx: Transaction<DB>, n: NewNotification, now: Date): Promise<string> {
  const id = randomUUID();
  await tx
    .insertInto('notification')
    .values({
      id,
      hub_id: n.hubId,
      user_id: n.userId ?? null,
      role: n.role ?? null,
      agency_id: n.agencyId ?? null,
      kind: n.kind,
      topic: n.topic,
      message: n.message,
      record_type: n.recordType ?? null,
      record_id: n.recordId ?? null,
      due_at: n.dueAt ?? null,
      created_at: now,
      read_at: null,
      completed_at: null,
      completed_by: null,
    })
    .execute();
  return id;
}

export type QueuedEmail = { status: 'pending'; id: string } | { status: 'refused'; id: string };

/**
 * Queue an email in the outbox (sent after commit by the outbox worker). An address outside the
 * approved secure domains is recorded as refused and never sent (C11; 000 ISA 1.58).
 */
export async function queueEmail(
  tx: Transaction<DB>,
  email: { hubId: string; to: string; subject: string; body: string; approvedDomains: readonly string[]; recordType?: string; recordId?: string },
  now: Date,
): Promise<QueuedEmail> {
  const id = randomUUID();
  const approved = isApprovedSecureDomain(email.to, email.approvedDomains);
  await tx
    .insertInto('outbox_email')
    .values({
      id,
      hub_id: email.hubId,
      to_address: email.to.trim().toLowerCase(),
      subject: email.subject,
      body: email.body,
      status: approved ? 'pending' : 'refused',
      last_error: approved ? null : 'domain not approved for secure transfer',
      record_type: email.recordType ?? null,
      record_id: email.recordId ?? null,
      created_at: now,
      sent_at: null,
    })
    .execute();
  return { status: approved ? 'pending' : 'refused', id };
}
