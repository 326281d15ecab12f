import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Actor } from '../../platform/access/policy';
import { isRole } from '../../platform/access/roles';
import type { UnitOfWork, RequestContext } from '../../platform/db/unit-of-work';
import { DomainError, validationError } from '../../platform/errors';
import type { SystemClock } from '../../platform/time/clock';
import { afterFailedSignIn, isLockedOut, normaliseEmail, sessionValidity, shouldTouchSession } from './domain/sign-in-rules';
import { dummyVerify, verifyPassword } from './passwords';
import { newTotpSecret, totpUri, verifyTotp } from './totp';

export interface AuthSettings {
  idleTimeoutMinutes: number;
  absoluteTimeoutHours: number;
  apiTokenMinutes: number;
  maxFailedSignIns: number;
  lockoutMinutes: number;
  requireTotp: boolean;
}

export type SessionStage = 'active' | 'totp-required' | 'totp-setup';

export interface SignedInSession {
  actor: Actor;
  stage: SessionStage;
  csrfSecret: string;
  sessionId: string;
  email: string;
  totpEnabled: boolean;
}

export type SignInResult =
  | { kind: 'session'; token: string; stage: SessionStage }
  | { kind: 'failed'; message: string };

const SIGN_IN_FAILED = 'Enter a correct email address and password';
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

