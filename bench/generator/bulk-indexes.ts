/**
 * Bulk loading as pg_restore does it: the secondary indexes of the tables the generator fills
 * are dropped before the load and built once at the end (a sorted build is many times faster
 * than millions of scattered inserts). Their definitions are kept in bench_saved_index, in the
 * same transaction that drops them, so an interrupted generation rebuilds them when resumed.
 * Indexes that back a constraint (primary keys, unique constraints that foreign keys use) stay,
 * except person_block_key's primary key, the one index of the largest table.
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../src/db/schema';

export const LOADED_TABLES = [
  'person', 'person_identifier', 'person_relationship', 'person_block_key',
  'contact', 'contact_subject', 'contact_clock', 'consent_record', 'consent_override', 'enquiry', 'enquiry_subject', 'enquiry_event',
  'enquiry_response', 'enquiry_response_item', 'disclosure', 'share_decision', 'decision', 'referrer_feedback',
  'meeting', 'meeting_contact', 'meeting_attendee', 'meeting_information', 'meeting_action', 'audit_event',
];

/** Constraints dropped with their index and added back (table, constraint). */
const DROPPED_CONSTRAINTS: Array<[string, string]> = [['person_block_key', 'person_block_key_pkey']];

export async function dropSecondaryIndexes(tx: Transaction<DB>): Promise<number> {
  await sql`create table if not exists bench_saved_index (name text primary key, kind text not null, tbl text not null, definition text not null)`.execute(tx);
  const indexes = await sql<{ name: string; tbl: string; definition: string }>`
    select i.relname as name, t.relname as tbl, pg_get_indexdef(i.oid) as definition
    from pg_index x
    join pg_class i on i.oid = x.indexrelid
    join pg_class t on t.oid = x.indrelid
    join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = current_schema() and t.relname = any(${LOADED_TABLES}::text[])
      and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)`.execute(tx);
  let n = 0;
  for (const ix of indexes.rows) {
    await sql`insert into bench_saved_index (name, kind, tbl, definition) values (${ix.name}, 'index', ${ix.tbl}, ${ix.definition}) on conflict do nothing`.execute(tx);
    await sql`drop index ${sql.id(ix.name)}`.execute(tx);
    n++;
  }
  for (const [table, constraint] of DROPPED_CONSTRAINTS) {
    const def = await sql<{ definition: string }>`
      select pg_get_constraintdef(c.oid) as definition from pg_constraint c join pg_class t on t.oid = c.conrelid
      join pg_namespace ns on ns.oid = t.relnamespace
      where ns.nspname = current_schema() and t.relname = ${table} and c.conname = ${constraint}`.execute(tx);
    if (!def.rows[0]) continue;
    await sql`insert into bench_saved_index (name, kind, tbl, definition) values (${constraint}, 'constraint', ${table}, ${def.rows[0].definition}) on conflict do nothing`.execute(tx);
    await sql`alter table ${sql.table(table)} drop constraint ${sql.id(constraint)}`.execute(tx);
    n++;
  }
  return n;
}

export async function rebuildSecondaryIndexes(tx: Transaction<DB>, log: (line: string) => void, memory = '1GB'): Promise<number> {
  if ((await sql<{ ok: boolean }>`select to_regclass('bench_saved_index') is not null as ok`.execute(tx)).rows[0]?.ok !== true) return 0;
  await sql`select set_config('maintenance_work_mem', ${memory}, true)`.execute(tx);
  const saved = await sql<{ name: string; kind: string; tbl: string; definition: string }>`select name, kind, tbl, definition from bench_saved_index order by kind desc, tbl, name`.execute(tx);
  for (const ix of saved.rows) {
    const t0 = performance.now();
    if (ix.kind === 'constraint') await sql`alter table ${sql.table(ix.tbl)} add constraint ${sql.id(ix.name)} ${sql.raw(ix.definition)}`.execute(tx);
    else await sql.raw(ix.definition).execute(tx);
    await sql`delete from bench_saved_index where name = ${ix.name}`.execute(tx);
    const s = (performance.now() - t0) / 1000;
    if (s > 2) log(`    ${ix.name}: ${s.toFixed(1)} s`);
  }
  return saved.rows.length;
}
