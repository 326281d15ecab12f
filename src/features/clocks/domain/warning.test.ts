import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '../../../platform/errors';
import { createWorkingCalendar } from './calendar';
import { dueAt, type ClockRule } from './clock-rules';
import { at, show } from './test-support';
import { defaultWarningLead, warningStartsAt, type WarningLead } from './warning';

const eng = createWorkingCalendar();

describe('default warning lead by rule', () => {
  const cases: Array<[ClockRule, WarningLead]> = [
    [{ kind: 'end-of-working-day' }, { kind: 'working-hours', n: 2 }],
    [{ kind: 'working-hours', n: 24 }, { kind: 'working-hours', n: 2 }],
    [{ kind: 'working-days', n: 1 }, { kind: 'working-hours', n: 2 }],
    [{ kind: 'working-days', n: 7 }, { kind: 'working-hours', n: 2 }],
    [{ kind: 'working-days', n: 8 }, { kind: 'working-hours', n: 24 }],
    [{ kind: 'calendar-hours', n: 24 }, { kind: 'share-of-span', share: 0.25 }],
    [{ kind: 'calendar-days', n: 3 }, { kind: 'share-of-span', share: 0.25 }],
    [{ kind: 'calendar-months', n: 1 }, { kind: 'share-of-span', share: 0.25 }],
  ];
  for (const [rule, lead] of cases) {
    it(`${JSON.stringify(rule)} → ${JSON.stringify(lead)}`, () => assert.deepEqual(defaultWarningLead(rule), lead));
  }
});

describe('when the warning starts', () => {
  const span = (start: string, rule: ClockRule) => ({ startedAt: at(start), dueAt: dueAt(rule, at(start), eng) });

  it('2 working hours before a close: 15:00', () => {
    const s = span('2026-01-12 10:00', { kind: 'working-days', n: 1 });
    assert.equal(show(warningStartsAt(s, { kind: 'working-hours', n: 2 }, eng)), 'Tue 2026-01-13 15:00');
  });

  it('24 working hours before an ICPC due Monday 17:00: the Thursday before at 09:00 (an opening, not the close before it)', () => {
    const s = span('2026-06-01 14:00', { kind: 'working-days', n: 15 });
    assert.equal(show(warningStartsAt(s, { kind: 'working-hours', n: 24 }, eng)), 'Thu 2026-06-18 09:00');
  });

  it('2 working hours before a due Tuesday 10:00 after Easter: the Thursday before at 16:00', () => {
    const s = { startedAt: at('2026-03-30 10:00'), dueAt: at('2026-04-07 10:00') };
    assert.equal(show(warningStartsAt(s, { kind: 'working-hours', n: 2 }, eng)), 'Thu 2026-04-02 16:00');
  });

  it('calendar hours before due, whatever the hour', () => {
    const s = span('2026-01-16 10:00', { kind: 'calendar-hours', n: 72 });
    assert.equal(show(warningStartsAt(s, { kind: 'calendar-hours', n: 12 }, eng)), 'Sun 2026-01-18 22:00');
  });

  it('the last quarter of a month from 1 February 2026 (28 days): 22 February 10:00', () => {
    const s = span('2026-02-01 10:00', { kind: 'calendar-months', n: 1 });
    assert.equal(show(warningStartsAt(s, { kind: 'share-of-span', share: 0.25 }, eng)), 'Sun 2026-02-22 10:00');
  });

  it('never before the clock started', () => {
    const s = span('2026-01-12 16:30', { kind: 'end-of-working-day' });
    assert.equal(show(warningStartsAt(s, { kind: 'working-hours', n: 2 }, eng)), 'Mon 2026-01-12 16:30');
  });

  it('refuses a negative lead or a share above 1', () => {
    const s = span('2026-01-12 10:00', { kind: 'working-days', n: 1 });
    const isValidation = (e: unknown) => e instanceof DomainError && e.code === 'validation';
    assert.throws(() => warningStartsAt(s, { kind: 'calendar-hours', n: -1 }, eng), isValidation);
    assert.throws(() => warningStartsAt(s, { kind: 'share-of-span', share: 1.5 }, eng), isValidation);
  });
});
