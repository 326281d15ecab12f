import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../src/db/schema';
import { hashAuditEvent } from '../../src/platform/audit/audit-hash';
import { sealAuditEvents } from '../../src/platform/audit/audit-seal';
import { verifyAuditChains, type VerifyResult } from '../../src/platform/audit/audit-verify';
import { createTestContext, TEST_PASSWORD, type TestContext } from '../harness';
import { cliDatabase, runCli } from './support/cli';
import { newUser } from './support/fixtures';
import { h1Of, WebClient } from '../support/web-client';

type Selected = Awaited<ReturnType<typeof selectChain>>[number];
type Row = Selected & { chain_seq: number; prev_hash: string; hash: string };
const selectChain = (db: Kysely<DB>, hubId: string) =>
  db.selectFrom('audit_event').selectAll().where('chain_id', '=', `hub:${hubId}`).orderBy('chain_seq').execute();
/** The hub's chain as sealed: events are chained moments after their commit; seal now. */
const chainRows = async (db: Kysely<DB>, hubId: string): Promise<Row[]> => {
  await sealAuditEvents(db, { wait: true });
  const rows = await selectChain(db, hubId);
  assert.ok(rows.every((r) => r.hash !== null && r.chain_seq !== null && r.prev_hash !== null), 'every event is sealed');
  return rows as Row[];
};

class Rollback extends Error {}

/** Runs the attack and the check in one transaction that is always rolled back. */
async function tampered(db: Kysely<DB>, hubId: string, attack: (tx: Transaction<DB>) => Promise<void>): Promise<VerifyResult> {
  let result: VerifyResult | undefined;
  await db
    .transaction()
    .execute(async (tx) => {
      // what an attacker with owner rights could do first
      await sql`alter table audit_event disable trigger audit_event_no_change`.execute(tx);
      await attack(tx);
      result = await verifyAuditChains(tx, hubId);
      throw new Rollback();
    })
    .catch((e: unknown) => {
      if (!(e instanceof Rollback)) throw e;
    });
  return result!;
}

