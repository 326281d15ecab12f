import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DomainError } from '../../../platform/errors';
import { createWorkingCalendar, DEFAULT_CALENDAR_CONFIG } from './calendar';
import { HOURS, at, show } from './test-support';

const eng = createWorkingCalendar();
const scotland = createWorkingCalendar({ division: 'scotland' });
const northernIreland = createWorkingCalendar({ division: 'northern-ireland' });

const isValidationError = (fields: string[]) => (e: unknown) =>
  e instanceof DomainError && e.code === 'validation' && fields.every((f) => e.fields.some((x) => x.field === f));

describe('default calendar settings', () => {
  it('is England and Wales, Monday to Friday, 09:00 to 17:00, no hub closures', () => {
    assert.deepEqual(eng.config, {
      division: 'england-and-wales',
      openingTime: '09:00',
      closingTime: '17:00',
      workingWeekdays: [1, 2, 3, 4, 5],
      extraClosedDates: [],
    });
    assert.deepEqual(eng.config, DEFAULT_CALENDAR_CONFIG);
  });

  it('takes the default for a setting given as undefined', () => {
    assert.equal(createWorkingCalendar({ openingTime: undefined }).config.openingTime, '09:00');
  });

  it('knows bank holidays up to the end of 2028', () => {
    assert.equal(eng.holidaysKnownUntil, '2028-12-31');
  });

  it('is frozen', () => {
    assert.ok(Object.isFrozen(eng) && Object.isFrozen(eng.config) && Object.isFrozen(eng.config.workingWeekdays));
  });
});

describe('working days: weekends', () => {
  it('treats Monday to Friday as working days', () => {
    for (const d of ['2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27']) {
      assert.equal(eng.isWorkingDay(d), true, d);
    }
  });

  it('treats Saturday and Sunday as closed', () => {
    assert.equal(eng.isWorkingDay('2026-03-28'), false);
    assert.equal(eng.isWorkingDay('2026-03-29'), false);
    assert.deepEqual(eng.closedBecause('2026-03-28'), { kind: 'non-working-weekday' });
  });

  it('lets a hub work Saturdays too', () => {
    const sixDays = createWorkingCalendar({ workingWeekdays: [1, 2, 3, 4, 5, 6] });
    assert.equal(sixDays.isWorkingDay('2026-03-28'), true);
    assert.equal(sixDays.isWorkingDay('2026-03-29'), false);
  });
});

describe('working days: every kind of England and Wales bank holiday', () => {
  const closed2026: Array<[string, string]> = [
    ['2026-01-01', 'New Year’s Day'],
    ['2026-04-03', 'Good Friday'],
    ['2026-04-06', 'Easter Monday'],
    ['2026-05-04', 'Early May bank holiday'],
    ['2026-05-25', 'Spring bank holiday'],
    ['2026-08-31', 'Summer bank holiday'],
    ['2026-12-25', 'Christmas Day'],
    ['2026-12-28', 'Boxing Day'],
  ];
  for (const [date, title] of closed2026) {
    it(`closes ${date} (${title})`, () => {
      assert.equal(eng.isWorkingDay(date), false);
      assert.deepEqual(eng.closedBecause(date), { kind: 'bank-holiday', title });
    });
  }

  it('closes Monday 28 December 2026, the substitute for Boxing Day on a Saturday', () => {
    assert.deepEqual(eng.bankHoliday('2026-12-28'), { date: '2026-12-28', title: 'Boxing Day', notes: 'Substitute day' });
  });

  it('closes 27 and 28 December 2027, substitutes for Christmas on Saturday and Boxing Day on Sunday', () => {
    assert.equal(eng.bankHoliday('2027-12-27')?.notes, 'Substitute day');
    assert.equal(eng.bankHoliday('2027-12-28')?.notes, 'Substitute day');
    assert.equal(eng.isWorkingDay('2027-12-29'), true);
  });

  it('closes Monday 3 January 2028, the substitute for New Year’s Day on a Saturday', () => {
    assert.equal(eng.isWorkingDay('2028-01-03'), false);
    assert.equal(eng.bankHoliday('2028-01-03')?.title, 'New Year’s Day');
  });

  it('closes the one-off holidays (State Funeral 2022, Coronation 2023)', () => {
    assert.equal(eng.isWorkingDay('2022-09-19'), false);
    assert.equal(eng.isWorkingDay('2023-05-08'), false);
  });

  it('keeps the days between Christmas and New Year as working days', () => {
    for (const d of ['2026-12-29', '2026-12-30', '2026-12-31']) assert.equal(eng.isWorkingDay(d), true, d);
  });

  it('has no bank holiday on an ordinary day', () => {
    assert.equal(eng.bankHoliday('2026-03-30'), undefined);
    assert.equal(eng.closedBecause('2026-03-30'), undefined);
  });

  it('treats dates after 2028 as having no bank holidays (deadlines early, never late)', () => {
    assert.equal(eng.isWorkingDay('2029-01-01'), true);
  });
});

