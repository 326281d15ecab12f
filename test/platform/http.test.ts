import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config/config';
import { DomainError } from '../../src/platform/errors';
import { createTestContext, TEST_PASSWORD, type TestContext } from '../harness';
import { REPO } from './support/cli';
import { auditEvents, newUser, uniqueRequestId } from './support/fixtures';
import { registeredRoutes } from './support/routes';
import { h1Of, SESSION_COOKIE, WebClient } from '../support/web-client';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PRODUCTION_ENV = { NODE_ENV: 'production', LOG_LEVEL: 'silent', SESSION_SECRET: 'a-synthetic-session-secret-of-more-than-32-characters', OPENMASH_ALLOW_PGLITE: 'true', OPENMASH_JOBS: 'false' };
const FAILURE = 'synthetic failure detail 42';

describe('the web layer', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext();
  });
  after(async () => t.close());

  /** A fresh app over the same database, with routes of its own added before it is ready. */
  async function appWith(overrides: Partial<TestContext['services']>, options: { signInRateLimit?: number } = {}, extra?: (app: FastifyInstance) => void) {
    const app = await createApp({ ...t.services, ...overrides }, { signInRateLimit: 10_000, logger: false, ...options });
    extra?.(app);
    await app.ready();
    return app;
  }

  describe('security headers', () => {
    const nonceOf = (csp: string) => /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];

    it('sends a CSP whose script nonce changes per request and is on every script of the page', async () => {
      const first = await t.app.inject({ method: 'GET', url: '/sign-in' });
      const second = await t.app.inject({ method: 'GET', url: '/sign-in' });
      const csp = String(first.headers['content-security-policy']);
      for (const directive of ["default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"]) {
        assert.ok(csp.includes(directive), `CSP has ${directive}`);
      }
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      const n1 = nonceOf(csp);
      const n2 = nonceOf(String(second.headers['content-security-policy']));
      assert.ok(n1 && n2 && n1.length >= 16);
      assert.notEqual(n1, n2, 'a fresh nonce each request');

      const scripts = [...first.body.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
      assert.ok(scripts.length >= 2);
      for (const attributes of scripts) assert.match(attributes, new RegExp(`nonce="${n1}"`), `script <script${attributes}> carries the nonce`);
      assert.match(first.body, new RegExp(`<script nonce="${n1}">document\\.body\\.className`), 'the inline script carries it');
    });

    it('forbids framing, sniffing, referrers and caching of pages and API answers', async () => {
      const page = await t.app.inject({ method: 'GET', url: '/sign-in' });
      assert.ok(page.headers['x-frame-options'], 'X-Frame-Options');
      assert.equal(page.headers['x-content-type-options'], 'nosniff');
      assert.equal(page.headers['referrer-policy'], 'no-referrer');
      assert.equal(page.headers['cache-control'], 'no-store');
      const api = await t.api('admin', { method: 'GET', url: '/api/v1/users' });
      assert.equal(api.headers['cache-control'], 'no-store');
      assert.ok(api.headers['content-security-policy']);
      assert.equal(page.headers['strict-transport-security'], undefined, 'no HSTS outside production');
    });

    it('in production adds HSTS and marks cookies Secure', async () => {
      const app = await appWith({ config: loadConfig(PRODUCTION_ENV) });
      try {
        const page = await app.inject({ method: 'GET', url: '/sign-in' });
        assert.match(String(page.headers['strict-transport-security']), /max-age=31536000; includeSubDomains/);
        assert.match(String(page.headers['set-cookie']), /openmash_csrf=[^;]+;.*Secure/);
      } finally {
        await app.close();
      }
    });
  });

  describe('request ids', () => {
    it('echoes a safe X-Request-Id and replaces a hostile one', async () => {
      const given = await t.app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'lb-4f2a.77:1' } });
      assert.equal(given.headers['x-request-id'], 'lb-4f2a.77:1');
      for (const hostile of ['<script>alert(1)</script>', 'has spaces in it', 'x'.repeat(65), "id'; drop table hub;--"]) {
        const res = await t.app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': hostile } });
        assert.match(String(res.headers['x-request-id']), UUID, `${hostile.slice(0, 20)} is replaced`);
      }
      const none = await t.app.inject({ method: 'GET', url: '/health' });
      assert.match(String(none.headers['x-request-id']), UUID);
    });

    it('writes the request id into the audit events of that request', async () => {
      const requestId = uniqueRequestId('lb');
      const web = new WebClient(t.app);
      const signedIn = await web.signIn(t.hub.emails.mso, TEST_PASSWORD, { 'x-request-id': requestId });
      assert.equal(signedIn.headers['x-request-id'], requestId);
      const [signIn] = await auditEvents(t, { request_id: requestId });
      assert.equal(signIn.action, 'auth.sign-in');

      const apiId = uniqueRequestId('api');
      await t.api('admin', { method: 'GET', url: '/api/v1/users', headers: { 'x-request-id': apiId } });
      assert.deepEqual((await auditEvents(t, { request_id: apiId })).map((e) => e.action), ['user.list']);

      const hostile = await t.api('admin', { method: 'GET', url: '/api/v1/agencies', headers: { 'x-request-id': '<b>not safe</b>' } });
      const replaced = String(hostile.headers['x-request-id']);
      assert.deepEqual((await auditEvents(t, { request_id: replaced })).map((e) => e.action), ['agency.list'], 'the replacement is what is audited');
    });
  });

  describe('not found', () => {
    it('answers an unknown page with the 404 page', async () => {
      const web = new WebClient(t.app);
      await web.signIn(t.hub.emails.mso, TEST_PASSWORD);
      const res = await web.get('/no-such-page');
      assert.equal(res.statusCode, 404);
      assert.match(String(res.headers['content-type']), /^text\/html/);
      assert.equal(h1Of(res.body), 'Page not found');
      assert.match(res.body, /<title>Page not found – OpenMASH<\/title>/);
    });

    it('answers an unknown API route with 404 problem JSON', async () => {
      const res = await t.api('mso', { method: 'GET', url: '/api/v1/no-such-thing' });
      assert.equal(res.statusCode, 404);
      assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
      assert.equal(res.json().status, 404);
      assert.equal(res.json().title, 'Not found');
      assert.ok(res.json().requestId);
    });

    it('answers a record that does not exist with 404, whatever the id looks like', async () => {
      for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
        const res = await t.api('admin', { method: 'GET', url: `/api/v1/users/${id}` });
        assert.ok([400, 404].includes(res.statusCode), `${id}: ${res.statusCode}`);
        assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
      }
    });
  });

  describe('the error handler', () => {
    const throwing = (app: FastifyInstance) => {
      app.get('/boom', { config: { auth: 'public' } }, async () => {
        throw new Error(FAILURE);
      });
      app.get('/api/v1/boom', { config: { auth: 'public' } }, async () => {
        throw new Error(FAILURE);
      });
      app.get('/api/v1/boom-conflict', { config: { auth: 'public' } }, async () => {
        throw new DomainError('conflict', 'Someone else changed this record');
      });
    };

    it('hides the message of an unexpected error in production', async () => {
      const app = await appWith({ config: loadConfig(PRODUCTION_ENV) }, {}, throwing);
      try {
        const page = await app.inject({ method: 'GET', url: '/boom', headers: { 'x-request-id': 'prod-boom-1' } });
        assert.equal(page.statusCode, 500);
        assert.equal(h1Of(page.body), 'Sorry, there is a problem with the service');
        assert.doesNotMatch(page.body, new RegExp(FAILURE));
        assert.doesNotMatch(page.body, /at .*\.ts:\d+/, 'no stack');
        assert.match(page.body, /prod-boom-1/, 'the reference to give support');
        const api = await app.inject({ method: 'GET', url: '/api/v1/boom' });
        assert.equal(api.statusCode, 500);
        assert.equal(api.headers['content-type'], 'application/problem+json; charset=utf-8');
        assert.equal(api.json().detail, undefined);
        assert.doesNotMatch(api.body, new RegExp(FAILURE));
        const conflict = await app.inject({ method: 'GET', url: '/api/v1/boom-conflict' });
        assert.equal(conflict.statusCode, 409, 'domain errors keep their meaning');
        assert.equal(conflict.json().detail, 'Someone else changed this record');
      } finally {
        await app.close();
      }
    });

    it('shows the message in development', async () => {
      const app = await appWith({ config: loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', OPENMASH_JOBS: 'false' }) }, {}, throwing);
      try {
        const page = await app.inject({ method: 'GET', url: '/boom' });
        assert.equal(page.statusCode, 500);
        assert.match(page.body, new RegExp(FAILURE));
        const api = await app.inject({ method: 'GET', url: '/api/v1/boom' });
        assert.equal(api.json().detail, FAILURE);
      } finally {
        await app.close();
      }
    });
  });

  describe('health', () => {
    it('answers 200 when the database answers, without auditing', async () => {
      const before = (await auditEvents(t, {})).length;
      const res = await t.app.inject({ method: 'GET', url: '/health' });
      assert.equal(res.statusCode, 200);
      assert.equal((await auditEvents(t, {})).length, before);
    });

    it('answers 503 when the database does not', async () => {
      const app = await appWith({ database: { ...t.services.database, ping: async () => false } });
      try {
        const res = await app.inject({ method: 'GET', url: '/health' });
        assert.equal(res.statusCode, 503);
        assert.deepEqual(res.json(), { status: 'unavailable', database: t.services.database.backend });
      } finally {
        await app.close();
      }
    });
  });

  describe('the API description', () => {
    it('is a valid OpenAPI 3 document with every /api/v1 route', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
      assert.equal(res.statusCode, 200);
      const doc = res.json() as {
        openapi: string;
        info: { title: string; version: string };
        paths: Record<string, Record<string, { responses?: Record<string, unknown>; parameters?: Array<{ in: string; name: string; required?: boolean }>; tags?: string[]; summary?: string }>>;
        components?: Record<string, Record<string, unknown>>;
      };
      assert.match(doc.openapi, /^3\.\d+\.\d+$/);
      assert.equal(typeof doc.info.title, 'string');
      assert.equal(typeof doc.info.version, 'string');

      const problems: string[] = [];
      const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
      for (const [p, item] of Object.entries(doc.paths)) {
        if (!p.startsWith('/')) problems.push(`${p}: paths start with /`);
        for (const [method, op] of Object.entries(item)) {
          if (!METHODS.includes(method)) continue;
          const where = `${method.toUpperCase()} ${p}`;
          const codes = Object.keys(op.responses ?? {});
          if (codes.length === 0) problems.push(`${where}: no responses`);
          for (const code of codes) if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(code)) problems.push(`${where}: bad response code ${code}`);
          for (const name of [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1])) {
            if (!op.parameters?.some((q) => q.in === 'path' && q.name === name && q.required === true)) problems.push(`${where}: path parameter ${name} not declared`);
          }
          if (p.startsWith('/api/v1/') && (!op.tags?.length || !op.summary)) problems.push(`${where}: no tags or summary`);
        }
      }
      // every $ref points at something in the document
      const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/([^"]+)"/g)].map((m) => m[1]);
      for (const ref of refs) {
        let node: unknown = doc;
        for (const part of ref.split('/')) node = (node as Record<string, unknown> | undefined)?.[decodeURIComponent(part.replace(/~1/g, '/').replace(/~0/g, '~'))];
        if (node === undefined) problems.push(`dangling $ref #/${ref}`);
      }
      // every /api/v1 route the app serves is described
      const served = registeredRoutes(t.app).filter((r) => r.path.startsWith('/api/v1/') && r.method !== 'HEAD');
      for (const r of served) {
        const templated = r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
        if (!doc.paths[templated]?.[r.method.toLowerCase()]) problems.push(`${r.method} ${r.path} is not in the OpenAPI document`);
      }
      assert.ok(served.length >= 15);
      assert.deepEqual(problems, []);
    });

    it('serves the API documentation page', async () => {
      let res = await t.app.inject({ method: 'GET', url: '/api/docs' });
      if (res.statusCode === 302) res = await t.app.inject({ method: 'GET', url: String(res.headers.location) });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/html/);
      assert.match(res.body, /Swagger UI/);
    });
  });

  describe('rate limits', () => {
    it('answers 429 after the sign-in limit, on the page and the API', async () => {
      const app = await appWith({}, { signInRateLimit: 3 });
      // their own account: these failures would otherwise lock a demo user out for the other tests
      const user = await newUser(t, 'mso');
      try {
        const web = new WebClient(app);
        await web.get('/sign-in');
        const statuses: number[] = [];
        for (let i = 0; i < 4; i += 1) statuses.push((await web.post('/sign-in', { email: user.email, password: 'wrong-password-each-time' })).statusCode);
        assert.deepEqual(statuses, [400, 400, 400, 429]);
        const limited = await web.post('/sign-in', { email: user.email, password: TEST_PASSWORD });
        assert.equal(limited.statusCode, 429, 'even the right password waits');
        assert.equal(h1Of(limited.body), 'Too many attempts');
        assert.equal(web.signedIn, false);

        const tokens: number[] = [];
        for (let i = 0; i < 4; i += 1) tokens.push((await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { email: user.email, password: 'wrong-password-each-time' } })).statusCode);
        assert.deepEqual(tokens, [401, 401, 401, 429]);
        const api = await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { email: user.email, password: 'wrong-password-each-time' } });
        assert.equal(api.headers['content-type'], 'application/problem+json; charset=utf-8');
        assert.equal(api.json().status, 429);
      } finally {
        await app.close();
      }
    });
  });

  describe('logs', () => {
    it('hold no email address, password, token or cookie', async () => {
      const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
        execFile(process.execPath, ['--import', 'tsx', path.join(REPO, 'test/platform/support/log-capture.ts')], { cwd: REPO, timeout: 60_000, maxBuffer: 20 * 1024 * 1024 }, (error, out, err) =>
          error ? reject(new Error(`${error.message}\n${err}`)) : resolve({ stdout: out, stderr: err }),
        );
      });
      const lines = stdout.split('\n').filter(Boolean);
      const entries = lines.map((l) => JSON.parse(l) as { msg?: string; req?: { url?: string } });
      assert.ok(entries.filter((e) => e.msg === 'incoming request').length >= 8, 'requests are logged');
      assert.ok(entries.some((e) => e.req?.url === '/sign-in'), 'by path');
      const { secrets } = JSON.parse(stderr.trim().split('\n').at(-1)!) as { secrets: string[] };
      const leaks: string[] = [];
      for (const line of lines) {
        if (/@(demo|synthetic)\.test/.test(line)) leaks.push(`email: ${line.slice(0, 200)}`);
        if (/search-term-in-query|query\.leak/.test(line)) leaks.push(`query string: ${line.slice(0, 200)}`);
        for (const secret of secrets) if (line.includes(secret)) leaks.push(`secret ${secret.slice(0, 4)}…: ${line.slice(0, 200)}`);
      }
      assert.deepEqual(leaks, []);
    });
  });

  it('keeps the session cookie HttpOnly and SameSite', async () => {
    const web = new WebClient(t.app);
    const res = await web.signIn(t.hub.emails.mso, TEST_PASSWORD);
    assert.match(String(res.headers['set-cookie']), new RegExp(`${SESSION_COOKIE}=[^;]+; Path=/; HttpOnly; SameSite=Lax`));
  });
});
