import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '../../../platform/errors';
import { createWorkingCalendar } from './calendar';
import { clockState, meetClock, pauseClock, resumeClock, startClock, stopClock, type Clock } from './clock';
import type { ClockRule } from './clock-rules';
import { DEFAULT_TIMESCALES, resolveTimescales } from './timescales';
import { at, show } from './test-support';
import type { WarningLead } from './warning';

const eng = createWorkingCalendar();
const oneWorkingDay: ClockRule = { kind: 'working-days', n: 1 };
const twoWorkingHours: WarningLead = { kind: 'working-hours', n: 2 };

/** decision clock received Monday 12 January 2026 10:00, due Tuesday 17:00 */
const decisionClock = (): Clock => startClock('decision', oneWorkingDay, at('2026-01-12 10:00'), eng);

const isInvalidState = (e: unknown) => e instanceof DomainError && e.code === 'invalid-state';
const isValidation = (e: unknown) => e instanceof DomainError && e.code === 'validation';

describe('starting a clock', () => {
  it('runs from the receipt with the due instant of its rule', () => {
    const clock = decisionClock();
    assert.equal(clock.status, 'running');
    assert.equal(clock.type, 'decision');
    assert.deepEqual(clock.rule, oneWorkingDay);
    assert.equal(show(clock.startedAt), 'Mon 2026-01-12 10:00');
    assert.equal(show(clock.dueAt), 'Tue 2026-01-13 17:00');
  });

  it('keeps the receipt as its start even when received out of hours', () => {
    const clock = startClock('decision', oneWorkingDay, at('2026-01-16 18:00'), eng);
    assert.equal(show(clock.startedAt), 'Fri 2026-01-16 18:00');
    assert.equal(show(clock.dueAt), 'Tue 2026-01-20 17:00');
  });

  it('keeps the rule it started with when the hub later changes its timescales', () => {
    const clock = startClock('decision', DEFAULT_TIMESCALES.decision, at('2026-01-12 10:00'), eng);
    const changed = resolveTimescales({ decision: { kind: 'end-of-working-day' } });
    const later = startClock('decision', changed.decision, at('2026-01-12 10:00'), eng);
    assert.deepEqual(clock.rule, { kind: 'working-days', n: 1 });
    assert.equal(show(clock.dueAt), 'Tue 2026-01-13 17:00');
    assert.equal(show(later.dueAt), 'Mon 2026-01-12 17:00');
  });

  it('copies the rule, so later changes to the settings object do not reach it', () => {
    const rule = { kind: 'working-days', n: 1 } as { kind: 'working-days'; n: number };
    const clock = startClock('decision', rule, at('2026-01-12 10:00'), eng);
    rule.n = 5;
    assert.deepEqual(clock.rule, { kind: 'working-days', n: 1 });
  });

  it('refuses an invalid receipt time or rule', () => {
    assert.throws(() => startClock('decision', oneWorkingDay, new Date('not a date'), eng), isValidation);
    assert.throws(() => startClock('decision', { kind: 'working-days', n: 0 }, at('2026-01-12 10:00'), eng), isValidation);
  });
});

describe('meeting a clock', () => {
  it('records when it was met', () => {
    const met = meetClock(decisionClock(), at('2026-01-13 11:00'));
    assert.equal(met.status, 'met');
    assert.equal(show(met.metAt!), 'Tue 2026-01-13 11:00');
  });

  it('does not change the clock it was given', () => {
    const clock = decisionClock();
    meetClock(clock, at('2026-01-13 11:00'));
    assert.equal(clock.status, 'running');
    assert.equal(clock.metAt, undefined);
  });

  it('cannot meet a clock that is met, paused or stopped', () => {
    const clock = decisionClock();
    const met = meetClock(clock, at('2026-01-13 11:00'));
    assert.throws(() => meetClock(met, at('2026-01-13 12:00')), isInvalidState);
    assert.throws(() => meetClock(pauseClock(clock, at('2026-01-12 11:00'), 'awaiting written referral'), at('2026-01-13 12:00')), isInvalidState);
    assert.throws(() => meetClock(stopClock(clock, at('2026-01-12 11:00'), 'duplicate contact'), at('2026-01-13 12:00')), isInvalidState);
  });

  it('cannot be met before it started', () => {
    assert.throws(() => meetClock(decisionClock(), at('2026-01-12 09:59')), isInvalidState);
  });
});