describe('working days: Scotland and Northern Ireland', () => {
  it('closes 2 January, St Andrew’s Day and the early August holiday in Scotland', () => {
    assert.equal(scotland.isWorkingDay('2026-01-02'), false);
    assert.equal(scotland.isWorkingDay('2027-01-04'), false, '2 January substitute day');
    assert.equal(scotland.isWorkingDay('2026-11-30'), false);
    assert.equal(scotland.isWorkingDay('2026-08-03'), false);
  });

  it('keeps Easter Monday and the late August holiday of England as working days in Scotland', () => {
    assert.equal(scotland.isWorkingDay('2026-04-06'), true);
    assert.equal(scotland.isWorkingDay('2026-08-31'), true);
    assert.equal(eng.isWorkingDay('2026-01-02'), true);
  });

  it('closes St Patrick’s Day and the Battle of the Boyne substitute in Northern Ireland', () => {
    assert.equal(northernIreland.isWorkingDay('2026-03-17'), false);
    assert.equal(northernIreland.isWorkingDay('2026-07-13'), false);
    assert.equal(eng.isWorkingDay('2026-03-17'), true);
  });
});

describe('working days: the hub’s own closures', () => {
  const hub = createWorkingCalendar({ extraClosedDates: ['2026-12-24', '2026-12-31'] });

  it('closes the listed dates, saying why', () => {
    assert.equal(hub.isWorkingDay('2026-12-24'), false);
    assert.deepEqual(hub.closedBecause('2026-12-31'), { kind: 'hub-closure' });
  });

  it('steps over them: after Wednesday 23 December 2026 comes Tuesday 29 December', () => {
    assert.equal(hub.nextWorkingDay('2026-12-23'), '2026-12-29');
  });
});

describe('stepping through working days', () => {
  it('skips a weekend', () => {
    assert.equal(eng.nextWorkingDay('2026-03-27'), '2026-03-30');
    assert.equal(eng.previousWorkingDay('2026-03-30'), '2026-03-27');
  });

  it('skips Easter 2026: after Thursday 2 April comes Tuesday 7 April', () => {
    assert.equal(eng.nextWorkingDay('2026-04-02'), '2026-04-07');
    assert.equal(eng.previousWorkingDay('2026-04-07'), '2026-04-02');
  });

  it('skips Christmas 2026: after Thursday 24 December comes Tuesday 29 December', () => {
    assert.equal(eng.nextWorkingDay('2026-12-24'), '2026-12-29');
  });

  it('skips Christmas 2027: after Friday 24 December comes Wednesday 29 December', () => {
    assert.equal(eng.nextWorkingDay('2027-12-24'), '2027-12-29');
  });

  it('skips New Year 2028: after Friday 31 December 2027 comes Tuesday 4 January', () => {
    assert.equal(eng.nextWorkingDay('2027-12-31'), '2028-01-04');
  });

  it('counts N working days on, 0 being the day itself', () => {
    assert.equal(eng.addWorkingDays('2026-03-30', 0), '2026-03-30');
    assert.equal(eng.addWorkingDays('2026-03-30', 5), '2026-04-08'); // Easter takes two days
    assert.equal(eng.addWorkingDays('2026-03-28', 1), '2026-03-30'); // from a Saturday
  });

  it('refuses a negative or fractional count', () => {
    assert.throws(() => eng.addWorkingDays('2026-03-30', -1), isValidationError(['n']));
    assert.throws(() => eng.addWorkingDays('2026-03-30', 1.5), isValidationError(['n']));
  });
});

describe('opening and closing instants', () => {
  it('opens at 09:00 and closes at 17:00 London time, GMT in winter', () => {
    assert.equal(eng.openOf('2026-03-27').toISOString(), '2026-03-27T09:00:00.000Z');
    assert.equal(eng.closeOf('2026-03-27').toISOString(), '2026-03-27T17:00:00.000Z');
  });

  it('opens at 09:00 and closes at 17:00 London time, BST in summer', () => {
    assert.equal(eng.openOf('2026-03-30').toISOString(), '2026-03-30T08:00:00.000Z');
    assert.equal(eng.closeOf('2026-03-30').toISOString(), '2026-03-30T16:00:00.000Z');
  });

  it('follows the hub’s own hours', () => {
    const hub = createWorkingCalendar({ openingTime: '08:30', closingTime: '18:00' });
    assert.equal(show(hub.openOf('2026-06-01')), 'Mon 2026-06-01 08:30');
    assert.equal(show(hub.closeOf('2026-06-01')), 'Mon 2026-06-01 18:00');
  });
});

