import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createOutboxWorker } from '../../src/platform/notifications/outbox-worker';
import { notify, queueEmail } from '../../src/platform/notifications/notify';
import { createTestContext, type TestContext } from '../harness';

describe('alerts, tasks and the email outbox', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext();
  });
  after(async () => t.close());

  it('shows a task to the person it names and to holders of a role, and lets them complete it', async () => {
    const dm = t.hub.actors['decision-maker'];
    await t.database.db.transaction().execute(async (tx) => {
      await notify(tx, { hubId: t.hub.hubId, userId: dm.userId, kind: 'task', topic: 'test', message: 'Review the contact' }, new Date());
      await notify(tx, { hubId: t.hub.hubId, role: 'lado', kind: 'alert', topic: 'lado-allegation', message: 'A new allegation against a professional' }, new Date());
    });
    const mine = await t.api('decision-maker', { method: 'GET', url: '/api/v1/tasks' });
    assert.equal(mine.statusCode, 200);
    assert.deepEqual(mine.json().map((n: { message: string }) => n.message), ['Review the contact']);
    const lado = await t.api('lado', { method: 'GET', url: '/api/v1/tasks' });
    assert.equal(lado.json().length, 1);
    // somebody else's task cannot be completed, and is "not found"
    const theirs = mine.json()[0].id;
    const refused = await t.api('mso', { method: 'POST', url: `/api/v1/tasks/${theirs}/complete` });
    assert.equal(refused.statusCode, 404);
    // ... nor by the same role in another hub; each refusal is the policy's, and audited (C11)
    assert.equal((await t.api('decision-maker', { method: 'POST', url: `/api/v1/tasks/${theirs}/complete` }, 'other')).statusCode, 404);
    const refusals = await t.database.db.selectFrom('audit_event').select(['actor_role', 'details']).where('action', '=', 'access.refused').where('record_id', '=', theirs).execute();
    assert.deepEqual(refusals.map((r) => r.actor_role).sort(), ['decision-maker', 'mso']);
    const done = await t.api('decision-maker', { method: 'POST', url: `/api/v1/tasks/${theirs}/complete` });
    assert.equal(done.statusCode, 204);
    const after = await t.api('decision-maker', { method: 'GET', url: '/api/v1/tasks' });
    assert.equal(after.json().length, 0);
    const audited = await t.database.db.selectFrom('audit_event').select('action').where('record_id', '=', theirs).execute();
    assert.ok(audited.some((a) => a.action === 'notification.complete'));
  });

  it('the other hub sees none of this hub’s tasks', async () => {
    const res = await t.api('lado', { method: 'GET', url: '/api/v1/tasks' }, 'other');
    assert.equal(res.json().length, 0);
  });

  it('queues email only to approved secure domains and sends it after commit', async () => {
    const results = await t.database.db.transaction().execute(async (tx) => [
      await queueEmail(tx, { hubId: t.hub.hubId, to: 'nurse@nhs.net', subject: 'Outcome', body: 'Synthetic', approvedDomains: ['nhs.net'] }, new Date()),
      await queueEmail(tx, { hubId: t.hub.hubId, to: 'someone@gmail.com', subject: 'Outcome', body: 'Synthetic', approvedDomains: ['nhs.net'] }, new Date()),
    ]);
    assert.deepEqual(results.map((r) => r.status), ['pending', 'refused']);
    const worker = createOutboxWorker(t.database.db, { from: 'openmash@localhost' });
    assert.equal(await worker.poll(), 1);
    const rows = await t.database.db.selectFrom('outbox_email').select(['to_address', 'status']).orderBy('to_address').execute();
    assert.deepEqual(rows, [
      { to_address: 'nurse@nhs.net', status: 'sent' },
      { to_address: 'someone@gmail.com', status: 'refused' },
    ]);
  });
});
