/**
 * An audit write that fails fails the whole operation: no data is changed and none is returned
 * without its audit event. Audit inserts are made to fail with a trigger in the test's own
 * database (in-memory PGlite, or a throwaway schema on PostgreSQL when DATABASE_URL is set).
 */
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext } from '../harness';
import { syntheticContact } from './support/intake';

let t: TestContext;
let existingId: string;

const count = async (table: 'contact' | 'audit_event' | 'contact_reference_counter') =>
  Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

async function breakAuditStore() {
  await sql`create or replace function bench_fail_audit() returns trigger language plpgsql as $$ begin raise exception 'synthetic fault: audit store unavailable'; end $$`.execute(t.database.db);
  await sql`create trigger bench_fail_audit before insert on audit_event for each row execute function bench_fail_audit()`.execute(t.database.db);
}

async function mendAuditStore() {
  await sql`drop trigger if exists bench_fail_audit on audit_event`.execute(t.database.db);
}

describe('an audit write that fails', () => {
  before(async () => {
    t = await createTestContext();
    const res = await t.api('mso', { method: 'POST', url: '/api/v1/contacts', payload: syntheticContact(1) });
    assert.equal(res.statusCode, 201);
    existingId = res.json().id;
    // tokens are made (and audited) before the fault
    await t.token('decision-maker');
    await breakAuditStore();
  });
  after(async () => {
    await mendAuditStore();
    await t.close();
  });

  it('fails the contact being recorded: nothing is created, the reference number is not used', async () => {
    const contacts = await count('contact');
    const counters = await t.database.db.selectFrom('contact_reference_counter').selectAll().execute();
    const res = await t.api('mso', { method: 'POST', url: '/api/v1/contacts', payload: syntheticContact(2) });
    assert.ok(res.statusCode >= 500, `answered ${res.statusCode}`);
    assert.equal(await count('contact'), contacts, 'no contact was created');
    assert.deepEqual(await t.database.db.selectFrom('contact_reference_counter').selectAll().execute(), counters, 'the reference counter did not move');
    assert.ok(!res.body.includes('Faultchild'), 'the answer holds nothing of the contact');
  });

  it('fails a read through the API: the contact is not returned', async () => {
    const res = await t.api('decision-maker', { method: 'GET', url: `/api/v1/contacts/${existingId}` });
    assert.ok(res.statusCode >= 500, `answered ${res.statusCode}`);
    assert.ok(!res.body.includes('Faultchild') && !res.body.includes('Testfamily'), 'no personal data in the answer');
  });

  it('fails a queue read: the list is not returned', async () => {
    const res = await t.api('decision-maker', { method: 'GET', url: '/api/v1/queues/unallocated' });
    assert.ok(res.statusCode >= 500, `answered ${res.statusCode}`);
    assert.ok(!res.body.includes('Testfamily'), 'no personal data in the answer');
  });

  it('leaves the audit log and the chain as they were, and everything works once audit works again', async () => {
    const events = await count('audit_event');
    await t.api('decision-maker', { method: 'GET', url: `/api/v1/contacts/${existingId}` });
    assert.equal(await count('audit_event'), events);
    await mendAuditStore();
    const res = await t.api('decision-maker', { method: 'GET', url: `/api/v1/contacts/${existingId}` });
    assert.equal(res.statusCode, 200);
    const { verifyAuditChains } = await import('../../src/platform/audit/audit-verify');
    assert.equal((await verifyAuditChains(t.database.db)).ok, true);
    await breakAuditStore();
  });
});
