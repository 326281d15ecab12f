import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Actor } from '../../platform/access/policy';
import type { RequestContext, UnitOfWork } from '../../platform/db/unit-of-work';
import { DomainError, requireId, validationError } from '../../platform/errors';
import { hashPassword } from '../auth/passwords';
import { validateAgency, validateHub, validateUser, type AgencyInput, type HubInput, type UserInput } from './domain/admin-validation';

export interface HubView {
  id: string;
  name: string;
  localAuthorities: string[];
  openingTime: string;
  closingTime: string;
  version: number;
}

export interface AgencyView {
  id: string;
  name: string;
  type: string;
  icoRegistration: string | null;
  secureEmailDomains: string[];
  agreementStatus: string;
  active: boolean;
  version: number;
}

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  role: string;
  agencyId: string;
  agencyName: string;
  active: boolean;
  totpEnabled: boolean;
  lastSignInAt: Date | null;
  version: number;
}

const hubView = (r: { id: string; name: string; local_authorities: string[]; settings: Record<string, unknown>; version: number }): HubView => {
  const calendar = (r.settings?.calendar ?? {}) as { openingTime?: string; closingTime?: string };
  return {
    id: r.id,
    name: r.name,
    localAuthorities: r.local_authorities,
    openingTime: calendar.openingTime ?? '09:00',
    closingTime: calendar.closingTime ?? '17:00',
    version: r.version,
  };
};

/** A generated first password: shown once to the administrator, never stored in clear. */
export const generatePassword = () => randomBytes(12).toString('base64url');

