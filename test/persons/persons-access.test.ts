import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Response } from 'light-my-request';
import { ROLES, type Role } from '../../src/platform/access/roles';
import { phoneContact } from '../contacts/builders';
import { createTestContext, TEST_PASSWORD, type TestContext } from '../harness';
import { registeredRoutes } from '../platform/support/routes';
import { WebClient } from '../support/web-client';
import { personInput } from './builders';

/**
 * Every route of the person index × every role, another hub's users, and nobody signed in.
 * Written out by intent (PRODUCT.md §1, C2, C11), not derived from policy.ts: agency
 * practitioners, the LADO, IG, auditors and the performance lead never reach the person index
 * or its pages on a contact; only administrators import; another hub's records are "not found".
 */
const SEARCHERS: readonly Role[] = ['mso', 'social-worker', 'decision-maker'];
const WRITERS = SEARCHERS;
const MERGERS: readonly Role[] = ['mso', 'decision-maker'];
const IMPORTERS: readonly Role[] = ['admin'];

type Caller = Role | 'other-hub-mso' | 'other-hub-admin' | 'anonymous';
/** `own-hub`: works on the caller's own hub. `record`: names a record of the main hub. */
type Scope = 'own-hub' | 'record';

interface Fixture {
  person: string;
  other: string;
  relationship: string;
  merge: string;
  contact: string;
  subject: string;
}

interface Expectation {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  allowed: readonly Role[];
  scope: Scope;
  /** a body that passes the schema, so that only access decides (pages: a form) */
  body?: (f: Fixture) => Record<string, unknown>;
  /** the allowed call would change state the other cases rely on: refusals only */
  refusalsOnly?: boolean;
}

const EXPECTATIONS: Expectation[] = [
  // pages
  { method: 'GET', path: '/persons/search', allowed: SEARCHERS, scope: 'own-hub' },
  { method: 'POST', path: '/persons/search', allowed: SEARCHERS, scope: 'own-hub', body: () => ({ familyName: 'Testchild' }) },
  { method: 'GET', path: '/persons/new', allowed: WRITERS, scope: 'own-hub' },
  { method: 'POST', path: '/persons/new', allowed: WRITERS, scope: 'own-hub', body: () => ({ step: 'prefill', familyName: 'Testchild' }) },
  { method: 'GET', path: '/persons/:id', allowed: SEARCHERS, scope: 'record' },
  { method: 'GET', path: '/persons/:id/edit', allowed: WRITERS, scope: 'record' },
  { method: 'POST', path: '/persons/:id/edit', allowed: WRITERS, scope: 'record', body: () => ({ version: '1' }) },
  { method: 'POST', path: '/persons/:id/relationships', allowed: WRITERS, scope: 'record', body: () => ({}) },
  { method: 'POST', path: '/persons/:id/relationships/:relationshipId/end', allowed: WRITERS, scope: 'record', refusalsOnly: true },
  { method: 'GET', path: '/persons/:id/merge', allowed: MERGERS, scope: 'record' },
  { method: 'POST', path: '/persons/:id/merge', allowed: MERGERS, scope: 'record', body: () => ({}) },
  { method: 'POST', path: '/persons/:id/merges/:mergeId/undo', allowed: MERGERS, scope: 'record', refusalsOnly: true },
  { method: 'GET', path: '/admin/persons/import', allowed: IMPORTERS, scope: 'own-hub' },
  { method: 'POST', path: '/admin/persons/import', allowed: IMPORTERS, scope: 'own-hub', body: () => ({ csv: '' }) },
  { method: 'GET', path: '/contacts/:id/subjects/:subjectId/link', allowed: WRITERS, scope: 'record' },
  { method: 'POST', path: '/contacts/:id/subjects/:subjectId/link', allowed: WRITERS, scope: 'record', body: () => ({ action: 'search', familyName: 'Testchild' }) },
  // API
  { method: 'POST', path: '/api/v1/persons/search', allowed: SEARCHERS, scope: 'own-hub', body: () => ({ familyName: 'Testchild' }) },
  { method: 'POST', path: '/api/v1/persons', allowed: WRITERS, scope: 'own-hub', body: () => ({}) },
  { method: 'GET', path: '/api/v1/persons/:id', allowed: SEARCHERS, scope: 'record' },
  { method: 'PUT', path: '/api/v1/persons/:id', allowed: WRITERS, scope: 'record', body: () => ({ version: 1 }) },
  { method: 'POST', path: '/api/v1/persons/:id/relationships', allowed: WRITERS, scope: 'record', body: (f) => ({ relatedPersonId: f.person, kind: 'sibling', household: true }) },
  { method: 'DELETE', path: '/api/v1/persons/:id/relationships/:relationshipId', allowed: WRITERS, scope: 'record', refusalsOnly: true },
  { method: 'POST', path: '/api/v1/contacts/:id/subjects/:subjectId/link', allowed: WRITERS, scope: 'record', body: () => ({ newPerson: {} }) },
  { method: 'POST', path: '/api/v1/persons/:id/merge', allowed: MERGERS, scope: 'record', body: (f) => ({ duplicateId: f.person, version: 1, duplicateVersion: 1 }) },
  { method: 'POST', path: '/api/v1/person-merges/:id/undo', allowed: MERGERS, scope: 'record', refusalsOnly: true },
  { method: 'POST', path: '/api/v1/persons/import', allowed: IMPORTERS, scope: 'own-hub', body: () => ({ csv: '' }) },
];

