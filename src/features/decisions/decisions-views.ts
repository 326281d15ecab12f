/**
 * The views the decisions pages and API show, read in the caller's transaction, and the small
 * helpers the decisions commands share.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { hasPermission, type Actor, type Permission } from '../../platform/access/policy';
import type { Work } from '../../platform/db/unit-of-work';
import { DomainError } from '../../platform/errors';
import { loadChecksContact, type ChecksContact } from '../checks/checks-contact';
import type { ContactStatus } from '../contacts/domain/status';
import type { ContactResponse } from '../enquiries/enquiries-service';
import { OUTCOMES, type Outcome } from './domain/decision';
import { DISAGREEMENT_SUBJECTS, ESCALATION_LEVELS, type EscalationLevel } from './domain/disagreement';
import { PERMISSION_PURPOSES, type PermissionPurpose } from './domain/dissemination';
import { FEEDBACK_METHODS, type FeedbackMethod } from './domain/feedback';
import { findDecision, findFeedback, listPermissionRows, toDisagreement } from './decisions-repository';
import type { ContactClockView } from './hub-clocks';

type Tx = Transaction<DB>;

export interface DecisionView {
  id: string;
  contactId: string;
  finalBrag: string;
  outcome: Outcome;
  outcomeLabel: string;
  summary: string;
  recommendation: string;
  nfaRationale: string | null;
  otherService: { name: string; personIds: string[] } | null;
  decidedBy: string;
  decidedByName: string;
  decidedAt: Date;
  closedEnquiryCount: number;
}

export interface FeedbackView {
  id: string;
  status: 'sent' | 'not-possible';
  method: FeedbackMethod | null;
  methodLabel: string | null;
  to: string | null;
  dueAt: Date;
  sentAt: Date | null;
  late: boolean | null;
  notPossibleReason: string | null;
  queued: boolean;
}

export interface DisagreementView {
  id: string;
  contactId: string | null;
  contactReference: string | null;
  meetingId: string | null;
  subject: string;
  subjectLabel: string;
  description: string;
  raisedByName: string;
  raisedByAgencyId: string;
  raisedByAgencyName: string;
  withAgencyIds: string[];
  withAgencyNames: string[];
  status: 'open' | 'resolved';
  level: EscalationLevel;
  levelLabel: string;
  path: { level: EscalationLevel; label: string }[];
  nextLevels: { level: EscalationLevel; label: string }[];
  steps: { level: EscalationLevel; levelLabel: string; at: Date; byName: string; reason: string }[];
  resolution: string | null;
  resolvedAt: Date | null;
  raisedAt: Date;
  version: number;
}

export interface PermissionView {
  id: string;
  originAgencyId: string;
  originAgencyName: string;
  recipientAgencyId: string | null;
  recipientName: string;
  itemIds: string[] | null;
  purpose: PermissionPurpose;
  purposeLabel: string;
  grantedByName: string;
  grantedAt: Date;
  recordedByName: string;
  revokedAt: Date | null;
}

export interface ItemView {
  itemId: string;
  originAgencyId: string;
  agencyName: string;
  kind: 'fact' | 'opinion';
  text: string;
  heldBack: boolean;
}

export interface DecisionOverview {
  contact: {
    id: string;
    reference: string;
    status: ContactStatus;
    statusLabel: string;
    version: number;
    receivedAt: Date;
    initialBrag: string | null;
    referrer: { kind: string; name: string | null; organisation: string | null; email: string | null; phone: string | null; address: string | null; emailApproved: boolean };
  };
  people: { subjectId: string; name: string; roleLabel: string; dateOfBirth: string | null; consent: string | null }[];
  responses: ContactResponse[];
  decision: DecisionView | null;
  feedback: FeedbackView | null;
  clocks: ContactClockView[];
  disagreements: DisagreementView[];
  permissions: PermissionView[];
  /** response items, for the decision maker's dissemination and permission forms */
  items: ItemView[];
  meetings: { id: string; kind: string; status: string; startsAt: Date }[];
  can: { decide: boolean; feedback: boolean; disagree: boolean; disseminate: boolean; permit: boolean; convene: boolean };
}

