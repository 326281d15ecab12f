import { sql, type Kysely } from 'kysely';

/**
 * In-app alerts and tasks (C2 routing, consent withdrawal tasks, deadline warnings) and the email
 * outbox (C11: email only to approved secure domains; sent after commit, retried).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table notification (
      id uuid primary key,
      hub_id uuid not null references hub(id),
      -- a person, or everyone of a role in an agency when user_id is NULL
      user_id uuid references app_user(id),
      agency_id uuid references agency(id),
      role text,
      -- 'alert' tells; 'task' must be done (has a due time and completion)
      kind text not null check (kind in ('alert', 'task')),
      -- machine code of what happened, e.g. 'contact-on-open-case', 'lado-allegation', 'consent-withdrawn'
      topic text not null,
      -- fixed text about what to do; never names or details of a person
      message text not null,
      record_type text,
      record_id uuid,
      due_at timestamptz,
      created_at timestamptz not null,
      read_at timestamptz,
      completed_at timestamptz,
      completed_by uuid references app_user(id),
      check (user_id is not null or role is not null)
    )`.execute(db);
  await sql`create index notification_user_open on notification (hub_id, user_id) where completed_at is null`.execute(db);
  await sql`create index notification_role_open on notification (hub_id, agency_id, role) where completed_at is null`.execute(db);
  await sql`create index notification_record on notification (hub_id, record_type, record_id)`.execute(db);

  await sql`
    create table outbox_email (
      id uuid primary key,
      hub_id uuid not null references hub(id),
      to_address text not null,
      subject text not null,
      body text not null,
      -- 'pending' until sent; 'refused' when the domain is not approved (never sent)
      status text not null check (status in ('pending', 'sent', 'failed', 'refused')),
      attempts integer not null default 0,
      last_error text,
      record_type text,
      record_id uuid,
      created_at timestamptz not null,
      sent_at timestamptz
    )`.execute(db);
  await sql`create index outbox_email_pending on outbox_email (created_at) where status = 'pending'`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
