import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '../../../platform/errors';
import { createWorkingCalendar } from './calendar';
import { describeRule, dueAt, type ClockRule } from './clock-rules';
import {
  CLOCK_TYPES,
  CLOCK_TYPE_INFO,
  DEFAULT_TIMESCALES,
  isClockType,
  resolveTimescales,
  timescale,
  type ClockType,
} from './timescales';
import { at, show } from './test-support';
import type { WarningLead } from './warning';

const eng = createWorkingCalendar();

describe('the default timescales (PRODUCT.md C4 table)', () => {
  it('has a rule, a label and a source for every clock type, and nothing else', () => {
    assert.deepEqual(Object.keys(DEFAULT_TIMESCALES).sort(), [...CLOCK_TYPES].sort());
    assert.deepEqual(Object.keys(CLOCK_TYPE_INFO).sort(), [...CLOCK_TYPES].sort());
    for (const type of CLOCK_TYPES) {
      assert.ok(CLOCK_TYPE_INFO[type].label.length > 0, type);
      assert.ok(CLOCK_TYPE_INFO[type].source.length > 0, type);
    }
  });

  const described: Record<ClockType, string> = {
    decision: '1 working day',
    'brag-red': 'end of the working day',
    'brag-amber': '2 working days',
    'brag-green': '4 working days',
    'brag-blue': '7 working days',
    'feedback-to-referrer': '24 working hours',
    'written-referral': '24 calendar hours',
    'lado-allegation': '1 working day',
    'csc-referral-progressed': '1 working day',
    'strategy-minutes': '2 working days',
    'strategy-handover': '1 working day',
    icpc: '15 working days',
    assessment: '45 working days',
    'da-high': '24 calendar hours',
    'da-medium': '3 calendar days',
    'da-standard': '7 calendar days',
    'subject-access': '1 calendar month',
    erasure: '1 calendar month',
    'breach-partners': '48 calendar hours',
    'breach-ico': '72 calendar hours',
    'suspended-agreement-risk-meeting': '14 calendar days',
    'termination-notice': '30 calendar days',
    'agreement-review': '12 calendar months',
  };
  for (const type of CLOCK_TYPES) {
    it(`${type} is ${described[type]} (${CLOCK_TYPE_INFO[type].source})`, () => {
      assert.equal(describeRule(DEFAULT_TIMESCALES[type]), described[type]);
    });
  }

  it('cannot be changed in place', () => {
    assert.ok(Object.isFrozen(DEFAULT_TIMESCALES));
    assert.ok(Object.isFrozen(DEFAULT_TIMESCALES.decision));
  });
});

describe('the due instant of every default timescale', () => {
  const cases: Record<ClockType, [received: string, due: string, why: string]> = {
    decision: ['2026-05-22 18:00', 'Wed 2026-05-27 17:00', 'Friday evening before the Spring bank holiday: day 0 is Tuesday'],
    'brag-red': ['2026-06-08 10:00', 'Mon 2026-06-08 17:00', 'the close of the day of receipt'],
    'brag-amber': ['2026-06-11 11:00', 'Mon 2026-06-15 17:00', 'over a weekend'],
    'brag-green': ['2026-06-11 11:00', 'Wed 2026-06-17 17:00', 'over a weekend'],
    'brag-blue': ['2026-06-11 11:00', 'Mon 2026-06-22 17:00', 'over two weekends'],
    'feedback-to-referrer': ['2026-06-08 10:00', 'Thu 2026-06-11 10:00', 'working hours only'],
    'written-referral': ['2026-06-12 20:00', 'Sat 2026-06-13 20:00', 'whatever the hour'],
    'lado-allegation': ['2026-08-28 12:00', 'Tue 2026-09-01 17:00', 'over the Summer bank holiday'],
    'csc-referral-progressed': ['2026-06-09 16:59', 'Wed 2026-06-10 17:00', 'received a minute before close'],
    'strategy-minutes': ['2026-04-02 15:00', 'Wed 2026-04-08 17:00', 'over Easter'],
    'strategy-handover': ['2026-06-08 17:00', 'Wed 2026-06-10 17:00', 'received at close: day 0 is Tuesday'],
    icpc: ['2026-06-01 14:00', 'Mon 2026-06-22 17:00', '15 working days after the strategy discussion'],
    assessment: ['2026-11-16 10:00', 'Thu 2027-01-21 17:00', '45 working days over Christmas and New Year'],
    'da-high': ['2026-10-24 10:00', 'Sun 2026-10-25 09:00', '24 elapsed hours over the October change'],
    'da-medium': ['2026-10-23 22:00', 'Mon 2026-10-26 22:00', 'same wall-clock time over the October change'],
    'da-standard': ['2027-10-25 09:00', 'Mon 2027-11-01 09:00', 'same wall-clock time over the October 2027 change'],
    'subject-access': ['2027-01-31 10:00', 'Sun 2027-02-28 10:00', 'February lacks the 31st'],
    erasure: ['2028-01-31 10:00', 'Tue 2028-02-29 10:00', 'leap year'],
    'breach-partners': ['2026-12-24 16:00', 'Sat 2026-12-26 16:00', 'bank holidays count'],
    'breach-ico': ['2026-03-27 12:00', 'Mon 2026-03-30 13:00', '72 elapsed hours over the March change'],
    'suspended-agreement-risk-meeting': ['2026-03-23 10:00', 'Mon 2026-04-06 10:00', 'may fall on Easter Monday'],
    'termination-notice': ['2026-12-01 10:00', 'Thu 2026-12-31 10:00', '30 days'],
    'agreement-review': ['2026-03-30 10:00', 'Tue 2027-03-30 10:00', 'a year on'],
  };
  for (const type of CLOCK_TYPES) {
    const [received, expected, why] = cases[type];
    it(`${type}: received ${received} → due ${expected} (${why})`, () => {
      assert.equal(show(dueAt(DEFAULT_TIMESCALES[type], at(received), eng)), expected);
    });
  }
});

