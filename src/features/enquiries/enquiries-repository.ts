/**
 * Information requests, their subjects, responses and items, and the event log: Kysely queries
 * and row ↔ domain mapping. Each function is one query or one small group of writes; the
 * services decide, these store.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { EnquiryTable } from '../../db/schema/checks';
import { DomainError } from '../../platform/errors';
import type { ClockRule } from '../clocks/domain/clock-rules';
import type { CloseReason, Enquiry, EnquiryEvent, EnquirySubject } from './domain/enquiry';
import type { EnquiryResponse, ResponseItem } from './domain/response';

type Tx = Transaction<DB>;

export interface StoredEnquiry {
  enquiry: Enquiry;
  version: number;
  /** ids of the stored response and its items, for callers that link to them (dissemination) */
  responseId?: string;
  responseVersion?: number;
}

type EnquiryRow = Omit<EnquiryTable, 'version' | 'consent_ids' | 'due_rule'> & { version: number; consent_ids: string[]; due_rule: Record<string, unknown> };

const enquiryColumns = [
  'id',
  'hub_id',
  'contact_id',
  'agency_id',
  'agency_name',
  'question',
  'reason',
  'consent_basis',
  'consent_ids',
  'override_id',
  'brag',
  'due_rule',
  'due_at',
  'status',
  'sent_at',
  'sent_by',
  'acknowledged_at',
  'acknowledged_by',
  'closed_at',
  'closed_by',
  'close_reason',
  'withdrawn_at',
  'withdrawn_by',
  'withdraw_reason',
  'version',
] as const;

/** Loads requests with everything the domain needs; `where` narrows by id, contact or agency. */
async function load(tx: Tx, hubId: string, where: { ids?: string[]; contactId?: string; agencyId?: string; openOnly?: boolean; latest?: number }): Promise<StoredEnquiry[]> {
  let q = tx.selectFrom('enquiry').select(enquiryColumns).where('hub_id', '=', hubId);
  if (where.ids) q = q.where('id', 'in', where.ids.length > 0 ? where.ids : ['00000000-0000-0000-0000-000000000000']);
  if (where.contactId) q = q.where('contact_id', '=', where.contactId);
  if (where.agencyId) q = q.where('agency_id', '=', where.agencyId);
  if (where.openOnly) q = q.where('status', 'in', ['sent', 'acknowledged']);
  // queues hold every open request and the most recent answered or closed ones; a contact's are all kept
  let rows: EnquiryRow[];
  if (where.latest) {
    const open = (await q.where('status', 'in', ['sent', 'acknowledged']).orderBy('sent_at').orderBy('id').execute()) as EnquiryRow[];
    const recent = (await q.where('status', 'not in', ['sent', 'acknowledged']).orderBy('sent_at', 'desc').orderBy('id').limit(where.latest).execute()) as EnquiryRow[];
    rows = [...open, ...recent.reverse()];
  } else {
    rows = (await q.orderBy('sent_at').orderBy('agency_name').orderBy('id').execute()) as EnquiryRow[];
  }
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  // one after another: a transaction is one connection
  const subjects = await tx.selectFrom('enquiry_subject').selectAll().where('hub_id', '=', hubId).where('enquiry_id', 'in', ids).orderBy('position').execute();
  const responses = await tx.selectFrom('enquiry_response').selectAll().where('hub_id', '=', hubId).where('enquiry_id', 'in', ids).execute();
  const items = await tx.selectFrom('enquiry_response_item').selectAll().where('hub_id', '=', hubId).where('enquiry_id', 'in', ids).orderBy('position').execute();
  return rows.map((r) => {
    const subs: EnquirySubject[] = subjects
      .filter((s) => s.enquiry_id === r.id)
      .map((s) => ({
        personId: s.contact_subject_id,
        name: s.name,
        ...(s.date_of_birth ? { dateOfBirth: isoDate(s.date_of_birth) } : {}),
        ...(s.address ? { address: s.address } : {}),
        household: (s.household ?? []).map((h) => ({ ...h })),
        ...(s.role_in_contact ? { roleInContact: s.role_in_contact } : {}),
      }));
    const resp = responses.find((x) => x.enquiry_id === r.id);
    const response: EnquiryResponse | undefined = resp
      ? {
          enquiryId: r.id,
          hubId: r.hub_id,
          agencyId: resp.origin_agency_id,
          agencyName: r.agency_name,
          respondedAt: resp.responded_at,
          respondedBy: resp.responded_by,
          noInformationHeld: resp.no_information_held,
          ...(resp.agency_brag ? { agencyBrag: resp.agency_brag } : {}),
          items: items
            .filter((i) => i.enquiry_id === r.id)
            .map(
              (i): ResponseItem => ({
                id: i.id,
                kind: i.kind,
                text: i.text,
                heldBack: i.held_back,
                ...(i.held_back_reason ? { heldBackReason: i.held_back_reason } : {}),
                addedAt: i.added_at,
                addedBy: i.added_by,
                later: i.batch > 0,
              }),
            ),
          lastAddedAt: resp.last_added_at,
        }
      : undefined;
    return {
      enquiry: toEnquiry(r, subs, response),
      version: r.version,
      ...(resp ? { responseId: resp.id, responseVersion: resp.version } : {}),
    };
  });
}

