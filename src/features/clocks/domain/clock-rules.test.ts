import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '../../../platform/errors';
import { createWorkingCalendar } from './calendar';
import { assertValidRule, dayZero, describeRule, dueAt, isWorkingRule, type ClockRule } from './clock-rules';
import { HOURS, at, show } from './test-support';

const eng = createWorkingCalendar();

const wd = (n: number): ClockRule => ({ kind: 'working-days', n });
const wh = (n: number): ClockRule => ({ kind: 'working-hours', n });
const ch = (n: number): ClockRule => ({ kind: 'calendar-hours', n });
const cd = (n: number): ClockRule => ({ kind: 'calendar-days', n });
const cm = (n: number): ClockRule => ({ kind: 'calendar-months', n });
const endOfDay: ClockRule = { kind: 'end-of-working-day' };

const due = (rule: ClockRule, received: string, cal = eng) => show(dueAt(rule, at(received), cal));

describe('the worked examples in PRODUCT.md C4', () => {
  it('received Monday 10:00, 1 working day → Tuesday 17:00', () => {
    assert.equal(due(wd(1), '2026-01-12 10:00'), 'Tue 2026-01-13 17:00');
  });

  it('received Friday 18:00, 1 working day → Tuesday 17:00 (Monday is day 0)', () => {
    assert.equal(due(wd(1), '2026-01-16 18:00'), 'Tue 2026-01-20 17:00');
  });

  it('24 working hours from Monday 10:00 → Thursday 10:00', () => {
    assert.equal(due(wh(24), '2026-01-12 10:00'), 'Thu 2026-01-15 10:00');
  });
});

describe('day 0 of a working clock', () => {
  const cases: Array<[string, string, string]> = [
    ['received inside working time: that day', '2026-01-12 10:00', '2026-01-12'],
    ['received at 08:59: that day', '2026-01-12 08:59', '2026-01-12'],
    ['received at 17:00 exactly: the next working day', '2026-01-12 17:00', '2026-01-13'],
    ['received on a Saturday: Monday', '2026-01-17 12:00', '2026-01-19'],
    ['received on Easter Monday: Tuesday', '2026-04-06 10:00', '2026-04-07'],
  ];
  for (const [name, received, expected] of cases) {
    it(name, () => assert.equal(dayZero(at(received), eng), expected));
  }
});

describe('N working days: out-of-hours receipt', () => {
  const cases: Array<[string, string, string]> = [
    ['at 16:59: counted from that day', '2026-01-12 16:59', 'Tue 2026-01-13 17:00'],
    ['at 08:59: counted from that day', '2026-01-12 08:59', 'Tue 2026-01-13 17:00'],
    ['at 09:00 exactly: counted from that day', '2026-01-12 09:00', 'Tue 2026-01-13 17:00'],
    ['at 17:00 exactly: counted from the next day', '2026-01-12 17:00', 'Wed 2026-01-14 17:00'],
    ['in the evening: counted from the next day', '2026-01-12 21:15', 'Wed 2026-01-14 17:00'],
    ['overnight, 03:00: counted from that day', '2026-01-13 03:00', 'Wed 2026-01-14 17:00'],
    ['on a Sunday: counted from Monday', '2026-01-18 23:00', 'Tue 2026-01-20 17:00'],
    ['on a bank holiday (Early May 2026): counted from Tuesday', '2026-05-04 11:00', 'Wed 2026-05-06 17:00'],
  ];
  for (const [name, received, expected] of cases) {
    it(`received ${name}`, () => assert.equal(due(wd(1), received), expected));
  }
});

describe('N working days over Christmas and New Year', () => {
  it('1 working day from Thursday 24 December 2026 → Tuesday 29 December (25th and substitute 28th closed)', () => {
    assert.equal(due(wd(1), '2026-12-24 10:00'), 'Tue 2026-12-29 17:00');
  });

  it('4 working days from Wednesday 23 December 2026 → Thursday 31 December', () => {
    assert.equal(due(wd(4), '2026-12-23 14:00'), 'Thu 2026-12-31 17:00');
  });

  it('7 working days from Wednesday 23 December 2026 → Wednesday 6 January 2027', () => {
    assert.equal(due(wd(7), '2026-12-23 14:00'), 'Wed 2027-01-06 17:00');
  });

  it('2 working days from Thursday 23 December 2027 → Wednesday 29 December (27th and 28th substitutes)', () => {
    assert.equal(due(wd(2), '2027-12-23 10:00'), 'Wed 2027-12-29 17:00');
  });

  it('1 working day from Friday 31 December 2027 → Tuesday 4 January 2028 (3rd is the substitute)', () => {
    assert.equal(due(wd(1), '2027-12-31 10:00'), 'Tue 2028-01-04 17:00');
  });

  it('received on Christmas Day 2026: day 0 is Tuesday 29 December', () => {
    assert.equal(due(wd(1), '2026-12-25 09:30'), 'Wed 2026-12-30 17:00');
  });
});

