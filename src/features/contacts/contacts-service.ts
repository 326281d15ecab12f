import { randomUUID } from 'node:crypto';
import { hasPermission, type Actor } from '../../platform/access/policy';
import { FRONT_DOOR_ROLES } from '../../platform/access/roles';
import type { RequestContext, Work } from '../../platform/db/unit-of-work';
import type { PlatformDeps } from '../../platform/deps';
import { DomainError, requireId, validationError } from '../../platform/errors';
import { createWorkingCalendar, type WorkingCalendar } from '../clocks/domain/calendar';
import type { Clock } from '../clocks/domain/clock';
import { contactsRepository as repo, clockFromRow, type ClockRow, type ContactWithNames, type SubjectRow, type Tx } from './contacts-repository';
import {
  clockAfterWrittenReferral,
  clocksAtClose,
  clocksAtDecision,
  clocksAtIntake,
  clocksAtScreening,
  displayClock,
  orderClocks,
  type ClockDisplay,
} from './domain/contact-clocks';
import { validateContact, type ContactInput, type ValidContact } from './domain/contact-validation';
import { mergeFrontDoorSettings, readFrontDoorSettings, validateFrontDoorSettings, type FrontDoorSettingsInput, type HubFrontDoor } from './domain/front-door-settings';
import { parseIsoInstant, parseLondonDateTime, type DateTimeParts } from './domain/formats';
import { isQueueName, QUEUE_PAGE_SIZE, queueFilter, queueKey, sortQueue, type QueueName } from './domain/queue';
import { referenceYear } from './domain/reference';
import { createReferenceBlocks } from './reference-blocks';
import { bragRouting, validateScreening, type ScreeningInput } from './domain/screening';
import { transition, type ContactEvent, type ContactStatus } from './domain/status';
import { involvesLado, type Brag, type Classification, type CrimeAnswer } from './domain/vocabulary';

export interface PersonRef {
  id: string;
  name: string;
}

export interface SubjectView {
  id: string;
  position: number;
  role: string;
  givenName: string | null;
  familyName: string | null;
  dateOfBirth: string | null;
  sex: string | null;
  address: string | null;
  postcode: string | null;
  school: string | null;
  nhsNumber: string | null;
  /** the person in the index; null until linked */
  personId: string | null;
  linkedAt: Date | null;
}

export interface ScreeningView {
  classification: Classification;
  thresholdLevel: string;
  initialBrag: Brag;
  bragRationale: string;
  policeCrimeSuspected: CrimeAnswer | null;
  policeReferredToCait: boolean | null;
  screenedAt: Date;
  screenedBy: PersonRef | null;
  routing: string;
}

export interface ContactView {
  id: string;
  hubId: string;
  reference: string;
  channel: string;
  receivedAt: Date;
  outOfHours: boolean;
  recordedAt: Date;
  recordedBy: PersonRef | null;
  recordedByAgencyId: string | null;
  referrer: {
    kind: 'professional' | 'public' | 'anonymous';
    name: string | null;
    role: string | null;
    organisation: string | null;
    phone: string | null;
    email: string | null;
    address: string | null;
    relationship: string | null;
  };
  anonymityNote: string | null;
  subjects: SubjectView[];
  concernCategories: string[];
  concernSummary: string;
  parentsInformed: string;
  childSpokenTo: string;
  writtenReferralOwed: boolean;
  writtenReferralReceivedAt: Date | null;
  consultationKind: string | null;
  consultationAdvice: string | null;
  status: ContactStatus;
  screening: ScreeningView | null;
  allocatedTo: PersonRef | null;
  allocatedAt: Date | null;
  ladoInvolved: boolean;
  clocks: ClockDisplay[];
  closedAt: Date | null;
  version: number;
}

export interface ContactRecorded {
  id: string;
  reference: string;
  status: ContactStatus;
  outOfHours: boolean;
  clocks: ClockDisplay[];
}

export interface QueueItem {
  id: string;
  reference: string;
  channel: string;
  receivedAt: Date;
  outOfHours: boolean;
  status: ContactStatus;
  initialBrag: Brag | null;
  allocatedTo: PersonRef | null;
  ladoInvolved: boolean;
  children: Array<{ givenName: string | null; familyName: string | null; dateOfBirth: string | null }>;
  clocks: ClockDisplay[];
  nextDueAt: Date | null;
  breached: boolean;
}

export interface QueueView {
  queue: QueueName;
  agencyId: string | null;
  page: number;
  pageSize: number;
  hasMore: boolean;
  items: QueueItem[];
}

