import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CSC, HEALTH, POLICE, T0, actor, at, auditor, decisionMaker, police, socialWorker, throwsCode } from '../../enquiries/domain/test-builders';
import { STRATEGY_MINIMUM, missingStrategyParticipants } from './attendees';
import { cancelMeeting, circulateMinutes, holdMeeting, minutesOverdue, scheduleMeeting, type Meeting } from './meeting';
import { holdInput, scheduleInput, slot, strategyAttendees } from './test-meeting-builders';

const manager = actor('strategy-meeting-manager');
const scheduled = () => scheduleMeeting(scheduleInput(), [slot], manager, T0).meeting;
const held = () => holdMeeting(scheduled(), holdInput(), manager, at(60)).meeting;
const circulated = () => circulateMinutes(held(), { circulatedToAgencyIds: [CSC, POLICE, HEALTH] }, manager, at(120)).meeting;
const cancelled = () => cancelMeeting(scheduled(), { reason: 'Child admitted to hospital' }, manager, at(5)).meeting;

describe('strategy discussion attendees', () => {
  it('needs at least a social worker and their manager, health and police (004 App. 1)', () => {
    assert.deepEqual(Object.keys(STRATEGY_MINIMUM), ['csc-social-worker', 'csc-manager', 'health', 'police']);
    assert.deepEqual(missingStrategyParticipants(strategyAttendees), []);
    assert.deepEqual(missingStrategyParticipants(strategyAttendees.filter((a) => a.agencyKind !== 'police')), ['police']);
    assert.deepEqual(missingStrategyParticipants(strategyAttendees.filter((a) => a.agencyKind !== 'health')), ['health']);
    assert.deepEqual(missingStrategyParticipants(strategyAttendees.filter((a) => a.agencyKind !== 'childrens-social-care')), ['csc-social-worker', 'csc-manager']);
    assert.deepEqual(missingStrategyParticipants([]), ['csc-social-worker', 'csc-manager', 'health', 'police']);
  });
});

describe('scheduling', () => {
  it('books a strategy discussion into a free slot', () => {
    const { meeting, event } = scheduleMeeting(scheduleInput(), [slot], manager, T0);
    assert.equal(meeting.status, 'scheduled');
    assert.equal(meeting.slotId, slot.id);
    assert.deepEqual(meeting.startsAt, slot.startsAt);
    assert.equal(meeting.chairUserId, manager.userId);
    assert.deepEqual({ type: event.type, at: event.at, contactIds: event.contactIds }, { type: 'meeting-scheduled', at: T0, contactIds: ['contact-1', 'contact-2'] });
  });

  it('refuses a slot that is not free', () => {
    throwsCode(() => scheduleMeeting(scheduleInput(), [], manager, T0), 'validation', 'slot');
  });

  it('lets an urgent discussion go ahead without a slot, with a reason (002 §4.3.6)', () => {
    const urgent = scheduleInput({ slot: undefined, startsAt: at(10), urgentReason: 'Injury to a baby' });
    assert.equal(scheduleMeeting(urgent, [], manager, T0).meeting.urgentReason, 'Injury to a baby');
    throwsCode(() => scheduleMeeting({ ...urgent, urgentReason: undefined }, [], manager, T0), 'validation', 'urgentReason');
    throwsCode(() => scheduleMeeting({ ...urgent, slot }, [slot], manager, T0), 'validation', 'startsAt');
    throwsCode(() => scheduleMeeting({ ...urgent, startsAt: at(-60) }, [], manager, T0), 'validation', 'startsAt');
  });

  it('needs the minimum participants invited to a strategy discussion, not to a MASH meeting', () => {
    const noPolice = strategyAttendees.filter((a) => a.agencyKind !== 'police');
    throwsCode(() => scheduleMeeting(scheduleInput({ invited: noPolice }), [slot], manager, T0), 'validation', 'invited');
    const mash = scheduleInput({ kind: 'mash-meeting', slot: undefined, startsAt: at(10), invited: noPolice });
    assert.equal(scheduleMeeting(mash, [], decisionMaker, T0).meeting.kind, 'mash-meeting');
  });

  it('validates contacts, venue and attendees', () => {
    throwsCode(() => scheduleMeeting(scheduleInput({ contactIds: [] }), [slot], manager, T0), 'validation', 'contactIds');
    throwsCode(() => scheduleMeeting(scheduleInput({ contactIds: ['c', 'c'] }), [slot], manager, T0), 'validation', 'contactIds');
    throwsCode(() => scheduleMeeting(scheduleInput({ venue: '' }), [slot], manager, T0), 'validation', 'venue');
    const bad = [{ ...strategyAttendees[0], name: '' }, ...strategyAttendees.slice(1)];
    throwsCode(() => scheduleMeeting(scheduleInput({ invited: bad }), [slot], manager, T0), 'validation', 'invited[0].name');
    throwsCode(() => scheduleMeeting(scheduleInput({ kind: 'party' as never }), [slot], manager, T0), 'validation', 'kind');
  });

  it('is for a decision maker or strategy meeting manager of the hub', () => {
    for (const a of [socialWorker, police, auditor]) throwsCode(() => scheduleMeeting(scheduleInput(), [slot], a, T0), 'forbidden');
    throwsCode(() => scheduleMeeting(scheduleInput(), [slot], actor('decision-maker', CSC, { hubId: 'hub-2' }), T0), 'not-found');
  });
});

