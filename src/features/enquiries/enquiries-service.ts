/**
 * Multi-agency checks (C6) and decisions to share (C5): the decision maker sends information
 * requests to chosen agencies, each one a recorded decision to share that walks the 001 App. D
 * checklist and is written to the disclosure ledger; a decision not to share is recorded just
 * the same (003 golden rule 7). Partner practitioners see only requests to their own agency and
 * answer them; every transition goes through the domain's state machine and is stored with an
 * event, under optimistic concurrency, and audited.
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { Actor } from '../../platform/access/policy';
import { isPartnerRole } from '../../platform/access/roles';
import type { PlatformDeps } from '../../platform/deps';
import type { RequestContext, Work } from '../../platform/db/unit-of-work';
import { DomainError, invalidState, requireId, validationError, type FieldError } from '../../platform/errors';
import { answersRequests } from '../checks/agency-roles';
import { assertInChecksStage, loadChecksContact, startChecks, type ChecksContact } from '../checks/checks-contact';
import { createWorkingCalendar, type WorkingCalendarConfig } from '../clocks/domain/calendar';
import { dueAt, type ClockRule } from '../clocks/domain/clock-rules';
import { resolveTimescales, timescale, type ClockType } from '../clocks/domain/timescales';
import { checksPermitted, latestFor } from '../consent/domain/consent-position';
import type { ConsentRecord } from '../consent/domain/consent-record';
import { overrideCovers, type ConsentOverride } from '../consent/domain/override';
import { listConsentRecords, listOverrides } from '../consent/consent-repository';
import type { AgreementStatus } from './domain/agreement';
import { agreementBlocksRequest } from './domain/agreement';
import { CLOSE_REASONS, decideEnquiry, isOverdue, sendEnquiry, type CloseReason, type Enquiry, type EnquiryCommand, type EnquirySubject } from './domain/enquiry';
import type { LegalBasis } from './domain/legal-basis';
import type { ItemKind, ResponseItemInput } from './domain/response';
import { evaluateShareDecision, recordShareDecision, type ChecklistAnswer, type ShareAnswers, type ShareDecisionRecord } from './domain/share-decision';
import { SHARE_CHECKLIST, WHEN_QUESTIONS, type ChecklistQuestionId, type WhenQuestionId } from './domain/share-checklist';
import { isBlank, isBrag, type Brag } from './domain/types';
import { visibleEnquiry, visibleResponse, type EnquiryView, type ResponseView, type Viewer } from './domain/visibility';
import {
  findEnquiryOwner,
  getStoredEnquiry,
  insertEnquiry,
  insertEvent,
  insertItems,
  insertResponse,
  listEnquiriesForAgency,
  listEnquiriesForContact,
  listEnquiriesInHub,
  listEvents,
  nextBatch,
  updateEnquiryState,
  updateResponseAfterAddition,
  type StoredEnquiry,
} from './enquiries-repository';

type Tx = Transaction<DB>;

/** The checklist answers a form or API sends; "Do you have consent?" is answered by the record. */
export interface ShareChecklistInput {
  when: Partial<Record<Exclude<WhenQuestionId, 'consent'>, string>>;
  checklist: Partial<Record<ChecklistQuestionId, ChecklistAnswer>>;
  legalBases: string[];
}

export interface SendEnquiriesInput {
  agencyIds: string[];
  subjectIds: string[];
  question: string;
  reason: string;
  share: ShareChecklistInput;
  /** the reasons for the decision to share (golden rule 7) */
  rationale: string;
}

export interface DecisionNotToShareInput {
  /** an agency of the hub, or — when absent — a recipient named in `recipientName` */
  agencyId?: string;
  recipientName?: string;
  subjectIds: string[];
  what: string;
  purpose: string;
  share: ShareChecklistInput;
  rationale: string;
}

export interface ResponseBody {
  noInformationHeld: boolean;
  agencyBrag?: string;
  items: Array<{ kind: string; text: string; heldBack?: boolean; heldBackReason?: string }>;
  /** the version read; a mismatch is `conflict` */
  version?: number;
}

export interface AdditionBody {
  items: Array<{ kind: string; text: string; heldBack?: boolean; heldBackReason?: string }>;
  agencyBrag?: string;
  version?: number;
}

export interface EnquiryListEntry {
  view: EnquiryView;
  overdue: boolean;
  contactReference?: string;
}

