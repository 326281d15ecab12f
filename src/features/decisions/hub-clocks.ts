/**
 * Reading a hub's working calendar and timescales, and starting or meeting the clocks of a
 * contact (`contact_clock`), for the decisions and meetings services. The rules live in
 * features/clocks/domain; this is the thin shell that stores their results.
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { createWorkingCalendar, type WorkingCalendar, type WorkingCalendarConfig } from '../clocks/domain/calendar';
import { startClock, type Clock } from '../clocks/domain/clock';
import type { ClockRule } from '../clocks/domain/clock-rules';
import { isClockType, resolveTimescales, timescale, type ClockType, type TimescaleRules } from '../clocks/domain/timescales';

export interface HubClockSettings {
  cal: WorkingCalendar;
  rules: TimescaleRules;
  settings: Record<string, unknown>;
  localAuthorities: string[];
  hubName: string;
}

export async function hubClockSettings(tx: Transaction<DB>, hubId: string): Promise<HubClockSettings> {
  const hub = await tx.selectFrom('hub').select(['name', 'settings', 'local_authorities']).where('id', '=', hubId).executeTakeFirstOrThrow();
  const settings = (hub.settings ?? {}) as Record<string, unknown>;
  const cal = createWorkingCalendar((settings.calendar ?? {}) as Partial<WorkingCalendarConfig>);
  const rules = resolveTimescales((settings.timescales ?? {}) as Partial<Record<ClockType, ClockRule>>);
  return { cal, rules, settings, localAuthorities: hub.local_authorities, hubName: hub.name };
}

/** A clock computed under the hub's rules for `type`, started at `startedAt`. */
export function computeClock(type: ClockType, startedAt: Date, hub: Pick<HubClockSettings, 'cal' | 'rules'>): Clock {
  return startClock(type, timescale(type, hub.rules).rule, startedAt, hub.cal);
}

/**
 * Starts a contact clock unless one of that type already exists (a contact has one clock of
 * each type; a later strategy discussion does not restart the ICPC clock, 004 flow chart 4).
 * Returns the clock when started.
 */
export async function startContactClock(
  tx: Transaction<DB>,
  input: { hubId: string; contactId: string; type: ClockType; startedAt: Date },
  hub: Pick<HubClockSettings, 'cal' | 'rules'>,
): Promise<(Clock & { id: string }) | undefined> {
  const clock = computeClock(input.type, input.startedAt, hub);
  const id = randomUUID();
  const inserted = await tx
    .insertInto('contact_clock')
    .values({
      id,
      hub_id: input.hubId,
      contact_id: input.contactId,
      type: input.type,
      rule: JSON.stringify(clock.rule),
      started_at: clock.startedAt,
      due_at: clock.dueAt,
      status: 'running',
      met_at: null,
      paused_at: null,
      pause_reason: null,
      stopped_at: null,
      stopped_reason: null,
    })
    .onConflict((oc) => oc.columns(['contact_id', 'type']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted ? { ...clock, id } : undefined;
}

/** Meets the running (or paused) clocks of these types; returns the ids met. */
export async function meetContactClocks(tx: Transaction<DB>, hubId: string, contactId: string, types: readonly ClockType[], at: Date): Promise<string[]> {
  if (types.length === 0) return [];
  const rows = await tx
    .updateTable('contact_clock')
    .set({ status: 'met', met_at: at, paused_at: null, pause_reason: null })
    .where('hub_id', '=', hubId)
    .where('contact_id', '=', contactId)
    .where('type', 'in', [...types])
    .where('status', 'in', ['running', 'paused'])
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Stops the running (or paused) clock of this type with a reason; returns the id stopped. */
export async function stopContactClock(tx: Transaction<DB>, hubId: string, contactId: string, type: ClockType, at: Date, reason: string): Promise<string | undefined> {
  const row = await tx
    .updateTable('contact_clock')
    .set({ status: 'stopped', stopped_at: at, stopped_reason: reason })
    .where('hub_id', '=', hubId)
    .where('contact_id', '=', contactId)
    .where('type', '=', type)
    .where('status', 'in', ['running', 'paused'])
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export interface ContactClockView {
  id: string;
  contactId: string;
  type: string;
  label: string;
  startedAt: Date;
  dueAt: Date;
  status: 'running' | 'met' | 'paused' | 'stopped';
  metAt: Date | null;
  stoppedReason: string | null;
  /** running past due, or met after due */
  late: boolean;
}

export async function listContactClocks(tx: Transaction<DB>, hubId: string, contactIds: readonly string[], now: Date): Promise<ContactClockView[]> {
  if (contactIds.length === 0) return [];
  const rows = await tx
    .selectFrom('contact_clock')
    .select(['id', 'contact_id', 'type', 'started_at', 'due_at', 'status', 'met_at', 'stopped_reason'])
    .where('hub_id', '=', hubId)
    .where('contact_id', 'in', [...contactIds])
    .orderBy('due_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    contactId: r.contact_id,
    type: r.type,
    label: clockLabel(r.type),
    startedAt: r.started_at,
    dueAt: r.due_at,
    status: r.status,
    metAt: r.met_at,
    stoppedReason: r.stopped_reason,
    late: r.status === 'met' ? (r.met_at?.getTime() ?? 0) > r.due_at.getTime() : r.status === 'running' && now.getTime() > r.due_at.getTime(),
  }));
}

function clockLabel(type: string): string {
  return isClockType(type) ? timescale(type).label : type;
}
