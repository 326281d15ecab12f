import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { at } from '../../src/features/clocks/domain/test-support';
import type { Role } from '../../src/platform/access/roles';
import { fixedClock } from '../../src/platform/time/clock';
import { createTestContext, type TestContext } from '../harness';
import { errorLinks, WebClient } from '../support/web-client';
import { phoneContact } from './builders';

const OUTSIDERS: Role[] = ['police', 'health', 'education', 'probation', 'housing', 'agency-practitioner', 'lado', 'ig-lead', 'auditor', 'performance', 'admin'];

/** a phone contact about two children, as the page posts it */
const contactForm = (over: Record<string, string | string[]> = {}) => ({
  channel: 'phone',
  'receivedAt-day': '23',
  'receivedAt-month': '11',
  'receivedAt-year': '2026',
  'receivedAt-time': '09:15',
  'referrer-kind': 'professional',
  'referrer-name': 'Pat Example',
  'referrer-organisation': 'Example Primary School',
  'referrer-phone': '01632 960 001',
  subjectCount: '2',
  'subjects-0-role': 'subject',
  'subjects-0-givenName': 'Alex',
  'subjects-0-familyName': 'Testchild',
  'subjects-0-dateOfBirth-day': '1',
  'subjects-0-dateOfBirth-month': '4',
  'subjects-0-dateOfBirth-year': '2016',
  'subjects-1-role': 'subject',
  'subjects-1-givenName': 'Sam',
  'subjects-1-familyName': 'Testchild',
  concernCategories: ['neglect', 'emotional-abuse'],
  concernSummary: 'Synthetic: hungry at school.',
  parentsInformed: 'no',
  childSpokenTo: 'yes',
  ...over,
});

