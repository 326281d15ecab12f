/**
 * Checks the vendored GOV.UK list against the maintained `date-holidays` library, so that a
 * refresh of the file (or a typo in it) that disagrees with an independent source shows here.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Holidays from 'date-holidays';
import { VENDORED_BANK_HOLIDAYS, coveredYears, type Division } from './bank-holidays';
import { isoWeekday } from './london-time';

const FIRST_YEAR = 2020;
const LAST_YEAR = 2028;

function libraryDates(region: string): Set<string> {
  const holidays = new Holidays('GB', region);
  const dates = new Set<string>();
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    for (const h of holidays.getHolidays(year)) {
      if (h.type === 'public') dates.add(h.date.slice(0, 10));
    }
  }
  return dates;
}

function vendoredDates(division: Division): Set<string> {
  return new Set(
    VENDORED_BANK_HOLIDAYS[division]
      .map((h) => h.date)
      .filter((d) => Number(d.slice(0, 4)) >= FIRST_YEAR && Number(d.slice(0, 4)) <= LAST_YEAR),
  );
}

const difference = (a: Set<string>, b: Set<string>) => [...a].filter((d) => !b.has(d)).sort();
const isWeekend = (date: string) => isoWeekday(date) >= 6;

/**
 * Dates the library lists that GOV.UK does not. The library lists a holiday on its own date
 * even when that is a Saturday or Sunday, and its substitute weekday as well; GOV.UK lists only
 * the substitute. Each of these is a weekend, so not a working day either way, and its
 * substitute is in both lists.
 */
const ENGLAND_LIBRARY_ONLY_WEEKEND_DATES = [
  '2020-12-26', // Boxing Day, Saturday → Monday 28 December
  '2021-12-25', // Christmas Day, Saturday → Monday 27 December
  '2021-12-26', // Boxing Day, Sunday → Tuesday 28 December
  '2022-01-01', // New Year's Day, Saturday → Monday 3 January
  '2022-12-25', // Christmas Day, Sunday → Tuesday 27 December
  '2023-01-01', // New Year's Day, Sunday → Monday 2 January
  '2026-12-26', // Boxing Day, Saturday → Monday 28 December
  '2027-12-25', // Christmas Day, Saturday → Monday 27 December
  '2027-12-26', // Boxing Day, Sunday → Tuesday 28 December
  '2028-01-01', // New Year's Day, Saturday → Monday 3 January
];

/**
 * Dates GOV.UK lists that the library does not. None for 2020-2028: the library has the one-off
 * holidays too (VE Day 8 May 2020, the Platinum Jubilee 3 June 2022, the State Funeral
 * 19 September 2022, the Coronation 8 May 2023). A one-off announced later that the library
 * lacks would go here, with a comment.
 */
const ENGLAND_GOVUK_ONLY_DATES: string[] = [];

describe('vendored bank holidays', () => {
  it('holds all three divisions, each covering 2012-2028', () => {
    for (const division of ['england-and-wales', 'scotland', 'northern-ireland'] as const) {
      assert.deepEqual(coveredYears(VENDORED_BANK_HOLIDAYS[division]), { first: 2012, last: 2028 });
    }
  });

  it('holds only real dates, in order, without duplicates', () => {
    for (const events of Object.values(VENDORED_BANK_HOLIDAYS)) {
      const dates = events.map((e) => e.date);
      assert.deepEqual(dates, [...new Set(dates)].sort());
    }
  });

  it('holds no bank holiday on a weekend (substitute days are weekdays)', () => {
    for (const [division, events] of Object.entries(VENDORED_BANK_HOLIDAYS)) {
      for (const e of events) assert.equal(isWeekend(e.date), false, `${division} ${e.date} ${e.title}`);
    }
  });

  it('includes the one-off holidays in England and Wales', () => {
    const ew = vendoredDates('england-and-wales');
    for (const d of ['2020-05-08', '2022-06-03', '2022-09-19', '2023-05-08']) assert.ok(ew.has(d), d);
  });
});

describe(`England and Wales ${FIRST_YEAR}-${LAST_YEAR} against date-holidays (GB, ENG)`, () => {
  const library = libraryDates('ENG');
  const vendored = vendoredDates('england-and-wales');

  it('has every GOV.UK date in the library, apart from the allow-list', () => {
    assert.deepEqual(difference(vendored, library), ENGLAND_GOVUK_ONLY_DATES, 'dates only GOV.UK lists');
  });

  it('has every library date in GOV.UK, apart from weekend dates whose substitutes both list', () => {
    assert.deepEqual(difference(library, vendored), ENGLAND_LIBRARY_ONLY_WEEKEND_DATES, 'dates only the library lists');
  });

  it('allow-lists only weekend dates', () => {
    for (const d of ENGLAND_LIBRARY_ONLY_WEEKEND_DATES) assert.ok(isWeekend(d), d);
  });

  it('agrees exactly on the weekday bank holidays (the ones that close a working day)', () => {
    const libraryWeekdays = new Set([...library].filter((d) => !isWeekend(d)));
    assert.deepEqual([...vendored].sort(), [...libraryWeekdays].sort());
  });
});

describe(`Scotland and Northern Ireland ${FIRST_YEAR}-${LAST_YEAR} against date-holidays`, () => {
  // The same weekend difference applies (St Andrew's Day, 2 January, St Patrick's Day and
  // 12 July on a weekend too), so compare the weekdays, which are what close a working day.
  for (const [region, division] of [
    ['SCT', 'scotland'],
    ['NIR', 'northern-ireland'],
  ] as const) {
    it(`agrees exactly on the weekday bank holidays of ${division}`, () => {
      const libraryWeekdays = [...libraryDates(region)].filter((d) => !isWeekend(d)).sort();
      assert.deepEqual([...vendoredDates(division)].sort(), libraryWeekdays);
    });
  }
});
