import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { at } from '../../src/features/clocks/domain/test-support';
import { fixedClock } from '../../src/platform/time/clock';
import { createTestContext, TEST_PASSWORD, type TestContext } from '../../test/harness';
import { assertAccessible, type BrowserSession, openBrowser, screenshot } from '../platform/browser';
import { HomePage, SignInPage } from '../platform/pages';
import { ContactFormPage, ContactPage, FrontDoorSettingsPage, QueuePage, ReferralFormPage, ReferralSentPage, ScreeningPage } from './pages';

/**
 * The front door: a member of the public sends a referral (an error first, then fixed) and gets
 * a reference; an MSO records a phone contact about two children, screens it and finds it on the
 * queue with its clocks; an administrator looks at the front-door settings. axe-core on every page.
 */
describe('journey: the front door', () => {
  let t: TestContext;
  let browser: BrowserSession;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    // Monday 23 November 2026, 10:30 in London: inside working hours, so the pages read as on a working morning
    t = await createTestContext({ clock: fixedClock(at('2026-11-23 10:30')) });
    browser = await openBrowser(t);
    ({ context, page } = browser);
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  let publicReference = '';

  it('a member of the public sends a referral: an error first, then a reference number', async () => {
    await page.goto('/refer');
    let form = await ReferralFormPage.verifyOnPage(page);
    await assertAccessible(page, 'public referral form');
    await screenshot(page, 'front-door-refer');

    await form.chooseArea('Demo MASH');
    await form.iAm('I am a member of the public');
    await form.aboutMe({ name: 'Jo Neighbour', email: 'jo.neighbour@example.com', relationship: 'Neighbour' });
    await form.child(0, { givenName: 'Robin', familyName: 'Testchild', dob: ['31', '2', '2017'], postcode: 'ZZ99 9ZZ', school: 'Example Primary School' });
    await form.send();

    form = await ReferralFormPage.verifyOnPage(page);
    assert.match(await page.title(), /^Error: /);
    assert.deepEqual(await form.errorSummary(), [
      'Date of birth of child 1 must be a real date',
      'Tell us what happened',
      'Select whether you have told the child’s parents or carers',
      'Select whether you have spoken to the child',
    ]);
    assert.equal(await form.value('#referrer-name'), 'Jo Neighbour', 'what was typed is kept');
    assert.equal(await form.value('#subjects-0-givenName'), 'Robin');
    await assertAccessible(page, 'public referral form with errors');
    await screenshot(page, 'front-door-refer-errors');

    await form.child(0, { dob: ['28', '2', '2017'] });
    await form.whatHappened('Synthetic: I hear shouting and crying from next door most nights, and Robin has not been at school this week.');
    await form.answers('No', 'No');
    await form.send();

    const sent = await ReferralSentPage.verifyOnPage(page);
    publicReference = await sent.reference();
    assert.equal(publicReference, 'MASH-2026-000001');
    await assertAccessible(page, 'referral sent');
    await screenshot(page, 'front-door-refer-sent');
  });

  let contactReference = '';

  it('an MSO records a phone contact about two children', async () => {
    await page.goto('/sign-in');
    const signIn = await SignInPage.verifyOnPage(page);
    await signIn.signIn('mso@demo.test', TEST_PASSWORD);
    const home = await HomePage.verifyOnPage(page);
    await assertAccessible(page, 'home (MSO)');
    await home.navigateTo('Contacts');

    const queue = await QueuePage.verifyOnPage(page);
    await assertAccessible(page, 'my queue');
    await queue.recordContact();

    let form = await ContactFormPage.verifyOnPage(page);
    await assertAccessible(page, 'record a contact');
    await form.channel('Phone call');
    await form.referrer({ kind: 'A professional', name: 'Pat Example', role: 'Designated safeguarding lead', organisation: 'Example Primary School', phone: '01632 960 001' });
    await form.person(0, { role: 'Child the contact is about', givenName: 'Alex', familyName: 'Testchild', dob: ['1', '4', '2016'], sex: 'Female', postcode: 'ZZ99 9ZZ', school: 'Example Primary School' });
    await form.addPerson();

    form = await ContactFormPage.verifyOnPage(page);
    await form.person(1, { role: 'Child the contact is about', givenName: 'Sam', familyName: 'Testchild', dob: ['12', '9', '2018'], sex: 'Male' });
    await form.concerns(['Neglect', 'Emotional abuse']);
    await form.summary('Synthetic: both children came to school hungry three days running; Alex said there is no food at home.');
    await form.writtenReferralOwed();
    await assertAccessible(page, 'record a contact, two people');
    await screenshot(page, 'front-door-record-contact');
    await form.save();

    const contact = await ContactPage.verifyOnPage(page);
    assert.match((await contact.flash()) ?? '', /Contact recorded/);
    contactReference = await contact.reference();
    assert.equal(await contact.status(), 'New');
    assert.deepEqual(await contact.people(), ['Child the contact is about: Alex Testchild', 'Child the contact is about: Sam Testchild']);
    assert.equal(await contact.linkActions(), 2, 'each person can be linked to the person index');
    assert.deepEqual((await contact.clockTypes()).sort(), ['decision', 'written-referral']);
    await assertAccessible(page, 'contact');
    await screenshot(page, 'front-door-contact');
  });

  it('screens it: Amber, with a rationale, which starts the BRAG clock', async () => {
    const contact = await ContactPage.verifyOnPage(page);
    await contact.screen();
    const screening = await ScreeningPage.verifyOnPage(page);
    await assertAccessible(page, 'screening');
    await screening.choose({ classification: 'Safeguarding referral', threshold: 'Intensive', brag: 'Amber', rationale: 'Synthetic: repeated signs of neglect of two children; checks needed with health and education.', crime: 'No crime' });
    await screenshot(page, 'front-door-screening');
    await screening.save();

    const screened = await ContactPage.verifyOnPage(page);
    assert.match((await screened.flash()) ?? '', /Screening saved/);
    assert.equal(await screened.status(), 'Screened');
    assert.equal(await screened.brag(), 'Amber');
    assert.ok((await screened.clockTypes()).includes('brag-amber'));
    await assertAccessible(page, 'screened contact');
  });

  it('finds it on the unallocated queue with its clocks, then allocates it to themself', async () => {
    await page.goto('/contacts');
    const queue = await QueuePage.verifyOnPage(page);
    await queue.tab('Unallocated');
    await QueuePage.verifyOnPage(page);
    const references = await queue.references();
    assert.ok(references.includes(contactReference));
    assert.ok(references.includes(publicReference), 'the public referral waits too');
    const clocks = await queue.clocksOf(contactReference);
    assert.equal(clocks.length, 3);
    assert.ok(clocks.some((c) => c.startsWith('Decision on a contact:')));
    assert.ok(clocks.some((c) => c.startsWith('Amber: action:')));
    assert.ok(clocks.some((c) => c.startsWith('Written referral after a phone contact:')));
    await assertAccessible(page, 'unallocated queue');
    await screenshot(page, 'front-door-queue');

    await page.locator(`[data-qa="queue-row-${contactReference}"] a`).first().click();
    const contact = await ContactPage.verifyOnPage(page);
    await contact.allocateTo('Sam Support');
    await ContactPage.verifyOnPage(page);
    assert.match((await contact.flash()) ?? '', /Contact allocated/);
    await page.goto('/contacts?queue=mine');
    const mine = await QueuePage.verifyOnPage(page);
    assert.deepEqual(await mine.references(), [contactReference]);
    await assertAccessible(page, 'my queue with a contact');
  });

  it('the consultation line form passes axe too', async () => {
    await page.goto('/consultations/new');
    await ContactFormPage.verifyOnPage(page, 'Record a consultation line call');
    await assertAccessible(page, 'record a consultation');
    await screenshot(page, 'front-door-consultation');
  });

  it('an administrator sees the front-door settings', async () => {
    await context.clearCookies();
    await page.goto('/sign-in');
    await (await SignInPage.verifyOnPage(page)).signIn('admin@demo.test', TEST_PASSWORD);
    await HomePage.verifyOnPage(page);
    await page.goto('/admin/front-door-settings');
    const settings = await FrontDoorSettingsPage.verifyOnPage(page);
    assert.equal(await settings.thresholds(), 'Universal\nEmerging needs\nIntensive\nSpecialist');
    await assertAccessible(page, 'front door settings');
    await screenshot(page, 'front-door-settings');
    assert.deepEqual(browser.cspErrors, [], 'no Content Security Policy errors');
  });
});