export interface EnquiryDetail {
  view: EnquiryView;
  overdue: boolean;
  version: number;
  /** what this viewer may do next */
  actions: { acknowledge: boolean; respond: boolean; add: boolean; withdraw: boolean };
  /** people asked about whose consent has since been withdrawn (the agency has a task to dispose) */
  consentWithdrawnFor: string[];
  events: Array<{ type: string; status: string; at: Date; byName: string }>;
}

/** A response as one viewer may see it, with its origin, for the side-by-side and for dissemination. */
export interface ContactResponse {
  enquiryId: string;
  agencyId: string;
  agencyName: string;
  status: Enquiry['status'];
  sentAt: Date;
  dueAt: Date;
  overdue: boolean;
  /** visibility.ts: none | status | shared (held back sign-posted) | full (held back marked) */
  response: ResponseView;
}

const viewerOf = (actor: Actor): Viewer => ({ role: actor.role, agencyId: actor.agencyId, hubId: actor.hubId });

export function createEnquiriesService(deps: PlatformDeps) {
  const { uow } = deps;

  /** Loads a request after the policy question; another agency's or hub's request is "not found". */
  async function loadForActor(work: Work, enquiryId: string, permission: 'enquiry.read' | 'enquiry.respond' | 'enquiry.send', options: { forUpdate?: boolean } = {}) {
    // the role first (403: says nothing about the record), then the record's hub and agency (hidden: 404)
    work.require(permission);
    const owner = await findEnquiryOwner(work.tx, enquiryId, options);
    work.require(permission, { hubId: owner?.hub_id ?? '-', agencyId: owner?.agency_id ?? '-', recordType: 'enquiry', recordId: enquiryId }, { hide: true });
    if (!owner) throw new DomainError('not-found', 'Not found');
    return getStoredEnquiry(work.tx, owner.hub_id, enquiryId);
  }

  /** Applies a command through the domain, stores the new state and its event, and audits it. */
  async function transition(work: Work, stored: StoredEnquiry, command: EnquiryCommand, expectedVersion: number | undefined) {
    const { tx, audit, now } = work;
    const actor = work.actor!;
    if (expectedVersion !== undefined && expectedVersion !== stored.version) {
      throw new DomainError('conflict', 'Someone else acted on this request since you opened it. Nothing you entered was saved: check the request and try again.');
    }
    const { enquiry: next, event } = decideEnquiry(stored.enquiry, command, actor, now);
    const version = await updateEnquiryState(tx, next, stored.version);
    const details: Record<string, unknown> = {};
    if (command.type === 'respond' && (next.status === 'responded' || next.status === 'supplemented')) {
      const responseId = await insertResponse(tx, next.response);
      await insertItems(tx, { hubId: next.hubId, responseId, enquiryId: next.id, originAgencyId: next.agencyId, batch: 0, startPosition: 0, items: next.response.items });
      details.items = next.response.items.length;
      details.heldBack = next.response.items.filter((i) => i.heldBack).length;
      details.noInformationHeld = next.response.noInformationHeld;
    }
    if (command.type === 'supplement' && next.status === 'supplemented' && stored.responseId) {
      const previous = stored.enquiry.status === 'responded' || stored.enquiry.status === 'supplemented' ? stored.enquiry.response.items.length : 0;
      await updateResponseAfterAddition(tx, stored.responseId, next.response, stored.responseVersion ?? 1);
      const added = next.response.items.slice(previous);
      await insertItems(tx, {
        hubId: next.hubId,
        responseId: stored.responseId,
        enquiryId: next.id,
        originAgencyId: next.agencyId,
        batch: await nextBatch(tx, stored.responseId),
        startPosition: previous,
        items: added,
      });
      details.items = added.length;
      details.heldBack = added.filter((i) => i.heldBack).length;
    }
    await insertEvent(tx, event, actor.agencyId, details);
    audit({ action: `enquiry.${command.type}`, recordType: 'enquiry', recordId: next.id, details: { contactId: next.contactId, agencyId: next.agencyId, status: next.status, ...details } });
    return { enquiry: next, version };
  }

  return {
    /**
     * Sends one request per chosen agency. Each is a decision to share, walked through the
     * checklist and written to the disclosure ledger; the contact moves into checks.
     */
    async sendEnquiries(actor: Actor, ctx: RequestContext, contactId: string, input: SendEnquiriesInput): Promise<{ enquiryIds: string[] }> {
      contactId = requireId(contactId);
      return uow.run(actor, ctx, async (work) => {
        const { tx, require, audit, now } = work;
        const contact = await loadChecksContact(work, contactId, { forUpdate: true });
        require('enquiry.send', { hubId: contact.hubId, recordType: 'contact', recordId: contact.id });
        assertInChecksStage(contact, 'send information requests');
        const errors: FieldError[] = [];
        const agencyIds = [...new Set(input.agencyIds)];
        const subjectIds = [...new Set(input.subjectIds)];
        if (agencyIds.length === 0) errors.push({ field: 'agencyIds', text: 'Select at least one agency to ask' });
        const agencies = await tx.selectFrom('agency').select(['id', 'name', 'type', 'agreement_status', 'active']).where('hub_id', '=', contact.hubId).execute();
        const chosen = [];
        for (const id of agencyIds) {
          const agency = agencies.find((a) => a.id === id);
          if (!agency || !agency.active || !answersRequests(agency.type)) {
            errors.push({ field: 'agencyIds', text: 'Select agencies from the list' });
            continue;
          }
          const blocked = agreementBlocksRequest(agency.agreement_status as AgreementStatus);
          if (blocked) {
            errors.push({ field: 'agencyIds', text: `${agency.name}: ${blocked.text.charAt(0).toLowerCase()}${blocked.text.slice(1)}` });
            continue;
          }
          chosen.push(agency);
        }
        const open = await tx
          .selectFrom('enquiry')
          .select('agency_id')
          .where('hub_id', '=', contact.hubId)
          .where('contact_id', '=', contact.id)
          .where('status', 'in', ['sent', 'acknowledged'])
          .execute();
        for (const a of chosen) {
          if (open.some((o) => o.agency_id === a.id)) errors.push({ field: 'agencyIds', text: `${a.name} already has an open request about this contact` });
        }
        const subjects = subjectIds.map((id) => contact.subjects.find((s) => s.id === id));
        if (subjectIds.length === 0) errors.push({ field: 'subjectIds', text: 'Select at least one person to ask about' });
        else if (subjects.some((s) => !s)) errors.push({ field: 'subjectIds', text: 'Select people named in this contact' });
        const brag = contact.initialBrag;
        if (!brag) errors.push({ field: 'agencyIds', text: 'The contact has no initial BRAG rating: screen it first' });
        const records = await listConsentRecords(tx, contact.hubId, contact.id);
        const override = chooseOverride(await listOverrides(tx, contact.hubId, contact.id), records, contact.id, subjectIds);
        const consent = checksPermitted({ contactId: contact.id, personIds: subjectIds, records, override });
        if (!consent.permitted && subjectIds.length > 0) {
          for (const e of consent.errors) {
            const i = Number(/\[(\d+)\]/.exec(e.field)?.[1] ?? -1);
            const who = i >= 0 ? subjects[i]?.name : undefined;
            errors.push({ field: 'subjectIds', text: who ? `${who}: ${e.text.charAt(0).toLowerCase()}${e.text.slice(1)}` : e.text });
          }
        }
        if (isBlank(input.question)) errors.push({ field: 'question', text: 'Enter what you are asking the agencies' });
        if (isBlank(input.reason)) errors.push({ field: 'reason', text: 'Enter why you are asking' });
        const answers = shareAnswers(input.share, consent.permitted && consent.position.basis === 'consent');
        errors.push(...checklistErrors(answers, input.rationale));
        if (errors.length > 0) throw validationError(errors);

        const { cal, rules } = await hubCalendar(tx, contact.hubId);
        const timescaleType = `brag-${brag}` as ClockType;
        const rule: ClockRule = timescale(timescaleType, rules).rule;
        const due = dueAt(rule, now, cal);
        const enquirySubjects = subjects.map((s) => s!).map((s): EnquirySubject => ({
          personId: s.id,
          name: s.name,
          ...(s.dateOfBirth ? { dateOfBirth: s.dateOfBirth } : {}),
          ...(s.address ? { address: s.address } : {}),
          // everyone else of the family named in the contact, with how they are related to it, so the agency can match records
          household: contact.subjects
            .filter((h) => h.id !== s.id && h.role !== 'professional' && h.role !== 'witness')
            .map((h) => ({ name: h.name, relationship: h.roleLabel, ...(h.dateOfBirth ? { dateOfBirth: h.dateOfBirth } : {}) })),
          roleInContact: s.roleLabel,
        }));

        const sent: string[] = [];
        for (const agency of chosen) {
          const id = randomUUID();
          const { enquiry, event } = sendEnquiry(
            {
              id,
              hubId: contact.hubId,
              contactId: contact.id,
              agencyId: agency.id,
              agencyName: agency.name,
              agreementStatus: agency.agreement_status as AgreementStatus,
              subjects: enquirySubjects,
              question: input.question ?? '',
              reason: input.reason ?? '',
              consent: { records, ...(override ? { override } : {}) },
              brag: brag!,
              dueAt: due,
            },
            actor,
            now,
          );
          if (enquiry.status !== 'sent') throw invalidState('A new request must be sent');
          const decision = recordShareDecision(
            {
              id: randomUUID(),
              hubId: contact.hubId,
              contactId: contact.id,
              enquiryId: id,
              decision: 'share',
              what: describeWhat(enquirySubjects.length),
              withWhom: { agencyId: agency.id, name: agency.name },
              purpose: enquiry.request.reason,
              answers,
              rationale: input.rationale ?? '',
              ...(enquiry.request.consent.basis === 'override' ? { consentOverrideId: enquiry.request.consent.overrideId } : {}),
            },
            actor,
            now,
          );
          await insertEnquiry(tx, enquiry, { dueRule: rule, subjects: subjects.map((s) => ({ contactSubjectId: s!.id, personId: s!.personId })) });
          await insertEvent(tx, event, actor.agencyId, { subjects: enquirySubjects.length });
          const disclosureId = await storeShareDecision(tx, decision, {
            personIds: subjects.map((s) => s!.personId).filter((p): p is string => p !== null),
            consentBasis: enquiry.request.consent.basis,
            sourceType: 'enquiry',
            sourceId: id,
          });
          audit({ action: 'enquiry.send', recordType: 'enquiry', recordId: id, details: { contactId: contact.id, agencyId: agency.id, subjects: enquirySubjects.length, consentBasis: enquiry.request.consent.basis } });
          audit({ action: 'share-decision.record', recordType: 'share-decision', recordId: decision.id, details: { contactId: contact.id, decision: 'share', enquiryId: id, disclosureId } });
          sent.push(id);
        }
        if (await startChecks(tx, contact, now)) audit({ action: 'contact.start-checks', recordType: 'contact', recordId: contact.id, details: { enquiries: sent.length } });
        return { enquiryIds: sent };
      });
    },

    /** A decision not to share, with its reasons and the checklist, recorded in the ledger too (golden rule 7). */
    async recordDecisionNotToShare(actor: Actor, ctx: RequestContext, contactId: string, input: DecisionNotToShareInput): Promise<{ id: string }> {
      contactId = requireId(contactId);
      return uow.run(actor, ctx, async (work) => {
        const { tx, require, audit, now } = work;
        const contact = await loadChecksContact(work, contactId);
        require('disclosure.record', { hubId: contact.hubId, recordType: 'contact', recordId: contact.id });
        assertInChecksStage(contact, 'record decisions to share');
        const errors: FieldError[] = [];
        let withWhom: { agencyId?: string; name: string } = { name: (input.recipientName ?? '').trim() };
        if (input.agencyId) {
          const agency = await tx.selectFrom('agency').select(['id', 'name']).where('hub_id', '=', contact.hubId).where('id', '=', input.agencyId).executeTakeFirst();
          if (!agency) errors.push({ field: 'agencyId', text: 'Select an agency from the list' });
          else withWhom = { agencyId: agency.id, name: agency.name };
        }
        const subjectIds = [...new Set(input.subjectIds)];
        const subjects = subjectIds.map((id) => contact.subjects.find((s) => s.id === id));
        if (subjectIds.length === 0) errors.push({ field: 'subjectIds', text: 'Select whose information the decision is about' });
        else if (subjects.some((s) => !s)) errors.push({ field: 'subjectIds', text: 'Select people named in this contact' });
        const records = await listConsentRecords(tx, contact.hubId, contact.id);
        const allConsent = subjectIds.length > 0 && subjectIds.every((id) => latestFor(records, contact.id, id)?.status === 'given');
        const answers = shareAnswers(input.share, allConsent);
        const id = randomUUID();
        let decision: ShareDecisionRecord;
        try {
          decision = recordShareDecision(
            { id, hubId: contact.hubId, contactId: contact.id, decision: 'not-share', what: input.what ?? '', withWhom, purpose: input.purpose ?? '', answers, rationale: input.rationale ?? '' },
            actor,
            now,
          );
        } catch (error) {
          if (error instanceof DomainError && error.code === 'validation') throw validationError([...errors, ...error.fields.map(recipientField(input))]);
          throw error;
        }
        if (errors.length > 0) throw validationError(errors);
        const overrides = await listOverrides(tx, contact.hubId, contact.id);
        const overridden = subjectIds.every((sid) => overrides.some((o) => overrideCovers(o, contact.id, sid)));
        const disclosureId = await storeShareDecision(tx, decision, {
          personIds: subjects.map((s) => s!.personId).filter((p): p is string => p !== null),
          consentBasis: allConsent ? 'consent' : overridden ? 'override' : 'not-required',
          sourceType: 'share-decision',
          sourceId: id,
        });
        audit({ action: 'share-decision.record', recordType: 'share-decision', recordId: id, details: { contactId: contact.id, decision: 'not-share', disclosureId } });
        return { id };
      });
    },

    /** Requests the actor may see: a partner practitioner's own agency's, or the hub's for MASH staff. */
    async listEnquiries(actor: Actor, ctx: RequestContext): Promise<{ agencyName: string; entries: EnquiryListEntry[] }> {
      return uow.run(actor, ctx, async ({ tx, require, audit, now }) => {
        require('enquiry.read');
        const partner = isPartnerRole(actor.role);
        const stored = partner ? await listEnquiriesForAgency(tx, actor.hubId, actor.agencyId) : await listEnquiriesInHub(tx, actor.hubId);
        const agency = await tx.selectFrom('agency').select('name').where('id', '=', actor.agencyId).executeTakeFirst();
        const references = partner
          ? new Map<string, string>()
          : new Map(
              (stored.length > 0 ? await tx.selectFrom('contact').select(['id', 'reference']).where('hub_id', '=', actor.hubId).where('id', 'in', [...new Set(stored.map((s) => s.enquiry.contactId))]).execute() : []).map(
                (c) => [c.id, c.reference],
              ),
            );
        const entries = stored
          .map((s) => ({ s, view: visibleEnquiry(viewerOf(actor), s.enquiry, { hubId: actor.hubId }) }))
          .filter((x) => x.view.level !== 'none')
          .map((x) => ({
            view: x.view,
            overdue: isOverdue(x.s.enquiry, now),
            ...(references.has(x.s.enquiry.contactId) ? { contactReference: references.get(x.s.enquiry.contactId) } : {}),
          }))
          .sort((a, b) => Number(b.overdue) - Number(a.overdue) || dueOf(a.view) - dueOf(b.view));
        audit({ action: 'enquiry.list', recordType: 'enquiry', details: { count: entries.length, overdue: entries.filter((e) => e.overdue).length } });
        return { agencyName: agency?.name ?? '', entries };
      });
    },

    async getEnquiry(actor: Actor, ctx: RequestContext, enquiryId: string): Promise<EnquiryDetail> {
      enquiryId = requireId(enquiryId);
      return uow.run(actor, ctx, async (work) => {
        const { tx, audit, now } = work;
        const stored = await loadForActor(work, enquiryId, 'enquiry.read');
        const view = visibleEnquiry(viewerOf(actor), stored.enquiry, { hubId: actor.hubId });
        if (view.level === 'none') throw new DomainError('not-found', 'Not found');
        const e = stored.enquiry;
        const ownAgency = actor.agencyId === e.agencyId && isPartnerRole(actor.role);
        const records = await listConsentRecords(tx, e.hubId, e.contactId);
        const consentWithdrawnFor = e.subjects.filter((s) => latestFor(records, e.contactId, s.personId)?.status === 'withdrawn').map((s) => s.personId);
        const events = (await listEvents(tx, e.hubId, [e.id])).map((x) => ({ type: x.type, status: x.status, at: x.at, byName: x.by_name }));
        audit({ action: 'enquiry.read', recordType: 'enquiry', recordId: e.id, details: { contactId: e.contactId, level: view.level, responseLevel: 'response' in view ? view.response.level : 'none' } });
        return {
          view,
          overdue: isOverdue(e, now),
          version: stored.version,
          actions: {
            acknowledge: ownAgency && e.status === 'sent',
            respond: ownAgency && (e.status === 'sent' || e.status === 'acknowledged'),
            add: ownAgency && (e.status === 'responded' || e.status === 'supplemented'),
            withdraw: actor.role === 'decision-maker' && (e.status === 'sent' || e.status === 'acknowledged'),
          },
          consentWithdrawnFor,
          events,
        };
      });
    },

    async acknowledgeEnquiry(actor: Actor, ctx: RequestContext, enquiryId: string, input: { version?: number } = {}): Promise<{ version: number }> {
      enquiryId = requireId(enquiryId);
      return uow.run(actor, ctx, async (work) => {
        const stored = await loadForActor(work, enquiryId, 'enquiry.respond', { forUpdate: true });
        const { version } = await transition(work, stored, { type: 'acknowledge' }, input.version);
        return { version };
      });
    },

    /** The agency's answer. Two responders at once: one wins, the other gets `conflict`. */
    async respondToEnquiry(actor: Actor, ctx: RequestContext, enquiryId: string, input: ResponseBody): Promise<{ version: number }> {
      enquiryId = requireId(enquiryId);
      return uow.run(actor, ctx, async (work) => {
        const stored = await loadForActor(work, enquiryId, 'enquiry.respond');
        // the second of two responders is told plainly (409), and nothing of theirs is stored
        if (stored.enquiry.status === 'responded' || stored.enquiry.status === 'supplemented') {
          throw invalidState('Your agency has already answered this request. Nothing you entered was saved: read the answer and add information to it instead.');
        }
        const response = {
          noInformationHeld: input.noInformationHeld === true,
          ...(input.agencyBrag !== undefined && input.agencyBrag !== '' ? { agencyBrag: input.agencyBrag as Brag } : {}),
          items: toItemInputs(input.items),
        };
        const { version } = await transition(work, stored, { type: 'respond', response }, input.version);
        return { version };
      });
    },

    /** Information added after answering (002 App. 1). */
    async addToResponse(actor: Actor, ctx: RequestContext, enquiryId: string, input: AdditionBody): Promise<{ version: number }> {
      enquiryId = requireId(enquiryId);
      return uow.run(actor, ctx, async (work) => {
        const stored = await loadForActor(work, enquiryId, 'enquiry.respond');
        const agencyBrag = input.agencyBrag !== undefined && input.agencyBrag !== '' ? (input.agencyBrag as Brag) : undefined;
        if (agencyBrag !== undefined && !isBrag(agencyBrag)) throw validationError([{ field: 'agencyBrag', text: 'Select a BRAG rating' }]);
        const { version } = await transition(work, stored, { type: 'supplement', items: toItemInputs(input.items), ...(agencyBrag ? { agencyBrag } : {}) }, input.version);
        return { version };
      });
    },

    /** The decision maker withdraws a request that is no longer needed. */
    async withdrawEnquiry(actor: Actor, ctx: RequestContext, enquiryId: string, input: { reason: string; version?: number }): Promise<{ version: number }> {
      enquiryId = requireId(enquiryId);
      return uow.run(actor, ctx, async (work) => {
        const stored = await loadForActor(work, enquiryId, 'enquiry.send');
        const { version } = await transition(work, stored, { type: 'withdraw', reason: input.reason ?? '' }, input.version);
        return { version };
      });
    },

    /** Every response to a contact's requests as the actor may see it, with origin agency (side by side; dissemination). */
    async listResponsesForContact(actor: Actor, ctx: RequestContext, contactId: string): Promise<ContactResponse[]> {
      contactId = requireId(contactId);
      return uow.run(actor, ctx, async (work) => {
        work.require('enquiry.read');
        const contact = await loadChecksContact(work, contactId);
        work.require('enquiry.read', { hubId: contact.hubId, recordType: 'contact', recordId: contact.id }, { hide: true });
        const result = await contactResponses(work, contact);
        work.audit({ action: 'enquiry.responses.read', recordType: 'contact', recordId: contact.id, details: { enquiries: result.length } });
        return result;
      });
    },
  };
}

