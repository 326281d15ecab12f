/**
 * Europe/London wall-clock arithmetic on top of the Intl API (full ICU ships with Node), so
 * that BST/GMT changes come from the tz database rather than from rules written by hand.
 *
 * Instants are JS `Date` (UTC). London local dates are `YYYY-MM-DD` strings. Local times are
 * minutes after local midnight.
 */
import { validationError } from '../../../platform/errors';

export const LONDON = 'Europe/London';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const formatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/**
 * London's offsets by UTC hour. UK clocks have always changed on a whole UTC hour, so the
 * offset is the same for every instant of an hour: Intl (microseconds a call, and the clocks
 * ask thousands of times a contact) is asked once an hour of the timeline. Bounded.
 */
const offsetsByHour = new Map<number, number>();

/** Offset of London from UTC at an instant, in ms (0 in GMT, one hour in BST). */
export function londonOffsetMs(instant: Date | number): number {
  const t = typeof instant === 'number' ? instant : instant.getTime();
  const hour = Math.floor(t / HOUR);
  const known = offsetsByHour.get(hour);
  if (known !== undefined) return known;
  const start = hour * HOUR;
  const p: Record<string, number> = {};
  for (const part of formatter.formatToParts(start)) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - start;
  if (offsetsByHour.size >= 200_000) offsetsByHour.clear();
  offsetsByHour.set(hour, offset);
  return offset;
}

/**
 * London wall-clock time as a "UTC-shaped" number of ms, so that the Date.UTC family can do
 * calendar arithmetic on it without any time zone getting in the way.
 */
export function toLondonWall(instant: Date): number {
  return instant.getTime() + londonOffsetMs(instant);
}

/**
 * The instant at which London clocks show `wall`. Times that do not exist (the spring-forward
 * hour) move forward by the gap; times that happen twice (the autumn hour) take the first
 * occurrence — the "compatible" choice of Temporal and of RFC 5545.
 */
export function fromLondonWall(wall: number): Date {
  const before = londonOffsetMs(wall - DAY);
  const after = londonOffsetMs(wall + DAY);
  const valid = [before, after]
    .map((offset) => wall - offset)
    .filter((t) => toLondonWall(new Date(t)) === wall);
  if (valid.length > 0) return new Date(Math.min(...valid));
  return new Date(wall - before);
}

/** The London calendar date of an instant. */
export function londonDate(instant: Date): string {
  return wallDate(toLondonWall(instant));
}

/** Minutes after London midnight shown by the clocks at an instant. */
export function londonMinutes(instant: Date): number {
  return Math.floor(mod(toLondonWall(instant), DAY) / MINUTE);
}

/** The instant a London date reaches a local time; `minutes` may be 1440 (the next midnight). */
export function londonInstant(date: string, minutes: number): Date {
  return fromLondonWall(dateToWall(date) + minutes * MINUTE);
}

export function addDays(date: string, days: number): string {
  return wallDate(dateToWall(date) + days * DAY);
}

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: string): number {
  const sundayZero = new Date(dateToWall(date)).getUTCDay();
  return sundayZero === 0 ? 7 : sundayZero;
}

/**
 * Same London wall-clock time `days` later; over a clock change the elapsed time is 23 or 25
 * hours, which is what "N calendar days" means to people.
 */
export function addLondonDays(instant: Date, days: number): Date {
  return fromLondonWall(toLondonWall(instant) + days * DAY);
}

/**
 * Same London wall-clock time and day of month `months` later; a month without that day
 * ends on its last day (31 January + 1 month = 28 or 29 February).
 */
export function addLondonMonths(instant: Date, months: number): Date {
  const wall = new Date(toLondonWall(instant));
  const year = wall.getUTCFullYear();
  const month = wall.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(wall.getUTCDate(), lastDay);
  return fromLondonWall(
    Date.UTC(
      year,
      month,
      day,
      wall.getUTCHours(),
      wall.getUTCMinutes(),
      wall.getUTCSeconds(),
      wall.getUTCMilliseconds(),
    ),
  );
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

export function assertIsoDate(value: string, field = 'date'): void {
  if (!isIsoDate(value)) {
    throw validationError([{ field, text: `${field} must be a real date in the form YYYY-MM-DD` }]);
  }
}

function dateToWall(date: string): number {
  assertIsoDate(date);
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

function wallDate(wall: number): string {
  return new Date(wall - mod(wall, DAY)).toISOString().slice(0, 10);
}

function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}