describe('meeting transitions', () => {
  const builders: Record<Meeting['status'], () => Meeting> = {
    scheduled,
    held,
    'minutes-circulated': circulated,
    cancelled,
  };
  const legal: Record<string, Meeting['status'][]> = {
    hold: ['scheduled'],
    circulate: ['held'],
    cancel: ['scheduled'],
  };
  const run: Record<string, (m: Meeting) => Meeting> = {
    hold: (m) => holdMeeting(m, holdInput(), manager, at(60)).meeting,
    circulate: (m) => circulateMinutes(m, { circulatedToAgencyIds: [CSC, POLICE, HEALTH] }, manager, at(120)).meeting,
    cancel: (m) => cancelMeeting(m, { reason: 'x' }, manager, at(5)).meeting,
  };
  const next: Record<string, Meeting['status']> = { hold: 'held', circulate: 'minutes-circulated', cancel: 'cancelled' };
  for (const [status, build] of Object.entries(builders)) {
    for (const command of Object.keys(run)) {
      const ok = legal[command].includes(status as Meeting['status']);
      it(`${status} + ${command} is ${ok ? 'legal' : 'refused with invalid-state'}`, () => {
        if (ok) assert.equal(run[command](build()).status, next[command]);
        else throwsCode(() => run[command](build()), 'invalid-state');
      });
    }
  }
});

describe('holding a strategy discussion', () => {
  it('records attendees, information shared, S47 decisions, actions and the minutes due time', () => {
    const { meeting, event } = holdMeeting(scheduled(), holdInput(), manager, at(60));
    assert.ok(meeting.status === 'held');
    assert.deepEqual(meeting.held.s47Decisions.map((d) => [d.contactId, d.begin]), [['contact-1', true], ['contact-2', false]]);
    assert.equal(meeting.held.actions[0].ownerName, 'Worker Example');
    assert.deepEqual(meeting.held.minutesDueAt, at(2 * 24 * 60));
    assert.equal(event.type, 'meeting-held');
  });

  it('needs an S47 decision with a reason for every contact', () => {
    const m = scheduled();
    throwsCode(() => holdMeeting(m, holdInput({ s47Decisions: holdInput().s47Decisions.slice(0, 1) }), manager, at(60)), 'validation', 's47Decisions[1]');
    throwsCode(() => holdMeeting(m, holdInput({ s47Decisions: [{ ...holdInput().s47Decisions[0], reason: '' }, holdInput().s47Decisions[1]] }), manager, at(60)), 'validation', 's47Decisions[0].reason');
    throwsCode(() => holdMeeting(m, holdInput({ s47Decisions: [...holdInput().s47Decisions, { contactId: 'contact-9', begin: true, reason: 'r' }] }), manager, at(60)), 'validation', 's47Decisions[2]');
    throwsCode(() => holdMeeting(m, holdInput({ s47Decisions: [{ contactId: 'contact-1', begin: 'yes' as never, reason: 'r' }, holdInput().s47Decisions[1]] }), manager, at(60)), 'validation', 's47Decisions[0].begin');
  });

  it('needs police, health and children’s social care to have attended', () => {
    throwsCode(() => holdMeeting(scheduled(), holdInput({ attended: strategyAttendees.filter((a) => a.agencyKind !== 'health') }), manager, at(60)), 'validation', 'attended');
  });

  it('validates actions, times and information shared', () => {
    const m = scheduled();
    const action = holdInput().actions[0];
    throwsCode(() => holdMeeting(m, holdInput({ actions: [{ ...action, ownerName: '' }] }), manager, at(60)), 'validation', 'actions[0].ownerName');
    throwsCode(() => holdMeeting(m, holdInput({ actions: [{ ...action, dueAt: at(10) }] }), manager, at(60)), 'validation', 'actions[0].dueAt');
    throwsCode(() => holdMeeting(m, holdInput({ heldAt: at(61) }), manager, at(60)), 'validation', 'heldAt');
    throwsCode(() => holdMeeting(m, holdInput({ minutesDueAt: at(40) }), manager, at(60)), 'validation', 'minutesDueAt');
    throwsCode(() => holdMeeting(m, holdInput({ informationShared: [{ agencyId: POLICE, summary: '' }] }), manager, at(60)), 'validation', 'informationShared[0].summary');
  });

  it('a MASH meeting records no S47 decision', () => {
    const mash = scheduleMeeting(scheduleInput({ kind: 'mash-meeting', slot: undefined, startsAt: at(10) }), [], decisionMaker, T0).meeting;
    throwsCode(() => holdMeeting(mash, holdInput(), decisionMaker, at(60)), 'validation', 's47Decisions');
    assert.equal(holdMeeting(mash, holdInput({ s47Decisions: [] }), decisionMaker, at(60)).meeting.status, 'held');
  });
});

describe('minutes', () => {
  it('go to every agency that attended', () => {
    throwsCode(() => circulateMinutes(held(), { circulatedToAgencyIds: [CSC, POLICE] }, manager, at(120)), 'validation', 'circulatedToAgencyIds');
  });

  it('are late after the due time (2 working days, 004 protocol 4)', () => {
    const m = held();
    assert.equal(minutesOverdue(m, at(2 * 24 * 60 + 1)), true);
    assert.equal(minutesOverdue(m, at(100)), false);
    const late = circulateMinutes(m, { circulatedToAgencyIds: [CSC, POLICE, HEALTH, 'agency-education'] }, manager, at(2 * 24 * 60 + 1)).meeting;
    assert.ok(late.status === 'minutes-circulated' && late.minutes.late);
    const c = circulated();
    assert.ok(c.status === 'minutes-circulated' && !c.minutes.late);
    assert.equal(minutesOverdue(c, at(10_000)), false);
  });

  it('cancelling needs a reason', () => {
    throwsCode(() => cancelMeeting(scheduled(), { reason: ' ' }, manager, at(5)), 'validation', 'reason');
  });
});
