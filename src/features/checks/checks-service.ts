/**
 * MASH checks for one contact, end to end: consent positions and overrides (consent feature),
 * information requests and responses (enquiries feature), decisions to share, and the tasks that
 * follow a withdrawal of consent — as one service object, plus the overview the checks page and
 * API show.
 */
import { hasPermission, type Actor } from '../../platform/access/policy';
import type { PlatformDeps } from '../../platform/deps';
import type { RequestContext } from '../../platform/db/unit-of-work';
import { requireId } from '../../platform/errors';
import { createConsentService } from '../consent/consent-service';
import { listConsentRecords, listOverrides } from '../consent/consent-repository';
import { latestFor } from '../consent/domain/consent-position';
import type { ConsentRecord } from '../consent/domain/consent-record';
import { overrideCovers, type ConsentOverride } from '../consent/domain/override';
import { agreementBlocksRequest, type AgreementStatus } from '../enquiries/domain/agreement';
import { isOverdue } from '../enquiries/domain/enquiry';
import { visibleEnquiry, type EnquiryView } from '../enquiries/domain/visibility';
import { listEnquiriesForContact } from '../enquiries/enquiries-repository';
import { closeOpenEnquiries, contactResponses, createEnquiriesService, loadContactConsents, loadContactEnquiries } from '../enquiries/enquiries-service';
import { answersRequests } from './agency-roles';
import { loadChecksContact, type ChecksContact, type ChecksSubject } from './checks-contact';

export interface ChecksPerson extends ChecksSubject {
  /** the current position (latest record); undefined until recorded */
  consent?: ConsentRecord & { version: number; recordedByName: string };
  /** earlier positions, newest first */
  history: number;
  /** no consent stands, and no override covers the person */
  needsOverride: boolean;
  coveredByOverride: boolean;
}

export interface ChecksOverview {
  contact: Omit<ChecksContact, 'subjects'>;
  people: ChecksPerson[];
  overrides: Array<ConsentOverride & { authorisedByName: string; subjectNames: string[] }>;
  enquiries: Array<{ view: EnquiryView; overdue: boolean; version: number }>;
  shareDecisions: Array<{
    id: string;
    decision: 'share' | 'not-share';
    enquiryId: string | null;
    recipientName: string;
    what: string;
    purpose: string;
    legalBases: string[];
    route: string;
    conditions: string[];
    rationale: string;
    decidedAt: Date;
    decidedByName: string;
    disclosureId: string;
  }>;
  withdrawalTasks: Array<{ id: string; subjectName: string; recipientName: string; raisedAt: Date; completedAt: Date | null }>;
  agencies: Array<{ id: string; name: string; requestable: boolean; reasonNot?: string; hasOpenRequest: boolean }>;
  can: { recordConsent: boolean; override: boolean; send: boolean; recordNotShare: boolean };
}