export type EnquiriesService = ReturnType<typeof createEnquiriesService>;

/**
 * For another service's unit of work (decisions): close every open request of a contact, through
 * the state machine, with an event and an audit entry each. The caller has already been allowed
 * to decide the contact. Returns the ids closed.
 */
export async function closeOpenEnquiries(work: Work, contactId: string, reason: CloseReason = 'decision-made-before-response'): Promise<string[]> {
  if (!(reason in CLOSE_REASONS)) throw validationError([{ field: 'reason', text: 'Select a reason for closing' }]);
  const actor = work.actor;
  if (!actor) throw new DomainError('forbidden', 'Sign in first');
  const open = (await listEnquiriesForContact(work.tx, actor.hubId, contactId)).filter((s) => s.enquiry.status === 'sent' || s.enquiry.status === 'acknowledged');
  const closed: string[] = [];
  for (const stored of open) {
    const { enquiry, event } = decideEnquiry(stored.enquiry, { type: 'close', reason }, actor, work.now);
    await updateEnquiryState(work.tx, enquiry, stored.version);
    await insertEvent(work.tx, event, actor.agencyId, { reason });
    work.audit({ action: 'enquiry.close', recordType: 'enquiry', recordId: enquiry.id, details: { contactId, agencyId: enquiry.agencyId, reason } });
    closed.push(enquiry.id);
  }
  return closed;
}

