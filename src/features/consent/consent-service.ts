/**
 * Consent (C5): record the position per person on a contact, authorise checks without consent
 * (decision makers only), and withdraw consent — which raises a task for every agency that
 * received the person's information (000 ISA 1.55).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Actor } from '../../platform/access/policy';
import type { PlatformDeps } from '../../platform/deps';
import type { RequestContext, Work } from '../../platform/db/unit-of-work';
import { DomainError, invalidState, requireId, validationError, type FieldError } from '../../platform/errors';
import { notify } from '../../platform/notifications/notify';
import { practitionerRoleFor } from '../checks/agency-roles';
import { assertInChecksStage, loadChecksContact } from '../checks/checks-contact';
import type { CapacityPosition } from './domain/capacity';
import { latestFor } from './domain/consent-position';
import { recordConsent, withdrawConsent, type ConsentAnswer, type ConsentSource, type NotSoughtReason } from './domain/consent-record';
import { authoriseOverride, type ProportionalityAnswer, type ProportionalityQuestionId, type PublicInterestCriterion } from './domain/override';
import { tasksForConsentWithdrawal, type DisclosureOfPerson } from './domain/withdrawal-tasks';
import { findConsentRecord, insertConsentRecord, insertOverride, listConsentRecords, markWithdrawn } from './consent-repository';

export interface RecordConsentInput {
  /** the contact_subject the position is for */
  subjectId: string;
  answer: string;
  soughtFrom?: { kind: string; names: string[]; description?: string };
  /** parsed by the edge; an invalid Date is reported as a field error */
  soughtAt?: Date;
  notSoughtReasons?: string[];
  rationale?: string;
  /** adults only; absent means capacity is assumed */
  capacity?: CapacityPosition;
  scope: string;
}

export interface AuthoriseOverrideInput {
  subjectIds: string[];
  scope: string;
  criteria: string[];
  /** by PROPORTIONALITY_QUESTIONS id: answer 'yes'/'no' for yes/no questions, detail for the others */
  proportionality: Partial<Record<string, { answer?: string; detail?: string }>>;
  justification: string;
  confidenceHolderViews?: { agencyId: string; views: string }[];
  /** the decision maker's signature: "I authorise …" */
  confirmed: boolean;
}

export interface WithdrawConsentInput {
  /** the agency the person told */
  receivedByAgencyId: string;
  /** the version read; a mismatch is `conflict` */
  version?: number;
}

