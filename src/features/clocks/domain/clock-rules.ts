/**
 * How a deadline is counted, and the due instant it gives (PRODUCT.md C4 "Clock conventions").
 */
import { DomainError, validationError } from '../../../platform/errors';
import type { WorkingCalendar } from './calendar';
import { addLondonDays, addLondonMonths, londonDate } from './london-time';

export type ClockRule =
  | { kind: 'working-days'; n: number }
  | { kind: 'end-of-working-day' }
  | { kind: 'working-hours'; n: number }
  | { kind: 'calendar-hours'; n: number }
  | { kind: 'calendar-days'; n: number }
  | { kind: 'calendar-months'; n: number };

export type ClockRuleKind = ClockRule['kind'];

const HOUR = 3_600_000;

/** Working clocks count working time only and start at the next opening when received out of hours. */
export function isWorkingRule(rule: ClockRule): boolean {
  switch (rule.kind) {
    case 'working-days':
    case 'end-of-working-day':
    case 'working-hours':
      return true;
    case 'calendar-hours':
    case 'calendar-days':
    case 'calendar-months':
      return false;
    default: {
      const unknown: never = rule;
      throw new DomainError('validation', `unknown clock rule ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * The due instant of a clock started at `startedAt` (the receipt, or the event it runs from).
 * Working clocks start at the receipt or the next opening, and that start's date is day 0.
 */
export function dueAt(rule: ClockRule, startedAt: Date, cal: WorkingCalendar): Date {
  assertValidRule(rule);
  switch (rule.kind) {
    case 'working-days':
      return cal.closeOf(cal.addWorkingDays(dayZero(startedAt, cal), rule.n));
    case 'end-of-working-day':
      return cal.closeOf(dayZero(startedAt, cal));
    case 'working-hours':
      return cal.addWorkingTime(cal.nextOpening(startedAt), rule.n * HOUR);
    case 'calendar-hours':
      return new Date(startedAt.getTime() + rule.n * HOUR);
    case 'calendar-days':
      return addLondonDays(startedAt, rule.n);
    case 'calendar-months':
      return addLondonMonths(startedAt, rule.n);
    default: {
      const unknown: never = rule;
      throw new DomainError('validation', `unknown clock rule ${JSON.stringify(unknown)}`);
    }
  }
}

/** The London date of a working clock's start: the receipt's, or the next opening's. */
export function dayZero(startedAt: Date, cal: WorkingCalendar): string {
  return londonDate(cal.nextOpening(startedAt));
}

/** Short English for screens and exports: "2 working days", "24 calendar hours". */
export function describeRule(rule: ClockRule): string {
  switch (rule.kind) {
    case 'working-days':
      return plural(rule.n, 'working day');
    case 'end-of-working-day':
      return 'end of the working day';
    case 'working-hours':
      return plural(rule.n, 'working hour');
    case 'calendar-hours':
      return plural(rule.n, 'calendar hour');
    case 'calendar-days':
      return plural(rule.n, 'calendar day');
    case 'calendar-months':
      return plural(rule.n, 'calendar month');
    default: {
      const unknown: never = rule;
      throw new DomainError('validation', `unknown clock rule ${JSON.stringify(unknown)}`);
    }
  }
}

export const RULE_KINDS: readonly ClockRuleKind[] = [
  'working-days',
  'end-of-working-day',
  'working-hours',
  'calendar-hours',
  'calendar-days',
  'calendar-months',
];

// Upper bounds of about ten years: anything longer is a settings mistake, and the working
// clocks walk day by day.
const MAX_N: Record<Exclude<ClockRuleKind, 'end-of-working-day'>, number> = {
  'working-days': 2_500,
  'working-hours': 20_000,
  'calendar-hours': 87_600,
  'calendar-days': 3_650,
  'calendar-months': 120,
};

/** Rules come from hub settings too, so check them at the boundary: a known kind, n a whole number. */
export function assertValidRule(rule: ClockRule, field = 'rule'): void {
  if (!RULE_KINDS.includes(rule?.kind)) {
    throw validationError([{ field: `${field}.kind`, text: `Clock rule must be one of ${RULE_KINDS.join(', ')}` }]);
  }
  if (rule.kind === 'end-of-working-day') return;
  const max = MAX_N[rule.kind];
  if (!Number.isInteger(rule.n) || rule.n < 1 || rule.n > max) {
    const unit = rule.kind.replace('-', ' ');
    throw validationError([
      { field: `${field}.n`, text: `Number of ${unit} must be a whole number from 1 to ${max}` },
    ]);
  }
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
