import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Response } from 'light-my-request';
import { DomainError } from '../../src/platform/errors';
import { createTestContext, TEST_PASSWORD, type TestContext } from '../harness';
import { auditEvents, newUser, type NewUser } from './support/fixtures';

type Method = 'GET' | 'POST' | 'PUT';

describe('administration: hubs, agencies and users', () => {
  let t: TestContext;
  /** a second administrator of the same hub, for "two admins edit the same record" */
  let admin2: NewUser;
  let admin2Token: string;
  before(async () => {
    t = await createTestContext();
    admin2 = await newUser(t, 'admin');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { email: admin2.email, password: TEST_PASSWORD } });
    admin2Token = res.json().access_token;
  });
  after(async () => t.close());

  const asAdmin = (method: Method, url: string, payload?: object) => t.api('admin', { method, url, payload });
  const asAdmin2 = (method: Method, url: string, payload?: object) =>
    t.app.inject({ method, url, payload, headers: { authorization: `Bearer ${admin2Token}` } });
  const asOtherHubAdmin = (method: Method, url: string, payload?: object) => t.api('admin', { method, url, payload }, 'other');
  const fieldsOf = (res: Response) => ((res.json().errors ?? []) as Array<{ field: string }>).map((e) => e.field).sort();
  const detailOf = (res: Response, field: string) => ((res.json().errors ?? []) as Array<{ field: string; detail: string }>).find((e) => e.field === field)?.detail;
  const isProblem = (res: Response, status: number) => {
    assert.equal(res.statusCode, status, res.body);
    assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(res.json().status, status);
  };

  describe('the hub', () => {
    it('reads and changes the hub; refuses bad values by field and a stale version with 409; audited', async () => {
      const read = await asAdmin('GET', '/api/v1/hub');
      assert.equal(read.statusCode, 200);
      const hub = read.json();
      assert.equal(hub.id, t.hub.hubId);
      assert.equal(hub.name, 'Demo MASH');

      const bad = await asAdmin('PUT', '/api/v1/hub', { name: ' ', localAuthorities: [], openingTime: '9am', closingTime: '17:00', version: hub.version });
      isProblem(bad, 400);
      assert.deepEqual(fieldsOf(bad), ['name', 'openingTime']);
      const backwards = await asAdmin('PUT', '/api/v1/hub', { name: 'Demo MASH', localAuthorities: [], openingTime: '17:00', closingTime: '09:00', version: hub.version });
      assert.deepEqual(fieldsOf(backwards), ['closingTime']);
      assert.equal(detailOf(backwards, 'closingTime'), 'Closing time must be after the opening time');

      const changed = await asAdmin('PUT', '/api/v1/hub', { name: 'Demo MASH', localAuthorities: ['Demo City Council', 'Demo County Council'], openingTime: '08:30', closingTime: '17:00', version: hub.version });
      assert.equal(changed.statusCode, 200);
      assert.equal(changed.json().version, hub.version + 1);
      assert.equal(changed.json().openingTime, '08:30');
      assert.deepEqual(changed.json().localAuthorities, ['Demo City Council', 'Demo County Council']);

      const stale = await asAdmin2('PUT', '/api/v1/hub', { name: 'Demo MASH (renamed)', localAuthorities: [], openingTime: '09:00', closingTime: '17:00', version: hub.version });
      isProblem(stale, 409);
      assert.match(stale.json().detail, /Someone else changed this hub/);
      assert.equal((await asAdmin('GET', '/api/v1/hub')).json().name, 'Demo MASH', 'the stale change was not applied');

      assert.ok((await auditEvents(t, { action: 'hub.read', record_id: t.hub.hubId })).length >= 2);
      assert.equal((await auditEvents(t, { action: 'hub.update', record_id: t.hub.hubId })).length, 1);
    });

    it('refuses unknown properties in the body', async () => {
      const hub = (await asAdmin('GET', '/api/v1/hub')).json();
      const res = await asAdmin('PUT', '/api/v1/hub', { name: 'Demo MASH', localAuthorities: [], openingTime: '09:00', closingTime: '17:00', version: hub.version, id: randomUUID() });
      isProblem(res, 400);
    });
  });

  describe('agencies', () => {
    it('names every field that is wrong', async () => {
      const res = await asAdmin('POST', '/api/v1/agencies', { name: '', type: 'spaceship', icoRegistration: '123', secureEmailDomains: ['not a domain'], agreementStatus: 'maybe' });
      isProblem(res, 400);
      assert.deepEqual(fieldsOf(res), ['agreementStatus', 'icoRegistration', 'name', 'secureEmailDomains', 'type']);
      assert.equal(detailOf(res, 'icoRegistration'), 'Enter an ICO registration number like Z1234567 or ZA123456');
    });

    it('adds an agency, reads and lists it, and refuses a second one of the same name; audited', async () => {
      const created = await asAdmin('POST', '/api/v1/agencies', { name: 'Synthetic Fire Service', type: 'fire', icoRegistration: 'z7654321', secureEmailDomains: ['fire.example.gov.uk'], agreementStatus: 'active' });
      assert.equal(created.statusCode, 201);
      const agency = created.json();
      assert.equal(agency.icoRegistration, 'Z7654321');
      assert.equal(agency.version, 1);

      const read = await asAdmin('GET', `/api/v1/agencies/${agency.id}`);
      assert.equal(read.statusCode, 200);
      assert.equal(read.json().name, 'Synthetic Fire Service');
      const list = await asAdmin('GET', '/api/v1/agencies');
      assert.ok(list.json().some((a: { id: string }) => a.id === agency.id));

      const clash = await asAdmin('POST', '/api/v1/agencies', { name: 'SYNTHETIC fire service', type: 'fire', secureEmailDomains: [], agreementStatus: 'none' });
      isProblem(clash, 400);
      assert.deepEqual(fieldsOf(clash), ['name']);

      assert.equal((await auditEvents(t, { action: 'agency.create', record_id: agency.id })).length, 1);
      assert.equal((await auditEvents(t, { action: 'agency.read', record_id: agency.id })).length, 1);
      const [listed] = (await auditEvents(t, { action: 'agency.list', hub_id: t.hub.hubId })).slice(-1);
      assert.equal(listed.details.count, list.json().length);
    });

    it('when two admins edit the same agency, the second is told of the conflict (409) and nothing is lost', async () => {
      const agency = (await asAdmin('POST', '/api/v1/agencies', { name: 'Synthetic Ambulance Trust', type: 'ambulance', secureEmailDomains: [], agreementStatus: 'active' })).json();
      const seenBy1 = (await asAdmin('GET', `/api/v1/agencies/${agency.id}`)).json();
      const seenBy2 = (await asAdmin2('GET', `/api/v1/agencies/${agency.id}`)).json();
      const body = (v: { version: number }, changes: object) => ({ name: agency.name, type: 'ambulance', secureEmailDomains: [], agreementStatus: 'active', active: true, version: v.version, ...changes });

      const first = await asAdmin('PUT', `/api/v1/agencies/${agency.id}`, body(seenBy1, { agreementStatus: 'suspended' }));
      assert.equal(first.statusCode, 200);
      assert.equal(first.json().version, 2);
      const second = await asAdmin2('PUT', `/api/v1/agencies/${agency.id}`, body(seenBy2, { secureEmailDomains: ['ambulance.example.nhs.uk'] }));
      isProblem(second, 409);
      assert.match(second.json().detail, /Someone else changed this agency/);

      const now = (await asAdmin('GET', `/api/v1/agencies/${agency.id}`)).json();
      assert.equal(now.agreementStatus, 'suspended', "the first admin's change stands");
      assert.deepEqual(now.secureEmailDomains, []);
      const retried = await asAdmin2('PUT', `/api/v1/agencies/${agency.id}`, body(now, { agreementStatus: 'suspended', secureEmailDomains: ['ambulance.example.nhs.uk'] }));
      assert.equal(retried.statusCode, 200, 'after reading again, the second admin can make their change');
      const updates = await auditEvents(t, { action: 'agency.update', record_id: agency.id });
      assert.deepEqual(updates.map((e) => e.actor_user_id), [t.hub.actors.admin.userId, admin2.id]);
    });

    it('the service says conflict too', async () => {
      const agency = await t.services.admin.createAgency(t.hub.actors.admin, t.ctx, { name: 'Synthetic Voluntary Group', type: 'voluntary', secureEmailDomains: [], agreementStatus: 'none' });
      const input = { name: agency.name, type: 'voluntary', secureEmailDomains: [], agreementStatus: 'active', active: true };
      await t.services.admin.updateAgency(t.hub.actors.admin, t.ctx, agency.id, input, agency.version);
      await assert.rejects(t.services.admin.updateAgency(admin2.actor, t.ctx, agency.id, input, agency.version), (e: unknown) => e instanceof DomainError && e.code === 'conflict');
    });
  });

  describe('users', () => {
    const csc = () => t.hub.agencyIds['childrens-social-care'];

    it('names every field that is wrong', async () => {
      const res = await asAdmin('POST', '/api/v1/users', { email: 'not-an-email', displayName: ' ', role: 'wizard', agencyId: randomUUID(), password: 'short' });
      isProblem(res, 400);
      assert.deepEqual(fieldsOf(res), ['agencyId', 'displayName', 'email', 'password', 'role']);
      assert.equal(detailOf(res, 'email'), 'Enter an email address in the correct format, like name@example.gov.uk');
    });

    it('refuses a role that does not fit the agency', async () => {
      const police = await asAdmin('POST', '/api/v1/users', { email: 'pairing.one@synthetic.test', displayName: 'Pairing One', role: 'police', agencyId: csc() });
      isProblem(police, 400);
      assert.deepEqual(fieldsOf(police), ['role']);
      assert.equal(detailOf(police, 'role'), "A member of Children's social care cannot be Police practitioner");
      const admin = await asAdmin('POST', '/api/v1/users', { email: 'pairing.two@synthetic.test', displayName: 'Pairing Two', role: 'admin', agencyId: t.hub.agencyIds.education });
      assert.deepEqual(fieldsOf(admin), ['role']);
      const otherHubsAgency = await asAdmin('POST', '/api/v1/users', { email: 'pairing.three@synthetic.test', displayName: 'Pairing Three', role: 'police', agencyId: t.otherHub.agencyIds.police });
      assert.deepEqual(fieldsOf(otherHubsAgency), ['agencyId'], "another hub's agency cannot be chosen");
      const made = await t.database.db.selectFrom('app_user').select('id').where('email', 'like', 'pairing.%').execute();
      assert.equal(made.length, 0);
    });

    it('refuses an email address already in use, in any hub and in any case', async () => {
      for (const email of ['MSO@demo.test', ' mso@demo.test ', t.otherHub.emails.mso]) {
        const res = await asAdmin('POST', '/api/v1/users', { email, displayName: 'Duplicate', role: 'mso', agencyId: csc() });
        isProblem(res, 400);
        assert.deepEqual(fieldsOf(res), ['email'], email);
        assert.equal(detailOf(res, 'email'), 'An account with this email address already exists');
      }
    });

    it('adds a starter with a first password shown once, which works; audited without personal data', async () => {
      const res = await asAdmin('POST', '/api/v1/users', { email: 'Starter.One@Synthetic.test', displayName: 'Starter One', role: 'mso', agencyId: csc() });
      assert.equal(res.statusCode, 201);
      const { user, generatedPassword } = res.json();
      assert.equal(user.email, 'starter.one@synthetic.test', 'stored in lower case');
      assert.equal(user.active, true);
      assert.equal(typeof generatedPassword, 'string');
      assert.ok(generatedPassword.length >= 12);
      const token = await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { email: 'starter.one@synthetic.test', password: generatedPassword } });
      assert.equal(token.statusCode, 200, 'the first password signs in');
      const reread = await asAdmin('GET', `/api/v1/users/${user.id}`);
      assert.equal(reread.json().generatedPassword, undefined, 'the password is never shown again');

      const [created] = await auditEvents(t, { action: 'user.create', record_id: user.id });
      assert.deepEqual(created.details, { role: 'mso', agencyId: csc() });
      assert.equal(created.actor_user_id, t.hub.actors.admin.userId);
      assert.equal((await auditEvents(t, { action: 'user.read', record_id: user.id })).length, 1);
      const [listed] = await (async () => {
        await asAdmin('GET', '/api/v1/users');
        return (await auditEvents(t, { action: 'user.list', actor_user_id: t.hub.actors.admin.userId })).slice(-1);
      })();
      assert.equal(typeof listed.details.count, 'number');
    });

    it('when two admins edit the same user, the second gets 409; a change of role ends their sessions', async () => {
      const user = await newUser(t, 'social-worker');
      const token = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { email: user.email, password: TEST_PASSWORD } })).json().access_token;
      const seenBy1 = (await asAdmin('GET', `/api/v1/users/${user.id}`)).json();
      const seenBy2 = (await asAdmin2('GET', `/api/v1/users/${user.id}`)).json();
      const body = (v: { version: number }, changes: object) => ({ email: user.email, displayName: 'Test social-worker', role: 'social-worker', agencyId: csc(), version: v.version, ...changes });

      const first = await asAdmin('PUT', `/api/v1/users/${user.id}`, body(seenBy1, { role: 'decision-maker' }));
      assert.equal(first.statusCode, 200);
      assert.equal(first.json().role, 'decision-maker');
      const second = await asAdmin2('PUT', `/api/v1/users/${user.id}`, body(seenBy2, { displayName: 'Renamed Worker' }));
      isProblem(second, 409);
      assert.match(second.json().detail, /Someone else changed this user/);
      const now = (await asAdmin('GET', `/api/v1/users/${user.id}`)).json();
      assert.equal(now.role, 'decision-maker');
      assert.equal(now.displayName, 'Test social-worker');

      const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
      assert.equal(me.statusCode, 401, 'the old token no longer works after a change of role');
      const [update] = await auditEvents(t, { action: 'user.update', record_id: user.id });
      assert.deepEqual(update.details, { role: 'decision-maker', agencyId: csc() });
    });

    it("refuses to change a user's email to one in use", async () => {
      const user = await newUser(t, 'mso');
      const current = (await asAdmin('GET', `/api/v1/users/${user.id}`)).json();
      const res = await asAdmin('PUT', `/api/v1/users/${user.id}`, { email: 'auditor@demo.test', displayName: current.displayName, role: 'mso', agencyId: csc(), version: current.version });
      isProblem(res, 400);
      assert.deepEqual(fieldsOf(res), ['email']);
    });

    it('deactivates a leaver and reactivates them; an admin cannot deactivate themselves', async () => {
      const user = await newUser(t, 'housing');
      assert.equal((await asAdmin('POST', `/api/v1/users/${user.id}/deactivate`)).statusCode, 204);
      assert.equal((await asAdmin('GET', `/api/v1/users/${user.id}`)).json().active, false);
      const refused = await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { email: user.email, password: TEST_PASSWORD } });
      assert.equal(refused.statusCode, 401);
      assert.equal((await asAdmin('POST', `/api/v1/users/${user.id}/reactivate`)).statusCode, 204);
      const back = await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { email: user.email, password: TEST_PASSWORD } });
      assert.equal(back.statusCode, 200);

      const self = await asAdmin('POST', `/api/v1/users/${t.hub.actors.admin.userId}/deactivate`);
      isProblem(self, 400);
      assert.deepEqual(fieldsOf(self), ['user']);
      assert.deepEqual((await auditEvents(t, { record_id: user.id })).map((e) => e.action).filter((a) => a.startsWith('user.')), ['user.create', 'user.deactivate', 'user.read', 'user.reactivate']);
    });

    it('non-administrators may not add users (403), and that refusal is audited', async () => {
      const res = await t.api('mso', { method: 'POST', url: '/api/v1/users', payload: { email: 'sneaky@synthetic.test', displayName: 'Sneaky', role: 'admin', agencyId: csc() } });
      isProblem(res, 403);
      const [refusal] = (await auditEvents(t, { action: 'access.refused', actor_user_id: t.hub.actors.mso.userId })).slice(-1);
      assert.equal(refusal.outcome, 'refused');
      assert.equal(refusal.details.permission, 'user.manage');
    });
  });

  describe("another hub's administrator", () => {
    it("gets 404 for this hub's users and agencies, changes nothing, and each refusal is audited", async () => {
      const user = await newUser(t, 'education');
      const agencyId = t.hub.agencyIds.police;
      const userBefore = await t.database.db.selectFrom('app_user').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
      const agencyBefore = await t.database.db.selectFrom('agency').selectAll().where('id', '=', agencyId).executeTakeFirstOrThrow();
      const attempts: Array<[Method, string, object?]> = [
        ['GET', `/api/v1/users/${user.id}`],
        ['PUT', `/api/v1/users/${user.id}`, { email: user.email, displayName: 'Taken Over', role: 'education', agencyId: user.actor.agencyId, version: userBefore.version }],
        ['POST', `/api/v1/users/${user.id}/deactivate`],
        ['POST', `/api/v1/users/${user.id}/reactivate`],
        ['GET', `/api/v1/agencies/${agencyId}`],
        ['PUT', `/api/v1/agencies/${agencyId}`, { name: 'Taken Over', type: 'police', secureEmailDomains: [], agreementStatus: 'terminated', active: false, version: agencyBefore.version }],
      ];
      const otherAdmin = t.otherHub.actors.admin.userId;
      const refusalsBefore = (await auditEvents(t, { action: 'access.refused', actor_user_id: otherAdmin })).length;
      for (const [method, url, payload] of attempts) {
        const res = await asOtherHubAdmin(method, url, payload);
        isProblem(res, 404);
        assert.equal(res.json().detail, 'Not found', `${method} ${url} says nothing more`);
      }
      assert.deepEqual(await t.database.db.selectFrom('app_user').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow(), userBefore);
      assert.deepEqual(await t.database.db.selectFrom('agency').selectAll().where('id', '=', agencyId).executeTakeFirstOrThrow(), agencyBefore);

      const refusals = (await auditEvents(t, { action: 'access.refused', actor_user_id: otherAdmin })).slice(refusalsBefore);
      assert.equal(refusals.length, attempts.length);
      assert.ok(refusals.every((e) => e.outcome === 'refused'));
      assert.deepEqual(refusals.map((e) => e.record_id), [user.id, user.id, user.id, user.id, agencyId, agencyId]);

      const theirUsers = (await asOtherHubAdmin('GET', '/api/v1/users')).json() as Array<{ id: string }>;
      const theirAgencies = (await asOtherHubAdmin('GET', '/api/v1/agencies')).json() as Array<{ id: string }>;
      assert.ok(!theirUsers.some((u) => u.id === user.id), "this hub's users are not in their list");
      assert.ok(!theirAgencies.some((a) => Object.values(t.hub.agencyIds).includes(a.id)), "nor this hub's agencies");
      assert.equal((await asOtherHubAdmin('GET', '/api/v1/hub')).json().id, t.otherHub.hubId, 'their hub is their own');
    });

    it('the service hides the records too', async () => {
      const user = await newUser(t, 'probation');
      await assert.rejects(t.services.admin.getUser(t.otherHub.actors.admin, t.ctx, user.id), (e: unknown) => e instanceof DomainError && e.code === 'not-found');
      await assert.rejects(t.services.admin.getHub(t.otherHub.actors.admin, t.ctx, t.hub.hubId), (e: unknown) => e instanceof DomainError && e.code === 'not-found');
    });
  });
});
