import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { at } from '../../clocks/domain/test-support';
import { summariseClocks } from './clock-summary';

describe('the operators’ clock summary', () => {
  it('counts running clocks overdue and due soon, by type, on the hub’s calendar', () => {
    const wd1 = { kind: 'working-days', n: 1 };
    const s = summariseClocks(
      {
        hubId: 'h',
        hubName: 'Demo MASH',
        settings: { calendar: { openingTime: '09:00', closingTime: '17:00' } },
        openContacts: 3,
        clocks: [
          { type: 'decision', rule: wd1, started_at: at('2026-01-12 10:00'), due_at: at('2026-01-13 17:00'), status: 'running' },
          { type: 'decision', rule: wd1, started_at: at('2026-01-14 10:00'), due_at: at('2026-01-15 17:00'), status: 'running' },
          { type: 'brag-red', rule: { kind: 'end-of-working-day' }, started_at: at('2026-01-14 10:00'), due_at: at('2026-01-14 17:00'), status: 'running' },
          { type: 'decision', rule: wd1, started_at: at('2026-01-12 10:00'), due_at: at('2026-01-13 17:00'), status: 'met' },
        ],
      },
      at('2026-01-14 15:30'),
    );
    assert.equal(s.overdue, 1);
    assert.equal(s.dueSoon, 1);
    assert.deepEqual(s.byType, [
      { type: 'decision', label: 'Decision on a contact', running: 2, overdue: 1, dueSoon: 0 },
      { type: 'brag-red', label: 'Red: action', running: 1, overdue: 0, dueSoon: 1 },
    ]);
  });
});
