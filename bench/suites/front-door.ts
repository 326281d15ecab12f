/**
 * The front door under load, through the HTTP API of a running server, each against the raw
 * database cost of the same work measured from this process in the same run:
 * - reading a contact (GET /api/v1/contacts/:id) against the SQL that reads it;
 * - the queue page and API with 100 000 open contacts against the queue's SQL;
 * - intake (POST /api/v1/contacts, audited) at 50 concurrent clients against the same inserts
 *   and audit append done directly;
 * - read throughput with and without read auditing.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/db/schema';
import { createWorkingCalendar } from '../../src/features/clocks/domain/calendar';
import { contactsRepository as repo } from '../../src/features/contacts/contacts-repository';
import { clocksAtIntake } from '../../src/features/contacts/domain/contact-clocks';
import { readFrontDoorSettings } from '../../src/features/contacts/domain/front-door-settings';
import { queueKey } from '../../src/features/contacts/domain/queue';
import { formatReference, referenceYear } from '../../src/features/contacts/domain/reference';
import { appendAuditEvents } from '../../src/platform/audit/audit-log';
import type { GenerationInfo } from '../generator/generate';
import { HUB_SETTINGS, planHub } from '../generator/hubs';
import type { HttpClient } from '../lib/http';
import { idMaker } from '../lib/ids';
import { load, summarise, timed } from '../lib/stats';
import { createRng } from '../synthetic/rng';
import { generatePersons } from '../synthetic/persons';
import type { BenchRow } from './types';

export interface Staff {
  mso: string[];
  mainDecisionMaker: string;
  backlogDecisionMaker: string;
  backlogWorker: string;
}

export function benchStaff(info: GenerationInfo): Staff {
  const ids = idMaker(info.seed);
  const main = planHub(ids, info.seed, 0);
  const backlog = planHub(ids, info.seed, 1);
  const allocatedWorker = backlog.byRole('social-worker')[0];
  return {
    mso: main.byRole('mso').map((u) => u.email),
    mainDecisionMaker: main.byRole('decision-maker')[0].email,
    backlogDecisionMaker: backlog.byRole('decision-maker')[0].email,
    backlogWorker: allocatedWorker.email,
  };
}

/** Contacts to read: a fixed random sample of the main hub's (the same ids every run). */
export async function sampleContacts(db: Kysely<DB>, info: GenerationInfo, n: number): Promise<string[]> {
  const r = await sql<{ id: string }>`select id from contact where hub_id = ${info.mainHubId} order by md5(id::text || ${info.seed}) limit ${n}`.execute(db);
  return r.rows.map((x) => x.id);
}

// ---------------------------------------------------------------------------------------------
// bare SQL

export async function bareContactRead(db: Kysely<DB>, ids: string[]): Promise<number[]> {
  const times: number[] = [];
  for (const id of ids) {
    times.push(
      (
        await timed(() =>
          db.transaction().execute(async (tx) => {
            const row = await repo.findContact(tx, id);
            const subjects = await repo.listSubjects(tx, id);
            const clocks = await repo.listClocks(tx, id);
            return { row, subjects, clocks };
          }),
        )
      ).ms,
    );
  }
  return times;
}

export async function bareQueue(db: Kysely<DB>, hubId: string, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    times.push(
      (
        await timed(() =>
          db.transaction().execute(async (tx) => {
            const rows = await repo.queue(tx, hubId, { kind: 'unallocated' }, 0, 50);
            const ids = rows.slice(0, 50).map((r) => r.id);
            await repo.listClocksOf(tx, ids);
            await repo.listChildrenOf(tx, ids);
          }),
        )
      ).ms,
    );
  }
  return times;
}

/** Synthetic contacts to send: children from the synthetic population, received a little before now. */
export function intakePayloads(info: GenerationInfo, count: number): Array<Record<string, unknown>> {
  const rng = createRng(`${info.seed}/intake`);
  const kids = [...generatePersons(`${info.seed}/intake`, 4000)].filter((p) => p.dateOfBirth && p.dateOfBirth > '2008-01-01');
  return Array.from({ length: count }, (_, i) => {
    const a = kids[i % kids.length];
    const b = kids[(i * 7 + 3) % kids.length];
    const police = rng.chance(0.3);
    return {
      channel: police ? 'police-notification' : rng.pick(['phone', 'email', 'letter']),
      referrer: { kind: 'professional', name: 'Synthetic Referrer', role: 'Designated safeguarding lead', organisation: 'Bench Primary School', phone: '01632 960 001' },
      subjects: [
        { role: 'subject', givenName: a.givenName.split(' ')[0], familyName: a.familyName, dateOfBirth: a.dateOfBirth, ...(a.postcode ? { postcode: a.postcode, address: a.address } : {}) },
        ...(rng.chance(0.4) ? [{ role: 'subject', givenName: b.givenName.split(' ')[0], familyName: a.familyName, dateOfBirth: b.dateOfBirth }] : []),
      ],
      concernCategories: [police ? 'domestic-abuse' : rng.pick(['neglect', 'emotional-abuse', 'physical-abuse'])],
      concernSummary: 'Synthetic: benchmark contact.',
      parentsInformed: 'not-known',
      childSpokenTo: 'not-known',
    };
  });
}

/**
 * The database work of one intake, done directly: the reference counter, the contact, its
 * people and clocks, and its audit event appended to the hub's chain — one transaction each.
 */