describe('N working days over Easter', () => {
  it('1 working day from Thursday 2 April 2026 → Tuesday 7 April (Good Friday and Easter Monday closed)', () => {
    assert.equal(due(wd(1), '2026-04-02 10:00'), 'Tue 2026-04-07 17:00');
  });

  it('received on Good Friday 2026: 2 working days → Thursday 9 April', () => {
    assert.equal(due(wd(2), '2026-04-03 10:00'), 'Thu 2026-04-09 17:00');
  });

  it('Easter 2027 and the March clock change together: Thursday 25 March → Tuesday 30 March 17:00 BST', () => {
    const result = dueAt(wd(1), at('2027-03-25 10:00'), eng);
    assert.equal(show(result), 'Tue 2027-03-30 17:00');
    assert.equal(result.toISOString(), '2027-03-30T16:00:00.000Z');
  });
});

describe('N working days over the clock changes', () => {
  it('March 2026: Friday 27 March 10:00 GMT → Monday 30 March 17:00 BST', () => {
    assert.equal(dueAt(wd(1), at('2026-03-27 10:00'), eng).toISOString(), '2026-03-30T16:00:00.000Z');
  });

  it('October 2026: Friday 23 October 10:00 BST → Monday 26 October 17:00 GMT', () => {
    assert.equal(dueAt(wd(1), at('2026-10-23 10:00'), eng).toISOString(), '2026-10-26T17:00:00.000Z');
  });

  it('October 2027: received Saturday 30 October → Tuesday 2 November 17:00 GMT', () => {
    assert.equal(dueAt(wd(1), at('2027-10-30 12:00'), eng).toISOString(), '2027-11-02T17:00:00.000Z');
  });
});

describe('end of the working day', () => {
  const cases: Array<[string, string, string]> = [
    ['received in working time: 17:00 that day', '2026-01-12 10:00', 'Mon 2026-01-12 17:00'],
    ['received at 08:59: 17:00 that day', '2026-01-12 08:59', 'Mon 2026-01-12 17:00'],
    ['received at 17:00 exactly: 17:00 the next working day', '2026-01-12 17:00', 'Tue 2026-01-13 17:00'],
    ['received on Friday evening: Monday 17:00', '2026-01-16 18:00', 'Mon 2026-01-19 17:00'],
    ['received on Good Friday 2026: Tuesday 7 April 17:00', '2026-04-03 10:00', 'Tue 2026-04-07 17:00'],
    ['received on Boxing Day substitute 2026: Tuesday 29 December 17:00', '2026-12-28 10:00', 'Tue 2026-12-29 17:00'],
  ];
  for (const [name, received, expected] of cases) {
    it(name, () => assert.equal(due(endOfDay, received), expected));
  }

  it('follows the hub’s closing time', () => {
    const hub = createWorkingCalendar({ openingTime: '08:00', closingTime: '18:00' });
    assert.equal(due(endOfDay, '2026-01-12 17:30', hub), 'Mon 2026-01-12 18:00');
    assert.equal(due(wd(1), '2026-01-12 17:30', hub), 'Tue 2026-01-13 18:00');
  });
});