export interface FrontDoorSettingsView {
  thresholds: string[];
  referencePrefix: string;
  /** the rules in force for the front door's clocks, and whether each is the hub's own */
  timescales: Array<{ type: string; rule: { kind: string; n?: number }; overridden: boolean }>;
  version: number;
}

export interface FrontDoorOptions {
  thresholds: string[];
  agencies: Array<{ id: string; name: string }>;
  workers: Array<{ id: string; name: string; role: string }>;
}

const RED_MESSAGE = 'A contact rated Red goes to children’s social care without delay. Open it to act.';
const LADO_MESSAGE = 'An allegation against a professional has been received. Open the contact to act within one working day.';
const ALLOCATED_MESSAGE = 'A contact has been allocated to you.';

/** Calendars are pure and cheap, but intake runs hundreds a second: keep one per setting. */
const calendars = new Map<string, WorkingCalendar>();
function calendarFor(front: HubFrontDoor): WorkingCalendar {
  const key = JSON.stringify(front.calendar);
  let cal = calendars.get(key);
  if (!cal) {
    cal = createWorkingCalendar(front.calendar);
    if (calendars.size > 100) calendars.clear();
    calendars.set(key, cal);
  }
  return cal;
}

const REFERENCE_BLOCK_SIZE = 50;
/** a worker's intake reads, then writes everything in one statement (repo.insertIntake) */
const ONE_STATEMENT = { oneStatement: true } as const;
/** reads: no transaction round trips (see RunOptions.readOnly) */
const READ_ONLY = { readOnly: true } as const;

const notFound = () => new DomainError('not-found', 'Not found');
const changed = () => new DomainError('conflict', 'Someone else changed this contact while you were working on it. Check the current details and try again.');