export async function bareIntake(db: Kysely<DB>, info: GenerationInfo, options: { clients: number; seconds: number }) {
  const payloads = intakePayloads(info, 2000);
  const front = readFrontDoorSettings(HUB_SETTINGS);
  const cal = createWorkingCalendar(front.calendar);
  const staff = planHub(idMaker(info.seed), info.seed, 0).byRole('mso');
  return load({ clients: options.clients, seconds: options.seconds }, async (i) => {
    const p = payloads[i % payloads.length] as { channel: string; subjects: Array<Record<string, string>>; concernCategories: string[] };
    const now = new Date();
    const receivedAt = new Date(now.getTime() - 60_000);
    const clocks = clocksAtIntake({ receivedAt, writtenReferralOwed: false, concernCategories: p.concernCategories, consultationKind: null }, front.timescales, cal);
    const user = staff[i % staff.length];
    await db.transaction().execute(async (tx) => {
      const year = referenceYear(now);
      const counter = await sql<{ last_value: number }>`
        insert into contact_reference_counter (hub_id, year, last_value) values (${info.mainHubId}, ${year}, 1)
        on conflict (hub_id, year) do update set last_value = contact_reference_counter.last_value + 1
        returning last_value`.execute(tx);
      const id = randomUUID();
      const contact = {
        id,
        hub_id: info.mainHubId,
        reference: formatReference('MASH', year, counter.rows[0].last_value),
        channel: p.channel,
        received_at: receivedAt,
        out_of_hours: false,
        recorded_at: now,
        recorded_by: user.id,
        recorded_by_agency_id: user.agencyId,
        referrer_kind: 'professional' as const,
        referrer_name: 'Synthetic Referrer',
        referrer_role: 'Designated safeguarding lead',
        referrer_organisation: 'Bench Primary School',
        referrer_phone: '01632 960 001',
        concern_categories: p.concernCategories,
        concern_summary: 'Synthetic: benchmark contact.',
        status: 'new',
        // as the service does: given with the clocks, so their triggers have nothing to write
        next_due_at: queueKey(clocks, now).nextDueAt,
      };
      const subjects = p.subjects.map((s, position) => ({ id: randomUUID(), hub_id: info.mainHubId, contact_id: id, position, role: s.role, given_name: s.givenName ?? null, family_name: s.familyName ?? null, date_of_birth: s.dateOfBirth ?? null, address: s.address ?? null, postcode: s.postcode ?? null }));
      const clockRows = clocks.map((c) => ({ id: randomUUID(), hub_id: info.mainHubId, contact_id: id, type: c.type, rule: JSON.stringify(c.rule), started_at: c.startedAt, due_at: c.dueAt, status: c.status }));
      // one statement for the contact, its people and its clocks (foreign keys are checked at its end)
      await tx
        .with('c', (qb) => qb.insertInto('contact').values(contact).returning('id'))
        .with('s', (qb) => qb.insertInto('contact_subject').values(subjects))
        .with('k', (qb) => qb.insertInto('contact_clock').values(clockRows))
        .selectFrom('c')
        .select('id')
        .execute();
      await appendAuditEvents(
        tx,
        { hubId: info.mainHubId, actorUserId: user.id, actorRole: user.role, actorAgencyId: user.agencyId, requestId: `bench-bare-${i}`, sourceAddress: '127.0.0.1' },
        [{ action: 'contact.create', recordType: 'contact', recordId: id, details: { channel: p.channel, subjects: p.subjects.length, bench: 'bare' } }],
        now,
      );
    });
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// through the API

export async function apiContactRead(client: HttpClient, token: string, ids: string[]): Promise<number[]> {
  const times: number[] = [];
  for (const id of ids) {
    const { ms, value } = await timed(() => client.json('GET', `/api/v1/contacts/${id}`, token));
    if (value.status !== 200) throw new Error(`GET contact answered ${value.status}: ${value.body.slice(0, 200)}`);
    times.push(ms);
  }
  return times;
}

export async function apiQueue(client: HttpClient, token: string, n: number): Promise<{ times: number[]; items: number }> {
  const times: number[] = [];
  let items = 0;
  for (let i = 0; i < n; i++) {
    const { ms, value } = await timed(() => client.json('GET', '/api/v1/queues/unallocated', token));
    if (value.status !== 200) throw new Error(`GET queue answered ${value.status}: ${value.body.slice(0, 200)}`);
    items = (JSON.parse(value.body) as { items: unknown[] }).items.length;
    times.push(ms);
  }
  return { times, items };
}

export async function pageQueue(client: HttpClient, cookie: string, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const { ms, value } = await timed(() => client.request('GET', '/contacts?queue=unallocated', { headers: { cookie } }));
    if (value.status !== 200) throw new Error(`the queue page answered ${value.status}`);
    times.push(ms);
  }
  return times;
}

export async function apiIntake(client: HttpClient, tokens: string[], info: GenerationInfo, options: { clients: number; seconds: number; rate?: number }) {
  const payloads = intakePayloads(info, 2000);
  let firstError = '';
  const result = await load({ clients: options.clients, seconds: options.seconds, rate: options.rate }, async (i) => {
    const body = { ...payloads[i % payloads.length], receivedAt: new Date(Date.now() - 60_000).toISOString() };
    const res = await client.json('POST', '/api/v1/contacts', tokens[i % tokens.length], body);
    if (res.status !== 201 && !firstError) firstError = `${res.status} ${res.body.slice(0, 300)}`;
    return res.status === 201;
  });
  return { ...result, firstError };
}

export async function apiReadLoad(client: HttpClient, token: string, ids: string[], options: { clients: number; seconds: number }) {
  return load({ clients: options.clients, seconds: options.seconds }, async (i) => (await client.json('GET', `/api/v1/contacts/${ids[i % ids.length]}`, token)).status === 200);
}

export function latencyRow(base: Omit<BenchRow, 'status' | 'p50' | 'p95' | 'p99'>, times: number[]): BenchRow {
  const s = summarise(times);
  return { ...base, status: 'measured', p50: s.p50, p95: s.p95, p99: s.p99 };
}
