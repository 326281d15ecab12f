import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SLOT_PATTERNS, expandSlots, freeSlots, isoWeekdayOf, validateSlotPatterns, type SlotPattern } from './slots';

// a stand-in for clocks' londonInstant: UTC is enough to test the arithmetic here
const toInstant = (date: string, minutes: number) => new Date(Date.parse(`${date}T00:00:00Z`) + minutes * 60_000);

const patterns: SlotPattern[] = [
  { id: 'mon-am', weekday: 1, start: '10:00', durationMinutes: 60 },
  { id: 'mon-pm', weekday: 1, start: '14:00', durationMinutes: 60 },
  { id: 'wed-am', weekday: 3, start: '10:30', durationMinutes: 45 },
];

describe('strategy meeting time slots (002 §4.3.3)', () => {
  it('expands weekly patterns onto the working dates given', () => {
    const slots = expandSlots(patterns, ['2026-03-02', '2026-03-03', '2026-03-04'], toInstant);
    assert.deepEqual(slots.map((s) => s.id), ['mon-am@2026-03-02', 'mon-pm@2026-03-02', 'wed-am@2026-03-04']);
    assert.equal(slots[2].startsAt.toISOString(), '2026-03-04T10:30:00.000Z');
    assert.equal(slots[2].endsAt.toISOString(), '2026-03-04T11:15:00.000Z');
  });

  it('leaves out dates the calendar did not give (bank holidays)', () => {
    assert.deepEqual(expandSlots(patterns, ['2026-03-03'], toInstant), []);
    assert.throws(() => expandSlots(patterns, ['2026-02-30'], toInstant), RangeError);
  });

  it('offers only future slots not taken by a meeting that stands', () => {
    const slots = expandSlots(patterns, ['2026-03-02', '2026-03-04'], toInstant);
    const free = freeSlots(slots, [{ slotId: 'mon-pm@2026-03-02', status: 'scheduled' }, { slotId: 'wed-am@2026-03-04', status: 'cancelled' }], new Date('2026-03-02T11:00:00Z'));
    assert.deepEqual(free.map((s) => s.id), ['wed-am@2026-03-04']);
  });

  it('validates patterns', () => {
    assert.deepEqual(validateSlotPatterns(patterns), []);
    const f = (p: Partial<SlotPattern>) => validateSlotPatterns([{ ...patterns[0], ...p }]).map((e) => e.field);
    assert.deepEqual(f({ weekday: 8 }), ['slots[0].weekday']);
    assert.deepEqual(f({ start: '9:00' }), ['slots[0].start']);
    assert.deepEqual(f({ durationMinutes: 5 }), ['slots[0].durationMinutes']);
    assert.deepEqual(f({ start: '23:30', durationMinutes: 60 }), ['slots[0].durationMinutes']);
    assert.deepEqual(f({ id: '' }), ['slots[0].id']);
    const overlap = validateSlotPatterns([...patterns, { id: 'mon-clash', weekday: 1, start: '10:30', durationMinutes: 60 }]);
    assert.deepEqual(overlap.map((e) => e.field), ['slots[0]']);
  });

  it('knows ISO weekdays', () => {
    assert.equal(isoWeekdayOf('2026-03-02'), 1);
    assert.equal(isoWeekdayOf('2026-03-08'), 7);
  });

  it('has valid defaults: every weekday at 10:00 and 14:00', () => {
    assert.deepEqual(validateSlotPatterns(DEFAULT_SLOT_PATTERNS), []);
    assert.equal(DEFAULT_SLOT_PATTERNS.length, 10);
    assert.deepEqual(expandSlots(DEFAULT_SLOT_PATTERNS, ['2026-03-06'], toInstant).map((s) => s.id), ['fri-am@2026-03-06', 'fri-pm@2026-03-06']);
  });
});