describe('pausing a clock', () => {
  it('records when and why', () => {
    const paused = pauseClock(decisionClock(), at('2026-01-12 14:00'), '  awaiting written referral ');
    assert.equal(paused.status, 'paused');
    assert.equal(show(paused.pausedAt!), 'Mon 2026-01-12 14:00');
    assert.equal(paused.pauseReason, 'awaiting written referral');
  });

  it('needs a reason', () => {
    assert.throws(() => pauseClock(decisionClock(), at('2026-01-12 14:00'), '   '), isValidation);
  });

  it('cannot pause a clock that is paused, met or stopped', () => {
    const clock = decisionClock();
    const paused = pauseClock(clock, at('2026-01-12 14:00'), 'awaiting written referral');
    assert.throws(() => pauseClock(paused, at('2026-01-12 15:00'), 'again'), isInvalidState);
    assert.throws(() => pauseClock(meetClock(clock, at('2026-01-12 11:00')), at('2026-01-12 15:00'), 'late'), isInvalidState);
    assert.throws(() => pauseClock(stopClock(clock, at('2026-01-12 11:00'), 'withdrawn'), at('2026-01-12 15:00'), 'late'), isInvalidState);
  });
});

describe('resuming a working clock: due moves on by the working time paused', () => {
  it('paused Monday 14:00, resumed Tuesday 11:00 (5 working hours) → due Wednesday 14:00', () => {
    const paused = pauseClock(decisionClock(), at('2026-01-12 14:00'), 'awaiting written referral');
    const resumed = resumeClock(paused, at('2026-01-13 11:00'), eng);
    assert.equal(resumed.status, 'running');
    assert.equal(show(resumed.dueAt), 'Wed 2026-01-14 14:00');
    assert.equal(resumed.pausedAt, undefined);
    assert.equal(resumed.pauseReason, undefined);
  });

  it('paused only out of hours (Friday night to Monday morning) → due unchanged', () => {
    const clock = startClock('brag-amber', DEFAULT_TIMESCALES['brag-amber'], at('2026-01-15 10:00'), eng);
    assert.equal(show(clock.dueAt), 'Mon 2026-01-19 17:00');
    const paused = pauseClock(clock, at('2026-01-16 17:30'), 'awaiting written referral');
    assert.equal(show(resumeClock(paused, at('2026-01-19 08:30'), eng).dueAt), 'Mon 2026-01-19 17:00');
  });

  it('paused over Easter 2026 counts only the working hours either side', () => {
    const clock = startClock('decision', oneWorkingDay, at('2026-04-01 10:00'), eng); // due Thu 2 April 17:00
    const paused = pauseClock(clock, at('2026-04-02 16:00'), 'awaiting written referral');
    // Thursday 16:00-17:00 and Tuesday 09:00-10:00: 2 working hours
    assert.equal(show(resumeClock(paused, at('2026-04-07 10:00'), eng).dueAt), 'Tue 2026-04-07 11:00');
  });

  it('paused before due and resumed after it keeps the time that was left', () => {
    const paused = pauseClock(decisionClock(), at('2026-01-13 15:00'), 'awaiting written referral');
    // 2 working hours were left; Tuesday 15:00-17:00 and Wednesday 09:00-11:00 were paused
    assert.equal(show(resumeClock(paused, at('2026-01-14 11:00'), eng).dueAt), 'Wed 2026-01-14 13:00');
  });

  it('paused after it was already due stays breached: due does not move', () => {
    const paused = pauseClock(decisionClock(), at('2026-01-14 10:00'), 'awaiting written referral');
    const resumed = resumeClock(paused, at('2026-01-14 12:00'), eng);
    assert.equal(show(resumed.dueAt), 'Tue 2026-01-13 17:00');
    assert.equal(clockState(resumed, at('2026-01-14 12:00'), twoWorkingHours, eng), 'breached');
  });
});

describe('resuming a calendar clock: due moves on by the elapsed time paused', () => {
  it('24 calendar hours, paused 6 hours → due 6 hours later', () => {
    const clock = startClock('da-high', DEFAULT_TIMESCALES['da-high'], at('2026-01-16 10:00'), eng);
    const paused = pauseClock(clock, at('2026-01-16 12:00'), 'awaiting police report');
    assert.equal(show(resumeClock(paused, at('2026-01-16 18:00'), eng).dueAt), 'Sat 2026-01-17 16:00');
  });

  it('paused over the October change counts the elapsed 13 hours, not the 12 on the clock face', () => {
    const clock = startClock('da-medium', DEFAULT_TIMESCALES['da-medium'], at('2026-10-24 10:00'), eng);
    assert.equal(show(clock.dueAt), 'Tue 2026-10-27 10:00');
    const paused = pauseClock(clock, at('2026-10-24 20:00'), 'awaiting police report');
    assert.equal(show(resumeClock(paused, at('2026-10-25 08:00'), eng).dueAt), 'Tue 2026-10-27 23:00');
  });
});