describe('default warning leads', () => {
  const twoWorkingHours: WarningLead = { kind: 'working-hours', n: 2 };
  const threeWorkingDays: WarningLead = { kind: 'working-hours', n: 24 };
  const lastQuarter: WarningLead = { kind: 'share-of-span', share: 0.25 };
  const leads: Array<[ClockType, WarningLead, string]> = [
    ['decision', twoWorkingHours, '2 working hours'],
    ['brag-red', twoWorkingHours, '2 working hours'],
    ['brag-blue', twoWorkingHours, '2 working hours (7 working days is the longest that gets it)'],
    ['feedback-to-referrer', twoWorkingHours, '2 working hours'],
    ['icpc', threeWorkingDays, '24 working hours'],
    ['assessment', threeWorkingDays, '24 working hours'],
    ['da-high', lastQuarter, 'the last quarter: 6 hours'],
    ['subject-access', lastQuarter, 'the last quarter: about a week'],
    ['agreement-review', lastQuarter, 'the last quarter: 3 months'],
  ];
  for (const [type, lead, text] of leads) {
    it(`${type}: ${text}`, () => assert.deepEqual(timescale(type).warningLead, lead));
  }

  it('follows an overridden rule: 1 working day for breach-partners warns 2 working hours ahead', () => {
    const rules = resolveTimescales({ 'breach-partners': { kind: 'working-days', n: 1 } });
    assert.deepEqual(timescale('breach-partners', rules).warningLead, { kind: 'working-hours', n: 2 });
  });
});

describe('a hub’s own timescales', () => {
  it('are the defaults when nothing is overridden', () => {
    assert.deepEqual(resolveTimescales(), DEFAULT_TIMESCALES);
    assert.deepEqual(resolveTimescales({}), DEFAULT_TIMESCALES);
  });

  it('override breach-partners to 1 working day (Derby) and agreement-review to 2 years', () => {
    const rules = resolveTimescales({
      'breach-partners': { kind: 'working-days', n: 1 },
      'agreement-review': { kind: 'calendar-months', n: 24 },
    });
    assert.deepEqual(rules['breach-partners'], { kind: 'working-days', n: 1 });
    assert.deepEqual(rules['agreement-review'], { kind: 'calendar-months', n: 24 });
    assert.deepEqual(rules.decision, DEFAULT_TIMESCALES.decision);
    assert.equal(show(dueAt(rules['breach-partners'], at('2026-12-24 16:00'), eng)), 'Tue 2026-12-29 17:00');
  });

  it('leave the defaults untouched, and cannot be changed in place', () => {
    const rules = resolveTimescales({ decision: { kind: 'end-of-working-day' } });
    assert.deepEqual(DEFAULT_TIMESCALES.decision, { kind: 'working-days', n: 1 });
    assert.ok(Object.isFrozen(rules) && Object.isFrozen(rules.decision));
  });

  it('copy the override, so a later change to the settings object does not leak in', () => {
    const override: ClockRule = { kind: 'working-days', n: 3 };
    const rules = resolveTimescales({ decision: override });
    (override as { n: number }).n = 9;
    assert.deepEqual(rules.decision, { kind: 'working-days', n: 3 });
  });

  it('refuse an unknown clock type', () => {
    assert.throws(
      () => resolveTimescales({ lunch: { kind: 'working-hours', n: 1 } } as never),
      (e: unknown) => e instanceof DomainError && e.code === 'validation' && e.fields[0]?.field === 'timescales.lunch',
    );
  });

  it('refuse an invalid rule, naming the clock type', () => {
    assert.throws(
      () => resolveTimescales({ icpc: { kind: 'working-days', n: 0 } }),
      (e: unknown) => e instanceof DomainError && e.code === 'validation' && e.fields[0]?.field === 'timescales.icpc.n',
    );
  });

  it('recognise clock type names', () => {
    assert.equal(isClockType('icpc'), true);
    assert.equal(isClockType('ICPC'), false);
  });
});

describe('timescale()', () => {
  it('gathers the type, label, source, note, rule and warning lead', () => {
    assert.deepEqual(timescale('breach-partners'), {
      type: 'breach-partners',
      label: 'Data breach: partners told',
      source: '003 §10; 002',
      note: '48 calendar hours (Thurrock); Derby uses 1 working day',
      rule: { kind: 'calendar-hours', n: 48 },
      warningLead: { kind: 'share-of-span', share: 0.25 },
    });
  });
});
