/**
 * The front door's queues (PRODUCT.md C4: "mine, my team's, my agency's, unallocated, sorted by
 * what is due first"). A breached clock always comes first; then the earliest running due
 * instant; contacts with no running clock last; ties by receipt, then reference.
 */
import { DomainError } from '../../../platform/errors';

export const QUEUES = ['mine', 'team', 'unallocated', 'agency'] as const;
export type QueueName = (typeof QUEUES)[number];

export const QUEUE_LABELS: Record<QueueName, string> = {
  mine: 'Allocated to me',
  team: 'Team',
  unallocated: 'Unallocated',
  agency: 'By agency',
};

export const isQueueName = (value: string): value is QueueName => (QUEUES as readonly string[]).includes(value);

/** Which open contacts a queue holds. */
export type QueueFilter =
  | { kind: 'allocated-to'; userId: string }
  /** the front-door team's workload: every open contact allocated to one of them */
  | { kind: 'allocated' }
  | { kind: 'unallocated' }
  /** for now, the agency that recorded the contact (enquiries will add "asked of this agency") */
  | { kind: 'recorded-by-agency'; agencyId: string };

export function queueFilter(queue: QueueName, actor: { userId: string; agencyId: string }, agencyId?: string): QueueFilter {
  switch (queue) {
    case 'mine':
      return { kind: 'allocated-to', userId: actor.userId };
    case 'team':
      return { kind: 'allocated' };
    case 'unallocated':
      return { kind: 'unallocated' };
    case 'agency':
      return { kind: 'recorded-by-agency', agencyId: agencyId ?? actor.agencyId };
    default: {
      const unknown: never = queue;
      throw new DomainError('validation', `unknown queue ${String(unknown)}`);
    }
  }
}

export interface QueueClock {
  status: 'running' | 'met' | 'paused' | 'stopped';
  dueAt: Date;
}

export interface QueueKey {
  /** the earliest due instant among running clocks; null when none runs */
  nextDueAt: Date | null;
  breached: boolean;
}

export function queueKey(clocks: readonly QueueClock[], now: Date): QueueKey {
  const running = clocks.filter((c) => c.status === 'running');
  if (running.length === 0) return { nextDueAt: null, breached: false };
  const next = running.reduce((min, c) => (c.dueAt < min ? c.dueAt : min), running[0].dueAt);
  return { nextDueAt: next, breached: running.some((c) => now > c.dueAt) };
}

export interface Queued extends QueueKey {
  receivedAt: Date;
  reference: string;
}

/** Breached first; earliest due first; no running clock last; then oldest receipt; then reference. */
export function compareQueued(a: Queued, b: Queued): number {
  if (a.breached !== b.breached) return a.breached ? -1 : 1;
  if (a.nextDueAt && b.nextDueAt) {
    const d = a.nextDueAt.getTime() - b.nextDueAt.getTime();
    if (d !== 0) return d;
  } else if (a.nextDueAt || b.nextDueAt) {
    return a.nextDueAt ? -1 : 1;
  }
  const r = a.receivedAt.getTime() - b.receivedAt.getTime();
  if (r !== 0) return r;
  return a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0;
}

export function sortQueue<T extends Queued>(items: readonly T[]): T[] {
  return [...items].sort(compareQueued);
}

export const QUEUE_PAGE_SIZE = 50;
