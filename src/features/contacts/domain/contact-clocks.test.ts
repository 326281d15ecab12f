import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createWorkingCalendar } from '../../clocks/domain/calendar';
import { meetClock, type Clock } from '../../clocks/domain/clock';
import { at, show } from '../../clocks/domain/test-support';
import { DEFAULT_TIMESCALES, resolveTimescales } from '../../clocks/domain/timescales';
import {
  clockAfterWrittenReferral,
  clocksAtClose,
  clocksAtDecision,
  clocksAtIntake,
  clocksAtScreening,
  clockStateTag,
  displayClock,
  FRONT_DOOR_CLOCK_TYPES,
  orderClocks,
} from './contact-clocks';

const cal = createWorkingCalendar();
const rules = DEFAULT_TIMESCALES;
const intake = (receivedAt: string, over: Partial<Parameters<typeof clocksAtIntake>[0]> = {}) =>
  clocksAtIntake({ receivedAt: at(receivedAt), writtenReferralOwed: false, concernCategories: ['neglect'], consultationKind: null, ...over }, rules, cal);
const due = (clocks: Clock[]) => Object.fromEntries(clocks.map((c) => [c.type, show(c.dueAt)]));

describe('clocks at intake', () => {
  it('starts the decision clock: 1 working day from receipt (Monday 10:00 → Tuesday 17:00)', () => {
    assert.deepEqual(due(intake('2026-01-12 10:00')), { decision: 'Tue 2026-01-13 17:00' });
  });
  it('an out-of-hours contact starts the next working day (Friday 18:00 → Monday is day 0 → Tuesday 17:00)', () => {
    const [decision] = intake('2026-01-16 18:00');
    assert.equal(show(decision.startedAt), 'Fri 2026-01-16 18:00', 'the receipt is kept as it was');
    assert.equal(show(decision.dueAt), 'Tue 2026-01-20 17:00');
  });
  it('skips bank holidays of England and Wales (Christmas 2026, Boxing Day substitute Monday)', () => {
    assert.deepEqual(due(intake('2026-12-24 10:00')), { decision: 'Tue 2026-12-29 17:00' });
  });
  it('adds the written referral clock when one is owed: 24 calendar hours, whatever the hour', () => {
    assert.deepEqual(due(intake('2026-01-16 18:00', { writtenReferralOwed: true })), { decision: 'Tue 2026-01-20 17:00', 'written-referral': 'Sat 2026-01-17 18:00' });
  });
  it('adds the LADO clock for an allegation against a professional: 1 working day', () => {
    assert.deepEqual(due(intake('2026-01-12 10:00', { concernCategories: ['physical-abuse', 'allegation-against-professional'] })), {
      decision: 'Tue 2026-01-13 17:00',
      'lado-allegation': 'Tue 2026-01-13 17:00',
    });
  });
  it('starts nothing for a scenario consultation; a named-child consultation is a contact like any other', () => {
    assert.deepEqual(intake('2026-01-12 10:00', { consultationKind: 'scenario', writtenReferralOwed: true }), []);
    assert.deepEqual(due(intake('2026-01-12 10:00', { consultationKind: 'named-child' })), { decision: 'Tue 2026-01-13 17:00' });
  });
  it('uses the hub’s working hours and its own timescales', () => {
    const long = createWorkingCalendar({ openingTime: '08:00', closingTime: '18:00' });
    const own = resolveTimescales({ decision: { kind: 'end-of-working-day' } });
    const clocks = clocksAtIntake({ receivedAt: at('2026-01-12 10:00'), writtenReferralOwed: false, concernCategories: [], consultationKind: null }, own, long);
    assert.deepEqual(due(clocks), { decision: 'Mon 2026-01-12 18:00' });
  });
});

