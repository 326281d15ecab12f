/**
 * Which deadline clocks a contact runs, and when (PRODUCT.md C4):
 * - at intake: the decision (always, except a scenario consultation, which records no person);
 *   the written referral when one is still owed; the LADO clock when a concern is an
 *   allegation against a professional;
 * - at screening: the action clock of the initial BRAG, from receipt; a changed rating stops
 *   the other colour's clock;
 * - at the decision: the decision and BRAG clocks are met; on closing, anything still running stops.
 * Working clocks received out of hours start at the next opening (the calendar's day 0).
 */
import type { WorkingCalendar } from '../../clocks/domain/calendar';
import { describeRule } from '../../clocks/domain/clock-rules';
import { clockState, meetClock, startClock, stopClock, type Clock, type ClockState } from '../../clocks/domain/clock';
import { CLOCK_TYPE_INFO, type ClockType, type TimescaleRules } from '../../clocks/domain/timescales';
import { defaultWarningLead } from '../../clocks/domain/warning';
import { DomainError } from '../../../platform/errors';
import { BRAG_CLOCK_TYPES, bragClockType } from './screening';
import { BRAG_LABELS, involvesLado, type Brag, type ConsultationKind } from './vocabulary';

/** The clocks the front door owns; the hub may override these timescales. */
export const FRONT_DOOR_CLOCK_TYPES = ['decision', 'brag-red', 'brag-amber', 'brag-green', 'brag-blue', 'written-referral', 'lado-allegation'] as const satisfies readonly ClockType[];
export type FrontDoorClockType = (typeof FRONT_DOOR_CLOCK_TYPES)[number];

export interface IntakeFacts {
  receivedAt: Date;
  writtenReferralOwed: boolean;
  concernCategories: readonly string[];
  consultationKind: ConsultationKind | null;
}

export function clocksAtIntake(contact: IntakeFacts, rules: TimescaleRules, cal: WorkingCalendar): Clock[] {
  if (contact.consultationKind === 'scenario') return [];
  const clocks = [startClock('decision', rules.decision, contact.receivedAt, cal)];
  if (contact.writtenReferralOwed) clocks.push(startClock('written-referral', rules['written-referral'], contact.receivedAt, cal));
  if (involvesLado(contact.concernCategories)) clocks.push(startClock('lado-allegation', rules['lado-allegation'], contact.receivedAt, cal));
  return clocks;
}

export interface ClockChange {
  /** clocks to write (insert, or replace a stopped one of the same type) */
  start: Clock[];
  /** running clocks to stop, with the new state */
  stop: Clock[];
}

/** BRAG clocks run from receipt: "Red: the end of the working day of receipt". */
export function clocksAtScreening(receivedAt: Date, brag: Brag, existing: readonly Clock[], rules: TimescaleRules, at: Date, cal: WorkingCalendar): ClockChange {
  const wanted = bragClockType(brag);
  const live = (c: Clock) => c.status === 'running' || c.status === 'paused';
  const stop = existing
    .filter((c) => BRAG_CLOCK_TYPES.includes(c.type) && c.type !== wanted && live(c))
    .map((c) => stopClock(c, at < c.startedAt ? c.startedAt : at, `BRAG changed to ${BRAG_LABELS[brag]}`));
  const current = existing.find((c) => c.type === wanted);
  const start = current && (live(current) || current.status === 'met') ? [] : [startClock(wanted, rules[wanted], receivedAt, cal)];
  return { start, stop };
}

/** The written referral arrived: its clock is met. */
export function clockAfterWrittenReferral(existing: readonly Clock[], at: Date): Clock | undefined {
  const clock = existing.find((c) => c.type === 'written-referral');
  if (!clock || clock.status !== 'running') return undefined;
  return meetClock(clock, at < clock.startedAt ? clock.startedAt : at);
}

/** The decision meets the decision clock and the BRAG action clock. */
export function clocksAtDecision(existing: readonly Clock[], at: Date): Clock[] {
  return existing
    .filter((c) => (c.type === 'decision' || BRAG_CLOCK_TYPES.includes(c.type)) && c.status === 'running')
    .map((c) => meetClock(c, at < c.startedAt ? c.startedAt : at));
}

/** Closing stops whatever still runs. */
export function clocksAtClose(existing: readonly Clock[], at: Date): Clock[] {
  return existing
    .filter((c) => c.status === 'running' || c.status === 'paused')
    .map((c) => stopClock(c, at < c.startedAt ? c.startedAt : at, 'Contact closed'));
}

export const CLOCK_STATE_LABELS: Record<ClockState, string> = {
  'on-track': 'On track',
  'due-soon': 'Due soon',
  breached: 'Overdue',
  met: 'Met',
  'met-late': 'Met late',
  paused: 'Paused',
  stopped: 'Stopped',
};

/** GOV.UK tag colour of each state: warnings yellow, breaches red. */
export function clockStateTag(state: ClockState): string {
  switch (state) {
    case 'on-track':
      return 'govuk-tag--blue';
    case 'due-soon':
      return 'govuk-tag--yellow';
    case 'breached':
      return 'govuk-tag--red';
    case 'met':
      return 'govuk-tag--green';
    case 'met-late':
      return 'govuk-tag--orange';
    case 'paused':
    case 'stopped':
      return 'govuk-tag--grey';
    default: {
      const unknown: never = state;
      throw new DomainError('validation', `unknown clock state ${String(unknown)}`);
    }
  }
}

export interface ClockDisplay {
  type: ClockType;
  label: string;
  rule: string;
  startedAt: Date;
  dueAt: Date;
  state: ClockState;
  stateLabel: string;
  tagClass: string;
  metAt: Date | null;
  stoppedReason: string | null;
}

/** How a clock shows at `now`: the warning lead follows the clock's own rule. */
export function displayClock(clock: Clock, now: Date, cal: WorkingCalendar): ClockDisplay {
  const state = clockState(clock, now, defaultWarningLead(clock.rule), cal);
  return {
    type: clock.type,
    label: CLOCK_TYPE_INFO[clock.type].label,
    rule: describeRule(clock.rule),
    startedAt: clock.startedAt,
    dueAt: clock.dueAt,
    state,
    stateLabel: CLOCK_STATE_LABELS[state],
    tagClass: clockStateTag(state),
    metAt: clock.metAt ?? null,
    stoppedReason: clock.stoppedReason ?? null,
  };
}

/** Order clocks on a page: running first by due time, then the rest by due time. */
export function orderClocks<T extends { state: ClockState; dueAt: Date }>(clocks: readonly T[]): T[] {
  const live = (s: ClockState) => s === 'breached' || s === 'due-soon' || s === 'on-track';
  return [...clocks].sort((a, b) => Number(live(b.state)) - Number(live(a.state)) || a.dueAt.getTime() - b.dueAt.getTime());
}
