/**
 * Queries of the decisions feature: the decision and feedback rows, disagreements with their
 * steps, the originating agencies' permissions, and the response items a dissemination may
 * include. One query per function; the service owns the transaction.
 */
import type { Selectable, Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { DecisionTable, DisagreementTable, DisseminationPermissionTable, ReferrerFeedbackTable } from '../../db/schema/decisions';
import type { Brag } from '../enquiries/domain/types';
import type { ContactDecision, Outcome } from './domain/decision';
import type { Disagreement, DisagreementSubject, EscalationLevel } from './domain/disagreement';
import type { DisseminationItem, DisseminationPermission, PermissionPurpose } from './domain/dissemination';

type Tx = Transaction<DB>;

export const findDecision = (tx: Tx, hubId: string, contactId: string) =>
  tx.selectFrom('decision').selectAll().where('hub_id', '=', hubId).where('contact_id', '=', contactId).executeTakeFirst();

export function toContactDecision(r: Selectable<DecisionTable>): ContactDecision {
  return {
    contactId: r.contact_id,
    hubId: r.hub_id,
    finalBrag: r.final_brag as Brag,
    outcome: r.outcome as Outcome,
    summary: r.summary,
    recommendation: r.recommendation,
    ...(r.nfa_rationale ? { nfaRationale: r.nfa_rationale } : {}),
    ...(r.other_service_name ? { otherService: { name: r.other_service_name, personIds: r.other_service_person_ids ?? [] } } : {}),
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
  };
}

export const findFeedback = (tx: Tx, hubId: string, contactId: string): Promise<Selectable<ReferrerFeedbackTable> | undefined> =>
  tx.selectFrom('referrer_feedback').selectAll().where('hub_id', '=', hubId).where('contact_id', '=', contactId).executeTakeFirst();

// ---- disagreements ----

export async function findDisagreement(tx: Tx, id: string): Promise<{ row: Selectable<DisagreementTable>; disagreement: Disagreement } | undefined> {
  const row = await tx.selectFrom('disagreement').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const steps = await tx.selectFrom('disagreement_step').selectAll().where('disagreement_id', '=', id).orderBy('seq').execute();
  return { row, disagreement: toDisagreement(row, steps) };
}

export function toDisagreement(
  r: Selectable<DisagreementTable>,
  steps: readonly { level: string; at: Date; by_user_id: string; reason: string }[],
): Disagreement {
  const base = {
    id: r.id,
    hubId: r.hub_id,
    ...(r.contact_id ? { contactId: r.contact_id } : {}),
    ...(r.meeting_id ? { meetingId: r.meeting_id } : {}),
    subject: r.subject as DisagreementSubject,
    description: r.description,
    raisedBy: r.raised_by,
    raisedByAgencyId: r.raised_by_agency_id,
    withAgencyIds: r.with_agency_ids,
    path: r.path as EscalationLevel[],
    level: r.level as EscalationLevel,
    steps: steps.map((s) => ({ level: s.level as EscalationLevel, at: s.at, by: s.by_user_id, reason: s.reason })),
  };
  return r.status === 'resolved'
    ? { ...base, status: 'resolved', resolution: r.resolution!, resolvedAt: r.resolved_at!, resolvedBy: r.resolved_by! }
    : { ...base, status: 'open' };
}

// ---- dissemination ----

export async function listPermissionRows(tx: Tx, hubId: string, contactId: string) {
  return tx.selectFrom('dissemination_permission').selectAll().where('hub_id', '=', hubId).where('contact_id', '=', contactId).orderBy('recorded_at').execute();
}

export function toPermission(r: Selectable<DisseminationPermissionTable>): DisseminationPermission {
  return {
    id: r.id,
    hubId: r.hub_id,
    contactId: r.contact_id,
    originAgencyId: r.origin_agency_id,
    recipient: { ...(r.recipient_agency_id ? { agencyId: r.recipient_agency_id } : {}), name: r.recipient_name },
    ...(r.item_ids ? { itemIds: r.item_ids } : {}),
    purpose: r.purpose as PermissionPurpose,
    grantedByName: r.granted_by_name,
    recordedBy: r.recorded_by,
    grantedAt: r.granted_at,
    ...(r.revoked_at ? { revokedAt: r.revoked_at } : {}),
  };
}

export interface ContactItem extends DisseminationItem {
  responseId: string;
  enquiryId: string;
  agencyName: string;
  kind: 'fact' | 'opinion';
  text: string;
  position: number;
}

/** Every response item on a contact's requests, with its originating agency. */
export async function listContactItems(tx: Tx, hubId: string, contactId: string): Promise<ContactItem[]> {
  const rows = await tx
    .selectFrom('enquiry_response_item as i')
    .innerJoin('enquiry as e', 'e.id', 'i.enquiry_id')
    .innerJoin('agency as a', 'a.id', 'i.origin_agency_id')
    .select(['i.id', 'i.response_id', 'i.enquiry_id', 'i.origin_agency_id', 'i.held_back', 'i.kind', 'i.text', 'i.position', 'a.name as agency_name'])
    .where('i.hub_id', '=', hubId)
    .where('e.contact_id', '=', contactId)
    .orderBy('a.name')
    .orderBy('i.position')
    .execute();
  return rows.map((r) => ({
    itemId: r.id,
    contactId,
    originAgencyId: r.origin_agency_id,
    heldBack: r.held_back,
    responseId: r.response_id,
    enquiryId: r.enquiry_id,
    agencyName: r.agency_name,
    kind: r.kind,
    text: r.text,
    position: r.position,
  }));
}
