import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { at } from '../../src/features/clocks/domain/test-support';
import { fixedClock } from '../../src/platform/time/clock';
import { createTestContext, type TestContext } from '../harness';
import { phoneContact } from './builders';

/**
 * The queues read their order from contact.next_due_at, kept by triggers on contact_clock:
 * whoever starts, meets, stops or pauses a clock, the queue must follow.
 */
describe('queue order follows the clocks (real database)', () => {
  let t: TestContext;
  // Wednesday 25 November 2026, 12:00 in London
  const clock = fixedClock(at('2026-11-25 12:00'));
  const ids: Record<string, string> = {};
  const refs: Record<string, string> = {};
  before(async () => {
    t = await createTestContext({ clock });
    const record = async (name: string, input: ReturnType<typeof phoneContact>) => {
      const r = await t.services.contacts.recordContact(t.hub.actors.mso, t.ctx, input);
      ids[name] = r.id;
      refs[name] = r.reference;
    };
    await record('P', phoneContact(at('2026-11-25 09:00'))); // decision due Thu 26 17:00
    await record('Q', phoneContact(at('2026-11-25 10:00'))); // decision due Thu 26 17:00, received later
    await record('W', phoneContact(at('2026-11-25 11:00'), { writtenReferralOwed: true })); // written referral due Thu 26 11:00
  });
  after(async () => t.close());

  const unallocated = async () => {
    const q = await t.services.contacts.listQueue(t.hub.actors.mso, t.ctx, { queue: 'unallocated' });
    return q.items.map((i) => Object.entries(refs).find(([, r]) => r === i.reference)?.[0] ?? '?');
  };

  /** every contact's stored next due instant is the earliest of its running clocks */
  const assertConsistent = async () => {
    const wrong = await sql<{ id: string }>`
      select c.id from contact c
      where c.hub_id = ${t.hub.hubId}
        and c.next_due_at is distinct from (select min(k.due_at) from contact_clock k where k.contact_id = c.id and k.status = 'running')`.execute(t.database.db);
    assert.deepEqual(wrong.rows, []);
  };

  it('at intake, by the earliest running clock, then by receipt', async () => {
    assert.deepEqual(await unallocated(), ['W', 'P', 'Q']);
    await assertConsistent();
  });

  it('a Red rating brings a contact forward; a changed rating puts it back', async () => {
    const { contacts } = t.services;
    const screened = await contacts.screenContact(t.hub.actors.mso, t.ctx, ids.Q, { classification: 'safeguarding-referral', thresholdLevel: 'Specialist', initialBrag: 'red', bragRationale: 'Synthetic.' }, 1);
    assert.deepEqual(await unallocated(), ['Q', 'W', 'P'], 'Red: due Wed 25 17:00');
    await assertConsistent();
    await contacts.screenContact(t.hub.actors.mso, t.ctx, ids.Q, { classification: 'safeguarding-referral', thresholdLevel: 'Intensive', initialBrag: 'amber', bragRationale: 'Synthetic.' }, screened.version);
    assert.deepEqual(await unallocated(), ['W', 'P', 'Q'], 'Amber is due after the decision; the Red clock stopped');
    await assertConsistent();
  });

  it('a written referral arriving meets its clock', async () => {
    await t.services.contacts.recordWrittenReferral(t.hub.actors.mso, t.ctx, ids.W, at('2026-11-25 11:30').toISOString(), 1);
    assert.deepEqual(await unallocated(), ['P', 'Q', 'W'], 'W now waits on its decision only, received last');
    await assertConsistent();
  });

  it('a clock paused, moved or removed by any feature', async () => {
    const db = t.database.db;
    await db.updateTable('contact_clock').set({ status: 'paused', paused_at: at('2026-11-25 12:00'), pause_reason: 'Synthetic.' }).where('contact_id', '=', ids.P).execute();
    assert.deepEqual(await unallocated(), ['Q', 'W', 'P'], 'no running clock: last');
    await assertConsistent();
    await db.updateTable('contact_clock').set({ status: 'running', paused_at: null, pause_reason: null, due_at: at('2026-11-24 17:00') }).where('contact_id', '=', ids.P).execute();
    assert.deepEqual(await unallocated(), ['P', 'Q', 'W'], 'overdue: first');
    await assertConsistent();
    await db.deleteFrom('contact_clock').where('contact_id', '=', ids.P).execute();
    assert.deepEqual(await unallocated(), ['Q', 'W', 'P']);
    await assertConsistent();
  });

  it('deciding and closing stop the clocks and leave the queue', async () => {
    const { contacts } = t.services;
    const q = await contacts.getContact(t.hub.actors.mso, t.ctx, ids.Q);
    const decided = await contacts.changeStatus(t.hub.actors['decision-maker'], t.ctx, ids.Q, 'decide', q.version);
    await assertConsistent();
    await contacts.changeStatus(t.hub.actors['decision-maker'], t.ctx, ids.Q, 'close', decided.version);
    await assertConsistent();
    assert.deepEqual(await unallocated(), ['W', 'P']);
    const row = await t.database.db.selectFrom('contact').select('next_due_at').where('id', '=', ids.Q).executeTakeFirstOrThrow();
    assert.equal(row.next_due_at, null);
  });
});
