/**
 * A hub's working calendar: which London dates are working days and when working time opens
 * and closes on them (PRODUCT.md C4 "Clock conventions"). Always Europe/London.
 */
import { DomainError, validationError, type FieldError } from '../../../platform/errors';
import {
  DIVISIONS,
  VENDORED_BANK_HOLIDAYS,
  coveredYears,
  type BankHoliday,
  type BankHolidayTable,
  type Division,
} from './bank-holidays';
import { addDays, isIsoDate, isoWeekday, londonDate, londonInstant } from './london-time';

export interface WorkingCalendarConfig {
  division: Division;
  /** 'HH:MM' London time, 00:00-23:59 */
  openingTime: string;
  /** 'HH:MM' London time, after openingTime; '24:00' means midnight at the end of the day */
  closingTime: string;
  /** ISO weekdays, 1 = Monday ... 7 = Sunday */
  workingWeekdays: readonly number[];
  /** the hub's own closure days, YYYY-MM-DD */
  extraClosedDates: readonly string[];
}

export const DEFAULT_CALENDAR_CONFIG: Readonly<WorkingCalendarConfig> = Object.freeze({
  division: 'england-and-wales',
  openingTime: '09:00',
  closingTime: '17:00',
  workingWeekdays: Object.freeze([1, 2, 3, 4, 5]),
  extraClosedDates: Object.freeze([]),
});

export type ClosureReason =
  | { kind: 'non-working-weekday' }
  | { kind: 'bank-holiday'; title: string }
  | { kind: 'hub-closure' };

export interface WorkingCalendar {
  readonly config: Readonly<WorkingCalendarConfig>;
  /** last date the bank holiday table covers; later dates have weekends and hub closures only */
  readonly holidaysKnownUntil: string;
  bankHoliday(date: string): BankHoliday | undefined;
  /** why a date is not a working day, or undefined when it is one */
  closedBecause(date: string): ClosureReason | undefined;
  isWorkingDay(date: string): boolean;
  /** the first working day strictly after `date` */
  nextWorkingDay(date: string): string;
  /** the last working day strictly before `date` */
  previousWorkingDay(date: string): string;
  /** the `n`th working day after `date` (`date` itself when n is 0) */
  addWorkingDays(date: string, n: number): string;
  /** opening instant of a London date (whether or not it is a working day) */
  openOf(date: string): Date;
  /** closing instant of a London date (whether or not it is a working day) */
  closeOf(date: string): Date;
  /** opening inclusive, closing exclusive: 17:00 exactly is out of hours */
  isWithinWorkingTime(instant: Date): boolean;
  isOutOfHours(instant: Date): boolean;
  /** the instant itself when inside working time, else the next opening */
  nextOpening(instant: Date): Date;
  /** ms of working time in [from, to); 0 when to is not after from */
  workingTimeBetween(from: Date, to: Date): number;
  /** `ms` of working time counted from `instant`; ends at a closing rather than the next opening */
  addWorkingTime(instant: Date, ms: number): Date;
  /** `ms` of working time counted back from `instant`; ends at an opening rather than the closing before */
  subtractWorkingTime(instant: Date, ms: number): Date;
}

// Ten years of closed days in a row can only be a configuration mistake; stop rather than spin.
const MAX_SEARCH_DAYS = 3660;