describe('resuming: illegal moves', () => {
  it('cannot resume a clock that is not paused', () => {
    assert.throws(() => resumeClock(decisionClock(), at('2026-01-12 12:00'), eng), isInvalidState);
  });

  it('cannot resume before the pause', () => {
    const paused = pauseClock(decisionClock(), at('2026-01-12 14:00'), 'awaiting written referral');
    assert.throws(() => resumeClock(paused, at('2026-01-12 13:00'), eng), isInvalidState);
  });
});

describe('stopping a clock', () => {
  it('records when and why, from running or paused', () => {
    const stopped = stopClock(decisionClock(), at('2026-01-12 12:00'), 'contact withdrawn');
    assert.equal(stopped.status, 'stopped');
    assert.equal(stopped.stoppedReason, 'contact withdrawn');
    assert.equal(show(stopped.stoppedAt!), 'Mon 2026-01-12 12:00');
    const paused = pauseClock(decisionClock(), at('2026-01-12 11:00'), 'awaiting written referral');
    assert.equal(stopClock(paused, at('2026-01-12 12:00'), 'contact withdrawn').status, 'stopped');
  });

  it('needs a reason', () => {
    assert.throws(() => stopClock(decisionClock(), at('2026-01-12 12:00'), ''), isValidation);
  });

  it('cannot stop a clock that is met or stopped', () => {
    const clock = decisionClock();
    assert.throws(() => stopClock(meetClock(clock, at('2026-01-12 11:00')), at('2026-01-12 12:00'), 'why'), isInvalidState);
    assert.throws(() => stopClock(stopClock(clock, at('2026-01-12 11:00'), 'why'), at('2026-01-12 12:00'), 'why'), isInvalidState);
  });
});

describe('how a clock shows', () => {
  const state = (clock: Clock, now: string, lead: WarningLead = twoWorkingHours) => clockState(clock, at(now), lead, eng);

  it('is on track until 2 working hours before due, then due soon', () => {
    const clock = decisionClock(); // due Tue 17:00
    assert.equal(state(clock, '2026-01-12 10:00'), 'on-track');
    assert.equal(state(clock, '2026-01-13 14:59'), 'on-track');
    assert.equal(state(clock, '2026-01-13 15:00'), 'due-soon');
  });

  it('is due soon, not breached, at the due instant itself; breached after it', () => {
    const clock = decisionClock();
    assert.equal(state(clock, '2026-01-13 17:00'), 'due-soon');
    assert.equal(clockState(clock, new Date(at('2026-01-13 17:00').getTime() + 1), twoWorkingHours, eng), 'breached');
    assert.equal(state(clock, '2026-01-14 09:00'), 'breached');
  });

  it('counts the warning in working hours, over a night: due Thursday 10:00 warns from Wednesday 16:00', () => {
    const clock = startClock('feedback-to-referrer', DEFAULT_TIMESCALES['feedback-to-referrer'], at('2026-01-12 10:00'), eng);
    assert.equal(show(clock.dueAt), 'Thu 2026-01-15 10:00');
    assert.equal(state(clock, '2026-01-14 15:59'), 'on-track');
    assert.equal(state(clock, '2026-01-14 16:00'), 'due-soon');
    assert.equal(state(clock, '2026-01-14 22:00'), 'due-soon');
  });

  it('warns for the last quarter of a calendar clock: 24 hours from Friday 10:00 warns from Saturday 04:00', () => {
    const clock = startClock('da-high', DEFAULT_TIMESCALES['da-high'], at('2026-01-16 10:00'), eng);
    const lastQuarter: WarningLead = { kind: 'share-of-span', share: 0.25 };
    assert.equal(state(clock, '2026-01-17 03:59', lastQuarter), 'on-track');
    assert.equal(state(clock, '2026-01-17 04:00', lastQuarter), 'due-soon');
  });

  it('is due soon from the start when the lead is longer than the clock', () => {
    const clock = startClock('brag-red', DEFAULT_TIMESCALES['brag-red'], at('2026-01-12 16:00'), eng);
    assert.equal(state(clock, '2026-01-12 16:00'), 'due-soon');
  });

  it('is met when met by the due instant, met late after it', () => {
    assert.equal(state(meetClock(decisionClock(), at('2026-01-13 17:00')), '2026-02-01 10:00'), 'met');
    assert.equal(state(meetClock(decisionClock(), at('2026-01-13 17:01')), '2026-02-01 10:00'), 'met-late');
  });

  it('is paused or stopped whatever the time', () => {
    assert.equal(state(pauseClock(decisionClock(), at('2026-01-12 11:00'), 'awaiting written referral'), '2026-03-01 10:00'), 'paused');
    assert.equal(state(stopClock(decisionClock(), at('2026-01-12 11:00'), 'contact withdrawn'), '2026-03-01 10:00'), 'stopped');
  });
});
