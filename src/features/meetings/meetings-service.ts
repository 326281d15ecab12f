import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { hasPermission, type Actor } from '../../platform/access/policy';
import { AGENCY_TYPE_LABELS, isPartnerRole, rolesAllowedForAgency, type AgencyType } from '../../platform/access/roles';
import type { PlatformDeps } from '../../platform/deps';
import type { RequestContext, Work } from '../../platform/db/unit-of-work';
import { DomainError, isUuid, requireId, validationError, type FieldError } from '../../platform/errors';
import { notify, queueEmail } from '../../platform/notifications/notify';
import { londonDate, londonInstant } from '../clocks/domain/london-time';
import { hubSecureDomains, linkedPersonIds, SAFEGUARDING_BASES, writeLedgerEntry } from '../decisions/disclosure-ledger';
import { isApprovedSecureDomain } from '../decisions/domain/secure-domain';
import { computeClock, hubClockSettings, listContactClocks, startContactClock, type ContactClockView } from '../decisions/hub-clocks';
import { AGENCY_KINDS, ATTENDEE_CAPACITIES, type AgencyKind, type Attendee, type AttendeeCapacity } from './domain/attendees';
import { renderDslInvitation, type InvitationChild } from './domain/dsl-invitation';
import { followOnClocks } from './domain/follow-on-clocks';
import {
  cancelMeeting as cancelDomain,
  circulateMinutes as circulateDomain,
  holdMeeting as holdDomain,
  MEETING_KINDS,
  minutesOverdue,
  scheduleMeeting as scheduleDomain,
  type MeetingKind,
  type MeetingStatus,
} from './domain/meeting';
import { DEFAULT_SLOT_PATTERNS, expandSlots, freeSlots, validateSlotPatterns, type Slot, type SlotPattern } from './domain/slots';
import { findMeetingRows, insertHeldRecord, insertMeeting, listBookedSlots, toDomainMeeting, updateMeetingAtVersion, type MeetingRows } from './meetings-repository';

type Tx = Transaction<DB>;

export interface AttendeeInput {
  agencyId: string;
  name: string;
  capacity: string;
  email?: string;
}

export interface ScheduleMeetingInput {
  kind: string;
  contactIds: string[];
  venue: string;
  invited: AttendeeInput[];
  /** a free strategy meeting slot (002 §4.3.3) ... */
  slotId?: string;
  /** ... or a start time: MASH meetings, and urgent strategy discussions with their reason */
  startsAt?: Date;
  urgentReason?: string;
}

export interface HoldMeetingInput {
  version: number;
  heldAt: Date;
  attended: AttendeeInput[];
  informationShared: { agencyId: string; summary: string }[];
  s47Decisions: { contactId: string; begin: boolean | undefined; reason: string }[];
  decisions?: string;
  actions: { description: string; ownerName: string; ownerAgencyId: string; dueAt: Date }[];
}

export interface InvitationInput {
  schoolName: string;
  dslName: string;
  /** the DSL's secure email; required to queue */
  email?: string;
  /** contact_subject ids of the children it concerns */
  childSubjectIds: string[];
  /** queue to the outbox as well as show the text */
  queue: boolean;
}

export interface AttendeeView extends Attendee {
  agencyName: string;
  capacityLabel: string;
}

export interface MeetingContactView {
  contactId: string;
  reference: string;
  receivedAt: Date;
  status: string;
  /** children named in the contact (name and date of birth: who the meeting is about) */
  children: { subjectId: string; name: string; dateOfBirth: string | null }[];
  s47: { begin: boolean; reason: string } | null;
}

export interface MeetingView {
  id: string;
  kind: MeetingKind;
  kindLabel: string;
  status: MeetingStatus;
  version: number;
  startsAt: Date;
  venue: string;
  slotId: string | null;
  urgentReason: string | null;
  chairName: string;
  scheduledAt: Date;
  contacts: MeetingContactView[];
  invited: AttendeeView[];
  invitedAgencyIds: string[];
  held: null | {
    heldAt: Date;
    attended: AttendeeView[];
    informationShared: { agencyId: string; agencyName: string; summary: string }[];
    decisions: string | null;
    actions: { description: string; ownerName: string; ownerAgencyId: string; ownerAgencyName: string; dueAt: Date }[];
    minutesDueAt: Date;
    minutesOverdue: boolean;
  };
  minutes: null | { circulatedAt: Date; circulatedToAgencyIds: string[]; circulatedToNames: string[]; late: boolean };
  cancelled: null | { cancelledAt: Date; reason: string };
  /** the clocks of the meeting's contacts: ICPC and assessment after S47 began */
  clocks: ContactClockView[];
  invitations: { id: string; schoolName: string; dslName: string; queued: boolean; createdAt: Date }[];
}