const flip = (hex: string) => hex.slice(0, -1) + (hex.endsWith('0') ? '1' : '0');
const detailsOf = (r: Row) => (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as Record<string, unknown>;

describe('the audit log', () => {
  let t: TestContext;
  let auditor: WebClient;
  before(async () => {
    t = await createTestContext();
    // events from real service calls: reads, writes, searches, a refusal, sign-ins
    const admin = t.hub.actors.admin;
    const user = await newUser(t, 'mso');
    await t.services.admin.listUsers(admin, t.ctx);
    await t.services.admin.getUser(admin, t.ctx, user.id);
    await t.services.admin.updateUser(admin, t.ctx, user.id, { email: user.email, displayName: 'Renamed', role: 'social-worker', agencyId: user.actor.agencyId }, 1);
    await t.services.admin.listAgencies(t.hub.actors.mso, t.ctx);
    await t.services.admin.getHub(t.hub.actors.mso, t.ctx, t.hub.hubId).catch(() => undefined);
    await t.services.audit.search(t.hub.actors.auditor, t.ctx, {});
    auditor = new WebClient(t.app);
    await auditor.signIn(t.hub.emails.auditor, TEST_PASSWORD);
    await new WebClient(t.app).signIn(t.hub.emails.mso, 'wrong-password-here');
  });
  after(async () => t.close());

  it('verifies the chain built by real service calls', async () => {
    const rows = await chainRows(t.database.db, t.hub.hubId);
    assert.ok(rows.length >= 10, `enough events to tamper with (${rows.length})`);
    assert.ok(rows.some((r) => r.outcome === 'refused') && rows.some((r) => r.outcome === 'failed'));
    const result = await t.services.audit.verify(t.hub.actors.auditor, t.ctx);
    assert.equal(result.ok, true);
    assert.equal(result.chains, 1);
    assert.ok(result.events >= rows.length);
    const page = await auditor.submit('/audit', {}, '/audit/verify');
    assert.equal(page.statusCode, 200);
    assert.equal(h1Of(page.body), 'Audit chain verified');
    assert.match(page.body, /data-qa="chain-ok"/);
  });

  describe('the append-only trigger', () => {
    it('refuses UPDATE and DELETE while it is enabled', async () => {
      const [first] = await chainRows(t.database.db, t.hub.hubId);
      await assert.rejects(sql`update audit_event set action = 'forged' where id = ${first.id}`.execute(t.database.db), /append-only/);
      await assert.rejects(sql`delete from audit_event where id = ${first.id}`.execute(t.database.db), /append-only/);
      const still = await t.database.db.selectFrom('audit_event').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
      assert.deepEqual(still, first);
    });

    it('refuses TRUNCATE too', async () => {
      const before = await t.database.db.selectFrom('audit_event').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
      let refused = false;
      await t.database.db
        .transaction()
        .execute(async (tx) => {
          try {
            await sql`truncate audit_event`.execute(tx);
          } catch {
            refused = true;
          }
          // never keep a truncation, whatever happened
          throw new Rollback();
        })
        .catch((e: unknown) => {
          if (!(e instanceof Rollback)) throw e;
        });
      const afterwards = await t.database.db.selectFrom('audit_event').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
      assert.equal(afterwards.n, before.n);
      assert.ok(refused, 'TRUNCATE emptied the append-only audit log: it needs a statement-level BEFORE TRUNCATE trigger too');
    });
  });

  describe('tampering, with the trigger disabled as an attacker with owner rights could', () => {
    it('detects a change to any column of any event, naming the first broken one', async () => {
      const db = t.database.db;
      const rows = await chainRows(db, t.hub.hubId);
      const n = rows.length;
      const maxId = Math.max(...(await db.selectFrom('audit_event').select('id').execute()).map((r) => r.id));
      const picks = [...new Set([0, 1, Math.floor(n / 2), n - 2, n - 1])];
      /** `names`: the events verification may name as the first broken one */
      type Change = { column: string; value: unknown; names: number[] };
      const changesFor = (r: Row, i: number): Change[] => {
        const next = rows[i + 1]?.id;
        // a changed value breaks that very event
        const value = (column: string, v: unknown): Change => ({ column, value: v, names: [r.id] });
        // a moved event breaks where it now sits, or where it used to be
        const moved = (column: string, v: unknown): Change => ({ column, value: v, names: [r.id, ...(next ? [next] : [])] });
        const changes: Change[] = [
          moved('chain_id', 'hub:forged'),
          moved('chain_seq', r.chain_seq + 1000),
          value('hub_id', t.otherHub.hubId),
          value('hub_id', null),
          value('occurred_at', new Date(new Date(r.occurred_at).getTime() + 1000)),
          value('occurred_at', new Date(new Date(r.occurred_at).getTime() - 86_400_000)),
          value('actor_user_id', randomUUID()),
          value('actor_role', r.actor_role === 'admin' ? 'auditor' : 'admin'),
          value('actor_agency_id', randomUUID()),
          value('action', r.action === 'hub.read' ? 'user.read' : 'hub.read'),
          value('outcome', r.outcome === 'succeeded' ? 'refused' : 'succeeded'),
          value('record_type', r.record_type === 'contact' ? 'person' : 'contact'),
          value('record_id', randomUUID()),
          value('reason', 'forged reason'),
          value('request_id', 'forged-request'),
          value('source_address', '192.0.2.66'),
          value('details', JSON.stringify({ ...detailsOf(r), count: 999 })),
          value('details', JSON.stringify({})),
          value('prev_hash', flip(r.prev_hash)),
          value('hash', flip(r.hash)),
          // the hash covers the id: renumbering an event breaks it where it sits
          { column: 'id', value: -r.id, names: [-r.id] },
        ];
        // blanking a value that is there hides who or what
        for (const column of ['actor_user_id', 'actor_role', 'actor_agency_id', 'record_type', 'record_id', 'request_id', 'source_address'] as const) {
          if (r[column] !== null) changes.push(value(column, null));
        }
        changes.push({ column: 'id', value: maxId + 1000, names: [maxId + 1000] });
        return changes;
      };

      let mutations = 0;
      const missed: string[] = [];
      for (const i of picks) {
        const r = rows[i];
        for (const change of changesFor(r, i)) {
          mutations += 1;
          const result = await tampered(db, t.hub.hubId, async (tx) => {
            await tx.updateTable('audit_event').set({ [change.column]: change.value } as never).where('id', '=', r.id).execute();
          });
          const named = result.firstBreak?.eventId;
          if (result.ok || named === undefined || !change.names.includes(named)) {
            missed.push(`event #${i + 1} (id ${r.id}) ${change.column} → ${String(change.value).slice(0, 40)}: ${result.ok ? 'not detected' : `named event ${named} (${result.firstBreak?.problem})`}`);
          }
        }
      }
      console.log(`audit tampering: ${mutations} single-column mutations of ${picks.length} events, ${mutations - missed.length} detected`);
      assert.deepEqual(missed, []);
    });

    it('detects deleted, swapped and forged events', async () => {
      const db = t.database.db;
      const rows = await chainRows(db, t.hub.hubId);
      const mid = Math.floor(rows.length / 2);
      const hubId = t.hub.hubId;
      const cases: Array<{ name: string; attack: (tx: Transaction<DB>) => Promise<void>; names: number[] }> = [
        {
          name: 'delete a middle event',
          attack: async (tx) => void (await tx.deleteFrom('audit_event').where('id', '=', rows[mid].id).execute()),
          names: [rows[mid + 1].id],
        },
        {
          name: 'delete the first event',
          attack: async (tx) => void (await tx.deleteFrom('audit_event').where('id', '=', rows[0].id).execute()),
          names: [rows[1].id],
        },
        {
          name: 'swap the chain_seq of two neighbours',
          attack: async (tx) => {
            await tx.updateTable('audit_event').set({ chain_seq: -1 }).where('id', '=', rows[mid].id).execute();
            await tx.updateTable('audit_event').set({ chain_seq: rows[mid].chain_seq }).where('id', '=', rows[mid + 1].id).execute();
            await tx.updateTable('audit_event').set({ chain_seq: rows[mid + 1].chain_seq }).where('id', '=', rows[mid].id).execute();
          },
          names: [rows[mid].id, rows[mid + 1].id],
        },
        {
          name: 'swap the chain_seq of two events far apart',
          attack: async (tx) => {
            await tx.updateTable('audit_event').set({ chain_seq: -1 }).where('id', '=', rows[1].id).execute();
            await tx.updateTable('audit_event').set({ chain_seq: rows[1].chain_seq }).where('id', '=', rows[mid].id).execute();
            await tx.updateTable('audit_event').set({ chain_seq: rows[mid].chain_seq }).where('id', '=', rows[1].id).execute();
          },
          names: [rows[1].id, rows[mid].id],
        },
        {
          name: 'swap the ids of two events',
          attack: async (tx) => {
            await tx.updateTable('audit_event').set({ id: -1 }).where('id', '=', rows[mid].id).execute();
            await tx.updateTable('audit_event').set({ id: rows[mid].id }).where('id', '=', rows[mid + 2].id).execute();
            await tx.updateTable('audit_event').set({ id: rows[mid + 2].id }).where('id', '=', -1).execute();
          },
          names: [rows[mid].id, rows[mid + 1].id, rows[mid + 2].id],
        },
        {
          name: 'insert a forged event in the middle, correctly hashed onto its predecessor',
          attack: async (tx) => {
            await shiftFrom(tx, hubId, rows[mid].chain_seq);
            await tx.insertInto('audit_event').values(forged(rows[mid - 1], hubId, 900_000_000)).execute();
          },
          names: [rows[mid].id],
        },
        {
          name: 'insert a forged event in the middle with an id that fits between its neighbours',
          attack: async (tx) => {
            await shiftFrom(tx, hubId, rows[mid].chain_seq);
            // make room in the id sequence too
            await sql`update audit_event set id = -id where id >= ${rows[mid].id}`.execute(tx);
            await sql`update audit_event set id = -id + 1 where id < 0`.execute(tx);
            await tx.insertInto('audit_event').values(forged(rows[mid - 1], hubId, rows[mid].id)).execute();
          },
          names: [rows[mid].id + 1],
        },
      ];
      const missed: string[] = [];
      for (const c of cases) {
        const result = await tampered(db, hubId, c.attack);
        const named = result.firstBreak?.eventId;
        if (result.ok) missed.push(`${c.name}: not detected`);
        else if (!c.names.includes(named!)) {
          missed.push(`${c.name}: named event ${named} (${result.firstBreak?.problem}), expected one of ${c.names.join(', ')}`);
        }
      }
      console.log(`audit tampering: ${cases.length} structural attacks, ${cases.length - missed.filter((m) => m.endsWith('not detected')).length} detected`);
      assert.deepEqual(missed, []);
    });

    it('names the broken event on the verify page, the API and the service, and audits the failed check', async () => {
      const db = t.database.db;
      const rows = await chainRows(db, t.hub.hubId);
      const victim = rows[Math.floor(rows.length / 2)];
      await sql`alter table audit_event disable trigger audit_event_no_change`.execute(db);
      try {
        await db.updateTable('audit_event').set({ record_id: randomUUID() }).where('id', '=', victim.id).execute();
        const result = await t.services.audit.verify(t.hub.actors.auditor, t.ctx);
        assert.equal(result.ok, false);
        assert.deepEqual(result.firstBreak, { chainId: `hub:${t.hub.hubId}`, eventId: victim.id, chainSeq: victim.chain_seq, problem: 'hash-mismatch' });

        const api = await t.api('auditor', { method: 'POST', url: '/api/v1/audit/verify' });
        assert.equal(api.statusCode, 200);
        assert.equal(api.json().ok, false);
        assert.equal(api.json().firstBreak.eventId, victim.id);

        const page = await auditor.submit('/audit', {}, '/audit/verify');
        assert.equal(h1Of(page.body), 'Audit chain broken');
        assert.match(page.body, new RegExp(`First broken event: number ${victim.id} \\(position ${victim.chain_seq} in the chain\\)`));

        const checks = await db.selectFrom('audit_event').selectAll().where('action', '=', 'audit.verify').where('outcome', '=', 'failed').execute();
        assert.ok(checks.length >= 3);
        assert.equal((checks.at(-1)!.details as { firstBreak?: number }).firstBreak, victim.id);
      } finally {
        await db.updateTable('audit_event').set({ record_id: victim.record_id }).where('id', '=', victim.id).execute();
        await sql`alter table audit_event enable trigger audit_event_no_change`.execute(db);
      }
      assert.equal((await t.services.audit.verify(t.hub.actors.auditor, t.ctx)).ok, true, 'intact again once restored');
    });
  });

  describe('searching', () => {
    it('answers "who has looked at this record", and the search is itself audited', async () => {
      const user = await newUser(t, 'education');
      assert.equal((await t.api('admin', { method: 'GET', url: `/api/v1/users/${user.id}` })).statusCode, 200);
      assert.equal((await t.api('ig-lead', { method: 'GET', url: `/api/v1/users/${user.id}` })).statusCode, 200);

      const res = await t.api('auditor', { method: 'GET', url: `/api/v1/audit/events?recordType=user&recordId=${user.id}` });
      assert.equal(res.statusCode, 200);
      const events = res.json().events as Array<{ action: string; actorName: string; actorRole: string; recordId: string }>;
      const reads = events.filter((e) => e.action === 'user.read');
      assert.deepEqual(reads.map((e) => e.actorName).sort(), ['Ada Admin', 'Iggy Governance']);
      assert.ok(events.some((e) => e.action === 'user.create'));
      assert.ok(events.every((e) => e.recordId === user.id));

      const searches = await t.database.db.selectFrom('audit_event').selectAll().where('action', '=', 'audit.search').where('record_id', '=', user.id).execute();
      assert.equal(searches.length, 1);
      assert.equal(searches[0].actor_user_id, t.hub.actors.auditor.userId);
      assert.equal((searches[0].details as { results: number }).results, events.length);

      const page = await auditor.get(`/audit?recordType=user&recordId=${user.id}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Ada Admin/);
      assert.match(page.body, /Iggy Governance/);
      assert.match(page.body, /user\.read/);
      const again = await t.api('auditor', { method: 'GET', url: `/api/v1/audit/events?recordType=user&recordId=${user.id}` });
      assert.ok((again.json().events as Array<{ action: string }>).some((e) => e.action === 'audit.search'), 'earlier searches show up as looks at the record');
    });

    it('refuses a search whose end is before its start, naming the field', async () => {
      const res = await t.api('auditor', { method: 'GET', url: '/api/v1/audit/events?from=2026-02-01&to=2026-01-01' });
      assert.equal(res.statusCode, 400);
      assert.deepEqual(res.json().errors.map((e: { field: string }) => e.field), ['to']);
    });

    it("shows an auditor of another hub none of this hub's events, and verifies only their own chain", async () => {
      const user = await newUser(t, 'health');
      await t.api('admin', { method: 'GET', url: `/api/v1/users/${user.id}` });
      const byRecord = await t.api('auditor', { method: 'GET', url: `/api/v1/audit/events?recordType=user&recordId=${user.id}` }, 'other');
      assert.equal(byRecord.statusCode, 200);
      assert.deepEqual(byRecord.json().events, []);

      const all = await t.api('auditor', { method: 'GET', url: '/api/v1/audit/events' }, 'other');
      const ids = (all.json().events as Array<{ id: number }>).map((e) => e.id);
      assert.ok(ids.length > 0, 'they see their own hub');
      const hubs = await t.database.db.selectFrom('audit_event').select('hub_id').distinct().where('id', 'in', ids).execute();
      assert.deepEqual(hubs.map((h) => h.hub_id), [t.otherHub.hubId]);

      const theirs = await chainRows(t.database.db, t.otherHub.hubId);
      const verified = await t.services.audit.verify(t.otherHub.actors.auditor, t.ctx);
      assert.equal(verified.ok, true);
      assert.equal(verified.events, theirs.length);
    });
  });

  describe('the command line', () => {
    it('`openmash audit verify` exits 0 when intact, and non-zero naming the event after tampering', async () => {
      const cli = cliDatabase();
      try {
        const migrate = await runCli(['migrate'], cli.env);
        assert.equal(migrate.code, 0, migrate.stderr);
        const demo = await runCli(['demo'], cli.env);
        assert.equal(demo.code, 0, demo.stderr);
        assert.match(demo.stdout, /Created "Demo MASH"/);
        const intact = await runCli(['audit', 'verify'], cli.env);
        assert.equal(intact.code, 0, intact.stderr);
        assert.match(intact.stdout, /Audit chain intact: \d+ events in 1 chain/);

        const database = await cli.open();
        let victim: { id: number };
        try {
          victim = await database.db.selectFrom('audit_event').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
          await sql`alter table audit_event disable trigger audit_event_no_change`.execute(database.db);
          await sql`update audit_event set details = '{"demo": false}'::jsonb where id = ${victim.id}`.execute(database.db);
          await sql`alter table audit_event enable trigger audit_event_no_change`.execute(database.db);
        } finally {
          await database.close();
        }
        const broken = await runCli(['audit', 'verify'], cli.env);
        assert.notEqual(broken.code, 0);
        assert.match(broken.stderr, new RegExp(`Audit chain BROKEN at event id ${victim.id} \\(chain hub:[0-9a-f-]+, position 1\\): hash-mismatch`));
      } finally {
        await cli.cleanup();
      }
    });
  });
});

/** Moves events from `seq` on one place down the chain, to make room for a forged one. */
async function shiftFrom(tx: Transaction<DB>, hubId: string, seq: number) {
  await sql`update audit_event set chain_seq = -chain_seq where chain_id = ${`hub:${hubId}`} and chain_seq >= ${seq}`.execute(tx);
  await sql`update audit_event set chain_seq = -chain_seq + 1 where chain_id = ${`hub:${hubId}`} and chain_seq < 0`.execute(tx);
}

/** A made-up event hashed correctly onto `previous`, as a forger who knows the hash would write it. */
function forged(previous: Row, hubId: string, eventId: number) {
  const fields = {
    eventId,
    chainId: `hub:${hubId}`,
    chainSeq: previous.chain_seq + 1,
    hubId,
    occurredAt: new Date(previous.occurred_at),
    actorUserId: previous.actor_user_id,
    actorRole: previous.actor_role,
    actorAgencyId: previous.actor_agency_id,
    action: 'user.read',
    outcome: 'succeeded',
    recordType: 'user',
    recordId: randomUUID(),
    reason: null,
    requestId: 'forged',
    sourceAddress: null,
    details: {},
    prevHash: previous.hash,
  };
  return {
    id: eventId,
    chain_id: fields.chainId,
    chain_seq: fields.chainSeq,
    hub_id: hubId,
    occurred_at: fields.occurredAt,
    actor_user_id: fields.actorUserId,
    actor_role: fields.actorRole,
    actor_agency_id: fields.actorAgencyId,
    action: fields.action,
    outcome: 'succeeded' as const,
    record_type: fields.recordType,
    record_id: fields.recordId,
    reason: null,
    request_id: fields.requestId,
    source_address: null,
    details: JSON.stringify(fields.details),
    prev_hash: fields.prevHash,
    hash: hashAuditEvent(fields),
  };
}
