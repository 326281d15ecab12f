import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixedClock } from '../../src/platform/time/clock';
import { createTestContext, TEST_PASSWORD, type TestContext } from '../harness';
import { errorSummary, WebClient } from '../support/web-client';
import { newContact, newEnquiry } from './builders';

const NOW = new Date('2026-03-02T10:00:00Z');

describe('decision, feedback, disagreement, permission, dissemination and ledger pages', () => {
  let t: TestContext;
  let web: WebClient;
  before(async () => {
    t = await createTestContext({ clock: fixedClock(NOW) });
    web = new WebClient(t.app);
    assert.equal((await web.signIn(t.hub.emails['decision-maker'], TEST_PASSWORD)).statusCode, 302);
  });
  after(async () => t.close());

  it('records a decision (errors kept), then feedback, on the decision page', async () => {
    const c = await newContact(t);
    await newEnquiry(t, c, 'police', { status: 'responded', agencyBrag: 'red', items: [{ text: 'Two call-outs this year' }] });
    await newEnquiry(t, c, 'health', { status: 'sent' });
    const page = await web.get(`/contacts/${c.id}/decision`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Two call-outs this year/);
    assert.equal((page.body.match(/data-qa="response-row"/g) ?? []).length, 2);
    assert.match(page.body, /data-qa="decision-form"/);

    const bad = await web.post(`/contacts/${c.id}/decision`, { version: '1', finalBrag: 'red', outcome: 'nfa', nfaRationale: '', summary: 'Gathered', recommendation: '' });
    assert.equal(bad.statusCode, 400);
    const summary = errorSummary(bad.body).join(' | ');
    assert.match(summary, /nfaRationale: Enter the rationale/);
    assert.match(summary, /recommendation: Enter the recommendation/);
    assert.match(bad.body, />Gathered</, 'answers kept');

    const stale = await web.post(`/contacts/${c.id}/decision`, { version: '9', finalBrag: 'red', outcome: 's47-strategy-discussion', summary: 'Gathered', recommendation: 'Strategy' });
    assert.equal(stale.statusCode, 409);
    assert.match(errorSummary(stale.body).join(), /version: The contact has changed/);

    const ok = await web.post(`/contacts/${c.id}/decision`, { version: '1', finalBrag: 'red', outcome: 's47-strategy-discussion', summary: 'Gathered', recommendation: 'Strategy' });
    assert.equal(ok.statusCode, 302);
    const decided = await web.get(`/contacts/${c.id}/decision`);
    assert.match(decided.body, /data-qa="decision"/);
    assert.match(decided.body, /data-qa="convene-strategy"/);
    assert.match(decided.body, /data-qa="feedback-form"/);
    assert.match(decided.body, /data-qa="clock-feedback-to-referrer"/);

    const badFeedback = await web.post(`/contacts/${c.id}/feedback`, { method: 'secure-email', email: 'someone@gmail.com' });
    assert.equal(badFeedback.statusCode, 400);
    assert.match(errorSummary(badFeedback.body).join(), /email: Email can only go to an approved secure domain/);
    const fed = await web.post(`/contacts/${c.id}/feedback`, { method: 'secure-email', email: '' });
    assert.equal(fed.statusCode, 302, errorSummary(fed.body).join());
    assert.match((await web.get(`/contacts/${c.id}/decision`)).body, /data-qa="feedback"/);
  });

  it('records, escalates and resolves a disagreement', async () => {
    const c = await newContact(t);
    const form = await web.get(`/disagreements/new?contactId=${c.id}`);
    assert.equal(form.statusCode, 200);
    const bad = await web.post('/disagreements/new', { contactId: c.id, subject: 'decision', raisedByAgencyId: t.hub.agencyIds.police, description: '' });
    assert.equal(bad.statusCode, 400);
    const made = await web.post('/disagreements/new', { contactId: c.id, subject: 'decision', raisedByAgencyId: t.hub.agencyIds.police, withAgencyIds: t.hub.agencyIds['childrens-social-care'], description: 'Police think it is red' });
    assert.equal(made.statusCode, 302, errorSummary(made.body).join());
    const url = made.headers.location as string;
    const page = await web.get(url);
    assert.match(page.body, /data-qa="escalate-form"/);
    const up = await web.post(`${url}/escalate`, { version: '1', toLevel: 'managers', reason: 'Not resolved' });
    assert.equal(up.statusCode, 302);
    const stale = await web.post(`${url}/resolve`, { version: '1', resolution: 'x' });
    assert.equal(stale.statusCode, 409);
    const done = await web.post(`${url}/resolve`, { version: '2', resolution: 'Agreed a strategy discussion' });
    assert.equal(done.statusCode, 302);
    assert.match((await web.get(url)).body, /Agreed a strategy discussion/);
    assert.equal((await web.get('/disagreements')).statusCode, 200);
  });

  it('refuses to share without permission (403 on the page), then records permission and shares; the ledger shows it', async () => {
    const c = await newContact(t);
    const police = await newEnquiry(t, c, 'police', { status: 'responded', items: [{ text: 'Two call-outs this year' }] });
    const form = await web.get(`/contacts/${c.id}/disseminate`);
    assert.equal(form.statusCode, 200);
    const share = {
      channel: 'letter',
      recipientName: 'Demo 0-19 hub',
      subjectIds: c.subjectIds[0],
      itemIds: police.itemIds[0],
      what: 'Police summary',
      purpose: 'Referral to early help',
      legalBases: 'uk-gdpr-6-1-e',
      consentBasis: 'not-required',
    };
    const refused = await web.post(`/contacts/${c.id}/disseminate`, share);
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /data-qa="dissemination-refused"/);
    assert.match(errorSummary(refused.body).join(), /itemIds: /);

    assert.equal((await web.get(`/contacts/${c.id}/permissions/new`)).statusCode, 200);
    const badPermission = await web.post(`/contacts/${c.id}/permissions/new`, { originAgencyId: t.hub.agencyIds.police, recipientName: 'Demo 0-19 hub', scope: 'all', purpose: 'safeguarding', grantedByName: '', 'grantedAt-day': '2', 'grantedAt-month': '3', 'grantedAt-year': '2026', grantedAtTime: '09:00' });
    assert.equal(badPermission.statusCode, 400);
    const permitted = await web.post(`/contacts/${c.id}/permissions/new`, { originAgencyId: t.hub.agencyIds.police, recipientName: 'Demo 0-19 hub', scope: 'all', purpose: 'safeguarding', grantedByName: 'DS Example', 'grantedAt-day': '2', 'grantedAt-month': '3', 'grantedAt-year': '2026', grantedAtTime: '09:00' });
    assert.equal(permitted.statusCode, 302, errorSummary(permitted.body).join());
    const shared = await web.post(`/contacts/${c.id}/disseminate`, share);
    assert.equal(shared.statusCode, 200);
    assert.match(shared.body, /data-qa="disseminated"/);

    const ig = new WebClient(t.app);
    await ig.signIn(t.hub.emails['ig-lead'], TEST_PASSWORD);
    const ledger = await ig.get(`/disclosures/contacts/${c.id}`);
    assert.equal(ledger.statusCode, 200);
    assert.match(ledger.body, /Police summary/);
    assert.match(ledger.body, /Demo 0-19 hub/);
    await ig.get('/disclosures');
    const search = await ig.post('/disclosures', { reference: c.reference });
    assert.equal(search.statusCode, 200);
    assert.match(search.body, /data-qa="ledger-entry"/);
    const none = await ig.post('/disclosures', { reference: 'NOPE-1' });
    assert.equal(none.statusCode, 400);
    assert.equal((await ig.get(`/contacts/${c.id}/decision`)).statusCode, 404, 'the IG lead reads the ledger, not the case');
  });

  it('opens the ledger search page to ledger readers only, and form pages to whoever may send them', async () => {
    const c = await newContact(t);
    const mso = await WebClient.signedInAs(t, 'mso');
    assert.equal((await mso.get('/disclosures')).statusCode, 403);
    for (const form of ['disseminate', 'permissions/new']) assert.equal((await mso.get(`/contacts/${c.id}/${form}`)).statusCode, 403, form);
    assert.equal((await mso.get('/disagreements/new')).statusCode, 403);
    const refusals = await t.database.db.selectFrom('audit_event').select('details').where('action', '=', 'access.refused').where('actor_user_id', '=', t.hub.actors.mso.userId).execute();
    assert.ok(refusals.length >= 4, 'each refusal is audited');
    assert.equal((await web.get('/disclosures')).statusCode, 200);
  });

  it('lets a partner practitioner record their own agency’s permission on its page, seeing only their own agency’s information', async () => {
    const c = await newContact(t);
    await newEnquiry(t, c, 'police', { status: 'responded', items: [{ text: 'Police call-out summary' }] });
    await newEnquiry(t, c, 'health', { status: 'responded', items: [{ text: 'Health visitor summary' }] });
    const unasked = await newContact(t);
    const police = await WebClient.signedInAs(t, 'police');
    const page = await police.get(`/contacts/${c.id}/permissions/new`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Police call-out summary/);
    assert.doesNotMatch(page.body, /Health visitor summary/);
    assert.doesNotMatch(page.body, new RegExp(`href="/contacts/${c.id}/decision"`), 'no link to the decision page they cannot open');
    assert.equal((await police.get(`/contacts/${unasked.id}/permissions/new`)).statusCode, 404);
    const form = { originAgencyId: t.hub.agencyIds.police, recipientName: 'Demo 0-19 hub', scope: 'all', purpose: 'safeguarding', grantedByName: 'DS Example', 'grantedAt-day': '2', 'grantedAt-month': '3', 'grantedAt-year': '2026', grantedAtTime: '09:00' };
    const bad = await police.post(`/contacts/${c.id}/permissions/new`, { ...form, grantedByName: '' });
    assert.equal(bad.statusCode, 400);
    assert.doesNotMatch(bad.body, /Health visitor summary/);
    const saved = await police.post(`/contacts/${c.id}/permissions/new`, form);
    assert.equal(saved.statusCode, 302, errorSummary(saved.body).join());
    assert.equal(saved.headers.location, '/enquiries');
    assert.equal((await police.post(`/contacts/${unasked.id}/permissions/new`, form)).statusCode, 404);
  });
});