export function createContactsService(deps: PlatformDeps) {
  const { uow } = deps;
  // PostgreSQL: numbers from blocks so intakes do not queue on the counter; PGlite has one
  // connection, intakes are serial anyway and numbers stay gap-free
  const referenceBlocks = createReferenceBlocks(deps.db, deps.config.databaseUrl ? REFERENCE_BLOCK_SIZE : 0);

  /** Load the facts the policy needs and ask it; hidden, so other hubs' contacts are "not found". */
  async function loadFor(work: Work, permission: 'contact.read' | 'contact.update' | 'contact.screen' | 'contact.allocate', rawId: string) {
    const id = requireId(rawId);
    const facts = await repo.findContactFacts(work.tx, id);
    work.require(permission, { hubId: facts?.hub_id ?? '-', ladoInvolved: facts ? involvesLado(facts.concern_categories) : false, recordType: 'contact', recordId: id }, { hide: true });
    if (!facts) throw notFound();
    return facts;
  }

  async function hubFrontDoor(tx: Tx, hubId: string): Promise<HubFrontDoor & { version: number }> {
    const hub = await repo.findHub(tx, hubId);
    if (!hub) throw notFound();
    return { ...readFrontDoorSettings(hub.settings), version: hub.version };
  }

  /** the hub's settings, then one statement for the reference, contact, people and clocks (the intake path must stay short) */
  /**
   * Hubs' front-door settings as last read, by hub. The intake statement writes nothing unless
   * the hub's settings version is still the one its clocks were worked out with; if it moved on,
   * the settings are read again and the intake tried once more. Saves a round trip an intake.
   */
  const hubSettings = new Map<string, { settings: Record<string, unknown>; version: number }>();

  async function insertContact(work: Work, hubId: string, value: ValidContact, recordedBy: Actor | null): Promise<ContactRecorded> {
    for (let attempt = 0; ; attempt++) {
      let hub = attempt === 0 ? hubSettings.get(hubId) : undefined;
      if (!hub) {
        const row = await repo.findHub(work.tx, hubId);
        if (!row) throw notFound();
        hub = { settings: row.settings as Record<string, unknown>, version: row.version };
        if (hubSettings.size > 1000) hubSettings.clear();
        hubSettings.set(hubId, hub);
      }
      const recorded = await insertContactWith(work, hubId, hub, value, recordedBy);
      if (recorded !== 'settings-changed') return recorded;
      if (attempt > 0) throw new DomainError('conflict', 'The hub’s front-door settings changed while the contact was being recorded. Try again.');
    }
  }

  async function insertContactWith(work: Work, hubId: string, hub: { settings: Record<string, unknown>; version: number }, value: ValidContact, recordedBy: Actor | null): Promise<ContactRecorded | 'settings-changed'> {
    const { tx, now } = work;
    const front = readFrontDoorSettings(hub.settings);
    const cal = calendarFor(front);
    const id = randomUUID();
    const outOfHours = cal.isOutOfHours(value.receivedAt);
    const scenario = value.consultationKind === 'scenario';
    const status: ContactStatus = scenario ? 'closed' : 'new';
    const clocks = clocksAtIntake(value, front.timescales, cal);
    const lado = clocks.find((c) => c.type === 'lado-allegation');
    work.audit({
      action: scenario ? 'consultation.record' : 'contact.create',
      recordType: 'contact',
      recordId: id,
      hubId,
      details: { channel: value.channel, subjects: value.subjects.length, outOfHours, clocks: clocks.length, via: recordedBy ? 'worker' : 'public-form', ...(value.consultationKind ? { consultationKind: value.consultationKind } : {}) },
    });
    const year = referenceYear(now);
    const inserted = await repo.insertIntake(tx, {
      hubVersion: hub.version,
      prefix: front.referencePrefix,
      year,
      number: referenceBlocks.take(hubId, year),
      contact: {
        id,
        hub_id: hubId,
        channel: value.channel,
        received_at: value.receivedAt,
        out_of_hours: outOfHours,
        recorded_at: now,
        recorded_by: recordedBy?.userId ?? null,
        recorded_by_agency_id: recordedBy?.agencyId ?? null,
        referrer_kind: value.referrer.kind,
        referrer_name: value.referrer.name,
        referrer_role: value.referrer.role,
        referrer_organisation: value.referrer.organisation,
        referrer_phone: value.referrer.phone,
        referrer_email: value.referrer.email,
        referrer_address: value.referrer.address,
        referrer_relationship: value.referrer.relationship,
        anonymity_note: value.anonymityNote,
        concern_categories: value.concernCategories,
        concern_summary: value.concernSummary,
        parents_informed: value.parentsInformed,
        child_spoken_to: value.childSpokenTo,
        written_referral_owed: value.writtenReferralOwed,
        consultation_kind: value.consultationKind,
        consultation_advice: value.consultationAdvice,
        status,
        closed_at: scenario ? now : null,
        submission_key: value.submissionKey,
        next_due_at: queueKey(clocks, now).nextDueAt,
      },
      subjects: value.subjects.map((s, position) => ({
        id: randomUUID(),
        hub_id: hubId,
        contact_id: id,
        position,
        role: s.role,
        given_name: s.givenName,
        family_name: s.familyName,
        date_of_birth: s.dateOfBirth,
        sex: s.sex,
        address: s.address,
        postcode: s.postcode,
        school: s.school,
        nhs_number: s.nhsNumber,
      })),
      clocks: clocks.map((clock) => ({ id: randomUUID(), clock })),
      notifications: lado
        ? [{ id: randomUUID(), hub_id: hubId, user_id: null, agency_id: null, role: 'lado', kind: 'task', topic: 'lado-allegation', message: LADO_MESSAGE, record_type: 'contact', record_id: id, due_at: lado.dueAt, created_at: now }]
        : [],
      audit: work.takeAuditRows(),
    });
    if (inserted === 'settings-changed') return inserted;
    if (!inserted) {
      // the same form was submitted twice at once: the first one stands
      const existing = await repo.findBySubmissionKey(tx, hubId, value.submissionKey ?? '');
      if (!existing) throw new DomainError('conflict', 'The form was submitted twice; try again');
      return { id: existing.id, reference: existing.reference, status: 'new', outOfHours, clocks: [] };
    }
    return { id, reference: inserted.reference, status, outOfHours, clocks: clocks.map((c) => displayClock(c, now, cal)) };
  }

  async function view(work: Work, id: string): Promise<ContactView> {
    const { tx, now } = work;
    const row = await repo.findContact(tx, id);
    if (!row) throw notFound();
    const subjects = await repo.listSubjects(tx, id);
    const clockRows = await repo.listClocks(tx, id);
    const front = await hubFrontDoor(tx, row.hub_id);
    return contactView(row, subjects, clockRows, now, calendarFor(front));
  }

  async function loadClocks(tx: Tx, contactId: string): Promise<Array<{ id: string; clock: Clock }>> {
    return (await repo.listClocks(tx, contactId)).map((r) => ({ id: r.id, clock: clockFromRow(r) }));
  }

  return {
    /** C1: a worker records a contact from any channel (consultation line calls need consultation.record too). */
    async recordContact(actor: Actor, ctx: RequestContext, input: ContactInput): Promise<ContactRecorded> {
      return uow.run(actor, ctx, async (work) => {
        work.require('contact.create', { hubId: actor.hubId });
        if (input.channel === 'consultation-line') work.require('consultation.record', { hubId: actor.hubId });
        const { value, errors } = validateContact(input, { now: work.now, source: 'staff' });
        if (!value) throw validationError(errors);
        return insertContact(work, actor.hubId, value, actor);
      }, ONE_STATEMENT);
    },

    /** C14: a consultation line call; about a named child it becomes a contact, a scenario is closed with its advice. */
    async recordConsultation(actor: Actor, ctx: RequestContext, input: Omit<ContactInput, 'channel'>): Promise<ContactRecorded> {
      return uow.run(actor, ctx, async (work) => {
        work.require('consultation.record', { hubId: actor.hubId });
        if (input.consultationKind !== 'scenario') work.require('contact.create', { hubId: actor.hubId });
        const { value, errors } = validateContact({ ...input, channel: 'consultation-line' }, { now: work.now, source: 'staff' });
        if (!value) throw validationError(errors);
        return insertContact(work, actor.hubId, value, actor);
      }, ONE_STATEMENT);
    },

    /** The public referral form: no account; idempotent on the form's submission key. */
    async submitPublicReferral(ctx: RequestContext, input: ContactInput & { hubId?: string }): Promise<{ reference: string; repeated: boolean }> {
      return uow.run(null, ctx, async (work) => {
        const { tx, now } = work;
        const hubs = await repo.listActiveHubs(tx);
        const hub = hubs.length === 1 && !input.hubId ? hubs[0] : hubs.find((h) => h.id === input.hubId);
        const { value, errors } = validateContact({ ...input, channel: 'online-form', receivedAt: now.toISOString(), writtenReferralOwed: false }, { now, source: 'public' });
        if (!hub) errors.unshift({ field: 'hubId', text: 'Select the area where the child lives' });
        if (!value || !hub) throw validationError(errors);
        if (value.submissionKey) {
          const existing = await repo.findBySubmissionKey(tx, hub.id, value.submissionKey);
          if (existing) {
            work.audit({ action: 'contact.create-repeated', recordType: 'contact', recordId: existing.id, hubId: hub.id, details: { via: 'public-form' } });
            return { reference: existing.reference, repeated: true };
          }
        }
        const created = await insertContact(work, hub.id, value, null);
        return { reference: created.reference, repeated: false };
      });
    },

    /** Where the public form can send a referral: the active hubs and their local authorities. */
    async referralAreas(ctx: RequestContext): Promise<Array<{ hubId: string; name: string; localAuthorities: string[] }>> {
      return uow.run(null, ctx, async ({ tx }) => (await repo.listActiveHubs(tx)).map((h) => ({ hubId: h.id, name: h.name, localAuthorities: h.local_authorities })));
    },

    async getContact(actor: Actor, ctx: RequestContext, contactId: string): Promise<ContactView> {
      return uow.run(actor, ctx, async (work) => {
        // the contact and its hub's settings in one query; nothing of it leaves unless allowed
        const id = requireId(contactId);
        const row = await repo.findContactWithHubSettings(work.tx, id);
        work.require('contact.read', { hubId: row?.hub_id ?? '-', ladoInvolved: row ? involvesLado(row.concern_categories) : false, recordType: 'contact', recordId: id }, { hide: true });
        if (!row) throw notFound();
        const [subjects, clockRows] = [await repo.listSubjects(work.tx, id), await repo.listClocks(work.tx, id)];
        const contact = contactView(row, subjects, clockRows, work.now, calendarFor(readFrontDoorSettings(row.hub_settings as Record<string, unknown> | null)));
        work.audit({ action: 'contact.read', recordType: 'contact', recordId: id, details: { subjects: contact.subjects.length } });
        return contact;
      }, READ_ONLY);
    },

    /** Before showing an empty contact or consultation form: may this person record one? Gives "now" for the boxes. */
    async startRecording(actor: Actor, ctx: RequestContext, kind: 'contact' | 'consultation'): Promise<{ now: Date }> {
      return uow.run(actor, ctx, async (work) => {
        work.require(kind === 'contact' ? 'contact.create' : 'consultation.record', { hubId: actor.hubId });
        return { now: work.now };
      });
    },

    /** The contact and the hub's threshold levels, for the screening form. */
    async getForScreening(actor: Actor, ctx: RequestContext, contactId: string): Promise<{ contact: ContactView; thresholds: string[] }> {
      return uow.run(actor, ctx, async (work) => {
        const facts = await loadFor(work, 'contact.screen', contactId);
        const contact = await view(work, facts.id);
        const front = await hubFrontDoor(work.tx, facts.hub_id);
        work.audit({ action: 'contact.read', recordType: 'contact', recordId: facts.id, details: { subjects: contact.subjects.length, for: 'screening' } });
        return { contact, thresholds: front.thresholds };
      });
    },

    /** C3: classification, threshold, initial BRAG with rationale, police consultation; starts the BRAG clock. */
    async screenContact(actor: Actor, ctx: RequestContext, contactId: string, input: ScreeningInput, expectedVersion: number): Promise<ContactView> {
      return uow.run(actor, ctx, async (work) => {
        const { tx, now } = work;
        const facts = await loadFor(work, 'contact.screen', contactId);
        const status = transition(facts.status as ContactStatus, 'screen');
        const front = await hubFrontDoor(tx, facts.hub_id);
        const { value, errors } = validateScreening(input, front.thresholds);
        if (!value) throw validationError(errors);
        if (facts.version !== expectedVersion) throw changed();
        const updated = await repo.updateContact(tx, facts.id, expectedVersion, {
          status,
          classification: value.classification,
          threshold_level: value.thresholdLevel,
          initial_brag: value.initialBrag,
          brag_rationale: value.bragRationale,
          police_crime_suspected: value.policeCrimeSuspected,
          police_referred_to_cait: value.policeReferredToCait,
          screened_at: now,
          screened_by: actor.userId,
          updated_at: now,
        });
        if (!updated) throw changed();
        const cal = calendarFor(front);
        const existing = await loadClocks(tx, facts.id);
        const change = clocksAtScreening(facts.received_at, value.initialBrag, existing.map((c) => c.clock), front.timescales, now, cal);
        const idOf = new Map(existing.map((c) => [c.clock.type, c.id]));
        await repo.upsertClocks(tx, facts.hub_id, facts.id, [...change.stop, ...change.start].map((clock) => ({ id: idOf.get(clock.type) ?? randomUUID(), clock })));
        const routing = bragRouting(value.initialBrag);
        if (routing.alertDecisionMakers && !existing.some((c) => c.clock.type === 'brag-red' && c.clock.status === 'running')) {
          await repo.insertNotification(tx, { id: randomUUID(), hub_id: facts.hub_id, user_id: null, agency_id: actor.agencyId, role: 'decision-maker', kind: 'alert', topic: 'contact-red', message: RED_MESSAGE, record_type: 'contact', record_id: facts.id, due_at: null, created_at: now });
        }
        work.audit({
          action: 'contact.screen',
          recordType: 'contact',
          recordId: facts.id,
          details: { classification: value.classification, initialBrag: value.initialBrag, rescreen: facts.status === 'screened', clocksStarted: change.start.length, clocksStopped: change.stop.length },
        });
        return view(work, facts.id);
      });
    },

    /** Allocate to a member of the front-door team, or unallocate with null. */
    async allocateContact(actor: Actor, ctx: RequestContext, contactId: string, userId: string | null, expectedVersion: number): Promise<ContactView> {
      return uow.run(actor, ctx, async (work) => {
        const { tx, now } = work;
        const facts = await loadFor(work, 'contact.allocate', contactId);
        if (facts.status === 'decided' || facts.status === 'closed') throw new DomainError('invalid-state', 'A decided or closed contact cannot be allocated');
        let target: { id: string } | undefined;
        if (userId !== null) {
          const user = /^[0-9a-f-]{36}$/i.test(userId) ? await repo.findUser(tx, userId.toLowerCase()) : undefined;
          if (!user || user.hub_id !== facts.hub_id || !user.active || !(FRONT_DOOR_ROLES as readonly string[]).includes(user.role)) {
            throw validationError([{ field: 'userId', text: 'Select a member of the front-door team' }]);
          }
          target = user;
        }
        if (facts.version !== expectedVersion) throw changed();
        const updated = await repo.updateContact(tx, facts.id, expectedVersion, {
          allocated_to: target?.id ?? null,
          allocated_at: target ? now : null,
          allocated_by: target ? actor.userId : null,
          updated_at: now,
        });
        if (!updated) throw changed();
        if (target && target.id !== actor.userId) {
          await repo.insertNotification(tx, { id: randomUUID(), hub_id: facts.hub_id, user_id: target.id, agency_id: null, role: null, kind: 'alert', topic: 'contact-allocated', message: ALLOCATED_MESSAGE, record_type: 'contact', record_id: facts.id, due_at: null, created_at: now });
        }
        work.audit({ action: target ? 'contact.allocate' : 'contact.unallocate', recordType: 'contact', recordId: facts.id, details: { allocatedTo: target?.id ?? null } });
        return view(work, facts.id);
      });
    },

    /** The written referral owed after a phone contact arrived: its clock is met. */
    async recordWrittenReferral(actor: Actor, ctx: RequestContext, contactId: string, receivedAt: string | DateTimeParts, expectedVersion: number): Promise<ContactView> {
      return uow.run(actor, ctx, async (work) => {
        const { tx, now } = work;
        const facts = await loadFor(work, 'contact.update', contactId);
        if (!facts.written_referral_owed) throw new DomainError('invalid-state', 'This contact does not owe a written referral');
        const parsed = typeof receivedAt === 'string' ? (parseIsoInstant(receivedAt) ? { kind: 'instant' as const, at: parseIsoInstant(receivedAt)! } : { kind: 'error' as const, text: 'Enter the date and time the written referral was received' }) : parseLondonDateTime(receivedAt, 'Date received');
        if (parsed.kind === 'empty') throw validationError([{ field: 'writtenReferralReceivedAt', text: 'Enter the date and time the written referral was received' }]);
        if (parsed.kind === 'error') throw validationError([{ field: 'writtenReferralReceivedAt', text: parsed.text }]);
        if (parsed.at.getTime() > now.getTime() + 60_000) throw validationError([{ field: 'writtenReferralReceivedAt', text: 'The date and time received must be now or in the past' }]);
        if (parsed.at < facts.received_at) throw validationError([{ field: 'writtenReferralReceivedAt', text: 'The written referral cannot arrive before the contact' }]);
        if (facts.version !== expectedVersion) throw changed();
        const updated = await repo.updateContact(tx, facts.id, expectedVersion, { written_referral_received_at: parsed.at, updated_at: now });
        if (!updated) throw changed();
        const existing = await loadClocks(tx, facts.id);
        const met = clockAfterWrittenReferral(existing.map((c) => c.clock), parsed.at);
        if (met) await repo.upsertClocks(tx, facts.hub_id, facts.id, [{ id: existing.find((c) => c.clock.type === 'written-referral')!.id, clock: met }]);
        work.audit({ action: 'contact.written-referral', recordType: 'contact', recordId: facts.id });
        return view(work, facts.id);
      });
    },

    /**
     * Move a contact on after screening (for the checks and decisions features): start-checks
     * needs enquiry.send; decide and close need decision.record. Deciding meets the decision
     * and BRAG clocks; closing stops whatever still runs.
     */
    async changeStatus(actor: Actor, ctx: RequestContext, contactId: string, event: Exclude<ContactEvent, 'screen'>, expectedVersion: number): Promise<ContactView> {
      return uow.run(actor, ctx, async (work) => {
        const { tx, now } = work;
        const id = requireId(contactId);
        const facts = await repo.findContactFacts(tx, id);
        const permission = event === 'start-checks' ? 'enquiry.send' : 'decision.record';
        work.require(permission, { hubId: facts?.hub_id ?? '-', recordType: 'contact', recordId: id }, { hide: true });
        if (!facts) throw notFound();
        const status = transition(facts.status as ContactStatus, event);
        if (facts.version !== expectedVersion) throw changed();
        const updated = await repo.updateContact(tx, id, expectedVersion, { status, closed_at: status === 'closed' ? now : null, updated_at: now });
        if (!updated) throw changed();
        const existing = await loadClocks(tx, id);
        const clocks = event === 'decide' ? clocksAtDecision(existing.map((c) => c.clock), now) : event === 'close' ? clocksAtClose(existing.map((c) => c.clock), now) : [];
        const idOf = new Map(existing.map((c) => [c.clock.type, c.id]));
        await repo.upsertClocks(tx, facts.hub_id, id, clocks.map((clock) => ({ id: idOf.get(clock.type)!, clock })));
        work.audit({ action: `contact.${event}`, recordType: 'contact', recordId: id, details: { status, clocks: clocks.length } });
        return view(work, id);
      });
    },

    /** C4: mine, the team's, unallocated, by agency; what falls due first at the top. */
    async listQueue(actor: Actor, ctx: RequestContext, options: { queue: string; agencyId?: string; page?: number }): Promise<QueueView> {
      return uow.run(actor, ctx, async (work) => {
        const { tx, now } = work;
        work.require('queue.read', { hubId: actor.hubId });
        if (!isQueueName(options.queue)) throw notFound();
        let agencyId: string | undefined;
        if (options.queue === 'agency') {
          agencyId = options.agencyId ? requireId(options.agencyId) : actor.agencyId;
          const agency = await repo.findAgency(tx, agencyId);
          // another hub's agency is simply not there
          if (!agency || agency.hub_id !== actor.hubId) throw notFound();
        }
        const page = Math.max(0, Math.min(10_000, Math.trunc(options.page ?? 0)));
        const rows = await repo.queue(tx, actor.hubId, queueFilter(options.queue, actor, agencyId), page, QUEUE_PAGE_SIZE);
        const hasMore = rows.length > QUEUE_PAGE_SIZE;
        const pageRows = rows.slice(0, QUEUE_PAGE_SIZE);
        const ids = pageRows.map((r) => r.id);
        const clockRows = await repo.listClocksOf(tx, ids);
        const children = await repo.listChildrenOf(tx, ids);
        const front = await hubFrontDoor(tx, actor.hubId);
        const cal = calendarFor(front);
        const clocksBy = groupBy(clockRows, (r) => r.contact_id);
        const childrenBy = groupBy(children, (r) => r.contact_id);
        const items = pageRows.map((r): QueueItem => {
          const clocks = (clocksBy.get(r.id) ?? []).map(clockFromRow);
          const key = queueKey(clocks, now);
          return {
            id: r.id,
            reference: r.reference,
            channel: r.channel,
            receivedAt: r.received_at,
            outOfHours: r.out_of_hours,
            status: r.status as ContactStatus,
            initialBrag: r.initial_brag,
            allocatedTo: r.allocated_to ? { id: r.allocated_to, name: r.allocated_to_name ?? '' } : null,
            ladoInvolved: involvesLado(r.concern_categories),
            children: (childrenBy.get(r.id) ?? []).map((c) => ({ givenName: c.given_name, familyName: c.family_name, dateOfBirth: c.date_of_birth })),
            clocks: orderClocks(clocks.map((c) => displayClock(c, now, cal))),
            ...key,
          };
        });
        work.audit({ action: 'queue.read', recordType: 'contact', details: { queue: options.queue, agencyId: agencyId ?? null, page, count: items.length } });
        return { queue: options.queue, agencyId: agencyId ?? null, page, pageSize: QUEUE_PAGE_SIZE, hasMore, items: sortQueue(items) };
      }, READ_ONLY);
    },

    /** What the front-door forms offer: threshold levels, agencies, the team to allocate to. No personal data. */
    async frontDoorOptions(actor: Actor, ctx: RequestContext): Promise<FrontDoorOptions> {
      return uow.run(actor, ctx, async (work) => {
        work.require('queue.read', { hubId: actor.hubId });
        const { tx } = work;
        const front = await hubFrontDoor(tx, actor.hubId);
        const agencies = await repo.listAgencies(tx, actor.hubId);
        const workers = await repo.listFrontDoorWorkers(tx, actor.hubId, FRONT_DOOR_ROLES);
        return { thresholds: front.thresholds, agencies, workers: workers.map((w) => ({ id: w.id, name: w.display_name, role: w.role })) };
      });
    },

    /** Administrators read them to change them (`forEditing`); the front door reads them to screen. */
    async getFrontDoorSettings(actor: Actor, ctx: RequestContext, options: { forEditing?: boolean } = {}): Promise<FrontDoorSettingsView> {
      return uow.run(actor, ctx, async (work) => {
        const permission = options.forEditing || hasPermission(actor.role, 'hub.manage') ? 'hub.manage' : 'contact.screen';
        work.require(permission, { hubId: actor.hubId, recordType: 'hub', recordId: actor.hubId });
        const front = await hubFrontDoor(work.tx, actor.hubId);
        work.audit({ action: 'hub.front-door-settings.read', recordType: 'hub', recordId: actor.hubId });
        return settingsView(front);
      });
    },

    async updateFrontDoorSettings(actor: Actor, ctx: RequestContext, input: FrontDoorSettingsInput, expectedVersion: number): Promise<FrontDoorSettingsView> {
      return uow.run(actor, ctx, async (work) => {
        const { tx } = work;
        work.require('hub.manage', { hubId: actor.hubId, recordType: 'hub', recordId: actor.hubId });
        const { value, errors } = validateFrontDoorSettings(input);
        if (!value) throw validationError(errors);
        const hub = await repo.findHub(tx, actor.hubId);
        if (!hub) throw notFound();
        const updated = await repo.updateHubSettings(tx, actor.hubId, expectedVersion, mergeFrontDoorSettings(hub.settings ?? {}, value));
        if (!updated) throw new DomainError('conflict', 'Someone else changed the hub settings while you were editing them. Check the current settings and make your change again.');
        work.audit({ action: 'hub.front-door-settings.update', recordType: 'hub', recordId: actor.hubId, details: { thresholds: value.thresholds.length, overrides: Object.keys(value.timescaleOverrides) } });
        return settingsView({ ...readFrontDoorSettings(mergeFrontDoorSettings(hub.settings ?? {}, value)), version: updated.version });
      });
    },
  };
}

