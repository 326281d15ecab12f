/** The MASH checks pages, driven as a browser would (forms, redirects, error summaries), without JavaScript. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext } from '../harness';
import { WebClient } from '../support/web-client';
import { consentGiven, consentGivenByAdult, screenedContact } from './builders';

const errorsOf = (html: string) => [...html.matchAll(/<a href="#([^"]+)">([^<]+)<\/a>/g)].filter((m) => html.indexOf('govuk-error-summary') >= 0 && html.indexOf(m[0]) > html.indexOf('govuk-error-summary')).map((m) => m[1]);

const checklist = {
  'when.legitimate-purpose': 'yes',
  'when.identifiable': 'yes',
  'when.confidential': 'yes',
  'when.other-reason': 'yes',
  'checklist.whose-information.detail': 'The children and parents',
  'checklist.lawful-basis': 'yes',
  'checklist.lawful-basis.detail': 'Children Act 1989 s.47',
  'checklist.pseudonymise': 'no',
  'checklist.individuals-informed.detail': 'Privacy notice',
  'checklist.requests-not-to-share': 'none-received',
  'checklist.how-much.detail': 'Minimum details',
  'checklist.accurate-fact-opinion': 'yes',
  'checklist.access-limited': 'yes',
  'checklist.secure': 'yes',
  legalBases: ['uk-gdpr-6-1-e', 'dpa-sch1-p2-18'],
  rationale: 'Proportionate checks',
};

describe('MASH checks pages', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext();
  });
  after(async () => t.close());

  it('the decision maker records consent per person, overrides a refusal, and sends requests', async () => {
    const c = await screenedContact(t.database.db, t.hub);
    const dm = await WebClient.signedInAs(t, 'decision-maker');
    const base = `/contacts/${c.id}/checks`;
    const overview = await dm.get(base);
    assert.equal(overview.statusCode, 200);
    assert.equal((overview.body.match(/data-qa="person"/g) ?? []).length, 4);

    // errors are shown with the answers kept
    const bad = await dm.submit(`${base}/consent/${c.subjects.child}`, { answer: 'not-sought', rationale: 'Typed rationale kept' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(errorsOf(bad.body).sort(), ['notSoughtReasons', 'scope']);
    assert.match(bad.body, /Typed rationale kept/);
    assert.match(bad.body, /<title>Error: /);

    const ok = await dm.submit(`${base}/consent/${c.subjects.child}`, {
      answer: 'given',
      soughtFromKind: 'parental-responsibility',
      soughtFromNames: 'Morgan Testparent\nFrankie Testparent',
      'soughtAt-day': '1',
      'soughtAt-month': '1',
      'soughtAt-year': '2026',
      scope: 'MASH checks',
    });
    assert.equal(ok.statusCode, 302);
    assert.equal(ok.headers.location, base);
    const refused = await dm.submit(`${base}/consent/${c.subjects.mother}`, {
      answer: 'refused',
      soughtFromKind: 'adult',
      soughtFromNames: 'Morgan Testparent',
      'soughtAt-day': '1',
      'soughtAt-month': '1',
      'soughtAt-year': '2026',
      soughtAtTime: '10:30',
      capacityStatus: 'assumed',
      scope: 'MASH checks',
    });
    assert.equal(refused.statusCode, 302);
    const rows = await t.database.db.selectFrom('consent_record').select(['contact_subject_id', 'status', 'sought_from_names', 'sought_at']).where('contact_id', '=', c.id).execute();
    assert.deepEqual(rows.find((r) => r.contact_subject_id === c.subjects.child)?.sought_from_names, ['Morgan Testparent', 'Frankie Testparent']);
    assert.equal(rows.find((r) => r.contact_subject_id === c.subjects.mother)?.sought_at?.toISOString(), '2026-01-01T10:30:00.000Z');

    let page = await dm.get(base);
    assert.match(page.body, /data-qa="override-needed"/);
    assert.match(page.body, /data-qa="authorise-override"/);

    const noSignature = await dm.submit(`${base}/override`, { subjectIds: [c.subjects.mother], criteria: ['public-safety'], justification: 'Kept' });
    assert.equal(noSignature.statusCode, 400);
    assert.ok(errorsOf(noSignature.body).includes('confirmed'));
    assert.ok(errorsOf(noSignature.body).includes('proportionality.proportionate-to-aim'));
    assert.match(noSignature.body, /value="public-safety" checked/);
    const override = await dm.submit(`${base}/override`, {
      subjectIds: [c.subjects.mother],
      scope: 'Checks with police',
      criteria: ['protection-of-vulnerable-people'],
      'proportionality.proportionate-to-aim': 'yes',
      'proportionality.vulnerability-of-those-at-risk.detail': 'Young children',
      'proportionality.impact-on-individual.detail': 'Limited',
      'proportionality.other-equally-effective-means': 'no',
      'proportionality.necessary-to-prevent-or-detect-crime': 'no',
      'proportionality.necessary-to-protect-others': 'yes',
      justification: 'Risk to the children',
      confirmed: 'yes',
    });
    assert.equal(override.statusCode, 302, override.body.slice(0, 500));
    page = await dm.get(base);
    assert.match(page.body, /data-qa="override"/);
    assert.doesNotMatch(page.body, /data-qa="override-needed"/);

    // the send form: agencies without an active agreement cannot be chosen
    await t.database.db.updateTable('agency').set({ agreement_status: 'suspended' }).where('id', '=', t.hub.agencyIds.probation).execute();
    try {
      const form = await dm.get(`${base}/send`);
      assert.match(form.body, new RegExp(`value="${t.hub.agencyIds.probation}" disabled`));
      const missing = await dm.post(`${base}/send`, { agencyIds: [t.hub.agencyIds.police], subjectIds: [c.subjects.child, c.subjects.mother] });
      assert.equal(missing.statusCode, 400);
      assert.ok(errorsOf(missing.body).includes('question'));
      assert.ok(errorsOf(missing.body).includes('checklist.lawful-basis'));
      assert.match(missing.body, new RegExp(`value="${t.hub.agencyIds.police}" checked`));
      const suspended = await dm.post(`${base}/send`, { ...checklist, agencyIds: [t.hub.agencyIds.probation], subjectIds: [c.subjects.child], question: 'Q', reason: 'R' });
      assert.equal(suspended.statusCode, 400);
      assert.match(suspended.body, /suspended/);
      const sent = await dm.post(`${base}/send`, { ...checklist, agencyIds: [t.hub.agencyIds.police, t.hub.agencyIds.health], subjectIds: [c.subjects.child, c.subjects.mother], question: 'What do you hold?', reason: 'Neglect concern' });
      assert.equal(sent.statusCode, 302, sent.body.slice(0, 300));
    } finally {
      await t.database.db.updateTable('agency').set({ agreement_status: 'active' }).where('id', '=', t.hub.agencyIds.probation).execute();
    }
    page = await dm.get(base);
    assert.equal((page.body.match(/data-qa="response"/g) ?? []).length, 2);
    assert.equal((page.body.match(/data-qa="share-decision"/g) ?? []).length, 2);
    assert.match(page.body, /2 information requests sent/);
  });

  it('an agency answers with a held-back part and adds later; the other answers "no information held"; the decision maker reads both side by side', async () => {
    const c = await screenedContact(t.database.db, t.hub);
    const dmActor = t.hub.actors['decision-maker'];
    await t.services.checks.recordConsent(dmActor, t.ctx, c.id, consentGiven(c.subjects.child));
    await t.services.checks.recordConsent(dmActor, t.ctx, c.id, consentGivenByAdult(c.subjects.mother));
    const { enquiryIds } = await t.services.checks.sendEnquiries(dmActor, t.ctx, c.id, {
      agencyIds: [t.hub.agencyIds.police, t.hub.agencyIds.health],
      subjectIds: [c.subjects.child, c.subjects.mother],
      question: 'Q',
      reason: 'R',
      share: { when: { 'legitimate-purpose': 'yes', identifiable: 'no' }, checklist: { 'whose-information': { detail: 'x' }, 'lawful-basis': { answer: 'yes', detail: 'x' }, pseudonymise: { answer: 'no' }, 'individuals-informed': { detail: 'x' }, 'requests-not-to-share': { answer: 'none-received' }, 'how-much': { detail: 'x' }, 'accurate-fact-opinion': { answer: 'yes' }, 'access-limited': { answer: 'yes' }, secure: { answer: 'yes' } }, legalBases: ['uk-gdpr-6-1-e'] },
      rationale: 'x',
    });
    const [policeId, healthId] = enquiryIds;

    const police = await WebClient.signedInAs(t, 'police');
    const list = await police.get('/enquiries');
    assert.match(list.body, /Requests to Demo Police/);
    const ack = await police.get(`/enquiries/${policeId}`);
    assert.match(ack.body, /data-qa="acknowledge"/);
    const acked = await police.post(`/enquiries/${policeId}/acknowledge`, { version: '1' });
    assert.equal(acked.statusCode, 302);
    const again = await police.post(`/enquiries/${policeId}/acknowledge`, { version: '2' });
    assert.equal(again.statusCode, 409);

    const invalid = await police.submit(`/enquiries/${policeId}/respond`, { version: '2', informationHeld: 'yes', 'items[1].kind': 'fact', 'items[1].text': 'Kept text', 'items[1].heldBack': 'yes' });
    assert.equal(invalid.statusCode, 400);
    assert.deepEqual(errorsOf(invalid.body).sort(), ['agencyBrag', 'items[1].heldBackReason'].sort());
    assert.match(invalid.body, /Kept text/);
    const none = await police.submit(`/enquiries/${policeId}/respond`, { version: '2' });
    assert.deepEqual(errorsOf(none.body), ['informationHeld']);

    const answered = await police.submit(`/enquiries/${policeId}/respond`, {
      version: '2',
      informationHeld: 'yes',
      agencyBrag: 'amber',
      'items[0].kind': 'fact',
      'items[0].text': 'Synthetic: police attended in May',
      'items[1].kind': 'opinion',
      'items[1].text': 'Synthetic: a confidential source view',
      'items[1].heldBack': 'yes',
      'items[1].heldBackReason': 'Source protection',
    });
    assert.equal(answered.statusCode, 302, answered.body.slice(0, 300));
    const added = await police.submit(`/enquiries/${policeId}/add`, { version: '3', 'items[0].kind': 'fact', 'items[0].text': 'Synthetic: a further incident' });
    assert.equal(added.statusCode, 302, added.body.slice(0, 300));
    const ownPage = await police.get(`/enquiries/${policeId}`);
    assert.match(ownPage.body, /a confidential source view/);
    assert.match(ownPage.body, /Added /);
    // police cannot reach health's request
    assert.equal((await police.get(`/enquiries/${healthId}`)).statusCode, 404);

    const health = await WebClient.signedInAs(t, 'health');
    const nothing = await health.submit(`/enquiries/${healthId}/respond`, { version: '1', informationHeld: 'no' });
    assert.equal(nothing.statusCode, 302, nothing.body.slice(0, 300));
    const healthPage = await health.get(`/enquiries/${healthId}`);
    assert.match(healthPage.body, /No information held/);
    assert.doesNotMatch(healthPage.body, /police attended/);
    assert.equal((await health.get(`/enquiries/${policeId}`)).statusCode, 404);

    const dm = await WebClient.signedInAs(t, 'decision-maker');
    const side = await dm.get(`/contacts/${c.id}/checks`);
    assert.match(side.body, /police attended in May/);
    assert.match(side.body, /a confidential source view/);
    assert.match(side.body, /data-qa="held-back-tag"/);
    assert.match(side.body, /data-qa="no-information-held"/);

    // the decision maker withdraws nothing answered; a withdrawal of an answered request is refused on the page too
    const withdraw = await dm.submit(`/enquiries/${healthId}/withdraw`, { version: '2', reason: 'x' });
    assert.equal(withdraw.statusCode, 409);
  });

  it('withdrawing consent tells every recipient and shows the tasks on the checks page', async () => {
    const c = await screenedContact(t.database.db, t.hub);
    const dmActor = t.hub.actors['decision-maker'];
    await t.services.checks.recordConsent(dmActor, t.ctx, c.id, consentGiven(c.subjects.child));
    const dm = await WebClient.signedInAs(t, 'decision-maker');
    const consentId = (await t.services.checks.getChecks(dmActor, t.ctx, c.id)).people[0].consent!.id;
    const form = await dm.get(`/contacts/${c.id}/checks/consents/${consentId}/withdraw`);
    assert.equal(form.statusCode, 200);
    const missing = await dm.post(`/contacts/${c.id}/checks/consents/${consentId}/withdraw`, { version: '1', receivedByAgencyId: '' });
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(errorsOf(missing.body), ['receivedByAgencyId']);
    const done = await dm.post(`/contacts/${c.id}/checks/consents/${consentId}/withdraw`, { version: '1', receivedByAgencyId: t.hub.agencyIds.police });
    assert.equal(done.statusCode, 302);
    const page = await dm.get(`/contacts/${c.id}/checks`);
    assert.match(page.body, /Consent withdrawn: 0 recipients have a task/);
  });

  it('records a decision not to share from its page', async () => {
    const c = await screenedContact(t.database.db, t.hub);
    const dm = await WebClient.signedInAs(t, 'decision-maker');
    const bad = await dm.submit(`/contacts/${c.id}/checks/not-share`, { agencyId: '', subjectIds: [c.subjects.child] });
    assert.equal(bad.statusCode, 400);
    assert.ok(['recipientName', 'what', 'purpose', 'rationale'].every((f) => errorsOf(bad.body).includes(f)));
    const ok = await dm.post(`/contacts/${c.id}/checks/not-share`, { agencyId: t.hub.agencyIds.housing, subjectIds: [c.subjects.child], what: 'Address', purpose: 'Asked', 'when.legitimate-purpose': 'no', rationale: 'No legitimate purpose' });
    assert.equal(ok.statusCode, 302, ok.body.slice(0, 300));
    const page = await dm.get(`/contacts/${c.id}/checks`);
    assert.match(page.body, /Not shared/);
    // a MASH social worker sees the page but not the buttons for what only a decision maker does
    const sw = await WebClient.signedInAs(t, 'social-worker');
    const swPage = await sw.get(`/contacts/${c.id}/checks`);
    assert.doesNotMatch(swPage.body, /data-qa="send-requests"/);
    // nor the form of it: a form page answers to whoever may send it (the refusal is audited)
    assert.equal((await sw.get(`/contacts/${c.id}/checks/not-share`)).statusCode, 403);
    assert.equal((await sw.post(`/contacts/${c.id}/checks/not-share`, { agencyId: t.hub.agencyIds.housing, subjectIds: [c.subjects.child], what: 'x', purpose: 'x', rationale: 'x' })).statusCode, 403);
  });

  it('forms without a valid CSRF token are refused', async () => {
    const c = await screenedContact(t.database.db, t.hub);
    const dm = await WebClient.signedInAs(t, 'decision-maker');
    const res = await dm.post(`/contacts/${c.id}/checks/consent/${c.subjects.child}`, { _csrf: 'forged', answer: 'given' });
    assert.equal(res.statusCode, 403);
  });
});
