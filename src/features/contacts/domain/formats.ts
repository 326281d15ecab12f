/**
 * Formats of what referrers give: UK postcodes, NHS numbers, phone numbers, emails, and dates
 * typed into GOV.UK date inputs. Pure; no I/O.
 */
import { isIsoDate, londonInstant } from '../../clocks/domain/london-time';

const POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}|GIR0AA)$/;

/** 'sw1a1aa' → 'SW1A 1AA'; undefined when it is not a UK postcode */
export function normalisePostcode(value: string): string | undefined {
  const compact = value.replace(/\s+/g, '').toUpperCase();
  if (!POSTCODE.test(compact)) return undefined;
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

/** 10 digits with the modulus 11 check digit; spaces allowed as people write them (943 476 5919) */
export function normaliseNhsNumber(value: string): string | undefined {
  const digits = value.replace(/\s+/g, '');
  if (!/^\d{10}$/.test(digits)) return undefined;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  const expected = check === 11 ? 0 : check;
  if (expected === 10 || expected !== Number(digits[9])) return undefined;
  return digits;
}

/** UK or international numbers: 10 to 15 digits, optionally with +, spaces, dashes and brackets */
export function normalisePhone(value: string): string | undefined {
  const trimmed = value.trim();
  if (!/^\+?[\d\s()-]+$/.test(trimmed)) return undefined;
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length < 10 || digits.length > 15) return undefined;
  return trimmed.replace(/\s+/g, ' ');
}

export const isEmail = (value: string): boolean => value.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);

export interface DateParts {
  day?: string;
  month?: string;
  year?: string;
}

export type ParsedDate = { kind: 'empty' } | { kind: 'date'; date: string } | { kind: 'error'; text: string };

/**
 * A GOV.UK date input's three boxes → YYYY-MM-DD, with the error messages the design system
 * recommends ("Date of birth must include a month", "... must be a real date").
 */
export function parseDateParts(parts: DateParts, label: string): ParsedDate {
  const day = (parts.day ?? '').trim();
  const month = (parts.month ?? '').trim();
  const year = (parts.year ?? '').trim();
  if (!day && !month && !year) return { kind: 'empty' };
  const missing = [!day && 'a day', !month && 'a month', !year && 'a year'].filter(Boolean) as string[];
  if (missing.length > 0) return { kind: 'error', text: `${label} must include ${missing.join(' and ')}` };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    return { kind: 'error', text: `${label} must be a real date` };
  }
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isIsoDate(date) ? { kind: 'date', date } : { kind: 'error', text: `${label} must be a real date` };
}

/** '14:30', '9:05', '14.30' or '1430' → minutes after midnight */
export function parseTime(value: string): number | undefined {
  const match = /^(\d{1,2})[:.]?(\d{2})$/.exec(value.trim());
  if (!match) return undefined;
  const h = Number(match[1]);
  const m = Number(match[2]);
  if (h > 23 || m > 59) return undefined;
  return h * 60 + m;
}

export interface DateTimeParts extends DateParts {
  time?: string;
}

export type ParsedInstant = { kind: 'empty' } | { kind: 'instant'; at: Date } | { kind: 'error'; text: string };

/** A London date and time typed on a page → the instant */
export function parseLondonDateTime(parts: DateTimeParts, label: string): ParsedInstant {
  const date = parseDateParts(parts, label);
  const time = (parts.time ?? '').trim();
  if (date.kind === 'empty' && !time) return { kind: 'empty' };
  if (date.kind === 'error') return date;
  if (date.kind === 'empty') return { kind: 'error', text: `${label} must include a date` };
  if (!time) return { kind: 'error', text: `${label} must include a time` };
  const minutes = parseTime(time);
  if (minutes === undefined) return { kind: 'error', text: `Enter the time ${label.toLowerCase()} using the 24-hour clock, like 14:30` };
  return { kind: 'instant', at: londonInstant(date.date, minutes) };
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 instant with its offset (the API's form of a date and time) */
export function parseIsoInstant(value: string): Date | undefined {
  if (!ISO_INSTANT.test(value)) return undefined;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return undefined;
  // reject dates JavaScript would roll over (2026-02-30T...)
  if (!isIsoDate(value.slice(0, 10))) return undefined;
  return at;
}
