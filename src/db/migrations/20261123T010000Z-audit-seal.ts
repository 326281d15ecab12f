import { sql, type Kysely } from 'kysely';

/**
 * Audit events are written with their work, unsealed, and a sealer gives them their place in
 * the hub's hash chain just after commit. Appending no longer takes a per-hub lock held to
 * commit, so concurrent work commits together instead of one at a time. Sealing is the only
 * change the table accepts: once, from unsealed to sealed, touching the chain columns only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table audit_event alter column chain_seq drop not null`.execute(db);
  await sql`alter table audit_event alter column prev_hash drop not null`.execute(db);
  await sql`alter table audit_event alter column hash drop not null`.execute(db);
  await sql`create index audit_event_unsealed on audit_event (id) where hash is null`.execute(db);
  await sql`
    create or replace function audit_event_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and old.hash is null and old.chain_seq is null and old.prev_hash is null
         and new.hash is not null and new.chain_seq is not null and new.prev_hash is not null
         and (new.id, new.chain_id, new.hub_id, new.occurred_at, new.actor_user_id, new.actor_role,
              new.actor_agency_id, new.action, new.outcome, new.record_type, new.record_id, new.reason,
              new.request_id, new.source_address, new.details)
           is not distinct from
             (old.id, old.chain_id, old.hub_id, old.occurred_at, old.actor_user_id, old.actor_role,
              old.actor_agency_id, old.action, old.outcome, old.record_type, old.record_id, old.reason,
              old.request_id, old.source_address, old.details) then
        return new;
      end if;
      raise exception 'audit_event is append-only';
    end $$`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('the audit seal migration cannot be reversed');
}