describe('front door pages', () => {
  let t: TestContext;
  const clock = fixedClock(at('2026-11-23 10:00'));
  let mso: WebClient;
  before(async () => {
    t = await createTestContext({ clock });
    mso = await WebClient.signedInAs(t, 'mso', { landOn: '/' });
  });
  after(async () => t.close());

  const newContact = async (over: Parameters<typeof phoneContact>[1] = {}) => (await t.services.contacts.recordContact(t.hub.actors.mso, t.ctx, phoneContact(at('2026-11-23 09:00'), over))).id;

  describe('the public referral form', () => {
    it('shows the form to anyone, with a submission key', async () => {
      const visitor = new WebClient(t.app);
      const res = await visitor.get('/refer');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /Report a concern about a child/);
      assert.match(res.body, /name="submissionKey" value="[A-Za-z0-9_-]{20,}"/);
      assert.match(res.body, /Which area does the child live in\?/, 'two hubs: the area is asked');
    });

    it('keeps what was typed and names each problem, then gives a reference once fixed', async () => {
      const visitor = new WebClient(t.app);
      const form = await visitor.get('/refer');
      const key = /name="submissionKey" value="([^"]+)"/.exec(form.body)![1];
      const bad = await visitor.post('/refer', { submissionKey: key, hubId: t.hub.hubId, 'referrer-kind': 'public', 'referrer-name': 'Jo Neighbour', 'subjects-0-givenName': 'Robin', 'subjects-0-dateOfBirth-day': '31', 'subjects-0-dateOfBirth-month': '2', 'subjects-0-dateOfBirth-year': '2016' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /<title>Error: /);
      assert.deepEqual(errorLinks(bad.body).map(([href]) => href), ['#referrer-phone', '#subjects-0-dateOfBirth-day', '#concernSummary', '#parentsInformed', '#childSpokenTo']);
      assert.match(bad.body, /value="Jo Neighbour"/);
      assert.match(bad.body, /value="Robin"/);
      assert.match(bad.body, new RegExp(`value="${key}"`), 'the same submission key is kept');

      const fixed = { submissionKey: key, hubId: t.hub.hubId, 'referrer-kind': 'public', 'referrer-name': 'Jo Neighbour', 'referrer-email': 'jo@example.com', 'subjects-0-givenName': 'Robin', concernSummary: 'Synthetic: shouting.', parentsInformed: 'no', childSpokenTo: 'not-known' };
      const ok = await visitor.post('/refer', fixed);
      assert.equal(ok.statusCode, 302);
      assert.equal(ok.headers.location, '/refer/confirmation');
      const confirmation = await visitor.get('/refer/confirmation');
      assert.equal(confirmation.statusCode, 200);
      const reference = /data-qa="reference">([^<]+)</.exec(confirmation.body)![1];
      assert.match(reference, /^MASH-2026-\d{6}$/);

      // pressing "Send" again sends nothing new
      await visitor.post('/refer', fixed);
      const again = await visitor.get('/refer/confirmation');
      assert.equal(/data-qa="reference">([^<]+)</.exec(again.body)![1], reference);
      const rows = await t.database.db.selectFrom('contact').select('id').where('submission_key', '=', key).execute();
      assert.equal(rows.length, 1);
    });

    it('adds and removes children without JavaScript', async () => {
      const visitor = new WebClient(t.app);
      await visitor.get('/refer');
      const added = await visitor.post('/refer', { action: 'add-subject', subjectCount: '1', 'subjects-0-givenName': 'Robin' });
      assert.equal(added.statusCode, 200);
      assert.match(added.body, /id="subjects-1-givenName"/);
      assert.match(added.body, /value="Robin"/);
      const removed = await visitor.post('/refer', { action: 'remove-subject-0', subjectCount: '2', 'subjects-0-givenName': 'Robin', 'subjects-1-givenName': 'Kit' });
      assert.doesNotMatch(removed.body, /id="subjects-1-givenName"/);
      assert.match(removed.body, /value="Kit"/);
    });

    it('the confirmation page needs a referral first; a forged cookie is ignored', async () => {
      const visitor = new WebClient(t.app);
      assert.equal((await visitor.get('/refer/confirmation')).statusCode, 302);
      const forged = await t.app.inject({ method: 'GET', url: '/refer/confirmation', headers: { cookie: 'openmash_referral=MASH-2026-999999' } });
      assert.equal(forged.statusCode, 302);
    });

    it('refuses a post without the form’s CSRF token', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/refer', payload: { concernSummary: 'x' } });
      assert.equal(res.statusCode, 403);
    });
  });

  describe('recording a contact', () => {
    it('shows the form with the time received filled in', async () => {
      const res = await mso.get('/contacts/new');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /name="receivedAt-day" type="text" value="23"|value="23"/);
      assert.match(res.body, /value="10:00"/);
    });

    it('keeps what was typed and links each error to its box', async () => {
      await mso.get('/contacts/new');
      const res = await mso.post('/contacts/new', contactForm({ 'receivedAt-time': '25:00', 'subjects-1-role': 'subject', 'subjects-1-givenName': '', 'subjects-1-familyName': '', 'subjects-1-postcode': 'nope', concernSummary: '' }));
      assert.equal(res.statusCode, 400);
      assert.deepEqual(errorLinks(res.body).map(([href]) => href), ['#receivedAt-day', '#subjects-1-givenName', '#subjects-1-postcode', '#concernSummary']);
      assert.match(res.body, /value="Alex"/);
      assert.match(res.body, /value="nope"/);
    });

    it('records the contact and shows it', async () => {
      await mso.get('/contacts/new');
      const res = await mso.post('/contacts/new', contactForm());
      assert.equal(res.statusCode, 302);
      const page = await mso.get(res.headers.location as string);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Contact recorded/);
      assert.match(page.body, /data-qa="reference">MASH-2026-\d{6}</);
      assert.match(page.body, /data-qa="clock-decision"/);
      assert.match(page.body, /Link to the person index/);
      assert.match(page.body, /\/subjects\/[0-9a-f-]{36}\/link/);
      assert.match(page.body, /Not linked/);
    });

    it('a blank spare person is ignored', async () => {
      await mso.get('/contacts/new');
      const res = await mso.post('/contacts/new', contactForm({ subjectCount: '3', 'subjects-2-role': 'sibling' }));
      assert.equal(res.statusCode, 302);
    });

    it('records a scenario consultation, closed with its advice', async () => {
      await mso.get('/consultations/new');
      const res = await mso.post('/consultations/new', {
        consultationKind: 'scenario',
        'receivedAt-day': '23',
        'receivedAt-month': '11',
        'receivedAt-year': '2026',
        'receivedAt-time': '09:55',
        'referrer-name': 'Dr Example',
        'referrer-organisation': 'Example Surgery',
        'referrer-phone': '01632 960 003',
        subjectCount: '1',
        concernSummary: 'Synthetic: asked about a described situation.',
        consultationAdvice: 'Explained the threshold document.',
      });
      assert.equal(res.statusCode, 302, res.body.slice(0, 500));
      const page = await mso.get(res.headers.location as string);
      assert.match(page.body, /Consultation recorded and closed with the advice given/);
      assert.match(page.body, /No person is recorded on this contact/);
      assert.match(page.body, /data-qa="status">Closed/);
    });

    it('a consultation without its kind or advice is sent back', async () => {
      await mso.get('/consultations/new');
      const res = await mso.post('/consultations/new', { 'receivedAt-day': '23', 'receivedAt-month': '11', 'receivedAt-year': '2026', 'receivedAt-time': '09:55', 'referrer-name': 'Dr Example', 'referrer-organisation': 'Example Surgery', 'referrer-phone': '01632 960 003', subjectCount: '1', concernSummary: 'x' });
      assert.equal(res.statusCode, 400);
      assert.deepEqual(errorLinks(res.body).map(([href]) => href), ['#consultationKind', '#subjects-0-givenName', '#concernCategories']);
    });
  });

  describe('a contact’s pages', () => {
    it('screens a contact: errors kept, then saved, Red flagged', async () => {
      const id = await newContact();
      const form = await mso.get(`/contacts/${id}/screen`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /Emerging needs/);
      const bad = await mso.post(`/contacts/${id}/screen`, { version: '1', classification: 'safeguarding-referral', initialBrag: 'red', bragRationale: '' });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(errorLinks(bad.body).map(([href]) => href), ['#thresholdLevel', '#bragRationale']);
      assert.match(bad.body, /value="red" checked/);
      const ok = await mso.post(`/contacts/${id}/screen`, { version: '1', classification: 'safeguarding-referral', thresholdLevel: 'Specialist', initialBrag: 'red', bragRationale: 'Disclosure.', policeCrimeSuspected: 'yes', policeReferredToCait: 'yes' });
      assert.equal(ok.statusCode, 302);
      const page = await mso.get(`/contacts/${id}`);
      assert.match(page.body, /Red: pass this contact to children’s social care without delay/);
      assert.match(page.body, /data-qa="brag">Red/);
      assert.match(page.body, /data-qa="clock-brag-red"/);
      const stale = await mso.post(`/contacts/${id}/screen`, { version: '1', classification: 'safeguarding-referral', thresholdLevel: 'Specialist', initialBrag: 'amber', bragRationale: 'x' });
      assert.equal(stale.statusCode, 409);
      assert.match(stale.body, /Someone else changed this contact/);
    });

    it('allocates from the contact page, and refuses someone outside the team', async () => {
      const id = await newContact();
      await mso.get(`/contacts/${id}`);
      const ok = await mso.post(`/contacts/${id}/allocate`, { version: '1', userId: t.hub.actors['social-worker'].userId });
      assert.equal(ok.statusCode, 302);
      const page = await mso.get(`/contacts/${id}`);
      assert.match(page.body, /Allocated to <strong>Sol Worker<\/strong>/);
      const bad = await mso.post(`/contacts/${id}/allocate`, { version: '2', userId: t.hub.actors.police.userId });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(errorLinks(bad.body).map(([href]) => href), ['#userId']);
    });

    it('records the written referral', async () => {
      const id = await newContact({ writtenReferralOwed: true });
      await mso.get(`/contacts/${id}`);
      const bad = await mso.post(`/contacts/${id}/written-referral`, { version: '1', 'written-day': '23', 'written-month': '11', 'written-year': '2026', 'written-time': '' });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(errorLinks(bad.body).map(([href]) => href), ['#written-day']);
      const ok = await mso.post(`/contacts/${id}/written-referral`, { version: '1', 'written-day': '23', 'written-month': '11', 'written-year': '2026', 'written-time': '09:45' });
      assert.equal(ok.statusCode, 302);
      assert.match((await mso.get(`/contacts/${id}`)).body, /Received 23 Nov 2026, 09:45/);
    });

    it('the queue page lists contacts with their clocks, on every tab', async () => {
      await newContact();
      for (const queue of ['mine', 'team', 'unallocated', 'agency']) {
        const res = await mso.get(`/contacts?queue=${queue}`);
        assert.equal(res.statusCode, 200, queue);
      }
      const unallocated = await mso.get('/contacts?queue=unallocated');
      assert.match(unallocated.body, /data-qa="queue-clock-decision"/);
      assert.match(unallocated.body, /Alex Testchild/);
      assert.equal((await mso.get(`/contacts?queue=agency&agencyId=${t.otherHub.agencyIds.police}`)).statusCode, 404);
    });
  });

  describe('front door settings page', () => {
    it('the administrator changes thresholds and timescales; errors are kept', async () => {
      const admin = await WebClient.signedInAs(t, 'admin', { landOn: '/' });
      const page = await admin.get('/admin/front-door-settings');
      assert.equal(page.statusCode, 200);
      const version = /name="version" value="(\d+)"/.exec(page.body)![1];
      const bad = await admin.post('/admin/front-door-settings', { version, thresholds: 'Universal\nEmerging needs\nIntensive\nSpecialist', referencePrefix: 'MASH', 'timescales-brag-amber-kind': 'working-days', 'timescales-brag-amber-n': '' });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(errorLinks(bad.body).map(([href]) => href), ['#timescales-brag-amber-n']);
      const ok = await admin.post('/admin/front-door-settings', { version, thresholds: 'Universal\nEmerging needs\nIntensive\nSpecialist', referencePrefix: 'MASH', 'timescales-brag-amber-kind': 'working-days', 'timescales-brag-amber-n': '3' });
      assert.equal(ok.statusCode, 302);
      const after = await admin.get('/admin/front-door-settings');
      assert.match(after.body, /Front door settings saved/);
      assert.match(after.body, /id="timescales-brag-amber-n" name="timescales-brag-amber-n" type="text" value="3"|value="3"/);
    });
  });

  describe('access to every page', () => {
    let id: string;
    before(async () => {
      id = await newContact();
    });
    const pages = (contactId: string) => [
      { method: 'GET', url: '/contacts', status: 403 },
      { method: 'GET', url: '/contacts/new', status: 403 },
      { method: 'POST', url: '/contacts/new', status: 403 },
      { method: 'GET', url: '/consultations/new', status: 403 },
      { method: 'POST', url: '/consultations/new', status: 403 },
      { method: 'GET', url: `/contacts/${contactId}`, status: 404 },
      { method: 'GET', url: `/contacts/${contactId}/screen`, status: 404 },
      { method: 'POST', url: `/contacts/${contactId}/screen`, status: 404 },
      { method: 'POST', url: `/contacts/${contactId}/allocate`, status: 404 },
      { method: 'POST', url: `/contacts/${contactId}/written-referral`, status: 404 },
    ];

    it('roles outside the front door are refused: 403 for pages naming nothing, 404 for a contact', async () => {
      for (const role of OUTSIDERS) {
        const session = await WebClient.signedInAs(t, role, { landOn: '/' });
        for (const page of pages(id)) {
          const res = page.method === 'GET' ? await session.get(page.url) : await session.post(page.url, { ...contactForm(), version: '1' });
          assert.equal(res.statusCode, page.status, `${role} ${page.method} ${page.url}`);
        }
        if (role !== 'admin') {
          assert.equal((await session.get('/admin/front-door-settings')).statusCode, 403, role);
          assert.equal((await session.post('/admin/front-door-settings', { version: '1', thresholds: 'A', referencePrefix: 'MASH' })).statusCode, 403, role);
        }
      }
    });

    it('the front door of another hub gets 404 for this hub’s contact', async () => {
      const other = await WebClient.signedInAs(t, 'mso', { hub: 'other', landOn: '/' });
      for (const page of pages(id).filter((p) => p.status === 404)) {
        const res = page.method === 'GET' ? await other.get(page.url) : await other.post(page.url, { version: '1' });
        assert.equal(res.statusCode, 404, `${page.method} ${page.url}`);
      }
    });

    it('the LADO reads an allegation against a professional, with nothing to change on it', async () => {
      const ladoId = await newContact({ concernCategories: ['allegation-against-professional'] });
      const lado = await WebClient.signedInAs(t, 'lado', { landOn: '/' });
      const page = await lado.get(`/contacts/${ladoId}`);
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /Screen this contact|Save allocation|Back to contacts/);
      assert.equal((await lado.get(`/contacts/${ladoId}/screen`)).statusCode, 404);
    });

    it('the front door may not change the settings', async () => {
      assert.equal((await mso.get('/admin/front-door-settings')).statusCode, 403);
    });

    it('signed out, the staff pages send you to sign in', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/contacts' });
      assert.equal(res.statusCode, 302);
      assert.equal(res.headers.location, '/sign-in');
    });
  });
});
