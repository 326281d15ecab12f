/**
 * The vendored GOV.UK bank holidays (see bank-holidays.md for source and date). Bundled with
 * the product so that nothing reads the network or a shared folder at run time.
 */
import vendored from './bank-holidays.json' with { type: 'json' };

export const DIVISIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
export type Division = (typeof DIVISIONS)[number];

export interface BankHoliday {
  /** London date, YYYY-MM-DD */
  date: string;
  title: string;
  /** e.g. "Substitute day"; empty when none */
  notes: string;
}

export type BankHolidayTable = Readonly<Record<Division, readonly BankHoliday[]>>;

export const VENDORED_BANK_HOLIDAYS: BankHolidayTable = Object.freeze({
  'england-and-wales': events('england-and-wales'),
  scotland: events('scotland'),
  'northern-ireland': events('northern-ireland'),
});

function events(division: Division): readonly BankHoliday[] {
  return Object.freeze(
    vendored[division].events.map(({ date, title, notes }) => Object.freeze({ date, title, notes })),
  );
}

/**
 * The years the table covers. The feed publishes about two years ahead: a date after the last
 * covered year is treated as having no bank holidays (deadlines come out early, never late),
 * so the file must be refreshed before then.
 */
export function coveredYears(holidays: readonly BankHoliday[]): { first: number; last: number } {
  const years = holidays.map((h) => Number(h.date.slice(0, 4)));
  return { first: Math.min(...years), last: Math.max(...years) };
}
