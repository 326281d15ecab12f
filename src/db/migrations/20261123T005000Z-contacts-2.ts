import { sql, type Kysely } from 'kysely';

/**
 * The front door, second part: who recorded a contact for which agency (the agency queue),
 * the rest of the referrer's details, consultation advice (C14), allocation history, the
 * order of people on a contact, per-hub reference numbering, and the invariants of the
 * contact's state machine as constraints.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table contact
      -- the recording worker's agency; NULL for the public referral form
      add column recorded_by_agency_id uuid references agency(id),
      -- a member of the public's address and relationship to the child; NULL when not given or anonymous
      add column referrer_address text,
      add column referrer_relationship text,
      -- advice given on a consultation line call (C14); NULL for other channels or when none recorded
      add column consultation_advice text,
      -- when and by whom the current allocation was made; NULL while unallocated
      add column allocated_at timestamptz,
      add column allocated_by uuid references app_user(id),
      -- when the contact closed; NULL while open
      add column closed_at timestamptz,
      -- last change of any kind; NULL until first changed after recording
      add column updated_at timestamptz`.execute(db);

  await sql`
    alter table contact
      add constraint contact_channel_known check (channel in ('phone', 'email', 'online-form', 'police-notification', 'edt', 'letter', 'walk-in', 'consultation-line', 'court', 'other-la')),
      add constraint contact_status_known check (status in ('new', 'screened', 'in-checks', 'decided', 'closed')),
      add constraint contact_answers_known check (parents_informed in ('yes', 'no', 'not-known') and child_spoken_to in ('yes', 'no', 'not-known')),
      add constraint contact_crime_answer_known check (police_crime_suspected is null or police_crime_suspected in ('yes', 'no', 'not-known', 'not-consulted')),
      -- a consultation kind exactly when the call came through the consultation line (C14)
      add constraint contact_consultation_kind check (
        (channel = 'consultation-line' and consultation_kind in ('named-child', 'scenario'))
        or (channel <> 'consultation-line' and consultation_kind is null)),
      -- an anonymous referrer leaves nothing that identifies them
      add constraint contact_anonymous_referrer check (
        referrer_kind <> 'anonymous' or (referrer_name is null and referrer_phone is null and referrer_email is null and referrer_address is null)),
      -- past "new", a contact has been screened (a scenario consultation is closed with its advice instead)
      add constraint contact_screened_past_new check (
        status = 'new' or consultation_kind = 'scenario'
        or (classification is not null and threshold_level is not null and initial_brag is not null and brag_rationale is not null and screened_at is not null)),
      add constraint contact_closed_at check ((status = 'closed') = (closed_at is not null)),
      add constraint contact_allocation_complete check (allocated_to is null or allocated_at is not null),
      add constraint contact_written_referral check (written_referral_received_at is null or written_referral_owed)`.execute(db);

  // queues: open contacts of a hub, by allocation or recording agency
  await sql`create index contact_unallocated on contact (hub_id, received_at) where allocated_to is null and status in ('new', 'screened', 'in-checks')`.execute(db);
  await sql`create index contact_recording_agency on contact (hub_id, recorded_by_agency_id) where status in ('new', 'screened', 'in-checks')`.execute(db);

  await sql`
    alter table contact_subject
      -- the order the people were given in, from 0
      add column position integer not null default 0,
      add constraint contact_subject_role_known check (role in ('subject', 'sibling', 'parent-carer', 'alleged-perpetrator', 'victim', 'witness', 'professional', 'other-adult')),
      add constraint contact_subject_named check (given_name is not null or family_name is not null)`.execute(db);
  await sql`create unique index contact_subject_position on contact_subject (contact_id, position)`.execute(db);

  await sql`create index contact_clock_contact on contact_clock (contact_id, status)`.execute(db);

  // per hub and London calendar year: MASH-2026-000123. One row per hub-year, bumped in the
  // intake transaction, so a rolled-back intake leaves no gap.
  await sql`
    create table contact_reference_counter (
      hub_id uuid not null references hub(id),
      year integer not null check (year between 2000 and 9999),
      last_value integer not null check (last_value >= 1),
      primary key (hub_id, year)
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
