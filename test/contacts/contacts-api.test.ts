import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { at } from '../../src/features/clocks/domain/test-support';
import type { Role } from '../../src/platform/access/roles';
import { fixedClock } from '../../src/platform/time/clock';
import { createTestContext, type TestContext } from '../harness';
import { phoneContact } from './builders';

/** Every role outside the front door: none of them may reach its routes. */
const OUTSIDERS: Role[] = ['police', 'health', 'education', 'probation', 'housing', 'agency-practitioner', 'lado', 'ig-lead', 'auditor', 'performance', 'admin'];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('front door API', () => {
  let t: TestContext;
  const clock = fixedClock(at('2026-11-23 10:00'));
  before(async () => {
    t = await createTestContext({ clock });
  });
  after(async () => t.close());

  const newContact = async (over: Record<string, unknown> = {}) => {
    const res = await t.api('mso', { method: 'POST', url: '/api/v1/contacts', payload: { ...phoneContact(at('2026-11-23 09:00')), ...over } });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { id: string; reference: string };
  };
  const problemFields = (res: { json(): unknown }) => ((res.json() as { errors?: Array<{ field: string }> }).errors ?? []).map((e) => e.field);

  describe('POST /api/v1/contacts', () => {
    it('records a contact and answers with its reference and clocks as ISO instants', async () => {
      const res = await t.api('mso', { method: 'POST', url: '/api/v1/contacts', payload: phoneContact(at('2026-11-23 09:00')) });
      assert.equal(res.statusCode, 201);
      const body = res.json();
      assert.match(body.reference, /^MASH-2026-\d{6}$/);
      assert.equal(body.clocks[0].type, 'decision');
      assert.equal(body.clocks[0].dueAt, '2026-11-24T17:00:00.000Z');
      assert.match(body.clocks[0].startedAt, ISO);
      assert.equal(body.clocks[0].tagClass, undefined, 'presentation stays out of the API');
    });
    it('answers bad input with 400 problem JSON naming each field', async () => {
      const res = await t.api('mso', { method: 'POST', url: '/api/v1/contacts', payload: { ...phoneContact(at('2026-11-23 09:00')), subjects: [], concernSummary: '' } });
      assert.equal(res.statusCode, 400);
      assert.match(String(res.headers['content-type']), /application\/problem\+json/);
      assert.deepEqual(problemFields(res), ['subjects', 'concernSummary']);
      const future = await t.api('mso', { method: 'POST', url: '/api/v1/contacts', payload: phoneContact(at('2026-11-23 11:00')) });
      assert.deepEqual(problemFields(future), ['receivedAt']);
    });
    it('refuses what the schema does not know', async () => {
      const extra = await t.api('mso', { method: 'POST', url: '/api/v1/contacts', payload: { ...phoneContact(at('2026-11-23 09:00')), colour: 'blue' } });
      assert.equal(extra.statusCode, 400);
      const channel = await t.api('mso', { method: 'POST', url: '/api/v1/contacts', payload: { ...phoneContact(at('2026-11-23 09:00')), channel: 'online-form' } });
      assert.equal(channel.statusCode, 400);
      assert.deepEqual(problemFields(channel), ['channel']);
    });
    it('needs a token', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/contacts', payload: phoneContact(at('2026-11-23 09:00')) });
      assert.equal(res.statusCode, 401);
    });
  });

  describe('POST /api/v1/consultations', () => {
    it('records a scenario with no person, closed', async () => {
      const { channel: _channel, ...rest } = phoneContact(at('2026-11-23 09:00'));
      const res = await t.api('social-worker', { method: 'POST', url: '/api/v1/consultations', payload: { ...rest, subjects: [], concernCategories: [], consultationKind: 'scenario', consultationAdvice: 'Advice given.' } });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().status, 'closed');
      assert.deepEqual(res.json().clocks, []);
    });
    it('a scenario needs its advice', async () => {
      const { channel: _channel, ...rest } = phoneContact(at('2026-11-23 09:00'));
      const res = await t.api('mso', { method: 'POST', url: '/api/v1/consultations', payload: { ...rest, subjects: [], consultationKind: 'scenario' } });
      assert.equal(res.statusCode, 400);
      assert.deepEqual(problemFields(res), ['consultationAdvice']);
    });
  });

  describe('one contact', () => {
    let id: string;
    before(async () => {
      id = (await newContact({ writtenReferralOwed: true })).id;
    });

    it('GET answers the contact with its people and clocks', async () => {
      const res = await t.api('decision-maker', { method: 'GET', url: `/api/v1/contacts/${id}` });
      assert.equal(res.statusCode, 200);
      const body = res.json();
      assert.equal(body.subjects.length, 2);
      assert.equal(body.subjects[0].personId, null);
      assert.equal(body.receivedAt, '2026-11-23T09:00:00.000Z');
      assert.deepEqual(body.clocks.map((c: { type: string }) => c.type), ['written-referral', 'decision']);
      assert.equal(body.version, 1);
    });
    it('GET: an id that is not a uuid is refused by the schema; an unknown one is 404', async () => {
      assert.equal((await t.api('mso', { method: 'GET', url: '/api/v1/contacts/nonsense' })).statusCode, 400);
      assert.equal((await t.api('mso', { method: 'GET', url: '/api/v1/contacts/00000000-0000-4000-8000-000000000000' })).statusCode, 404);
    });

    it('POST screening: 200, then 409 for the stale version, 400 for bad input', async () => {
      const screening = { classification: 'safeguarding-referral', thresholdLevel: 'Intensive', initialBrag: 'amber', bragRationale: 'Synthetic.', policeCrimeSuspected: 'not-known' };
      const ok = await t.api('mso', { method: 'POST', url: `/api/v1/contacts/${id}/screening`, payload: { ...screening, version: 1 } });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().status, 'screened');
      assert.equal(ok.json().screening.initialBrag, 'amber');
      assert.equal(ok.json().clocks.find((c: { type: string }) => c.type === 'brag-amber').dueAt, '2026-11-25T17:00:00.000Z');
      const stale = await t.api('mso', { method: 'POST', url: `/api/v1/contacts/${id}/screening`, payload: { ...screening, version: 1 } });
      assert.equal(stale.statusCode, 409);
      const bad = await t.api('mso', { method: 'POST', url: `/api/v1/contacts/${id}/screening`, payload: { ...screening, thresholdLevel: 'Nope', bragRationale: '', version: 2 } });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(problemFields(bad), ['thresholdLevel', 'bragRationale']);
    });

    it('PUT allocation: 200, 400 for someone outside the team, 409 for a stale version', async () => {
      const current = (await t.api('mso', { method: 'GET', url: `/api/v1/contacts/${id}` })).json().version as number;
      const ok = await t.api('mso', { method: 'PUT', url: `/api/v1/contacts/${id}/allocation`, payload: { userId: t.hub.actors['social-worker'].userId, version: current } });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().allocatedTo.id, t.hub.actors['social-worker'].userId);
      const outsider = await t.api('mso', { method: 'PUT', url: `/api/v1/contacts/${id}/allocation`, payload: { userId: t.hub.actors.police.userId, version: current + 1 } });
      assert.equal(outsider.statusCode, 400);
      assert.deepEqual(problemFields(outsider), ['userId']);
      const stale = await t.api('decision-maker', { method: 'PUT', url: `/api/v1/contacts/${id}/allocation`, payload: { userId: null, version: current } });
      assert.equal(stale.statusCode, 409);
    });

    it('POST written-referral: 200 meets the clock; 400 for a bad time; 409 when none is owed', async () => {
      const current = (await t.api('mso', { method: 'GET', url: `/api/v1/contacts/${id}` })).json().version as number;
      const bad = await t.api('mso', { method: 'POST', url: `/api/v1/contacts/${id}/written-referral`, payload: { receivedAt: 'yesterday', version: current } });
      assert.equal(bad.statusCode, 400);
      const early = await t.api('mso', { method: 'POST', url: `/api/v1/contacts/${id}/written-referral`, payload: { receivedAt: '2026-11-22T09:00:00Z', version: current } });
      assert.equal(early.statusCode, 400);
      assert.deepEqual(problemFields(early), ['writtenReferralReceivedAt']);
      const ok = await t.api('mso', { method: 'POST', url: `/api/v1/contacts/${id}/written-referral`, payload: { receivedAt: '2026-11-23T09:30:00Z', version: current } });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().clocks.find((c: { type: string }) => c.type === 'written-referral').state, 'met');
      const other = await newContact();
      const none = await t.api('mso', { method: 'POST', url: `/api/v1/contacts/${other.id}/written-referral`, payload: { receivedAt: '2026-11-23T09:30:00Z', version: 1 } });
      assert.equal(none.statusCode, 409);
    });
  });

  describe('GET /api/v1/queues/:queue', () => {
    it('lists open contacts with clocks; unknown queues and stray parameters are refused', async () => {
      const { reference } = await newContact();
      const res = await t.api('mso', { method: 'GET', url: '/api/v1/queues/unallocated' });
      assert.equal(res.statusCode, 200);
      const item = res.json().items.find((i: { reference: string }) => i.reference === reference);
      assert.ok(item);
      assert.equal(item.nextDueAt, '2026-11-24T17:00:00.000Z');
      assert.equal(item.breached, false);
      assert.equal((await t.api('mso', { method: 'GET', url: '/api/v1/queues/everything' })).statusCode, 400);
      assert.equal((await t.api('mso', { method: 'GET', url: '/api/v1/queues/mine?sort=name' })).statusCode, 400);
      assert.equal((await t.api('mso', { method: 'GET', url: '/api/v1/queues/mine?page=-1' })).statusCode, 400);
    });
    it('by agency: own hub’s agency 200; another hub’s agency 404', async () => {
      assert.equal((await t.api('mso', { method: 'GET', url: `/api/v1/queues/agency?agencyId=${t.hub.agencyIds.police}` })).statusCode, 200);
      assert.equal((await t.api('mso', { method: 'GET', url: `/api/v1/queues/agency?agencyId=${t.otherHub.agencyIds.police}` })).statusCode, 404);
    });
  });

  describe('options and settings', () => {
    it('GET /api/v1/front-door/options gives thresholds, agencies and the team', async () => {
      const res = await t.api('social-worker', { method: 'GET', url: '/api/v1/front-door/options' });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json().thresholds, ['Universal', 'Emerging needs', 'Intensive', 'Specialist']);
      assert.deepEqual(res.json().workers.map((w: { role: string }) => w.role).sort(), ['decision-maker', 'mso', 'social-worker']);
    });
    it('GET and PUT /api/v1/hub/front-door-settings: the administrator changes them; 400, 409 as usual', async () => {
      const read = await t.api('admin', { method: 'GET', url: '/api/v1/hub/front-door-settings' });
      assert.equal(read.statusCode, 200);
      const version = read.json().version as number;
      const bad = await t.api('admin', { method: 'PUT', url: '/api/v1/hub/front-door-settings', payload: { thresholds: [], referencePrefix: 'MASH', timescales: {}, version } });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(problemFields(bad), ['thresholds']);
      const badKind = await t.api('admin', { method: 'PUT', url: '/api/v1/hub/front-door-settings', payload: { thresholds: ['A'], referencePrefix: 'MASH', timescales: { decision: { kind: 'weeks', n: 1 } }, version } });
      assert.equal(badKind.statusCode, 400);
      const ok = await t.api('admin', {
        method: 'PUT',
        url: '/api/v1/hub/front-door-settings',
        payload: { thresholds: ['Universal', 'Emerging needs', 'Intensive', 'Specialist'], referencePrefix: 'MASH', timescales: { 'brag-blue': { kind: 'calendar-days', n: 7 } }, version },
      });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().version, version + 1);
      const stale = await t.api('admin', { method: 'PUT', url: '/api/v1/hub/front-door-settings', payload: { thresholds: ['A'], referencePrefix: 'MASH', timescales: {}, version } });
      assert.equal(stale.statusCode, 409);
      assert.equal((await t.api('mso', { method: 'GET', url: '/api/v1/hub/front-door-settings' })).statusCode, 200);
      assert.equal((await t.api('mso', { method: 'PUT', url: '/api/v1/hub/front-door-settings', payload: { thresholds: ['A'], referencePrefix: 'MASH', timescales: {}, version: version + 1 } })).statusCode, 403);
    });
  });

  describe('the public referral API (no account)', () => {
    it('lists the areas and takes a referral, idempotently', async () => {
      const areas = await t.app.inject({ method: 'GET', url: '/api/v1/public/referral-areas' });
      assert.equal(areas.statusCode, 200);
      const hubId = areas.json().find((a: { name: string }) => a.name === 'Demo MASH').hubId;
      const payload = {
        hubId,
        referrer: { kind: 'anonymous' },
        subjects: [{ givenName: 'Robin', familyName: 'Testchild', dateOfBirth: '2017-06-01', postcode: 'ZZ99 9ZZ' }],
        concernSummary: 'Synthetic: a child left alone at night.',
        parentsInformed: 'no',
        childSpokenTo: 'no',
        submissionKey: 'api-public-key-000001',
      };
      const first = await t.app.inject({ method: 'POST', url: '/api/v1/public/referrals', payload });
      assert.equal(first.statusCode, 201, first.body);
      assert.match(first.json().reference, /^MASH-2026-\d{6}$/);
      const again = await t.app.inject({ method: 'POST', url: '/api/v1/public/referrals', payload });
      assert.equal(again.statusCode, 200);
      assert.deepEqual(again.json(), { reference: first.json().reference, repeated: true });
    });
    it('answers bad input with field errors', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/referrals', payload: { referrer: { kind: 'public' }, subjects: [], concernSummary: '', parentsInformed: 'no', childSpokenTo: 'no' } });
      assert.equal(res.statusCode, 400);
      assert.deepEqual(problemFields(res), ['hubId', 'referrer.name', 'referrer.phone', 'subjects', 'concernSummary']);
    });
  });

  describe('access: every route refuses roles outside the front door, and other hubs', () => {
    let id: string;
    before(async () => {
      id = (await newContact({ writtenReferralOwed: true })).id;
    });
    const routes = (contactId: string) => [
      { method: 'POST' as const, url: '/api/v1/contacts', payload: phoneContact(at('2026-11-23 09:00')), hidden: false },
      { method: 'POST' as const, url: '/api/v1/consultations', payload: { ...phoneContact(at('2026-11-23 09:00')), channel: undefined, consultationKind: 'named-child' }, hidden: false },
      { method: 'GET' as const, url: `/api/v1/contacts/${contactId}`, hidden: true },
      { method: 'POST' as const, url: `/api/v1/contacts/${contactId}/screening`, payload: { classification: 'safeguarding-referral', thresholdLevel: 'Intensive', initialBrag: 'amber', bragRationale: 'x', version: 1 }, hidden: true },
      { method: 'PUT' as const, url: `/api/v1/contacts/${contactId}/allocation`, payload: { userId: null, version: 1 }, hidden: true },
      { method: 'POST' as const, url: `/api/v1/contacts/${contactId}/written-referral`, payload: { receivedAt: '2026-11-23T09:30:00Z', version: 1 }, hidden: true },
      { method: 'GET' as const, url: '/api/v1/queues/unallocated', hidden: false },
      { method: 'GET' as const, url: '/api/v1/queues/agency', hidden: false },
      { method: 'GET' as const, url: '/api/v1/front-door/options', hidden: false },
    ];

    it('wrong role: 403 where nothing is named, 404 for a contact', async () => {
      for (const role of OUTSIDERS) {
        for (const route of routes(id)) {
          const res = await t.api(role, { method: route.method, url: route.url, payload: route.payload });
          // the LADO may read a contact only when it is an allegation against a professional (this one is not)
          const expected = route.hidden ? 404 : 403;
          assert.equal(res.statusCode, expected, `${role} ${route.method} ${route.url}: ${res.body}`);
        }
      }
    });

    it('the settings: only the administrator changes them; partners and others cannot read them', async () => {
      for (const role of OUTSIDERS.filter((r) => r !== 'admin')) {
        assert.equal((await t.api(role, { method: 'GET', url: '/api/v1/hub/front-door-settings' })).statusCode, 403, role);
        assert.equal((await t.api(role, { method: 'PUT', url: '/api/v1/hub/front-door-settings', payload: { thresholds: ['A'], referencePrefix: 'MASH', timescales: {}, version: 1 } })).statusCode, 403, role);
      }
    });

    it('other hub: every contact route is 404, even for the front door there', async () => {
      for (const role of ['mso', 'social-worker', 'decision-maker'] as const) {
        for (const route of routes(id).filter((r) => r.hidden)) {
          const res = await t.api(role, { method: route.method, url: route.url, payload: route.payload }, 'other');
          assert.equal(res.statusCode, 404, `${role} ${route.method} ${route.url}`);
        }
      }
    });

    it('wrong agency: a partner practitioner gets 404 for the contact and cannot filter a queue by any agency', async () => {
      const res = await t.api('police', { method: 'GET', url: `/api/v1/contacts/${id}` });
      assert.equal(res.statusCode, 404);
      const queue = await t.api('police', { method: 'GET', url: `/api/v1/queues/agency?agencyId=${t.hub.agencyIds.police}` });
      assert.equal(queue.statusCode, 403);
    });

    it('the LADO reads an allegation against a professional, read only', async () => {
      const lado = await newContact({ concernCategories: ['allegation-against-professional'] });
      assert.equal((await t.api('lado', { method: 'GET', url: `/api/v1/contacts/${lado.id}` })).statusCode, 200);
      const screening = await t.api('lado', { method: 'POST', url: `/api/v1/contacts/${lado.id}/screening`, payload: { classification: 'allegation-lado', thresholdLevel: 'Specialist', initialBrag: 'red', bragRationale: 'x', version: 1 } });
      assert.equal(screening.statusCode, 404);
    });
  });
});
