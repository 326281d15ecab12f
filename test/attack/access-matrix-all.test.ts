import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Response } from 'light-my-request';
import type { Role } from '../../src/platform/access/roles';
import { createTestContext, TEST_PASSWORD, type TestContext } from '../harness';
import { registeredRoutes } from '../platform/support/routes';
import { HOME_AGENCY } from '../platform/support/fixtures';
import { WebClient } from '../support/web-client';
import { formFor, requestSchemas, sampleOf } from './support/matrix-bodies';
import { EXEMPT, EXPECTATIONS, isPartner, ROLES, type Expectation, type RecordKind, type Relationship } from './support/matrix-expectations';
import { buildFixture, HELD_BACK_TEXT, type ContactRecord, type Fixture, type HubRecords } from './support/matrix-fixtures';
import { KNOWN_FAILURES } from './support/matrix-known-failures';

/**
 * Every feature route the app registers × every demo role × every relationship the caller can
 * have to the record (none, own agency's request, another agency's, the held-back part of an
 * answer, another hub's record; the LADO's allegation; one's own task or another's), plus nobody
 * signed in. The expectations are written by hand (support/matrix-expectations.ts), never asked
 * of the policy module.
 *
 * - allowed: anything but 401, 403 and 404 (and, for a page, a redirect to sign in). A write
 *   carries a body that passes the schema but not the service's validation (support/matrix-bodies.ts),
 *   so an allowed write answers 400 or 409 and changes nothing (but for revoking a permission and
 *   completing a task, which take no body): that the access check runs before that validation is
 *   what the refusal of the same body to the wrong role shows.
 * - refused: 401/403/404 (another hub's or agency's record, to a role that could reach its own: 404),
 *   and an `access.refused` audit event for every signed-in caller.
 * - held-back: on the routes that show agencies' answers, the held-back part is in the answer for
 *   the decision maker and the originating agency (police), and for nobody else; no other answer
 *   of any case may carry it either (C6).
 * - list routes: the answer must not name records the caller has no reason to see.
 * Failures the product has today are listed, with the finding, in support/matrix-known-failures.ts.
 */

type Caller = Role | 'anonymous';
type Outcome = 'allowed' | 'refused' | 'error';

const HELD_BACK_READERS: readonly Role[] = ['decision-maker', 'police'];

/** The routes the platform and person-index matrices answer for, read from their expectation tables. */
function coveredElsewhere(): Set<string> {
  const keys = new Set<string>();
  for (const file of ['test/platform/access-matrix.test.ts', 'test/persons/persons-access.test.ts']) {
    const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
    for (const m of text.matchAll(/method: '(GET|POST|PUT|DELETE)', path: '([^']+)'/g)) keys.add(`${m[1]} ${m[2]}`);
  }
  return keys;
}

const key = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

function relationshipsFor(e: Expectation, role: Role): Relationship[] {
  if (!e.record) return ['none'];
  let rels: Relationship[];
  switch (e.record) {
    case 'contact':
      rels = isPartner(role) ? ['own-agency', 'other-agency'] : role === 'lado' ? ['none', 'allegation'] : ['none'];
      break;
    case 'enquiry':
    case 'permission':
      rels = isPartner(role) ? ['own-agency', 'other-agency'] : ['none'];
      break;
    case 'meeting':
      rels = isPartner(role) || role === 'lado' ? ['own-agency', 'other-agency'] : ['none'];
      break;
    case 'task':
      rels = ['mine', 'someone-else'];
      break;
    default:
      rels = ['none'];
  }
  if (e.showsAnswers) rels.push('held-back');
  return [...rels, 'other-hub'];
}

/** the relationship whose record is the held-back one, as the caller stands to it */
const heldBackAs = (role: Role): Relationship => (role === 'police' ? 'own-agency' : isPartner(role) ? 'other-agency' : 'none');

function contactFor(h: HubRecords, rel: Relationship, role: Role): ContactRecord {
  switch (rel) {
    case 'allegation':
      return h.contactAllegation;
    case 'held-back':
      return h.contactPolice;
    case 'own-agency':
      return role === 'police' ? h.contactPolice : h.contactOthers;
    case 'other-agency':
      return role === 'police' ? h.contactOthers : h.contactPolice;
    case 'other-hub':
      return h.contactPolice;
    default:
      return h.contactNone;
  }
}

