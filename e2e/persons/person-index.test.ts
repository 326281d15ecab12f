import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { at } from '../../src/features/clocks/domain/test-support';
import { fixedClock } from '../../src/platform/time/clock';
import { createTestContext, TEST_PASSWORD, type TestContext } from '../../test/harness';
import { assertAccessible, type BrowserSession, openBrowser, screenshot } from '../platform/browser';
import { HomePage, SignInPage } from '../platform/pages';
import { ImportPage, LinkPage, MergeChoosePage, MergeConfirmPage, PersonFormPage, PersonPage, SearchPage } from './pages';

/**
 * The person index: an MSO searches and sees why each candidate matches, links a person on a
 * contact (routing it), sees the household (Think Family), merges a duplicate and undoes it;
 * an administrator imports persons from CSV. axe-core on every page of the person index.
 * All names, dates and postcodes are invented.
 */
describe('journey: the person index', () => {
  let t: TestContext;
  let browser: BrowserSession;
  let context: BrowserContext;
  let page: Page;
  let contactId = '';
  let subjectId = '';

  before(async () => {
    // Monday 23 November 2026, 10:30 London
    t = await createTestContext({ clock: fixedClock(at('2026-11-23 10:30')) });
    const mso = t.hub.actors.mso;
    const sw = t.hub.actors['social-worker'];
    // a family on the index: a child with an open case, her mother and brother in the household
    const child = await t.services.persons.createPerson(mso, t.ctx, { givenName: 'Alexandra', familyName: 'Testfamily', dateOfBirth: '2016-01-04', sex: 'female', address: '7 Synthetic Road', postcode: 'DE22 3AB', identifiers: [{ source: 'la', value: 'LCS1000042' }], caseStatus: 'open', allocatedWorkerId: sw.userId });
    const mother = await t.services.persons.createPerson(mso, t.ctx, { givenName: 'Jo', familyName: 'Testfamily', dateOfBirth: '1989-06-15', sex: 'female', address: '7 Synthetic Road', postcode: 'DE22 3AB' });
    const brother = await t.services.persons.createPerson(mso, t.ctx, { givenName: 'Sam', familyName: 'Testfamily', dateOfBirth: '2019-09-12', sex: 'male', address: '7 Synthetic Road', postcode: 'DE22 3AB' });
    await t.services.persons.addRelationship(mso, t.ctx, child.id, { relatedPersonId: mother.id, kind: 'parent', household: true });
    await t.services.persons.addRelationship(mso, t.ctx, brother.id, { relatedPersonId: mother.id, kind: 'parent', household: true });
    // a duplicate of the child from another system, and someone else who shares the surname
    await t.services.persons.createPerson(mso, t.ctx, { givenName: 'Alexandria', familyName: 'Test-Family', dateOfBirth: '2016-01-04', sex: 'female', postcode: 'DE22 3AB', identifiers: [{ source: 'education', value: 'EDU20000042' }] });
    await t.services.persons.createPerson(mso, t.ctx, { givenName: 'Alex', familyName: 'Testfamily', dateOfBirth: '1970-02-02', sex: 'male', postcode: 'NG1 1AA' });
    // a phone contact about "Alex Testfamily", born 01/04/2016: a short name and the day and month swapped
    const recorded = await t.services.contacts.recordContact(mso, t.ctx, {
      channel: 'phone',
      receivedAt: at('2026-11-23 09:15').toISOString(),
      referrer: { kind: 'professional', name: 'Pat Example', role: 'Designated safeguarding lead', organisation: 'Example Primary School', phone: '01632 960 001' },
      subjects: [{ role: 'subject', givenName: 'Alex', familyName: 'Testfamily', dateOfBirth: '2016-04-01', sex: 'female', postcode: 'DE22 3AB' }],
      concernCategories: ['neglect'],
      concernSummary: 'Synthetic: came to school hungry three days running.',
      parentsInformed: 'no',
      childSpokenTo: 'yes',
    });
    contactId = recorded.id;
    subjectId = (await t.services.contacts.getContact(mso, t.ctx, contactId)).subjects[0].id;

    browser = await openBrowser(t, { viewport: { width: 1280, height: 900 } });
    ({ context, page } = browser);
  });
  const personIdOf = async (given: string, family: string) =>
    (await t.database.db.selectFrom('person').select('id').where('given_name', '=', given).where('family_name', '=', family).executeTakeFirstOrThrow()).id;

  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('an MSO searches the index and sees each candidate’s score and reasons in words', async () => {
    await page.goto('/sign-in');
    await (await SignInPage.verifyOnPage(page)).signIn('mso@demo.test', TEST_PASSWORD);
    const home = await HomePage.verifyOnPage(page);
    await home.navigateTo('People');
    const search = await SearchPage.verifyOnPage(page);
    await assertAccessible(page, 'person search');
    await search.search({ givenName: 'Alex', familyName: 'TESTFAMILY', dob: ['1', '4', '2016'] });
    await SearchPage.verifyOnPage(page);
    assert.ok(!page.url().includes('Testfamily') && !page.url().includes('TESTFAMILY'), 'no name in the address bar');
    const found = await search.candidates();
    assert.equal(found[0].name, 'Alexandra Testfamily');
    assert.ok(found[0].reasons.includes('day and month of birth swapped'), found[0].reasons.join('; '));
    assert.ok(found[0].reasons.some((r) => r.startsWith('first name is a known nickname') || r.startsWith('first name may be a short form')), found[0].reasons.join('; '));
    assert.ok(found.some((c) => c.name === 'Alexandria Test-Family'), 'the duplicate shows too');
    assert.ok(found[0].score > found[found.length - 1].score);
    await assertAccessible(page, 'person search results');
    await screenshot(page, 'person-index-search');
  });

  it('links the person on the contact: the search is pre-filled, the open case is routed', async () => {
    await page.goto(`/contacts/${contactId}`);
    await page.click('[data-qa="link-subject-0"]');
    const link = await LinkPage.verifyOnPage(page);
    assert.equal(await link.value('#givenName'), 'Alex');
    assert.equal(await link.value('#dateOfBirth-day'), '1');
    await assertAccessible(page, 'link a person on a contact');
    await screenshot(page, 'person-index-link');
    const found = await link.candidates();
    assert.equal(found[0].name, 'Alexandra Testfamily');
    await link.linkTo(0);

    const person = await PersonPage.verifyOnPage(page, 'Alexandra Testfamily');
    assert.equal(await person.flash(), 'Linked. Open case: the allocated social worker and the team manager have been alerted.');
    assert.equal(await person.caseStatus(), 'Open case');
    assert.deepEqual(await person.household('adults'), ['Jo Testfamily']);
    assert.deepEqual(await person.household('children'), ['Sam Testfamily'], 'her brother, through their mother');
    assert.equal((await person.contactReferences()).length, 1);
    await assertAccessible(page, 'person with household');
    await screenshot(page, 'person-index-person');

    const alerts = await t.services.tasks.listMine(t.hub.actors['social-worker'], t.ctx);
    assert.ok(alerts.some((a) => a.recordId === contactId), 'the allocated worker is alerted');
    const subject = await t.database.db.selectFrom('contact_subject').select('person_id').where('id', '=', subjectId).executeTakeFirstOrThrow();
    assert.ok(subject.person_id);
  });

  it('a search with a mistake lists it, keeps what was typed, and passes axe; so does the new-person form', async () => {
    await page.goto('/persons/search');
    const search = await SearchPage.verifyOnPage(page);
    await search.search({ familyName: 'Testfamily', postcode: 'nowhere' });
    await SearchPage.verifyOnPage(page);
    assert.deepEqual(await search.errorSummary(), ['Enter a postcode like DE22 3AB, or just its first part like DE22']);
    assert.match(await page.title(), /^Error: /);
    await assertAccessible(page, 'person search with an error');
    await page.goto('/persons/new');
    await PersonFormPage.verifyOnPage(page, 'Record a new person');
    await assertAccessible(page, 'record a new person');
  });

  it('the details form passes axe', async () => {
    await page.goto(`/persons/${await personIdOf('Alexandra', 'Testfamily')}`);
    const person = await PersonPage.verifyOnPage(page);
    await person.change();
    await PersonFormPage.verifyOnPage(page, 'Change details');
    await assertAccessible(page, 'change details');
    await page.goBack();
    await PersonPage.verifyOnPage(page);
  });

  it('merges the duplicate into the record, then undoes the merge', async () => {
    const person = await PersonPage.verifyOnPage(page, 'Alexandra Testfamily');
    await person.startMerge();
    const choose = await MergeChoosePage.verifyOnPage(page);
    await assertAccessible(page, 'choose a duplicate');
    await screenshot(page, 'person-index-merge-choose');
    await choose.choose(0);
    const confirm = await MergeConfirmPage.verifyOnPage(page);
    assert.ok((await confirm.reasons()).includes('same date of birth'));
    await assertAccessible(page, 'confirm a merge');
    await screenshot(page, 'person-index-merge-confirm');
    await confirm.merge();
    let merged = await PersonPage.verifyOnPage(page, 'Alexandra Testfamily');
    assert.equal(await merged.flash(), 'Records merged. You can undo the merge from this page.');
    await assertAccessible(page, 'person after a merge');
    await merged.undoMerge();
    merged = await PersonPage.verifyOnPage(page, 'Alexandra Testfamily');
    assert.equal(await merged.flash(), 'Merge undone: both records are back as they were');
  });

  it('an administrator imports persons from a CSV file and sees the report', async () => {
    await context.clearCookies();
    await page.goto('/sign-in');
    await (await SignInPage.verifyOnPage(page)).signIn('admin@demo.test', TEST_PASSWORD);
    await HomePage.verifyOnPage(page);
    await page.goto('/admin/persons/import');
    const importPage = await ImportPage.verifyOnPage(page);
    await assertAccessible(page, 'import persons');
    await importPage.importCsv(
      [
        'given_name,family_name,date_of_birth,postcode,address,sex,nhs_number,external_id,source',
        'Robin,Importfamily,2015-05-05,DE22 3AB,8 Synthetic Road,F,,LCS1000100,la',
        'Kit,Importfamily,31/02/2017,DE22 3AB,8 Synthetic Road,M,,LCS1000101,la',
      ].join('\n'),
    );
    await ImportPage.verifyOnPage(page);
    assert.equal(await importPage.imported(), 1);
    assert.deepEqual(await importPage.rejectedLines(), ['3']);
    await assertAccessible(page, 'import report');
    await screenshot(page, 'person-index-import');
    assert.deepEqual(browser.cspErrors, [], 'no Content Security Policy errors');
  });
});
