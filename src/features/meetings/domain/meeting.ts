/**
 * MASH meetings and strategy discussions for one or more contacts (PRODUCT C8).
 * - MASH meeting: chaired by the decision maker when a group of children or complex
 *   circumstances need the partnership together (000 §6.3).
 * - Strategy discussion: decides "whether enquiries under section 47 ... should be undertaken"
 *   (004 App. 1); chaired by the LA manager, minutes to every agency involved "within 48 hours"
 *   (004 protocol 4; 002 §4.3.3), booked into a time slot unless urgent (002 §4.3.3, §4.3.6).
 *
 *   scheduled → held → minutes-circulated;  scheduled → cancelled
 */
import { DomainError, invalidState, validationError, type FieldError } from '../../../platform/errors';
import { assertSameHub, isBlank, isValidDate, type Actor } from '../../enquiries/domain/types';
import { STRATEGY_MINIMUM, missingStrategyParticipants, validateAttendees, type Attendee } from './attendees';
import type { Slot } from './slots';

export const MEETING_KINDS = {
  'mash-meeting': 'MASH meeting',
  'strategy-discussion': 'Strategy discussion',
} as const;
export type MeetingKind = keyof typeof MEETING_KINDS;

/** Who convenes and chairs: the decision maker (000 §6.3) or the strategy meeting manager (002 §4.2.1). */
export const MEETING_MANAGER_ROLES: readonly string[] = ['decision-maker', 'strategy-meeting-manager'];

export interface S47Decision {
  contactId: string;
  /** whether section 47 enquiries begin */
  begin: boolean;
  reason: string;
}

export interface MeetingAction {
  description: string;
  ownerName: string;
  ownerAgencyId: string;
  dueAt: Date;
}

export interface InformationShared {
  agencyId: string;
  summary: string;
}

export interface HeldRecord {
  heldAt: Date;
  attended: Attendee[];
  informationShared: InformationShared[];
  /** strategy discussions: one per contact */
  s47Decisions: S47Decision[];
  /** other decisions in words, e.g. what is shared with the family (004 App. 1) */
  decisions?: string;
  actions: MeetingAction[];
  /** 2 working days after the meeting (004 protocol 4), computed by the caller */
  minutesDueAt: Date;
  recordedBy: string;
}

interface MeetingBase {
  id: string;
  hubId: string;
  kind: MeetingKind;
  contactIds: string[];
  startsAt: Date;
  venue: string;
  /** the booked slot; absent for an urgent discussion or a MASH meeting */
  slotId?: string;
  /** why an urgent discussion could not wait for a slot (002 §4.3.6) */
  urgentReason?: string;
  chairUserId: string;
  invited: Attendee[];
  scheduledBy: string;
  scheduledAt: Date;
}

export type Meeting =
  | (MeetingBase & { status: 'scheduled' })
  | (MeetingBase & { status: 'held'; held: HeldRecord })
  | (MeetingBase & {
      status: 'minutes-circulated';
      held: HeldRecord;
      minutes: { circulatedAt: Date; circulatedBy: string; circulatedToAgencyIds: string[]; late: boolean };
    })
  | (MeetingBase & { status: 'cancelled'; cancelledAt: Date; cancelledBy: string; cancelReason: string });

export type MeetingStatus = Meeting['status'];

export interface MeetingEvent {
  type: 'meeting-scheduled' | 'meeting-held' | 'meeting-minutes-circulated' | 'meeting-cancelled';
  meetingId: string;
  hubId: string;
  kind: MeetingKind;
  contactIds: string[];
  status: MeetingStatus;
  at: Date;
  by: string;
}

function assertManager(actor: Actor): void {
  if (!MEETING_MANAGER_ROLES.includes(actor.role)) {
    throw new DomainError('forbidden', 'Only a decision maker or strategy meeting manager may manage meetings');
  }
}

function missingText(missing: readonly (keyof typeof STRATEGY_MINIMUM)[]): string {
  return `A strategy discussion needs at least: ${missing.map((m) => STRATEGY_MINIMUM[m].toLowerCase()).join(', ')}`;
}

