import { sql, type Kysely } from 'kysely';

/**
 * The front-door queues sort open contacts by what falls due first (C4). Working that out from
 * every open contact's clocks on each read cost a whole-backlog scan, so each contact keeps the
 * earliest due instant of its running clocks, `next_due_at`, maintained by triggers on
 * contact_clock (every feature that starts, meets or stops a clock keeps it right without
 * knowing about it), and each queue reads a page straight off an index in that order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // no default: adding the column rewrites nothing
  await sql`alter table contact add column next_due_at timestamptz`.execute(db);

  // a running clock starting can only bring the contact's next due instant forward
  await sql`
    create function contact_clock_started() returns trigger language plpgsql as $$
    begin
      update contact set next_due_at = new.due_at
      where id = new.contact_id and (next_due_at is null or next_due_at > new.due_at);
      return null;
    end $$`.execute(db);
  // any other change to a running clock (met, stopped, paused, moved, removed): look again
  await sql`
    create function contact_clock_changed() returns trigger language plpgsql as $$
    declare
      ids uuid[];
      cid uuid;
      due timestamptz;
    begin
      if tg_op = 'DELETE' then ids := array[old.contact_id];
      elsif tg_op = 'INSERT' or old.contact_id = new.contact_id then ids := array[new.contact_id];
      else ids := array[old.contact_id, new.contact_id];
      end if;
      foreach cid in array ids loop
        select min(due_at) into due from contact_clock where contact_id = cid and status = 'running';
        update contact set next_due_at = due where id = cid and next_due_at is distinct from due;
      end loop;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger contact_clock_next_due_insert after insert on contact_clock
    for each row when (new.status = 'running') execute function contact_clock_started()`.execute(db);
  await sql`
    create trigger contact_clock_next_due_update after update on contact_clock
    for each row when (old.status is distinct from new.status or old.due_at is distinct from new.due_at or old.contact_id is distinct from new.contact_id)
    execute function contact_clock_changed()`.execute(db);
  await sql`
    create trigger contact_clock_next_due_delete after delete on contact_clock
    for each row when (old.status = 'running') execute function contact_clock_changed()`.execute(db);

  // One index per queue, in the queue's order (next due first, none last, then receipt and
  // reference), so the first page is the first rows of an index scan. Unallocated and team
  // split the open contacts between them; intake enters the unallocated and agency ones, as
  // it entered the two indexes they replace.
  const open = sql`status in ('new', 'screened', 'in-checks')`;
  await sql`create index contact_queue_unallocated on contact (hub_id, next_due_at, received_at, reference) where allocated_to is null and ${open}`.execute(db);
  await sql`create index contact_queue_team on contact (hub_id, next_due_at, received_at, reference) where allocated_to is not null and ${open}`.execute(db);
  await sql`create index contact_queue_allocated on contact (hub_id, allocated_to, next_due_at, received_at, reference) where allocated_to is not null and ${open}`.execute(db);
  await sql`create index contact_queue_agency on contact (hub_id, recorded_by_agency_id, next_due_at, received_at, reference) where ${open}`.execute(db);
  // The indexes the queues used so far make way for these.
  await sql`drop index if exists contact_unallocated`.execute(db);
  await sql`drop index if exists contact_recording_agency`.execute(db);
  // Backfill after the indexes exist: built before any row changes, they are usable at once
  // (built after the update in the same transaction, its HOT chains would hide them from
  // every snapshot older than it, indcheckxmin).
  await sql`
    update contact c set next_due_at = k.next_due_at
    from (select contact_id, min(due_at) as next_due_at from contact_clock where status = 'running' group by contact_id) k
    where c.id = k.contact_id`.execute(db);
  await sql`analyze contact`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