export function createWorkingCalendar(
  settings: Partial<WorkingCalendarConfig> = {},
  holidays: BankHolidayTable = VENDORED_BANK_HOLIDAYS,
): WorkingCalendar {
  // Settings left undefined (e.g. an unset column) take the default rather than blanking it.
  const given = Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined));
  const config = validateConfig({ ...DEFAULT_CALENDAR_CONFIG, ...given });
  const opening = parseTime(config.openingTime);
  const closing = parseTime(config.closingTime);
  const divisionHolidays = holidays[config.division];
  const holidayByDate = new Map(divisionHolidays.map((h) => [h.date, h]));
  const closedDates = new Set(config.extraClosedDates);
  const weekdays = new Set(config.workingWeekdays);
  const holidaysKnownUntil = `${coveredYears(divisionHolidays).last}-12-31`;

  const closedBecause = (date: string): ClosureReason | undefined => {
    checkDate(date);
    if (!weekdays.has(isoWeekday(date))) return { kind: 'non-working-weekday' };
    const holiday = holidayByDate.get(date);
    if (holiday) return { kind: 'bank-holiday', title: holiday.title };
    if (closedDates.has(date)) return { kind: 'hub-closure' };
    return undefined;
  };
  const bankHoliday = (date: string): BankHoliday | undefined => {
    checkDate(date);
    return holidayByDate.get(date);
  };
  const isWorkingDay = (date: string) => closedBecause(date) === undefined;

  const step = (date: string, direction: 1 | -1): string => {
    let d = date;
    for (let i = 0; i < MAX_SEARCH_DAYS; i++) {
      d = addDays(d, direction);
      if (isWorkingDay(d)) return d;
    }
    throw new DomainError('invalid-state', `no working day within ${MAX_SEARCH_DAYS} days of ${date}`);
  };
  const nextWorkingDay = (date: string) => step(date, 1);
  const previousWorkingDay = (date: string) => step(date, -1);

  const addWorkingDays = (date: string, n: number): string => {
    checkCount(n);
    let d = date;
    for (let i = 0; i < n; i++) d = nextWorkingDay(d);
    return d;
  };

  const openOf = (date: string) => londonInstant(date, opening);
  const closeOf = (date: string) => londonInstant(date, closing);

  // With a '24:00' closing, the instant of closing is already the next London date.
  const isWithinWorkingTime = (instant: Date): boolean => {
    const date = londonDate(instant);
    return isWorkingDay(date) && openOf(date) <= instant && instant < closeOf(date);
  };

  const nextOpening = (instant: Date): Date => {
    if (isWithinWorkingTime(instant)) return instant;
    const date = londonDate(instant);
    if (isWorkingDay(date) && instant < openOf(date)) return openOf(date);
    return openOf(nextWorkingDay(date));
  };

  /** the latest instant at or before `instant` that is working time or a working day's close */
  const lastWorkingMoment = (instant: Date): { date: string; at: Date } => {
    const date = londonDate(instant);
    if (isWithinWorkingTime(instant)) return { date, at: instant };
    if (isWorkingDay(date) && instant >= closeOf(date)) return { date, at: closeOf(date) };
    const previous = previousWorkingDay(date);
    return { date: previous, at: closeOf(previous) };
  };

  const workingTimeBetween = (from: Date, to: Date): number => {
    if (to <= from) return 0;
    let total = 0;
    let date = londonDate(from);
    const last = londonDate(to);
    while (date <= last) {
      if (isWorkingDay(date)) {
        const start = Math.max(openOf(date).getTime(), from.getTime());
        const end = Math.min(closeOf(date).getTime(), to.getTime());
        if (end > start) total += end - start;
      }
      date = addDays(date, 1);
    }
    return total;
  };

  const addWorkingTime = (instant: Date, ms: number): Date => {
    checkDuration(ms);
    if (ms === 0) return instant;
    let remaining = ms;
    let t = nextOpening(instant);
    for (;;) {
      const close = closeOf(londonDate(t));
      const available = close.getTime() - t.getTime();
      if (remaining <= available) return new Date(t.getTime() + remaining);
      remaining -= available;
      t = nextOpening(close);
    }
  };

  const subtractWorkingTime = (instant: Date, ms: number): Date => {
    checkDuration(ms);
    if (ms === 0) return instant;
    let remaining = ms;
    let { date, at } = lastWorkingMoment(instant);
    for (;;) {
      const available = at.getTime() - openOf(date).getTime();
      if (remaining <= available) return new Date(at.getTime() - remaining);
      remaining -= available;
      date = previousWorkingDay(date);
      at = closeOf(date);
    }
  };

  return Object.freeze({
    config,
    holidaysKnownUntil,
    bankHoliday,
    closedBecause,
    isWorkingDay,
    nextWorkingDay,
    previousWorkingDay,
    addWorkingDays,
    openOf,
    closeOf,
    isWithinWorkingTime,
    isOutOfHours: (instant: Date) => !isWithinWorkingTime(instant),
    nextOpening,
    workingTimeBetween,
    addWorkingTime,
    subtractWorkingTime,
  });
}

const TIME_PATTERN = /^([01]\d|2[0-4]):([0-5]\d)$/;

/** minutes after midnight of an 'HH:MM' that has already been validated */
function parseTime(value: string): number {
  const [h, m] = value.split(':').map(Number);
  return h * 60 + m;
}

function isTime(value: unknown, allowMidnightEnd: boolean): value is string {
  if (typeof value !== 'string' || !TIME_PATTERN.test(value)) return false;
  const minutes = parseTime(value);
  return allowMidnightEnd ? minutes <= 24 * 60 : minutes < 24 * 60;
}

function validateConfig(config: WorkingCalendarConfig): Readonly<WorkingCalendarConfig> {
  const errors: FieldError[] = [];
  if (!DIVISIONS.includes(config.division)) {
    errors.push({ field: 'division', text: `Division must be one of ${DIVISIONS.join(', ')}` });
  }
  const openingOk = isTime(config.openingTime, false);
  const closingOk = isTime(config.closingTime, true);
  if (!openingOk) errors.push({ field: 'openingTime', text: 'Opening time must be a time from 00:00 to 23:59' });
  if (!closingOk) errors.push({ field: 'closingTime', text: 'Closing time must be a time from 00:01 to 24:00' });
  if (openingOk && closingOk && parseTime(config.closingTime) <= parseTime(config.openingTime)) {
    errors.push({ field: 'closingTime', text: 'Closing time must be after opening time' });
  }
  const weekdays = config.workingWeekdays;
  if (
    !Array.isArray(weekdays) ||
    weekdays.length === 0 ||
    !weekdays.every((d) => Number.isInteger(d) && d >= 1 && d <= 7)
  ) {
    errors.push({ field: 'workingWeekdays', text: 'Working weekdays must be at least one of 1 (Monday) to 7 (Sunday)' });
  }
  (config.extraClosedDates ?? []).forEach((date, i) => {
    if (!isIsoDate(date)) {
      errors.push({ field: `extraClosedDates[${i}]`, text: 'Closure date must be a real date in the form YYYY-MM-DD' });
    }
  });
  if (errors.length > 0) throw validationError(errors, 'The working calendar settings are not valid');
  return Object.freeze({
    division: config.division,
    openingTime: config.openingTime,
    closingTime: config.closingTime,
    workingWeekdays: Object.freeze([...new Set(weekdays)].sort((a, b) => a - b)),
    extraClosedDates: Object.freeze([...(config.extraClosedDates ?? [])]),
  });
}

function checkDate(date: string): void {
  if (!isIsoDate(date)) {
    throw validationError([{ field: 'date', text: 'Date must be a real date in the form YYYY-MM-DD' }]);
  }
}

function checkCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) {
    throw validationError([{ field: 'n', text: 'Number of working days must be a whole number, 0 or more' }]);
  }
}

function checkDuration(ms: number): void {
  if (!Number.isFinite(ms) || ms < 0) {
    throw validationError([{ field: 'ms', text: 'Working time must be 0 or more' }]);
  }
}