export interface ScheduleInput {
  id: string;
  hubId: string;
  kind: MeetingKind;
  contactIds: string[];
  venue: string;
  invited: Attendee[];
  /** strategy discussions: a free slot from slots.ts ... */
  slot?: Slot;
  /** ... or, when urgent, a start time and the reason it cannot wait */
  startsAt?: Date;
  urgentReason?: string;
}

export function validateSchedule(input: ScheduleInput, freeSlots: readonly Slot[], now: Date): FieldError[] {
  const errors: FieldError[] = [];
  if (!(input.kind in MEETING_KINDS)) errors.push({ field: 'kind', text: 'Select the kind of meeting' });
  if (input.contactIds.length === 0) errors.push({ field: 'contactIds', text: 'Select at least one contact' });
  if (new Set(input.contactIds).size !== input.contactIds.length) errors.push({ field: 'contactIds', text: 'Select each contact once' });
  if (isBlank(input.venue)) errors.push({ field: 'venue', text: 'Enter where the meeting takes place' });
  errors.push(...validateAttendees(input.invited, 'invited'));
  if (input.slot && input.startsAt) errors.push({ field: 'startsAt', text: 'Choose a slot or an urgent start time, not both' });
  if (input.slot) {
    if (!freeSlots.some((s) => s.id === input.slot!.id)) errors.push({ field: 'slot', text: 'That slot is no longer free' });
  } else if (!isValidDate(input.startsAt)) {
    errors.push({ field: input.kind === 'strategy-discussion' ? 'slot' : 'startsAt', text: 'Choose when the meeting takes place' });
  } else if (input.kind === 'strategy-discussion' && isBlank(input.urgentReason)) {
    errors.push({ field: 'urgentReason', text: 'Book a strategy meeting slot, or say why it is too urgent to wait for one' });
  }
  if (input.urgentReason && input.slot) errors.push({ field: 'urgentReason', text: 'A booked slot is not urgent' });
  const startsAt = input.slot?.startsAt ?? input.startsAt;
  // an urgent discussion may be recorded as starting now; nothing is booked in the past
  if (isValidDate(startsAt) && startsAt.getTime() < now.getTime() - 60_000) {
    errors.push({ field: input.slot ? 'slot' : 'startsAt', text: 'The meeting must start now or later' });
  }
  if (input.kind === 'strategy-discussion') {
    const missing = missingStrategyParticipants(input.invited);
    if (missing.length > 0) errors.push({ field: 'invited', text: missingText(missing) });
  }
  return errors;
}

export function scheduleMeeting(input: ScheduleInput, freeSlots: readonly Slot[], actor: Actor, now: Date): { meeting: Meeting; event: MeetingEvent } {
  assertSameHub(actor, input.hubId);
  assertManager(actor);
  const errors = validateSchedule(input, freeSlots, now);
  if (errors.length > 0) throw validationError(errors);
  const meeting: Meeting = {
    id: input.id,
    hubId: input.hubId,
    kind: input.kind,
    contactIds: [...input.contactIds],
    startsAt: input.slot ? input.slot.startsAt : input.startsAt!,
    venue: input.venue.trim(),
    ...(input.slot ? { slotId: input.slot.id } : {}),
    ...(input.urgentReason && !input.slot ? { urgentReason: input.urgentReason.trim() } : {}),
    chairUserId: actor.userId,
    invited: input.invited.map((a) => ({ ...a })),
    scheduledBy: actor.userId,
    scheduledAt: now,
    status: 'scheduled',
  };
  return { meeting, event: eventFor('meeting-scheduled', meeting, actor, now) };
}

export interface HoldInput {
  heldAt: Date;
  attended: Attendee[];
  informationShared: InformationShared[];
  s47Decisions: S47Decision[];
  decisions?: string;
  actions: MeetingAction[];
  minutesDueAt: Date;
}