function isoDate(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}

function toEnquiry(r: EnquiryRow, subjects: EnquirySubject[], response: EnquiryResponse | undefined): Enquiry {
  const base = {
    id: r.id,
    hubId: r.hub_id,
    contactId: r.contact_id,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    subjects,
    request: {
      question: r.question,
      reason: r.reason,
      consent:
        r.consent_basis === 'override'
          ? { basis: 'override' as const, consentIds: r.consent_ids, overrideId: r.override_id! }
          : { basis: 'consent' as const, consentIds: r.consent_ids },
    },
    brag: r.brag,
    dueAt: r.due_at,
    sentAt: r.sent_at,
    sentBy: r.sent_by,
    ...(r.acknowledged_at ? { acknowledgedAt: r.acknowledged_at, acknowledgedBy: r.acknowledged_by! } : {}),
  };
  switch (r.status) {
    case 'sent':
      return { ...base, status: 'sent' };
    case 'acknowledged':
      return { ...base, status: 'acknowledged', acknowledgedAt: r.acknowledged_at!, acknowledgedBy: r.acknowledged_by! };
    case 'responded':
    case 'supplemented':
      if (!response) throw new DomainError('invalid-state', 'A responded request has no stored response');
      return { ...base, status: r.status, response };
    case 'closed':
      return { ...base, status: 'closed', closedAt: r.closed_at!, closedBy: r.closed_by!, closeReason: r.close_reason as CloseReason };
    case 'withdrawn':
      return { ...base, status: 'withdrawn', withdrawnAt: r.withdrawn_at!, withdrawnBy: r.withdrawn_by!, withdrawReason: r.withdraw_reason! };
    default: {
      const unknown: never = r.status;
      throw new DomainError('invalid-state', `unknown enquiry status ${String(unknown)}`);
    }
  }
}

export const listEnquiriesForContact = (tx: Tx, hubId: string, contactId: string) => load(tx, hubId, { contactId });

/** How many requests a queue page holds at most. */
export const QUEUE_LIMIT = 500;

export const listEnquiriesForAgency = (tx: Tx, hubId: string, agencyId: string) => load(tx, hubId, { agencyId, latest: QUEUE_LIMIT });

export const listEnquiriesInHub = (tx: Tx, hubId: string) => load(tx, hubId, { latest: QUEUE_LIMIT });

export const listOpenEnquiriesForContact = (tx: Tx, hubId: string, contactId: string) => load(tx, hubId, { contactId, openOnly: true });

