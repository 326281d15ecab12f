import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createApp } from '../../src/app';
import { buildServices } from '../../src/composition';
import { loadConfig } from '../../src/config/config';
import { totpCode } from '../../src/features/auth/totp';
import { fixedClock } from '../../src/platform/time/clock';
import { createTestContext, TEST_PASSWORD, type TestContext } from '../harness';
import { auditEvents, newUser, uniqueRequestId } from './support/fixtures';
import { secretOnPage, setUpSecondFactor, wrongCode } from './support/totp';
import { errorSummary, fieldErrorOf, h1Of, SESSION_COOKIE, WebClient } from '../support/web-client';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('signing in and out', () => {
  // time is fixed so that lock-outs and time-outs can be walked through; tests move it forward only
  const clock = fixedClock(new Date());
  let t: TestContext;
  before(async () => {
    t = await createTestContext({ clock });
  });
  after(async () => t.close());

  const tokenFor = (email: string, password: string, totp?: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { email, password, ...(totp ? { totp } : {}) } });
  const me = (token: string) => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
  const sessionsOf = async (userId: string) =>
    t.database.db.selectFrom('user_session').select(['kind', 'stage']).where('user_id', '=', userId).execute();

  describe('on the web', () => {
    it('signs in: a session cookie, then the start page greets them; the sign-in is audited', async () => {
      const user = await newUser(t, 'mso');
      const web = new WebClient(t.app);
      const form = await web.get('/sign-in');
      assert.equal(form.statusCode, 200);
      assert.equal(h1Of(form.body), 'Sign in to OpenMASH');
      assert.ok(web.cookies.has('openmash_csrf'), 'the sign-in page sets the CSRF cookie');
      assert.ok(web.csrf, 'the form carries a CSRF token');

      const res = await web.post('/sign-in', { email: user.email, password: TEST_PASSWORD });
      assert.equal(res.statusCode, 302);
      assert.equal(res.headers.location, '/');
      const cookie = (res.cookies as Array<{ name: string; httpOnly?: boolean; sameSite?: string }>).find((c) => c.name === SESSION_COOKIE);
      assert.ok(cookie, 'a session cookie is set');
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Lax');

      const home = await web.get('/');
      assert.equal(home.statusCode, 200);
      assert.match(home.body, /Welcome, Test mso\./);
      assert.match(home.body, /data-qa="user-bar"/);

      const events = await auditEvents(t, { action: 'auth.sign-in', record_id: user.id });
      assert.equal(events.length, 1);
      assert.equal(events[0].outcome, 'succeeded');
      assert.equal(events[0].actor_user_id, user.id);
      assert.equal(events[0].hub_id, t.hub.hubId);
    });

    it('refuses a wrong password with a field error, sets no session and audits the failure', async () => {
      const user = await newUser(t, 'mso');
      const web = new WebClient(t.app);
      const res = await web.signIn(user.email, 'not-the-password-at-all');
      assert.equal(res.statusCode, 400);
      assert.equal(web.signedIn, false, 'no session cookie');
      assert.match(res.body, /<title>Error: Sign in/);
      assert.deepEqual(errorSummary(res.body), ['email: Enter a correct email address and password']);
      assert.equal(fieldErrorOf(res.body, 'email'), 'Enter a correct email address and password');
      assert.match(res.body, new RegExp(`value="${user.email.replace(/\./g, '\\.')}"`), 'the email address typed is kept');
      assert.doesNotMatch(res.body, /not-the-password-at-all/, 'the password typed is never sent back');
      assert.equal((await sessionsOf(user.id)).length, 0);

      const failed = await auditEvents(t, { action: 'auth.sign-in', record_id: user.id, outcome: 'failed' });
      assert.equal(failed.length, 1);
      assert.equal(failed[0].details.reason, 'bad-password');
      assert.equal(failed[0].hub_id, t.hub.hubId);
    });

    it('refuses an unknown email address with the same words, audited on the deployment chain', async () => {
      const requestId = uniqueRequestId('unknown-account');
      const web = new WebClient(t.app);
      const res = await web.signIn('nobody.here@synthetic.test', TEST_PASSWORD, { 'x-request-id': requestId });
      assert.equal(res.statusCode, 400);
      assert.equal(fieldErrorOf(res.body, 'email'), 'Enter a correct email address and password', 'no hint that the account does not exist');
      const [event] = await auditEvents(t, { request_id: requestId });
      assert.equal(event.action, 'auth.sign-in');
      assert.equal(event.outcome, 'failed');
      assert.equal(event.hub_id, null);
      assert.equal(event.chain_id, 'deployment');
      assert.equal(event.details.reason, 'unknown-account');
    });

    it('asks for both fields when they are left empty', async () => {
      const web = new WebClient(t.app);
      const res = await web.signIn('', '');
      assert.equal(res.statusCode, 400);
      assert.deepEqual(errorSummary(res.body), ['email: Enter your email address', 'password: Enter your password']);
      assert.equal(web.signedIn, false);
    });

    it('signs out: the session ends at once, the old cookie is worthless, and it is audited', async () => {
      const user = await newUser(t, 'social-worker');
      const web = new WebClient(t.app);
      assert.equal((await web.signIn(user.email, TEST_PASSWORD)).statusCode, 302);
      const stolen = web.cookies.get(SESSION_COOKIE)!;
      const res = await web.signOut();
      assert.equal(res.statusCode, 302);
      assert.equal(res.headers.location, '/sign-in');
      assert.equal(web.signedIn, false, 'the cookie is cleared');
      assert.equal((await sessionsOf(user.id)).length, 0, 'the server-side session is gone');

      const replay = await t.app.inject({ method: 'GET', url: '/', cookies: { [SESSION_COOKIE]: stolen } });
      assert.equal(replay.statusCode, 302);
      assert.equal(replay.headers.location, '/sign-in');

      const signIn = await web.get('/sign-in');
      assert.match(signIn.body, /You have signed out\./, 'a fixed message confirms it');
      const events = await auditEvents(t, { action: 'auth.sign-out', record_id: user.id });
      assert.equal(events.length, 1);
      assert.equal(events[0].actor_user_id, user.id);
    });
  });

  describe('lock-out', () => {
    it('locks the account after 5 failures: even the right password fails until the lock-out ends', async () => {
      const user = await newUser(t, 'decision-maker');
      const web = new WebClient(t.app);
      for (let i = 1; i <= 5; i += 1) {
        const res = await web.signIn(user.email, `wrong-password-${i}`);
        assert.equal(res.statusCode, 400, `failure ${i}`);
      }
      const row = await t.database.db.selectFrom('app_user').select('locked_until').where('id', '=', user.id).executeTakeFirstOrThrow();
      assert.ok(row.locked_until, 'locked');
      assert.equal(row.locked_until.getTime(), clock.now().getTime() + 15 * MINUTE);

      const locked = await web.signIn(user.email, TEST_PASSWORD);
      assert.equal(locked.statusCode, 400, 'the right password is refused while locked');
      assert.equal(fieldErrorOf(locked.body, 'email'), 'Enter a correct email address and password');
      assert.equal(web.signedIn, false);
      assert.equal((await tokenFor(user.email, TEST_PASSWORD)).statusCode, 401, 'the API is locked too');

      clock.advance(14 * MINUTE);
      assert.equal((await web.signIn(user.email, TEST_PASSWORD)).statusCode, 400, 'still locked a minute before the end');

      clock.advance(MINUTE + 1000);
      const open = await web.signIn(user.email, TEST_PASSWORD);
      assert.equal(open.statusCode, 302, 'signs in once the lock-out has passed');
      assert.equal(web.signedIn, true);

      const reasons = (await auditEvents(t, { action: 'auth.sign-in', record_id: user.id, outcome: 'failed' })).map((e) => e.details.reason);
      assert.deepEqual(reasons, ['bad-password', 'bad-password', 'bad-password', 'bad-password', 'bad-password-now-locked', 'locked-out', 'locked-out', 'locked-out']);
      assert.equal((await auditEvents(t, { action: 'auth.sign-in', record_id: user.id, outcome: 'succeeded' })).length, 1);
    });

    it('a successful sign-in clears earlier failures', async () => {
      const user = await newUser(t, 'decision-maker');
      const web = new WebClient(t.app);
      for (let i = 0; i < 4; i += 1) await web.signIn(user.email, 'wrong-password-again');
      assert.equal((await web.signIn(user.email, TEST_PASSWORD)).statusCode, 302);
      await web.signOut();
      for (let i = 0; i < 4; i += 1) await web.signIn(user.email, 'wrong-password-again');
      assert.equal((await web.signIn(user.email, TEST_PASSWORD)).statusCode, 302, 'four new failures do not lock');
    });
  });

  describe('time-outs', () => {
    it('ends a web session after 30 minutes without use', async () => {
      const user = await newUser(t, 'mso');
      const web = new WebClient(t.app);
      await web.signIn(user.email, TEST_PASSWORD);
      clock.advance(29 * MINUTE);
      assert.equal((await web.get('/')).statusCode, 200, 'in use after 29 minutes');
      clock.advance(29 * MINUTE);
      assert.equal((await web.get('/')).statusCode, 200, 'each use restarts the idle time');
      clock.advance(30 * MINUTE);
      const res = await web.get('/');
      assert.equal(res.statusCode, 302);
      assert.equal(res.headers.location, '/sign-in');
      assert.equal(web.signedIn, false, 'the dead cookie is cleared');
      assert.equal((await sessionsOf(user.id)).length, 0, 'and the session removed');
    });

    it('ends a web session 12 hours after sign-in however busy it is', async () => {
      const user = await newUser(t, 'mso');
      const web = new WebClient(t.app);
      await web.signIn(user.email, TEST_PASSWORD);
      const signedInAt = clock.now().getTime();
      while (clock.now().getTime() + 25 * MINUTE < signedInAt + 12 * HOUR) {
        clock.advance(25 * MINUTE);
        assert.equal((await web.get('/')).statusCode, 200, `still signed in at ${(clock.now().getTime() - signedInAt) / MINUTE} minutes`);
      }
      clock.set(new Date(signedInAt + 12 * HOUR));
      const res = await web.get('/');
      assert.equal(res.statusCode, 302);
      assert.equal(res.headers.location, '/sign-in');
    });

    it('an API token lasts 15 minutes', async () => {
      const user = await newUser(t, 'mso');
      const issued = await tokenFor(user.email, TEST_PASSWORD);
      assert.equal(issued.json().expires_in, 15 * 60);
      const token = issued.json().access_token as string;
      clock.advance(14 * MINUTE);
      assert.equal((await me(token)).statusCode, 200);
      clock.advance(MINUTE);
      assert.equal((await me(token)).statusCode, 401);
    });
  });

  describe('second factor (TOTP)', () => {
    it('once set up, signing in needs the code: a wrong code is refused, the right one passes', async () => {
      const user = await newUser(t, 'decision-maker');
      const web = new WebClient(t.app);
      await web.signIn(user.email, TEST_PASSWORD);

      const setUp = await web.get('/sign-in/set-up-second-factor');
      const secret = secretOnPage(setUp.body);
      const refused = await web.post('/sign-in/set-up-second-factor', { code: wrongCode(secret, clock.now()) });
      assert.equal(refused.statusCode, 400);
      assert.equal(fieldErrorOf(refused.body, 'code'), 'Enter the 6-digit code shown in your authenticator app');
      assert.equal(secretOnPage(refused.body), secret, 'the same key is shown again');
      const done = await web.post('/sign-in/set-up-second-factor', { code: totpCode(secret, clock.now()) });
      assert.equal(done.statusCode, 302);
      assert.equal((await auditEvents(t, { action: 'auth.totp-enabled', record_id: user.id })).length, 1);
      await web.signOut();

      const first = await web.signIn(user.email, TEST_PASSWORD);
      assert.equal(first.statusCode, 302);
      assert.equal(first.headers.location, '/sign-in/second-factor');
      const ask = await web.get('/sign-in/second-factor');
      assert.equal(h1Of(ask.body), 'Enter your security code');
      const blocked = await web.get('/admin/users');
      assert.equal(blocked.statusCode, 302, 'a password alone opens nothing');
      assert.equal(blocked.headers.location, '/sign-in/second-factor');

      const wrong = await web.post('/sign-in/second-factor', { code: wrongCode(secret, clock.now()) });
      assert.equal(wrong.statusCode, 400);
      assert.equal(fieldErrorOf(wrong.body, 'code'), 'Enter the 6-digit code shown in your authenticator app');
      assert.equal((await web.get('/')).headers.location, '/sign-in/second-factor', 'still only half signed in');

      clock.advance(2 * MINUTE);
      const right = await web.post('/sign-in/second-factor', { code: totpCode(secret, clock.now()) });
      assert.equal(right.statusCode, 302);
      assert.equal(right.headers.location, '/');
      assert.equal((await web.get('/')).statusCode, 200);

      assert.equal((await auditEvents(t, { action: 'auth.totp', record_id: user.id, outcome: 'failed' })).length, 1, 'the wrong code is audited');
      const signIns = await auditEvents(t, { action: 'auth.sign-in', record_id: user.id, outcome: 'succeeded' });
      assert.deepEqual(signIns.at(-1)!.details, { secondFactor: 'totp' });
    });

    it('the API asks for the code once TOTP is on', async () => {
      const user = await newUser(t, 'mso');
      const web = new WebClient(t.app);
      await web.signIn(user.email, TEST_PASSWORD);
      const secret = await setUpSecondFactor(web, clock);

      const without = await tokenFor(user.email, TEST_PASSWORD);
      assert.equal(without.statusCode, 401);
      assert.equal(without.json().detail, 'A valid TOTP code is required');
      assert.equal((await tokenFor(user.email, TEST_PASSWORD, wrongCode(secret, clock.now()))).statusCode, 401);
      const withCode = await tokenFor(user.email, TEST_PASSWORD, totpCode(secret, clock.now()));
      assert.equal(withCode.statusCode, 200);
      assert.equal((await me(withCode.json().access_token)).json().userId, user.id);
      assert.equal((await auditEvents(t, { action: 'auth.totp', record_id: user.id, outcome: 'failed' })).length, 2);
    });

    describe('when the hub requires a second factor (REQUIRE_TOTP=true, as in production)', () => {
      let app: FastifyInstance;
      before(async () => {
        const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', OPENMASH_JOBS: 'false', REQUIRE_TOTP: 'true' });
        app = await createApp(buildServices(config, t.database, clock), { signInRateLimit: 10_000, logger: false });
        await app.ready();
      });
      after(async () => app.close());

      it('makes everyone set one up before anything else', async () => {
        const user = await newUser(t, 'auditor');
        const web = new WebClient(app);
        const res = await web.signIn(user.email, TEST_PASSWORD);
        assert.equal(res.statusCode, 302);
        assert.equal(res.headers.location, '/sign-in/set-up-second-factor');
        for (const url of ['/', '/audit']) {
          const page = await web.get(url);
          assert.equal(page.statusCode, 302, url);
          assert.equal(page.headers.location, '/sign-in/set-up-second-factor', url);
        }
        const api = await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { email: user.email, password: TEST_PASSWORD } });
        assert.equal(api.statusCode, 401);
        assert.equal(api.json().detail, 'Set up a second factor in the web application first');

        const secret = await setUpSecondFactor(web, clock);
        const home = await web.get('/');
        assert.equal(home.statusCode, 200);
        assert.match(home.body, /Your second factor is set up/);

        await web.signOut();
        assert.equal((await web.signIn(user.email, TEST_PASSWORD)).headers.location, '/sign-in/second-factor');
        await web.get('/sign-in/second-factor');
        assert.equal((await web.post('/sign-in/second-factor', { code: totpCode(secret, clock.now()) })).statusCode, 302);
        assert.equal((await web.get('/audit')).statusCode, 200);
      });
    });
  });

  describe('leavers', () => {
    it('a deactivated user loses their web session and API token at once', async () => {
      const user = await newUser(t, 'police');
      const web = new WebClient(t.app);
      await web.signIn(user.email, TEST_PASSWORD);
      const token = (await tokenFor(user.email, TEST_PASSWORD)).json().access_token as string;
      assert.equal((await web.get('/')).statusCode, 200);
      assert.equal((await me(token)).statusCode, 200);

      await t.services.admin.deactivateUser(t.hub.actors.admin, t.ctx, user.id);

      const page = await web.get('/');
      assert.equal(page.statusCode, 302);
      assert.equal(page.headers.location, '/sign-in');
      const api = await me(token);
      assert.equal(api.statusCode, 401);
      assert.equal(api.headers['content-type'], 'application/problem+json; charset=utf-8');
      assert.equal((await sessionsOf(user.id)).length, 0);

      const again = await web.signIn(user.email, TEST_PASSWORD);
      assert.equal(again.statusCode, 400, 'and cannot sign in again');
      const [last] = (await auditEvents(t, { action: 'auth.sign-in', record_id: user.id, outcome: 'failed' })).slice(-1);
      assert.equal(last.details.reason, 'deactivated');
      const [deactivation] = await auditEvents(t, { action: 'user.deactivate', record_id: user.id });
      assert.equal(deactivation.details.sessionsRevoked, 2, 'one web session and one API token');
    });
  });

  describe('CSRF', () => {
    it('refuses a form posted without the token, or with a wrong one, and changes nothing', async () => {
      const admin = await newUser(t, 'admin');
      const web = new WebClient(t.app);
      await web.signIn(admin.email, TEST_PASSWORD);
      const hubBefore = await t.database.db.selectFrom('hub').selectAll().where('id', '=', t.hub.hubId).executeTakeFirstOrThrow();
      const form = { name: 'Renamed by a forged form', localAuthorities: 'Demo City Council', openingTime: '08:00', closingTime: '18:00', version: String(hubBefore.version) };

      const other = new WebClient(t.app);
      await other.signIn((await newUser(t, 'admin')).email, TEST_PASSWORD);
      await other.get('/');

      for (const [label, csrf] of [
        ['no token', null],
        ['an empty token', ''],
        ['a made-up token', 'x'.repeat(43)],
        ["another person's token", other.csrf!],
      ] as const) {
        const res = await web.post('/admin/hub', { ...form, _csrf: csrf });
        assert.equal(res.statusCode, 403, label);
        assert.equal(h1Of(res.body), 'Your form has expired', label);
      }
      const hubAfter = await t.database.db.selectFrom('hub').selectAll().where('id', '=', t.hub.hubId).executeTakeFirstOrThrow();
      assert.deepEqual(hubAfter, hubBefore, 'nothing changed');
      assert.equal((await auditEvents(t, { action: 'hub.update', actor_user_id: admin.id })).length, 0);
    });

    it('protects the sign-in form and sign-out too', async () => {
      const user = await newUser(t, 'mso');
      const web = new WebClient(t.app);
      await web.get('/sign-in');
      const res = await web.post('/sign-in', { email: user.email, password: TEST_PASSWORD, _csrf: null });
      assert.equal(res.statusCode, 403);
      assert.equal(web.signedIn, false);
      assert.equal((await sessionsOf(user.id)).length, 0);

      await web.signIn(user.email, TEST_PASSWORD);
      assert.equal((await web.post('/sign-out', { _csrf: null })).statusCode, 403, 'a forged sign-out is refused');
      assert.equal((await web.get('/')).statusCode, 200, 'still signed in');
    });
  });

  describe('API tokens', () => {
    it('answers a malformed request with 400 problem JSON naming the fields', async () => {
      const empty = await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: {} });
      assert.equal(empty.statusCode, 400);
      assert.equal(empty.headers['content-type'], 'application/problem+json; charset=utf-8');
      const body = empty.json();
      assert.equal(body.status, 400);
      assert.ok(body.requestId);
      assert.deepEqual(body.errors.map((e: { field: string }) => e.field).sort(), ['email', 'password']);

      const badCode = await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { email: 'a@b.test', password: 'x', totp: 'abc' } });
      assert.equal(badCode.statusCode, 400);
      assert.deepEqual(badCode.json().errors.map((e: { field: string }) => e.field), ['totp']);

      const extra = await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { email: 'a@b.test', password: 'x', role: 'admin' } });
      assert.equal(extra.statusCode, 400, 'unknown properties are refused');
    });

    it('answers a wrong password with 401 problem JSON and no token, audited', async () => {
      const user = await newUser(t, 'mso');
      const res = await tokenFor(user.email, 'not-the-password-at-all');
      assert.equal(res.statusCode, 401);
      assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
      assert.equal(res.json().status, 401);
      assert.equal(res.json().access_token, undefined);
      assert.doesNotMatch(res.body, /not-the-password-at-all/);
      assert.equal((await auditEvents(t, { action: 'auth.sign-in', record_id: user.id, outcome: 'failed' })).length, 1);
    });

    it('issues a bearer token that says who you are at GET /api/v1/me, audited', async () => {
      const user = await newUser(t, 'health');
      const issued = await tokenFor(user.email, TEST_PASSWORD);
      assert.equal(issued.statusCode, 200);
      assert.equal(issued.json().token_type, 'Bearer');
      const res = await me(issued.json().access_token);
      assert.equal(res.statusCode, 200);
      const { permissions, ...who } = res.json() as { permissions: string[] };
      assert.deepEqual(who, {
        userId: user.id,
        displayName: 'Test health',
        email: user.email,
        role: 'health',
        roleLabel: 'Health practitioner',
        agencyId: user.actor.agencyId,
        hubId: t.hub.hubId,
      });
      for (const p of ['enquiry.read', 'enquiry.respond']) assert.ok(permissions.includes(p), p);
      for (const p of ['contact.read', 'user.read', 'audit.read']) assert.ok(!permissions.includes(p), `not ${p}`);
      assert.equal((await auditEvents(t, { action: 'auth.token-issued', record_id: user.id })).length, 1);
    });

    it('keeps cookies and tokens apart: a web cookie opens no API, a token opens no page', async () => {
      const user = await newUser(t, 'mso');
      const web = new WebClient(t.app);
      await web.signIn(user.email, TEST_PASSWORD);
      const viaCookie = await t.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { [SESSION_COOKIE]: web.cookies.get(SESSION_COOKIE)! } });
      assert.equal(viaCookie.statusCode, 401);
      assert.equal(viaCookie.json().status, 401);

      const token = (await tokenFor(user.email, TEST_PASSWORD)).json().access_token as string;
      const pageViaToken = await t.app.inject({ method: 'GET', url: '/', cookies: { [SESSION_COOKIE]: token } });
      assert.equal(pageViaToken.statusCode, 302);
      assert.equal(pageViaToken.headers.location, '/sign-in');
      const noToken = await t.app.inject({ method: 'GET', url: '/api/v1/me' });
      assert.equal(noToken.statusCode, 401);
      assert.equal(noToken.headers['content-type'], 'application/problem+json; charset=utf-8');
    });
  });
});