function recordFor(f: Fixture, kind: RecordKind, rel: Relationship, role: Role): { id: string; contact?: ContactRecord } {
  const h = rel === 'other-hub' ? f.other : f.hub;
  const agency = HOME_AGENCY[role];
  switch (kind) {
    case 'contact': {
      const c = contactFor(h, rel, role);
      return { id: c.id, contact: c };
    }
    case 'enquiry':
      if (rel === 'own-agency') return { id: h.enquiries[agency] };
      if (rel === 'other-agency') return { id: role === 'police' ? h.enquiries.health : h.enquiries.police };
      return { id: rel === 'none' ? h.enquiries.health : h.enquiries.police };
    case 'permission':
      if (rel === 'own-agency') return { id: h.permissions[agency] };
      if (rel === 'other-agency') return { id: role === 'police' ? h.permissions.health : h.permissions.police };
      return { id: h.permissions.police };
    case 'consent':
      return { id: h.contactNone.consentId };
    case 'meeting':
      return { id: rel === 'own-agency' || rel === 'other-hub' ? h.meetingAll : h.meetingCsc };
    case 'task':
      return { id: rel === 'someone-else' ? h.tasks[role === 'mso' ? 'admin' : 'mso'] : h.tasks[role] };
    case 'disagreement':
      return { id: h.disagreement };
    case 'person':
      return { id: h.person };
  }
}

function urlFor(e: Expectation, f: Fixture, rel: Relationship, role: Role): string {
  // the unallocated queue holds every open contact of the hub nobody has taken: the widest list
  if (!e.record) return e.path === '/contacts' ? '/contacts?queue=unallocated' : e.path.replace(':queue', 'unallocated');
  const r = recordFor(f, e.record, rel, role);
  if (e.path === '/api/v1/disclosures') return `/api/v1/disclosures?contactId=${r.id}`;
  return e.path
    .replace(':id', r.id)
    .replace(':subjectId', r.contact?.subjectId ?? '-')
    .replace(':consentId', r.contact?.consentId ?? '-');
}

/** ids a list must not show the caller */
function hiddenFrom(e: Expectation, f: Fixture, role: Role): string[] {
  const otherHub = [f.other.contactNone.id, f.other.contactPolice.id, f.other.disagreement, f.other.meetingAll, f.other.meetingCsc, ...Object.values(f.other.enquiries), ...Object.values(f.other.tasks)];
  switch (e.hides) {
    case 'enquiries':
      return [...otherHub, ...(isPartner(role) ? Object.entries(f.hub.enquiries).filter(([type]) => type !== HOME_AGENCY[role]).map(([, id]) => id) : [])];
    case 'meetings':
      return [...otherHub, ...(isPartner(role) || role === 'lado' ? [f.hub.meetingCsc] : [])];
    case 'tasks':
      return [...otherHub, ...Object.entries(f.hub.tasks).filter(([r]) => r !== role).map(([, id]) => id)];
    case 'other-hub':
      return otherHub;
    default:
      return [];
  }
}

function outcomeOf(res: Response, api: boolean): { outcome: Outcome; why?: string } {
  const s = res.statusCode;
  if (s >= 500) return { outcome: 'error', why: 'server error' };
  if (api && s === 400 && res.body.includes('does not match the schema')) return { outcome: 'error', why: 'the matrix body fails the schema' };
  if (!api && s === 403 && res.body.includes('Your form has expired')) return { outcome: 'error', why: 'CSRF refused the matrix form' };
  if (s === 401 || s === 403 || s === 404) return { outcome: 'refused' };
  if (!api && (s === 302 || s === 303) && String(res.headers.location).startsWith('/sign-in')) return { outcome: 'refused' };
  return { outcome: 'allowed' };
}