/** the routes this matrix answers for */
const isPersonsRoute = (path: string) =>
  path.startsWith('/persons') || path.startsWith('/api/v1/persons') || path.startsWith('/api/v1/person-merges') || path.startsWith('/admin/persons') || /^(\/api\/v1)?\/contacts\/:id\/subjects\/:subjectId\/link$/.test(path);

const CALLERS: Caller[] = [...ROLES, 'other-hub-mso', 'other-hub-admin', 'anonymous'];

function expected(e: Expectation, caller: Caller): 'allowed' | 'refused' {
  if (caller === 'anonymous') return 'refused';
  if (caller === 'other-hub-mso' || caller === 'other-hub-admin') {
    const role: Role = caller === 'other-hub-mso' ? 'mso' : 'admin';
    return e.scope === 'own-hub' && e.allowed.includes(role) ? 'allowed' : 'refused';
  }
  return e.allowed.includes(caller) ? 'allowed' : 'refused';
}

function outcomeOf(res: Response, api: boolean): 'allowed' | 'refused' | 'error' {
  const s = res.statusCode;
  if (s >= 500) return 'error';
  if (s === 401 || s === 403 || s === 404) return 'refused';
  if (!api && (s === 302 || s === 303) && String(res.headers.location).startsWith('/sign-in')) return 'refused';
  return 'allowed';
}