/** For another service's unit of work: the domain objects of a contact's requests (unfiltered: apply visibility.ts before showing them). */
export async function loadContactEnquiries(tx: Tx, hubId: string, contactId: string): Promise<Enquiry[]> {
  return (await listEnquiriesForContact(tx, hubId, contactId)).map((s) => s.enquiry);
}

/** For another service's unit of work: the consent positions recorded on a contact (all of them; latestFor picks the current one). */
export async function loadContactConsents(tx: Tx, hubId: string, contactId: string): Promise<ConsentRecord[]> {
  return listConsentRecords(tx, hubId, contactId);
}

export async function contactResponses(work: Pick<Work, 'tx' | 'actor' | 'now'>, contact: Pick<ChecksContact, 'id' | 'hubId'>): Promise<ContactResponse[]> {
  const actor = work.actor!;
  const stored = await listEnquiriesForContact(work.tx, contact.hubId, contact.id);
  return stored.map(({ enquiry: e }) => ({
    enquiryId: e.id,
    agencyId: e.agencyId,
    agencyName: e.agencyName,
    status: e.status,
    sentAt: e.sentAt,
    dueAt: e.dueAt,
    overdue: isOverdue(e, work.now),
    response: e.status === 'responded' || e.status === 'supplemented' ? visibleResponse(viewerOf(actor), e.response, { hubId: contact.hubId }) : { level: 'none' as const },
  }));
}

