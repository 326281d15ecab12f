/**
 * Small helpers for the no-JavaScript forms of the decisions and meetings pages: reading posted
 * fields, London dates and times, and turning service field paths (`invited[0].name`) into the
 * element ids the GOV.UK error summary links to (`invited-0-name`).
 */
import type { FastifyReply } from 'fastify';
import { londonInstant } from '../../clocks/domain/london-time';
import { DomainError, type FieldError } from '../../../platform/errors';

export type Body = Record<string, string | string[] | undefined>;

export const str = (v: string | string[] | undefined): string => (Array.isArray(v) ? v[0] ?? '' : v ?? '').trim();
export const list = (v: string | string[] | undefined): string[] => (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]);
export const int = (v: string | string[] | undefined): number => Number.parseInt(str(v), 10) || 0;

/** `invited[0].name` → `invited-0-name`; `otherService.name` → `otherService-name`. */
export const fieldId = (field: string): string =>
  field
    .replace(/\[(\d+)\]/g, '-$1')
    .replace(/\./g, '-')
    .replace(/-+$/, '');

export const toPageErrors = (errors: readonly FieldError[]): FieldError[] => errors.map((e) => ({ field: fieldId(e.field), text: e.text }));

/** A London date from a GOV.UK date input (`<name>-day`, `-month`, `-year`); undefined when all blank. */
export function londonDateFrom(b: Body, name: string): { date?: string; error?: string } {
  const day = str(b[`${name}-day`]);
  const month = str(b[`${name}-month`]);
  const year = str(b[`${name}-year`]);
  if (!day && !month && !year) return {};
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return { error: 'Enter a real date' };
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) return { error: 'Enter a real date' };
  return { date: iso };
}

/** Minutes after midnight from "14:30", "9:05", "2pm" or "2:30pm". */
export function minutesFrom(time: string): number | undefined {
  const t = time.trim().toLowerCase().replace(/\s+/g, '').replace('.', ':');
  const m = /^(\d{1,2})(?::(\d{2}))?(am|pm)?$/.exec(t);
  if (!m) return undefined;
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? '0');
  if (m[3]) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (m[3] === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return undefined;
  return hour * 60 + minute;
}

/**
 * A London date and time from a date input and a time field. Returns an invalid Date (so that the
 * domain's own "enter when" message applies) when blank, and pushes a format error when malformed.
 */
export function londonDateTimeFrom(b: Body, name: string, timeName: string, errors: FieldError[], fallbackMinutes?: number): Date {
  const { date, error } = londonDateFrom(b, name);
  if (error) {
    errors.push({ field: name, text: error });
    return new Date(Number.NaN);
  }
  const time = str(b[timeName]);
  const minutes = time ? minutesFrom(time) : fallbackMinutes;
  if (time && minutes === undefined) {
    errors.push({ field: timeName, text: 'Enter a time like 14:30' });
    return new Date(Number.NaN);
  }
  if (!date || minutes === undefined) return new Date(Number.NaN);
  return londonInstant(date, minutes);
}

/** Parts of an instant for re-filling a date input and time field, in London time. */
export function londonParts(instant: Date | undefined): { day: string; month: string; year: string; time: string } {
  if (!instant || Number.isNaN(instant.getTime())) return { day: '', month: '', year: '', time: '' };
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'numeric', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: get('day'), month: get('month'), year: get('year'), time: `${get('hour')}:${get('minute')}` };
}

/**
 * Runs the work; on a validation, conflict or out-of-order error re-renders the form (400 or 409)
 * with the errors in page form and the answers kept. `extraErrors` are the form's own parsing
 * errors (a malformed date), shown first.
 */
export async function withFormErrors(reply: FastifyReply, work: () => Promise<unknown>, render: (errors: FieldError[]) => unknown, extraErrors: FieldError[] = []) {
  try {
    // a malformed date leaves an invalid Date, which the service refuses too: both messages are shown
    return await work();
  } catch (error) {
    if (error instanceof DomainError && (error.code === 'validation' || error.code === 'conflict' || error.code === 'invalid-state')) {
      reply.status(error.code === 'validation' ? 400 : 409);
      const fields = error.code === 'validation' ? [...extraErrors, ...error.fields.filter((f) => !extraErrors.some((x) => x.field === f.field))] : [{ field: 'version', text: error.message }];
      const errors = toPageErrors(fields.length > 0 ? fields : [{ field: 'form', text: error.message }]);
      return render(errors);
    }
    throw error;
  }
}

const LONG_DATE_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const LONG_DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' });

/** "Monday 2 March 2026 at 14:00", London time. */
export const longDateTime = (instant: Date): string => {
  const text = LONG_DATE_TIME.format(instant).replace(/,/g, '');
  return text.includes(' at ') ? text : text.replace(/ (\d{2}:\d{2})$/, ' at $1');
};
export const longDate = (instant: Date): string => LONG_DATE.format(instant);
