/**
 * The clocks a strategy discussion starts (PRODUCT C4, C8; 004 flow chart 4):
 * - ICPC: "within 15 working days of the strategy discussion at which section 47 enquiries were
 *   initiated" — so only the first discussion that began S47 for the contact starts it;
 * - assessment: "within 45 working days of the point of referral".
 * Returns requests; the clocks feature computes the due instants with the hub calendar.
 */
import { DomainError, invalidState } from '../../../platform/errors';
import type { ClockRule } from '../../clocks/domain/clock-rules';
import type { Meeting } from './meeting';

export const FOLLOW_ON_CLOCKS = {
  icpc: { workingDays: 15, label: 'Initial child protection conference', startsFrom: 'strategy discussion' },
  assessment: { workingDays: 45, label: 'Assessment', startsFrom: 'referral' },
} as const;
export type FollowOnClock = keyof typeof FOLLOW_ON_CLOCKS;

export interface ClockRequest {
  clock: FollowOnClock;
  contactId: string;
  meetingId: string;
  startsAt: Date;
  /** the default rule, in the clocks feature's shape (a hub may override it: the caller applies the hub's timescales) */
  rule: Extract<ClockRule, { kind: 'working-days' }>;
}

export function followOnClocks(
  meeting: Meeting,
  context: {
    /** when each contact was received as a referral by children's social care */
    referralReceivedAt: Readonly<Record<string, Date>>;
    /** clocks already running, so that a later discussion does not restart them */
    running?: readonly { contactId: string; clock: FollowOnClock }[];
  },
): ClockRequest[] {
  switch (meeting.status) {
    case 'held':
    case 'minutes-circulated':
      break;
    case 'scheduled':
    case 'cancelled':
      return [];
    default: {
      const unknown: never = meeting;
      throw new DomainError('invalid-state', `unknown meeting status ${(unknown as Meeting).status}`);
    }
  }
  if (meeting.kind !== 'strategy-discussion') return [];
  const running = new Set((context.running ?? []).map((r) => `${r.contactId}:${r.clock}`));
  const requests: ClockRequest[] = [];
  for (const d of meeting.held.s47Decisions) {
    if (!d.begin) continue;
    if (!running.has(`${d.contactId}:icpc`)) {
      requests.push({
        clock: 'icpc',
        contactId: d.contactId,
        meetingId: meeting.id,
        startsAt: meeting.held.heldAt,
        rule: { kind: 'working-days', n: FOLLOW_ON_CLOCKS.icpc.workingDays },
      });
    }
    if (!running.has(`${d.contactId}:assessment`)) {
      const referralAt = context.referralReceivedAt[d.contactId];
      if (!referralAt) throw invalidState('The referral date of a contact beginning section 47 enquiries is needed');
      requests.push({
        clock: 'assessment',
        contactId: d.contactId,
        meetingId: meeting.id,
        startsAt: referralAt,
        rule: { kind: 'working-days', n: FOLLOW_ON_CLOCKS.assessment.workingDays },
      });
    }
  }
  return requests;
}
