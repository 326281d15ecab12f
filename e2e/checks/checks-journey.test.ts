import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { at } from '../../src/features/clocks/domain/test-support';
import { fixedClock } from '../../src/platform/time/clock';
import { createTestContext, TEST_PASSWORD, type TestContext } from '../../test/harness';
import { screenedContact, type BuiltContact } from '../../test/checks/builders';
import { assertAccessible, type BrowserSession, openBrowser, screenshot } from '../platform/browser';
import { signInThroughPage } from '../platform/pages';
import { ChecksPage, ConsentPage, NotFoundPage, OverridePage, RequestPage, RequestsPage, RespondPage, SendPage } from './pages';

/**
 * MASH checks: the decision maker records consent per person (the mother refuses) and authorises
 * checks without her consent on public-interest criteria, then sends requests to police and health.
 * The police answer with a part held back within the MASH; health answer "no information held".
 * The decision maker reads both side by side, the held-back part included; health cannot open the
 * police request. axe-core on every page.
 */
describe('journey: MASH checks', () => {
  let t: TestContext;
  let browser: BrowserSession;
  let page: Page;
  let contact: BuiltContact;
  let policeRequestUrl = '';

  before(async () => {
    // Monday 23 November 2026, 10:30 in London: a working morning
    t = await createTestContext({ clock: fixedClock(at('2026-11-23 10:30')) });
    contact = await screenedContact(t.database.db, t.hub, { brag: 'amber', receivedAt: at('2026-11-23 09:05') });
    browser = await openBrowser(t);
    ({ page } = browser);
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  const signInAs = (role: 'decision-maker' | 'police' | 'health') => signInThroughPage(page, t.hub.emails[role], TEST_PASSWORD);

  it('the decision maker records consent per person; the mother refuses', async () => {
    await signInAs('decision-maker');
    await page.goto(`/contacts/${contact.id}/checks`);
    let checks = await ChecksPage.verifyOnPage(page);
    await assertAccessible(page, 'checks, nothing recorded');
    await screenshot(page, 'checks-overview-start');

    await checks.recordConsentFor('Alex Testchild');
    let consent = await ConsentPage.verifyOnPage(page, 'Alex Testchild');
    await assertAccessible(page, 'consent form');
    await screenshot(page, 'checks-consent');
    await consent.answer('given');
    await consent.save();
    consent = await ConsentPage.verifyOnPage(page, 'Alex Testchild');
    assert.deepEqual(await consent.errorSummary(), ['Enter the name of each person asked', 'Enter when consent was sought']);
    await assertAccessible(page, 'consent form with errors');
    await consent.soughtFrom('parental-responsibility', ['Frankie Testparent'], ['23', '11', '2026'], '09:40');
    await consent.save();

    checks = await ChecksPage.verifyOnPage(page);
    assert.equal(await checks.flash(), 'Consent position recorded');
    for (const [name, kind, who] of [
      ['Sam Testchild', 'parental-responsibility', 'Frankie Testparent'],
      ['Frankie Testparent', 'adult', 'Frankie Testparent'],
    ] as const) {
      await checks.recordConsentFor(name);
      consent = await ConsentPage.verifyOnPage(page, name);
      await consent.answer('given');
      await consent.soughtFrom(kind, [who], ['23', '11', '2026'], '09:45');
      await consent.save();
      checks = await ChecksPage.verifyOnPage(page);
    }
    await checks.recordConsentFor('Morgan Testparent');
    consent = await ConsentPage.verifyOnPage(page, 'Morgan Testparent');
    await consent.answer('refused');
    await consent.soughtFrom('adult', ['Morgan Testparent'], ['23', '11', '2026'], '09:50');
    await consent.rationale('Synthetic: she said she does not want agencies talking about the family');
    await consent.save();

    checks = await ChecksPage.verifyOnPage(page);
    assert.equal(await checks.consentOf('Alex Testchild'), 'Given');
    assert.equal(await checks.consentOf('Morgan Testparent'), 'Refused');
    await assertAccessible(page, 'checks with consent recorded and an override needed');
    await screenshot(page, 'checks-override-needed');
  });

  it('the decision maker authorises checks without the mother’s consent, with criteria, and signs', async () => {
    let checks = await ChecksPage.verifyOnPage(page);
    await checks.authoriseOverride();
    const override = await OverridePage.verifyOnPage(page);
    await assertAccessible(page, 'override form');
    await override.fill({
      scope: 'Checks with police and health',
      criteria: ['protection-of-vulnerable-people', 'prevention-of-crime-and-disorder'],
      proportionality: {
        'proportionate-to-aim': 'yes',
        'vulnerability-of-those-at-risk': 'Two young children; reports of shouting at night',
        'impact-on-individual': 'Limited: the information stays within the MASH',
        'other-equally-effective-means': 'no',
        'necessary-to-prevent-or-detect-crime': 'no',
        'necessary-to-protect-others': 'yes',
      },
      justification: 'Synthetic: the risk to the children outweighs the mother’s refusal; checks are limited to police and health',
    });
    await override.save();
    const again = await OverridePage.verifyOnPage(page);
    assert.deepEqual(await again.errorSummary(), ['Confirm that you authorise checks without consent']);
    await assertAccessible(page, 'override form with errors');
    await again.sign();
    await screenshot(page, 'checks-override');
    await again.save();
    checks = await ChecksPage.verifyOnPage(page);
    assert.equal(await checks.overrideShownFor('Morgan Testparent'), true);
    await assertAccessible(page, 'checks with an override');
  });

  it('the decision maker sends requests to police and health, walking the checklist', async () => {
    let checks = await ChecksPage.verifyOnPage(page);
    await checks.sendRequests();
    const send = await SendPage.verifyOnPage(page);
    await assertAccessible(page, 'send requests form');
    await send.chooseAgency('Demo Police');
    await send.chooseAgency('Demo NHS Trust');
    await send.ask('What do you hold about this family in the last two years?', 'School reports the children arrive hungry and frightened; neighbours report shouting');
    await send.walkChecklist(['uk-gdpr-6-1-e', 'uk-gdpr-9-2-g', 'dpa-sch1-p2-18'], 'Proportionate checks to decide on the contact within its amber timescale');
    await screenshot(page, 'checks-send');
    await send.send();
    checks = await ChecksPage.verifyOnPage(page);
    assert.equal(await checks.flash(), '2 information requests sent');
    const responses = await checks.responses();
    assert.deepEqual(Object.keys(responses).sort(), ['Demo NHS Trust', 'Demo Police']);
    assert.equal(responses['Demo Police'].status, 'Sent');
    policeRequestUrl = (await page.locator('[data-qa="response"][data-agency="Demo Police"] a').getAttribute('href'))!;
    await assertAccessible(page, 'checks with requests sent');
    await checks.signOut();
  });

  it('the police sign in, see the request to them and answer, holding one part back', async () => {
    await signInAs('police');
    await page.goto('/enquiries');
    const list = await RequestsPage.verifyOnPage(page, 'Requests to Demo Police');
    await assertAccessible(page, 'requests to the police');
    await screenshot(page, 'checks-agency-requests');
    assert.deepEqual(await list.rows(), [{ about: 'Alex Testchild, Sam Testchild, Morgan Testparent, Frankie Testparent', overdue: false }]);
    await list.open();
    let request = await RequestPage.verifyOnPage(page);
    assert.deepEqual(await request.people(), ['Alex Testchild', 'Sam Testchild', 'Morgan Testparent', 'Frankie Testparent']);
    await assertAccessible(page, 'a request to the police');
    await screenshot(page, 'checks-agency-request');
    await request.answer();
    const respond = await RespondPage.verifyOnPage(page);
    await assertAccessible(page, 'answer form');
    await respond.informationHeld(true);
    await respond.agencyBrag('amber');
    await respond.part(0, { kind: 'fact', text: 'Synthetic: two domestic incidents at the address, in May and August 2026; no arrests' });
    await respond.part(1, { kind: 'opinion', text: 'Synthetic: the attending officer felt the children were frightened' });
    await respond.part(2, { kind: 'fact', text: 'Synthetic: a live investigation concerns the father', heldBackReason: 'Disclosure would prejudice a live investigation' });
    await screenshot(page, 'checks-agency-answer');
    await respond.send();
    request = await RequestPage.verifyOnPage(page);
    assert.equal(await request.status(), 'Answered');
    assert.match(await request.responseText(), /live investigation concerns the father/);
    await assertAccessible(page, 'the police request after answering');
    await request.signOut();
  });

  it('health answer "no information held", and cannot open the police request', async () => {
    await signInAs('health');
    await page.goto('/enquiries');
    const list = await RequestsPage.verifyOnPage(page, 'Requests to Demo NHS Trust');
    await assertAccessible(page, 'requests to health');
    await list.open();
    const request = await RequestPage.verifyOnPage(page);
    await request.answer();
    const respond = await RespondPage.verifyOnPage(page);
    await respond.informationHeld(false);
    await respond.send();
    const answered = await RequestPage.verifyOnPage(page);
    assert.match(await answered.responseText(), /No information held/);
    assert.doesNotMatch(await page.content(), /domestic incidents|live investigation/);
    await assertAccessible(page, 'the health request after answering');

    const res = await page.goto(policeRequestUrl);
    assert.equal(res?.status(), 404);
    await NotFoundPage.verifyOnPage(page);
    assert.doesNotMatch(await page.content(), /domestic incidents|live investigation|Demo Police/);
    await assertAccessible(page, 'not found');
    const checksRes = await page.goto(`/contacts/${contact.id}/checks`);
    assert.equal(checksRes?.status(), 404);
    await page.goto('/enquiries');
    await (await RequestsPage.verifyOnPage(page, 'Requests to Demo NHS Trust')).signOut();
  });

  it('the decision maker reads both answers side by side, the held-back part marked and visible to them', async () => {
    await signInAs('decision-maker');
    await page.goto(`/contacts/${contact.id}/checks`);
    const checks = await ChecksPage.verifyOnPage(page);
    const responses = await checks.responses();
    assert.deepEqual(responses['Demo Police'], {
      status: 'Answered',
      items: ['Synthetic: two domestic incidents at the address, in May and August 2026; no arrests', 'Synthetic: the attending officer felt the children were frightened'],
      heldBack: ['Synthetic: a live investigation concerns the father'],
      noInformationHeld: false,
      signpost: false,
    });
    assert.deepEqual(responses['Demo NHS Trust'], { status: 'Answered', items: [], heldBack: [], noInformationHeld: true, signpost: false });
    await assertAccessible(page, 'checks with both answers side by side');
    await screenshot(page, 'checks-side-by-side');
    assert.deepEqual(browser.cspErrors, []);
  });
});
