/**
 * Run as a child process by http.test.ts: createApp takes no log stream, so the logs are read
 * from this process's stdout, where pino writes them. Signs in, fails to, asks for tokens and
 * searches, at log level `info`; prints the secrets it used on stderr so the parent can look
 * for them in the logs.
 */
import { createApp } from '../../../src/app';
import { buildServices } from '../../../src/composition';
import { loadConfig } from '../../../src/config/config';
import { createDemoHub } from '../../../src/features/demo/demo-hub';
import { openDatabase } from '../../../src/platform/db/database';
import { migrateToLatest } from '../../../src/platform/db/migrate';
import { TEST_PASSWORD } from '../../harness';

const WRONG_PASSWORD = 'wrong-synthetic-password-9';
const database = await openDatabase({ dataDir: 'memory://' });
await migrateToLatest(database.db);
await createDemoHub(database.db, { password: TEST_PASSWORD, now: new Date() });
const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', OPENMASH_JOBS: 'false' });
const app = await createApp(buildServices(config, database), { signInRateLimit: 10_000 });
await app.ready();

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const page = await app.inject({ method: 'GET', url: '/sign-in?email=query.leak%40synthetic.test' });
const anon = page.cookies.find((c) => c.name === 'openmash_csrf')!.value;
const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1];
const post = (fields: Record<string, string>) =>
  app.inject({ method: 'POST', url: '/sign-in', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `openmash_csrf=${anon}` }, payload: form({ _csrf: csrf, ...fields }) });

const good = await post({ email: 'mso@demo.test', password: TEST_PASSWORD });
const session = good.cookies.find((c) => c.name === 'openmash_session')!.value;
await post({ email: 'mso@demo.test', password: WRONG_PASSWORD });
await post({ email: 'nobody.known@synthetic.test', password: WRONG_PASSWORD });
const token = (await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { email: 'auditor@demo.test', password: TEST_PASSWORD } })).json().access_token as string;
await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { email: 'auditor@demo.test', password: WRONG_PASSWORD } });
await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { email: 'schema.breaker@synthetic.test', password: WRONG_PASSWORD, extra: 'x' } });
await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
await app.inject({ method: 'GET', url: '/api/v1/audit/events?recordId=search-term-in-query', headers: { authorization: `Bearer ${token}` } });
await app.inject({ method: 'GET', url: '/', headers: { cookie: `openmash_session=${session}` } });

await app.close();
await database.close();
process.stderr.write(`${JSON.stringify({ secrets: [TEST_PASSWORD, WRONG_PASSWORD, session, token, anon, csrf] })}\n`);