describe('access matrix (all routes): every feature route × every role × every relationship', () => {
  let t: TestContext;
  let f: Fixture;
  let schemas: Map<string, Parameters<typeof sampleOf>[0]>;
  const web = new Map<Caller, WebClient>();

  before(async () => {
    t = await createTestContext();
    f = await buildFixture(t);
    schemas = requestSchemas((await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json());
    for (const caller of [...ROLES, 'anonymous'] as Caller[]) {
      const client = new WebClient(t.app);
      if (caller === 'anonymous') await client.get('/sign-in');
      else {
        assert.equal((await client.signIn(t.hub.emails[caller], TEST_PASSWORD)).statusCode, 302, `${caller} signs in`);
        await client.get('/');
      }
      web.set(caller, client);
    }
  });
  after(async () => t?.close());

  /** The caller's own agency records its permission; the decision maker records police's on their word. */
  const originFor = (role: Role) => t.hub.agencyIds[isPartner(role) ? HOME_AGENCY[role] : 'police'];

  /** API: a bearer token and a body from the schema. Pages: the caller's signed-in browser, with the session's CSRF token. */
  async function call(e: Expectation, caller: Caller, url: string, requestId: string): Promise<Response> {
    const role: Role = caller === 'anonymous' ? 'admin' : caller;
    if (url.startsWith('/api/')) {
      const headers: Record<string, string> = { 'x-request-id': requestId };
      if (caller !== 'anonymous') headers.authorization = `Bearer ${await t.token(caller)}`;
      let payload = e.method === 'GET' ? undefined : (sampleOf(schemas.get(key(e))) as Record<string, unknown> | undefined);
      if (payload && 'originAgencyId' in payload) payload = { ...payload, originAgencyId: originFor(role) };
      return t.app.inject({ method: e.method, url, payload, headers });
    }
    const client = web.get(caller)!;
    if (e.method === 'GET') return client.get(url, { 'x-request-id': requestId });
    const form = { ...formFor(e.path), ...(e.path.endsWith('/permissions/new') ? { originAgencyId: originFor(role) } : {}) };
    return client.post(url, form, { 'x-request-id': requestId });
  }

  it('has an expectation or a stated exemption for every route the app registers', () => {
    const routes = registeredRoutes(t.app).filter((r) => r.method !== 'HEAD');
    const elsewhere = coveredElsewhere();
    const mine = new Set(EXPECTATIONS.map(key));
    const exempt = new Set(EXEMPT.map(key));
    const registered = new Set(routes.map(key));
    const uncovered = routes.map(key).filter((k) => !mine.has(k) && !elsewhere.has(k) && !exempt.has(k));
    assert.deepEqual(uncovered, [], 'routes with no expectation: add them to support/matrix-expectations.ts (or EXEMPT, with the reason)');
    assert.deepEqual([...mine].filter((k) => !registered.has(k)), [], 'expectations for routes the app no longer has');
    assert.deepEqual([...mine].filter((k) => elsewhere.has(k) || exempt.has(k)), [], 'routes answered for twice');
    assert.equal(mine.size, EXPECTATIONS.length, 'a route listed twice');
    console.log(`access matrix (all routes): ${mine.size} routes here, ${[...elsewhere].filter((k) => registered.has(k)).length} in the platform and person-index matrices, ${exempt.size} exempt`);
  });

  it('allows and refuses exactly as intended, hides what it should, and audits every refusal', async () => {
    const problems: Array<{ key: string; text: string; kind: 'allow' | 'deny' | 'unaudited' | 'status' | 'error' }> = [];
    const refusedIds = new Map<string, string>();
    /** what allowed writes answered: 400/409 by design; a revocation or a task's completion has no body to fail, and is done */
    const allowedWrites = new Map<number, number>();
    let cases = 0;
    const started = Date.now();
    for (const e of EXPECTATIONS) {
      const api = e.path.startsWith('/api/');
      for (const caller of [...ROLES, 'anonymous'] as Caller[]) {
        const role: Role = caller === 'anonymous' ? 'admin' : caller;
        // nobody signed in: once per route, on the hub's own record
        const rels = caller === 'anonymous' ? [relationshipsFor(e, role)[0]] : relationshipsFor(e, role);
        for (const rel of rels) {
          cases++;
          const requestId = `amx-${cases}-${randomBytes(3).toString('hex')}`;
          const url = urlFor(e, f, rel, role);
          const res = await call(e, caller, url, requestId);

          const id = `${e.method} ${e.path} as ${caller} (${rel})`;
          const status = `${res.statusCode}${res.headers.location ? ` → ${res.headers.location}` : ''}`;
          const { outcome, why } = outcomeOf(res, api);
          if (outcome === 'error') {
            problems.push({ key: id, kind: 'error', text: `${id}: ${why}, got ${status}: ${res.body.slice(0, 200)}` });
            continue;
          }
          // the held-back part is for the decision maker and the originating agency only, wherever it could surface
          const shown = outcome === 'allowed' && res.body.includes(HELD_BACK_TEXT);
          const heldBackReader = HELD_BACK_READERS.includes(role) && e.allowed(role, heldBackAs(role));
          if (shown && !heldBackReader) {
            problems.push({ key: id, kind: 'allow', text: `${id}: the held-back part of police's answer is shown` });
            continue;
          }
          let want: 'allowed' | 'refused';
          let got: 'allowed' | 'refused' = outcome;
          if (caller === 'anonymous' || rel === 'other-hub') want = 'refused';
          else if (rel === 'held-back') {
            want = heldBackReader ? 'allowed' : 'refused';
            got = shown ? 'allowed' : 'refused';
          } else want = e.allowed(role, rel) ? 'allowed' : 'refused';

          if (got !== want) {
            const what = rel === 'held-back' ? (got === 'allowed' ? 'the held-back part is shown' : `the held-back part is not shown (${status})`) : `got ${status}`;
            problems.push({ key: id, kind: got === 'allowed' ? 'allow' : 'deny', text: `${id}: expected ${want}, ${what}` });
            continue;
          }
          if (outcome === 'allowed' && e.method !== 'GET') allowedWrites.set(res.statusCode, (allowedWrites.get(res.statusCode) ?? 0) + 1);
          if (got === 'allowed' && e.hides) {
            const listed = hiddenFrom(e, f, role).filter((hidden) => res.body.includes(hidden));
            if (listed.length > 0) problems.push({ key: id, kind: 'allow', text: `${id}: the list shows ${listed.length} record(s) the caller has no reason to see` });
          }
          if (outcome === 'refused' && caller !== 'anonymous') {
            refusedIds.set(requestId, id);
            // another hub's or agency's record, or another's task, is "not found" to a role that could reach its own
            const couldOwn = relationshipsFor(e, role).some((r) => r !== 'other-hub' && r !== 'held-back' && e.allowed(role, r));
            if (couldOwn && ['other-hub', 'other-agency', 'someone-else'].includes(rel) && res.statusCode !== 404) {
              problems.push({ key: id, kind: 'status', text: `${id}: should answer 404 (not found), got ${status}` });
            }
          }
        }
      }
    }

    // every refusal of a signed-in caller is audited (one query per batch, not per case)
    const audited = new Set<string>();
    const ids = [...refusedIds.keys()];
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await t.database.db.selectFrom('audit_event').select('request_id').where('action', '=', 'access.refused').where('request_id', 'in', ids.slice(i, i + 500)).execute();
      for (const r of rows) audited.add(r.request_id!);
    }
    for (const [requestId, id] of refusedIds) if (!audited.has(requestId)) problems.push({ key: id, kind: 'unaudited', text: `${id}: refused without an access.refused audit event` });

    const known = problems.filter((p) => KNOWN_FAILURES.has(p.key));
    const unexpected = problems.filter((p) => !KNOWN_FAILURES.has(p.key));
    const count = (kind: string) => unexpected.filter((p) => p.kind === kind).length;
    console.log(`access matrix (all routes): ${cases} cases, ${count('allow')} unexpected allows, ${count('deny')} unexpected denies, ${count('unaudited')} unaudited refusals`);
    console.log(`  also: ${count('status')} refusals with the wrong status, ${count('error')} errors; ${known.length} known failures (support/matrix-known-failures.ts); ${Math.round((Date.now() - started) / 1000)} s`);
    console.log(`  allowed writes answered: ${[...allowedWrites].sort(([a], [b]) => a - b).map(([s, n]) => `${s} ×${n}`).join(', ')}`);
    const findings = new Map<string, number>();
    for (const p of known) findings.set(KNOWN_FAILURES.get(p.key)!, (findings.get(KNOWN_FAILURES.get(p.key)!) ?? 0) + 1);
    for (const [finding, n] of findings) console.log(`  known (${n}): ${finding}`);
    if (unexpected.length > 0) console.log(unexpected.map((p) => `  ${p.text}`).join('\n'));
    const fixed = [...KNOWN_FAILURES.keys()].filter((k) => !problems.some((p) => p.key === k));
    assert.deepEqual(unexpected.map((p) => p.text), []);
    assert.deepEqual(fixed, [], 'known failures that now pass: take them out of support/matrix-known-failures.ts');
  });
});
