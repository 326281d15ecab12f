/**
 * Queries of the meetings feature: a meeting and its parts, read into the domain's Meeting, and
 * the rows written for each transition. One query per method; the service owns the transaction.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Selectable, type Transaction, type Updateable } from 'kysely';
import type { DB } from '../../db/schema';
import type { MeetingTable } from '../../db/schema/decisions';
import type { AgencyKind, Attendee, AttendeeCapacity } from './domain/attendees';
import type { HeldRecord, Meeting, MeetingAction } from './domain/meeting';

type Tx = Transaction<DB>;

export interface MeetingRows {
  meeting: Selectable<MeetingTable>;
  contacts: { contact_id: string; position: number; s47_begin: boolean | null; s47_reason: string | null }[];
  attendees: { list: 'invited' | 'attended'; agency_id: string; agency_kind: string; name: string; capacity: string; email: string | null }[];
  information: { agency_id: string; summary: string }[];
  actions: { description: string; owner_name: string; owner_agency_id: string; due_at: Date }[];
}

export async function findMeetingRows(tx: Tx, id: string): Promise<MeetingRows | undefined> {
  const meeting = await tx.selectFrom('meeting').selectAll().where('id', '=', id).executeTakeFirst();
  if (!meeting) return undefined;
  const [contacts, attendees, information, actions] = await Promise.all([
    tx.selectFrom('meeting_contact').select(['contact_id', 'position', 's47_begin', 's47_reason']).where('meeting_id', '=', id).orderBy('position').execute(),
    tx
      .selectFrom('meeting_attendee')
      .select(['list', 'agency_id', 'agency_kind', 'name', 'capacity', 'email'])
      .where('meeting_id', '=', id)
      .orderBy('list')
      .orderBy('position')
      .execute(),
    tx.selectFrom('meeting_information').select(['agency_id', 'summary']).where('meeting_id', '=', id).orderBy('position').execute(),
    tx.selectFrom('meeting_action').select(['description', 'owner_name', 'owner_agency_id', 'due_at']).where('meeting_id', '=', id).orderBy('position').execute(),
  ]);
  return { meeting, contacts, attendees, information, actions };
}

const toAttendee = (a: MeetingRows['attendees'][number]): Attendee => ({
  agencyId: a.agency_id,
  agencyKind: a.agency_kind as AgencyKind,
  name: a.name,
  capacity: a.capacity as AttendeeCapacity,
  ...(a.email ? { email: a.email } : {}),
});

/** The stored meeting as the domain's Meeting, so that its transitions decide what may happen next. */
export function toDomainMeeting(rows: MeetingRows): Meeting {
  const m = rows.meeting;
  const base = {
    id: m.id,
    hubId: m.hub_id,
    kind: m.kind,
    contactIds: rows.contacts.map((c) => c.contact_id),
    startsAt: m.starts_at,
    venue: m.venue,
    ...(m.slot_id ? { slotId: m.slot_id } : {}),
    ...(m.urgent_reason ? { urgentReason: m.urgent_reason } : {}),
    chairUserId: m.chair_user_id,
    invited: rows.attendees.filter((a) => a.list === 'invited').map(toAttendee),
    scheduledBy: m.scheduled_by,
    scheduledAt: m.scheduled_at,
  };
  const held = (): HeldRecord => ({
    heldAt: m.held_at!,
    attended: rows.attendees.filter((a) => a.list === 'attended').map(toAttendee),
    informationShared: rows.information.map((i) => ({ agencyId: i.agency_id, summary: i.summary })),
    s47Decisions: rows.contacts
      .filter((c) => c.s47_begin !== null)
      .map((c) => ({ contactId: c.contact_id, begin: c.s47_begin!, reason: c.s47_reason ?? '' })),
    ...(m.decisions ? { decisions: m.decisions } : {}),
    actions: rows.actions.map((a): MeetingAction => ({ description: a.description, ownerName: a.owner_name, ownerAgencyId: a.owner_agency_id, dueAt: a.due_at })),
    minutesDueAt: m.minutes_due_at!,
    recordedBy: m.held_recorded_by ?? m.chair_user_id,
  });
  switch (m.status) {
    case 'scheduled':
      return { ...base, status: 'scheduled' };
    case 'held':
      return { ...base, status: 'held', held: held() };
    case 'minutes-circulated':
      return {
        ...base,
        status: 'minutes-circulated',
        held: held(),
        minutes: {
          circulatedAt: m.minutes_circulated_at!,
          circulatedBy: m.minutes_circulated_by!,
          circulatedToAgencyIds: m.minutes_circulated_to ?? [],
          late: m.minutes_late ?? false,
        },
      };
    case 'cancelled':
      return { ...base, status: 'cancelled', cancelledAt: m.cancelled_at!, cancelledBy: m.cancelled_by!, cancelReason: m.cancel_reason! };
    default: {
      const unknown: never = m.status;
      throw new Error(`unknown meeting status ${String(unknown)}`);
    }
  }
}

