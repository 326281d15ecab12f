import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { T0, actor, at, decisionMaker } from '../../enquiries/domain/test-builders';
import { DEFAULT_TIMESCALES } from '../../clocks/domain/timescales';
import { FOLLOW_ON_CLOCKS, followOnClocks } from './follow-on-clocks';
import { holdMeeting, scheduleMeeting } from './meeting';
import { holdInput, scheduleInput, slot } from './test-meeting-builders';

const manager = actor('strategy-meeting-manager');
const scheduled = scheduleMeeting(scheduleInput(), [slot], manager, T0).meeting;
const held = holdMeeting(scheduled, holdInput(), manager, at(60)).meeting;
const referralReceivedAt = { 'contact-1': at(-24 * 60), 'contact-2': at(-24 * 60) };

describe('follow-on clocks (004 flow chart 4)', () => {
  it('starts ICPC (15 working days from the discussion) and assessment (45 from referral) when S47 begins', () => {
    assert.deepEqual(FOLLOW_ON_CLOCKS.icpc.workingDays, 15);
    assert.deepEqual(FOLLOW_ON_CLOCKS.assessment.workingDays, 45);
    assert.deepEqual(followOnClocks(held, { referralReceivedAt }), [
      { clock: 'icpc', contactId: 'contact-1', meetingId: 'meeting-1', startsAt: at(40), rule: { kind: 'working-days', n: 15 } },
      { clock: 'assessment', contactId: 'contact-1', meetingId: 'meeting-1', startsAt: at(-24 * 60), rule: { kind: 'working-days', n: 45 } },
    ]);
  });

  it('does not restart clocks already running from an earlier discussion', () => {
    const r = followOnClocks(held, { referralReceivedAt, running: [{ contactId: 'contact-1', clock: 'icpc' }] });
    assert.deepEqual(r.map((c) => c.clock), ['assessment']);
  });

  it('starts nothing when S47 does not begin, before it is held, or for a MASH meeting', () => {
    const none = holdMeeting(scheduled, holdInput({ s47Decisions: holdInput().s47Decisions.map((d) => ({ ...d, begin: false })) }), manager, at(60)).meeting;
    assert.deepEqual(followOnClocks(none, { referralReceivedAt }), []);
    assert.deepEqual(followOnClocks(scheduled, { referralReceivedAt }), []);
    const mash = scheduleMeeting(scheduleInput({ kind: 'mash-meeting', slot: undefined, startsAt: at(10) }), [], decisionMaker, T0).meeting;
    const mashHeld = holdMeeting(mash, holdInput({ s47Decisions: [] }), decisionMaker, at(60)).meeting;
    assert.deepEqual(followOnClocks(mashHeld, { referralReceivedAt }), []);
  });

  it('needs the referral date to start the assessment clock', () => {
    assert.throws(() => followOnClocks(held, { referralReceivedAt: {} }), /referral date/);
  });

  it('states its defaults in the clocks feature’s rule shape, agreeing with the hub timescales (C4)', () => {
    assert.deepEqual(DEFAULT_TIMESCALES.icpc, { kind: 'working-days', n: FOLLOW_ON_CLOCKS.icpc.workingDays });
    assert.deepEqual(DEFAULT_TIMESCALES.assessment, { kind: 'working-days', n: FOLLOW_ON_CLOCKS.assessment.workingDays });
  });
});
