/**
 * Test helpers: write and read instants as London wall-clock text, so that expectations read
 * like the spec ("Tue 2026-03-31 17:00"). Used by the *.test.ts files only.
 */
import { londonDate, londonInstant, londonMinutes } from './london-time';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** 'YYYY-MM-DD HH:MM' London time → instant */
export function at(local: string): Date {
  const [date, time] = local.split(' ');
  const [h, m] = time.split(':').map(Number);
  return londonInstant(date, h * 60 + m);
}

/** instant → 'Ddd YYYY-MM-DD HH:MM' London time */
export function show(instant: Date): string {
  const date = londonDate(instant);
  const minutes = londonMinutes(instant);
  const weekday = WEEKDAYS[new Date(`${date}T12:00:00Z`).getUTCDay()];
  return `${weekday} ${date} ${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

export const HOURS = (n: number) => n * 3_600_000;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