export interface DisclosureView {
  id: string;
  contactId: string | null;
  contactReference: string | null;
  personIds: string[];
  recipientKind: string;
  recipientAgencyId: string | null;
  recipientName: string;
  recipientEmail: string | null;
  channel: string;
  shared: boolean;
  what: string;
  purpose: string;
  legalBases: { code: string; label: string }[];
  consentBasis: string;
  itemCount: number;
  items: { itemId: string; originAgencyId: string; permissionId?: string }[];
  reasonNotShared: string | null;
  decidedBy: string;
  decidedByName: string;
  decidedAt: Date;
  sourceType: string | null;
  sourceId: string | null;
}

export interface DisclosureSearchResult {
  scope: { contactIds: string[]; contactReferences: string[]; personIds: string[]; familyIncluded: boolean };
  entries: DisclosureView[];
}

export const isBlank = (v: string | undefined | null) => v === undefined || v === null || v.trim() === '';

/**
 * A role without the permission at all is told "forbidden" (that tells nothing about the record);
 * a role that has it, asking about another hub's or agency's record, is told "not found".
 */
export const hideFor = (actor: Actor, permission: Permission) => ({ hide: hasPermission(actor.role, permission) });

export function isApproved(email: string, domains: readonly string[]): boolean {
  const at = email.lastIndexOf('@');
  const domain = at > 0 ? email.slice(at + 1).trim().toLowerCase() : '';
  return domain !== '' && domains.some((d) => domain === d.toLowerCase() || domain.endsWith(`.${d.toLowerCase()}`));
}

