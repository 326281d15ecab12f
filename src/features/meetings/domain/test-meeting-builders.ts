/** Builders for the meetings domain tests: fictitious people only. */
import { CSC, HEALTH, HUB, POLICE, at } from '../../enquiries/domain/test-builders';
import type { Attendee } from './attendees';
import type { HoldInput, ScheduleInput } from './meeting';
import type { Slot } from './slots';

export const strategyAttendees: Attendee[] = [
  { agencyId: CSC, agencyKind: 'childrens-social-care', name: 'Manager Example', capacity: 'chair' },
  { agencyId: CSC, agencyKind: 'childrens-social-care', name: 'Worker Example', capacity: 'social-worker' },
  { agencyId: POLICE, agencyKind: 'police', name: 'Sergeant Example', capacity: 'representative' },
  { agencyId: HEALTH, agencyKind: 'health', name: 'Nurse Example', capacity: 'representative' },
];

export const slot: Slot = { id: 'mon-am@2026-03-02', patternId: 'mon-am', date: '2026-03-02', startsAt: at(30), endsAt: at(90) };

export const scheduleInput = (over: Partial<ScheduleInput> = {}): ScheduleInput => ({
  id: 'meeting-1',
  hubId: HUB,
  kind: 'strategy-discussion',
  contactIds: ['contact-1', 'contact-2'],
  venue: 'MASH meeting room 1',
  invited: strategyAttendees,
  slot,
  ...over,
});

export const holdInput = (over: Partial<HoldInput> = {}): HoldInput => ({
  heldAt: at(40),
  attended: strategyAttendees,
  informationShared: [{ agencyId: POLICE, summary: 'Two call-outs this year' }],
  s47Decisions: [
    { contactId: 'contact-1', begin: true, reason: 'Reasonable cause to suspect significant harm' },
    { contactId: 'contact-2', begin: false, reason: 'Child in need; assess under section 17' },
  ],
  actions: [{ description: 'Joint visit', ownerName: 'Worker Example', ownerAgencyId: CSC, dueAt: at(24 * 60) }],
  minutesDueAt: at(2 * 24 * 60),
  ...over,
});
