import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '../../../platform/errors';
import { at } from '../../clocks/domain/test-support';
import { compareQueued, isQueueName, queueFilter, queueKey, QUEUES, sortQueue, type Queued } from './queue';

const actor = { userId: 'u1', agencyId: 'a1' };

describe('queues', () => {
  it('are mine, the team’s, unallocated and by agency', () => {
    assert.deepEqual([...QUEUES], ['mine', 'team', 'unallocated', 'agency']);
    assert.equal(isQueueName('mine'), true);
    assert.equal(isQueueName('everything'), false);
  });
  it('each holds its own contacts', () => {
    assert.deepEqual(queueFilter('mine', actor), { kind: 'allocated-to', userId: 'u1' });
    assert.deepEqual(queueFilter('team', actor), { kind: 'allocated' });
    assert.deepEqual(queueFilter('unallocated', actor), { kind: 'unallocated' });
    assert.deepEqual(queueFilter('agency', actor), { kind: 'recorded-by-agency', agencyId: 'a1' }, 'my agency by default');
    assert.deepEqual(queueFilter('agency', actor, 'a2'), { kind: 'recorded-by-agency', agencyId: 'a2' });
    assert.throws(() => queueFilter('nope' as never, actor), (e: unknown) => e instanceof DomainError);
  });
});

describe('what falls due first', () => {
  const now = at('2026-01-13 12:00');
  it('takes the earliest running clock, and knows when one is breached', () => {
    const key = queueKey(
      [
        { status: 'running', dueAt: at('2026-01-14 17:00') },
        { status: 'running', dueAt: at('2026-01-13 17:00') },
        { status: 'met', dueAt: at('2026-01-12 17:00') },
        { status: 'stopped', dueAt: at('2026-01-12 12:00') },
      ],
      now,
    );
    assert.deepEqual(key, { nextDueAt: at('2026-01-13 17:00'), breached: false });
    assert.deepEqual(queueKey([{ status: 'running', dueAt: at('2026-01-12 17:00') }], now), { nextDueAt: at('2026-01-12 17:00'), breached: true });
  });
  it('a paused or finished clock does not count', () => {
    assert.deepEqual(queueKey([{ status: 'paused', dueAt: at('2026-01-12 17:00') }], now), { nextDueAt: null, breached: false });
    assert.deepEqual(queueKey([], now), { nextDueAt: null, breached: false });
  });

  const item = (reference: string, nextDueAt: string | null, breached: boolean, receivedAt = '2026-01-12 10:00'): Queued => ({
    reference,
    nextDueAt: nextDueAt ? at(nextDueAt) : null,
    breached,
    receivedAt: at(receivedAt),
  });

  it('puts breached first, then the earliest due, then contacts with no running clock', () => {
    const sorted = sortQueue([
      item('C-none', null, false),
      item('C-later', '2026-01-15 17:00', false),
      item('C-breached', '2026-01-12 17:00', true),
      item('C-soon', '2026-01-13 17:00', false),
    ]);
    assert.deepEqual(sorted.map((i) => i.reference), ['C-breached', 'C-soon', 'C-later', 'C-none']);
  });
  it('a breached contact leads even if another is "due" earlier by a clock that is not its own earliest', () => {
    assert.ok(compareQueued(item('A', '2026-01-14 17:00', true), item('B', '2026-01-13 17:00', false)) < 0);
  });
  it('breaks ties by receipt, then by reference', () => {
    const sorted = sortQueue([item('C-2', '2026-01-13 17:00', false, '2026-01-12 11:00'), item('C-3', '2026-01-13 17:00', false, '2026-01-12 09:00'), item('C-1', '2026-01-13 17:00', false, '2026-01-12 11:00')]);
    assert.deepEqual(sorted.map((i) => i.reference), ['C-3', 'C-1', 'C-2']);
    assert.equal(compareQueued(item('X', null, false), item('X', null, false)), 0);
  });
  it('does not change the list it was given', () => {
    const list = [item('B', '2026-01-14 17:00', false), item('A', '2026-01-13 17:00', false)];
    sortQueue(list);
    assert.equal(list[0].reference, 'B');
  });
});