export function createAuthService(deps: { db: Kysely<DB>; uow: UnitOfWork; clock: SystemClock; settings: AuthSettings }) {
  const { db, uow, clock, settings } = deps;

  const actorFrom = (u: { id: string; hub_id: string; agency_id: string; role: string; display_name: string }): Actor => {
    if (!isRole(u.role)) throw new DomainError('forbidden', 'Account has an unknown role');
    return { userId: u.id, hubId: u.hub_id, agencyId: u.agency_id, role: u.role, displayName: u.display_name };
  };

  /** Password (and, for API tokens, TOTP) check shared by web sign-in and token issue. */
  async function checkCredentials(email: string, password: string, context: RequestContext) {
    const now = clock.now();
    const user = await db
      .selectFrom('app_user')
      .innerJoin('hub', 'hub.id', 'app_user.hub_id')
      .selectAll('app_user')
      .where('app_user.email', '=', normaliseEmail(email))
      .executeTakeFirst();
    const fail = async (reason: string, userRow?: typeof user) => {
      await uow.auditOnly(userRow ? actorFrom(userRow) : null, context, [
        { action: 'auth.sign-in', outcome: 'failed', recordType: 'user', recordId: userRow?.id, details: { reason }, hubId: userRow?.hub_id ?? null },
      ]);
      return null;
    };
    if (!user) {
      await dummyVerify(password);
      return fail('unknown-account');
    }
    if (!user.active) {
      await dummyVerify(password);
      return fail('deactivated', user);
    }
    if (isLockedOut(user.locked_until, now)) return fail('locked-out', user);
    if (!(await verifyPassword(user.password_hash, password))) {
      const next = afterFailedSignIn(user.failed_sign_ins, settings, now);
      await db.updateTable('app_user').set({ failed_sign_ins: next.failed, locked_until: next.lockedUntil }).where('id', '=', user.id).execute();
      return fail(next.lockedUntil ? 'bad-password-now-locked' : 'bad-password', user);
    }
    return user;
  }

  async function createSession(
    user: { id: string; hub_id: string },
    kind: 'web' | 'api',
    stage: SessionStage,
    context: RequestContext,
    actor: Actor,
  ) {
    const token = newToken();
    await uow.run(actor, context, async ({ tx, now, audit }) => {
      const expires = kind === 'api' ? settings.apiTokenMinutes * 60_000 : settings.absoluteTimeoutHours * 3_600_000;
      await tx
        .insertInto('user_session')
        .values({
          id: hashToken(token),
          hub_id: user.hub_id,
          user_id: user.id,
          kind,
          stage,
          csrf_secret: randomBytes(24).toString('base64url'),
          created_at: now,
          last_seen_at: now,
          expires_at: new Date(now.getTime() + expires),
        })
        .execute();
      await tx
        .updateTable('app_user')
        .set(stage === 'active' ? { failed_sign_ins: 0, locked_until: null, last_sign_in_at: now } : { failed_sign_ins: 0, locked_until: null })
        .where('id', '=', user.id)
        .execute();
      audit({ action: kind === 'api' ? 'auth.token-issued' : stage === 'active' ? 'auth.sign-in' : 'auth.password-accepted', recordType: 'user', recordId: user.id });
    });
    return token;
  }

  return {
    /** Web sign-in, first step. A session in a TOTP stage grants nothing until the code is given. */
    async signIn(email: string, password: string, context: RequestContext): Promise<SignInResult> {
      const user = await checkCredentials(email, password, context);
      if (!user) return { kind: 'failed', message: SIGN_IN_FAILED };
      const stage: SessionStage = user.totp_enabled ? 'totp-required' : settings.requireTotp ? 'totp-setup' : 'active';
      const token = await createSession(user, 'web', stage, context, actorFrom(user));
      return { kind: 'session', token, stage };
    },

    /** Second step: the TOTP code completes a 'totp-required' session. */
    async completeTotp(session: SignedInSession, code: string, context: RequestContext): Promise<boolean> {
      const user = await db.selectFrom('app_user').selectAll().where('id', '=', session.actor.userId).executeTakeFirstOrThrow();
      const now = clock.now();
      if (!user.totp_secret || !verifyTotp(user.totp_secret, code, now)) {
        const next = afterFailedSignIn(user.failed_sign_ins, settings, now);
        await db.updateTable('app_user').set({ failed_sign_ins: next.failed, locked_until: next.lockedUntil }).where('id', '=', user.id).execute();
        if (next.lockedUntil) await db.deleteFrom('user_session').where('user_id', '=', user.id).execute();
        await uow.auditOnly(session.actor, context, [{ action: 'auth.totp', outcome: 'failed', recordType: 'user', recordId: user.id }]);
        return false;
      }
      await uow.run(session.actor, context, async ({ tx, now: at, audit }) => {
        await tx.updateTable('user_session').set({ stage: 'active', last_seen_at: at }).where('id', '=', session.sessionId).execute();
        await tx.updateTable('app_user').set({ failed_sign_ins: 0, last_sign_in_at: at }).where('id', '=', user.id).execute();
        audit({ action: 'auth.sign-in', recordType: 'user', recordId: user.id, details: { secondFactor: 'totp' } });
      });
      return true;
    },

    /** Starts TOTP set-up: a new secret, not yet in force until confirmed with a code. */
    async beginTotpSetup(session: SignedInSession): Promise<{ secret: string; uri: string }> {
      const secret = newTotpSecret();
      await db.updateTable('app_user').set({ totp_secret: secret }).where('id', '=', session.actor.userId).where('totp_enabled', '=', false).execute();
      const user = await db.selectFrom('app_user').select(['totp_secret', 'totp_enabled']).where('id', '=', session.actor.userId).executeTakeFirstOrThrow();
      if (user.totp_enabled) throw new DomainError('invalid-state', 'A second factor is already set up');
      return { secret: user.totp_secret!, uri: totpUri(user.totp_secret!, session.email) };
    },

    async confirmTotpSetup(session: SignedInSession, code: string, context: RequestContext): Promise<void> {
      const user = await db.selectFrom('app_user').selectAll().where('id', '=', session.actor.userId).executeTakeFirstOrThrow();
      if (!user.totp_secret || !verifyTotp(user.totp_secret, code, clock.now())) {
        throw validationError([{ field: 'code', text: 'Enter the 6-digit code shown in your authenticator app' }]);
      }
      await uow.run(session.actor, context, async ({ tx, now, audit }) => {
        await tx.updateTable('app_user').set({ totp_enabled: true }).where('id', '=', user.id).execute();
        await tx.updateTable('user_session').set({ stage: 'active', last_seen_at: now }).where('id', '=', session.sessionId).execute();
        audit({ action: 'auth.totp-enabled', recordType: 'user', recordId: user.id });
      });
    },

    /** API: email, password and (when enabled or required) TOTP in one call → short-lived bearer token. */
    async issueToken(input: { email: string; password: string; totp?: string }, context: RequestContext) {
      const user = await checkCredentials(input.email, input.password, context);
      if (!user) throw new DomainError('unauthenticated', SIGN_IN_FAILED);
      if (user.totp_enabled || settings.requireTotp) {
        if (!user.totp_enabled || !user.totp_secret || !input.totp || !verifyTotp(user.totp_secret, input.totp, clock.now())) {
          await uow.auditOnly(actorFrom(user), context, [{ action: 'auth.totp', outcome: 'failed', recordType: 'user', recordId: user.id }]);
          throw new DomainError('unauthenticated', user.totp_enabled ? 'A valid TOTP code is required' : 'Set up a second factor in the web application first');
        }
      }
      const token = await createSession(user, 'api', 'active', context, actorFrom(user));
      return { accessToken: token, tokenType: 'Bearer' as const, expiresIn: settings.apiTokenMinutes * 60 };
    },

    /** Resolves a cookie or bearer token to a session; expired ones are removed. */
    async resolveSession(token: string, kind: 'web' | 'api'): Promise<SignedInSession | null> {
      const id = hashToken(token);
      const row = await db
        .selectFrom('user_session')
        .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
        .select([
          'user_session.id as session_id',
          'user_session.stage',
          'user_session.csrf_secret',
          'user_session.last_seen_at',
          'user_session.expires_at',
          'user_session.kind',
          'app_user.id',
          'app_user.hub_id',
          'app_user.agency_id',
          'app_user.role',
          'app_user.display_name',
          'app_user.email',
          'app_user.active',
          'app_user.totp_enabled',
        ])
        .where('user_session.id', '=', id)
        .executeTakeFirst();
      if (!row || row.kind !== kind) return null;
      const now = clock.now();
      const validity = sessionValidity({ lastSeenAt: row.last_seen_at, expiresAt: row.expires_at }, { idleMinutes: settings.idleTimeoutMinutes }, now);
      if (!row.active || validity !== 'valid') {
        await db.deleteFrom('user_session').where('id', '=', id).execute();
        return null;
      }
      if (shouldTouchSession(row.last_seen_at, now)) {
        await db.updateTable('user_session').set({ last_seen_at: now }).where('id', '=', id).execute();
      }
      return {
        actor: actorFrom(row),
        stage: row.stage,
        csrfSecret: row.csrf_secret,
        sessionId: row.session_id,
        email: row.email,
        totpEnabled: row.totp_enabled,
      };
    },

    async signOut(session: SignedInSession, context: RequestContext): Promise<void> {
      await uow.run(session.actor, context, async ({ tx, audit }) => {
        await tx.deleteFrom('user_session').where('id', '=', session.sessionId).execute();
        audit({ action: 'auth.sign-out', recordType: 'user', recordId: session.actor.userId });
      });
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
