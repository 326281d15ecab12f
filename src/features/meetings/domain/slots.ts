/**
 * Strategy meeting time slots: "There will be a clear process within the MASH of timeslots that
 * are available for strategy meetings to take place" (002 §4.3.3); urgent cases "which cannot
 * wait for an allocated strategy meeting time slot" still go ahead (002 §4.3.6). A hub defines
 * weekly patterns; the caller passes the working dates (from its calendar) and a converter from
 * a London date and minute to an instant (clocks' `londonInstant` fits), so no calendar lives here.
 */
import type { FieldError } from '../../../platform/errors';
import { isBlank, isIsoDateString } from '../../enquiries/domain/types';

export interface SlotPattern {
  id: string;
  /** ISO weekday, 1 = Monday ... 7 = Sunday */
  weekday: number;
  /** 'HH:MM', London time */
  start: string;
  durationMinutes: number;
}

export interface Slot {
  /** `${patternId}@${date}` */
  id: string;
  patternId: string;
  date: string;
  startsAt: Date;
  endsAt: Date;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function minutesOf(hhmm: string): number {
  const m = HHMM.exec(hhmm);
  if (!m) throw new RangeError(`not HH:MM: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function isoWeekdayOf(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

export function validateSlotPatterns(patterns: readonly SlotPattern[]): FieldError[] {
  const errors: FieldError[] = [];
  const ids = new Set<string>();
  for (const [i, p] of patterns.entries()) {
    const f = `slots[${i}]`;
    if (isBlank(p.id) || ids.has(p.id)) errors.push({ field: `${f}.id`, text: 'Each slot needs its own identifier' });
    ids.add(p.id);
    if (!Number.isInteger(p.weekday) || p.weekday < 1 || p.weekday > 7) errors.push({ field: `${f}.weekday`, text: 'Select a day of the week' });
    if (!HHMM.test(p.start)) errors.push({ field: `${f}.start`, text: 'Enter the start time as HH:MM' });
    else if (Number.isInteger(p.durationMinutes) && minutesOf(p.start) + p.durationMinutes > 24 * 60) {
      errors.push({ field: `${f}.durationMinutes`, text: 'A slot must end on the day it starts' });
    }
    if (!Number.isInteger(p.durationMinutes) || p.durationMinutes < 15 || p.durationMinutes > 480) {
      errors.push({ field: `${f}.durationMinutes`, text: 'A slot lasts between 15 minutes and 8 hours' });
    }
  }
  if (errors.length > 0) return errors;
  // overlapping slots on one day would double-book the same people
  for (const [i, a] of patterns.entries()) {
    for (const b of patterns.slice(i + 1)) {
      if (a.weekday !== b.weekday) continue;
      const a0 = minutesOf(a.start), a1 = a0 + a.durationMinutes;
      const b0 = minutesOf(b.start), b1 = b0 + b.durationMinutes;
      if (a0 < b1 && b0 < a1) errors.push({ field: `slots[${i}]`, text: `This slot overlaps slot ${b.id}` });
    }
  }
  return errors;
}

/** The concrete slots on the given working dates, in time order. */
export function expandSlots(
  patterns: readonly SlotPattern[],
  workingDates: readonly string[],
  toInstant: (date: string, minutesAfterMidnight: number) => Date,
): Slot[] {
  const slots: Slot[] = [];
  for (const date of workingDates) {
    if (!isIsoDateString(date)) throw new RangeError(`not a date: ${date}`);
    const weekday = isoWeekdayOf(date);
    for (const p of patterns) {
      if (p.weekday !== weekday) continue;
      const start = minutesOf(p.start);
      slots.push({
        id: `${p.id}@${date}`,
        patternId: p.id,
        date,
        startsAt: toInstant(date, start),
        endsAt: toInstant(date, start + p.durationMinutes),
      });
    }
  }
  return slots.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id.localeCompare(b.id));
}

/** Slots not yet started and not taken by a meeting that still stands. */
export function freeSlots(
  slots: readonly Slot[],
  meetings: readonly { slotId?: string; status: string }[],
  now: Date,
): Slot[] {
  const taken = new Set(meetings.filter((m) => m.slotId && m.status !== 'cancelled').map((m) => m.slotId!));
  return slots.filter((s) => !taken.has(s.id) && s.startsAt.getTime() > now.getTime());
}

const WEEKDAY_IDS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

/** Slots when a hub has set none (hub settings `strategySlots`): each weekday at 10:00 and 14:00, an hour each. */
export const DEFAULT_SLOT_PATTERNS: readonly SlotPattern[] = Object.freeze(
  WEEKDAY_IDS.flatMap((day, i) => [
    { id: `${day}-am`, weekday: i + 1, start: '10:00', durationMinutes: 60 },
    { id: `${day}-pm`, weekday: i + 1, start: '14:00', durationMinutes: 60 },
  ]),
);
