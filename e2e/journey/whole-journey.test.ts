import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { at } from '../../src/features/clocks/domain/test-support';
import { fixedClock } from '../../src/platform/time/clock';
import { createTestContext, TEST_PASSWORD, type TestContext } from '../../test/harness';
import { ChecksPage, ConsentPage, RequestPage, RequestsPage, RespondPage, SendPage } from '../checks/pages';
import { ContactFormPage, ContactPage, QueuePage, ScreeningPage } from '../contacts/pages';
import { DecisionPage, HoldMeetingPage, MeetingPage, NewMeetingPage } from '../decisions/pages';
import { assertAccessible, type BrowserSession, openBrowser } from '../platform/browser';
import { HomePage, signInThroughPage } from '../platform/pages';

/**
 * The whole MASH journey through the real pages, with nothing seeded but the demo hub: the MSO
 * records and screens a phone contact; the decision maker records consent and sends checks; the
 * police and health answer from their own accounts; the decision maker decides, feeds back,
 * convenes a strategy discussion and holds it. axe-core on every page.
 */
describe('journey: the whole MASH journey, contact to strategy discussion', () => {
  let t: TestContext;
  let browser: BrowserSession;
  let context: BrowserContext;
  let page: Page;
  let contactId = '';

  before(async () => {
    // Monday 2 March 2026, 10:00 in London: a working morning
    t = await createTestContext({ clock: fixedClock(at('2026-03-02 10:00')) });
    browser = await openBrowser(t);
    ({ context, page } = browser);
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  // each user signs in with a fresh session, so nothing of the last user's carries over
  async function signInAs(role: 'mso' | 'decision-maker' | 'police' | 'health') {
    await context.clearCookies();
    await signInThroughPage(page, t.hub.emails[role], TEST_PASSWORD);
  }

  it('the MSO records a phone contact about one child and screens it Amber', async () => {
    await signInAs('mso');
    const home = await HomePage.verifyOnPage(page);
    await assertAccessible(page, 'home (MSO)');
    await home.navigateTo('Contacts');
    const queue = await QueuePage.verifyOnPage(page);
    await assertAccessible(page, 'my queue');
    await queue.recordContact();

    const form = await ContactFormPage.verifyOnPage(page);
    await assertAccessible(page, 'record a contact');
    await form.channel('Phone call');
    await form.referrer({ kind: 'A professional', name: 'Pat Example', role: 'Designated safeguarding lead', organisation: 'Example Primary School', phone: '01632 960 001' });
    await form.person(0, { role: 'Child the contact is about', givenName: 'Alex', familyName: 'Testchild', dob: ['1', '4', '2016'], sex: 'Female', postcode: 'ZZ99 9ZZ', school: 'Example Primary School' });
    await form.concerns(['Neglect']);
    await form.summary('Synthetic: Alex came to school hungry three days running and said there is no food at home.');
    await form.save();

    let contact = await ContactPage.verifyOnPage(page);
    assert.match((await contact.flash()) ?? '', /Contact recorded/);
    contactId = new URL(page.url()).pathname.split('/')[2];
    assert.ok(contactId, page.url());
    assert.equal(await contact.status(), 'New');
    await assertAccessible(page, 'contact');

    await contact.screen();
    const screening = await ScreeningPage.verifyOnPage(page);
    await assertAccessible(page, 'screening');
    await screening.choose({ classification: 'Safeguarding referral', threshold: 'Intensive', brag: 'Amber', rationale: 'Synthetic: signs of neglect; checks needed with police and health.', crime: 'No crime' });
    await screening.save();
    contact = await ContactPage.verifyOnPage(page);
    assert.equal(await contact.status(), 'Screened');
    assert.equal(await contact.brag(), 'Amber');
    await assertAccessible(page, 'screened contact');
  });

  it('the decision maker records consent for the child and sends requests to police and health', async () => {
    await signInAs('decision-maker');
    await page.goto(`/contacts/${contactId}`);
    await ContactPage.verifyOnPage(page);
    await assertAccessible(page, 'contact (decision maker)');
    await page.click('[data-qa="open-checks"]');
    let checks = await ChecksPage.verifyOnPage(page);
    await assertAccessible(page, 'checks, nothing recorded');

    await checks.recordConsentFor('Alex Testchild');
    const consent = await ConsentPage.verifyOnPage(page, 'Alex Testchild');
    await assertAccessible(page, 'consent form');
    await consent.answer('given');
    await consent.soughtFrom('parental-responsibility', ['Frankie Testparent'], ['2', '3', '2026'], '10:00');
    await consent.save();
    checks = await ChecksPage.verifyOnPage(page);
    assert.equal(await checks.flash(), 'Consent position recorded');
    assert.equal(await checks.consentOf('Alex Testchild'), 'Given');
    await assertAccessible(page, 'checks with consent');

    await checks.sendRequests();
    const send = await SendPage.verifyOnPage(page);
    await assertAccessible(page, 'send requests form');
    await send.chooseAgency('Demo Police');
    await send.chooseAgency('Demo NHS Trust');
    await send.ask('What do you hold about this child and household in the last two years?', 'School reports the child arrives hungry');
    await send.walkChecklist(['uk-gdpr-6-1-e', 'uk-gdpr-9-2-g', 'dpa-sch1-p2-18'], 'Proportionate checks to decide on the contact within its amber timescale');
    await send.send();
    checks = await ChecksPage.verifyOnPage(page);
    assert.equal(await checks.flash(), '2 information requests sent');
    const responses = await checks.responses();
    assert.deepEqual(Object.keys(responses).sort(), ['Demo NHS Trust', 'Demo Police']);
    await assertAccessible(page, 'checks with requests sent');
    await checks.signOut();
  });

  it('the police sign in, open the request and answer it', async () => {
    await signInAs('police');
    await page.goto('/enquiries');
    const list = await RequestsPage.verifyOnPage(page, 'Requests to Demo Police');
    await assertAccessible(page, 'requests to the police');
    assert.deepEqual(await list.rows(), [{ about: 'Alex Testchild', overdue: false }]);
    await list.open();
    let request = await RequestPage.verifyOnPage(page);
    await assertAccessible(page, 'a request to the police');
    await request.answer();
    const respond = await RespondPage.verifyOnPage(page);
    await assertAccessible(page, 'answer form (police)');
    await respond.informationHeld(true);
    await respond.agencyBrag('amber');
    await respond.part(0, { kind: 'fact', text: 'Synthetic: one domestic incident at the address in January 2026; no arrests' });
    await respond.send();
    request = await RequestPage.verifyOnPage(page);
    assert.equal(await request.status(), 'Answered');
    assert.match(await request.responseText(), /one domestic incident/);
    await assertAccessible(page, 'the police request after answering');
    await request.signOut();
  });

  it('health sign in and answer "no information held"', async () => {
    await signInAs('health');
    await page.goto('/enquiries');
    const list = await RequestsPage.verifyOnPage(page, 'Requests to Demo NHS Trust');
    await assertAccessible(page, 'requests to health');
    await list.open();
    const request = await RequestPage.verifyOnPage(page);
    await assertAccessible(page, 'a request to health');
    await request.answer();
    const respond = await RespondPage.verifyOnPage(page);
    await assertAccessible(page, 'answer form (health)');
    await respond.informationHeld(false);
    await respond.send();
    const answered = await RequestPage.verifyOnPage(page);
    assert.match(await answered.responseText(), /No information held/);
    assert.doesNotMatch(await page.content(), /domestic incident/, 'health do not see the police answer');
    await assertAccessible(page, 'the health request after answering');
    await answered.signOut();
  });

  it('the decision maker records the decision (S47, strategy discussion) and feedback to the referrer', async () => {
    await signInAs('decision-maker');
    await page.goto(`/contacts/${contactId}/checks`);
    const checks = await ChecksPage.verifyOnPage(page);
    const responses = await checks.responses();
    assert.equal(responses['Demo Police'].status, 'Answered');
    assert.equal(responses['Demo NHS Trust'].noInformationHeld, true);
    await assertAccessible(page, 'checks with both answers');

    await page.goto(`/contacts/${contactId}/decision`);
    let decision = await DecisionPage.verifyOnPage(page);
    assert.deepEqual((await decision.responseAgencies()).sort(), ['Demo NHS Trust', 'Demo Police']);
    await assertAccessible(page, 'decision page');
    await decision.decide({
      brag: 'red',
      outcome: 's47-strategy-discussion',
      summary: 'Synthetic: police report one domestic incident; health hold no information',
      recommendation: 'Strategy discussion today with police and health',
    });
    decision = await DecisionPage.verifyOnPage(page);
    assert.deepEqual(await decision.errorSummary(), []);
    assert.equal(await decision.flash(), 'Decision recorded');
    assert.equal((await decision.decisionShown()).Decision, 'Section 47 enquiry: strategy discussion');
    assert.ok((await decision.clockTypes()).includes('feedback-to-referrer'));
    await assertAccessible(page, 'decision recorded');

    await decision.recordFeedback('phone');
    decision = await DecisionPage.verifyOnPage(page);
    assert.equal(await decision.flash(), 'Feedback to the referrer recorded');
    await assertAccessible(page, 'feedback recorded');
  });

  it('the decision maker convenes a strategy discussion with police and health and holds it with an S47 decision', async () => {
    const decision = await DecisionPage.verifyOnPage(page);
    await decision.conveneStrategyDiscussion();
    const form = await NewMeetingPage.verifyOnPage(page);
    assert.equal(await form.contactChecked(contactId), true);
    await assertAccessible(page, 'convene a strategy discussion');
    await form.attendee(1, { name: 'Sol Worker' });
    await form.attendee(2, { name: 'DS Example' });
    await form.attendee(3, { name: 'Nurse Example' });
    await form.firstSlot();
    await form.convene();
    let meeting = await MeetingPage.verifyOnPage(page);
    assert.equal(await meeting.flash(), 'Strategy discussion convened');
    assert.equal(await meeting.status(), 'Scheduled');
    await assertAccessible(page, 'strategy discussion scheduled');

    await meeting.record();
    const hold = await HoldMeetingPage.verifyOnPage(page);
    await assertAccessible(page, 'record the strategy discussion');
    await hold.s47(0, true, 'Synthetic: reasonable cause to suspect significant harm');
    await hold.informationShared(0, 'Demo Police', 'Synthetic: one domestic incident; no charges');
    await hold.action(0, { description: 'Joint visit with police', owner: 'Sol Worker', agency: "Demo children's social care", due: ['3', '3', '2026'] });
    await hold.save();
    meeting = await MeetingPage.verifyOnPage(page);
    assert.equal(await meeting.flash(), 'Meeting recorded');
    assert.match((await meeting.s47())[0], /^Begin/);
    const clocks = await meeting.clockTypes();
    assert.ok(clocks.includes('icpc') && clocks.includes('assessment'), clocks.join());
    await assertAccessible(page, 'strategy discussion held');
    assert.deepEqual(browser.cspErrors, [], 'no Content Security Policy errors');
  });
});
