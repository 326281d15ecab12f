/**
 * When a running clock starts to show as "due soon". The default lead follows the rule, so a
 * hub that overrides a rule gets a warning that fits it:
 * - working clocks of up to 7 working days (and end-of-day and working-hours clocks):
 *   2 working hours before due — enough to act within the same working day;
 * - longer working-day clocks (ICPC, assessment): 24 working hours, three standard working days,
 *   so that a conference or an assessment can still be arranged;
 * - calendar clocks: the last quarter of the span (24 hours → 6 hours, 1 month → about a week).
 */
import { DomainError, validationError } from '../../../platform/errors';
import type { WorkingCalendar } from './calendar';
import type { ClockRule } from './clock-rules';

export type WarningLead =
  | { kind: 'working-hours'; n: number }
  | { kind: 'calendar-hours'; n: number }
  /** a share (0-1) of the elapsed time from start to due */
  | { kind: 'share-of-span'; share: number };

const HOUR = 3_600_000;

export function defaultWarningLead(rule: ClockRule): WarningLead {
  switch (rule.kind) {
    case 'end-of-working-day':
    case 'working-hours':
      return { kind: 'working-hours', n: 2 };
    case 'working-days':
      return rule.n <= 7 ? { kind: 'working-hours', n: 2 } : { kind: 'working-hours', n: 24 };
    case 'calendar-hours':
    case 'calendar-days':
    case 'calendar-months':
      return { kind: 'share-of-span', share: 0.25 };
    default: {
      const unknown: never = rule;
      throw new DomainError('validation', `unknown clock rule ${JSON.stringify(unknown)}`);
    }
  }
}

/** The instant from which a clock due at `dueAt` shows as due soon; never before its start. */
export function warningStartsAt(
  span: { startedAt: Date; dueAt: Date },
  lead: WarningLead,
  cal: WorkingCalendar,
): Date {
  const { startedAt, dueAt } = span;
  let from: number;
  switch (lead.kind) {
    case 'working-hours':
      checkLead(lead.n >= 0 && Number.isFinite(lead.n));
      from = cal.subtractWorkingTime(dueAt, lead.n * HOUR).getTime();
      break;
    case 'calendar-hours':
      checkLead(lead.n >= 0 && Number.isFinite(lead.n));
      from = dueAt.getTime() - lead.n * HOUR;
      break;
    case 'share-of-span':
      checkLead(lead.share >= 0 && lead.share <= 1);
      from = dueAt.getTime() - Math.round((dueAt.getTime() - startedAt.getTime()) * lead.share);
      break;
    default: {
      const unknown: never = lead;
      throw new DomainError('validation', `unknown warning lead ${JSON.stringify(unknown)}`);
    }
  }
  return new Date(Math.max(from, startedAt.getTime()));
}

function checkLead(ok: boolean): void {
  if (!ok) throw validationError([{ field: 'warningLead', text: 'Warning lead must be 0 or more (a share from 0 to 1)' }]);
}