/** The latest override covering every selected person without consent, else the latest (the domain then says who is not covered). */
function chooseOverride(overrides: readonly ConsentOverride[], records: readonly ConsentRecord[], contactId: string, subjectIds: readonly string[]): ConsentOverride | undefined {
  const needing = subjectIds.filter((id) => {
    const r = latestFor(records, contactId, id);
    return r !== undefined && r.status !== 'given';
  });
  const newestFirst = [...overrides].sort((a, b) => b.authorisedAt.getTime() - a.authorisedAt.getTime());
  return newestFirst.find((o) => needing.every((id) => overrideCovers(o, contactId, id))) ?? newestFirst[0];
}

function shareAnswers(input: ShareChecklistInput | undefined, haveConsent: boolean): ShareAnswers {
  const when: ShareAnswers['when'] = {};
  for (const q of WHEN_QUESTIONS) {
    const v = (input?.when as Record<string, string | undefined> | undefined)?.[q.id];
    if (q.id !== 'consent' && (v === 'yes' || v === 'no')) when[q.id] = v;
  }
  when.consent = haveConsent ? 'yes' : 'no';
  // only the checklist's own questions are kept: the answers are stored as they were given
  const checklist: ShareAnswers['checklist'] = {};
  for (const q of SHARE_CHECKLIST) {
    const a = input?.checklist?.[q.id];
    if (a) checklist[q.id] = { ...(a.answer !== undefined ? { answer: a.answer } : {}), ...(a.detail !== undefined ? { detail: a.detail } : {}) };
  }
  return { when, checklist, legalBases: (input?.legalBases ?? []) as LegalBasis[] };
}