export async function names(tx: Tx, userIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(userIds.filter(Boolean))];
  if (ids.length === 0) return new Map();
  const rows = await tx.selectFrom('app_user').select(['id', 'display_name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export async function agencyNames(tx: Tx, hubId: string): Promise<Map<string, string>> {
  const rows = await tx.selectFrom('agency').select(['id', 'name']).where('hub_id', '=', hubId).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function decisionView(tx: Tx, hubId: string, contactId: string): Promise<DecisionView | null> {
  const r = await findDecision(tx, hubId, contactId);
  if (!r) return null;
  const who = await names(tx, [r.decided_by]);
  return {
    id: r.id,
    contactId: r.contact_id,
    finalBrag: r.final_brag,
    outcome: r.outcome as Outcome,
    outcomeLabel: OUTCOMES[r.outcome as Outcome] ?? r.outcome,
    summary: r.summary,
    recommendation: r.recommendation,
    nfaRationale: r.nfa_rationale,
    otherService: r.other_service_name ? { name: r.other_service_name, personIds: r.other_service_person_ids ?? [] } : null,
    decidedBy: r.decided_by,
    decidedByName: who.get(r.decided_by) ?? '',
    decidedAt: r.decided_at,
    closedEnquiryCount: r.closed_enquiry_count,
  };
}

export async function feedbackView(tx: Tx, hubId: string, contactId: string): Promise<FeedbackView | null> {
  const r = await findFeedback(tx, hubId, contactId);
  if (!r) return null;
  return {
    id: r.id,
    status: r.status,
    method: r.method,
    methodLabel: r.method ? FEEDBACK_METHODS[r.method] : null,
    to: r.to_address,
    dueAt: r.due_at,
    sentAt: r.sent_at,
    late: r.late,
    notPossibleReason: r.not_possible_reason,
    queued: r.outbox_email_id !== null,
  };
}

export async function disagreementViews(tx: Tx, hubId: string, where: { contactId?: string; id?: string; openOnly?: boolean }): Promise<DisagreementView[]> {
  let q = tx.selectFrom('disagreement').selectAll().where('hub_id', '=', hubId);
  if (where.contactId) q = q.where('contact_id', '=', where.contactId);
  if (where.id) q = q.where('id', '=', where.id);
  if (where.openOnly) q = q.where('status', '=', 'open');
  const rows = await q.orderBy('raised_at', 'desc').limit(200).execute();
  if (rows.length === 0) return [];
  const steps = await tx.selectFrom('disagreement_step').selectAll().where('disagreement_id', 'in', rows.map((r) => r.id)).orderBy('seq').execute();
  const agencies = await agencyNames(tx, hubId);
  const who = await names(tx, [...rows.map((r) => r.raised_by), ...steps.map((s) => s.by_user_id)]);
  const contactIds = [...new Set(rows.map((r) => r.contact_id).filter((c): c is string => c !== null))];
  const refs = contactIds.length ? await tx.selectFrom('contact').select(['id', 'reference']).where('id', 'in', contactIds).execute() : [];
  return rows.map((r) => {
    const d = toDisagreement(r, steps.filter((s) => s.disagreement_id === r.id));
    const here = d.path.indexOf(d.level);
    return {
      id: d.id,
      contactId: r.contact_id,
      contactReference: refs.find((c) => c.id === r.contact_id)?.reference ?? null,
      meetingId: r.meeting_id,
      subject: d.subject,
      subjectLabel: DISAGREEMENT_SUBJECTS[d.subject] ?? d.subject,
      description: d.description,
      raisedByName: who.get(d.raisedBy) ?? '',
      raisedByAgencyId: d.raisedByAgencyId,
      raisedByAgencyName: agencies.get(d.raisedByAgencyId) ?? '',
      withAgencyIds: d.withAgencyIds,
      withAgencyNames: d.withAgencyIds.map((a) => agencies.get(a) ?? ''),
      status: d.status,
      level: d.level,
      levelLabel: ESCALATION_LEVELS[d.level],
      path: d.path.map((l) => ({ level: l, label: ESCALATION_LEVELS[l] })),
      nextLevels: d.status === 'open' ? d.path.slice(here + 1).map((l) => ({ level: l, label: ESCALATION_LEVELS[l] })) : [],
      steps: d.steps.map((s) => ({ level: s.level, levelLabel: ESCALATION_LEVELS[s.level], at: s.at, byName: who.get(s.by) ?? '', reason: s.reason })),
      resolution: d.status === 'resolved' ? d.resolution : null,
      resolvedAt: d.status === 'resolved' ? d.resolvedAt : null,
      raisedAt: r.raised_at,
      version: r.version,
    };
  });
}

export async function permissionViews(tx: Tx, hubId: string, contactId: string): Promise<PermissionView[]> {
  const rows = await listPermissionRows(tx, hubId, contactId);
  const agencies = await agencyNames(tx, hubId);
  const who = await names(tx, rows.map((r) => r.recorded_by));
  return rows.map((r) => ({
    id: r.id,
    originAgencyId: r.origin_agency_id,
    originAgencyName: agencies.get(r.origin_agency_id) ?? '',
    recipientAgencyId: r.recipient_agency_id,
    recipientName: r.recipient_name,
    itemIds: r.item_ids,
    purpose: r.purpose,
    purposeLabel: PERMISSION_PURPOSES[r.purpose],
    grantedByName: r.granted_by_name,
    grantedAt: r.granted_at,
    recordedByName: who.get(r.recorded_by) ?? '',
    revokedAt: r.revoked_at,
  }));
}

/** The contact row for a writer, held so that a concurrent writer waits and then sees the new version. */
export async function contactForWrite(work: Work, contactId: string): Promise<ChecksContact> {
  return loadChecksContact(work, contactId, { forUpdate: true });
}

/** Contact rows read without asking `contact.read` (the caller has asked its own permission). */
export async function contactHub(tx: Tx, contactId: string) {
  return tx.selectFrom('contact').select(['id', 'hub_id', 'reference', 'status']).where('id', '=', contactId).executeTakeFirst();
}

export function conflict(what: string): DomainError {
  return new DomainError('conflict', `Someone else changed this ${what} while you were working on it. Nothing you entered was saved: check it and try again.`);
}
