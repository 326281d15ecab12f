/**
 * The decision on a contact and what follows it (PRODUCT C7, C5-C6, C11): the decision with
 * optimistic concurrency, closing the requests still open, and feedback to the referrer within
 * its clock — with the disagreements, dissemination and ledger commands of this feature.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { hasPermission, type Actor } from '../../platform/access/policy';
import type { PlatformDeps } from '../../platform/deps';
import type { RequestContext } from '../../platform/db/unit-of-work';
import { DomainError, invalidState, requireId, validationError } from '../../platform/errors';
import { queueEmail } from '../../platform/notifications/notify';
import { loadChecksContact } from '../checks/checks-contact';
import { checksInTransaction } from '../checks/checks-service';
import { latestFor } from '../consent/domain/consent-position';
import { STATUS_LABELS, transition } from '../contacts/domain/status';
import { decide, type ContactForDecision, type DecisionInput, type Outcome } from './domain/decision';
import { feedbackText, markFeedbackSent, planFeedback, type FeedbackMethod } from './domain/feedback';
import { findDecision, findFeedback, listContactItems, toContactDecision } from './decisions-repository';
import { hubSecureDomains, linkedPersonIds, SAFEGUARDING_BASES, writeLedgerEntry } from './disclosure-ledger';
import { computeClock, hubClockSettings, listContactClocks, meetContactClocks, startContactClock, stopContactClock } from './hub-clocks';
import { contactForWrite, decisionView, disagreementViews, feedbackView, isApproved, isBlank, permissionViews } from './decisions-views';
import type { DecisionOverview, DecisionView, FeedbackView } from './decisions-views';
import { createDisagreementCommands } from './disagreements';
import { createDisclosureSearch } from './disclosure-search';
import { createDisseminationCommands } from './dissemination';

export type { DecisionOverview, DecisionView, DisagreementView, DisclosureSearchResult, DisclosureView, FeedbackView, ItemView, PermissionView } from './decisions-views';
export { CONSENT_BASES, DISSEMINATION_CHANNELS, type DisseminateInput, type DisseminationChannel, type PermissionForm, type RecordPermissionInput } from './dissemination';
export { CHANNEL_LABELS, RECIPIENT_KIND_LABELS } from './disclosure-search';
export type { RaiseDisagreementInput } from './disagreements';

export interface RecordDecisionInput {
  version: number;
  finalBrag: string;
  outcome: string;
  summary: string;
  recommendation: string;
  nfaRationale?: string;
  otherService?: { name: string; personIds: string[] };
}

export interface RecordFeedbackInput {
  method: string;
  email?: string;
  phone?: string;
  postalAddress?: string;
}

export function createDecisionsService(deps: PlatformDeps) {
  const { uow } = deps;
  return {
    /** Everything the decision maker weighs, side by side, and what has followed the decision. */
    async getDecisionOverview(actor: Actor, ctx: RequestContext, contactId: string): Promise<DecisionOverview> {
      contactId = requireId(contactId);
      return uow.run(actor, ctx, async (work) => {
        const { tx, audit, now } = work;
        const contact = await loadChecksContact(work, contactId);
        const row = await tx
          .selectFrom('contact')
          .select(['referrer_kind', 'referrer_name', 'referrer_organisation', 'referrer_email', 'referrer_phone', 'referrer_address'])
          .where('id', '=', contactId)
          .executeTakeFirstOrThrow();
        const responses = await checksInTransaction.contactResponses(work, contact);
        const consents = await checksInTransaction.loadContactConsents(tx, contact.hubId, contact.id);
        const domains = await hubSecureDomains(tx, contact.hubId);
        const canDisseminate = hasPermission(actor.role, 'disclosure.record');
        const items = canDisseminate ? await listContactItems(tx, contact.hubId, contact.id) : [];
        const meetings = await tx
          .selectFrom('meeting_contact')
          .innerJoin('meeting', 'meeting.id', 'meeting_contact.meeting_id')
          .select(['meeting.id', 'meeting.kind', 'meeting.status', 'meeting.starts_at'])
          .where('meeting_contact.hub_id', '=', contact.hubId)
          .where('meeting_contact.contact_id', '=', contact.id)
          .orderBy('meeting.starts_at')
          .execute();
        const decision = await decisionView(tx, contact.hubId, contact.id);
        const overview: DecisionOverview = {
          contact: {
            id: contact.id,
            reference: contact.reference,
            status: contact.status,
            statusLabel: STATUS_LABELS[contact.status] ?? contact.status,
            version: contact.version,
            receivedAt: contact.receivedAt,
            initialBrag: contact.initialBrag,
            referrer: {
              kind: row.referrer_kind,
              name: row.referrer_name,
              organisation: row.referrer_organisation,
              email: row.referrer_email,
              phone: row.referrer_phone,
              address: row.referrer_address,
              emailApproved: row.referrer_email ? isApproved(row.referrer_email, domains) : false,
            },
          },
          people: contact.subjects.map((s) => ({
            subjectId: s.id,
            name: s.name,
            roleLabel: s.roleLabel,
            dateOfBirth: s.dateOfBirth,
            consent: latestFor(consents, contact.id, s.id)?.status ?? null,
          })),
          responses,
          decision,
          feedback: await feedbackView(tx, contact.hubId, contact.id),
          clocks: await listContactClocks(tx, contact.hubId, [contact.id], now),
          disagreements: await disagreementViews(tx, contact.hubId, { contactId: contact.id }),
          permissions: await permissionViews(tx, contact.hubId, contact.id),
          items: items.map((i) => ({ itemId: i.itemId, originAgencyId: i.originAgencyId, agencyName: i.agencyName, kind: i.kind, text: i.text, heldBack: i.heldBack })),
          meetings: meetings.map((m) => ({ id: m.id, kind: m.kind, status: m.status, startsAt: m.starts_at })),
          can: {
            decide: hasPermission(actor.role, 'decision.record') && decision === null && (contact.status === 'screened' || contact.status === 'in-checks'),
            feedback: hasPermission(actor.role, 'feedback.record') && decision !== null,
            disagree: hasPermission(actor.role, 'disagreement.record'),
            disseminate: canDisseminate,
            permit: hasPermission(actor.role, 'disclosure.record'),
            convene: hasPermission(actor.role, 'meeting.manage'),
          },
        };
        audit({
          action: 'decision.read',
          recordType: 'contact',
          recordId: contact.id,
          details: { responses: responses.length, items: items.length, decided: decision !== null },
        });
        return overview;
      });
    },

    /**
     * Records the decision (000 §6.3). Two decision makers at once: the contact row is held and
     * its version compared, so the second is told (`conflict`) and nothing of theirs is saved.
     * Requests still open are closed with "decision made before response"; the decision clock is
     * met; the 24-working-hour feedback clock starts.
     */
    async recordDecision(actor: Actor, ctx: RequestContext, contactId: string, input: RecordDecisionInput): Promise<DecisionView> {
      contactId = requireId(contactId);
      return uow.run(actor, ctx, async (work) => {
        const { tx, require, audit, now } = work;
        const contact = await contactForWrite(work, contactId);
        require('decision.record', { hubId: contact.hubId, recordType: 'contact', recordId: contact.id });
        if (contact.status === 'new') throw invalidState('Screen the contact before deciding on it');
        const forDecision: ContactForDecision = {
          id: contact.id,
          hubId: contact.hubId,
          version: contact.version,
          status: contact.status === 'decided' || contact.status === 'closed' ? 'decided' : 'awaiting-decision',
          enquiries: await checksInTransaction.loadContactEnquiries(tx, contact.hubId, contact.id),
        };
        const consents = await checksInTransaction.loadContactConsents(tx, contact.hubId, contact.id);
        const decisionInput: DecisionInput = {
          finalBrag: input.finalBrag as DecisionInput['finalBrag'],
          outcome: input.outcome as Outcome,
          summary: input.summary ?? '',
          recommendation: input.recommendation ?? '',
          ...(isBlank(input.nfaRationale) ? {} : { nfaRationale: input.nfaRationale }),
          ...(input.otherService && (!isBlank(input.otherService.name) || input.otherService.personIds.length > 0) ? { otherService: input.otherService } : {}),
        };
        if (decisionInput.otherService) {
          const known = new Set(contact.subjects.map((s) => s.id));
          const bad = decisionInput.otherService.personIds.findIndex((p) => !known.has(p));
          if (bad >= 0) throw validationError([{ field: `otherService.personIds[${bad}]`, text: 'Select people named in this contact' }]);
        }
        const result = decide(forDecision, input.version, decisionInput, consents, actor, now);
        const next = transition(contact.status, 'decide');

        const closed = await checksInTransaction.closeOpenEnquiries(work, contact.id);
        const id = randomUUID();
        const d = result.decision;
        try {
          await tx
            .insertInto('decision')
            .values({
              id,
              hub_id: contact.hubId,
              contact_id: contact.id,
              final_brag: d.finalBrag,
              outcome: d.outcome,
              summary: d.summary,
              recommendation: d.recommendation,
              nfa_rationale: d.nfaRationale ?? null,
              other_service_name: d.otherService?.name ?? null,
              other_service_person_ids: d.otherService?.personIds ?? null,
              decided_by: actor.userId,
              decided_at: now,
              contact_version: input.version,
              closed_enquiry_count: closed.length,
            })
            .execute();
        } catch (error) {
          if ((error as { code?: string }).code === '23505') throw new DomainError('conflict', 'Another decision maker has just decided this contact. Yours was not saved: read their decision.');
          throw error;
        }
        const moved = await tx
          .updateTable('contact')
          .set({ status: next, updated_at: now, version: sql`version + 1` })
          .where('id', '=', contact.id)
          .where('version', '=', input.version)
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) !== 1) throw new DomainError('conflict', 'The contact has changed since you opened it; reload it and decide again');

        // the decision is the action the BRAG timescale asked for
        const met = await meetContactClocks(tx, contact.hubId, contact.id, ['decision', 'brag-red', 'brag-amber', 'brag-green', 'brag-blue'], now);
        const hub = await hubClockSettings(tx, contact.hubId);
        const feedbackClock = await startContactClock(tx, { hubId: contact.hubId, contactId: contact.id, type: 'feedback-to-referrer', startedAt: now }, hub);

        audit({
          action: 'decision.record',
          recordType: 'contact',
          recordId: contact.id,
          details: { decisionId: id, outcome: d.outcome, finalBrag: d.finalBrag, version: result.event.version, closedEnquiries: closed, clocksMet: met.length },
        });
        if (feedbackClock) audit({ action: 'contact-clock.start', recordType: 'contact', recordId: contact.id, details: { type: 'feedback-to-referrer', clockId: feedbackClock.id } });

        // an anonymous referrer cannot be told: recorded now, so the clock stops with its reason
        const referrer = await tx.selectFrom('contact').select('referrer_kind').where('id', '=', contact.id).executeTakeFirstOrThrow();
        if (referrer.referrer_kind === 'anonymous' && feedbackClock) {
          const plan = planFeedback({ decision: d, referrer: { anonymous: true }, method: 'in-person', approvedDomains: [], dueAt: feedbackClock.dueAt });
          await tx
            .insertInto('referrer_feedback')
            .values({
              id: randomUUID(),
              hub_id: contact.hubId,
              contact_id: contact.id,
              decision_id: id,
              status: 'not-possible',
              method: null,
              to_address: null,
              outcome: plan.outcome,
              nfa_rationale: plan.nfaRationale ?? null,
              due_at: plan.dueAt,
              sent_at: null,
              sent_by: null,
              late: null,
              not_possible_reason: 'anonymous-referrer',
              outbox_email_id: null,
              recorded_by: actor.userId,
              recorded_at: now,
            })
            .execute();
          await stopContactClock(tx, contact.hubId, contact.id, 'feedback-to-referrer', now, 'Anonymous referrer: feedback is not possible');
          audit({ action: 'feedback.not-possible', recordType: 'contact', recordId: contact.id, details: { reason: 'anonymous-referrer' } });
        }
        return (await decisionView(tx, contact.hubId, contact.id))!;
      });
    },

    /**
     * Feedback to the referrer with the outcome and, for NFA, the rationale (000 §6.3), inside its
     * 24-working-hour clock. Secure email goes through the outbox to approved domains only; every
     * feedback is written to the disclosure ledger.
     */
    async recordFeedback(actor: Actor, ctx: RequestContext, contactId: string, input: RecordFeedbackInput): Promise<FeedbackView> {
      contactId = requireId(contactId);
      return uow.run(actor, ctx, async (work) => {
        const { tx, require, audit, now } = work;
        const contact = await contactForWrite(work, contactId);
        require('feedback.record', { hubId: contact.hubId, recordType: 'contact', recordId: contact.id });
        const decisionRow = await findDecision(tx, contact.hubId, contact.id);
        if (!decisionRow) throw invalidState('Record the decision before feeding back to the referrer');
        if (await findFeedback(tx, contact.hubId, contact.id)) throw invalidState('Feedback to the referrer has already been recorded');
        const row = await tx
          .selectFrom('contact')
          .select(['referrer_kind', 'referrer_name', 'referrer_organisation', 'referrer_email', 'referrer_phone', 'referrer_address'])
          .where('id', '=', contact.id)
          .executeTakeFirstOrThrow();
        const clock = await tx.selectFrom('contact_clock').select(['due_at']).where('contact_id', '=', contact.id).where('type', '=', 'feedback-to-referrer').executeTakeFirst();
        const hub = await hubClockSettings(tx, contact.hubId);
        const dueAt = clock?.due_at ?? computeClock('feedback-to-referrer', decisionRow.decided_at, hub).dueAt;
        const domains = await hubSecureDomains(tx, contact.hubId);
        const decision = toContactDecision(decisionRow);
        const method = input.method as FeedbackMethod;
        // what the worker typed wins; otherwise the referrer's details on the contact
        const email = isBlank(input.email) ? row.referrer_email ?? undefined : input.email!.trim();
        const phone = isBlank(input.phone) ? row.referrer_phone ?? undefined : input.phone!.trim();
        const postalAddress = isBlank(input.postalAddress) ? row.referrer_address ?? undefined : input.postalAddress!.trim();
        const plan = planFeedback({
          decision,
          referrer: {
            anonymous: row.referrer_kind === 'anonymous',
            ...(email ? { email } : {}),
            ...(phone ? { phone } : {}),
            ...(postalAddress ? { postalAddress } : {}),
          },
          method,
          approvedDomains: domains,
          dueAt,
        });
        const id = randomUUID();
        if (plan.status === 'not-possible') {
          await tx
            .insertInto('referrer_feedback')
            .values({
              id, hub_id: contact.hubId, contact_id: contact.id, decision_id: decisionRow.id, status: 'not-possible', method: null, to_address: null,
              outcome: plan.outcome, nfa_rationale: plan.nfaRationale ?? null, due_at: plan.dueAt, sent_at: null, sent_by: null, late: null,
              not_possible_reason: plan.reason, outbox_email_id: null, recorded_by: actor.userId, recorded_at: now,
            })
            .execute();
          await stopContactClock(tx, contact.hubId, contact.id, 'feedback-to-referrer', now, 'Anonymous referrer: feedback is not possible');
          audit({ action: 'feedback.not-possible', recordType: 'contact', recordId: contact.id, details: { reason: plan.reason } });
          return (await feedbackView(tx, contact.hubId, contact.id))!;
        }
        const sent = markFeedbackSent(plan, actor, now);
        if (sent.status !== 'sent') throw invalidState('Feedback could not be recorded');
        const to = sent.method === 'letter' ? postalAddress ?? null : sent.to ?? null;
        let outboxId: string | null = null;
        if (sent.method === 'secure-email') {
          const queued = await queueEmail(
            tx,
            { hubId: contact.hubId, to: sent.to!, subject: `Outcome of your referral ${contact.reference}`, body: feedbackText(sent, contact.reference), approvedDomains: domains, recordType: 'contact', recordId: contact.id },
            now,
          );
          if (queued.status !== 'pending') throw validationError([{ field: 'email', text: 'Email can only go to an approved secure domain; choose another method' }]);
          outboxId = queued.id;
        }
        await tx
          .insertInto('referrer_feedback')
          .values({
            id, hub_id: contact.hubId, contact_id: contact.id, decision_id: decisionRow.id, status: 'sent', method: sent.method, to_address: to,
            outcome: sent.outcome, nfa_rationale: sent.nfaRationale ?? null, due_at: sent.dueAt, sent_at: sent.sentAt, sent_by: sent.sentBy, late: sent.late,
            not_possible_reason: null, outbox_email_id: outboxId, recorded_by: actor.userId, recorded_at: now,
          })
          .execute();
        await meetContactClocks(tx, contact.hubId, contact.id, ['feedback-to-referrer'], now);
        await writeLedgerEntry(tx, {
          hubId: contact.hubId,
          contactId: contact.id,
          personIds: await linkedPersonIds(tx, contact.hubId, contact.id),
          recipientKind: 'referrer',
          recipientName: row.referrer_organisation ? `Referrer at ${row.referrer_organisation}` : row.referrer_kind === 'public' ? 'Referrer (member of the public)' : 'Referrer',
          recipientEmail: sent.method === 'secure-email' ? sent.to ?? null : null,
          channel: 'feedback',
          shared: true,
          what: decision.outcome === 'nfa' ? 'The outcome of the contact and the reason for no further action' : 'The outcome of the contact',
          purpose: 'Feedback to the referrer on the decision (000 §6.3)',
          legalBases: [...SAFEGUARDING_BASES],
          consentBasis: 'not-required',
          decidedBy: actor.userId,
          decidedAt: now,
          sourceType: 'referrer-feedback',
          sourceId: id,
        });
        audit({ action: 'feedback.record', recordType: 'contact', recordId: contact.id, details: { feedbackId: id, method: sent.method, late: sent.late, queued: outboxId !== null } });
        return (await feedbackView(tx, contact.hubId, contact.id))!;
      });
    },

    /**
     * A form page answers to whoever may send the form: asks the policy for the permission its
     * POST needs (a refusal is audited) before the page shows anything.
     */
    async requireTo(actor: Actor, ctx: RequestContext, permission: 'disclosure.record' | 'disclosure.read' | 'disagreement.record'): Promise<void> {
      await uow.run(actor, ctx, async ({ require }) => void require(permission), { readOnly: true });
    },

    ...createDisagreementCommands(deps),
    ...createDisseminationCommands(deps),
    ...createDisclosureSearch(deps),
  };
}

export type DecisionsService = ReturnType<typeof createDecisionsService>;
