/**
 * kill -9 the server while it takes concurrent contacts; start it again on the same database.
 * Every contact the API acknowledged (201) must be there, the database must open, and the
 * audit chain must verify. PGlite runs with fsync off: a process kill (not a machine crash)
 * must still lose nothing acknowledged, since what PGlite wrote is in the operating system's
 * page cache — this measures it. PostgreSQL runs in a throwaway instance of the test's own.
 */
import { sql } from 'kysely';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { HttpClient } from '../../bench/lib/http';
import { startServer, type ServerProcess } from '../../bench/lib/server-process';
import { openDatabase, type Database } from '../../src/platform/db/database';
import { verifyAuditChains } from '../../src/platform/audit/audit-verify';
import { FAULT_PASSWORD, runIntake, syntheticContact, waitFor } from './support/intake';
import { createPgInstance, pgInstanceUnavailable, type PgInstance } from './support/pg-instance';

const ENTRY = 'src/main/server.ts';
const CLIENTS = 20;
const BEFORE_KILL = 150;

const appEnv = { OPENMASH_DEMO: 'true', OPENMASH_DEMO_PASSWORD: FAULT_PASSWORD, OPENMASH_JOBS: 'false', LOG_LEVEL: 'silent' };

// a figure only (NaN if the audit table is shaped otherwise): verification is what must pass
const unsealedEvents = async (db: Database['db']) =>
  sql<{ n: number }>`select count(*) as n from audit_event where hash is null`.execute(db).then((r) => Number(r.rows[0].n), () => Number.NaN);

/**
 * peek: for a database that can be read while the server is down (PostgreSQL), how many audit
 * events the kill left committed but not yet sealed into their chain.
 */
async function killDuringIntake(backend: string, env: Record<string, string>, open: () => Promise<Database>, peek?: () => Promise<number>) {
  const startedAt = performance.now();
  let server: ServerProcess | undefined = await startServer({ entry: ENTRY, env: { ...appEnv, ...env } });
  const firstStartSeconds = (performance.now() - startedAt) / 1000;
  try {
    const client = new HttpClient(server.baseUrl, CLIENTS + 4);
    const token = await client.token('mso@demo.test', FAULT_PASSWORD);
    const intake = runIntake(client, () => token, CLIENTS);
    await waitFor(() => intake.log.acknowledged.size >= BEFORE_KILL, 60_000);
    server.child.kill('SIGKILL');
    await server.stop();
    const log = await intake.stop();
    client.close();
    assert.ok(log.acknowledged.size > 0, 'the server acknowledged some contacts before it was killed');
    const unsealedAtKill = peek ? String(await peek()) : 'not measured';

    const restartedAt = performance.now();
    server = await startServer({ entry: ENTRY, env: { ...appEnv, ...env } });
    const restartSeconds = (performance.now() - restartedAt) / 1000;
    // it takes new work after the restart
    const client2 = new HttpClient(server.baseUrl, 4);
    const token2 = await client2.token('mso@demo.test', FAULT_PASSWORD);
    const res = await client2.json('POST', '/api/v1/contacts', token2, syntheticContact(0));
    client2.close();
    assert.equal(res.status, 201, 'a contact can be recorded after the restart');
    await server.stop();
    server = undefined;

    const database = await open();
    try {
      const ids = [...log.acknowledged.keys()];
      const found = await database.db.selectFrom('contact').select('id').where('id', 'in', ids).execute();
      const total = Number((await database.db.selectFrom('contact').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const unsealedAfterRestart = await unsealedEvents(database.db);
      const chain = await verifyAuditChains(database.db);
      const lost = ids.length - found.length;
      console.log(
        `[faults] ${backend} kill -9 during intake (${CLIENTS} concurrent clients): ${log.sent} sent, ${ids.length} acknowledged, ${found.length} found after restart, ` +
          `${lost} lost; ${total - 1 - found.length} committed without an acknowledgement; ` +
          `server ready ${restartSeconds.toFixed(1)} s after restart (first start on an empty database ${firstStartSeconds.toFixed(1)} s); ` +
          `audit events unsealed at the kill ${unsealedAtKill}, after the restarted server stopped ${unsealedAfterRestart}; ` +
          `audit chain ${chain.ok ? 'verifies' : 'BROKEN'} (${chain.events} events); responses ${JSON.stringify(Object.fromEntries(log.statuses))}`,
      );
      assert.equal(lost, 0, 'every acknowledged contact is there after the restart');
      assert.equal(chain.ok, true, `the audit chain verifies: ${JSON.stringify(chain.firstBreak)}`);
      // every contact in the database has its creation audit event
      const unaudited = await sql<{ n: number }>`select count(*) as n from contact c where not exists (select 1 from audit_event a where a.record_id = c.id::text and a.action = 'contact.create')`.execute(database.db);
      assert.equal(Number(unaudited.rows[0].n), 0, 'no contact exists without its audit event');
    } finally {
      await database.close();
    }
  } finally {
    await server?.stop('SIGKILL');
  }
}

describe('kill -9 during intake', { timeout: 300_000 }, () => {
  it('PGlite: nothing acknowledged is lost, the database opens, the audit chain verifies', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openmash-faults-pglite-'));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    await killDuringIntake('PGlite', { DATA_DIR: dir }, () => openDatabase({ dataDir: dir }));
  });

  const unavailable = pgInstanceUnavailable();
  it('PostgreSQL: nothing acknowledged is lost, the database opens, the audit chain verifies', { skip: unavailable }, async () => {
    const pg: PgInstance = await createPgInstance();
    after(() => pg.destroy());
    const open = () => openDatabase({ databaseUrl: pg.url, dataDir: '', poolSize: 2 });
    const peek = async () => {
      const database = await open();
      try {
        return await unsealedEvents(database.db);
      } finally {
        await database.close();
      }
    };
    await killDuringIntake('PostgreSQL', { DATABASE_URL: pg.url }, open, peek);
  });
});
