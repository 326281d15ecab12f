import type { Clock } from '../../clocks/domain/clock';
import type { ClockRule } from '../../clocks/domain/clock-rules';
import type { ClockType } from '../../clocks/domain/timescales';
import { createWorkingCalendar } from '../../clocks/domain/calendar';
import { displayClock } from '../domain/contact-clocks';
import { readFrontDoorSettings } from '../domain/front-door-settings';

export interface ClockSummary {
  hubId: string;
  hubName: string;
  openContacts: number;
  overdue: number;
  dueSoon: number;
  byType: Array<{ type: string; label: string; running: number; overdue: number; dueSoon: number }>;
}

/** Counts of running clocks by type and state, on the hub's own calendar. Pure. */
export function summariseClocks(
  hub: {
    hubId: string;
    hubName: string;
    settings: Record<string, unknown>;
    openContacts: number;
    clocks: ReadonlyArray<{ type: string; rule: Record<string, unknown>; started_at: Date; due_at: Date; status: string }>;
  },
  now: Date,
): ClockSummary {
  const cal = createWorkingCalendar(readFrontDoorSettings(hub.settings).calendar);
  const byType = new Map<string, { type: string; label: string; running: number; overdue: number; dueSoon: number }>();
  let overdue = 0;
  let dueSoon = 0;
  for (const row of hub.clocks) {
    if (row.status !== 'running') continue;
    const clock: Clock = { type: row.type as ClockType, rule: row.rule as unknown as ClockRule, startedAt: row.started_at, dueAt: row.due_at, status: 'running' };
    const shown = displayClock(clock, now, cal);
    const entry = byType.get(row.type) ?? { type: row.type, label: shown.label, running: 0, overdue: 0, dueSoon: 0 };
    entry.running++;
    if (shown.state === 'breached') {
      entry.overdue++;
      overdue++;
    } else if (shown.state === 'due-soon') {
      entry.dueSoon++;
      dueSoon++;
    }
    byType.set(row.type, entry);
  }
  return { hubId: hub.hubId, hubName: hub.hubName, openContacts: hub.openContacts, overdue, dueSoon, byType: [...byType.values()].sort((a, b) => b.overdue - a.overdue || a.type.localeCompare(b.type)) };
}
