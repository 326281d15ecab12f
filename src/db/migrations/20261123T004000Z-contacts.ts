import { sql, type Kysely } from 'kysely';

/**
 * The front door (C1, C3, C4, C14): contacts from every channel, the people named in them as
 * recorded, screening, and one row per deadline clock. Person index links come with the
 * persons migration (contact_subject.person_id gets its foreign key there).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table contact (
      id uuid primary key,
      hub_id uuid not null references hub(id),
      -- human reference given to the referrer and used on the phone, e.g. 'MASH-2026-000123'
      reference text not null,
      -- phone, email, online-form, police-notification, edt, letter, walk-in, consultation-line, court, other-la
      channel text not null,
      -- when the information really arrived (never in the future); clocks start from here
      received_at timestamptz not null,
      -- received outside the hub's working time: processed from the next opening (000 §6.4)
      out_of_hours boolean not null,
      recorded_at timestamptz not null,
      -- NULL for the public referral form
      recorded_by uuid references app_user(id),
      -- 'professional' | 'public' | 'anonymous'
      referrer_kind text not null check (referrer_kind in ('professional', 'public', 'anonymous')),
      referrer_name text,
      referrer_role text,
      referrer_organisation text,
      referrer_phone text,
      referrer_email text,
      -- 002 App. 1: whether the referrer's anonymity affects how the contact can be handled
      anonymity_note text,
      -- neglect, physical-abuse, sexual-abuse, emotional-abuse, domestic-abuse, cse, missing, fgm, radicalisation, allegation-against-professional, other
      concern_categories text[] not null default '{}',
      concern_summary text not null,
      -- 'yes' | 'no' | 'not-known': did the referrer discuss it with the parents (000 §6.1)
      parents_informed text not null default 'not-known',
      -- 'yes' | 'no' | 'not-known': was the child spoken to
      child_spoken_to text not null default 'not-known',
      -- a phone contact needing an immediate response owes a written referral within 24 hours
      written_referral_owed boolean not null default false,
      written_referral_received_at timestamptz,
      -- 'named-child' | 'scenario' for consultation-line calls (C14); NULL otherwise
      consultation_kind text,
      -- new → screened → in-checks → decided → closed
      status text not null default 'new',
      -- screening (C3); NULL until screened
      classification text,
      threshold_level text,
      initial_brag text check (initial_brag in ('blue', 'red', 'amber', 'green')),
      brag_rationale text,
      -- police consultation (000 ISA 1.42-1.43): was a crime committed; referred to CAIT/PPD
      police_crime_suspected text,
      police_referred_to_cait boolean,
      screened_at timestamptz,
      screened_by uuid references app_user(id),
      -- queue allocation; NULL means unallocated
      allocated_to uuid references app_user(id),
      -- the public form's idempotency key, so a double submit never makes two contacts
      submission_key text,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      unique (hub_id, reference),
      unique (hub_id, id)
    )`.execute(db);
  await sql`create unique index contact_submission_key on contact (hub_id, submission_key) where submission_key is not null`.execute(db);
  await sql`create index contact_hub_status on contact (hub_id, status, received_at)`.execute(db);
  await sql`create index contact_allocated on contact (hub_id, allocated_to) where status <> 'closed'`.execute(db);

  await sql`
    create table contact_subject (
      id uuid primary key,
      hub_id uuid not null references hub(id),
      contact_id uuid not null,
      -- subject, sibling, parent-carer, alleged-perpetrator, victim, witness, professional, other-adult
      role text not null,
      -- as recorded from the referrer: may be partial or wrong; the person index holds the truth
      given_name text,
      family_name text,
      date_of_birth date,
      sex text,
      address text,
      postcode text,
      school text,
      nhs_number text,
      -- the person in the index this subject was linked to; NULL until linked
      person_id uuid,
      linked_at timestamptz,
      linked_by uuid references app_user(id),
      foreign key (hub_id, contact_id) references contact (hub_id, id) on delete cascade
    )`.execute(db);
  await sql`create index contact_subject_contact on contact_subject (contact_id)`.execute(db);
  await sql`create index contact_subject_person on contact_subject (person_id) where person_id is not null`.execute(db);

  await sql`
    create table contact_clock (
      id uuid primary key,
      hub_id uuid not null references hub(id),
      contact_id uuid not null,
      -- a ClockType of features/clocks: decision, brag-red, written-referral, lado-allegation, ...
      type text not null,
      -- the rule in force when the clock started (a hub's later rule change affects new clocks only)
      rule jsonb not null,
      started_at timestamptz not null,
      due_at timestamptz not null,
      status text not null check (status in ('running', 'met', 'paused', 'stopped')),
      met_at timestamptz,
      paused_at timestamptz,
      pause_reason text,
      stopped_at timestamptz,
      stopped_reason text,
      foreign key (hub_id, contact_id) references contact (hub_id, id) on delete cascade,
      unique (contact_id, type)
    )`.execute(db);
  await sql`create index contact_clock_due on contact_clock (hub_id, due_at) where status = 'running'`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