/** The hub and agency of a request, for the policy question before anything else is read. */
export async function findEnquiryOwner(tx: Tx, id: string, options: { forUpdate?: boolean } = {}) {
  let q = tx.selectFrom('enquiry').select(['id', 'hub_id', 'agency_id', 'contact_id', 'version']).where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function getStoredEnquiry(tx: Tx, hubId: string, id: string): Promise<StoredEnquiry> {
  const [found] = await load(tx, hubId, { ids: [id] });
  if (!found) throw new DomainError('not-found', 'Not found');
  return found;
}

export async function insertEnquiry(
  tx: Tx,
  e: Enquiry & { status: 'sent' },
  extra: { dueRule: ClockRule; subjects: Array<{ contactSubjectId: string; personId: string | null }> },
): Promise<void> {
  await tx
    .insertInto('enquiry')
    .values({
      id: e.id,
      hub_id: e.hubId,
      contact_id: e.contactId,
      agency_id: e.agencyId,
      agency_name: e.agencyName,
      question: e.request.question,
      reason: e.request.reason,
      consent_basis: e.request.consent.basis,
      consent_ids: e.request.consent.consentIds,
      override_id: e.request.consent.basis === 'override' ? e.request.consent.overrideId : null,
      brag: e.brag,
      due_rule: JSON.stringify(extra.dueRule),
      due_at: e.dueAt,
      status: 'sent',
      sent_at: e.sentAt,
      sent_by: e.sentBy,
      acknowledged_at: null,
      acknowledged_by: null,
      closed_at: null,
      closed_by: null,
      close_reason: null,
      withdrawn_at: null,
      withdrawn_by: null,
      withdraw_reason: null,
    })
    .execute();
  await tx
    .insertInto('enquiry_subject')
    .values(
      e.subjects.map((s, i) => ({
        id: randomUUID(),
        hub_id: e.hubId,
        enquiry_id: e.id,
        contact_subject_id: s.personId,
        person_id: extra.subjects.find((x) => x.contactSubjectId === s.personId)?.personId ?? null,
        position: i,
        name: s.name,
        date_of_birth: s.dateOfBirth ?? null,
        address: s.address ?? null,
        household: JSON.stringify(s.household),
        role_in_contact: s.roleInContact ?? null,
      })),
    )
    .execute();
}

/**
 * Moves the request to its next state when nobody else has since (`version`): the second of two
 * people acting at once is told with `conflict`, and nothing of theirs is stored.
 */
export async function updateEnquiryState(tx: Tx, next: Enquiry, expectedVersion: number): Promise<number> {
  const set: Record<string, unknown> = { status: next.status, version: sql`version + 1` };
  switch (next.status) {
    case 'sent':
      break;
    case 'acknowledged':
      set.acknowledged_at = next.acknowledgedAt;
      set.acknowledged_by = next.acknowledgedBy;
      break;
    case 'responded':
    case 'supplemented':
      break;
    case 'closed':
      set.closed_at = next.closedAt;
      set.closed_by = next.closedBy;
      set.close_reason = next.closeReason;
      break;
    case 'withdrawn':
      set.withdrawn_at = next.withdrawnAt;
      set.withdrawn_by = next.withdrawnBy;
      set.withdraw_reason = next.withdrawReason;
      break;
    default: {
      const unknown: never = next;
      throw new DomainError('invalid-state', `unknown enquiry status ${(unknown as Enquiry).status}`);
    }
  }
  const updated = await tx
    .updateTable('enquiry')
    .set(set)
    .where('id', '=', next.id)
    .where('version', '=', expectedVersion)
    .returning('version')
    .executeTakeFirst();
  if (!updated) {
    throw new DomainError('conflict', 'Someone else acted on this request while you were working on it. Nothing you entered was saved: check the request and try again.');
  }
  return updated.version;
}

export async function insertResponse(tx: Tx, response: EnquiryResponse): Promise<string> {
  const id = randomUUID();
  const inserted = await tx
    .insertInto('enquiry_response')
    .values({
      id,
      hub_id: response.hubId,
      enquiry_id: response.enquiryId,
      origin_agency_id: response.agencyId,
      responded_at: response.respondedAt,
      responded_by: response.respondedBy,
      no_information_held: response.noInformationHeld,
      agency_brag: response.agencyBrag ?? null,
      last_added_at: response.lastAddedAt,
    })
    .onConflict((oc) => oc.column('enquiry_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) throw new DomainError('conflict', 'Someone from your agency answered this request at the same moment. Your answer was not saved: read theirs and add to it.');
  return id;
}

export async function updateResponseAfterAddition(tx: Tx, responseId: string, response: EnquiryResponse, expectedVersion: number): Promise<void> {
  const updated = await tx
    .updateTable('enquiry_response')
    .set({ no_information_held: response.noInformationHeld, agency_brag: response.agencyBrag ?? null, last_added_at: response.lastAddedAt, version: sql`version + 1` })
    .where('id', '=', responseId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) throw new DomainError('conflict', 'Someone else added to this response at the same moment. Nothing you entered was saved: check it and try again.');
}

/** Stores new items after the `startPosition`th; returns their ids in order. */
export async function insertItems(
  tx: Tx,
  input: { hubId: string; responseId: string; enquiryId: string; originAgencyId: string; batch: number; startPosition: number; items: readonly ResponseItem[] },
): Promise<string[]> {
  if (input.items.length === 0) return [];
  const rows = input.items.map((item, i) => ({
    id: randomUUID(),
    hub_id: input.hubId,
    response_id: input.responseId,
    enquiry_id: input.enquiryId,
    origin_agency_id: input.originAgencyId,
    position: input.startPosition + i + 1,
    batch: input.batch,
    kind: item.kind,
    text: item.text,
    held_back: item.heldBack,
    held_back_reason: item.heldBack ? item.heldBackReason ?? null : null,
    added_at: item.addedAt,
    added_by: item.addedBy,
  }));
  await tx.insertInto('enquiry_response_item').values(rows).execute();
  return rows.map((r) => r.id);
}

export async function nextBatch(tx: Tx, responseId: string): Promise<number> {
  const row = await tx.selectFrom('enquiry_response_item').select(sql<number>`coalesce(max(batch), 0)`.as('batch')).where('response_id', '=', responseId).executeTakeFirst();
  return Number(row?.batch ?? 0) + 1;
}

export async function insertEvent(tx: Tx, event: EnquiryEvent, byAgencyId: string, details: Record<string, unknown> = {}): Promise<void> {
  await tx
    .insertInto('enquiry_event')
    .values({
      id: randomUUID(),
      hub_id: event.hubId,
      enquiry_id: event.enquiryId,
      type: event.type,
      status: event.status,
      at: event.at,
      by_user_id: event.by,
      by_agency_id: byAgencyId,
      details: JSON.stringify(details),
    })
    .execute();
}

export async function listEvents(tx: Tx, hubId: string, enquiryIds: readonly string[]) {
  if (enquiryIds.length === 0) return [];
  return tx
    .selectFrom('enquiry_event')
    .innerJoin('app_user', 'app_user.id', 'enquiry_event.by_user_id')
    .select(['enquiry_event.enquiry_id', 'enquiry_event.type', 'enquiry_event.status', 'enquiry_event.at', 'app_user.display_name as by_name'])
    .where('enquiry_event.hub_id', '=', hubId)
    .where('enquiry_event.enquiry_id', 'in', [...enquiryIds])
    .orderBy('enquiry_event.at')
    .execute();
}
