import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { createApp } from '../src/app';
import { buildServices, type Services } from '../src/composition';
import { loadConfig, type Config } from '../src/config/config';
import { createDemoHub, DEMO_USERS } from '../src/features/demo/demo-hub';
import type { Actor } from '../src/platform/access/policy';
import type { Role } from '../src/platform/access/roles';
import { openDatabase, type Database } from '../src/platform/db/database';
import { migrateToLatest } from '../src/platform/db/migrate';
import { systemClock, type SystemClock } from '../src/platform/time/clock';

/**
 * A real database per test file: in-memory PGlite, or — when DATABASE_URL is set (CI's second
 * run) — a fresh schema on the PostgreSQL server, dropped at the end.
 */
export async function testDatabase(): Promise<Database & { cleanup(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const schema = `test_${randomBytes(6).toString('hex')}`;
    const database = await openDatabase({ databaseUrl: url, schema, dataDir: '', poolSize: 5 });
    await migrateToLatest(database.db);
    return {
      ...database,
      async cleanup() {
        const { sql } = await import('kysely');
        await sql.raw(`drop schema if exists ${schema} cascade`).execute(database.db);
        await database.close();
      },
    };
  }
  const database = await openDatabase({ dataDir: 'memory://' });
  await migrateToLatest(database.db);
  return { ...database, cleanup: () => database.close() };
}

export const TEST_PASSWORD = 'synthetic-test-password-1';

export interface TestHub {
  hubId: string;
  /** the demo user of each role, as an Actor */
  actors: Record<Role, Actor>;
  emails: Record<Role, string>;
  agencyIds: Record<string, string>;
}

async function loadHub(database: Database, hubId: string): Promise<TestHub> {
  const users = await database.db.selectFrom('app_user').selectAll().where('hub_id', '=', hubId).execute();
  const agencies = await database.db.selectFrom('agency').select(['id', 'type']).where('hub_id', '=', hubId).execute();
  const actors = {} as Record<Role, Actor>;
  const emails = {} as Record<Role, string>;
  for (const u of users) {
    actors[u.role as Role] = { userId: u.id, hubId, agencyId: u.agency_id, role: u.role as Role, displayName: u.display_name };
    emails[u.role as Role] = u.email;
  }
  return { hubId, actors, emails, agencyIds: Object.fromEntries(agencies.map((a) => [a.type, a.id])) };
}

export interface TestContext {
  database: Database;
  services: Services;
  app: FastifyInstance;
  config: Config;
  /** Demo MASH: one user per role */
  hub: TestHub;
  /** a second hub, for "the wrong hub is refused" */
  otherHub: TestHub;
  ctx: { requestId: string; sourceAddress: string };
  /** bearer token for a demo user of the main hub (or the other hub) */
  token(role: Role, which?: 'hub' | 'other'): Promise<string>;
  api(role: Role, options: InjectOptions, which?: 'hub' | 'other'): Promise<import('light-my-request').Response>;
  close(): Promise<void>;
}

export async function createTestContext(options: { env?: Record<string, string>; clock?: SystemClock } = {}): Promise<TestContext> {
  const database = await testDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', OPENMASH_JOBS: 'false', ...options.env });
  const now = new Date();
  const main = await createDemoHub(database.db, { password: TEST_PASSWORD, now });
  const other = await createDemoHub(database.db, { password: TEST_PASSWORD, now, name: 'Other MASH', emailSuffix: '.other' });
  const services = buildServices(config, database, options.clock ?? systemClock);
  const app = await createApp(services, { signInRateLimit: 10_000, logger: false });
  await app.ready();
  const hub = await loadHub(database, main.hubId);
  const otherHub = await loadHub(database, other.hubId);
  const tokens = new Map<string, string>();
  const token = async (role: Role, which: 'hub' | 'other' = 'hub') => {
    const key = `${which}:${role}`;
    const cached = tokens.get(key);
    if (cached) return cached;
    const email = (which === 'hub' ? hub : otherHub).emails[role];
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { email, password: TEST_PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`token for ${role} failed: ${res.statusCode} ${res.body}`);
    const value = res.json().access_token as string;
    tokens.set(key, value);
    return value;
  };
  return {
    database,
    services,
    app,
    config,
    hub,
    otherHub,
    ctx: { requestId: 'test', sourceAddress: '127.0.0.1' },
    token,
    async api(role, opts, which = 'hub') {
      const t = await token(role, which);
      return app.inject({ ...opts, headers: { ...(opts.headers ?? {}), authorization: `Bearer ${t}` } });
    },
    async close() {
      await app.close();
      await database.cleanup();
    },
  };
}

export { DEMO_USERS };