export function createConsentService(deps: PlatformDeps) {
  const { uow } = deps;

  return {
    /** A consent position for one person on a screened contact; a later one supersedes. */
    async recordConsent(actor: Actor, ctx: RequestContext, contactId: string, input: RecordConsentInput): Promise<{ id: string }> {
      contactId = requireId(contactId);
      return uow.run(actor, ctx, async (work) => {
        const { tx, require, audit, now } = work;
        const contact = await loadChecksContact(work, contactId, { forUpdate: true });
        require('consent.record', { hubId: contact.hubId, recordType: 'contact', recordId: contact.id });
        assertInChecksStage(contact, 'record consent');
        const subject = contact.subjects.find((s) => s.id === input.subjectId);
        if (!subject) throw validationError([{ field: 'subjectId', text: 'Select a person named in this contact' }]);
        const id = randomUUID();
        const { record } = recordConsent(
          {
            id,
            hubId: contact.hubId,
            contactId: contact.id,
            personId: subject.id,
            subjectIsAdult: subject.isAdult,
            answer: input.answer as ConsentAnswer,
            ...(input.soughtFrom ? { soughtFrom: { kind: input.soughtFrom.kind as ConsentSource, names: input.soughtFrom.names, description: input.soughtFrom.description } } : {}),
            ...(input.soughtAt ? { soughtAt: input.soughtAt } : {}),
            ...(input.notSoughtReasons ? { notSoughtReasons: input.notSoughtReasons as NotSoughtReason[] } : {}),
            ...(input.rationale !== undefined ? { rationale: input.rationale } : {}),
            ...(input.capacity ? { capacity: input.capacity } : {}),
            scope: input.scope,
          },
          actor,
          now,
        );
        await insertConsentRecord(tx, record, subject.personId);
        audit({ action: 'consent.record', recordType: 'consent', recordId: id, details: { contactId: contact.id, subjectId: subject.id, status: record.status } });
        return { id };
      });
    },

    /** Checks without consent, on the decision maker's signed public-interest justification. */
    async authoriseOverride(actor: Actor, ctx: RequestContext, contactId: string, input: AuthoriseOverrideInput): Promise<{ id: string }> {
      contactId = requireId(contactId);
      return uow.run(actor, ctx, async (work) => {
        const { tx, require, audit, now } = work;
        const contact = await loadChecksContact(work, contactId, { forUpdate: true });
        // only a decision maker: the policy refuses everyone else (000 §6.3)
        require('consent.override', { hubId: contact.hubId, recordType: 'contact', recordId: contact.id });
        assertInChecksStage(contact, 'authorise checks without consent');
        const records = await listConsentRecords(tx, contact.hubId, contact.id);
        const errors: FieldError[] = [];
        const statuses: string[] = [];
        const subjectIds = [...new Set(input.subjectIds)];
        for (const id of subjectIds) {
          const subject = contact.subjects.find((s) => s.id === id);
          if (!subject) {
            errors.push({ field: 'subjectIds', text: 'Select people named in this contact' });
            continue;
          }
          const latest = latestFor(records, contact.id, id);
          if (!latest) errors.push({ field: 'subjectIds', text: `Record the consent position for ${subject.name} first` });
          else if (latest.status === 'given') errors.push({ field: 'subjectIds', text: `${subject.name} gave consent: no override is needed` });
          else statuses.push(latest.status);
        }
        if (!input.confirmed) errors.push({ field: 'confirmed', text: 'Confirm that you authorise checks without consent' });
        // refused outweighs withdrawn outweighs not sought: the per-person positions stay on their records
        const consentPosition = statuses.includes('refused') ? 'refused' : statuses.includes('withdrawn') ? 'withdrawn' : 'not-sought';
        const id = randomUUID();
        let override;
        try {
          override = authoriseOverride(
            actor,
            {
              id,
              hubId: contact.hubId,
              contactId: contact.id,
              personIds: subjectIds,
              consentPosition,
              scope: input.scope ?? '',
              criteria: input.criteria as PublicInterestCriterion[],
              proportionality: input.proportionality as Partial<Record<ProportionalityQuestionId, ProportionalityAnswer>>,
              justification: input.justification ?? '',
              ...(input.confidenceHolderViews && input.confidenceHolderViews.length > 0 ? { confidenceHolderViews: input.confidenceHolderViews } : {}),
            },
            now,
          ).override;
        } catch (error) {
          if (error instanceof DomainError && error.code === 'validation') throw validationError([...errors, ...error.fields.map((f) => (f.field === 'personIds' ? { ...f, field: 'subjectIds' } : f))]);
          throw error;
        }
        if (errors.length > 0) throw validationError(errors);
        const agencies = await tx.selectFrom('agency').select('id').where('hub_id', '=', contact.hubId).execute();
        for (const [i, v] of (override.confidenceHolderViews ?? []).entries()) {
          if (!agencies.some((a) => a.id === v.agencyId)) throw validationError([{ field: `confidenceHolderViews[${i}].agencyId`, text: 'Select an agency of this hub' }]);
        }
        await insertOverride(tx, override);
        audit({
          action: 'consent.override',
          recordType: 'consent-override',
          recordId: id,
          details: { contactId: contact.id, subjects: subjectIds.length, criteria: override.criteria },
        });
        return { id };
      });
    },

    /**
     * Consent withdrawn: the record says so, and every agency that received the person's
     * information — through requests sent and the disclosure ledger — gets a task to securely
     * dispose of it. Recipients outside the hub's agencies become a task for the decision makers.
     */
    async withdrawConsent(actor: Actor, ctx: RequestContext, consentId: string, input: WithdrawConsentInput): Promise<{ tasks: number }> {
      consentId = requireId(consentId);
      return uow.run(actor, ctx, async (work) => {
        const { tx, require, audit, now } = work;
        const found = await findConsentRecord(tx, consentId);
        require('consent.record', { hubId: found?.row.hub_id ?? '-', recordType: 'consent', recordId: consentId }, { hide: true });
        if (!found) throw new DomainError('not-found', 'Not found');
        const contact = await loadChecksContact(work, found.row.contact_id, { forUpdate: true });
        if (contact.status === 'new') throw invalidState('Screen the contact first');
        const latest = latestFor(await listConsentRecords(tx, contact.hubId, contact.id), contact.id, found.record.personId);
        if (latest?.id !== found.record.id) throw invalidState('A later consent position has been recorded for this person: withdraw that one');
        const receivedBy = input.receivedByAgencyId
          ? await tx.selectFrom('agency').select('id').where('hub_id', '=', contact.hubId).where('id', '=', input.receivedByAgencyId).executeTakeFirst()
          : undefined;
        if (!receivedBy) throw validationError([{ field: 'receivedByAgencyId', text: 'Select the agency the person told' }]);
        const { record } = withdrawConsent(found.record, { receivedByAgencyId: receivedBy.id }, actor, now);
        if (record.status !== 'withdrawn') throw invalidState('Consent was not withdrawn');
        await markWithdrawn(tx, record, input.version ?? found.row.version);
        const raised = await raiseWithdrawalTasks(work, { contactId: contact.id, subjectId: record.personId, personId: found.row.person_id, record });
        audit({ action: 'consent.withdraw', recordType: 'consent', recordId: consentId, details: { contactId: contact.id, tasks: raised.length } });
        return { tasks: raised.length };
      });
    },
  };
}

export type ConsentService = ReturnType<typeof createConsentService>;

