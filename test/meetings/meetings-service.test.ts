import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AttendeeInput, MeetingsService } from '../../src/features/meetings/meetings-service';
import { DomainError } from '../../src/platform/errors';
import { fixedClock } from '../../src/platform/time/clock';
import { createTestContext, type TestContext } from '../harness';
import { auditEvents } from '../platform/support/fixtures';
import { newContact } from '../decisions/builders';

// Monday 2 March 2026, 10:00 London (GMT): a working day with no bank holiday near
const NOW = new Date('2026-03-02T10:00:00Z');

const rejects = async (p: Promise<unknown>, code: string, field?: string) => {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof DomainError, `expected a DomainError, got ${String(e)}`);
    assert.equal(e.code, code, `${e.code}: ${e.message} ${JSON.stringify(e.fields)}`);
    if (field) assert.ok(e.fields.some((f) => f.field === field), `expected field ${field} in ${JSON.stringify(e.fields)}`);
    return true;
  });
};

describe('meetings service (C8)', () => {
  let t: TestContext;
  let meetings: MeetingsService;
  let strategyInvitees: AttendeeInput[];
  const dm = () => t.hub.actors['decision-maker'];

  before(async () => {
    t = await createTestContext({ clock: fixedClock(NOW) });
    meetings = t.services.meetings;
    strategyInvitees = [
      { agencyId: t.hub.agencyIds['childrens-social-care'], name: 'Dana Decider', capacity: 'chair' },
      { agencyId: t.hub.agencyIds['childrens-social-care'], name: 'Sol Worker', capacity: 'social-worker' },
      { agencyId: t.hub.agencyIds.police, name: 'DS Example', capacity: 'representative' },
      { agencyId: t.hub.agencyIds.health, name: 'Nurse Example', capacity: 'representative', email: 'nurse.example@nhs.net' },
    ];
  });
  after(async () => t.close());

  async function schedule(contactIds: string[], over: Record<string, unknown> = {}) {
    const slots = await meetings.listFreeSlots(dm(), t.ctx);
    return meetings.scheduleMeeting(dm(), t.ctx, { kind: 'strategy-discussion', contactIds, venue: 'MASH room 1', invited: strategyInvitees, slotId: slots[0].id, ...over });
  }

  const holdInput = (m: { version: number; contacts: { contactId: string }[] }, begin = true) => ({
    version: m.version,
    heldAt: NOW,
    attended: strategyInvitees,
    informationShared: [{ agencyId: t.hub.agencyIds.police, summary: 'Two call-outs to the address this year' }],
    s47Decisions: m.contacts.map((c) => ({ contactId: c.contactId, begin, reason: 'Reasonable cause to suspect significant harm' })),
    decisions: 'Parents told of the enquiry',
    actions: [{ description: 'Joint visit', ownerName: 'Sol Worker', ownerAgencyId: t.hub.agencyIds['childrens-social-care'], dueAt: new Date('2026-03-03T17:00:00Z') }],
  });

  it('offers free strategy meeting slots on working days ahead, not in the past', async () => {
    const slots = await meetings.listFreeSlots(dm(), t.ctx);
    assert.equal(slots[0].id, 'mon-pm@2026-03-02', 'the morning slot of today has started');
    assert.ok(slots.every((s) => s.startsAt.getTime() > NOW.getTime()));
    assert.ok(!slots.some((s) => s.id.startsWith('sat') || s.id.startsWith('sun')));
  });

  it('convenes a strategy discussion in a slot, invites by agency and audits it; the slot is then taken', async () => {
    const c = await newContact(t);
    const m = await schedule([c.id]);
    assert.equal(m.status, 'scheduled');
    assert.equal(m.kind, 'strategy-discussion');
    assert.equal(m.slotId, 'mon-pm@2026-03-02');
    assert.deepEqual(m.contacts.map((x) => x.reference), [c.reference]);
    assert.deepEqual(new Set(m.invited.map((a) => a.agencyKind)), new Set(['childrens-social-care', 'police', 'health']));
    const events = await auditEvents(t, { action: 'meeting.schedule', record_id: m.id });
    assert.equal(events.length, 1);
    assert.deepEqual(events[0].details.contactIds, [c.id]);
    assert.ok(!JSON.stringify(events[0].details).includes('Testington'), 'no names in audit details');
    const free = await meetings.listFreeSlots(dm(), t.ctx);
    assert.ok(!free.some((s) => s.id === 'mon-pm@2026-03-02'));
    await rejects(meetings.scheduleMeeting(dm(), t.ctx, { kind: 'strategy-discussion', contactIds: [c.id], venue: 'Room', invited: strategyInvitees, slotId: 'mon-pm@2026-03-02' }), 'validation', 'slot');
    // cancelled, the slot is free again
    await meetings.cancelMeeting(dm(), t.ctx, m.id, { version: m.version, reason: 'Rebooked' });
    assert.ok((await meetings.listFreeSlots(dm(), t.ctx)).some((s) => s.id === 'mon-pm@2026-03-02'));
  });

  it('refuses a strategy discussion without police and health, and bad input with field errors', async () => {
    const c = await newContact(t);
    await rejects(schedule([c.id], { invited: strategyInvitees.slice(0, 2) }), 'validation', 'invited');
    await rejects(schedule([]), 'validation', 'contactIds');
    await rejects(schedule(['not-a-uuid']), 'validation', 'contactIds');
    await rejects(schedule([c.id], { venue: '' }), 'validation', 'venue');
    await rejects(schedule([c.id], { invited: [{ ...strategyInvitees[0], agencyId: t.otherHub.agencyIds.police }] }), 'validation', 'invited[0].agencyId');
    const other = await newContact(t, { which: 'other' });
    await rejects(schedule([other.id]), 'validation', 'contactIds');
    // urgent: no slot, a time and a reason
    await rejects(schedule([c.id], { slotId: undefined, startsAt: new Date('2026-03-02T12:00:00Z') }), 'validation', 'urgentReason');
    const urgent = await schedule([c.id], { slotId: undefined, startsAt: new Date('2026-03-02T12:00:00Z'), urgentReason: 'Child at hospital today' });
    assert.equal(urgent.urgentReason, 'Child at hospital today');
  });

  it('is convened only by a meeting manager', async () => {
    const c = await newContact(t);
    await rejects(meetings.scheduleMeeting(t.hub.actors['social-worker'], t.ctx, { kind: 'mash-meeting', contactIds: [c.id], venue: 'Room', invited: strategyInvitees, startsAt: new Date('2026-03-02T15:00:00Z') }), 'forbidden');
    const refused = await auditEvents(t, { action: 'access.refused', actor_user_id: t.hub.actors['social-worker'].userId });
    assert.ok(refused.length >= 1);
  });

  it('holds a strategy discussion that begins S47: ICPC and assessment clocks start; minutes due in 2 working days', async () => {
    const received = new Date('2026-02-27T11:00:00Z'); // Friday
    const c = await newContact(t, { receivedAt: received });
    const m = await schedule([c.id]);
    // out of order: minutes before the meeting
    await rejects(meetings.circulateMinutes(dm(), t.ctx, m.id, { version: m.version, circulatedToAgencyIds: [] }), 'invalid-state');
    const held = await meetings.holdMeeting(dm(), t.ctx, m.id, holdInput(m));
    assert.equal(held.status, 'held');
    assert.equal(held.version, m.version + 1);
    assert.equal(held.held!.minutesDueAt.toISOString(), '2026-03-04T17:00:00.000Z');
    assert.deepEqual(held.contacts[0].s47, { begin: true, reason: 'Reasonable cause to suspect significant harm' });
    assert.equal(held.held!.actions.length, 1);
    const clocks = await t.database.db.selectFrom('contact_clock').selectAll().where('contact_id', '=', c.id).orderBy('type').execute();
    const icpc = clocks.find((k) => k.type === 'icpc')!;
    const assessment = clocks.find((k) => k.type === 'assessment')!;
    assert.equal(icpc.status, 'running');
    assert.equal(icpc.started_at.toISOString(), NOW.toISOString());
    assert.equal(icpc.due_at.toISOString(), '2026-03-23T17:00:00.000Z', '15 working days after the discussion');
    assert.equal(assessment.started_at.toISOString(), received.toISOString(), 'from the referral');
    // 45 working days from Friday 27 February, over Good Friday, Easter Monday and the early May bank holiday
    assert.equal(assessment.due_at.toISOString(), '2026-05-06T16:00:00.000Z');
    assert.ok(held.clocks.some((k) => k.type === 'icpc') && held.clocks.some((k) => k.type === 'assessment'), 'the clocks show on the meeting');
    assert.equal((await auditEvents(t, { action: 'contact-clock.start', record_id: c.id })).length, 2);
    assert.equal((await auditEvents(t, { action: 'meeting.hold', record_id: m.id })).length, 1);
    // out of order and stale
    await rejects(meetings.holdMeeting(dm(), t.ctx, m.id, holdInput(held)), 'invalid-state');
    await rejects(meetings.holdMeeting(dm(), t.ctx, m.id, holdInput(m)), 'conflict');
    await rejects(meetings.cancelMeeting(dm(), t.ctx, m.id, { version: held.version, reason: 'x' }), 'invalid-state');

    // a second discussion does not restart the ICPC clock
    const again = await schedule([c.id]);
    await meetings.holdMeeting(dm(), t.ctx, again.id, holdInput(again));
    const after = await t.database.db.selectFrom('contact_clock').selectAll().where('contact_id', '=', c.id).where('type', '=', 'icpc').execute();
    assert.equal(after.length, 1);
    assert.equal(after[0].due_at.toISOString(), '2026-03-23T17:00:00.000Z');
  });

  it('starts no clocks when S47 enquiries do not begin, and needs a decision per contact', async () => {
    const a = await newContact(t);
    const b = await newContact(t);
    const m = await schedule([a.id, b.id]);
    await rejects(meetings.holdMeeting(dm(), t.ctx, m.id, { ...holdInput(m), s47Decisions: [] }), 'validation', 's47Decisions[0]');
    await rejects(meetings.holdMeeting(dm(), t.ctx, m.id, { ...holdInput(m), attended: strategyInvitees.slice(0, 3) }), 'validation', 'attended');
    await rejects(meetings.holdMeeting(dm(), t.ctx, m.id, { ...holdInput(m), heldAt: new Date(NOW.getTime() + 3_600_000) }), 'validation', 'heldAt');
    await meetings.holdMeeting(dm(), t.ctx, m.id, holdInput(m, false));
    const clocks = await t.database.db.selectFrom('contact_clock').select('type').where('contact_id', 'in', [a.id, b.id]).where('type', 'in', ['icpc', 'assessment']).execute();
    assert.equal(clocks.length, 0);
  });

  it('circulates the minutes to every agency that attended, writes the ledger and alerts the agencies', async () => {
    const c = await newContact(t);
    const m = await schedule([c.id]);
    const held = await meetings.holdMeeting(dm(), t.ctx, m.id, holdInput(m));
    const police = t.hub.agencyIds.police;
    const health = t.hub.agencyIds.health;
    const csc = t.hub.agencyIds['childrens-social-care'];
    await rejects(meetings.circulateMinutes(dm(), t.ctx, m.id, { version: held.version, circulatedToAgencyIds: [police, csc] }), 'validation', 'circulatedToAgencyIds');
    const done = await meetings.circulateMinutes(dm(), t.ctx, m.id, { version: held.version, circulatedToAgencyIds: [police, health, csc] });
    assert.equal(done.status, 'minutes-circulated');
    assert.equal(done.minutes!.late, false);
    const ledger = await t.database.db.selectFrom('disclosure').selectAll().where('source_id', '=', m.id).orderBy('recipient_name').execute();
    assert.deepEqual(ledger.map((l) => l.recipient_agency_id).sort(), [police, health].sort(), 'one entry per partner agency; not the hub’s own');
    assert.ok(ledger.every((l) => l.channel === 'meeting' && l.shared && l.contact_id === c.id && l.decided_by === dm().userId));
    const alerts = await t.database.db.selectFrom('notification').selectAll().where('record_id', '=', m.id).execute();
    assert.deepEqual(alerts.map((a) => a.role).sort(), ['health', 'police']);
    await rejects(meetings.circulateMinutes(dm(), t.ctx, m.id, { version: done.version, circulatedToAgencyIds: [police, health, csc] }), 'invalid-state');
    assert.equal((await auditEvents(t, { action: 'meeting.circulate-minutes', record_id: m.id })).length, 1);
  });

  it('marks minutes late after 2 working days', async () => {
    const clock = t.services.clock as ReturnType<typeof fixedClock>;
    const c = await newContact(t);
    const m = await schedule([c.id]);
    const held = await meetings.holdMeeting(dm(), t.ctx, m.id, holdInput(m));
    clock.set(new Date('2026-03-05T09:30:00Z'));
    try {
      const list = await meetings.listMeetings(dm(), t.ctx, { status: 'held' });
      assert.ok(list.find((x) => x.id === m.id)!.minutesOverdue);
      const done = await meetings.circulateMinutes(dm(), t.ctx, m.id, { version: held.version, circulatedToAgencyIds: held.held!.attended.map((a) => a.agencyId) });
      assert.equal(done.minutes!.late, true);
    } finally {
      clock.set(NOW);
    }
  });

  it('lets an invited partner agency read the meeting, and nobody else outside the front door', async () => {
    const c = await newContact(t);
    const m = await schedule([c.id]);
    const seen = await meetings.getMeeting(t.hub.actors.police, t.ctx, m.id);
    assert.equal(seen.id, m.id);
    assert.ok((await meetings.listMeetings(t.hub.actors.police, t.ctx)).some((x) => x.id === m.id));
    await rejects(meetings.getMeeting(t.hub.actors.probation, t.ctx, m.id), 'not-found');
    assert.ok(!(await meetings.listMeetings(t.hub.actors.probation, t.ctx)).some((x) => x.id === m.id));
    await rejects(meetings.getMeeting(t.otherHub.actors['decision-maker'], t.ctx, m.id), 'not-found');
    await rejects(meetings.getMeeting(t.hub.actors.police, t.ctx, 'nonsense'), 'not-found');
    await rejects(meetings.holdMeeting(t.hub.actors.police, t.ctx, m.id, holdInput(m)), 'forbidden');
    assert.equal((await auditEvents(t, { action: 'meeting.read', record_id: m.id, actor_user_id: t.hub.actors.police.userId })).length, 1);
    assert.ok((await auditEvents(t, { action: 'meeting.list', actor_user_id: t.hub.actors.police.userId })).length >= 1, 'lists are audited too');
  });

  it('lets the LADO read only the meetings it was invited to; another is "not found", audited', async () => {
    const lado = t.hub.actors.lado;
    const c = await newContact(t);
    const without = await schedule([c.id]);
    const invited = await schedule([c.id], { invited: [...strategyInvitees, { agencyId: t.hub.agencyIds.lado, name: 'Lee Designated', capacity: 'representative' }] });
    assert.equal((await meetings.getMeeting(lado, t.ctx, invited.id)).id, invited.id);
    await rejects(meetings.getMeeting(lado, t.ctx, without.id), 'not-found');
    assert.equal((await auditEvents(t, { action: 'access.refused', record_id: without.id, actor_user_id: lado.userId })).length, 1);
    const listed = (await meetings.listMeetings(lado, t.ctx)).map((m) => m.id);
    assert.ok(listed.includes(invited.id));
    assert.ok(!listed.includes(without.id));
    // invited or not, the LADO does not manage meetings
    await rejects(meetings.requireTo(lado, t.ctx, 'meeting.manage'), 'forbidden');
    await meetings.requireTo(dm(), t.ctx, 'meeting.manage');
  });

  it('renders the school DSL invitation from the template, and queues it only to an approved secure domain', async () => {
    const c = await newContact(t);
    const m = await schedule([c.id]);
    const child = c.subjectIds[0];
    const shown = await meetings.prepareInvitation(dm(), t.ctx, m.id, { schoolName: 'Demo Primary School', dslName: 'Pat Lead', childSubjectIds: [child], queue: false });
    assert.equal(shown.queued, false);
    assert.match(shown.body, /Dear Pat Lead,/);
    assert.match(shown.body, /Child’s name: Ava Testington/);
    assert.match(shown.body, /Date of birth: 14 May 2016/);
    assert.match(shown.body, /Parent\/carer address and contact details: Jo Testington, 1 Example Road/);
    assert.ok(!shown.subject.includes('Ava'), 'no personal data in the subject');
    assert.equal((await t.database.db.selectFrom('outbox_email').select('id').where('record_id', '=', m.id).execute()).length, 0);

    await rejects(meetings.prepareInvitation(dm(), t.ctx, m.id, { schoolName: 'Demo Primary School', dslName: 'Pat Lead', email: 'dsl@gmail.com', childSubjectIds: [child], queue: true }), 'validation', 'email');
    await rejects(meetings.prepareInvitation(dm(), t.ctx, m.id, { schoolName: '', dslName: '', childSubjectIds: [], queue: false }), 'validation', 'schoolName');
    const queued = await meetings.prepareInvitation(dm(), t.ctx, m.id, { schoolName: 'Demo Primary School', dslName: 'Pat Lead', email: 'dsl@demo-council.gov.uk', childSubjectIds: [child], queue: true });
    assert.equal(queued.queued, true);
    const outbox = await t.database.db.selectFrom('outbox_email').selectAll().where('record_id', '=', m.id).execute();
    assert.equal(outbox.length, 1);
    assert.equal(outbox[0].status, 'pending');
    const ledger = await t.database.db.selectFrom('disclosure').selectAll().where('source_id', '=', queued.invitationId).execute();
    assert.equal(ledger.length, 1);
    assert.equal(ledger[0].recipient_email, 'dsl@demo-council.gov.uk');
    assert.equal(ledger[0].channel, 'secure-email');
    const view = await meetings.getMeeting(dm(), t.ctx, m.id);
    assert.deepEqual(view.invitations.map((i) => i.queued), [false, true]);
  });

  it('holds a MASH meeting without S47 decisions', async () => {
    const c = await newContact(t);
    const m = await meetings.scheduleMeeting(dm(), t.ctx, {
      kind: 'mash-meeting',
      contactIds: [c.id],
      venue: 'MASH room 2',
      invited: [strategyInvitees[0], strategyInvitees[2]],
      startsAt: new Date('2026-03-02T15:00:00Z'),
    });
    await rejects(meetings.holdMeeting(dm(), t.ctx, m.id, { ...holdInput(m), attended: [strategyInvitees[0]] }), 'validation', 's47Decisions');
    const held = await meetings.holdMeeting(dm(), t.ctx, m.id, { ...holdInput(m), attended: [strategyInvitees[0]], s47Decisions: [] });
    assert.equal(held.status, 'held');
  });
});
