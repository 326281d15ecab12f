/**
 * The database stops (as if it crashed: pg_ctl stop -m immediate) and comes back while the
 * server takes contacts. Meanwhile the server answers 503 (never a 500, never hangs); it
 * recovers by itself once the database is back; no acknowledged write is lost; the audit chain
 * verifies. PostgreSQL only, on a throwaway instance of the test's own: PGlite is the server
 * process's own database and cannot stop without it (see kill-during-intake.test.ts).
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { HttpClient } from '../../bench/lib/http';
import { startServer } from '../../bench/lib/server-process';
import { verifyAuditChains } from '../../src/platform/audit/audit-verify';
import { openDatabase } from '../../src/platform/db/database';
import { FAULT_PASSWORD, runIntake, syntheticContact, waitFor } from './support/intake';
import { createPgInstance, pgInstanceUnavailable } from './support/pg-instance';

const unavailable = pgInstanceUnavailable();

describe('the database stops and comes back', { timeout: 300_000 }, () => {
  it('PostgreSQL: 503 while it is down, recovery without a restart, nothing acknowledged lost', { skip: unavailable }, async () => {
    const pg = await createPgInstance();
    after(() => pg.destroy());
    const server = await startServer({
      entry: 'src/main/server.ts',
      env: { DATABASE_URL: pg.url, OPENMASH_DEMO: 'true', OPENMASH_DEMO_PASSWORD: FAULT_PASSWORD, OPENMASH_JOBS: 'false', LOG_LEVEL: 'silent' },
    });
    after(() => server.stop('SIGKILL'));
    const client = new HttpClient(server.baseUrl, 32);
    after(() => client.close());
    const token = await client.token('mso@demo.test', FAULT_PASSWORD);
    const intake = runIntake(client, () => token, 10);
    after(() => intake.stop());
    await waitFor(() => intake.log.acknowledged.size >= 50, 60_000);

    // down: as a crash, so the restart runs recovery from the WAL
    pg.stop('immediate');
    const downAt = performance.now();
    const probes = new Map<string, number>();
    const probe = async (label: string, fn: () => Promise<{ status: number }>) => {
      try {
        const { status } = await fn();
        probes.set(`${label} ${status}`, (probes.get(`${label} ${status}`) ?? 0) + 1);
      } catch {
        probes.set(`${label} error`, (probes.get(`${label} error`) ?? 0) + 1);
      }
    };
    const probeUntil = performance.now() + 3000;
    while (performance.now() < probeUntil) {
      await probe('health', () => client.request('GET', '/health'));
      await probe('queue', () => client.json('GET', '/api/v1/queues/mine', token));
      await probe('intake', () => client.json('POST', '/api/v1/contacts', token, syntheticContact(1)));
    }
    const statusesWhileDown = new Map(intake.log.statuses);
    const crashed = () => {
      const lines = server.output().split('\n').filter((l) => /Error|throw/.test(l) && !l.includes('database unavailable'));
      return `the server process exited (code ${server.child.exitCode}, signal ${server.child.signalCode}) during the outage:\n${lines.slice(0, 8).join('\n')}`;
    };
    assert.ok(server.child.exitCode === null && server.child.signalCode === null, crashed());

    pg.start();
    const upAt = performance.now();
    const recovered = await waitFor(async () => {
      const health = await client.request('GET', '/health').catch(() => ({ status: 0 }));
      if (health.status !== 200) return false;
      const res = await client.json('POST', '/api/v1/contacts', token, syntheticContact(2)).catch(() => ({ status: 0 }));
      return res.status === 201;
    }, 60_000, 200);
    const recoverySeconds = (performance.now() - upAt) / 1000;
    assert.ok(server.child.exitCode === null, crashed());
    assert.ok(recovered, 'the server takes contacts again once the database is back, without a restart');
    // let intake run on the recovered database for a moment
    const ackedBefore = intake.log.acknowledged.size;
    await waitFor(() => intake.log.acknowledged.size >= ackedBefore + 20, 30_000);
    const log = await intake.stop();

    const database = await openDatabase({ databaseUrl: pg.url, dataDir: '', poolSize: 2 });
    try {
      const ids = [...log.acknowledged.keys()];
      const found = await database.db.selectFrom('contact').select('id').where('id', 'in', ids).execute();
      const chain = await verifyAuditChains(database.db);
      console.log(
        `[faults] PostgreSQL outage (stop -m immediate for ${((upAt - downAt) / 1000).toFixed(1)} s, 10 intake clients): ${ids.length} acknowledged, ${found.length} found, ` +
          `${ids.length - found.length} lost; recovered ${recoverySeconds.toFixed(1)} s after the database was back; ` +
          `probes while down ${JSON.stringify(Object.fromEntries(probes))}; intake responses ${JSON.stringify(Object.fromEntries(log.statuses))} ` +
          `(by the end of the outage ${JSON.stringify(Object.fromEntries(statusesWhileDown))}); audit chain ${chain.ok ? 'verifies' : 'BROKEN'} (${chain.events} events)`,
      );
      assert.equal(ids.length - found.length, 0, 'every acknowledged contact is there');
      assert.equal(chain.ok, true, `the audit chain verifies: ${JSON.stringify(chain.firstBreak)}`);
    } finally {
      await database.close();
    }
    // while down: the health check and the API answer 503, never 500
    assert.ok((probes.get('health 503') ?? 0) > 0, 'the health check answers 503 while the database is down');
    assert.ok((probes.get('queue 503') ?? 0) > 0, 'a read answers 503 while the database is down');
    assert.ok((probes.get('intake 503') ?? 0) > 0, 'a write answers 503 while the database is down');
    for (const [key, n] of probes) assert.ok(!/ (500|error)$/.test(key), `no 500s or broken connections while down: ${key} × ${n}`);
    assert.equal(log.statuses.get('500') ?? 0, 0, 'no intake request answered 500');
  });
});