/** What the person's information reached: requests about them and shared ledger entries. */
async function recipientsOf(work: Pick<Work, 'tx'>, hubId: string, contactId: string, subjectId: string, personId: string | null) {
  const { tx } = work;
  const enquiries = await tx
    .selectFrom('enquiry_subject')
    .innerJoin('enquiry', 'enquiry.id', 'enquiry_subject.enquiry_id')
    .select(['enquiry.id', 'enquiry.agency_id', 'enquiry.agency_name', 'enquiry.sent_at'])
    .where('enquiry.hub_id', '=', hubId)
    .where((eb) => (personId ? eb.or([eb('enquiry_subject.contact_subject_id', '=', subjectId), eb('enquiry_subject.person_id', '=', personId)]) : eb('enquiry_subject.contact_subject_id', '=', subjectId)))
    .execute();
  const disclosures = await tx
    .selectFrom('disclosure')
    .select(['id', 'recipient_agency_id', 'recipient_name', 'decided_at'])
    .where('hub_id', '=', hubId)
    .where('shared', '=', true)
    .where((eb) => {
      // on this contact: entries naming this person, or naming nobody in particular
      const onContact = eb.and([
        eb('contact_id', '=', contactId),
        personId ? eb.or([sql<boolean>`cardinality(person_ids) = 0`, sql<boolean>`person_ids @> array[${personId}]::uuid[]`]) : sql<boolean>`cardinality(person_ids) = 0`,
      ]);
      return personId ? eb.or([onContact, sql<boolean>`person_ids @> array[${personId}]::uuid[]`]) : onContact;
    })
    .execute();
  const list: DisclosureOfPerson[] = [
    ...enquiries.map((e) => ({ id: e.id, personIds: [subjectId], recipient: { agencyId: e.agency_id, name: e.agency_name }, disclosedAt: e.sent_at })),
    ...disclosures.map((d) => ({
      id: d.id,
      personIds: [subjectId],
      recipient: d.recipient_agency_id ? { agencyId: d.recipient_agency_id, name: d.recipient_name } : { name: d.recipient_name },
      disclosedAt: d.decided_at,
    })),
  ];
  return { list, enquiryIds: new Set(enquiries.map((e) => e.id)) };
}

async function raiseWithdrawalTasks(
  work: Pick<Work, 'tx' | 'audit' | 'now'>,
  input: { contactId: string; subjectId: string; personId: string | null; record: Parameters<typeof tasksForConsentWithdrawal>[0] },
) {
  const { tx, audit, now } = work;
  const hubId = input.record.hubId;
  const { list, enquiryIds } = await recipientsOf(work, hubId, input.contactId, input.subjectId, input.personId);
  const tasks = tasksForConsentWithdrawal(input.record, list, now);
  const agencyIds = [...new Set(tasks.map((t) => t.recipient.agencyId).filter((a): a is string => a !== undefined))];
  const agencies = agencyIds.length > 0 ? await tx.selectFrom('agency').select(['id', 'type']).where('hub_id', '=', hubId).where('id', 'in', agencyIds).execute() : [];
  const raised: string[] = [];
  for (const task of tasks) {
    const agency = agencies.find((a) => a.id === task.recipient.agencyId);
    const role = agency ? practitionerRoleFor(agency.type) : undefined;
    const taskEnquiries = task.disclosureIds.filter((id) => enquiryIds.has(id));
    const taskDisclosures = task.disclosureIds.filter((id) => !enquiryIds.has(id));
    const notificationId = await notify(
      tx,
      role && agency
        ? {
            hubId,
            role,
            agencyId: agency.id,
            kind: 'task',
            topic: 'consent-withdrawn',
            message: task.title,
            // the request shows the agency whose information it is, without a name in the task
            ...(taskEnquiries[0] ? { recordType: 'enquiry', recordId: taskEnquiries[taskEnquiries.length - 1] } : {}),
          }
        : {
            hubId,
            role: 'decision-maker',
            kind: 'task',
            topic: 'consent-withdrawn',
            message: 'Consent withdrawn: tell the recipient named on the contact’s checks page to securely dispose of what they received about this person',
            recordType: 'contact',
            recordId: input.contactId,
          },
      now,
    );
    const id = randomUUID();
    await tx
      .insertInto('consent_withdrawal_task')
      .values({
        id,
        hub_id: hubId,
        consent_id: input.record.id,
        contact_id: input.contactId,
        contact_subject_id: input.subjectId,
        recipient_agency_id: task.recipient.agencyId ?? null,
        recipient_name: task.recipient.name,
        notification_id: notificationId,
        enquiry_ids: taskEnquiries,
        disclosure_ids: taskDisclosures,
        task_key: `${input.record.id}:${task.key}`,
        raised_at: now,
      })
      .execute();
    audit({
      action: 'consent.withdrawal-task.raise',
      recordType: 'notification',
      recordId: notificationId,
      details: { consentId: input.record.id, recipientAgencyId: task.recipient.agencyId ?? null, enquiries: taskEnquiries.length, disclosures: taskDisclosures.length },
    });
    raised.push(id);
  }
  return raised;
}
