import { sql, type Kysely } from 'kysely';

/**
 * The platform: hubs, their agencies, users and sessions, and the hash-chained audit log.
 * Typed Kysely<unknown> so it never depends on today's schema.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // pg_trgm and fuzzystrmatch serve the person index; created here so both backends have them.
  // They live in `public` so that every test schema sees them.
  await sql`create extension if not exists pg_trgm schema public`.execute(db);
  await sql`create extension if not exists fuzzystrmatch schema public`.execute(db);

  await sql`
    create table hub (
      id uuid primary key,
      name text not null check (length(name) between 1 and 200),
      -- member local authorities: one hub may serve several (Pan-Dorset)
      local_authorities text[] not null default '{}',
      -- working calendar and timescale overrides; see features/clocks
      settings jsonb not null default '{}'::jsonb,
      active boolean not null default true,
      version integer not null default 1,
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table agency (
      id uuid primary key,
      hub_id uuid not null references hub(id),
      name text not null check (length(name) between 1 and 200),
      -- children's social care, police, health, ...: decides what its practitioners may do
      type text not null,
      -- ICO data protection registration number; NULL until the agency gives it
      ico_registration text,
      -- the only domains outbound email from this agency's records may go to (C11 secure transfer)
      secure_email_domains text[] not null default '{}',
      -- simple information sharing agreement status; a full register comes with C12
      agreement_status text not null default 'active' check (agreement_status in ('active','suspended','terminated','none')),
      active boolean not null default true,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      unique (hub_id, id)
    )`.execute(db);
  await sql`create unique index agency_hub_name on agency (hub_id, lower(name))`.execute(db);

  await sql`
    create table app_user (
      id uuid primary key,
      hub_id uuid not null references hub(id),
      agency_id uuid not null,
      email text not null,
      display_name text not null,
      role text not null,
      password_hash text not null,
      -- base32 TOTP secret; NULL until the user sets up a second factor
      totp_secret text,
      totp_enabled boolean not null default false,
      -- a leaver: every session and token is revoked when this becomes false
      active boolean not null default true,
      failed_sign_ins integer not null default 0,
      -- NULL means not locked out
      locked_until timestamptz,
      last_sign_in_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      deactivated_at timestamptz,
      foreign key (hub_id, agency_id) references agency (hub_id, id),
      check (email = lower(email))
    )`.execute(db);
  await sql`create unique index app_user_email on app_user (email)`.execute(db);
  await sql`create index app_user_hub on app_user (hub_id)`.execute(db);

  await sql`
    create table user_session (
      -- sha-256 of the token: a database reader cannot replay a session
      id text primary key,
      hub_id uuid not null references hub(id),
      user_id uuid not null references app_user(id),
      kind text not null check (kind in ('web', 'api')),
      -- 'active', or a web session half way through sign-in: waiting for a TOTP code or its set-up
      stage text not null default 'active' check (stage in ('active', 'totp-required', 'totp-setup')),
      -- per-session secret for CSRF tokens on forms
      csrf_secret text not null,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      -- absolute expiry; idle expiry is last_seen_at + the configured idle time
      expires_at timestamptz not null
    )`.execute(db);
  await sql`create index user_session_by_user on user_session (user_id)`.execute(db);

  await sql`
    create table audit_event (
      id bigserial primary key,
      -- one chain per hub ('hub:<uuid>'), and 'deployment' for events with no hub (unknown sign-in)
      chain_id text not null,
      chain_seq bigint not null,
      hub_id uuid,
      occurred_at timestamptz not null,
      actor_user_id uuid,
      actor_role text,
      actor_agency_id uuid,
      -- e.g. 'contact.read', 'auth.sign-in', 'access.refused'
      action text not null,
      outcome text not null check (outcome in ('succeeded', 'failed', 'refused')),
      record_type text,
      record_id text,
      -- reason given by the user (break-glass, disclosure purpose); never free personal data
      reason text,
      request_id text,
      source_address text,
      details jsonb not null default '{}'::jsonb,
      prev_hash text not null,
      hash text not null,
      unique (chain_id, chain_seq)
    )`.execute(db);
  await sql`create index audit_event_record on audit_event (hub_id, record_type, record_id, occurred_at)`.execute(db);
  await sql`create index audit_event_actor on audit_event (hub_id, actor_user_id, occurred_at)`.execute(db);
  await sql`create index audit_event_time on audit_event (hub_id, occurred_at)`.execute(db);

  // append-only: the application never changes or deletes audit rows
  await sql`
    create function audit_event_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_event is append-only';
    end $$`.execute(db);
  await sql`
    create trigger audit_event_no_change before update or delete on audit_event
    for each row execute function audit_event_append_only()`.execute(db);
  // row triggers do not fire on TRUNCATE: refuse it too
  await sql`
    create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_append_only()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('the platform migration cannot be reversed');
}
