import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { at } from '../../src/features/clocks/domain/test-support';
import { fixedClock } from '../../src/platform/time/clock';
import { phoneContact } from '../contacts/builders';
import { createTestContext, type TestContext } from '../harness';
import { auditOf, personInput } from './builders';

/**
 * Linking a person on a contact to the index, and routing the contact (C2; 000 §6.2): open case
 * → the allocated worker and team manager are alerted; known → on file; not known → a new
 * record; an allegation against a professional → also to the LADO with its one-working-day clock.
 */
describe('linking a contact to the person index, and routing it', () => {
  let t: TestContext;
  // Monday 23 November 2026, 10:00 London
  const clock = fixedClock(at('2026-11-23 10:00'));
  before(async () => {
    t = await createTestContext({ clock });
  });
  after(async () => t.close());

  const mso = () => t.hub.actors.mso;
  async function contactWith(over: Parameters<typeof phoneContact>[1] = {}) {
    const recorded = await t.services.contacts.recordContact(mso(), t.ctx, phoneContact(at('2026-11-23 09:00'), over));
    const contact = await t.services.contacts.getContact(mso(), t.ctx, recorded.id);
    return { contactId: recorded.id, subjectIds: contact.subjects.map((s) => s.id) };
  }
  const notificationsOn = (contactId: string) => t.database.db.selectFrom('notification').selectAll().where('record_id', '=', contactId).orderBy('created_at').execute();

  it('the link page pre-fills the search from the contact and shows candidates with reasons', async () => {
    const existing = await t.services.persons.createPerson(mso(), t.ctx, personInput({ givenName: 'Alexandra', familyName: 'Testchild', dateOfBirth: '2016-01-04' }));
    const { contactId, subjectIds } = await contactWith();
    const page = await t.services.persons.getLinkPage(mso(), t.ctx, contactId, subjectIds[0]);
    assert.equal(page.prefill.givenName, 'Alex');
    assert.equal(page.prefill.dateOfBirth, '2016-04-01');
    assert.equal(page.prefill.postcode, '', 'a postcode a search cannot use is not pre-filled');
    const top = page.result?.candidates[0];
    assert.equal(top?.person.id, existing.id);
    assert.ok(top.reasons.some((r) => r.code === 'dob-day-month-swapped'));
    assert.ok(top.reasons.some((r) => r.code === 'given-nickname' || r.code === 'given-short-form'), top.reasons.map((r) => r.code).join());
    const read = await auditOf(t, { action: 'contact.subject.read', recordId: contactId });
    assert.equal(read.length, 1);
  });

  it('not known: a new person from the details given, linked; nobody alerted', async () => {
    const { contactId, subjectIds } = await contactWith();
    const result = await t.services.persons.linkSubject(mso(), t.ctx, contactId, subjectIds[1], { newPerson: { givenName: 'Sam', familyName: 'Testchild', dateOfBirth: '2018-09-12' } });
    assert.equal(result.created, true);
    assert.equal(result.outcome, 'new-record');
    assert.equal(result.alerts, 0);
    const person = await t.services.persons.getPerson(mso(), t.ctx, result.personId);
    assert.deepEqual(person.contacts.map((c) => c.contactId), [contactId]);
    const contact = await t.services.contacts.getContact(mso(), t.ctx, contactId);
    assert.equal(contact.subjects[1].personId, result.personId);
    assert.deepEqual((await notificationsOn(contactId)).filter((n) => n.topic === 'contact-on-open-case'), []);
    const link = await auditOf(t, { action: 'person.link', recordId: result.personId });
    assert.equal(link.length, 1);
    assert.deepEqual(link[0].details, { contactId, subjectId: subjectIds[1], created: true, outcome: 'new-record', alerts: 0, lado: false, ladoClockStarted: false });
    assert.equal((await auditOf(t, { action: 'person.create', recordId: result.personId })).length, 1);
  });

  it('an open case: the allocated social worker and the team manager are alerted', async () => {
    const sw = t.hub.actors['social-worker'];
    const person = await t.services.persons.createPerson(mso(), t.ctx, personInput({ givenName: 'Opencase', familyName: 'Testchild', caseStatus: 'open', allocatedWorkerId: sw.userId }));
    const { contactId, subjectIds } = await contactWith();
    const result = await t.services.persons.linkSubject(mso(), t.ctx, contactId, subjectIds[0], { personId: person.id });
    assert.equal(result.outcome, 'open-case-allocated');
    assert.equal(result.alerts, 2);
    const alerts = (await notificationsOn(contactId)).filter((n) => n.topic === 'contact-on-open-case');
    assert.deepEqual(
      alerts.map((n) => ({ user: n.user_id, role: n.role, agency: n.agency_id, kind: n.kind })),
      [
        { user: sw.userId, role: null, agency: null, kind: 'alert' },
        { user: null, role: 'decision-maker', agency: t.hub.agencyIds['childrens-social-care'], kind: 'alert' },
      ],
    );
    assert.ok(alerts.every((n) => !n.message.includes('Testchild')), 'alert texts name nobody');
    // they reach the worker's and the manager's task lists
    const swTasks = await t.services.tasks.listMine(sw, t.ctx);
    assert.ok(swTasks.some((n) => n.recordId === contactId && n.topic === 'contact-on-open-case'));
    const dmTasks = await t.services.tasks.listMine(t.hub.actors['decision-maker'], t.ctx);
    assert.ok(dmTasks.some((n) => n.recordId === contactId && n.topic === 'contact-on-open-case'));
  });

  it('an open case with no worker alerts the team managers; a known person just gets it on file', async () => {
    const open = await t.services.persons.createPerson(mso(), t.ctx, personInput({ givenName: 'Unallocated', caseStatus: 'open' }));
    const known = await t.services.persons.createPerson(mso(), t.ctx, personInput({ givenName: 'Knownchild', caseStatus: 'known' }));
    const { contactId, subjectIds } = await contactWith();
    const a = await t.services.persons.linkSubject(mso(), t.ctx, contactId, subjectIds[0], { personId: open.id });
    assert.equal(a.outcome, 'open-case-unallocated');
    assert.equal(a.alerts, 1);
    const b = await t.services.persons.linkSubject(mso(), t.ctx, contactId, subjectIds[1], { personId: known.id });
    assert.equal(b.outcome, 'attached-to-file');
    assert.equal(b.alerts, 0);
    const alerts = (await notificationsOn(contactId)).filter((n) => n.topic === 'contact-on-open-case');
    assert.deepEqual(alerts.map((n) => n.role), ['decision-maker']);
  });

  it('an allegation against a professional goes to the LADO once: intake’s clock is not started twice', async () => {
    const { contactId, subjectIds } = await contactWith({ concernCategories: ['allegation-against-professional'] });
    const before = await t.database.db.selectFrom('contact_clock').selectAll().where('contact_id', '=', contactId).where('type', '=', 'lado-allegation').execute();
    assert.equal(before.length, 1, 'intake started the LADO clock');
    const result = await t.services.persons.linkSubject(mso(), t.ctx, contactId, subjectIds[0], { newPerson: { givenName: 'Pat', familyName: 'Professional' } });
    assert.equal(result.lado, true);
    assert.equal(result.ladoClockStarted, false);
    assert.match(result.text, /LADO/);
    const clocks = await t.database.db.selectFrom('contact_clock').selectAll().where('contact_id', '=', contactId).where('type', '=', 'lado-allegation').execute();
    assert.equal(clocks.length, 1);
    const tasks = (await notificationsOn(contactId)).filter((n) => n.role === 'lado');
    assert.equal(tasks.length, 1, 'the LADO is tasked once (at intake)');
  });

  it('an allegation whose clock intake did not start: linking starts it, due in one working day, and tasks the LADO', async () => {
    const { contactId, subjectIds } = await contactWith({ concernCategories: ['allegation-against-professional'] });
    // as a contact recorded before the LADO clock existed
    await t.database.db.deleteFrom('contact_clock').where('contact_id', '=', contactId).where('type', '=', 'lado-allegation').execute();
    await t.database.db.deleteFrom('notification').where('record_id', '=', contactId).where('role', '=', 'lado').execute();
    const result = await t.services.persons.linkSubject(mso(), t.ctx, contactId, subjectIds[0], { newPerson: { givenName: 'Pat', familyName: 'Professional' } });
    assert.equal(result.ladoClockStarted, true);
    const clock = await t.database.db.selectFrom('contact_clock').selectAll().where('contact_id', '=', contactId).where('type', '=', 'lado-allegation').executeTakeFirstOrThrow();
    // received Monday 09:00: one working day → Tuesday 17:00
    assert.equal(clock.due_at.toISOString(), at('2026-11-24 17:00').toISOString());
    assert.equal(clock.status, 'running');
    const tasks = (await notificationsOn(contactId)).filter((n) => n.role === 'lado');
    assert.equal(tasks.length, 1);
    assert.equal(tasks[0].kind, 'task');
    assert.equal(tasks[0].due_at?.toISOString(), clock.due_at.toISOString());
    // the second person on the same contact does not start it again
    const second = await t.services.persons.linkSubject(mso(), t.ctx, contactId, subjectIds[1], { newPerson: { givenName: 'Sam', familyName: 'Testchild' } });
    assert.equal(second.ladoClockStarted, false);
    assert.equal((await notificationsOn(contactId)).filter((n) => n.role === 'lado').length, 1);
  });

  it('refuses to link twice, a person of another hub, a bad new person, and the wrong roles', async () => {
    const { contactId, subjectIds } = await contactWith();
    await t.services.persons.linkSubject(mso(), t.ctx, contactId, subjectIds[0], { newPerson: { familyName: 'Testchild' } });
    await assert.rejects(t.services.persons.linkSubject(mso(), t.ctx, contactId, subjectIds[0], { newPerson: { familyName: 'Testchild' } }), (e: { code: string }) => e.code === 'invalid-state');
    const elsewhere = await t.services.persons.createPerson(t.otherHub.actors.mso, t.ctx, personInput());
    await assert.rejects(t.services.persons.linkSubject(mso(), t.ctx, contactId, subjectIds[1], { personId: elsewhere.id }), (e: { code: string; fields: Array<{ field: string }> }) => e.code === 'validation' && e.fields[0].field === 'personId');
    await assert.rejects(t.services.persons.linkSubject(mso(), t.ctx, contactId, subjectIds[1], { newPerson: { givenName: '', familyName: '', dateOfBirth: '2030-01-01' } }), (e: { code: string; fields: Array<{ field: string }> }) => e.code === 'validation' && e.fields.map((f) => f.field).join() === 'givenName,dateOfBirth');
    for (const role of ['police', 'lado', 'admin', 'auditor'] as const) {
      await assert.rejects(t.services.persons.linkSubject(t.hub.actors[role], t.ctx, contactId, subjectIds[1], { newPerson: { familyName: 'X' } }), (e: { code: string }) => e.code === 'forbidden', role);
    }
    await assert.rejects(t.services.persons.linkSubject(t.otherHub.actors.mso, t.ctx, contactId, subjectIds[1], { newPerson: { familyName: 'X' } }), (e: { code: string }) => e.code === 'not-found');
    await assert.rejects(t.services.persons.getLinkPage(t.otherHub.actors.mso, t.ctx, contactId, subjectIds[1]), (e: { code: string }) => e.code === 'not-found');
    const refusals = await auditOf(t, { action: 'access.refused', recordId: contactId });
    assert.ok(refusals.length >= 5, 'every refusal is audited');
  });

  it('a merged record stands for the one it was merged into', async () => {
    const kept = await t.services.persons.createPerson(mso(), t.ctx, personInput({ givenName: 'Kept' }));
    const dup = await t.services.persons.createPerson(mso(), t.ctx, personInput({ givenName: 'Duplicate' }));
    await t.services.persons.mergePersons(mso(), t.ctx, { keptId: kept.id, duplicateId: dup.id, keptVersion: kept.version, duplicateVersion: dup.version });
    const { contactId, subjectIds } = await contactWith();
    const result = await t.services.persons.linkSubject(mso(), t.ctx, contactId, subjectIds[0], { personId: dup.id });
    assert.equal(result.personId, kept.id);
  });
});
