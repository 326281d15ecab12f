import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { phoneContact } from '../contacts/builders';
import { createTestContext, TEST_PASSWORD, type TestContext } from '../harness';
import { errorSummary, h1Of, WebClient } from '../support/web-client';
import { CSV_HEADER, personInput } from './builders';

/** The person index's pages: forms post and redirect, errors keep what was typed, no names in URLs. */
describe('person index pages', () => {
  let t: TestContext;
  let mso: WebClient;
  before(async () => {
    t = await createTestContext();
    mso = new WebClient(t.app);
    assert.equal((await mso.signIn(t.hub.emails.mso, TEST_PASSWORD)).statusCode, 302);
    await mso.get('/');
  });
  after(async () => t.close());

  const flashOf = async (client: WebClient, location: string) => {
    const res = await client.get(location);
    return /govuk-notification-banner__heading">\s*([^<]*)</.exec(res.body)?.[1]?.trim();
  };

  it('search: results with scores and reasons; the search never goes into a URL', async () => {
    const p = await t.services.persons.createPerson(t.hub.actors.mso, t.ctx, personInput({ givenName: 'Pagesearch', familyName: 'Testchild', dateOfBirth: '2015-03-04' }));
    await mso.get('/persons/search');
    const res = await mso.post('/persons/search', { givenName: 'Pagesearch', familyName: 'Testchyld', 'dateOfBirth-day': '4', 'dateOfBirth-month': '3', 'dateOfBirth-year': '2015' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, new RegExp(`href="/persons/${p.id}"`));
    assert.match(res.body, /same date of birth/);
    assert.match(res.body, /data-qa="band"/);
    assert.match(res.body, /value="Testchyld"/, 'what was typed is kept');
    assert.match(res.body, /<form method="post" action="\/persons\/search"/);
  });

  it('search errors: 400, an error summary linking to each box, values kept', async () => {
    await mso.get('/persons/search');
    const res = await mso.post('/persons/search', { familyName: 'Testchild', 'dateOfBirth-day': '31', 'dateOfBirth-month': '2', 'dateOfBirth-year': '2016', postcode: 'nowhere' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /<title>Error: /);
    assert.deepEqual(errorSummary(res.body), ['dateOfBirth-day: Date of birth must be a real date', 'postcode: Enter a postcode like DE22 3AB, or just its first part like DE22']);
    assert.match(res.body, /value="nowhere"/);
  });

  it('a new person from a search: the form is filled in, saved, and the page shows it', async () => {
    await mso.get('/persons/search');
    const results = await mso.post('/persons/search', { givenName: 'Brandnew', familyName: 'Testchild', 'dateOfBirth-day': '1', 'dateOfBirth-month': '4', 'dateOfBirth-year': '2016' });
    // the "create from these details" form carries the search in hidden fields
    const createForm = /<form method="post" action="\/persons\/new"[\s\S]*?<\/form>/.exec(results.body)![0];
    const hidden = Object.fromEntries([...createForm.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]));
    const prefilled = await mso.post('/persons/new', hidden);
    assert.equal(prefilled.statusCode, 200);
    assert.ok(/name="givenName"[^>]*value="Brandnew"/.test(prefilled.body));
    assert.ok(/name="dateOfBirth-month"[^>]*value="4"/.test(prefilled.body), 'the date of birth is carried over');
    const bad = await mso.post('/persons/new', { step: 'save', givenName: 'Brandnew', familyName: 'Testchild', 'dateOfBirth-day': '1', 'dateOfBirth-month': '13', 'dateOfBirth-year': '2016', caseStatus: 'not-known', 'otherId-0-source': '', 'otherId-0-value': 'PN1' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(errorSummary(bad.body), ['dateOfBirth-day: Date of birth must be a real date', 'otherId-0-source: Enter who issued the ID, like la or police']);
    const saved = await mso.post('/persons/new', { step: 'save', givenName: 'Brandnew', familyName: 'Testchild', 'dateOfBirth-day': '1', 'dateOfBirth-month': '4', 'dateOfBirth-year': '2016', caseStatus: 'not-known', sex: 'female', laId: 'LCS4000001' });
    assert.equal(saved.statusCode, 302);
    const location = String(saved.headers.location);
    assert.match(location, /^\/persons\/[0-9a-f-]{36}$/);
    assert.equal(await flashOf(mso, location), 'Person added to the index');
    const page = await mso.get(location);
    assert.equal(h1Of(page.body), 'Brandnew Testchild');
    assert.match(page.body, /LA: LCS4000001/);
  });

  it('the person page: details, family links added and removed, the household, contacts on file', async () => {
    const child = await t.services.persons.createPerson(t.hub.actors.mso, t.ctx, personInput({ givenName: 'Pagechild', familyName: 'Household', address: '5 Synthetic Road', postcode: 'DE22 3AB' }));
    const mum = await t.services.persons.createPerson(t.hub.actors.mso, t.ctx, personInput({ givenName: 'Pagemum', familyName: 'Household', dateOfBirth: '1985-01-01', address: '5 Synthetic Road, Littletown', postcode: 'DE22 3AB' }));
    let page = await mso.get(`/persons/${child.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /data-qa="no-household"/);
    assert.match(page.body, /data-qa="same-address"/, 'the mother shows as recorded at the same address');
    const missing = await mso.post(`/persons/${child.id}/relationships`, { relatedPersonId: mum.id });
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(errorSummary(missing.body).map((e) => e.split(':')[0]), ['kind', 'household']);
    const added = await mso.post(`/persons/${child.id}/relationships`, { relatedPersonId: mum.id, kind: 'parent', household: 'yes' });
    assert.equal(added.statusCode, 302);
    page = await mso.get(`/persons/${child.id}`);
    assert.match(page.body, /data-qa="household-adults"[\s\S]*Pagemum Household/);
    assert.match(page.body, /data-qa="relationships"[\s\S]*Parent/);
    const relId = /\/relationships\/([0-9a-f-]{36})\/end/.exec(page.body)![1];
    const removed = await mso.post(`/persons/${child.id}/relationships/${relId}/end`, {});
    assert.equal(removed.statusCode, 302);
    page = await mso.get(`/persons/${child.id}`);
    assert.match(page.body, /data-qa="no-relationships"/);
  });

  it('changing details: a stale version is a conflict, shown on the form', async () => {
    const p = await t.services.persons.createPerson(t.hub.actors.mso, t.ctx, personInput({ givenName: 'Pagechange' }));
    const form = await mso.get(`/persons/${p.id}/edit`);
    assert.match(form.body, /name="version" value="1"/);
    const ok = await mso.post(`/persons/${p.id}/edit`, { version: '1', givenName: 'Pagechanged', familyName: 'Testchild', caseStatus: 'known' });
    assert.equal(ok.statusCode, 302);
    const stale = await mso.post(`/persons/${p.id}/edit`, { version: '1', givenName: 'Again', familyName: 'Testchild', caseStatus: 'known' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone else changed this person/);
    assert.match(stale.body, /value="Again"/);
  });

  it('linking a person on a contact: pre-filled, searched, linked, routed, and the contact shows it', async () => {
    const known = await t.services.persons.createPerson(t.hub.actors.mso, t.ctx, personInput({ givenName: 'Alex', familyName: 'Testchild', dateOfBirth: '2016-04-01', caseStatus: 'known' }));
    const recorded = await t.services.contacts.recordContact(t.hub.actors.mso, t.ctx, phoneContact(new Date(Date.now() - 60_000)));
    const contact = await t.services.contacts.getContact(t.hub.actors.mso, t.ctx, recorded.id);
    const url = `/contacts/${recorded.id}/subjects/${contact.subjects[0].id}/link`;
    const page = await mso.get(url);
    assert.equal(page.statusCode, 200);
    assert.ok(/name="givenName"[^>]*value="Alex"/.test(page.body), 'the search is filled in from the contact');
    assert.match(page.body, new RegExp(`name="personId" value="${known.id}"`));
    const badSearch = await mso.post(url, { action: 'search', familyName: 'Testchild', 'dateOfBirth-day': '40', 'dateOfBirth-month': '1', 'dateOfBirth-year': '2016' });
    assert.equal(badSearch.statusCode, 400);
    assert.deepEqual(errorSummary(badSearch.body), ['dateOfBirth-day: Date of birth must be a real date']);
    const badCreate = await mso.post(url, { action: 'create', givenName: '', familyName: '' });
    assert.equal(badCreate.statusCode, 400);
    assert.deepEqual(errorSummary(badCreate.body), ['givenName: Enter a first name or a last name']);
    const linked = await mso.post(url, { action: 'link', personId: known.id });
    assert.equal(linked.statusCode, 302);
    assert.equal(linked.headers.location, `/persons/${known.id}`);
    assert.equal(await flashOf(mso, `/persons/${known.id}`), 'Linked. Known to children’s social care: the contact is on their file.');
    const person = await mso.get(`/persons/${known.id}`);
    assert.match(person.body, new RegExp(`href="/contacts/${recorded.id}"`));
    const again = await mso.get(url);
    assert.match(again.body, /data-qa="already-linked"/);
    const createdRes = await mso.post(`/contacts/${recorded.id}/subjects/${contact.subjects[1].id}/link`, { action: 'create', givenName: 'Sam', familyName: 'Testchild', 'dateOfBirth-day': '12', 'dateOfBirth-month': '9', 'dateOfBirth-year': '2018' });
    assert.equal(createdRes.statusCode, 302);
    assert.match(String(await flashOf(mso, String(createdRes.headers.location))), /^Linked. New record created and linked/);
  });

  it('merging from the pages: choose, confirm side by side, merge, undo', async () => {
    const kept = await t.services.persons.createPerson(t.hub.actors.mso, t.ctx, personInput({ givenName: 'Pagemerge', familyName: 'Kept', dateOfBirth: '2014-02-03' }));
    const dup = await t.services.persons.createPerson(t.hub.actors.mso, t.ctx, personInput({ givenName: 'Pagemerge', familyName: 'Kept', dateOfBirth: '2014-03-02' }));
    const choose = await mso.get(`/persons/${kept.id}/merge`);
    assert.match(choose.body, new RegExp(`value="${dup.id}"`));
    const none = await mso.post(`/persons/${kept.id}/merge`, {});
    assert.equal(none.statusCode, 400);
    assert.deepEqual(errorSummary(none.body), ['duplicateId: Choose the record that is a duplicate of this one']);
    const confirm = await mso.post(`/persons/${kept.id}/merge`, { duplicateId: dup.id });
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /data-qa="side-by-side"/);
    assert.match(confirm.body, /day and month of birth swapped/);
    const merged = await mso.post(`/persons/${kept.id}/merge`, { duplicateId: dup.id, confirm: 'yes', version: '1', duplicateVersion: '1' });
    assert.equal(merged.statusCode, 302);
    assert.equal(await flashOf(mso, `/persons/${kept.id}`), 'Records merged. You can undo the merge from this page.');
    const page = await mso.get(`/persons/${kept.id}`);
    const undo = /action="(\/persons\/[0-9a-f-]{36}\/merges\/[0-9a-f-]{36}\/undo)"/.exec(page.body)![1];
    const stale = await mso.post(`/persons/${kept.id}/merge`, { duplicateId: dup.id, confirm: 'yes', version: '1', duplicateVersion: '1' });
    assert.equal(stale.statusCode, 302, 'a repeat is sent back to choose again');
    assert.equal((await mso.post(undo, {})).statusCode, 302);
    assert.equal(await flashOf(mso, `/persons/${kept.id}`), 'Merge undone: both records are back as they were');
    const dupPage = await mso.get(`/persons/${dup.id}`);
    assert.doesNotMatch(dupPage.body, /data-qa="merged-into"/);
  });

  it('import page: an administrator pastes a file and sees the report', async () => {
    const admin = new WebClient(t.app);
    await admin.signIn(t.hub.emails.admin, TEST_PASSWORD);
    const page = await admin.get('/admin/persons/import');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /external_id/);
    const bad = await admin.post('/admin/persons/import', { csv: 'name\nAlex\n' });
    assert.equal(bad.statusCode, 400);
    assert.match(errorSummary(bad.body)[0], /^csv: The header row is missing the columns/);
    const res = await admin.post('/admin/persons/import', { csv: `${CSV_HEADER}\nPage,Importee,2016-04-01,DE22 3AB,,F,,LCS3000001,la\nBad,Importee,2016-13-01,,,,,,\n` });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /data-qa="imported">1</);
    assert.match(res.body, /data-qa="rejected"[\s\S]*<td class="govuk-table__cell">3<\/td>[\s\S]*date_of_birth: date of birth must be a real date/);
    assert.doesNotMatch(res.body, /Importee/, 'the pasted file is not shown back');
  });
});