export function createAdminService(deps: { uow: UnitOfWork }) {
  const { uow } = deps;

  return {
    /** For pages that only show an empty form: ask the policy (and audit a refusal) all the same. */
    async requireManage(actor: Actor, ctx: RequestContext, permission: 'hub.manage' | 'agency.manage' | 'user.manage'): Promise<void> {
      await uow.run(actor, ctx, async ({ require }) => {
        require(permission, { hubId: actor.hubId });
      });
    },

    async getHub(actor: Actor, ctx: RequestContext, hubId: string): Promise<HubView> {
      return uow.run(actor, ctx, async ({ tx, require, audit }) => {
        hubId = requireId(hubId);
        require('hub.read', { hubId, recordType: 'hub', recordId: hubId }, { hide: true });
        const row = await tx.selectFrom('hub').selectAll().where('id', '=', hubId).executeTakeFirst();
        if (!row) throw new DomainError('not-found', 'Not found');
        audit({ action: 'hub.read', recordType: 'hub', recordId: hubId });
        return hubView(row);
      });
    },

    async updateHub(actor: Actor, ctx: RequestContext, hubId: string, input: HubInput, expectedVersion: number): Promise<HubView> {
      return uow.run(actor, ctx, async ({ tx, require, audit }) => {
        hubId = requireId(hubId);
        require('hub.manage', { hubId, recordType: 'hub', recordId: hubId }, { hide: true });
        const { value, errors } = validateHub(input);
        if (!value) throw validationError(errors);
        const current = await tx.selectFrom('hub').selectAll().where('id', '=', hubId).executeTakeFirstOrThrow();
        const settings = { ...current.settings, calendar: { ...((current.settings.calendar as object) ?? {}), openingTime: value.openingTime, closingTime: value.closingTime } };
        const updated = await tx
          .updateTable('hub')
          .set({ name: value.name, local_authorities: value.localAuthorities, settings: JSON.stringify(settings), version: sql`version + 1` })
          .where('id', '=', hubId)
          .where('version', '=', expectedVersion)
          .returningAll()
          .executeTakeFirst();
        if (!updated) throw new DomainError('conflict', 'Someone else changed this hub while you were editing it. Check the current details and make your change again.');
        audit({ action: 'hub.update', recordType: 'hub', recordId: hubId });
        return hubView(updated);
      });
    },

    /** A new hub with its children's social care agency and first administrator. */
    async createHub(actor: Actor, ctx: RequestContext, input: HubInput & { adminEmail: string; adminName: string }) {
      return uow.run(actor, ctx, async ({ tx, require, audit }) => {
        require('hub.manage');
        const { value, errors } = validateHub(input);
        const hubId = randomUUID();
        const agencyId = randomUUID();
        const userCheck = validateUser(
          { email: input.adminEmail, displayName: input.adminName, role: 'admin', agencyId },
          [{ id: agencyId, type: 'childrens-social-care' }],
          { passwordRequired: false },
        );
        const all = [...errors, ...userCheck.errors.map((e) => ({ ...e, field: e.field === 'email' ? 'adminEmail' : e.field === 'displayName' ? 'adminName' : e.field }))];
        if (!value || !userCheck.value || all.length > 0) throw validationError(all);
        const exists = await tx.selectFrom('app_user').select('id').where('email', '=', userCheck.value.email).executeTakeFirst();
        if (exists) throw validationError([{ field: 'adminEmail', text: 'An account with this email address already exists' }]);
        const password = generatePassword();
        await tx
          .insertInto('hub')
          .values({ id: hubId, name: value.name, local_authorities: value.localAuthorities, settings: JSON.stringify({ calendar: { openingTime: value.openingTime, closingTime: value.closingTime } }) })
          .execute();
        await tx.insertInto('agency').values({ id: agencyId, hub_id: hubId, name: `${value.name} children's social care`, type: 'childrens-social-care' }).execute();
        const userId = randomUUID();
        await tx
          .insertInto('app_user')
          .values({ id: userId, hub_id: hubId, agency_id: agencyId, email: userCheck.value.email, display_name: userCheck.value.displayName, role: 'admin', password_hash: await hashPassword(password) })
          .execute();
        audit({ action: 'hub.create', recordType: 'hub', recordId: hubId });
        audit({ action: 'user.create', recordType: 'user', recordId: userId, hubId, details: { role: 'admin' } });
        return { hubId, adminUserId: userId, adminPassword: password };
      });
    },

    async listAgencies(actor: Actor, ctx: RequestContext): Promise<AgencyView[]> {
      return uow.run(actor, ctx, async ({ tx, require, audit }) => {
        require('agency.read', { hubId: actor.hubId });
        const rows = await tx.selectFrom('agency').selectAll().where('hub_id', '=', actor.hubId).orderBy('name').execute();
        audit({ action: 'agency.list', recordType: 'agency', details: { count: rows.length } });
        return rows.map(agencyView);
      });
    },

    async getAgency(actor: Actor, ctx: RequestContext, agencyId: string): Promise<AgencyView> {
      return uow.run(actor, ctx, async ({ tx, require, audit }) => {
        agencyId = requireId(agencyId);
        const row = await tx.selectFrom('agency').selectAll().where('id', '=', agencyId).executeTakeFirst();
        require('agency.read', { hubId: row?.hub_id ?? '-', recordType: 'agency', recordId: agencyId }, { hide: true });
        if (!row) throw new DomainError('not-found', 'Not found');
        audit({ action: 'agency.read', recordType: 'agency', recordId: agencyId });
        return agencyView(row);
      });
    },

    async createAgency(actor: Actor, ctx: RequestContext, input: AgencyInput): Promise<AgencyView> {
      return uow.run(actor, ctx, async ({ tx, require, audit }) => {
        require('agency.manage', { hubId: actor.hubId });
        const { value, errors } = validateAgency(input);
        if (!value) throw validationError(errors);
        const clash = await tx.selectFrom('agency').select('id').where('hub_id', '=', actor.hubId).where(sql`lower(name)`, '=', value.name.toLowerCase()).executeTakeFirst();
        if (clash) throw validationError([{ field: 'name', text: 'An agency with this name already exists in this hub' }]);
        const row = await tx
          .insertInto('agency')
          .values({
            id: randomUUID(),
            hub_id: actor.hubId,
            name: value.name,
            type: value.type,
            ico_registration: value.icoRegistration,
            secure_email_domains: value.secureEmailDomains,
            agreement_status: value.agreementStatus,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        audit({ action: 'agency.create', recordType: 'agency', recordId: row.id });
        return agencyView(row);
      });
    },

    async updateAgency(actor: Actor, ctx: RequestContext, agencyId: string, input: AgencyInput & { active: boolean }, expectedVersion: number): Promise<AgencyView> {
      return uow.run(actor, ctx, async ({ tx, require, audit }) => {
        agencyId = requireId(agencyId);
        const current = await tx.selectFrom('agency').selectAll().where('id', '=', agencyId).executeTakeFirst();
        require('agency.manage', { hubId: current?.hub_id ?? '-', recordType: 'agency', recordId: agencyId }, { hide: true });
        if (!current) throw new DomainError('not-found', 'Not found');
        const { value, errors } = validateAgency(input);
        if (!value) throw validationError(errors);
        const row = await tx
          .updateTable('agency')
          .set({
            name: value.name,
            type: value.type,
            ico_registration: value.icoRegistration,
            secure_email_domains: value.secureEmailDomains,
            agreement_status: value.agreementStatus,
            active: input.active,
            version: sql`version + 1`,
          })
          .where('id', '=', agencyId)
          .where('version', '=', expectedVersion)
          .returningAll()
          .executeTakeFirst();
        if (!row) throw new DomainError('conflict', 'Someone else changed this agency while you were editing it. Check the current details and make your change again.');
        audit({ action: 'agency.update', recordType: 'agency', recordId: agencyId, details: { agreementStatus: value.agreementStatus, active: input.active } });
        return agencyView(row);
      });
    },

    async listUsers(actor: Actor, ctx: RequestContext): Promise<UserView[]> {
      return uow.run(actor, ctx, async ({ tx, require, audit }) => {
        require('user.read', { hubId: actor.hubId });
        const rows = await userQuery(tx).where('app_user.hub_id', '=', actor.hubId).orderBy('app_user.display_name').execute();
        audit({ action: 'user.list', recordType: 'user', details: { count: rows.length } });
        return rows.map(userView);
      });
    },

    async getUser(actor: Actor, ctx: RequestContext, userId: string): Promise<UserView> {
      return uow.run(actor, ctx, async ({ tx, require, audit }) => {
        userId = requireId(userId);
        const row = await userQuery(tx).where('app_user.id', '=', userId).executeTakeFirst();
        require('user.read', { hubId: row?.hub_id ?? '-', recordType: 'user', recordId: userId }, { hide: true });
        if (!row) throw new DomainError('not-found', 'Not found');
        audit({ action: 'user.read', recordType: 'user', recordId: userId });
        return userView(row);
      });
    },

    /** Returns the first password once when none was given. */
    async createUser(actor: Actor, ctx: RequestContext, input: UserInput): Promise<{ user: UserView; generatedPassword?: string }> {
      return uow.run(actor, ctx, async ({ tx, require, audit }) => {
        require('user.manage', { hubId: actor.hubId });
        const agencies = await tx.selectFrom('agency').select(['id', 'type']).where('hub_id', '=', actor.hubId).where('active', '=', true).execute();
        const { value, errors } = validateUser(input, agencies, { passwordRequired: false });
        if (!value) throw validationError(errors);
        const exists = await tx.selectFrom('app_user').select('id').where('email', '=', value.email).executeTakeFirst();
        if (exists) throw validationError([{ field: 'email', text: 'An account with this email address already exists' }]);
        const generatedPassword = value.password ? undefined : generatePassword();
        const id = randomUUID();
        await tx
          .insertInto('app_user')
          .values({
            id,
            hub_id: actor.hubId,
            agency_id: value.agencyId,
            email: value.email,
            display_name: value.displayName,
            role: value.role,
            password_hash: await hashPassword(value.password ?? generatedPassword!),
          })
          .execute();
        audit({ action: 'user.create', recordType: 'user', recordId: id, details: { role: value.role, agencyId: value.agencyId } });
        const row = await userQuery(tx).where('app_user.id', '=', id).executeTakeFirstOrThrow();
        return { user: userView(row), generatedPassword };
      });
    },

    async updateUser(actor: Actor, ctx: RequestContext, userId: string, input: Omit<UserInput, 'password'>, expectedVersion: number): Promise<UserView> {
      return uow.run(actor, ctx, async ({ tx, require, audit }) => {
        userId = requireId(userId);
        const current = await tx.selectFrom('app_user').select(['hub_id', 'email']).where('id', '=', userId).executeTakeFirst();
        require('user.manage', { hubId: current?.hub_id ?? '-', recordType: 'user', recordId: userId }, { hide: true });
        if (!current) throw new DomainError('not-found', 'Not found');
        const agencies = await tx.selectFrom('agency').select(['id', 'type']).where('hub_id', '=', actor.hubId).execute();
        const { value, errors } = validateUser(input, agencies, { passwordRequired: false });
        if (!value) throw validationError(errors);
        if (value.email !== current.email) {
          const exists = await tx.selectFrom('app_user').select('id').where('email', '=', value.email).executeTakeFirst();
          if (exists) throw validationError([{ field: 'email', text: 'An account with this email address already exists' }]);
        }
        const updated = await tx
          .updateTable('app_user')
          .set({ email: value.email, display_name: value.displayName, role: value.role, agency_id: value.agencyId, version: sql`version + 1` })
          .where('id', '=', userId)
          .where('version', '=', expectedVersion)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) {
          throw new DomainError('conflict', 'Someone else changed this user while you were editing. Check the current details and make your change again.');
        }
        // a change of role or agency changes what the person may see: end their sessions
        await tx.deleteFrom('user_session').where('user_id', '=', userId).execute();
        audit({ action: 'user.update', recordType: 'user', recordId: userId, details: { role: value.role, agencyId: value.agencyId } });
        return userView(await userQuery(tx).where('app_user.id', '=', userId).executeTakeFirstOrThrow());
      });
    },

    /** A leaver loses every session and API token at once (001 "Access controls"). */
    async deactivateUser(actor: Actor, ctx: RequestContext, userId: string): Promise<void> {
      await uow.run(actor, ctx, async ({ tx, require, audit, now }) => {
        userId = requireId(userId);
        const current = await tx.selectFrom('app_user').select(['hub_id']).where('id', '=', userId).executeTakeFirst();
        require('user.manage', { hubId: current?.hub_id ?? '-', recordType: 'user', recordId: userId }, { hide: true });
        if (!current) throw new DomainError('not-found', 'Not found');
        if (userId === actor.userId) throw validationError([{ field: 'user', text: 'You cannot deactivate your own account' }]);
        await tx.updateTable('app_user').set({ active: false, deactivated_at: now, version: sql`version + 1` }).where('id', '=', userId).execute();
        const revoked = await tx.deleteFrom('user_session').where('user_id', '=', userId).executeTakeFirst();
        audit({ action: 'user.deactivate', recordType: 'user', recordId: userId, details: { sessionsRevoked: Number(revoked.numDeletedRows) } });
      });
    },

    async reactivateUser(actor: Actor, ctx: RequestContext, userId: string): Promise<void> {
      await uow.run(actor, ctx, async ({ tx, require, audit }) => {
        userId = requireId(userId);
        const current = await tx.selectFrom('app_user').select(['hub_id']).where('id', '=', userId).executeTakeFirst();
        require('user.manage', { hubId: current?.hub_id ?? '-', recordType: 'user', recordId: userId }, { hide: true });
        if (!current) throw new DomainError('not-found', 'Not found');
        await tx.updateTable('app_user').set({ active: true, deactivated_at: null, failed_sign_ins: 0, locked_until: null, version: sql`version + 1` }).where('id', '=', userId).execute();
        audit({ action: 'user.reactivate', recordType: 'user', recordId: userId });
      });
    },

    /** Clears a lost second factor: the user sets up a new one at next sign-in. */
    async resetSecondFactor(actor: Actor, ctx: RequestContext, userId: string): Promise<void> {
      await uow.run(actor, ctx, async ({ tx, require, audit }) => {
        userId = requireId(userId);
        const current = await tx.selectFrom('app_user').select(['hub_id']).where('id', '=', userId).executeTakeFirst();
        require('user.manage', { hubId: current?.hub_id ?? '-', recordType: 'user', recordId: userId }, { hide: true });
        if (!current) throw new DomainError('not-found', 'Not found');
        await tx.updateTable('app_user').set({ totp_enabled: false, totp_secret: null, version: sql`version + 1` }).where('id', '=', userId).execute();
        await tx.deleteFrom('user_session').where('user_id', '=', userId).execute();
        audit({ action: 'user.reset-second-factor', recordType: 'user', recordId: userId });
      });
    },
  };
}

export type AdminService = ReturnType<typeof createAdminService>;

type AnyTx = Parameters<Parameters<UnitOfWork['run']>[2]>[0]['tx'];

function userQuery(tx: AnyTx) {
  return tx
    .selectFrom('app_user')
    .innerJoin('agency', 'agency.id', 'app_user.agency_id')
    .select([
      'app_user.id',
      'app_user.hub_id',
      'app_user.email',
      'app_user.display_name',
      'app_user.role',
      'app_user.agency_id',
      'agency.name as agency_name',
      'app_user.active',
      'app_user.totp_enabled',
      'app_user.last_sign_in_at',
      'app_user.version',
    ]);
}

function userView(r: {
  id: string;
  email: string;
  display_name: string;
  role: string;
  agency_id: string;
  agency_name: string;
  active: boolean;
  totp_enabled: boolean;
  last_sign_in_at: Date | null;
  version: number;
}): UserView {
  return {
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    role: r.role,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    active: r.active,
    totpEnabled: r.totp_enabled,
    lastSignInAt: r.last_sign_in_at,
    version: r.version,
  };
}

function agencyView(r: {
  id: string;
  name: string;
  type: string;
  ico_registration: string | null;
  secure_email_domains: string[];
  agreement_status: string;
  active: boolean;
  version: number;
}): AgencyView {
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    icoRegistration: r.ico_registration,
    secureEmailDomains: r.secure_email_domains,
    agreementStatus: r.agreement_status,
    active: r.active,
    version: r.version,
  };
}