describe('person index access: every route × every role and hub', () => {
  let t: TestContext;
  let f: Fixture;
  const web = new Map<Caller, WebClient>();

  before(async () => {
    t = await createTestContext();
    const mso = t.hub.actors.mso;
    const person = await t.services.persons.createPerson(mso, t.ctx, personInput({ givenName: 'Matrix', familyName: 'Testchild' }));
    const other = await t.services.persons.createPerson(mso, t.ctx, personInput({ givenName: 'Matrixsib', familyName: 'Testchild' }));
    const withLink = await t.services.persons.addRelationship(mso, t.ctx, person.id, { relatedPersonId: other.id, kind: 'sibling', household: true });
    const x = await t.services.persons.createPerson(mso, t.ctx, personInput({ givenName: 'Mergex' }));
    const y = await t.services.persons.createPerson(mso, t.ctx, personInput({ givenName: 'Mergey' }));
    const merged = await t.services.persons.mergePersons(mso, t.ctx, { keptId: x.id, duplicateId: y.id, keptVersion: x.version, duplicateVersion: y.version });
    const recorded = await t.services.contacts.recordContact(mso, t.ctx, phoneContact(new Date(Date.now() - 60_000)));
    const contact = await t.services.contacts.getContact(mso, t.ctx, recorded.id);
    f = { person: person.id, other: other.id, relationship: withLink.relationships[0].id, merge: merged.mergeId, contact: recorded.id, subject: contact.subjects[0].id };
    for (const caller of CALLERS) {
      const client = new WebClient(t.app);
      if (caller === 'anonymous') await client.get('/sign-in');
      else {
        const email = caller === 'other-hub-mso' ? t.otherHub.emails.mso : caller === 'other-hub-admin' ? t.otherHub.emails.admin : t.hub.emails[caller];
        assert.equal((await client.signIn(email, TEST_PASSWORD)).statusCode, 302, `${caller} signs in`);
        await client.get('/');
      }
      web.set(caller, client);
    }
  });
  after(async () => t.close());

  const urlOf = (path: string) =>
    path
      .replace('/contacts/:id', `/contacts/${f.contact}`)
      .replace('/person-merges/:id', `/person-merges/${f.merge}`)
      .replace(':id', f.person)
      .replace(':subjectId', f.subject)
      .replace(':relationshipId', f.relationship)
      .replace(':mergeId', f.merge);

  it('has an expectation for every route of the person index', () => {
    const routes = registeredRoutes(t.app).filter((r) => r.method !== 'HEAD' && isPersonsRoute(r.path));
    const key = (r: { method: string; path: string }) => `${r.method} ${r.path}`;
    assert.deepEqual(routes.map(key).sort(), EXPECTATIONS.map(key).sort());
  });

  it('allows and refuses exactly as intended, and audits every refusal', async () => {
    const unexpected: string[] = [];
    let refusedSignedIn = 0;
    let cases = 0;
    const requestIds: string[] = [];
    for (const e of EXPECTATIONS) {
      for (const caller of CALLERS) {
        const want = expected(e, caller);
        if (want === 'allowed' && e.refusalsOnly) continue;
        cases++;
        const requestId = `pmatrix-${cases}-${randomBytes(3).toString('hex')}`;
        const url = urlOf(e.path);
        const api = url.startsWith('/api/');
        const body = e.body?.(f);
        let res: Response;
        if (api) {
          const headers: Record<string, string> = { 'x-request-id': requestId };
          if (caller !== 'anonymous') {
            const [role, which] = caller === 'other-hub-mso' ? (['mso', 'other'] as const) : caller === 'other-hub-admin' ? (['admin', 'other'] as const) : ([caller, 'hub'] as const);
            headers.authorization = `Bearer ${await t.token(role, which)}`;
          }
          res = await t.app.inject({ method: e.method, url, payload: body as Record<string, unknown> | undefined, headers });
        } else {
          const client = web.get(caller)!;
          const form = Object.fromEntries(Object.entries(body ?? {}).map(([k, v]) => [k, String(v)]));
          res = e.method === 'GET' ? await client.get(url, { 'x-request-id': requestId }) : await client.post(url, form, { 'x-request-id': requestId });
        }
        const got = outcomeOf(res, api);
        if (got !== want) unexpected.push(`${e.method} ${e.path} as ${caller}: expected ${want}, got ${res.statusCode} ${res.body.slice(0, 120)}`);
        if (want === 'refused' && caller !== 'anonymous') {
          refusedSignedIn++;
          requestIds.push(requestId);
          // a role that lacks the permission is told so (403); another hub's record is not there (404)
          const roleLacks = caller !== 'other-hub-mso' && caller !== 'other-hub-admin';
          if (roleLacks && res.statusCode !== 403) unexpected.push(`${e.method} ${e.path} as ${caller}: a role without the permission should see 403, got ${res.statusCode}`);
          if (!roleLacks && e.scope === 'record' && expected({ ...e, scope: 'own-hub' }, caller) === 'allowed' && res.statusCode !== 404) unexpected.push(`${e.method} ${e.path} as ${caller}: another hub's record should be 404, got ${res.statusCode}`);
        }
      }
    }
    assert.deepEqual(unexpected, []);
    const audited = await t.database.db.selectFrom('audit_event').select(['request_id']).where('action', '=', 'access.refused').where('request_id', 'in', requestIds).execute();
    assert.equal(new Set(audited.map((a) => a.request_id)).size, refusedSignedIn, 'every refusal of a signed-in user is audited');
    console.log(`person index access matrix: ${cases} cases, ${refusedSignedIn} refusals audited`);
  });
});
