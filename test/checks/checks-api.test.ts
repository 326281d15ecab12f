import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Role } from '../../src/platform/access/roles';
import { createTestContext, type TestContext } from '../harness';
import { consentGiven, consentGivenByAdult, consentRefused, contactWithRequests, noInformationHeld, overrideFor, responseWithHeldBack, screenedContact, sendInput } from './builders';

type Json = Record<string, unknown>;

describe('MASH checks API', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext();
  });
  after(async () => t.close());

  const call = (role: Role, method: 'GET' | 'POST', url: string, payload?: unknown, which: 'hub' | 'other' = 'hub') =>
    t.api(role, { method, url, ...(payload !== undefined ? { payload: payload as Json } : {}) }, which);
  /** a problem JSON answer with this status (and, for 400, these fields) */
  const problem = (res: { statusCode: number; headers: Record<string, unknown>; json(): Json }, status: number, fields: string[] = []) => {
    assert.equal(res.statusCode, status, JSON.stringify(res.json()));
    assert.match(String(res.headers['content-type']), /application\/problem\+json/);
    const body = res.json() as { status: number; errors?: Array<{ field: string }> };
    assert.equal(body.status, status);
    for (const f of fields) assert.ok(body.errors?.some((e) => e.field === f), `expected field ${f} in ${JSON.stringify(body.errors)}`);
  };
  const json = (d: Date) => d.toISOString();

  describe('GET /api/v1/contacts/:id/checks and /responses', () => {
    it('answers the decision maker, hides the contact from agencies and other hubs, refuses roles without access', async () => {
      const { contact, enquiryIds } = await contactWithRequests(t, ['police']);
      await t.services.checks.respondToEnquiry(t.hub.actors.police, t.ctx, enquiryIds[0], responseWithHeldBack);
      const ok = await call('decision-maker', 'GET', `/api/v1/contacts/${contact.id}/checks`);
      assert.equal(ok.statusCode, 200);
      const body = ok.json() as { people: unknown[]; enquiries: Array<{ view: { level: string; response: { level: string; items: Array<{ heldBack: boolean }> } } }> };
      assert.equal(body.people.length, 4);
      assert.equal(body.enquiries[0].view.level, 'full');
      assert.equal(body.enquiries[0].view.response.items.filter((i) => i.heldBack).length, 1);
      const responses = await call('decision-maker', 'GET', `/api/v1/contacts/${contact.id}/responses`);
      assert.equal(responses.statusCode, 200);
      assert.equal(responses.json()[0].response.level, 'full');
      for (const url of [`/api/v1/contacts/${contact.id}/checks`, `/api/v1/contacts/${contact.id}/responses`]) {
        problem(await call('police', 'GET', url), 404);
        problem(await call('decision-maker', 'GET', url, undefined, 'other'), 404);
        problem(await call('ig-lead', 'GET', url), 403);
        problem(await call('decision-maker', 'GET', url.replace(contact.id, randomUUID())), 404);
        problem(await call('decision-maker', 'GET', url.replace(contact.id, 'not-a-uuid')), 400);
      }
      // a MASH social worker gets the sign-post, never the held-back part
      const sw = await call('social-worker', 'GET', `/api/v1/contacts/${contact.id}/responses`);
      assert.equal(sw.json()[0].response.level, 'shared');
      assert.ok(!sw.body.includes('live investigation'));
      assert.match(sw.body, /held back within the MASH/);
    });
  });

  describe('POST /api/v1/contacts/:id/consents', () => {
    it('records, validates with field errors, and refuses other agencies and hubs', async () => {
      const c = await screenedContact(t.database.db, t.hub);
      const good = { subjectId: c.subjects.child, answer: 'given', soughtFrom: { kind: 'parental-responsibility', names: ['Morgan Testparent'] }, soughtAt: json(new Date(Date.now() - 60_000)), scope: 'MASH checks' };
      const created = await call('decision-maker', 'POST', `/api/v1/contacts/${c.id}/consents`, good);
      assert.equal(created.statusCode, 201);
      assert.ok(created.json().id);
      problem(await call('decision-maker', 'POST', `/api/v1/contacts/${c.id}/consents`, { ...good, answer: 'not-sought', soughtFrom: undefined, soughtAt: undefined }), 400, ['notSoughtReasons', 'rationale']);
      problem(await call('decision-maker', 'POST', `/api/v1/contacts/${c.id}/consents`, { ...good, soughtAt: 'yesterday-ish' }), 400, ['soughtAt']);
      problem(await call('decision-maker', 'POST', `/api/v1/contacts/${c.id}/consents`, { ...good, surprise: true }), 400);
      problem(await call('decision-maker', 'POST', `/api/v1/contacts/${c.id}/consents`, { answer: 'given' }), 400, ['subjectId', 'scope']);
      problem(await call('health', 'POST', `/api/v1/contacts/${c.id}/consents`, good), 404);
      problem(await call('auditor', 'POST', `/api/v1/contacts/${c.id}/consents`, good), 404);
      problem(await call('decision-maker', 'POST', `/api/v1/contacts/${c.id}/consents`, good, 'other'), 404);
      const capacity = await call('decision-maker', 'POST', `/api/v1/contacts/${c.id}/consents`, {
        subjectId: c.subjects.father,
        answer: 'not-sought',
        notSoughtReasons: ['immediate-danger'],
        rationale: 'Synthetic',
        capacity: { status: 'has-capacity', decision: 'MASH checks', assessedBy: 'Synthetic assessor', assessedAt: json(new Date(Date.now() - 3_600_000)) },
        scope: 'MASH checks',
      });
      assert.equal(capacity.statusCode, 201, capacity.body);
    });
  });

  describe('POST /api/v1/consents/:id/withdraw', () => {
    it('withdraws, validates, and hides from agencies and other hubs', async () => {
      const { contact } = await contactWithRequests(t, ['police']);
      const consentId = (await t.services.checks.getChecks(t.hub.actors['decision-maker'], t.ctx, contact.id)).people[0].consent!.id;
      problem(await call('decision-maker', 'POST', `/api/v1/consents/${consentId}/withdraw`, {}), 400, ['receivedByAgencyId']);
      problem(await call('decision-maker', 'POST', `/api/v1/consents/${consentId}/withdraw`, { receivedByAgencyId: randomUUID() }), 400, ['receivedByAgencyId']);
      problem(await call('police', 'POST', `/api/v1/consents/${consentId}/withdraw`, { receivedByAgencyId: t.hub.agencyIds.police }), 404);
      problem(await call('decision-maker', 'POST', `/api/v1/consents/${consentId}/withdraw`, { receivedByAgencyId: t.otherHub.agencyIds.police }, 'other'), 404);
      const ok = await call('mso', 'POST', `/api/v1/consents/${consentId}/withdraw`, { receivedByAgencyId: t.hub.agencyIds.police });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.deepEqual(ok.json(), { tasks: 1 });
      problem(await call('mso', 'POST', `/api/v1/consents/${consentId}/withdraw`, { receivedByAgencyId: t.hub.agencyIds.police }), 409);
    });
  });

  describe('POST /api/v1/contacts/:id/consent-overrides', () => {
    it('authorises for a decision maker only', async () => {
      const c = await screenedContact(t.database.db, t.hub);
      await t.services.checks.recordConsent(t.hub.actors['decision-maker'], t.ctx, c.id, consentRefused(c.subjects.mother));
      const body = overrideFor([c.subjects.mother]);
      problem(await call('mso', 'POST', `/api/v1/contacts/${c.id}/consent-overrides`, body), 403);
      problem(await call('police', 'POST', `/api/v1/contacts/${c.id}/consent-overrides`, body), 404);
      problem(await call('decision-maker', 'POST', `/api/v1/contacts/${c.id}/consent-overrides`, body, 'other'), 404);
      problem(await call('decision-maker', 'POST', `/api/v1/contacts/${c.id}/consent-overrides`, { ...body, criteria: [], confirmed: false }), 400, ['criteria', 'confirmed']);
      problem(await call('decision-maker', 'POST', `/api/v1/contacts/${c.id}/consent-overrides`, { ...body, confirmed: 'yes' }), 400);
      const ok = await call('decision-maker', 'POST', `/api/v1/contacts/${c.id}/consent-overrides`, body);
      assert.equal(ok.statusCode, 201, ok.body);
    });
  });

  describe('POST /api/v1/contacts/:id/enquiries and /decisions-not-to-share', () => {
    it('sends for a decision maker, with field errors for what is missing', async () => {
      const c = await screenedContact(t.database.db, t.hub);
      const dm = t.hub.actors['decision-maker'];
      await t.services.checks.recordConsent(dm, t.ctx, c.id, consentGiven(c.subjects.child));
      await t.services.checks.recordConsent(dm, t.ctx, c.id, consentGivenByAdult(c.subjects.mother));
      const body = sendInput([t.hub.agencyIds.police, t.hub.agencyIds.health], [c.subjects.child, c.subjects.mother]);
      problem(await call('decision-maker', 'POST', `/api/v1/contacts/${c.id}/enquiries`, { ...body, question: '', share: { ...body.share, legalBases: [] } }), 400, ['question', 'legalBases']);
      problem(await call('decision-maker', 'POST', `/api/v1/contacts/${c.id}/enquiries`, { ...body, agencyIds: 'police' }), 400);
      problem(await call('mso', 'POST', `/api/v1/contacts/${c.id}/enquiries`, body), 403);
      problem(await call('police', 'POST', `/api/v1/contacts/${c.id}/enquiries`, body), 404);
      problem(await call('decision-maker', 'POST', `/api/v1/contacts/${c.id}/enquiries`, body, 'other'), 404);
      const ok = await call('decision-maker', 'POST', `/api/v1/contacts/${c.id}/enquiries`, body);
      assert.equal(ok.statusCode, 201, ok.body);
      assert.equal(ok.json().enquiryIds.length, 2);
    });

    it('records a decision not to share', async () => {
      const c = await screenedContact(t.database.db, t.hub);
      const body = { recipientName: 'A synthetic housing association', subjectIds: [c.subjects.child], what: 'Address', purpose: 'They asked', share: { when: { 'legitimate-purpose': 'no' }, checklist: {}, legalBases: [] }, rationale: 'No legitimate purpose' };
      problem(await call('decision-maker', 'POST', `/api/v1/contacts/${c.id}/decisions-not-to-share`, { ...body, what: '', rationale: '' }), 400, ['what', 'rationale']);
      problem(await call('social-worker', 'POST', `/api/v1/contacts/${c.id}/decisions-not-to-share`, body), 403);
      problem(await call('health', 'POST', `/api/v1/contacts/${c.id}/decisions-not-to-share`, body), 404);
      problem(await call('decision-maker', 'POST', `/api/v1/contacts/${c.id}/decisions-not-to-share`, body, 'other'), 404);
      const ok = await call('decision-maker', 'POST', `/api/v1/contacts/${c.id}/decisions-not-to-share`, body);
      assert.equal(ok.statusCode, 201, ok.body);
    });
  });

  describe('GET /api/v1/enquiries and /api/v1/enquiries/:id', () => {
    it('lists only the agency’s own requests, overdue flagged, and hides the rest', async () => {
      const { enquiryIds } = await contactWithRequests(t, ['police', 'health']);
      // one police request is overdue
      await t.database.db.updateTable('enquiry').set({ due_at: new Date(Date.now() - 60_000) }).where('id', '=', enquiryIds[0]).execute();
      const police = await call('police', 'GET', '/api/v1/enquiries');
      assert.equal(police.statusCode, 200);
      const list = police.json() as { agencyName: string; entries: Array<{ view: { id: string; agencyId: string; level: string; subjects: Array<Json> }; overdue: boolean }> };
      assert.equal(list.agencyName, 'Demo Police');
      assert.ok(list.entries.every((e) => e.view.agencyId === t.hub.agencyIds.police && e.view.level === 'agency'));
      assert.ok(list.entries.some((e) => e.view.id === enquiryIds[0] && e.overdue));
      assert.ok(!list.entries.some((e) => e.view.id === enquiryIds[1]));
      // only name, date of birth, address and household
      for (const s of list.entries[0].view.subjects) assert.deepEqual(Object.keys(s).sort(), ['address', 'dateOfBirth', 'household', 'name', 'personId']);
      assert.equal(list.entries[0].overdue, true, 'overdue first');
      const dm = await call('decision-maker', 'GET', '/api/v1/enquiries');
      assert.ok((dm.json() as typeof list).entries.some((e) => e.view.id === enquiryIds[1] && e.view.level === 'full'));
      problem(await call('ig-lead', 'GET', '/api/v1/enquiries'), 403);
      const other = await call('police', 'GET', '/api/v1/enquiries', undefined, 'other');
      assert.ok(!(other.json() as typeof list).entries.some((e) => enquiryIds.includes(e.view.id)));

      const one = await call('police', 'GET', `/api/v1/enquiries/${enquiryIds[0]}`);
      assert.equal(one.statusCode, 200);
      assert.equal(one.json().view.level, 'agency');
      assert.equal(one.json().actions.respond, true);
      problem(await call('health', 'GET', `/api/v1/enquiries/${enquiryIds[0]}`), 404);
      problem(await call('police', 'GET', `/api/v1/enquiries/${enquiryIds[0]}`, undefined, 'other'), 404);
      problem(await call('police', 'GET', `/api/v1/enquiries/${randomUUID()}`), 404);
      problem(await call('police', 'GET', '/api/v1/enquiries/guess'), 400);
      problem(await call('performance', 'GET', `/api/v1/enquiries/${enquiryIds[0]}`), 403);
    });
  });

  describe('the agency’s actions: acknowledge, response, additions; the decision maker’s withdraw', () => {
    it('acknowledge', async () => {
      const { enquiryIds } = await contactWithRequests(t, ['police']);
      const url = `/api/v1/enquiries/${enquiryIds[0]}/acknowledge`;
      problem(await call('health', 'POST', url, {}), 404);
      problem(await call('police', 'POST', url, {}, 'other'), 404);
      problem(await call('decision-maker', 'POST', url, {}), 403);
      problem(await call('police', 'POST', url, { version: 'one' }), 400);
      const ok = await call('police', 'POST', url, { version: 1 });
      assert.equal(ok.statusCode, 200);
      assert.deepEqual(ok.json(), { version: 2 });
      problem(await call('police', 'POST', url, {}), 409);
      assert.match((await call('police', 'POST', url, {})).json().type, /invalid-state/);
    });

    it('response', async () => {
      const { enquiryIds } = await contactWithRequests(t, ['police']);
      const url = `/api/v1/enquiries/${enquiryIds[0]}/response`;
      problem(await call('police', 'POST', url, { noInformationHeld: false, items: [{ kind: 'gossip', text: '' }] }), 400, ['agencyBrag', 'items[0].kind', 'items[0].text']);
      problem(await call('police', 'POST', url, { items: [] }), 400, ['noInformationHeld']);
      problem(await call('health', 'POST', url, noInformationHeld), 404);
      problem(await call('police', 'POST', url, noInformationHeld, 'other'), 404);
      problem(await call('decision-maker', 'POST', url, noInformationHeld), 403);
      const ok = await call('police', 'POST', url, responseWithHeldBack);
      assert.equal(ok.statusCode, 200, ok.body);
      problem(await call('police', 'POST', url, noInformationHeld), 409);
    });

    it('additions', async () => {
      const { enquiryIds } = await contactWithRequests(t, ['police']);
      const url = `/api/v1/enquiries/${enquiryIds[0]}/additions`;
      const add = { items: [{ kind: 'fact', text: 'Synthetic: later' }], agencyBrag: 'amber' };
      problem(await call('police', 'POST', url, add), 409);
      await call('police', 'POST', `/api/v1/enquiries/${enquiryIds[0]}/response`, noInformationHeld);
      problem(await call('police', 'POST', url, { items: [] }), 400, ['items']);
      problem(await call('health', 'POST', url, add), 404);
      problem(await call('police', 'POST', url, add, 'other'), 404);
      const ok = await call('police', 'POST', url, add);
      assert.equal(ok.statusCode, 200, ok.body);
    });

    it('withdraw', async () => {
      const { enquiryIds } = await contactWithRequests(t, ['police', 'health']);
      const url = `/api/v1/enquiries/${enquiryIds[0]}/withdraw`;
      problem(await call('decision-maker', 'POST', url, { reason: '' }), 400, ['reason']);
      problem(await call('decision-maker', 'POST', url, {}), 400, ['reason']);
      problem(await call('police', 'POST', url, { reason: 'x' }), 403);
      problem(await call('decision-maker', 'POST', url, { reason: 'x' }, 'other'), 404);
      const ok = await call('decision-maker', 'POST', url, { reason: 'Synthetic: not needed' });
      assert.equal(ok.statusCode, 200);
      problem(await call('decision-maker', 'POST', url, { reason: 'again' }), 409);
      await call('health', 'POST', `/api/v1/enquiries/${enquiryIds[1]}/response`, noInformationHeld);
      problem(await call('decision-maker', 'POST', `/api/v1/enquiries/${enquiryIds[1]}/withdraw`, { reason: 'x' }), 409);
    });
  });

  it('refuses NUL characters, and keeps only the checklist’s own questions', async () => {
    const c = await screenedContact(t.database.db, t.hub);
    const dm = t.hub.actors['decision-maker'];
    await t.services.checks.recordConsent(dm, t.ctx, c.id, consentGiven(c.subjects.child));
    const body = sendInput([t.hub.agencyIds.police], [c.subjects.child]);
    problem(await call('decision-maker', 'POST', `/api/v1/contacts/${c.id}/enquiries`, { ...body, question: 'What\u0000?' }), 400, ['question']);
    const withJunk = { ...body, share: { ...body.share, checklist: { ...body.share.checklist, 'made-up': { detail: 'junk' } } } };
    const ok = await call('decision-maker', 'POST', `/api/v1/contacts/${c.id}/enquiries`, withJunk);
    assert.equal(ok.statusCode, 201, ok.body);
    const stored = await t.database.db.selectFrom('share_decision').select('answers').where('enquiry_id', '=', ok.json().enquiryIds[0]).executeTakeFirstOrThrow();
    assert.equal('made-up' in (stored.answers as { checklist: Record<string, unknown> }).checklist, false);
  });

  it('is described in the OpenAPI document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const paths = Object.keys(res.json().paths);
    for (const p of [
      '/api/v1/contacts/{id}/checks',
      '/api/v1/contacts/{id}/responses',
      '/api/v1/contacts/{id}/consents',
      '/api/v1/consents/{id}/withdraw',
      '/api/v1/contacts/{id}/consent-overrides',
      '/api/v1/contacts/{id}/enquiries',
      '/api/v1/contacts/{id}/decisions-not-to-share',
      '/api/v1/enquiries',
      '/api/v1/enquiries/{id}',
      '/api/v1/enquiries/{id}/acknowledge',
      '/api/v1/enquiries/{id}/response',
      '/api/v1/enquiries/{id}/additions',
      '/api/v1/enquiries/{id}/withdraw',
    ]) {
      assert.ok(paths.includes(p), p);
    }
  });
});
