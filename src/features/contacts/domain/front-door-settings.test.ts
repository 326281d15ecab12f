import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_TIMESCALES } from '../../clocks/domain/timescales';
import { mergeFrontDoorSettings, readFrontDoorSettings, validateFrontDoorSettings, type FrontDoorSettingsInput } from './front-door-settings';

const input = (over: Partial<FrontDoorSettingsInput> = {}): FrontDoorSettingsInput => ({ thresholds: ['Universal', 'Emerging needs', 'Intensive', 'Specialist'], referencePrefix: 'MASH', timescales: {}, ...over });
const fields = (i: FrontDoorSettingsInput) => validateFrontDoorSettings(i).errors.map((e) => e.field);

describe('reading a hub’s front-door settings', () => {
  it('gives the defaults to a hub that never saved any', () => {
    const s = readFrontDoorSettings({});
    assert.deepEqual(s.thresholds, ['Universal', 'Emerging needs', 'Intensive', 'Specialist']);
    assert.equal(s.referencePrefix, 'MASH');
    assert.deepEqual(s.timescales, DEFAULT_TIMESCALES);
    assert.deepEqual(s.calendar, {});
    assert.deepEqual(readFrontDoorSettings(null).thresholds.length, 4);
  });
  it('gives a hub its own', () => {
    const s = readFrontDoorSettings({ thresholds: ['Level 1', 'Level 2'], referencePrefix: 'PD', timescales: { 'brag-amber': { kind: 'working-days', n: 3 } }, calendar: { openingTime: '08:30' } });
    assert.deepEqual(s.thresholds, ['Level 1', 'Level 2']);
    assert.equal(s.referencePrefix, 'PD');
    assert.deepEqual(s.timescales['brag-amber'], { kind: 'working-days', n: 3 });
    assert.deepEqual(s.timescales.decision, DEFAULT_TIMESCALES.decision);
    assert.deepEqual(s.calendar, { openingTime: '08:30' });
  });
  it('ignores malformed thresholds and prefixes rather than offering nothing', () => {
    const s = readFrontDoorSettings({ thresholds: [], referencePrefix: 'bad prefix' });
    assert.equal(s.thresholds.length, 4);
    assert.equal(s.referencePrefix, 'MASH');
  });
});

describe('changing them', () => {
  it('accepts the defaults', () => assert.deepEqual(fields(input()), []));
  it('tidies thresholds and the prefix', () => {
    const { value } = validateFrontDoorSettings(input({ thresholds: [' Level 1 ', '', 'Level 2'], referencePrefix: ' dcc ' }));
    assert.deepEqual(value?.thresholds, ['Level 1', 'Level 2']);
    assert.equal(value?.referencePrefix, 'DCC');
  });
  it('needs between 1 and 10 different thresholds of 60 characters or fewer', () => {
    assert.deepEqual(fields(input({ thresholds: ['', ' '] })), ['thresholds']);
    assert.deepEqual(fields(input({ thresholds: Array.from({ length: 11 }, (_, i) => `L${i}`) })), ['thresholds']);
    assert.deepEqual(fields(input({ thresholds: ['x'.repeat(61)] })), ['thresholds']);
    assert.deepEqual(fields(input({ thresholds: ['Universal', 'universal'] })), ['thresholds']);
  });
  it('needs a good reference prefix', () => assert.deepEqual(fields(input({ referencePrefix: '9' })), ['referencePrefix']));
  it('overrides a front-door clock, with the number it needs', () => {
    const { value } = validateFrontDoorSettings(input({ timescales: { 'brag-amber': { kind: 'working-days', n: 3 }, 'brag-red': { kind: 'end-of-working-day' }, decision: { kind: 'default' } } }));
    assert.deepEqual(value?.timescaleOverrides, { 'brag-amber': { kind: 'working-days', n: 3 }, 'brag-red': { kind: 'end-of-working-day' } });
  });
  it('refuses other features’ clocks, unknown kinds, missing or silly numbers', () => {
    assert.deepEqual(fields(input({ timescales: { icpc: { kind: 'working-days', n: 15 } } })), ['timescales.icpc']);
    assert.deepEqual(fields(input({ timescales: { decision: { kind: 'fortnights', n: 1 } } })), ['timescales.decision.kind']);
    assert.deepEqual(fields(input({ timescales: { decision: { kind: 'working-days' } } })), ['timescales.decision.n']);
    assert.deepEqual(fields(input({ timescales: { decision: { kind: 'working-days', n: 0 } } })), ['timescales.decision.n']);
    assert.deepEqual(fields(input({ timescales: { decision: { kind: 'working-days', n: 99_999 } } })), ['timescales.decision.n']);
    assert.deepEqual(fields(input({ timescales: { decision: { kind: 'working-days', n: 1.5 } } })), ['timescales.decision.n']);
  });
  it('reports every bad clock at once', () => {
    assert.deepEqual(fields(input({ timescales: { decision: { kind: 'working-days', n: 0 }, 'brag-blue': { kind: 'calendar-days', n: 99_999 } } })), ['timescales.decision.n', 'timescales.brag-blue.n']);
  });
  it('merges into the stored settings, keeping the calendar and other features’ overrides', () => {
    const stored = { calendar: { openingTime: '09:00' }, timescales: { icpc: { kind: 'working-days', n: 10 }, decision: { kind: 'end-of-working-day' } }, other: 1 };
    const { value } = validateFrontDoorSettings(input({ thresholds: ['A'], timescales: { 'brag-amber': { kind: 'working-days', n: 3 } } }));
    assert.deepEqual(mergeFrontDoorSettings(stored, value!), {
      calendar: { openingTime: '09:00' },
      other: 1,
      thresholds: ['A'],
      referencePrefix: 'MASH',
      timescales: { icpc: { kind: 'working-days', n: 10 }, 'brag-amber': { kind: 'working-days', n: 3 } },
    });
  });
});