describe('clocks at screening', () => {
  const screen = (received: string, brag: 'red' | 'amber' | 'green' | 'blue', existing: Clock[] = [], when = '2026-01-12 11:00') =>
    clocksAtScreening(at(received), brag, existing, rules, at(when), cal);

  it('starts the BRAG action clock from receipt (000 BRAG table)', () => {
    assert.deepEqual(due(screen('2026-01-12 10:00', 'red').start), { 'brag-red': 'Mon 2026-01-12 17:00' });
    assert.deepEqual(due(screen('2026-01-12 10:00', 'amber').start), { 'brag-amber': 'Wed 2026-01-14 17:00' });
    assert.deepEqual(due(screen('2026-01-12 10:00', 'green').start), { 'brag-green': 'Fri 2026-01-16 17:00' });
    assert.deepEqual(due(screen('2026-01-12 10:00', 'blue').start), { 'brag-blue': 'Wed 2026-01-21 17:00' });
  });
  it('Red received out of hours is due at the end of the next working day', () => {
    assert.deepEqual(due(screen('2026-01-16 18:00', 'red', [], '2026-01-19 09:05').start), { 'brag-red': 'Mon 2026-01-19 17:00' });
  });
  it('a changed rating stops the other colour’s clock and starts its own', () => {
    const amber = screen('2026-01-12 10:00', 'amber').start;
    const { start, stop } = screen('2026-01-12 10:00', 'red', [...intake('2026-01-12 10:00'), ...amber], '2026-01-12 12:00');
    assert.deepEqual(due(start), { 'brag-red': 'Mon 2026-01-12 17:00' });
    assert.equal(stop.length, 1);
    assert.equal(stop[0].type, 'brag-amber');
    assert.equal(stop[0].status, 'stopped');
    assert.equal(stop[0].stoppedReason, 'BRAG changed to Red');
  });
  it('the same rating again changes nothing', () => {
    const amber = screen('2026-01-12 10:00', 'amber').start;
    assert.deepEqual(screen('2026-01-12 10:00', 'amber', amber), { start: [], stop: [] });
  });
  it('changing back restarts the stopped clock of that colour', () => {
    const amber = screen('2026-01-12 10:00', 'amber').start;
    const toRed = screen('2026-01-12 10:00', 'red', amber);
    const back = screen('2026-01-12 10:00', 'amber', [...toRed.stop, ...toRed.start]);
    assert.deepEqual(due(back.start), { 'brag-amber': 'Wed 2026-01-14 17:00' });
    assert.deepEqual(back.stop.map((c) => c.type), ['brag-red']);
  });
  it('leaves other clocks alone', () => {
    const { stop } = screen('2026-01-12 10:00', 'red', intake('2026-01-12 10:00', { writtenReferralOwed: true }));
    assert.deepEqual(stop, []);
  });
});

describe('clocks later in the contact’s life', () => {
  const clocks = [...intake('2026-01-12 10:00', { writtenReferralOwed: true, concernCategories: ['allegation-against-professional'] }), ...clocksAtScreening(at('2026-01-12 10:00'), 'amber', [], rules, at('2026-01-12 11:00'), cal).start];
  it('the written referral arriving meets its clock', () => {
    const met = clockAfterWrittenReferral(clocks, at('2026-01-12 15:00'));
    assert.equal(met?.type, 'written-referral');
    assert.equal(met?.status, 'met');
    assert.equal(clockAfterWrittenReferral([met!], at('2026-01-12 16:00')), undefined, 'met once');
    assert.equal(clockAfterWrittenReferral(intake('2026-01-12 10:00'), at('2026-01-12 16:00')), undefined, 'none owed');
  });
  it('the decision meets the decision and BRAG clocks, and nothing else', () => {
    const met = clocksAtDecision(clocks, at('2026-01-13 12:00'));
    assert.deepEqual(met.map((c) => c.type).sort(), ['brag-amber', 'decision']);
    assert.ok(met.every((c) => c.status === 'met'));
  });
  it('closing stops whatever still runs', () => {
    const written = meetClock(clocks.find((c) => c.type === 'written-referral')!, at('2026-01-12 15:00'));
    const stopped = clocksAtClose([...clocks.filter((c) => c.type !== 'written-referral'), written], at('2026-01-14 12:00'));
    assert.deepEqual(stopped.map((c) => c.type).sort(), ['brag-amber', 'decision', 'lado-allegation']);
    assert.ok(stopped.every((c) => c.status === 'stopped' && c.stoppedReason === 'Contact closed'));
  });
});