/** The checklist's gaps as field errors, so that one round trip shows everything that is missing. */
function checklistErrors(answers: ShareAnswers, rationale: string | undefined): FieldError[] {
  const errors: FieldError[] = evaluateShareDecision(answers).blockers.map((b) => ({ field: b.field, text: b.text }));
  if (isBlank(rationale)) errors.push({ field: 'rationale', text: 'Enter the reasons for the decision' });
  return errors;
}

const recipientField = (input: DecisionNotToShareInput) => (f: FieldError): FieldError =>
  f.field === 'withWhom' ? { field: input.agencyId ? 'agencyId' : 'recipientName', text: 'Select an agency or enter who the information would have gone to' } : f;

const describeWhat = (people: number): string =>
  `Name, date of birth, address and household of ${people} ${people === 1 ? 'person' : 'people'}, with the request for information`;

function dueOf(view: EnquiryView): number {
  return view.level === 'none' ? 0 : view.dueAt.getTime();
}

function toItemInputs(items: ResponseBody['items'] | undefined): ResponseItemInput[] {
  return (items ?? []).map((i) => ({
    kind: i.kind as ItemKind,
    text: i.text ?? '',
    ...(i.heldBack ? { heldBack: true } : {}),
    ...(i.heldBackReason !== undefined && i.heldBackReason !== '' ? { heldBackReason: i.heldBackReason } : {}),
  }));
}