export function validateHold(meeting: Meeting, input: HoldInput, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  if (!isValidDate(input.heldAt) || input.heldAt.getTime() > now.getTime()) {
    errors.push({ field: 'heldAt', text: 'Enter when the meeting was held (not in the future)' });
  }
  errors.push(...validateAttendees(input.attended, 'attended'));
  for (const [i, s] of input.informationShared.entries()) {
    if (isBlank(s.agencyId)) errors.push({ field: `informationShared[${i}].agencyId`, text: 'Select the agency' });
    if (isBlank(s.summary)) errors.push({ field: `informationShared[${i}].summary`, text: 'Summarise the information shared' });
  }
  for (const [i, a] of input.actions.entries()) {
    const f = `actions[${i}]`;
    if (isBlank(a.description)) errors.push({ field: `${f}.description`, text: 'Describe the action' });
    if (isBlank(a.ownerName)) errors.push({ field: `${f}.ownerName`, text: 'Enter who owns the action' });
    if (isBlank(a.ownerAgencyId)) errors.push({ field: `${f}.ownerAgencyId`, text: 'Select the owner’s agency' });
    if (!isValidDate(a.dueAt)) errors.push({ field: `${f}.dueAt`, text: 'Enter when the action is due' });
    else if (isValidDate(input.heldAt) && a.dueAt.getTime() <= input.heldAt.getTime()) {
      errors.push({ field: `${f}.dueAt`, text: 'An action must be due after the meeting' });
    }
  }
  if (!isValidDate(input.minutesDueAt) || (isValidDate(input.heldAt) && input.minutesDueAt.getTime() <= input.heldAt.getTime())) {
    errors.push({ field: 'minutesDueAt', text: 'Minutes must be due after the meeting' });
  }
  switch (meeting.kind) {
    case 'strategy-discussion': {
      const missing = missingStrategyParticipants(input.attended);
      if (missing.length > 0) errors.push({ field: 'attended', text: missingText(missing) });
      // the discussion exists to "decide whether enquiries under section 47 ... should be undertaken"
      for (const [i, contactId] of meeting.contactIds.entries()) {
        const d = input.s47Decisions.find((x) => x.contactId === contactId);
        if (!d) errors.push({ field: `s47Decisions[${i}]`, text: 'Record whether section 47 enquiries begin' });
        else if (typeof d.begin !== 'boolean') errors.push({ field: `s47Decisions[${i}].begin`, text: 'Select yes or no' });
        else if (isBlank(d.reason)) errors.push({ field: `s47Decisions[${i}].reason`, text: 'Enter the reason for the decision' });
      }
      for (const [i, d] of input.s47Decisions.entries()) {
        if (!meeting.contactIds.includes(d.contactId)) errors.push({ field: `s47Decisions[${i}]`, text: 'This contact is not on the discussion' });
      }
      if (new Set(input.s47Decisions.map((d) => d.contactId)).size !== input.s47Decisions.length) {
        errors.push({ field: 's47Decisions', text: 'Record one decision per contact' });
      }
      break;
    }
    case 'mash-meeting':
      if (input.s47Decisions.length > 0) {
        errors.push({ field: 's47Decisions', text: 'Whether section 47 enquiries begin is decided at a strategy discussion' });
      }
      break;
    default: {
      const unknown: never = meeting.kind;
      throw new DomainError('invalid-state', `unknown meeting kind ${String(unknown)}`);
    }
  }
  return errors;
}

export function holdMeeting(meeting: Meeting, input: HoldInput, actor: Actor, now: Date): { meeting: Meeting; event: MeetingEvent } {
  assertSameHub(actor, meeting.hubId);
  assertManager(actor);
  switch (meeting.status) {
    case 'scheduled': {
      const errors = validateHold(meeting, input, now);
      if (errors.length > 0) throw validationError(errors);
      const held: HeldRecord = {
        heldAt: input.heldAt,
        attended: input.attended.map((a) => ({ ...a })),
        informationShared: input.informationShared.map((s) => ({ agencyId: s.agencyId, summary: s.summary.trim() })),
        s47Decisions: input.s47Decisions.map((d) => ({ contactId: d.contactId, begin: d.begin, reason: d.reason.trim() })),
        ...(isBlank(input.decisions) ? {} : { decisions: input.decisions!.trim() }),
        actions: input.actions.map((a) => ({ ...a, description: a.description.trim(), ownerName: a.ownerName.trim() })),
        minutesDueAt: input.minutesDueAt,
        recordedBy: actor.userId,
      };
      const next: Meeting = { ...baseOf(meeting), status: 'held', held };
      return { meeting: next, event: eventFor('meeting-held', next, actor, now) };
    }
    case 'held':
    case 'minutes-circulated':
      throw invalidState('The meeting has already been held');
    case 'cancelled':
      throw invalidState('The meeting was cancelled');
    default: {
      const unknown: never = meeting;
      throw new DomainError('invalid-state', `unknown meeting status ${(unknown as Meeting).status}`);
    }
  }
}