describe('N working hours', () => {
  it('received Friday 18:00: 24 working hours are Monday to Wednesday → Wednesday 17:00', () => {
    assert.equal(due(wh(24), '2026-01-16 18:00'), 'Wed 2026-01-21 17:00');
  });

  it('over Christmas 2026: Thursday 24 December 14:00 → Thursday 31 December 14:00', () => {
    assert.equal(due(wh(24), '2026-12-24 14:00'), 'Thu 2026-12-31 14:00');
  });

  it('over Easter 2026: Thursday 2 April 16:00 + 2 → Tuesday 7 April 10:00', () => {
    assert.equal(due(wh(2), '2026-04-02 16:00'), 'Tue 2026-04-07 10:00');
  });

  it('over the March 2026 change: Friday 15:00 GMT + 4 → Monday 11:00 BST', () => {
    assert.equal(dueAt(wh(4), at('2026-03-27 15:00'), eng).toISOString(), '2026-03-30T10:00:00.000Z');
  });

  it('ending exactly at a close: Monday 09:00 + 8 → Monday 17:00', () => {
    assert.equal(due(wh(8), '2026-01-12 09:00'), 'Mon 2026-01-12 17:00');
  });
});

describe('N calendar hours: elapsed time whatever the hour', () => {
  it('counts nights and weekends: Friday 18:00 + 24 → Saturday 18:00', () => {
    assert.equal(due(ch(24), '2026-01-16 18:00'), 'Sat 2026-01-17 18:00');
  });

  it('ignores bank holidays: Christmas Eve 2026 10:00 + 48 → Boxing Day 10:00', () => {
    assert.equal(due(ch(48), '2026-12-24 10:00'), 'Sat 2026-12-26 10:00');
  });

  it('is 24 elapsed hours across the March change: Saturday 10:00 GMT → Sunday 11:00 BST', () => {
    const start = at('2026-03-28 10:00');
    const result = dueAt(ch(24), start, eng);
    assert.equal(result.getTime() - start.getTime(), HOURS(24));
    assert.equal(show(result), 'Sun 2026-03-29 11:00');
  });

  it('is 24 elapsed hours across the October change: Saturday 10:00 BST → Sunday 09:00 GMT', () => {
    const start = at('2026-10-24 10:00');
    const result = dueAt(ch(24), start, eng);
    assert.equal(result.getTime() - start.getTime(), HOURS(24));
    assert.equal(show(result), 'Sun 2026-10-25 09:00');
  });

  it('72 hours across the October 2027 change: Friday 29 October 12:00 BST → Monday 1 November 11:00 GMT', () => {
    assert.equal(due(ch(72), '2027-10-29 12:00'), 'Mon 2027-11-01 11:00');
  });
});

describe('N calendar days: same wall-clock time N London dates later', () => {
  it('is 1 day across the March change: Saturday 10:00 → Sunday 10:00 (23 elapsed hours)', () => {
    const start = at('2026-03-28 10:00');
    const result = dueAt(cd(1), start, eng);
    assert.equal(show(result), 'Sun 2026-03-29 10:00');
    assert.equal(result.getTime() - start.getTime(), HOURS(23));
  });

  it('is 1 day across the October change: Saturday 10:00 → Sunday 10:00 (25 elapsed hours)', () => {
    const start = at('2026-10-24 10:00');
    const result = dueAt(cd(1), start, eng);
    assert.equal(show(result), 'Sun 2026-10-25 10:00');
    assert.equal(result.getTime() - start.getTime(), HOURS(25));
  });

  it('7 days across the October 2027 change: Monday 25 October 09:00 BST → Monday 1 November 09:00 GMT', () => {
    assert.equal(dueAt(cd(7), at('2027-10-25 09:00'), eng).toISOString(), '2027-11-01T09:00:00.000Z');
  });

  it('ignores bank holidays and the hour of receipt: Christmas Eve 2026 22:00 + 3 → Sunday 27 December 22:00', () => {
    assert.equal(due(cd(3), '2026-12-24 22:00'), 'Sun 2026-12-27 22:00');
  });

  it('lands in the spring-forward gap: 01:30 becomes 02:30 BST', () => {
    assert.equal(dueAt(cd(1), at('2026-03-28 01:30'), eng).toISOString(), '2026-03-29T01:30:00.000Z');
  });

  it('lands in the repeated autumn hour: the first 01:30 (BST)', () => {
    assert.equal(dueAt(cd(1), at('2026-10-24 01:30'), eng).toISOString(), '2026-10-25T00:30:00.000Z');
  });
});