describe('working time and out of hours', () => {
  it('is working time from 09:00 (inclusive) to 17:00 (exclusive) on a working day', () => {
    assert.equal(eng.isWithinWorkingTime(at('2026-03-30 09:00')), true);
    assert.equal(eng.isWithinWorkingTime(at('2026-03-30 12:00')), true);
    assert.equal(eng.isWithinWorkingTime(new Date(at('2026-03-30 17:00').getTime() - 1)), true);
  });

  it('is out of hours at 08:59 and at 17:00 exactly', () => {
    assert.equal(eng.isOutOfHours(at('2026-03-30 08:59')), true);
    assert.equal(eng.isOutOfHours(at('2026-03-30 17:00')), true);
  });

  it('is out of hours in the evening, at night, at the weekend and on a bank holiday', () => {
    assert.equal(eng.isOutOfHours(at('2026-03-30 20:00')), true);
    assert.equal(eng.isOutOfHours(at('2026-03-31 03:00')), true);
    assert.equal(eng.isOutOfHours(at('2026-03-28 12:00')), true);
    assert.equal(eng.isOutOfHours(at('2026-04-03 12:00')), true);
  });

  it('supports a hub open until midnight', () => {
    const late = createWorkingCalendar({ openingTime: '08:00', closingTime: '24:00' });
    assert.equal(late.isWithinWorkingTime(at('2026-03-30 23:59')), true);
    assert.equal(late.isWithinWorkingTime(at('2026-03-31 00:00')), false);
    assert.equal(show(late.nextOpening(at('2026-03-31 00:00'))), 'Tue 2026-03-31 08:00');
  });
});

describe('next opening', () => {
  const cases: Array<[string, string, string]> = [
    ['inside working time: the instant itself', '2026-03-30 10:17', 'Mon 2026-03-30 10:17'],
    ['at 08:59: 09:00 the same day', '2026-03-30 08:59', 'Mon 2026-03-30 09:00'],
    ['at 17:00 exactly: 09:00 the next working day', '2026-03-30 17:00', 'Tue 2026-03-31 09:00'],
    ['on a weekday evening', '2026-03-31 22:30', 'Wed 2026-04-01 09:00'],
    ['on Friday evening: Monday', '2026-03-27 18:00', 'Mon 2026-03-30 09:00'],
    ['on a Sunday: Monday', '2026-03-29 11:00', 'Mon 2026-03-30 09:00'],
    ['on Good Friday: the Tuesday after Easter Monday', '2026-04-03 10:00', 'Tue 2026-04-07 09:00'],
    ['on Christmas Eve evening 2026: Tuesday 29 December', '2026-12-24 17:30', 'Tue 2026-12-29 09:00'],
    ['on New Year’s Eve evening 2027: Tuesday 4 January 2028', '2027-12-31 19:00', 'Tue 2028-01-04 09:00'],
  ];
  for (const [name, received, expected] of cases) {
    it(name, () => assert.equal(show(eng.nextOpening(at(received))), expected));
  }

  it('on the weekend of the March clock change: Monday 09:00 BST', () => {
    assert.equal(eng.nextOpening(at('2026-03-27 18:00')).toISOString(), '2026-03-30T08:00:00.000Z');
  });

  it('keeps the exact instant (milliseconds) when inside working time', () => {
    const t = new Date('2026-03-30T10:00:00.123Z');
    assert.equal(eng.nextOpening(t), t);
  });
});