/** Minutes go to every agency that attended (002 §4.3.3; 004 protocol 4). */
export function circulateMinutes(
  meeting: Meeting,
  input: { circulatedToAgencyIds: string[] },
  actor: Actor,
  now: Date,
): { meeting: Meeting; event: MeetingEvent } {
  assertSameHub(actor, meeting.hubId);
  assertManager(actor);
  switch (meeting.status) {
    case 'held': {
      const to = new Set(input.circulatedToAgencyIds);
      const missed = [...new Set(meeting.held.attended.map((a) => a.agencyId))].filter((id) => !to.has(id));
      if (missed.length > 0) {
        throw validationError([{ field: 'circulatedToAgencyIds', text: 'Send the minutes to every agency that attended' }]);
      }
      const next: Meeting = {
        ...baseOf(meeting),
        status: 'minutes-circulated',
        held: meeting.held,
        minutes: {
          circulatedAt: now,
          circulatedBy: actor.userId,
          circulatedToAgencyIds: [...to],
          late: now.getTime() > meeting.held.minutesDueAt.getTime(),
        },
      };
      return { meeting: next, event: eventFor('meeting-minutes-circulated', next, actor, now) };
    }
    case 'scheduled':
      throw invalidState('The meeting has not been held yet');
    case 'minutes-circulated':
      throw invalidState('The minutes have already been circulated');
    case 'cancelled':
      throw invalidState('The meeting was cancelled');
    default: {
      const unknown: never = meeting;
      throw new DomainError('invalid-state', `unknown meeting status ${(unknown as Meeting).status}`);
    }
  }
}

export function cancelMeeting(meeting: Meeting, input: { reason: string }, actor: Actor, now: Date): { meeting: Meeting; event: MeetingEvent } {
  assertSameHub(actor, meeting.hubId);
  assertManager(actor);
  switch (meeting.status) {
    case 'scheduled': {
      if (isBlank(input.reason)) throw validationError([{ field: 'reason', text: 'Enter why the meeting is cancelled' }]);
      const next: Meeting = { ...baseOf(meeting), status: 'cancelled', cancelledAt: now, cancelledBy: actor.userId, cancelReason: input.reason.trim() };
      return { meeting: next, event: eventFor('meeting-cancelled', next, actor, now) };
    }
    case 'held':
    case 'minutes-circulated':
      throw invalidState('A meeting that has been held cannot be cancelled');
    case 'cancelled':
      throw invalidState('The meeting is already cancelled');
    default: {
      const unknown: never = meeting;
      throw new DomainError('invalid-state', `unknown meeting status ${(unknown as Meeting).status}`);
    }
  }
}

export const minutesOverdue = (meeting: Meeting, now: Date): boolean =>
  meeting.status === 'held' && now.getTime() > meeting.held.minutesDueAt.getTime();

function baseOf(m: Meeting): MeetingBase {
  const { id, hubId, kind, contactIds, startsAt, venue, slotId, urgentReason, chairUserId, invited, scheduledBy, scheduledAt } = m;
  return {
    id, hubId, kind, contactIds, startsAt, venue, chairUserId, invited, scheduledBy, scheduledAt,
    ...(slotId ? { slotId } : {}),
    ...(urgentReason ? { urgentReason } : {}),
  };
}

function eventFor(type: MeetingEvent['type'], m: Meeting, actor: Actor, now: Date): MeetingEvent {
  return { type, meetingId: m.id, hubId: m.hubId, kind: m.kind, contactIds: [...m.contactIds], status: m.status, at: now, by: actor.userId };
}