describe('N calendar months', () => {
  it('31 January 2027 + 1 month → 28 February 2027', () => {
    assert.equal(due(cm(1), '2027-01-31 10:00'), 'Sun 2027-02-28 10:00');
  });

  it('31 January 2028 + 1 month → 29 February 2028 (leap year)', () => {
    assert.equal(due(cm(1), '2028-01-31 10:00'), 'Tue 2028-02-29 10:00');
  });

  it('31 August 2026 + 1 month → 30 September', () => {
    assert.equal(due(cm(1), '2026-08-31 15:00'), 'Wed 2026-09-30 15:00');
  });

  it('29 February 2028 + 12 months → 28 February 2029', () => {
    assert.equal(due(cm(12), '2028-02-29 10:00'), 'Wed 2029-02-28 10:00');
  });

  it('15 October 2026 10:00 BST + 1 month → 15 November 10:00 GMT', () => {
    assert.equal(dueAt(cm(1), at('2026-10-15 10:00'), eng).toISOString(), '2026-11-15T10:00:00.000Z');
  });

  it('ends on the corresponding date even when it is a weekend or bank holiday', () => {
    assert.equal(due(cm(1), '2026-11-28 10:00'), 'Mon 2026-12-28 10:00');
  });
});

describe('Scotland and Northern Ireland calendars', () => {
  it('Scotland: 1 working day from Thursday 31 December 2026 → Tuesday 5 January 2027 (1st and 2 January substitute closed)', () => {
    assert.equal(due(wd(1), '2026-12-31 10:00', createWorkingCalendar({ division: 'scotland' })), 'Tue 2027-01-05 17:00');
    assert.equal(due(wd(1), '2026-12-31 10:00'), 'Mon 2027-01-04 17:00');
  });

  it('Scotland: Easter Monday is a working day, so Thursday 2 April 2026 + 1 → Monday 6 April', () => {
    assert.equal(due(wd(1), '2026-04-02 10:00', createWorkingCalendar({ division: 'scotland' })), 'Mon 2026-04-06 17:00');
  });

  it('Northern Ireland: 1 working day from Monday 16 March 2026 → Wednesday 18 March (St Patrick’s Day)', () => {
    const ni = createWorkingCalendar({ division: 'northern-ireland' });
    assert.equal(due(wd(1), '2026-03-16 10:00', ni), 'Wed 2026-03-18 17:00');
    assert.equal(due(wd(1), '2026-03-16 10:00'), 'Tue 2026-03-17 17:00');
  });

  it('Northern Ireland: received on the Battle of the Boyne substitute day 13 July 2026 → end of day Tuesday 14 July', () => {
    const ni = createWorkingCalendar({ division: 'northern-ireland' });
    assert.equal(due(endOfDay, '2026-07-13 10:00', ni), 'Tue 2026-07-14 17:00');
  });
});

describe('describing a rule', () => {
  const cases: Array<[ClockRule, string]> = [
    [wd(1), '1 working day'],
    [wd(2), '2 working days'],
    [endOfDay, 'end of the working day'],
    [wh(24), '24 working hours'],
    [ch(24), '24 calendar hours'],
    [ch(1), '1 calendar hour'],
    [cd(3), '3 calendar days'],
    [cm(1), '1 calendar month'],
    [cm(12), '12 calendar months'],
  ];
  for (const [rule, text] of cases) {
    it(`"${text}"`, () => assert.equal(describeRule(rule), text));
  }
});

describe('rule kinds and validation', () => {
  it('knows which rules count working time', () => {
    assert.deepEqual(
      [wd(1), endOfDay, wh(1), ch(1), cd(1), cm(1)].map(isWorkingRule),
      [true, true, true, false, false, false],
    );
  });

  const invalid: Array<[string, ClockRule, string]> = [
    ['0 working days', wd(0), 'rule.n'],
    ['a negative number of hours', ch(-1), 'rule.n'],
    ['a fraction of a day', cd(1.5), 'rule.n'],
    ['more than ten years of working days', wd(100_000), 'rule.n'],
    ['an unknown kind', { kind: 'fortnights', n: 1 } as unknown as ClockRule, 'rule.kind'],
  ];
  for (const [name, rule, field] of invalid) {
    it(`refuses ${name}`, () => {
      assert.throws(
        () => dueAt(rule, at('2026-01-12 10:00'), eng),
        (e: unknown) => e instanceof DomainError && e.code === 'validation' && e.fields[0]?.field === field,
      );
    });
  }

  it('names the field it was given', () => {
    assert.throws(
      () => assertValidRule(wd(0), 'timescales.decision'),
      (e: unknown) => e instanceof DomainError && e.fields[0]?.field === 'timescales.decision.n',
    );
  });
});
