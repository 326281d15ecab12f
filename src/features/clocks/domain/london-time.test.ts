import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '../../../platform/errors';
import {
  addDays,
  addLondonDays,
  addLondonMonths,
  fromLondonWall,
  isIsoDate,
  isoWeekday,
  londonDate,
  londonInstant,
  londonMinutes,
  londonOffsetMs,
} from './london-time';

const utc = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

describe('London offset (GMT in winter, BST in summer)', () => {
  it('is GMT (+0) in January and BST (+1) in July', () => {
    assert.equal(londonOffsetMs(utc('2026-01-15T12:00:00Z')), 0);
    assert.equal(londonOffsetMs(utc('2026-07-15T12:00:00Z')), HOUR);
  });

  it('changes at 01:00 UTC on the last Sunday of March 2026 (29 March)', () => {
    assert.equal(londonOffsetMs(utc('2026-03-29T00:59:59Z')), 0);
    assert.equal(londonOffsetMs(utc('2026-03-29T01:00:00Z')), HOUR);
  });

  it('changes back at 01:00 UTC on the last Sunday of October 2026 (25 October)', () => {
    assert.equal(londonOffsetMs(utc('2026-10-25T00:59:59Z')), HOUR);
    assert.equal(londonOffsetMs(utc('2026-10-25T01:00:00Z')), 0);
  });

  it('changes on 28 March and 31 October in 2027', () => {
    assert.equal(londonOffsetMs(utc('2027-03-28T00:30:00Z')), 0);
    assert.equal(londonOffsetMs(utc('2027-03-28T01:30:00Z')), HOUR);
    assert.equal(londonOffsetMs(utc('2027-10-31T00:30:00Z')), HOUR);
    assert.equal(londonOffsetMs(utc('2027-10-31T01:30:00Z')), 0);
  });
});

describe('the offset remembered by UTC hour', () => {
  it('agrees with the tz database at every minute across 1940 to 2100 sampled at random', () => {
    const intl = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'longOffset' });
    const direct = (t: number) => {
      const name = intl.formatToParts(t).find((p) => p.type === 'timeZoneName')!.value; // 'GMT', 'GMT+01:00', 'GMT+02:00'
      const m = /GMT([+-])(\d\d):(\d\d)/.exec(name);
      return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * HOUR + Number(m[3]) * 60_000) : 0;
    };
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const from = Date.UTC(1940, 0, 1);
    const to = Date.UTC(2100, 0, 1);
    for (let i = 0; i < 20_000; i++) {
      const t = Math.floor((from + random() * (to - from)) / 60_000) * 60_000;
      assert.equal(londonOffsetMs(t), direct(t), new Date(t).toISOString());
    }
  });
});

describe('London dates and times of an instant', () => {
  it('gives the London date, which differs from the UTC date late on a summer evening', () => {
    assert.equal(londonDate(utc('2026-06-30T23:30:00Z')), '2026-07-01');
    assert.equal(londonDate(utc('2026-12-31T23:30:00Z')), '2026-12-31');
  });

  it('gives minutes after London midnight', () => {
    assert.equal(londonMinutes(utc('2026-06-01T08:00:00Z')), 9 * 60);
    assert.equal(londonMinutes(utc('2026-12-01T09:00:00Z')), 9 * 60);
  });
});

describe('the instant of a London date and time', () => {
  it('converts 09:00 in winter and summer', () => {
    assert.equal(londonInstant('2026-01-05', 9 * 60).toISOString(), '2026-01-05T09:00:00.000Z');
    assert.equal(londonInstant('2026-06-01', 9 * 60).toISOString(), '2026-06-01T08:00:00.000Z');
  });

  it('takes 24:00 as midnight at the end of the day', () => {
    assert.equal(londonInstant('2026-06-01', 24 * 60).toISOString(), '2026-06-01T23:00:00.000Z');
  });

  it('moves a time in the spring-forward gap (01:30 on 29 March 2026) on by an hour', () => {
    assert.equal(londonInstant('2026-03-29', 90).toISOString(), '2026-03-29T01:30:00.000Z');
  });

  it('takes the first of the two 01:30s on 25 October 2026 (BST)', () => {
    assert.equal(londonInstant('2026-10-25', 90).toISOString(), '2026-10-25T00:30:00.000Z');
  });

  it('round-trips every quarter hour across both 2026 clock changes', () => {
    for (const day of ['2026-03-28', '2026-03-29', '2026-03-30', '2026-10-24', '2026-10-25', '2026-10-26']) {
      for (let m = 0; m < 24 * 60; m += 15) {
        const instant = londonInstant(day, m);
        const inGap = day === '2026-03-29' && m >= 60 && m < 120;
        if (!inGap) {
          assert.equal(londonDate(instant), day, `${day} ${m}`);
          assert.equal(londonMinutes(instant), m, `${day} ${m}`);
        }
      }
    }
  });

  it('fromLondonWall agrees with londonInstant', () => {
    assert.equal(fromLondonWall(Date.UTC(2026, 6, 1, 9)).toISOString(), '2026-07-01T08:00:00.000Z');
  });
});

