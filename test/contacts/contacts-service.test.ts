import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { at, show } from '../../src/features/clocks/domain/test-support';
import { formatReference } from '../../src/features/contacts/domain/reference';
import { DomainError } from '../../src/platform/errors';
import { fixedClock } from '../../src/platform/time/clock';
import { createTestContext, type TestContext } from '../harness';
import { auditActions, auditOf, phoneContact, publicReferral } from './builders';

const isCode = (code: string) => (e: unknown) => e instanceof DomainError && e.code === code;
const fieldsOf = (e: unknown) => (e instanceof DomainError ? e.fields.map((f) => f.field) : []);

describe('contacts service (real database)', () => {
  let t: TestContext;
  // Monday 23 November 2026, 10:00 in London
  const clock = fixedClock(at('2026-11-23 10:00'));
  before(async () => {
    t = await createTestContext({ clock });
  });
  after(async () => t.close());
  const mso = () => t.hub.actors.mso;

  describe('recording a contact (C1)', () => {
    it('records a phone contact with two children, numbers it and starts the decision clock', async () => {
      const recorded = await t.services.contacts.recordContact(mso(), t.ctx, phoneContact(at('2026-11-23 09:40')));
      assert.match(recorded.reference, /^MASH-2026-\d{6}$/);
      assert.equal(recorded.status, 'new');
      assert.equal(recorded.outOfHours, false);
      assert.deepEqual(recorded.clocks.map((c) => [c.type, show(c.dueAt)]), [['decision', 'Tue 2026-11-24 17:00']]);

      const contact = await t.services.contacts.getContact(mso(), t.ctx, recorded.id);
      assert.equal(contact.subjects.length, 2);
      assert.deepEqual(contact.subjects.map((s) => [s.position, s.givenName, s.role]), [[0, 'Alex', 'subject'], [1, 'Sam', 'subject']]);
      assert.equal(contact.recordedBy?.id, mso().userId);
      assert.equal(contact.recordedByAgencyId, mso().agencyId);
      assert.equal(contact.parentsInformed, 'no');
      assert.equal(contact.childSpokenTo, 'yes');
      assert.equal(contact.version, 1);

      const [created] = await auditOf(t, recorded.id, 'contact.create');
      assert.equal(created.actor_user_id, mso().userId);
      assert.equal(created.hub_id, t.hub.hubId);
      assert.deepEqual(created.details, { channel: 'phone', subjects: 2, outOfHours: false, clocks: 1, via: 'worker' });
      assert.ok(!JSON.stringify(created.details).includes('Alex'), 'no names in the audit');
      assert.deepEqual(await auditActions(t, recorded.id), ['contact.create', 'contact.read']);
    });

    it('numbers references one after another within the hub, and from 1 in another hub', async () => {
      const a = await t.services.contacts.recordContact(mso(), t.ctx, phoneContact(at('2026-11-23 09:00')));
      const b = await t.services.contacts.recordContact(mso(), t.ctx, phoneContact(at('2026-11-23 09:00')));
      assert.equal(Number(b.reference.slice(-6)), Number(a.reference.slice(-6)) + 1);
      const other = await t.services.contacts.recordContact(t.otherHub.actors.mso, t.ctx, phoneContact(at('2026-11-23 09:00')));
      assert.equal(other.reference, 'MASH-2026-000001');
    });

    it('formats references as the domain rule does, past six digits too', async () => {
      await t.database.db.updateTable('contact_reference_counter').set({ last_value: 999_999 }).where('hub_id', '=', t.otherHub.hubId).where('year', '=', 2026).execute();
      const big = await t.services.contacts.recordContact(t.otherHub.actors.mso, t.ctx, phoneContact(at('2026-11-23 09:00')));
      assert.equal(big.reference, formatReference('MASH', 2026, 1_000_000));
      assert.equal(big.reference, 'MASH-2026-1000000');
    });

    it('marks a contact received out of hours and starts its clocks at the next opening', async () => {
      // Saturday 21 November 2026, 14:00: Monday is day 0
      const recorded = await t.services.contacts.recordContact(mso(), t.ctx, phoneContact(at('2026-11-21 14:00'), { channel: 'edt' }));
      assert.equal(recorded.outOfHours, true);
      assert.equal(show(recorded.clocks[0].dueAt), 'Tue 2026-11-24 17:00');
    });

    it('starts the written referral and LADO clocks, and gives the LADO a task', async () => {
      const recorded = await t.services.contacts.recordContact(
        mso(),
        t.ctx,
        phoneContact(at('2026-11-23 09:30'), { writtenReferralOwed: true, concernCategories: ['physical-abuse', 'allegation-against-professional'] }),
      );
      assert.deepEqual(
        recorded.clocks.map((c) => [c.type, show(c.dueAt)]),
        [
          ['decision', 'Tue 2026-11-24 17:00'],
          ['written-referral', 'Tue 2026-11-24 09:30'],
          ['lado-allegation', 'Tue 2026-11-24 17:00'],
        ],
      );
      const tasks = await t.database.db.selectFrom('notification').selectAll().where('record_id', '=', recorded.id).execute();
      assert.equal(tasks.length, 1);
      assert.equal(tasks[0].role, 'lado');
      assert.equal(tasks[0].topic, 'lado-allegation');
      assert.equal(show(tasks[0].due_at!), 'Tue 2026-11-24 17:00');
      assert.ok(!tasks[0].message.includes('Testchild'));
    });

    it('refuses bad input with every field named, and writes nothing', async () => {
      const before = await t.database.db.selectFrom('contact').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      await assert.rejects(
        t.services.contacts.recordContact(mso(), t.ctx, phoneContact(new Date(clock.now().getTime() + 3_600_000), { subjects: [], concernSummary: '' })),
        (e: unknown) => isCode('validation')(e) && JSON.stringify(fieldsOf(e)) === JSON.stringify(['receivedAt', 'subjects', 'concernSummary']),
      );
      const afterCount = await t.database.db.selectFrom('contact').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(afterCount.n), Number(before.n));
    });

    it('refuses roles that are not the front door, and audits the refusal', async () => {
      for (const role of ['police', 'health', 'education', 'probation', 'housing', 'agency-practitioner', 'lado', 'ig-lead', 'auditor', 'performance', 'admin'] as const) {
        await assert.rejects(t.services.contacts.recordContact(t.hub.actors[role], t.ctx, phoneContact(at('2026-11-23 09:00'))), isCode('forbidden'), role);
      }
      const refusals = await t.database.db.selectFrom('audit_event').select(['actor_role']).where('action', '=', 'access.refused').where('actor_role', '=', 'police').execute();
      assert.ok(refusals.length >= 1);
    });
  });

  describe('the consultation line (C14)', () => {
    it('a call about a named child becomes a contact', async () => {
      const recorded = await t.services.contacts.recordConsultation(mso(), t.ctx, {
        ...phoneContact(at('2026-11-23 09:50')),
        consultationKind: 'named-child',
        consultationAdvice: 'Advised to complete the online referral form.',
      });
      assert.equal(recorded.status, 'new');
      const contact = await t.services.contacts.getContact(mso(), t.ctx, recorded.id);
      assert.equal(contact.channel, 'consultation-line');
      assert.equal(contact.consultationKind, 'named-child');
      assert.equal(contact.subjects.length, 2);
    });

    it('a scenario is recorded with no person, closed with the advice given, and runs no clock', async () => {
      const recorded = await t.services.contacts.recordConsultation(mso(), t.ctx, {
        ...phoneContact(at('2026-11-23 09:50')),
        subjects: [],
        concernCategories: [],
        consultationKind: 'scenario',
        concernSummary: 'Synthetic: a teacher asked whether a described situation meets the threshold.',
        consultationAdvice: 'Explained the threshold document; no referral needed on what was described.',
      });
      assert.equal(recorded.status, 'closed');
      assert.deepEqual(recorded.clocks, []);
      const contact = await t.services.contacts.getContact(mso(), t.ctx, recorded.id);
      assert.deepEqual(contact.subjects, []);
      assert.ok(contact.closedAt);
      assert.equal(contact.consultationAdvice, 'Explained the threshold document; no referral needed on what was described.');
      assert.deepEqual(await auditActions(t, recorded.id), ['consultation.record', 'contact.read']);
    });
  });

  describe('the public referral form', () => {
    it('gives a reference, and the same reference for a repeated submission', async () => {
      const first = await t.services.contacts.submitPublicReferral(t.ctx, publicReferral(t.hub.hubId, 'public-key-0000000001'));
      const again = await t.services.contacts.submitPublicReferral(t.ctx, publicReferral(t.hub.hubId, 'public-key-0000000001'));
      assert.equal(first.repeated, false);
      assert.equal(again.repeated, true);
      assert.equal(again.reference, first.reference);
      const rows = await t.database.db.selectFrom('contact').selectAll().where('submission_key', '=', 'public-key-0000000001').execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0].channel, 'online-form');
      assert.equal(rows[0].recorded_by, null);
      assert.equal(rows[0].hub_id, t.hub.hubId);
      assert.deepEqual((await auditActions(t, rows[0].id)).sort(), ['contact.create', 'contact.create-repeated']);
      const [created] = await auditOf(t, rows[0].id, 'contact.create');
      assert.equal(created.actor_user_id, null);
      assert.equal(created.hub_id, t.hub.hubId, 'on the hub’s own audit chain');
    });

    it('needs the area when the deployment has several hubs', async () => {
      await assert.rejects(
        t.services.contacts.submitPublicReferral(t.ctx, { ...publicReferral(t.hub.hubId, 'public-key-0000000002'), hubId: undefined }),
        (e: unknown) => isCode('validation')(e) && fieldsOf(e)[0] === 'hubId',
      );
      await assert.rejects(t.services.contacts.submitPublicReferral(t.ctx, publicReferral('not-a-hub', 'public-key-0000000003')), (e: unknown) => fieldsOf(e)[0] === 'hubId');
    });

    it('keeps nothing that identifies an anonymous referrer', async () => {
      const { reference } = await t.services.contacts.submitPublicReferral(t.ctx, publicReferral(t.hub.hubId, 'public-key-0000000004', { referrer: { kind: 'anonymous', name: 'Typed anyway', phone: '01632 960 002' } }));
      const row = await t.database.db.selectFrom('contact').selectAll().where('reference', '=', reference).where('hub_id', '=', t.hub.hubId).executeTakeFirstOrThrow();
      assert.equal(row.referrer_kind, 'anonymous');
      assert.equal(row.referrer_name, null);
      assert.equal(row.referrer_phone, null);
    });

    it('lists the areas it can send to', async () => {
      const areas = await t.services.contacts.referralAreas(t.ctx);
      assert.deepEqual(areas.map((a) => a.name).sort(), ['Demo MASH', 'Other MASH']);
    });
  });

  describe('reading a contact', () => {
    let id: string;
    let ladoId: string;
    before(async () => {
      id = (await t.services.contacts.recordContact(mso(), t.ctx, phoneContact(at('2026-11-23 09:00')))).id;
      ladoId = (await t.services.contacts.recordContact(mso(), t.ctx, phoneContact(at('2026-11-23 09:00'), { concernCategories: ['allegation-against-professional'] }))).id;
    });

    it('is "not found" from another hub, and the refusal is audited', async () => {
      await assert.rejects(t.services.contacts.getContact(t.otherHub.actors.mso, t.ctx, id), isCode('not-found'));
      const refused = await t.database.db.selectFrom('audit_event').selectAll().where('record_id', '=', id).where('action', '=', 'access.refused').execute();
      assert.equal(refused.length, 1);
      assert.equal(refused[0].actor_user_id, t.otherHub.actors.mso.userId);
    });

    it('is "not found" to partner practitioners and other roles outside the front door', async () => {
      for (const role of ['police', 'health', 'education', 'probation', 'housing', 'agency-practitioner', 'ig-lead', 'auditor', 'performance', 'admin'] as const) {
        await assert.rejects(t.services.contacts.getContact(t.hub.actors[role], t.ctx, id), isCode('not-found'), role);
      }
    });

    it('the LADO reads an allegation against a professional, and nothing else', async () => {
      const contact = await t.services.contacts.getContact(t.hub.actors.lado, t.ctx, ladoId);
      assert.equal(contact.ladoInvolved, true);
      await assert.rejects(t.services.contacts.getContact(t.hub.actors.lado, t.ctx, id), isCode('not-found'));
      await assert.rejects(t.services.contacts.screenContact(t.hub.actors.lado, t.ctx, ladoId, { classification: 'allegation-lado', thresholdLevel: 'Specialist', initialBrag: 'red', bragRationale: 'x' }, 1), isCode('not-found'));
    });

    it('an id that cannot exist, or does not, is "not found"', async () => {
      await assert.rejects(t.services.contacts.getContact(mso(), t.ctx, 'nonsense'), isCode('not-found'));
      await assert.rejects(t.services.contacts.getContact(mso(), t.ctx, '00000000-0000-4000-8000-000000000000'), isCode('not-found'));
    });
  });

  describe('screening (C3)', () => {
    it('classifies, sets threshold and BRAG, starts the BRAG clock from receipt, and is audited', async () => {
      const { id } = await t.services.contacts.recordContact(mso(), t.ctx, phoneContact(at('2026-11-23 09:00')));
      const screened = await t.services.contacts.screenContact(
        mso(),
        t.ctx,
        id,
        { classification: 'safeguarding-referral', thresholdLevel: 'Intensive', initialBrag: 'amber', bragRationale: 'Synthetic: repeated neglect.', policeCrimeSuspected: 'no' },
        1,
      );
      assert.equal(screened.status, 'screened');
      assert.equal(screened.version, 2);
      assert.equal(screened.screening?.initialBrag, 'amber');
      assert.equal(screened.screening?.screenedBy?.id, mso().userId);
      assert.equal(screened.screening?.policeCrimeSuspected, 'no');
      assert.deepEqual(
        screened.clocks.map((c) => [c.type, show(c.dueAt), c.state]),
        [
          ['decision', 'Tue 2026-11-24 17:00', 'on-track'],
          ['brag-amber', 'Wed 2026-11-25 17:00', 'on-track'],
        ],
      );
      const [event] = await auditOf(t, id, 'contact.screen');
      assert.deepEqual(event.details, { classification: 'safeguarding-referral', initialBrag: 'amber', rescreen: false, clocksStarted: 1, clocksStopped: 0 });
    });

    it('a changed rating stops the old BRAG clock; Red alerts the decision makers once', async () => {
      const { id } = await t.services.contacts.recordContact(mso(), t.ctx, phoneContact(at('2026-11-23 09:00')));
      await t.services.contacts.screenContact(mso(), t.ctx, id, { classification: 'safeguarding-referral', thresholdLevel: 'Intensive', initialBrag: 'amber', bragRationale: 'First look.' }, 1);
      const red = await t.services.contacts.screenContact(mso(), t.ctx, id, { classification: 'safeguarding-referral', thresholdLevel: 'Specialist', initialBrag: 'red', bragRationale: 'Disclosure of injury.' }, 2);
      assert.equal(red.screening?.routing, 'To children’s social care without delay; MASH checks run in parallel');
      const byType = Object.fromEntries(red.clocks.map((c) => [c.type, c]));
      assert.equal(byType['brag-amber'].state, 'stopped');
      assert.equal(byType['brag-amber'].stoppedReason, 'BRAG changed to Red');
      assert.equal(show(byType['brag-red'].dueAt), 'Mon 2026-11-23 17:00');
      await t.services.contacts.screenContact(mso(), t.ctx, id, { classification: 'safeguarding-referral', thresholdLevel: 'Specialist', initialBrag: 'red', bragRationale: 'Still red.' }, 3);
      const alerts = await t.database.db.selectFrom('notification').selectAll().where('record_id', '=', id).where('topic', '=', 'contact-red').execute();
      assert.equal(alerts.length, 1);
      assert.equal(alerts[0].role, 'decision-maker');
    });

    it('uses the hub’s threshold levels', async () => {
      const { id } = await t.services.contacts.recordContact(mso(), t.ctx, phoneContact(at('2026-11-23 09:00')));
      await assert.rejects(
        t.services.contacts.screenContact(mso(), t.ctx, id, { classification: 'safeguarding-referral', thresholdLevel: 'Level 4', initialBrag: 'amber', bragRationale: 'x' }, 1),
        (e: unknown) => isCode('validation')(e) && fieldsOf(e)[0] === 'thresholdLevel',
      );
    });

    it('refuses a stale version with a conflict, and changes nothing', async () => {
      const { id } = await t.services.contacts.recordContact(mso(), t.ctx, phoneContact(at('2026-11-23 09:00')));
      const input = { classification: 'safeguarding-referral', thresholdLevel: 'Intensive', initialBrag: 'green', bragRationale: 'x' };
      await t.services.contacts.screenContact(mso(), t.ctx, id, input, 1);
      await assert.rejects(t.services.contacts.screenContact(t.hub.actors['social-worker'], t.ctx, id, { ...input, initialBrag: 'blue' }, 1), isCode('conflict'));
      const contact = await t.services.contacts.getContact(mso(), t.ctx, id);
      assert.equal(contact.screening?.initialBrag, 'green');
      assert.equal(contact.version, 2);
    });

    it('refuses to screen a decided contact (out of order)', async () => {
      const { id } = await t.services.contacts.recordContact(mso(), t.ctx, phoneContact(at('2026-11-23 09:00')));
      await assert.rejects(t.services.contacts.changeStatus(t.hub.actors['decision-maker'], t.ctx, id, 'decide', 1), isCode('invalid-state'), 'a new contact cannot be decided');
      await t.services.contacts.screenContact(mso(), t.ctx, id, { classification: 'information-request', thresholdLevel: 'Universal', initialBrag: 'blue', bragRationale: 'Court request.' }, 1);
      const decided = await t.services.contacts.changeStatus(t.hub.actors['decision-maker'], t.ctx, id, 'decide', 2);
      assert.equal(decided.status, 'decided');
      assert.ok(decided.clocks.filter((c) => c.type === 'decision' || c.type === 'brag-blue').every((c) => c.state === 'met'));
      await assert.rejects(
        t.services.contacts.screenContact(mso(), t.ctx, id, { classification: 'information-request', thresholdLevel: 'Universal', initialBrag: 'blue', bragRationale: 'again' }, 3),
        isCode('invalid-state'),
      );
      const closed = await t.services.contacts.changeStatus(t.hub.actors['decision-maker'], t.ctx, id, 'close', 3);
      assert.equal(closed.status, 'closed');
      assert.ok(closed.closedAt);
      assert.deepEqual(await auditActions(t, id), ['contact.create', 'contact.screen', 'contact.decide', 'contact.close']);
    });

    it('checks and decisions need their own permissions', async () => {
      const { id } = await t.services.contacts.recordContact(mso(), t.ctx, phoneContact(at('2026-11-23 09:00')));
      await t.services.contacts.screenContact(mso(), t.ctx, id, { classification: 'safeguarding-referral', thresholdLevel: 'Intensive', initialBrag: 'amber', bragRationale: 'x' }, 1);
      await assert.rejects(t.services.contacts.changeStatus(mso(), t.ctx, id, 'start-checks', 2), isCode('not-found'));
      const inChecks = await t.services.contacts.changeStatus(t.hub.actors['decision-maker'], t.ctx, id, 'start-checks', 2);
      assert.equal(inChecks.status, 'in-checks');
      await assert.rejects(t.services.contacts.changeStatus(t.hub.actors['decision-maker'], t.ctx, id, 'close', 3), isCode('invalid-state'));
    });
  });

  describe('allocation', () => {
    it('allocates to a member of the front-door team, tells them, and shows in their queue', async () => {
      const { id } = await t.services.contacts.recordContact(mso(), t.ctx, phoneContact(at('2026-11-23 09:00')));
      const worker = t.hub.actors['social-worker'];
      const allocated = await t.services.contacts.allocateContact(mso(), t.ctx, id, worker.userId, 1);
      assert.equal(allocated.allocatedTo?.id, worker.userId);
      assert.equal(allocated.allocatedTo?.name, worker.displayName);
      const alert = await t.database.db.selectFrom('notification').selectAll().where('record_id', '=', id).where('topic', '=', 'contact-allocated').executeTakeFirstOrThrow();
      assert.equal(alert.user_id, worker.userId);
      const mine = await t.services.contacts.listQueue(worker, t.ctx, { queue: 'mine' });
      assert.ok(mine.items.some((i) => i.id === id));
      const [event] = await auditOf(t, id, 'contact.allocate');
      assert.deepEqual(event.details, { allocatedTo: worker.userId });
      const unallocated = await t.services.contacts.allocateContact(mso(), t.ctx, id, null, 2);
      assert.equal(unallocated.allocatedTo, null);
      assert.equal((await auditOf(t, id, 'contact.unallocate')).length, 1);
    });

    it('refuses someone outside the front-door team, or of another hub', async () => {
      const { id } = await t.services.contacts.recordContact(mso(), t.ctx, phoneContact(at('2026-11-23 09:00')));
      for (const userId of [t.hub.actors.police.userId, t.otherHub.actors.mso.userId, 'not-a-uuid', '00000000-0000-4000-8000-000000000000']) {
        await assert.rejects(t.services.contacts.allocateContact(mso(), t.ctx, id, userId, 1), (e: unknown) => isCode('validation')(e) && fieldsOf(e)[0] === 'userId');
      }
    });

    it('needs contact.allocate, and a current version', async () => {
      const { id } = await t.services.contacts.recordContact(mso(), t.ctx, phoneContact(at('2026-11-23 09:00')));
      await assert.rejects(t.services.contacts.allocateContact(t.hub.actors['social-worker'], t.ctx, id, mso().userId, 1), isCode('not-found'));
      await t.services.contacts.allocateContact(mso(), t.ctx, id, mso().userId, 1);
      await assert.rejects(t.services.contacts.allocateContact(t.hub.actors['decision-maker'], t.ctx, id, null, 1), isCode('conflict'));
    });
  });

  describe('the written referral', () => {
    it('meets its clock when it arrives', async () => {
      const { id } = await t.services.contacts.recordContact(mso(), t.ctx, phoneContact(at('2026-11-23 08:30'), { writtenReferralOwed: true }));
      const updated = await t.services.contacts.recordWrittenReferral(mso(), t.ctx, id, '2026-11-23T09:45:00Z', 1);
      assert.equal(updated.writtenReferralReceivedAt?.toISOString(), '2026-11-23T09:45:00.000Z');
      assert.equal(updated.clocks.find((c) => c.type === 'written-referral')?.state, 'met');
      assert.equal((await auditOf(t, id, 'contact.written-referral')).length, 1);
    });
    it('refuses when none is owed, or a time before the contact or in the future', async () => {
      const { id } = await t.services.contacts.recordContact(mso(), t.ctx, phoneContact(at('2026-11-23 08:30')));
      await assert.rejects(t.services.contacts.recordWrittenReferral(mso(), t.ctx, id, '2026-11-23T09:45:00Z', 1), isCode('invalid-state'));
      const owed = await t.services.contacts.recordContact(mso(), t.ctx, phoneContact(at('2026-11-23 08:30'), { writtenReferralOwed: true }));
      await assert.rejects(t.services.contacts.recordWrittenReferral(mso(), t.ctx, owed.id, '2026-11-23T08:00:00Z', 1), isCode('validation'));
      await assert.rejects(t.services.contacts.recordWrittenReferral(mso(), t.ctx, owed.id, '2026-11-23T12:00:00Z', 1), isCode('validation'));
      await assert.rejects(t.services.contacts.recordWrittenReferral(mso(), t.ctx, owed.id, { day: '23', month: '11', year: '2026', time: '' }, 1), isCode('validation'));
    });
  });
});