export async function insertMeeting(tx: Tx, meeting: Meeting): Promise<void> {
  await tx
    .insertInto('meeting')
    .values({
      id: meeting.id,
      hub_id: meeting.hubId,
      kind: meeting.kind,
      status: 'scheduled',
      starts_at: meeting.startsAt,
      venue: meeting.venue,
      slot_id: meeting.slotId ?? null,
      urgent_reason: meeting.urgentReason ?? null,
      chair_user_id: meeting.chairUserId,
      scheduled_by: meeting.scheduledBy,
      scheduled_at: meeting.scheduledAt,
      held_at: null,
      held_recorded_by: null,
      decisions: null,
      minutes_due_at: null,
      minutes_circulated_at: null,
      minutes_circulated_by: null,
      minutes_late: null,
      cancelled_at: null,
      cancelled_by: null,
      cancel_reason: null,
    })
    .execute();
  await tx
    .insertInto('meeting_contact')
    .values(meeting.contactIds.map((contactId, position) => ({ hub_id: meeting.hubId, meeting_id: meeting.id, contact_id: contactId, position, s47_begin: null, s47_reason: null })))
    .execute();
  await insertAttendees(tx, meeting.hubId, meeting.id, 'invited', meeting.invited);
}

export async function insertAttendees(tx: Tx, hubId: string, meetingId: string, list: 'invited' | 'attended', attendees: readonly Attendee[]): Promise<void> {
  if (attendees.length === 0) return;
  await tx
    .insertInto('meeting_attendee')
    .values(
      attendees.map((a, position) => ({
        id: randomUUID(),
        hub_id: hubId,
        meeting_id: meetingId,
        list,
        position,
        agency_id: a.agencyId,
        agency_kind: a.agencyKind,
        name: a.name.trim(),
        capacity: a.capacity,
        email: a.email?.trim() || null,
      })),
    )
    .execute();
}

/** Moves the meeting row on, only from the version the user saw; false when it moved on meanwhile. */
export async function updateMeetingAtVersion(tx: Tx, id: string, expectedVersion: number, set: Omit<Updateable<MeetingTable>, 'id' | 'hub_id' | 'version' | 'created_at'>): Promise<boolean> {
  const result = await tx
    .updateTable('meeting')
    .set({ ...set, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertHeldRecord(tx: Tx, hubId: string, meetingId: string, held: HeldRecord): Promise<void> {
  await insertAttendees(tx, hubId, meetingId, 'attended', held.attended);
  if (held.informationShared.length > 0) {
    await tx
      .insertInto('meeting_information')
      .values(held.informationShared.map((i, position) => ({ id: randomUUID(), hub_id: hubId, meeting_id: meetingId, position, agency_id: i.agencyId, summary: i.summary })))
      .execute();
  }
  if (held.actions.length > 0) {
    await tx
      .insertInto('meeting_action')
      .values(
        held.actions.map((a, position) => ({
          id: randomUUID(),
          hub_id: hubId,
          meeting_id: meetingId,
          position,
          description: a.description,
          owner_name: a.ownerName,
          owner_agency_id: a.ownerAgencyId,
          due_at: a.dueAt,
        })),
      )
      .execute();
  }
  for (const d of held.s47Decisions) {
    await tx
      .updateTable('meeting_contact')
      .set({ s47_begin: d.begin, s47_reason: d.reason })
      .where('meeting_id', '=', meetingId)
      .where('contact_id', '=', d.contactId)
      .execute();
  }
}

/** Slots taken by meetings of the hub that still stand. */
export async function listBookedSlots(tx: Tx, hubId: string): Promise<{ slotId?: string; status: string }[]> {
  const rows = await tx.selectFrom('meeting').select(['slot_id', 'status']).where('hub_id', '=', hubId).where('slot_id', 'is not', null).where('status', '<>', 'cancelled').execute();
  return rows.map((r) => ({ slotId: r.slot_id ?? undefined, status: r.status }));
}