export type ContactsService = ReturnType<typeof createContactsService>;

function settingsView(front: HubFrontDoor & { version: number }): FrontDoorSettingsView {
  const types = ['decision', 'brag-red', 'brag-amber', 'brag-green', 'brag-blue', 'written-referral', 'lado-allegation'] as const;
  return {
    thresholds: front.thresholds,
    referencePrefix: front.referencePrefix,
    timescales: types.map((type) => ({ type, rule: { ...front.timescales[type] }, overridden: front.timescaleOverrides[type] !== undefined })),
    version: front.version,
  };
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

function contactView(row: ContactWithNames, subjects: SubjectRow[], clockRows: ClockRow[], now: Date, cal: WorkingCalendar): ContactView {
  const screened = row.screened_at && row.classification && row.initial_brag && row.threshold_level && row.brag_rationale;
  return {
    id: row.id,
    hubId: row.hub_id,
    reference: row.reference,
    channel: row.channel,
    receivedAt: row.received_at,
    outOfHours: row.out_of_hours,
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by ? { id: row.recorded_by, name: row.recorded_by_name ?? '' } : null,
    recordedByAgencyId: row.recorded_by_agency_id,
    referrer: {
      kind: row.referrer_kind,
      name: row.referrer_name,
      role: row.referrer_role,
      organisation: row.referrer_organisation,
      phone: row.referrer_phone,
      email: row.referrer_email,
      address: row.referrer_address,
      relationship: row.referrer_relationship,
    },
    anonymityNote: row.anonymity_note,
    subjects: subjects.map((s) => ({
      id: s.id,
      position: s.position,
      role: s.role,
      givenName: s.given_name,
      familyName: s.family_name,
      dateOfBirth: s.date_of_birth,
      sex: s.sex,
      address: s.address,
      postcode: s.postcode,
      school: s.school,
      nhsNumber: s.nhs_number,
      personId: s.person_id,
      linkedAt: s.linked_at,
    })),
    concernCategories: row.concern_categories,
    concernSummary: row.concern_summary,
    parentsInformed: row.parents_informed,
    childSpokenTo: row.child_spoken_to,
    writtenReferralOwed: row.written_referral_owed,
    writtenReferralReceivedAt: row.written_referral_received_at,
    consultationKind: row.consultation_kind,
    consultationAdvice: row.consultation_advice,
    status: row.status as ContactStatus,
    screening: screened
      ? {
          classification: row.classification as Classification,
          thresholdLevel: row.threshold_level!,
          initialBrag: row.initial_brag!,
          bragRationale: row.brag_rationale!,
          policeCrimeSuspected: row.police_crime_suspected as CrimeAnswer | null,
          policeReferredToCait: row.police_referred_to_cait,
          screenedAt: row.screened_at!,
          screenedBy: row.screened_by ? { id: row.screened_by, name: row.screened_by_name ?? '' } : null,
          routing: bragRouting(row.initial_brag!).text,
        }
      : null,
    allocatedTo: row.allocated_to ? { id: row.allocated_to, name: row.allocated_to_name ?? '' } : null,
    allocatedAt: row.allocated_at,
    ladoInvolved: involvesLado(row.concern_categories),
    clocks: orderClocks(clockRows.map((r) => displayClock(clockFromRow(r), now, cal))),
    closedAt: row.closed_at,
    version: row.version,
  };
}
