import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { at } from '../../src/features/clocks/domain/test-support';
import { fixedClock } from '../../src/platform/time/clock';
import { createTestContext, TEST_PASSWORD, type TestContext } from '../../test/harness';
import { newContact, newEnquiry, type BuiltContact } from '../../test/decisions/builders';
import { assertAccessible, type BrowserSession, openBrowser, screenshot } from '../platform/browser';
import { signInThroughPage } from '../platform/pages';
import {
  DecisionPage,
  DisagreementFormPage,
  DisagreementPage,
  DisseminatePage,
  HoldMeetingPage,
  InvitationPage,
  LedgerPage,
  MeetingPage,
  MeetingsPage,
  NewMeetingPage,
  PermissionPage,
} from './pages';

/**
 * The decision and what follows: the decision maker weighs the police and health responses side
 * by side and decides S47 (the education request still open is closed), feeds back to the
 * referrer by secure email, records a police disagreement and resolves it, is refused a referral
 * on until the police give permission; convenes a strategy discussion with police and health,
 * invites the school DSL, holds it with an S47 decision and an action, and circulates minutes —
 * the ICPC and assessment clocks show. The IG lead opens the disclosure ledger for the contact.
 * axe-core on every page.
 */
describe('journey: decision, strategy discussion and disclosure ledger', () => {
  let t: TestContext;
  let browser: BrowserSession;
  let page: Page;
  let contact: BuiltContact;
  let meetingUrl = '';

  before(async () => {
    // Monday 2 March 2026, 10:00 in London: a working morning
    t = await createTestContext({ clock: fixedClock(at('2026-03-02 10:00')) });
    contact = await newContact(t, { brag: 'red', receivedAt: at('2026-03-02 09:05') });
    await newEnquiry(t, contact, 'police', {
      status: 'responded',
      agencyBrag: 'red',
      items: [{ text: 'Synthetic: two domestic call-outs to the address this year' }, { text: 'Synthetic: intelligence about an adult visitor', kind: 'opinion', heldBack: true }],
    });
    await newEnquiry(t, contact, 'health', { status: 'responded', agencyBrag: 'amber', items: [{ text: 'Synthetic: missed two health visitor appointments' }] });
    await newEnquiry(t, contact, 'education', { status: 'sent' });
    browser = await openBrowser(t);
    ({ page } = browser);
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  const signInAs = (role: 'decision-maker' | 'ig-lead' | 'police') => signInThroughPage(page, t.hub.emails[role], TEST_PASSWORD);

  it('the decision maker weighs the responses side by side and records an S47 decision', async () => {
    await signInAs('decision-maker');
    await page.goto(`/contacts/${contact.id}/decision`);
    let decision = await DecisionPage.verifyOnPage(page);
    assert.deepEqual((await decision.responseAgencies()).sort(), ['Demo NHS Trust', 'Demo Police', 'Demo education services']);
    await assertAccessible(page, 'decision page');
    await screenshot(page, 'decision-page');

    await decision.decide({ brag: 'red', outcome: 'nfa', summary: '', recommendation: '' });
    decision = await DecisionPage.verifyOnPage(page);
    assert.deepEqual(await decision.errorSummary(), [
      'A red contact goes to children’s social care: choose an assessment or a strategy discussion',
      'Enter the rationale for no further action',
      'Enter a summary of the information gathered',
      'Enter the recommendation',
    ]);
    await assertAccessible(page, 'decision page with errors');

    await decision.decide({
      outcome: 's47-strategy-discussion',
      nfaRationale: '',
      summary: 'Synthetic: police report two call-outs; health report missed appointments; education have not answered',
      recommendation: 'Strategy discussion today with police and health',
    });
    decision = await DecisionPage.verifyOnPage(page);
    assert.equal(await decision.flash(), 'Decision recorded');
    const shown = await decision.decisionShown();
    assert.equal(shown.Decision, 'Section 47 enquiry: strategy discussion');
    assert.equal(shown['Requests closed unanswered'], '1');
    assert.ok((await decision.clockTypes()).includes('feedback-to-referrer'));
    await assertAccessible(page, 'decision recorded');
    await screenshot(page, 'decision-recorded');
  });

  it('feeds back to the referrer by secure email, inside the clock', async () => {
    let decision = await DecisionPage.verifyOnPage(page);
    await decision.recordFeedback('secure-email');
    decision = await DecisionPage.verifyOnPage(page);
    assert.equal(await decision.flash(), 'Feedback to the referrer recorded');
    assert.match(await decision.feedbackShown(), /riley\.referrer@nhs\.net/);
    await assertAccessible(page, 'feedback recorded');
    await screenshot(page, 'decision-feedback');
  });

  it('records a police disagreement, escalates it and records the resolution', async () => {
    let decision = await DecisionPage.verifyOnPage(page);
    await decision.recordDisagreement();
    const form = await DisagreementFormPage.verifyOnPage(page);
    await assertAccessible(page, 'disagreement form');
    await form.raise({ subject: 'decision', by: 'Demo Police', with: "Demo children's social care", description: 'Synthetic: police consider the children should be seen today' });
    let d = await DisagreementPage.verifyOnPage(page);
    await assertAccessible(page, 'disagreement');
    await d.escalate('Synthetic: not agreed between practitioners');
    d = await DisagreementPage.verifyOnPage(page);
    assert.match(await d.summary(), /Local discussion with the agencies’ managers/);
    await screenshot(page, 'disagreement');
    await d.resolve('Synthetic: joint visit agreed for this afternoon');
    d = await DisagreementPage.verifyOnPage(page);
    assert.match(await d.summary(), /Resolved/);
    await assertAccessible(page, 'disagreement resolved');
    await page.goto('/disagreements');
    await page.locator('[data-qa="disagreements"]').waitFor();
    await assertAccessible(page, 'disagreements list');
    await page.goto(`/contacts/${contact.id}/decision`);
    decision = await DecisionPage.verifyOnPage(page);
  });

  it('is refused a referral on without the police permission, records it, then shares', async () => {
    let decision = await DecisionPage.verifyOnPage(page);
    await decision.disseminate();
    let share = await DisseminatePage.verifyOnPage(page);
    await assertAccessible(page, 'share outside the MASH');
    const values = {
      channel: 'letter',
      to: 'Demo 0-19 hub',
      person: 'Ava Testington',
      item: 'Demo Police (fact): Synthetic: two domestic call-outs to the address this year',
      what: 'Police summary of call-outs',
      why: 'Synthetic: referral for family support alongside the enquiry',
    };
    await share.share(values);
    share = await DisseminatePage.verifyOnPage(page);
    assert.equal(await share.refused(), true);
    await assertAccessible(page, 'share refused');
    await screenshot(page, 'dissemination-refused');

    await page.goto(`/contacts/${contact.id}/decision`);
    decision = await DecisionPage.verifyOnPage(page);
    await decision.recordPermission();
    const permission = await PermissionPage.verifyOnPage(page);
    await assertAccessible(page, 'permission form');
    await permission.record({ from: 'Demo Police', to: 'Demo 0-19 hub', by: 'DS Example (synthetic)' });
    decision = await DecisionPage.verifyOnPage(page);
    assert.equal(await decision.flash(), 'Permission recorded');
    await decision.disseminate();
    share = await DisseminatePage.verifyOnPage(page);
    await share.share(values);
    share = await DisseminatePage.verifyOnPage(page);
    assert.equal(await share.shared(), true);
    await assertAccessible(page, 'shared');
  });

  it('convenes a strategy discussion with police and health in a slot', async () => {
    await page.goto(`/contacts/${contact.id}/decision`);
    const decision = await DecisionPage.verifyOnPage(page);
    await decision.conveneStrategyDiscussion();
    const form = await NewMeetingPage.verifyOnPage(page);
    assert.equal(await form.contactChecked(contact.id), true);
    await assertAccessible(page, 'convene a meeting');
    await form.convene();
    const withErrors = await NewMeetingPage.verifyOnPage(page);
    assert.ok((await withErrors.errorSummary()).includes('Enter the attendee’s name'), (await withErrors.errorSummary()).join());
    await assertAccessible(page, 'convene a meeting with errors');
    await form.attendee(1, { name: 'Sol Worker' });
    await form.attendee(2, { name: 'DS Example' });
    await form.attendee(3, { name: 'Nurse Example' });
    await form.firstSlot();
    await screenshot(page, 'meeting-new');
    await form.convene();
    const meeting = await MeetingPage.verifyOnPage(page);
    meetingUrl = new URL(page.url()).pathname;
    assert.equal(await meeting.flash(), 'Strategy discussion convened');
    assert.equal(await meeting.status(), 'Scheduled');
    await assertAccessible(page, 'meeting scheduled');
    await screenshot(page, 'meeting-scheduled');
    await page.click('[data-qa="cancel-meeting"]');
    await page.locator('[data-qa="confirm-cancel"]').waitFor();
    await assertAccessible(page, 'cancel the meeting');
    await page.goto(meetingUrl);
    await MeetingPage.verifyOnPage(page);
  });

  it('prepares the school DSL invitation from the template', async () => {
    const meeting = await MeetingPage.verifyOnPage(page);
    await meeting.inviteDsl();
    let invitation = await InvitationPage.verifyOnPage(page);
    await assertAccessible(page, 'DSL invitation form');
    await invitation.prepare({ school: 'Demo Primary School', dsl: 'Pat Lead', child: 'Ava Testington', email: 'dsl@demo-council.gov.uk', send: true });
    invitation = await InvitationPage.verifyOnPage(page);
    assert.match(await invitation.status(), /queued/);
    assert.match(await invitation.text(), /Dear Pat Lead,/);
    await assertAccessible(page, 'DSL invitation');
    await screenshot(page, 'meeting-dsl-invitation');
  });

  it('holds the discussion with an S47 decision and an action: the ICPC and assessment clocks start', async () => {
    await page.goto(meetingUrl);
    let meeting = await MeetingPage.verifyOnPage(page);
    await meeting.record();
    const hold = await HoldMeetingPage.verifyOnPage(page);
    await assertAccessible(page, 'record the meeting');
    await hold.s47(0, true, 'Synthetic: reasonable cause to suspect significant harm');
    await hold.informationShared(0, 'Demo Police', 'Synthetic: two call-outs; no charges');
    await hold.action(0, { description: 'Joint visit with police', owner: 'Sol Worker', agency: "Demo children's social care", due: ['3', '3', '2026'] });
    await screenshot(page, 'meeting-hold');
    await hold.save();
    meeting = await MeetingPage.verifyOnPage(page);
    assert.equal(await meeting.flash(), 'Meeting recorded');
    assert.match((await meeting.s47())[0], /^Begin/);
    const clocks = await meeting.clockTypes();
    assert.ok(clocks.includes('icpc') && clocks.includes('assessment'), clocks.join());
    await assertAccessible(page, 'meeting held');
    await screenshot(page, 'meeting-held');
  });

  it('circulates the minutes to every agency that attended; the clocks show on the case', async () => {
    let meeting = await MeetingPage.verifyOnPage(page);
    await meeting.circulateMinutes();
    meeting = await MeetingPage.verifyOnPage(page);
    assert.equal(await meeting.flash(), 'Minutes circulated');
    assert.match(await meeting.minutesCirculated(), /Demo Police/);
    await assertAccessible(page, 'minutes circulated');
    await screenshot(page, 'meeting-minutes-circulated');

    await page.goto('/meetings');
    const list = await MeetingsPage.verifyOnPage(page);
    assert.equal(await list.rows(), 1);
    await assertAccessible(page, 'meetings list');

    await page.goto(`/contacts/${contact.id}/decision`);
    const decision = await DecisionPage.verifyOnPage(page);
    const clocks = await decision.clockTypes();
    assert.ok(clocks.includes('icpc') && clocks.includes('assessment'), clocks.join());
    await screenshot(page, 'decision-clocks');
    await decision.signOut();
  });

  it('the police practitioner sees the meeting their agency attended', async () => {
    await signInAs('police');
    await page.goto(meetingUrl);
    await MeetingPage.verifyOnPage(page);
    await assertAccessible(page, 'meeting as police');
    await page.click('[data-qa="sign-out"]');
  });

  it('the IG lead asks the ledger what was shared about the family, with whom and why', async () => {
    await signInAs('ig-lead');
    await page.goto('/disclosures');
    let ledger = await LedgerPage.verifyOnPage(page);
    await assertAccessible(page, 'ledger search');
    await ledger.search(contact.reference);
    ledger = await LedgerPage.verifyOnPage(page);
    const entries = await ledger.entries();
    const to = entries.map((e) => e.to).join(' | ');
    assert.match(to, /Referrer at Demo GP practice/);
    assert.match(to, /Demo 0-19 hub/);
    assert.match(to, /Designated safeguarding lead, Demo Primary School/);
    assert.match(to, /Demo Police/);
    assert.match(to, /Demo NHS Trust/);
    await assertAccessible(page, 'ledger for the contact');
    await screenshot(page, 'disclosure-ledger');
    assert.deepEqual(browser.cspErrors, []);
  });
});
