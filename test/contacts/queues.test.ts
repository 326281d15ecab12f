import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { at, show } from '../../src/features/clocks/domain/test-support';
import { DomainError } from '../../src/platform/errors';
import { fixedClock } from '../../src/platform/time/clock';
import { createTestContext, type TestContext } from '../harness';
import { auditOf, phoneContact, publicReferral } from './builders';

const isCode = (code: string) => (e: unknown) => e instanceof DomainError && e.code === code;

describe('queues and front-door settings (real database)', () => {
  let t: TestContext;
  // Wednesday 25 November 2026, 12:00 in London
  const clock = fixedClock(at('2026-11-25 12:00'));
  const refs: Record<string, string> = {};
  const ids: Record<string, string> = {};
  before(async () => {
    t = await createTestContext({ clock });
    const { contacts } = t.services;
    const mso = t.hub.actors.mso;
    const record = async (name: string, input: ReturnType<typeof phoneContact>) => {
      const r = await contacts.recordContact(mso, t.ctx, input);
      refs[name] = r.reference;
      ids[name] = r.id;
    };
    await record('A', phoneContact(at('2026-11-23 09:00'))); // decision due Tue 24 17:00: breached
    await record('B', phoneContact(at('2026-11-25 09:00'))); // Red below: due Wed 25 17:00
    await record('C', phoneContact(at('2026-11-25 11:00'))); // decision due Thu 26 17:00
    await record('E', phoneContact(at('2026-11-24 10:00'), { writtenReferralOwed: true })); // written referral due Wed 25 10:00: breached
    await contacts.recordConsultation(mso, t.ctx, { ...phoneContact(at('2026-11-25 10:00')), subjects: [], concernCategories: [], consultationKind: 'scenario', consultationAdvice: 'Advice only.' });
    const f = await contacts.submitPublicReferral(t.ctx, publicReferral(t.hub.hubId, 'queue-test-key-000001'));
    refs.F = f.reference;
    await contacts.screenContact(mso, t.ctx, ids.B, { classification: 'safeguarding-referral', thresholdLevel: 'Specialist', initialBrag: 'red', bragRationale: 'Synthetic: disclosure.' }, 1);
    await contacts.allocateContact(mso, t.ctx, ids.A, mso.userId, 1);
    await contacts.allocateContact(mso, t.ctx, ids.B, t.hub.actors['social-worker'].userId, 2);
  });
  after(async () => t.close());

  const order = (items: Array<{ reference: string }>) => items.map((i) => Object.entries(refs).find(([, r]) => r === i.reference)?.[0] ?? '?');

  describe('queues (C4)', () => {
    it('unallocated: breached first, then what falls due first; closed consultations are not there', async () => {
      const q = await t.services.contacts.listQueue(t.hub.actors.mso, t.ctx, { queue: 'unallocated' });
      assert.deepEqual(order(q.items), ['E', 'C', 'F']);
      const e = q.items[0];
      assert.equal(e.breached, true);
      assert.equal(show(e.nextDueAt!), 'Wed 2026-11-25 10:00');
      assert.deepEqual(e.clocks.map((c) => [c.type, c.state]), [['written-referral', 'breached'], ['decision', 'on-track']]);
      assert.deepEqual(e.children.map((c) => c.givenName), ['Alex', 'Sam']);
    });

    it('team: everything allocated to the front-door team, by what falls due first', async () => {
      const q = await t.services.contacts.listQueue(t.hub.actors['decision-maker'], t.ctx, { queue: 'team' });
      assert.deepEqual(order(q.items), ['A', 'B']);
      assert.equal(q.items[0].allocatedTo?.id, t.hub.actors.mso.userId);
      assert.deepEqual(q.items[1].clocks.map((c) => [c.type, show(c.dueAt)]), [['brag-red', 'Wed 2026-11-25 17:00'], ['decision', 'Thu 2026-11-26 17:00']]);
    });

    it('mine: allocated to me', async () => {
      assert.deepEqual(order((await t.services.contacts.listQueue(t.hub.actors.mso, t.ctx, { queue: 'mine' })).items), ['A']);
      assert.deepEqual(order((await t.services.contacts.listQueue(t.hub.actors['social-worker'], t.ctx, { queue: 'mine' })).items), ['B']);
      assert.deepEqual((await t.services.contacts.listQueue(t.hub.actors['decision-maker'], t.ctx, { queue: 'mine' })).items, []);
    });

    it('by agency: those the agency recorded (mine by default; the public form belongs to none)', async () => {
      const mine = await t.services.contacts.listQueue(t.hub.actors.mso, t.ctx, { queue: 'agency' });
      assert.equal(mine.agencyId, t.hub.actors.mso.agencyId);
      assert.deepEqual(order(mine.items), ['A', 'E', 'B', 'C']);
      const police = await t.services.contacts.listQueue(t.hub.actors.mso, t.ctx, { queue: 'agency', agencyId: t.hub.agencyIds.police });
      assert.deepEqual(police.items, []);
    });

    it('another hub’s agency, an unknown queue or a malformed id is "not found"', async () => {
      await assert.rejects(t.services.contacts.listQueue(t.hub.actors.mso, t.ctx, { queue: 'agency', agencyId: t.otherHub.agencyIds.police }), isCode('not-found'));
      await assert.rejects(t.services.contacts.listQueue(t.hub.actors.mso, t.ctx, { queue: 'everything' }), isCode('not-found'));
      await assert.rejects(t.services.contacts.listQueue(t.hub.actors.mso, t.ctx, { queue: 'agency', agencyId: 'x' }), isCode('not-found'));
    });

    it('another hub sees none of these', async () => {
      const q = await t.services.contacts.listQueue(t.otherHub.actors.mso, t.ctx, { queue: 'unallocated' });
      assert.deepEqual(q.items, []);
    });

    it('is refused to roles outside the front door', async () => {
      for (const role of ['police', 'health', 'education', 'probation', 'housing', 'agency-practitioner', 'lado', 'ig-lead', 'auditor', 'performance', 'admin'] as const) {
        await assert.rejects(t.services.contacts.listQueue(t.hub.actors[role], t.ctx, { queue: 'unallocated' }), isCode('forbidden'), role);
      }
    });

    it('audits every queue read with its size, not its contents', async () => {
      await t.services.contacts.listQueue(t.hub.actors['social-worker'], t.ctx, { queue: 'unallocated', page: 0 });
      const rows = await t.database.db.selectFrom('audit_event').selectAll().where('action', '=', 'queue.read').where('actor_user_id', '=', t.hub.actors['social-worker'].userId).execute();
      assert.ok(rows.length >= 1);
      assert.deepEqual(rows.at(-1)!.details, { queue: 'unallocated', agencyId: null, page: 0, count: 3 });
    });

    it('shows a clock as due soon two working hours before it falls due, and overdue after', async () => {
      clock.set(at('2026-11-25 15:30'));
      try {
        const team = await t.services.contacts.listQueue(t.hub.actors.mso, t.ctx, { queue: 'team' });
        const b = team.items.find((i) => i.reference === refs.B)!;
        assert.equal(b.clocks[0].state, 'due-soon');
        clock.set(at('2026-11-25 17:01'));
        const later = await t.services.contacts.listQueue(t.hub.actors.mso, t.ctx, { queue: 'team' });
        assert.equal(later.items.find((i) => i.reference === refs.B)!.clocks[0].state, 'breached');
      } finally {
        clock.set(at('2026-11-25 12:00'));
      }
    });
  });

  describe('front-door settings', () => {
    it('are read by the administrator and the front door; only the administrator changes them', async () => {
      const read = await t.services.contacts.getFrontDoorSettings(t.hub.actors.admin, t.ctx);
      assert.deepEqual(read.thresholds, ['Universal', 'Emerging needs', 'Intensive', 'Specialist']);
      assert.equal(read.referencePrefix, 'MASH');
      assert.deepEqual(read.timescales.find((x) => x.type === 'brag-amber'), { type: 'brag-amber', rule: { kind: 'working-days', n: 2 }, overridden: false });
      await t.services.contacts.getFrontDoorSettings(t.hub.actors.mso, t.ctx);
      await assert.rejects(t.services.contacts.getFrontDoorSettings(t.hub.actors.police, t.ctx), isCode('forbidden'));
      await assert.rejects(t.services.contacts.updateFrontDoorSettings(t.hub.actors.mso, t.ctx, { thresholds: ['A'], referencePrefix: 'MASH', timescales: {} }, read.version), isCode('forbidden'));
    });

    it('a change applies to new clocks only, with the hub’s thresholds and prefix', async () => {
      const { contacts } = t.services;
      const mso = t.hub.actors.mso;
      const before = await contacts.recordContact(mso, t.ctx, phoneContact(at('2026-11-25 09:00')));
      const old = await contacts.screenContact(mso, t.ctx, before.id, { classification: 'safeguarding-referral', thresholdLevel: 'Intensive', initialBrag: 'amber', bragRationale: 'x' }, 1);
      const read = await contacts.getFrontDoorSettings(t.hub.actors.admin, t.ctx);
      const saved = await contacts.updateFrontDoorSettings(
        t.hub.actors.admin,
        t.ctx,
        { thresholds: ['Level 1', 'Level 2', 'Level 3', 'Level 4'], referencePrefix: 'dcc', timescales: { 'brag-amber': { kind: 'working-days', n: 3 } } },
        read.version,
      );
      assert.equal(saved.referencePrefix, 'DCC');
      assert.equal(saved.version, read.version + 1);
      assert.deepEqual(saved.timescales.find((x) => x.type === 'brag-amber'), { type: 'brag-amber', rule: { kind: 'working-days', n: 3 }, overridden: true });
      const [event] = await auditOf(t, t.hub.hubId, 'hub.front-door-settings.update');
      assert.deepEqual(event.details, { thresholds: 4, overrides: ['brag-amber'] });

      const after = await contacts.recordContact(mso, t.ctx, phoneContact(at('2026-11-25 09:00')));
      assert.match(after.reference, /^DCC-2026-\d{6}$/);
      await assert.rejects(contacts.screenContact(mso, t.ctx, after.id, { classification: 'safeguarding-referral', thresholdLevel: 'Intensive', initialBrag: 'amber', bragRationale: 'x' }, 1), isCode('validation'));
      const now = await contacts.screenContact(mso, t.ctx, after.id, { classification: 'safeguarding-referral', thresholdLevel: 'Level 3', initialBrag: 'amber', bragRationale: 'x' }, 1);
      assert.equal(show(now.clocks.find((c) => c.type === 'brag-amber')!.dueAt), 'Mon 2026-11-30 17:00', '3 working days');
      const unchanged = await contacts.getContact(mso, t.ctx, before.id);
      assert.equal(show(unchanged.clocks.find((c) => c.type === 'brag-amber')!.dueAt), show(old.clocks.find((c) => c.type === 'brag-amber')!.dueAt), 'a running clock keeps its rule');
      assert.equal(show(unchanged.clocks.find((c) => c.type === 'brag-amber')!.dueAt), 'Fri 2026-11-27 17:00');
    });

    it('refuses a stale version and bad values', async () => {
      const { contacts } = t.services;
      const read = await contacts.getFrontDoorSettings(t.hub.actors.admin, t.ctx);
      await assert.rejects(contacts.updateFrontDoorSettings(t.hub.actors.admin, t.ctx, { thresholds: ['A'], referencePrefix: 'MASH', timescales: {} }, read.version - 1), isCode('conflict'));
      await assert.rejects(
        contacts.updateFrontDoorSettings(t.hub.actors.admin, t.ctx, { thresholds: [], referencePrefix: '1', timescales: { decision: { kind: 'working-days', n: 0 } } }, read.version),
        (e: unknown) => isCode('validation')(e) && (e as DomainError).fields.map((f) => f.field).join() === 'thresholds,referencePrefix,timescales.decision.n',
      );
    });

    it('keeps the hub’s calendar when saved', async () => {
      const hub = await t.database.db.selectFrom('hub').select('settings').where('id', '=', t.hub.hubId).executeTakeFirstOrThrow();
      assert.deepEqual(hub.settings.calendar, { division: 'england-and-wales', openingTime: '09:00', closingTime: '17:00' });
    });
  });
});