describe('how a clock shows', () => {
  const [decision] = intake('2026-01-12 10:00');
  it('on track, then due soon 2 working hours before, then overdue after', () => {
    assert.equal(displayClock(decision, at('2026-01-13 14:59'), cal).state, 'on-track');
    assert.equal(displayClock(decision, at('2026-01-13 15:00'), cal).state, 'due-soon');
    assert.equal(displayClock(decision, at('2026-01-13 17:00'), cal).state, 'due-soon', 'due at 17:00 exactly is not yet breached');
    const breached = displayClock(decision, at('2026-01-13 17:01'), cal);
    assert.equal(breached.state, 'breached');
    assert.equal(breached.stateLabel, 'Overdue');
    assert.equal(breached.tagClass, 'govuk-tag--red');
  });
  it('the warning counts working time: due Monday 10:00 warns from Friday 16:00', () => {
    const eight = resolveTimescales({ decision: { kind: 'working-hours', n: 8 } });
    const [clock] = clocksAtIntake({ receivedAt: at('2026-01-09 10:00'), writtenReferralOwed: false, concernCategories: [], consultationKind: null }, eight, cal);
    assert.equal(show(clock.dueAt), 'Mon 2026-01-12 10:00');
    assert.equal(displayClock(clock, at('2026-01-09 15:59'), cal).state, 'on-track');
    assert.equal(displayClock(clock, at('2026-01-09 16:00'), cal).state, 'due-soon');
    assert.equal(displayClock(clock, at('2026-01-10 12:00'), cal).state, 'due-soon', 'still due soon over the weekend');
  });
  it('met, met late and stopped', () => {
    assert.equal(displayClock(meetClock(decision, at('2026-01-13 12:00')), at('2026-01-20 12:00'), cal).state, 'met');
    assert.equal(displayClock(meetClock(decision, at('2026-01-14 12:00')), at('2026-01-20 12:00'), cal).stateLabel, 'Met late');
    const [stopped] = clocksAtClose([decision], at('2026-01-12 12:00'));
    const shown = displayClock(stopped, at('2026-01-20 12:00'), cal);
    assert.equal(shown.state, 'stopped');
    assert.equal(shown.stoppedReason, 'Contact closed');
  });
  it('gives labels and the rule in words', () => {
    const shown = displayClock(decision, at('2026-01-12 11:00'), cal);
    assert.equal(shown.label, 'Decision on a contact');
    assert.equal(shown.rule, '1 working day');
    assert.equal(shown.dueAt.toISOString(), '2026-01-13T17:00:00.000Z');
  });
  it('has a tag colour for every state', () => {
    assert.deepEqual(
      (['on-track', 'due-soon', 'breached', 'met', 'met-late', 'paused', 'stopped'] as const).map(clockStateTag),
      ['govuk-tag--blue', 'govuk-tag--yellow', 'govuk-tag--red', 'govuk-tag--green', 'govuk-tag--orange', 'govuk-tag--grey', 'govuk-tag--grey'],
    );
  });
  it('lists running clocks first, soonest first', () => {
    const shown = [
      { state: 'met' as const, dueAt: at('2026-01-12 12:00') },
      { state: 'on-track' as const, dueAt: at('2026-01-14 17:00') },
      { state: 'breached' as const, dueAt: at('2026-01-13 17:00') },
    ];
    assert.deepEqual(orderClocks(shown).map((c) => c.state), ['breached', 'on-track', 'met']);
  });
  it('the front door owns seven clock types', () => assert.equal(FRONT_DOOR_CLOCK_TYPES.length, 7));
});