export function createChecksService(deps: PlatformDeps) {
  const { uow } = deps;
  const consent = createConsentService(deps);
  const enquiries = createEnquiriesService(deps);

  return {
    ...consent,
    ...enquiries,

    /** Everything about a contact's checks that the actor may see (visibility.ts decides each response). */
    async getChecks(actor: Actor, ctx: RequestContext, contactId: string): Promise<ChecksOverview> {
      contactId = requireId(contactId);
      return uow.run(actor, ctx, async (work) => {
        const { tx, require, audit, now } = work;
        require('enquiry.read');
        const contact = await loadChecksContact(work, contactId);
        require('enquiry.read', { hubId: contact.hubId, recordType: 'contact', recordId: contact.id }, { hide: true });
        const records = await listConsentRecords(tx, contact.hubId, contact.id);
        const overrides = await listOverrides(tx, contact.hubId, contact.id);
        const stored = await listEnquiriesForContact(tx, contact.hubId, contact.id);
        const decisions = await tx
          .selectFrom('share_decision')
          .innerJoin('app_user', 'app_user.id', 'share_decision.decided_by')
          .select([
            'share_decision.id',
            'share_decision.decision',
            'share_decision.enquiry_id',
            'share_decision.recipient_name',
            'share_decision.what',
            'share_decision.purpose',
            'share_decision.legal_bases',
            'share_decision.evaluation',
            'share_decision.rationale',
            'share_decision.decided_at',
            'share_decision.disclosure_id',
            'app_user.display_name',
          ])
          .where('share_decision.hub_id', '=', contact.hubId)
          .where('share_decision.contact_id', '=', contact.id)
          .orderBy('share_decision.decided_at')
          .execute();
        const tasks = await tx
          .selectFrom('consent_withdrawal_task')
          .innerJoin('notification', 'notification.id', 'consent_withdrawal_task.notification_id')
          .select(['consent_withdrawal_task.id', 'consent_withdrawal_task.contact_subject_id', 'consent_withdrawal_task.recipient_name', 'consent_withdrawal_task.raised_at', 'notification.completed_at'])
          .where('consent_withdrawal_task.hub_id', '=', contact.hubId)
          .where('consent_withdrawal_task.contact_id', '=', contact.id)
          .orderBy('consent_withdrawal_task.raised_at')
          .execute();
        const agencies = await tx.selectFrom('agency').select(['id', 'name', 'type', 'agreement_status', 'active']).where('hub_id', '=', contact.hubId).orderBy('name').execute();
        const userIds = [...new Set([...records.map((r) => r.recordedBy), ...overrides.map((o) => o.authorisedBy)])];
        const users = userIds.length > 0 ? await tx.selectFrom('app_user').select(['id', 'display_name']).where('id', 'in', userIds).execute() : [];
        const nameOf = (id: string) => users.find((u) => u.id === id)?.display_name ?? 'Unknown user';
        const subjectName = (id: string) => contact.subjects.find((s) => s.id === id)?.name ?? 'Person no longer on the contact';

        const people: ChecksPerson[] = contact.subjects.map((s) => {
          const latest = latestFor(records, contact.id, s.id) as (ConsentRecord & { version: number }) | undefined;
          const covered = overrides.some((o) => overrideCovers(o, contact.id, s.id));
          return {
            ...s,
            ...(latest ? { consent: { ...latest, recordedByName: nameOf(latest.recordedBy) } } : {}),
            history: records.filter((r) => r.personId === s.id).length - (latest ? 1 : 0),
            needsOverride: latest !== undefined && latest.status !== 'given' && !covered,
            coveredByOverride: covered,
          };
        });
        const viewer = { role: actor.role, agencyId: actor.agencyId, hubId: actor.hubId };
        const enquiryViews = stored
          .map((s) => ({ view: visibleEnquiry(viewer, s.enquiry, { hubId: contact.hubId }), overdue: isOverdue(s.enquiry, now), version: s.version }))
          .filter((e) => e.view.level !== 'none');
        const openAgencyIds = new Set(stored.filter((s) => s.enquiry.status === 'sent' || s.enquiry.status === 'acknowledged').map((s) => s.enquiry.agencyId));
        const { subjects: _subjects, ...contactSummary } = contact;
        const overview: ChecksOverview = {
          contact: contactSummary,
          people,
          overrides: overrides.map((o) => ({ ...o, authorisedByName: nameOf(o.authorisedBy), subjectNames: o.personIds.map(subjectName) })),
          enquiries: enquiryViews,
          shareDecisions: decisions.map((d) => {
            const evaluation = d.evaluation as { route?: string; conditions?: string[] };
            return {
              id: d.id,
              decision: d.decision,
              enquiryId: d.enquiry_id,
              recipientName: d.recipient_name,
              what: d.what,
              purpose: d.purpose,
              legalBases: d.legal_bases,
              route: evaluation.route ?? '',
              conditions: evaluation.conditions ?? [],
              rationale: d.rationale,
              decidedAt: d.decided_at,
              decidedByName: d.display_name,
              disclosureId: d.disclosure_id,
            };
          }),
          withdrawalTasks: tasks.map((t) => ({ id: t.id, subjectName: subjectName(t.contact_subject_id), recipientName: t.recipient_name, raisedAt: t.raised_at, completedAt: t.completed_at })),
          agencies: agencies
            .filter((a) => a.active && answersRequests(a.type))
            .map((a) => {
              const blocked = agreementBlocksRequest(a.agreement_status as AgreementStatus);
              return { id: a.id, name: a.name, requestable: !blocked, ...(blocked ? { reasonNot: blocked.text } : {}), hasOpenRequest: openAgencyIds.has(a.id) };
            }),
          can: {
            recordConsent: hasPermission(actor.role, 'consent.record'),
            override: hasPermission(actor.role, 'consent.override'),
            send: hasPermission(actor.role, 'enquiry.send'),
            recordNotShare: hasPermission(actor.role, 'disclosure.record'),
          },
        };
        audit({
          action: 'checks.read',
          recordType: 'contact',
          recordId: contact.id,
          details: { people: people.length, consents: records.length, overrides: overrides.length, enquiries: enquiryViews.length, shareDecisions: decisions.length },
        });
        return overview;
      });
    },

    /**
     * A form page answers to whoever may send the form: asks the policy for the permission its
     * POST needs (a refusal is audited) before the page shows anything.
     */
    async requireTo(actor: Actor, ctx: RequestContext, permission: 'consent.override' | 'enquiry.send' | 'enquiry.respond' | 'disclosure.record'): Promise<void> {
      await uow.run(actor, ctx, async ({ require }) => void require(permission), { readOnly: true });
    },
  };
}

export type ChecksService = ReturnType<typeof createChecksService>;

/** Unit-of-work helpers for other services (decisions, feedback, dissemination). */
export const checksInTransaction = { closeOpenEnquiries, loadContactEnquiries, loadContactConsents, contactResponses };
