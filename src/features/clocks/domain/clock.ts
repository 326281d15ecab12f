/**
 * A deadline clock and its pure transitions. A clock keeps the rule it started with, so a hub
 * that changes its timescales changes new clocks only.
 */
import { DomainError, validationError } from '../../../platform/errors';
import type { WorkingCalendar } from './calendar';
import { assertValidRule, dueAt as computeDueAt, isWorkingRule, type ClockRule } from './clock-rules';
import type { ClockType } from './timescales';
import { warningStartsAt, type WarningLead } from './warning';

export type ClockStatus = 'running' | 'met' | 'paused' | 'stopped';

export interface Clock {
  readonly type: ClockType;
  readonly rule: ClockRule;
  /** the receipt (or event) the clock runs from; a working clock counts from the next opening */
  readonly startedAt: Date;
  /** moves later only when a pause is resumed */
  readonly dueAt: Date;
  readonly status: ClockStatus;
  readonly metAt?: Date;
  readonly pausedAt?: Date;
  readonly pauseReason?: string;
  readonly stoppedAt?: Date;
  readonly stoppedReason?: string;
}

export type ClockState = 'on-track' | 'due-soon' | 'breached' | 'met' | 'met-late' | 'paused' | 'stopped';

export function startClock(type: ClockType, rule: ClockRule, receivedAt: Date, cal: WorkingCalendar): Clock {
  assertValidRule(rule);
  checkInstant(receivedAt, 'receivedAt');
  return {
    type,
    rule: { ...rule },
    startedAt: receivedAt,
    dueAt: computeDueAt(rule, receivedAt, cal),
    status: 'running',
  };
}

export function meetClock(clock: Clock, at: Date): Clock {
  // A paused clock is resumed first, so that its due instant is brought up to date.
  expectStatus(clock, 'running', 'met');
  checkNotBefore(at, clock.startedAt, 'the clock started');
  return { ...clock, status: 'met', metAt: at };
}

export function pauseClock(clock: Clock, at: Date, reason: string): Clock {
  expectStatus(clock, 'running', 'paused');
  checkNotBefore(at, clock.startedAt, 'the clock started');
  return { ...clock, status: 'paused', pausedAt: at, pauseReason: requireReason(reason) };
}

/**
 * Working clocks move their due instant on by the working time spent paused; calendar clocks by
 * the elapsed time. A clock paused when it was already past due stays breached: its due
 * instant does not move.
 */
export function resumeClock(clock: Clock, at: Date, cal: WorkingCalendar): Clock {
  expectStatus(clock, 'paused', 'running');
  const pausedAt = clock.pausedAt;
  if (!pausedAt) throw new DomainError('invalid-state', 'a paused clock has no pause time');
  checkNotBefore(at, pausedAt, 'it was paused');
  const { pausedAt: _pausedAt, pauseReason: _pauseReason, ...rest } = clock;
  return { ...rest, status: 'running', dueAt: extendedDue(clock, pausedAt, at, cal) };
}

function extendedDue(clock: Clock, pausedAt: Date, resumedAt: Date, cal: WorkingCalendar): Date {
  if (pausedAt > clock.dueAt) return clock.dueAt;
  return isWorkingRule(clock.rule)
    ? cal.addWorkingTime(clock.dueAt, cal.workingTimeBetween(pausedAt, resumedAt))
    : new Date(clock.dueAt.getTime() + (resumedAt.getTime() - pausedAt.getTime()));
}

export function stopClock(clock: Clock, at: Date, reason: string): Clock {
  if (clock.status !== 'running' && clock.status !== 'paused') {
    throw new DomainError('invalid-state', `a ${clock.status} clock cannot be stopped`);
  }
  checkNotBefore(at, clock.startedAt, 'the clock started');
  return { ...clock, status: 'stopped', stoppedAt: at, stoppedReason: requireReason(reason) };
}

/** How a clock shows at `now`. Met exactly at the due instant is on time. */
export function clockState(clock: Clock, now: Date, warningLead: WarningLead, cal: WorkingCalendar): ClockState {
  switch (clock.status) {
    case 'met':
      return clock.metAt && clock.metAt > clock.dueAt ? 'met-late' : 'met';
    case 'paused':
      return 'paused';
    case 'stopped':
      return 'stopped';
    case 'running':
      if (now > clock.dueAt) return 'breached';
      return now >= warningStartsAt(clock, warningLead, cal) ? 'due-soon' : 'on-track';
    default: {
      const unknown: never = clock.status;
      throw new DomainError('invalid-state', `unknown clock status ${unknown}`);
    }
  }
}

function expectStatus(clock: Clock, expected: ClockStatus, action: ClockStatus): void {
  if (clock.status !== expected) {
    throw new DomainError('invalid-state', `a ${clock.status} clock cannot become ${action}`);
  }
}

function checkInstant(at: Date, field: string): void {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) {
    throw validationError([{ field, text: 'Enter a real date and time' }]);
  }
}

function checkNotBefore(at: Date, earliest: Date, what: string): void {
  checkInstant(at, 'at');
  if (at < earliest) throw new DomainError('invalid-state', `the time given is before ${what}`);
}

function requireReason(reason: string): string {
  const trimmed = typeof reason === 'string' ? reason.trim() : '';
  if (!trimmed) throw validationError([{ field: 'reason', text: 'Enter a reason' }]);
  return trimmed;
}