describe('calendar date arithmetic', () => {
  it('adds days across month and year ends and leap days', () => {
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('2028-02-28', 1), '2028-02-29');
    assert.equal(addDays('2027-02-28', 1), '2027-03-01');
    assert.equal(addDays('2027-01-01', -1), '2026-12-31');
  });

  it('gives ISO weekdays, Monday 1 to Sunday 7', () => {
    assert.equal(isoWeekday('2026-03-30'), 1);
    assert.equal(isoWeekday('2026-04-03'), 5);
    assert.equal(isoWeekday('2026-03-29'), 7);
  });

  it('recognises real YYYY-MM-DD dates only', () => {
    assert.equal(isIsoDate('2028-02-29'), true);
    assert.equal(isIsoDate('2027-02-29'), false);
    assert.equal(isIsoDate('2026-13-01'), false);
    assert.equal(isIsoDate('26-01-01'), false);
    assert.equal(isIsoDate('2026-1-1'), false);
  });

  it('refuses a malformed date with a validation error', () => {
    assert.throws(
      () => addDays('31/12/2026', 1),
      (e: unknown) => e instanceof DomainError && e.code === 'validation',
    );
  });
});

describe('same wall-clock time N days or months later', () => {
  it('keeps 10:00 across the March change (23 elapsed hours)', () => {
    const start = utc('2026-03-28T10:00:00Z'); // Sat 10:00 GMT
    const due = addLondonDays(start, 1);
    assert.equal(due.toISOString(), '2026-03-29T09:00:00.000Z'); // Sun 10:00 BST
    assert.equal(due.getTime() - start.getTime(), 23 * HOUR);
  });

  it('keeps 10:00 across the October change (25 elapsed hours)', () => {
    const start = utc('2026-10-24T09:00:00Z'); // Sat 10:00 BST
    const due = addLondonDays(start, 1);
    assert.equal(due.toISOString(), '2026-10-25T10:00:00.000Z'); // Sun 10:00 GMT
    assert.equal(due.getTime() - start.getTime(), 25 * HOUR);
  });

  it('keeps milliseconds', () => {
    assert.equal(addLondonDays(utc('2026-05-01T08:00:00.123Z'), 2).toISOString(), '2026-05-03T08:00:00.123Z');
  });

  it('ends a month that lacks the day on its last day', () => {
    assert.equal(addLondonMonths(utc('2027-01-31T10:00:00Z'), 1).toISOString(), '2027-02-28T10:00:00.000Z');
    assert.equal(addLondonMonths(utc('2028-01-31T10:00:00Z'), 1).toISOString(), '2028-02-29T10:00:00.000Z');
    assert.equal(addLondonMonths(utc('2026-03-31T09:00:00Z'), 1).toISOString(), '2026-04-30T09:00:00.000Z');
  });

  it('steps months across a year end', () => {
    assert.equal(addLondonMonths(utc('2026-12-15T10:00:00Z'), 1).toISOString(), '2027-01-15T10:00:00.000Z');
    assert.equal(addLondonMonths(utc('2026-11-30T10:00:00Z'), 12).toISOString(), '2027-11-30T10:00:00.000Z');
  });

  it('keeps the wall-clock time when a month crosses a clock change', () => {
    // 15 March 10:00 GMT → 15 April 10:00 BST
    assert.equal(addLondonMonths(utc('2026-03-15T10:00:00Z'), 1).toISOString(), '2026-04-15T09:00:00.000Z');
  });
});