async function hubCalendar(tx: Tx, hubId: string) {
  const hub = await tx.selectFrom('hub').select('settings').where('id', '=', hubId).executeTakeFirstOrThrow();
  const settings = (hub.settings ?? {}) as Record<string, unknown>;
  const cal = createWorkingCalendar((settings.calendar ?? {}) as Partial<WorkingCalendarConfig>);
  const rules = resolveTimescales((settings.timescales ?? {}) as Partial<Record<ClockType, ClockRule>>);
  return { cal, rules };
}

/** The decision and its ledger entry: the ledger answers "what did we share, with whom, why" (C11). */
async function storeShareDecision(
  tx: Tx,
  d: ShareDecisionRecord,
  extra: { personIds: string[]; consentBasis: 'consent' | 'override' | 'not-required'; sourceType: string; sourceId: string },
): Promise<string> {
  const disclosureId = randomUUID();
  const shared = d.decision === 'share';
  await tx
    .insertInto('disclosure')
    .values({
      id: disclosureId,
      hub_id: d.hubId,
      contact_id: d.contactId,
      person_ids: [...new Set(extra.personIds)],
      recipient_kind: d.withWhom.agencyId ? 'agency' : 'other',
      recipient_agency_id: d.withWhom.agencyId ?? null,
      recipient_name: d.withWhom.name.trim(),
      recipient_email: null,
      channel: 'enquiry',
      shared,
      what: d.what,
      purpose: d.purpose,
      // LEGAL_BASES codes, comma-separated as the ledger keeps them; 'none' for a decision not to share without one
      legal_basis: d.evaluation.legalBases.length > 0 ? d.evaluation.legalBases.join(',') : 'none',
      consent_basis: extra.consentBasis,
      items: JSON.stringify([]),
      reason_not_shared: shared ? null : d.rationale,
      decided_by: d.decidedBy,
      decided_at: d.decidedAt,
      source_type: extra.sourceType,
      source_id: extra.sourceId,
    })
    .execute();
  const { legalBases: _legalBases, ...answersWithoutBases } = d.answers;
  await tx
    .insertInto('share_decision')
    .values({
      id: d.id,
      hub_id: d.hubId,
      contact_id: d.contactId,
      enquiry_id: d.enquiryId ?? null,
      decision: d.decision,
      what: d.what,
      recipient_agency_id: d.withWhom.agencyId ?? null,
      recipient_name: d.withWhom.name.trim(),
      purpose: d.purpose,
      answers: JSON.stringify(answersWithoutBases),
      evaluation: JSON.stringify({ route: d.evaluation.route, justified: d.evaluation.justified, conditions: d.evaluation.conditions, blockers: d.evaluation.blockers, reasons: d.evaluation.reasons }),
      legal_bases: d.evaluation.legalBases,
      rationale: d.rationale,
      consent_override_id: d.consentOverrideId ?? null,
      decided_by: d.decidedBy,
      decided_by_agency_id: d.decidedByAgencyId,
      decided_at: d.decidedAt,
      disclosure_id: disclosureId,
    })
    .execute();
  return disclosureId;
}