describe('counting working time', () => {
  it('counts 24 working hours from Monday 10:00 to Thursday 10:00', () => {
    assert.equal(eng.workingTimeBetween(at('2026-03-30 10:00'), at('2026-04-02 10:00')), HOURS(24));
    assert.equal(show(eng.addWorkingTime(at('2026-03-30 10:00'), HOURS(24))), 'Thu 2026-04-02 10:00');
  });

  it('counts 2 working hours from Friday 16:00 to Monday 10:00', () => {
    assert.equal(eng.workingTimeBetween(at('2026-03-27 16:00'), at('2026-03-30 10:00')), HOURS(2));
    assert.equal(show(eng.addWorkingTime(at('2026-03-27 16:00'), HOURS(2))), 'Mon 2026-03-30 10:00');
  });

  it('ends a count that uses up a day at its close, not at the next opening', () => {
    assert.equal(show(eng.addWorkingTime(at('2026-03-30 09:00'), HOURS(8))), 'Mon 2026-03-30 17:00');
  });

  it('starts a count received out of hours at the next opening', () => {
    assert.equal(show(eng.addWorkingTime(at('2026-03-28 12:00'), HOURS(1))), 'Mon 2026-03-30 10:00');
  });

  it('adds nothing for zero', () => {
    const t = at('2026-03-28 12:00');
    assert.equal(eng.addWorkingTime(t, 0), t);
  });

  it('counts no working time over Easter, and none backwards', () => {
    assert.equal(eng.workingTimeBetween(at('2026-04-02 17:00'), at('2026-04-07 09:00')), 0);
    assert.equal(eng.workingTimeBetween(at('2026-04-07 12:00'), at('2026-04-07 10:00')), 0);
  });

  it('counts 8 hours for a working day across the clock change weekend', () => {
    assert.equal(eng.workingTimeBetween(at('2026-03-27 17:00'), at('2026-03-30 17:00')), HOURS(8));
  });

  it('counts back: 2 working hours before Tuesday 17:00 is Tuesday 15:00', () => {
    assert.equal(show(eng.subtractWorkingTime(at('2026-03-31 17:00'), HOURS(2))), 'Tue 2026-03-31 15:00');
  });

  it('counts back over a night and a weekend', () => {
    assert.equal(show(eng.subtractWorkingTime(at('2026-03-31 10:00'), HOURS(2))), 'Mon 2026-03-30 16:00');
    assert.equal(show(eng.subtractWorkingTime(at('2026-03-30 09:00'), HOURS(1))), 'Fri 2026-03-27 16:00');
    assert.equal(show(eng.subtractWorkingTime(at('2026-03-28 12:00'), HOURS(1))), 'Fri 2026-03-27 16:00');
    assert.equal(show(eng.subtractWorkingTime(at('2026-03-30 10:00'), HOURS(24))), 'Wed 2026-03-25 10:00');
  });

  it('counts back over Easter', () => {
    assert.equal(show(eng.subtractWorkingTime(at('2026-04-07 10:00'), HOURS(2))), 'Thu 2026-04-02 16:00');
  });

  it('agrees with itself: counting on then measuring gives the same working time', () => {
    const instants = fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2028-06-30T00:00:00Z'), noInvalidDate: true });
    const durations = fc.integer({ min: 0, max: 200 * 60 }).map((m) => m * 60_000);
    fc.assert(
      fc.property(instants, durations, (t, ms) => {
        const end = eng.addWorkingTime(t, ms);
        assert.equal(eng.workingTimeBetween(t, end), ms);
        if (eng.isWithinWorkingTime(t)) assert.equal(eng.subtractWorkingTime(end, ms).getTime(), t.getTime());
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a negative duration', () => {
    assert.throws(() => eng.addWorkingTime(at('2026-03-30 10:00'), -1), isValidationError(['ms']));
  });
});

describe('calendar settings are validated', () => {
  it('refuses an unknown division', () => {
    assert.throws(() => createWorkingCalendar({ division: 'wales' as never }), isValidationError(['division']));
  });

  it('refuses malformed times and a closing time not after opening', () => {
    assert.throws(() => createWorkingCalendar({ openingTime: '9:00' }), isValidationError(['openingTime']));
    assert.throws(() => createWorkingCalendar({ openingTime: '24:00' }), isValidationError(['openingTime']));
    assert.throws(() => createWorkingCalendar({ closingTime: '17:60' }), isValidationError(['closingTime']));
    assert.throws(
      () => createWorkingCalendar({ openingTime: '17:00', closingTime: '09:00' }),
      isValidationError(['closingTime']),
    );
  });

  it('refuses no working weekdays, or a weekday outside 1-7', () => {
    assert.throws(() => createWorkingCalendar({ workingWeekdays: [] }), isValidationError(['workingWeekdays']));
    assert.throws(() => createWorkingCalendar({ workingWeekdays: [0, 1] }), isValidationError(['workingWeekdays']));
  });

  it('refuses a closure date that is not a real date, naming which', () => {
    assert.throws(
      () => createWorkingCalendar({ extraClosedDates: ['2026-12-24', '2026-02-30'] }),
      isValidationError(['extraClosedDates[1]']),
    );
  });

  it('refuses a malformed date asked about', () => {
    assert.throws(() => eng.isWorkingDay('24/12/2026'), isValidationError(['date']));
  });
});