export interface MeetingSummary {
  id: string;
  kind: MeetingKind;
  kindLabel: string;
  status: MeetingStatus;
  startsAt: Date;
  venue: string;
  contactReferences: string[];
  minutesDueAt: Date | null;
  minutesOverdue: boolean;
}

export interface AgencyOption {
  id: string;
  name: string;
  type: string;
  kind: AgencyKind;
}

export interface SlotView {
  id: string;
  startsAt: Date;
  endsAt: Date;
}

/** How many working days ahead free strategy meeting slots are offered. */
const SLOT_HORIZON_WORKING_DAYS = 10;

export const agencyKindOf = (type: string): AgencyKind => ((AGENCY_KINDS as readonly string[]).includes(type) ? (type as AgencyKind) : 'other');

export function createMeetingsService(deps: PlatformDeps) {
  const { uow } = deps;

  async function agenciesOf(tx: Tx, hubId: string): Promise<Map<string, { id: string; name: string; type: string; secureDomains: string[] }>> {
    const rows = await tx.selectFrom('agency').select(['id', 'name', 'type', 'secure_email_domains']).where('hub_id', '=', hubId).execute();
    return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, type: r.type, secureDomains: r.secure_email_domains }]));
  }

  /** The attendees as the domain needs them: the kind of agency comes from the agency record, never from the form. */
  function toAttendees(input: readonly AttendeeInput[], agencies: Map<string, { type: string }>, field: string): { attendees: Attendee[]; errors: FieldError[] } {
    const errors: FieldError[] = [];
    const attendees = input.map((a, i): Attendee => {
      const agency = isUuid(a.agencyId) ? agencies.get(a.agencyId.toLowerCase()) : undefined;
      if (!agency && a.agencyId) errors.push({ field: `${field}[${i}].agencyId`, text: 'Select an agency of this hub' });
      if (a.email && a.email.trim() !== '' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(a.email.trim())) {
        errors.push({ field: `${field}[${i}].email`, text: 'Enter an email address in the correct format' });
      }
      return {
        agencyId: agency ? a.agencyId.toLowerCase() : a.agencyId ?? '',
        agencyKind: agency ? agencyKindOf(agency.type) : ('' as AgencyKind),
        name: a.name ?? '',
        capacity: a.capacity as AttendeeCapacity,
        ...(a.email && a.email.trim() ? { email: a.email.trim() } : {}),
      };
    });
    return { attendees, errors };
  }

  async function slotsFor(tx: Tx, hubId: string, now: Date): Promise<Slot[]> {
    const hub = await hubClockSettings(tx, hubId);
    const configured = hub.settings.strategySlots as SlotPattern[] | undefined;
    const patterns = Array.isArray(configured) && validateSlotPatterns(configured).length === 0 ? configured : DEFAULT_SLOT_PATTERNS;
    const today = londonDate(now);
    const dates: string[] = [];
    let d = hub.cal.isWorkingDay(today) ? today : hub.cal.nextWorkingDay(today);
    for (let i = 0; i < SLOT_HORIZON_WORKING_DAYS; i++) {
      dates.push(d);
      d = hub.cal.nextWorkingDay(d);
    }
    const slots = expandSlots(patterns, dates, londonInstant);
    return freeSlots(slots, await listBookedSlots(tx, hubId), now);
  }

  /** Loads a meeting and asks the policy; partner practitioners and the LADO reach meetings their agency was invited to. */
  async function loadFor(tx: Tx, actor: Actor, require: Work['require'], permission: 'meeting.read' | 'meeting.manage', id: string): Promise<MeetingRows> {
    const rows = await findMeetingRows(tx, id);
    const invitedAgencyIds = rows ? [...new Set(rows.attendees.filter((a) => a.list === 'invited').map((a) => a.agency_id))] : [];
    // a role without the permission learns nothing from a 403; another hub's or agency's record is "not found"
    require(permission, { hubId: rows?.meeting.hub_id ?? '-', enquiryAgencyIds: invitedAgencyIds, recordType: 'meeting', recordId: id }, { hide: hasPermission(actor.role, permission) });
    if (!rows) throw new DomainError('not-found', 'Not found');
    return rows;
  }

  async function viewOf(tx: Tx, actor: Actor, rows: MeetingRows, now: Date): Promise<MeetingView> {
    const m = rows.meeting;
    const agencies = await agenciesOf(tx, m.hub_id);
    const name = (id: string) => agencies.get(id)?.name ?? 'Unknown agency';
    const contactIds = rows.contacts.map((c) => c.contact_id);
    const contacts = contactIds.length
      ? await tx.selectFrom('contact').select(['id', 'reference', 'received_at', 'status']).where('hub_id', '=', m.hub_id).where('id', 'in', contactIds).execute()
      : [];
    const subjects = contactIds.length
      ? await tx
          .selectFrom('contact_subject')
          .select(['id', 'contact_id', 'given_name', 'family_name', 'date_of_birth', 'role'])
          .where('hub_id', '=', m.hub_id)
          .where('contact_id', 'in', contactIds)
          .where('role', 'in', ['subject', 'sibling'])
          .orderBy('id')
          .execute()
      : [];
    const chair = await tx.selectFrom('app_user').select('display_name').where('id', '=', m.chair_user_id).executeTakeFirst();
    const invitations = await tx
      .selectFrom('meeting_invitation')
      .select(['id', 'school_name', 'dsl_name', 'to_address', 'created_at'])
      .where('meeting_id', '=', m.id)
      .orderBy('created_at')
      .execute();
    const attendeeView = (a: MeetingRows['attendees'][number]): AttendeeView => ({
      agencyId: a.agency_id,
      agencyKind: a.agency_kind as AgencyKind,
      name: a.name,
      capacity: a.capacity as AttendeeCapacity,
      ...(a.email ? { email: a.email } : {}),
      agencyName: name(a.agency_id),
      capacityLabel: ATTENDEE_CAPACITIES[a.capacity as AttendeeCapacity] ?? a.capacity,
    });
    const domain = toDomainMeeting(rows);
    const invitedAgencyIds = [...new Set(rows.attendees.filter((a) => a.list === 'invited').map((a) => a.agency_id))];
    return {
      id: m.id,
      kind: m.kind,
      kindLabel: MEETING_KINDS[m.kind],
      status: m.status,
      version: m.version,
      startsAt: m.starts_at,
      venue: m.venue,
      slotId: m.slot_id,
      urgentReason: m.urgent_reason,
      chairName: chair?.display_name ?? '',
      scheduledAt: m.scheduled_at,
      contacts: rows.contacts.map((c) => {
        const contact = contacts.find((x) => x.id === c.contact_id);
        return {
          contactId: c.contact_id,
          reference: contact?.reference ?? '',
          receivedAt: contact?.received_at ?? m.scheduled_at,
          status: contact?.status ?? '',
          children: subjects
            .filter((s) => s.contact_id === c.contact_id)
            .map((s) => ({ subjectId: s.id, name: [s.given_name, s.family_name].filter(Boolean).join(' '), dateOfBirth: dateOnly(s.date_of_birth) })),
          s47: c.s47_begin === null ? null : { begin: c.s47_begin, reason: c.s47_reason ?? '' },
        };
      }),
      invited: rows.attendees.filter((a) => a.list === 'invited').map(attendeeView),
      invitedAgencyIds,
      held:
        m.held_at && m.minutes_due_at
          ? {
              heldAt: m.held_at,
              attended: rows.attendees.filter((a) => a.list === 'attended').map(attendeeView),
              informationShared: rows.information.map((i) => ({ agencyId: i.agency_id, agencyName: name(i.agency_id), summary: i.summary })),
              decisions: m.decisions,
              actions: rows.actions.map((a) => ({ description: a.description, ownerName: a.owner_name, ownerAgencyId: a.owner_agency_id, ownerAgencyName: name(a.owner_agency_id), dueAt: a.due_at })),
              minutesDueAt: m.minutes_due_at,
              minutesOverdue: minutesOverdue(domain, now),
            }
          : null,
      minutes: m.minutes_circulated_at
        ? {
            circulatedAt: m.minutes_circulated_at,
            circulatedToAgencyIds: m.minutes_circulated_to ?? [],
            circulatedToNames: (m.minutes_circulated_to ?? []).map(name),
            late: m.minutes_late ?? false,
          }
        : null,
      cancelled: m.cancelled_at ? { cancelledAt: m.cancelled_at, reason: m.cancel_reason ?? '' } : null,
      clocks: (await listContactClocks(tx, m.hub_id, contactIds, now)).filter((c) => hasPermission(actor.role, 'contact.read') || c.type === 'icpc' || c.type === 'assessment'),
      invitations: invitations.map((i) => ({ id: i.id, schoolName: i.school_name, dslName: i.dsl_name, queued: i.to_address !== null, createdAt: i.created_at })),
    };
  }

  function conflict(): DomainError {
    return new DomainError('conflict', 'Someone else changed this meeting while you were working on it. Check the current details and try again.');
  }

  return {
    /** Agencies of the actor's hub, for the attendee lists. */
    async listAgencies(actor: Actor, ctx: RequestContext): Promise<AgencyOption[]> {
      return uow.run(actor, ctx, async ({ tx, require }) => {
        require('meeting.read', { hubId: actor.hubId, enquiryAgencyIds: [actor.agencyId] });
        const rows = await tx.selectFrom('agency').select(['id', 'name', 'type']).where('hub_id', '=', actor.hubId).where('active', '=', true).orderBy('name').execute();
        return rows.map((r) => ({ id: r.id, name: r.name, type: r.type, kind: agencyKindOf(r.type) }));
      });
    },

    /** Open contacts of the hub a meeting can be convened for: references only. */
    async listContactsForMeeting(actor: Actor, ctx: RequestContext): Promise<{ id: string; reference: string; receivedAt: Date; status: string }[]> {
      return uow.run(actor, ctx, async ({ tx, require, audit }) => {
        require('meeting.manage', { hubId: actor.hubId });
        const rows = await tx
          .selectFrom('contact')
          .select(['id', 'reference', 'received_at', 'status'])
          .where('hub_id', '=', actor.hubId)
          .where('status', '<>', 'closed')
          .orderBy('received_at', 'desc')
          .limit(200)
          .execute();
        audit({ action: 'meeting.contacts.list', recordType: 'contact', details: { count: rows.length } });
        return rows.map((r) => ({ id: r.id, reference: r.reference, receivedAt: r.received_at, status: r.status }));
      });
    },

    /** Free strategy meeting slots over the next working days (002 §4.3.3). */
    async listFreeSlots(actor: Actor, ctx: RequestContext): Promise<SlotView[]> {
      return uow.run(actor, ctx, async ({ tx, require, now }) => {
        require('meeting.manage', { hubId: actor.hubId });
        return (await slotsFor(tx, actor.hubId, now)).map((s) => ({ id: s.id, startsAt: s.startsAt, endsAt: s.endsAt }));
      });
    },

    async listMeetings(actor: Actor, ctx: RequestContext, options: { status?: MeetingStatus } = {}): Promise<MeetingSummary[]> {
      return uow.run(actor, ctx, async ({ tx, require, audit, now }) => {
        require('meeting.read', { hubId: actor.hubId, enquiryAgencyIds: [actor.agencyId] });
        let q = tx.selectFrom('meeting').selectAll().where('hub_id', '=', actor.hubId);
        if (options.status) q = q.where('status', '=', options.status);
        // partner practitioners and the LADO see the meetings their agency was invited to (need-to-know)
        if (isPartnerRole(actor.role) || actor.role === 'lado') {
          q = q.where((eb) =>
            eb.exists(
              eb
                .selectFrom('meeting_attendee')
                .select('meeting_attendee.id')
                .whereRef('meeting_attendee.meeting_id', '=', 'meeting.id')
                .where('meeting_attendee.list', '=', 'invited')
                .where('meeting_attendee.agency_id', '=', actor.agencyId),
            ),
          );
        }
        const meetings = await q.orderBy('starts_at', 'desc').limit(200).execute();
        const ids = meetings.map((m) => m.id);
        const refs = ids.length
          ? await tx
              .selectFrom('meeting_contact')
              .innerJoin('contact', 'contact.id', 'meeting_contact.contact_id')
              .select(['meeting_contact.meeting_id', 'contact.reference'])
              .where('meeting_contact.meeting_id', 'in', ids)
              .orderBy('meeting_contact.position')
              .execute()
          : [];
        audit({ action: 'meeting.list', recordType: 'meeting', details: { count: meetings.length } });
        return meetings.map((m) => ({
          id: m.id,
          kind: m.kind,
          kindLabel: MEETING_KINDS[m.kind],
          status: m.status,
          startsAt: m.starts_at,
          venue: m.venue,
          contactReferences: refs.filter((r) => r.meeting_id === m.id).map((r) => r.reference),
          minutesDueAt: m.minutes_due_at,
          minutesOverdue: m.status === 'held' && m.minutes_due_at !== null && now.getTime() > m.minutes_due_at.getTime(),
        }));
      });
    },

    /**
     * A form page answers to whoever may send the form: asks the policy for the permission its
     * POST needs (a refusal is audited) before the page shows anything.
     */
    async requireTo(actor: Actor, ctx: RequestContext, permission: 'meeting.manage'): Promise<void> {
      await uow.run(actor, ctx, async ({ require }) => void require(permission), { readOnly: true });
    },

    async getMeeting(actor: Actor, ctx: RequestContext, id: string): Promise<MeetingView> {
      return uow.run(actor, ctx, async ({ tx, require, audit, now }) => {
        id = requireId(id);
        const rows = await loadFor(tx, actor, require, 'meeting.read', id);
        audit({ action: 'meeting.read', recordType: 'meeting', recordId: id, details: { contactIds: rows.contacts.map((c) => c.contact_id) } });
        return viewOf(tx, actor, rows, now);
      });
    },

    /** Convenes a meeting for one or more contacts: scheduled, with attendees invited by agency. */
    async scheduleMeeting(actor: Actor, ctx: RequestContext, input: ScheduleMeetingInput): Promise<MeetingView> {
      return uow.run(actor, ctx, async ({ tx, require, audit, now }) => {
        require('meeting.manage', { hubId: actor.hubId });
        const errors: FieldError[] = [];
        const contactIds = (input.contactIds ?? []).map((c) => (isUuid(c) ? c.toLowerCase() : c));
        if (contactIds.some((c) => !isUuid(c))) errors.push({ field: 'contactIds', text: 'Select contacts from the list' });
        const valid = contactIds.filter(isUuid);
        const found = valid.length
          ? await tx.selectFrom('contact').select(['id', 'status']).where('hub_id', '=', actor.hubId).where('id', 'in', valid).execute()
          : [];
        if (found.length !== new Set(valid).size) errors.push({ field: 'contactIds', text: 'Select contacts of this hub' });
        if (found.some((c) => c.status === 'closed')) errors.push({ field: 'contactIds', text: 'A closed contact cannot be discussed at a new meeting' });
        const agencies = await agenciesOf(tx, actor.hubId);
        const invited = toAttendees(input.invited ?? [], agencies, 'invited');
        errors.push(...invited.errors);
        const free = await slotsFor(tx, actor.hubId, now);
        let slot: Slot | undefined;
        if (input.slotId) {
          slot = free.find((s) => s.id === input.slotId) ?? { id: input.slotId, patternId: '', date: '', startsAt: now, endsAt: now };
        }
        let scheduled: ReturnType<typeof scheduleDomain>;
        try {
          scheduled = scheduleDomain(
            {
              id: randomUUID(),
              hubId: actor.hubId,
              kind: input.kind as MeetingKind,
              contactIds,
              venue: input.venue ?? '',
              invited: invited.attendees,
              ...(slot ? { slot } : {}),
              ...(input.startsAt ? { startsAt: input.startsAt } : {}),
              ...(input.urgentReason && input.urgentReason.trim() ? { urgentReason: input.urgentReason } : {}),
            },
            free,
            actor,
            now,
          );
        } catch (error) {
          if (error instanceof DomainError && error.code === 'validation') throw validationError(dedupe([...errors, ...error.fields]));
          throw error;
        }
        if (errors.length > 0) throw validationError(dedupe(errors));
        const { meeting } = scheduled;
        try {
          await insertMeeting(tx, meeting);
        } catch (error) {
          // the partial unique index: someone booked the slot a moment ago
          if (isUniqueViolation(error)) throw validationError([{ field: 'slot', text: 'That slot is no longer free' }]);
          throw error;
        }
        audit({
          action: 'meeting.schedule',
          recordType: 'meeting',
          recordId: meeting.id,
          details: { kind: meeting.kind, contactIds: meeting.contactIds, invitedAgencyIds: [...new Set(meeting.invited.map((a) => a.agencyId))], slot: meeting.slotId ?? null, urgent: Boolean(meeting.urgentReason) },
        });
        return viewOf(tx, actor, (await findMeetingRows(tx, meeting.id))!, now);
      });
    },

    /**
     * Records the meeting as held: attendance, information shared, the S47 decisions and actions.
     * A strategy discussion that begins S47 enquiries starts the ICPC and assessment clocks
     * (004 flow chart 4); the minutes are due within 2 working days (004 protocol 4).
     */
    async holdMeeting(actor: Actor, ctx: RequestContext, id: string, input: HoldMeetingInput): Promise<MeetingView> {
      return uow.run(actor, ctx, async ({ tx, require, audit, now }) => {
        id = requireId(id);
        const rows = await loadFor(tx, actor, require, 'meeting.manage', id);
        if (rows.meeting.version !== input.version) throw conflict();
        const agencies = await agenciesOf(tx, rows.meeting.hub_id);
        const attended = toAttendees(input.attended ?? [], agencies, 'attended');
        const errors = [...attended.errors];
        for (const [i, s] of (input.informationShared ?? []).entries()) {
          if (s.agencyId && !agencies.has(s.agencyId)) errors.push({ field: `informationShared[${i}].agencyId`, text: 'Select an agency of this hub' });
        }
        for (const [i, a] of (input.actions ?? []).entries()) {
          if (a.ownerAgencyId && !agencies.has(a.ownerAgencyId)) errors.push({ field: `actions[${i}].ownerAgencyId`, text: 'Select an agency of this hub' });
        }
        const hub = await hubClockSettings(tx, rows.meeting.hub_id);
        const validHeldAt = input.heldAt instanceof Date && !Number.isNaN(input.heldAt.getTime());
        const minutesClock = validHeldAt ? computeClock('strategy-minutes', input.heldAt, hub) : undefined;
        const meeting = toDomainMeeting(rows);
        let held: ReturnType<typeof holdDomain>;
        try {
          held = holdDomain(
            meeting,
            {
              heldAt: input.heldAt,
              attended: attended.attendees,
              informationShared: input.informationShared ?? [],
              s47Decisions: (input.s47Decisions ?? []).map((d) => ({ contactId: d.contactId, begin: d.begin as boolean, reason: d.reason ?? '' })),
              ...(input.decisions ? { decisions: input.decisions } : {}),
              actions: input.actions ?? [],
              minutesDueAt: minutesClock?.dueAt ?? new Date(Number.NaN),
            },
            actor,
            now,
          );
        } catch (error) {
          if (error instanceof DomainError && error.code === 'validation') throw validationError(dedupe([...errors, ...error.fields]));
          throw error;
        }
        if (errors.length > 0) throw validationError(dedupe(errors));
        const next = held.meeting;
        if (next.status !== 'held') throw new DomainError('invalid-state', 'The meeting could not be held');
        const moved = await updateMeetingAtVersion(tx, id, input.version, {
          status: 'held',
          held_at: next.held.heldAt,
          held_recorded_by: actor.userId,
          decisions: next.held.decisions ?? null,
          minutes_rule: JSON.stringify(minutesClock!.rule),
          minutes_due_at: next.held.minutesDueAt,
        });
        if (!moved) throw conflict();
        await insertHeldRecord(tx, next.hubId, id, next.held);

        // the follow-on clocks of contacts whose S47 enquiries begin here
        const contactRows = await tx.selectFrom('contact').select(['id', 'received_at']).where('hub_id', '=', next.hubId).where('id', 'in', next.contactIds).execute();
        const running = await tx
          .selectFrom('contact_clock')
          .select(['contact_id', 'type'])
          .where('hub_id', '=', next.hubId)
          .where('contact_id', 'in', next.contactIds)
          .where('type', 'in', ['icpc', 'assessment'])
          .execute();
        const requests = followOnClocks(next, {
          referralReceivedAt: Object.fromEntries(contactRows.map((c) => [c.id, c.received_at])),
          running: running.map((r) => ({ contactId: r.contact_id, clock: r.type as 'icpc' | 'assessment' })),
        });
        let started = 0;
        for (const r of requests) {
          const clock = await startContactClock(tx, { hubId: next.hubId, contactId: r.contactId, type: r.clock, startedAt: r.startsAt }, hub);
          if (clock) {
            started += 1;
            audit({ action: 'contact-clock.start', recordType: 'contact', recordId: r.contactId, details: { type: r.clock, clockId: clock.id, meetingId: id } });
          }
        }
        audit({
          action: 'meeting.hold',
          recordType: 'meeting',
          recordId: id,
          details: {
            kind: next.kind,
            attendedAgencyIds: [...new Set(next.held.attended.map((a) => a.agencyId))],
            s47Begun: next.held.s47Decisions.filter((d) => d.begin).map((d) => d.contactId),
            actions: next.held.actions.length,
            clocksStarted: started,
          },
        });
        return viewOf(tx, actor, (await findMeetingRows(tx, id))!, now);
      });
    },

    /**
     * Records that the minutes went to every agency that attended (004 protocol 4). Each agency
     * receiving them is written to the disclosure ledger, and its practitioners are alerted.
     */
    async circulateMinutes(actor: Actor, ctx: RequestContext, id: string, input: { version: number; circulatedToAgencyIds: string[] }): Promise<MeetingView> {
      return uow.run(actor, ctx, async ({ tx, require, audit, now }) => {
        id = requireId(id);
        const rows = await loadFor(tx, actor, require, 'meeting.manage', id);
        if (rows.meeting.version !== input.version) throw conflict();
        const agencies = await agenciesOf(tx, rows.meeting.hub_id);
        const to = [...new Set((input.circulatedToAgencyIds ?? []).map((a) => a.toLowerCase()))];
        if (to.some((a) => !agencies.has(a))) throw validationError([{ field: 'circulatedToAgencyIds', text: 'Select agencies of this hub' }]);
        const { meeting: next } = circulateDomain(toDomainMeeting(rows), { circulatedToAgencyIds: to }, actor, now);
        if (next.status !== 'minutes-circulated') throw new DomainError('invalid-state', 'The minutes could not be circulated');
        const moved = await updateMeetingAtVersion(tx, id, input.version, {
          status: 'minutes-circulated',
          minutes_circulated_at: now,
          minutes_circulated_by: actor.userId,
          minutes_circulated_to: to,
          minutes_late: next.minutes.late,
        });
        if (!moved) throw conflict();
        // a copy to a partner agency is a disclosure of what was said about each child
        const recipients = to.filter((a) => a !== actor.agencyId);
        let ledger = 0;
        for (const contactId of next.contactIds) {
          const personIds = await linkedPersonIds(tx, next.hubId, contactId);
          for (const agencyId of recipients) {
            await writeLedgerEntry(tx, {
              hubId: next.hubId,
              contactId,
              personIds,
              recipientKind: 'agency',
              recipientAgencyId: agencyId,
              recipientName: agencies.get(agencyId)!.name,
              channel: 'meeting',
              shared: true,
              what: `Minutes of the ${MEETING_KINDS[next.kind].toLowerCase()}: attendees, information shared, decisions and actions`,
              purpose: next.kind === 'strategy-discussion' ? 'Strategy discussion under section 47 of the Children Act 1989: minutes to each agency in attendance' : 'MASH meeting: minutes to each agency in attendance',
              legalBases: [...SAFEGUARDING_BASES],
              consentBasis: 'not-required',
              decidedBy: actor.userId,
              decidedAt: now,
              sourceType: 'meeting',
              sourceId: id,
            });
            ledger += 1;
          }
        }
        for (const agencyId of recipients) {
          const role = partnerRoleFor(agencies.get(agencyId)!.type);
          if (!role) continue;
          await notify(
            tx,
            { hubId: next.hubId, role, agencyId, kind: 'alert', topic: 'meeting-minutes', message: 'Minutes of a meeting your agency attended have been circulated', recordType: 'meeting', recordId: id },
            now,
          );
        }
        audit({ action: 'meeting.circulate-minutes', recordType: 'meeting', recordId: id, details: { agencyIds: to, late: next.minutes.late, disclosures: ledger } });
        return viewOf(tx, actor, (await findMeetingRows(tx, id))!, now);
      });
    },

    async cancelMeeting(actor: Actor, ctx: RequestContext, id: string, input: { version: number; reason: string }): Promise<MeetingView> {
      return uow.run(actor, ctx, async ({ tx, require, audit, now }) => {
        id = requireId(id);
        const rows = await loadFor(tx, actor, require, 'meeting.manage', id);
        if (rows.meeting.version !== input.version) throw conflict();
        const { meeting: next } = cancelDomain(toDomainMeeting(rows), { reason: input.reason ?? '' }, actor, now);
        if (next.status !== 'cancelled') throw new DomainError('invalid-state', 'The meeting could not be cancelled');
        const moved = await updateMeetingAtVersion(tx, id, input.version, { status: 'cancelled', cancelled_at: now, cancelled_by: actor.userId, cancel_reason: next.cancelReason });
        if (!moved) throw conflict();
        audit({ action: 'meeting.cancel', recordType: 'meeting', recordId: id });
        return viewOf(tx, actor, (await findMeetingRows(tx, id))!, now);
      });
    },

    /**
     * The school DSL invitation (002 §4.3.3, App. 7), rendered for copying and, when asked and the
     * address is in an approved secure domain, queued to the outbox — which writes the ledger.
     */
    async prepareInvitation(actor: Actor, ctx: RequestContext, id: string, input: InvitationInput): Promise<{ invitationId: string; subject: string; body: string; queued: boolean }> {
      return uow.run(actor, ctx, async ({ tx, require, audit, now }) => {
        id = requireId(id);
        const rows = await loadFor(tx, actor, require, 'meeting.manage', id);
        const meeting = toDomainMeeting(rows);
        const errors: FieldError[] = [];
        const subjectIds = [...new Set((input.childSubjectIds ?? []).filter(isUuid).map((s) => s.toLowerCase()))];
        const subjects = subjectIds.length
          ? await tx
              .selectFrom('contact_subject')
              .selectAll()
              .where('hub_id', '=', meeting.hubId)
              .where('id', 'in', subjectIds)
              .where('contact_id', 'in', meeting.contactIds)
              .execute()
          : [];
        if (subjects.length !== subjectIds.length || subjectIds.length !== (input.childSubjectIds ?? []).length) {
          errors.push({ field: 'childSubjectIds', text: 'Select children named in this meeting’s contacts' });
        }
        const carers = subjects.length
          ? await tx
              .selectFrom('contact_subject')
              .selectAll()
              .where('hub_id', '=', meeting.hubId)
              .where('contact_id', 'in', [...new Set(subjects.map((s) => s.contact_id))])
              .where('role', '=', 'parent-carer')
              .execute()
          : [];
        const children: InvitationChild[] = subjects.map((s) => ({
          name: [s.given_name, s.family_name].filter(Boolean).join(' '),
          dateOfBirth: dateOnly(s.date_of_birth) ?? '',
          homeAddress: [s.address, s.postcode].filter(Boolean).join(', '),
          parentCarerDetails: carers
            .filter((c) => c.contact_id === s.contact_id)
            .map((c) => [[c.given_name, c.family_name].filter(Boolean).join(' '), c.address, c.postcode].filter(Boolean).join(', '))
            .join('; '),
        }));
        const wantsQueue = input.queue === true;
        const email = input.email?.trim() ?? '';
        const domains = await hubSecureDomains(tx, meeting.hubId);
        if (wantsQueue && !email) errors.push({ field: 'email', text: 'Enter the designated safeguarding lead’s secure email address to send it' });
        else if (email && !isApprovedSecureDomain(email, domains)) {
          errors.push({ field: 'email', text: 'Email can only go to an approved secure domain; copy the text and send it another way' });
        }
        const hub = await hubClockSettings(tx, meeting.hubId);
        let rendered: { subject: string; body: string };
        try {
          rendered = renderDslInvitation({
            meeting,
            school: { name: input.schoolName ?? '' },
            dslName: input.dslName ?? '',
            children,
            localAuthorityName: hub.localAuthorities[0] ?? hub.hubName,
            teamName: typeof hub.settings.mashTeamName === 'string' ? hub.settings.mashTeamName : 'Children’s Social Care MASH Team',
            senderName: actor.displayName,
            now,
          });
        } catch (error) {
          if (error instanceof DomainError && error.code === 'validation') {
            // the children's details come from the contact: say which child, not a hidden field
            const fields = error.fields.map((f) => (f.field.startsWith('children[') ? { field: 'childSubjectIds', text: `${f.text} on the contact first` } : f));
            throw validationError(dedupe([...fields, ...errors].map((f) => (f.field === 'school.name' ? { ...f, field: 'schoolName' } : f))));
          }
          throw error;
        }
        if (errors.length > 0) throw validationError(dedupe(errors));
        const invitationId = randomUUID();
        let outboxId: string | null = null;
        if (wantsQueue) {
          const queued = await queueEmail(tx, { hubId: meeting.hubId, to: email, subject: rendered.subject, body: rendered.body, approvedDomains: domains, recordType: 'meeting', recordId: id }, now);
          if (queued.status !== 'pending') throw validationError([{ field: 'email', text: 'Email can only go to an approved secure domain' }]);
          outboxId = queued.id;
        }
        await tx
          .insertInto('meeting_invitation')
          .values({
            id: invitationId,
            hub_id: meeting.hubId,
            meeting_id: id,
            school_name: input.schoolName.trim(),
            dsl_name: input.dslName.trim(),
            to_address: outboxId ? email.toLowerCase() : null,
            outbox_email_id: outboxId,
            created_by: actor.userId,
            created_at: now,
          })
          .execute();
        if (outboxId) {
          for (const contactId of [...new Set(subjects.map((s) => s.contact_id))]) {
            await writeLedgerEntry(tx, {
              hubId: meeting.hubId,
              contactId,
              personIds: subjects.filter((s) => s.contact_id === contactId && s.person_id).map((s) => s.person_id!),
              recipientKind: 'other',
              recipientName: `Designated safeguarding lead, ${input.schoolName.trim()}`,
              recipientEmail: email.toLowerCase(),
              channel: 'secure-email',
              shared: true,
              what: 'Strategy discussion invitation: child’s name, date of birth, home address, parent/carer details, time and venue',
              purpose: 'Inviting the school to the strategy discussion (002 §4.3.3)',
              legalBases: [...SAFEGUARDING_BASES],
              consentBasis: 'not-required',
              decidedBy: actor.userId,
              decidedAt: now,
              sourceType: 'meeting-invitation',
              sourceId: invitationId,
            });
          }
        }
        audit({ action: outboxId ? 'meeting.invitation.queue' : 'meeting.invitation.render', recordType: 'meeting', recordId: id, details: { invitationId, children: subjects.length, queued: Boolean(outboxId) } });
        return { invitationId, subject: rendered.subject, body: rendered.body, queued: Boolean(outboxId) };
      });
    },
  };
}

export type MeetingsService = ReturnType<typeof createMeetingsService>;

/** The partner practitioner role of an agency type, for alerts addressed to the agency. */
function partnerRoleFor(type: string): string | undefined {
  if (!(type in AGENCY_TYPE_LABELS)) return undefined;
  return rolesAllowedForAgency(type as AgencyType).find((r) => isPartnerRole(r));
}

function dateOnly(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}

function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.field}\u0000${e.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === '23505';
}
