import { sql, type Kysely } from 'kysely';

/**
 * The decision on a contact, feedback to the referrer, disagreements between agencies, the
 * originating agencies' permissions to pass information outside the MASH (C7; 000 §3, §6.3, §9;
 * ISA 1.61), and MASH meetings / strategy discussions (C8; 002 §4.3; 004 protocol).
 * Foreign keys carry hub_id so that no row can point into another hub.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // ---- C7: the decision ----
  await sql`
    create table decision (
      id uuid primary key,
      hub_id uuid not null references hub(id),
      contact_id uuid not null,
      final_brag text not null check (final_brag in ('blue', 'red', 'amber', 'green')),
      outcome text not null check (outcome in ('assessment', 's47-strategy-discussion', 'early-help', 'other-service', 'advice', 'nfa')),
      -- "a summary of the information gathered with a recommendation" (000 §6.3)
      summary text not null,
      recommendation text not null,
      -- NULL unless the outcome is NFA; the referrer is told it (000 §6.3)
      nfa_rationale text,
      -- NULL unless the outcome is a referral to another service (only with consent, 000 §8.1)
      other_service_name text,
      -- the people whose recorded consent the referral to another service rests on; NULL otherwise
      other_service_person_ids text[],
      decided_by uuid not null references app_user(id),
      decided_at timestamptz not null,
      -- the contact version the decision maker saw; a stale version was refused (optimistic concurrency)
      contact_version integer not null,
      -- information requests still open at the decision, closed with "decision made before response"
      closed_enquiry_count integer not null default 0,
      foreign key (hub_id, contact_id) references contact (hub_id, id),
      -- a contact is decided once: the second of two concurrent decisions fails here too
      unique (contact_id),
      unique (hub_id, id),
      check ((outcome = 'nfa') = (nfa_rationale is not null)),
      check ((outcome = 'other-service') = (other_service_name is not null and other_service_person_ids is not null))
    )`.execute(db);

  await sql`
    create table referrer_feedback (
      id uuid primary key,
      hub_id uuid not null references hub(id),
      contact_id uuid not null,
      decision_id uuid not null,
      -- 'sent': the referrer was told; 'not-possible': an anonymous referrer cannot be told
      status text not null check (status in ('sent', 'not-possible')),
      -- 'secure-email' | 'phone' | 'letter' | 'in-person'; NULL when not possible
      method text check (method in ('secure-email', 'phone', 'letter', 'in-person')),
      -- where it went: the email address, phone number or postal address; NULL in person or when not possible
      to_address text,
      outcome text not null,
      -- the NFA rationale given to the referrer; NULL for other outcomes
      nfa_rationale text,
      -- 24 working hours after the decision (000 §6.3)
      due_at timestamptz not null,
      sent_at timestamptz,
      sent_by uuid references app_user(id),
      -- sent after due_at; NULL when not sent
      late boolean,
      -- 'anonymous-referrer' when not possible; NULL otherwise
      not_possible_reason text,
      -- the queued secure email; NULL for other methods
      outbox_email_id uuid references outbox_email(id),
      recorded_by uuid not null references app_user(id),
      recorded_at timestamptz not null,
      foreign key (hub_id, contact_id) references contact (hub_id, id),
      foreign key (hub_id, decision_id) references decision (hub_id, id),
      unique (decision_id),
      check ((status = 'sent') = (method is not null and sent_at is not null and sent_by is not null and late is not null)),
      check ((status = 'not-possible') = (not_possible_reason is not null))
    )`.execute(db);

  // ---- C7: disagreements between agencies (000 §9; 002 §4.3.9-4.3.13) ----
  await sql`
    create table disagreement (
      id uuid primary key,
      hub_id uuid not null references hub(id),
      -- the contact or meeting it is about; both NULL for one about how the MASH operates
      contact_id uuid,
      meeting_id uuid,
      -- 'decision' | 'strategy-outcome' | 'information-sharing' | 'operations'
      subject text not null check (subject in ('decision', 'strategy-outcome', 'information-sharing', 'operations')),
      description text not null,
      raised_by uuid not null references app_user(id),
      raised_by_agency_id uuid not null,
      -- the other agencies in the disagreement
      with_agency_ids uuid[] not null,
      -- the hub's escalation path when it was raised, lowest level first
      path text[] not null,
      -- the current escalation level, one of path
      level text not null,
      status text not null check (status in ('open', 'resolved')),
      -- NULL while open
      resolution text,
      resolved_at timestamptz,
      resolved_by uuid references app_user(id),
      raised_at timestamptz not null,
      version integer not null default 1,
      foreign key (hub_id, contact_id) references contact (hub_id, id),
      foreign key (hub_id, raised_by_agency_id) references agency (hub_id, id),
      unique (hub_id, id),
      check (level = any (path)),
      check ((status = 'resolved') = (resolution is not null and resolved_at is not null and resolved_by is not null))
    )`.execute(db);
  await sql`create index disagreement_contact on disagreement (hub_id, contact_id) where contact_id is not null`.execute(db);
  await sql`create index disagreement_open on disagreement (hub_id, raised_at) where status = 'open'`.execute(db);

  await sql`
    create table disagreement_step (
      id uuid primary key,
      hub_id uuid not null references hub(id),
      disagreement_id uuid not null,
      -- 1 for raising, then each escalation in order
      seq integer not null,
      level text not null,
      at timestamptz not null,
      by_user_id uuid not null references app_user(id),
      reason text not null,
      foreign key (hub_id, disagreement_id) references disagreement (hub_id, id) on delete cascade,
      unique (disagreement_id, seq)
    )`.execute(db);

  // ---- permission of the originating agency to pass information outside the MASH (000 §3; ISA 1.61; 004 §7.1.4) ----
  await sql`
    create table dissemination_permission (
      id uuid primary key,
      hub_id uuid not null references hub(id),
      contact_id uuid not null,
      origin_agency_id uuid not null,
      -- the recipient: a partner agency of the hub, or (NULL) a service named in recipient_name
      recipient_agency_id uuid,
      recipient_name text not null,
      -- the response items permitted; NULL means every item of the originating agency on the
      -- contact except those it held back (held-back items must be named)
      item_ids text[],
      -- ISA 1.61: only for safeguarding children or policing purposes
      purpose text not null check (purpose in ('safeguarding', 'policing')),
      -- who at the originating agency gave permission
      granted_by_name text not null,
      granted_at timestamptz not null,
      recorded_by uuid not null references app_user(id),
      recorded_at timestamptz not null,
      -- NULL while the permission stands
      revoked_at timestamptz,
      revoked_by uuid references app_user(id),
      foreign key (hub_id, contact_id) references contact (hub_id, id),
      foreign key (hub_id, origin_agency_id) references agency (hub_id, id),
      foreign key (hub_id, recipient_agency_id) references agency (hub_id, id),
      check (item_ids is null or cardinality(item_ids) > 0),
      check ((revoked_at is null) = (revoked_by is null))
    )`.execute(db);
  await sql`create index dissemination_permission_contact on dissemination_permission (hub_id, contact_id)`.execute(db);

  // ---- C8: MASH meetings and strategy discussions ----
  await sql`
    create table meeting (
      id uuid primary key,
      hub_id uuid not null references hub(id),
      kind text not null check (kind in ('mash-meeting', 'strategy-discussion')),
      -- scheduled → held → minutes-circulated; scheduled → cancelled
      status text not null check (status in ('scheduled', 'held', 'minutes-circulated', 'cancelled')),
      starts_at timestamptz not null,
      venue text not null,
      -- the booked strategy meeting slot ('<pattern>@<date>', 002 §4.3.3); NULL when urgent or a MASH meeting
      slot_id text,
      -- why an urgent discussion could not wait for a slot (002 §4.3.6); NULL otherwise
      urgent_reason text,
      chair_user_id uuid not null references app_user(id),
      scheduled_by uuid not null references app_user(id),
      scheduled_at timestamptz not null,
      -- NULL until held
      held_at timestamptz,
      held_recorded_by uuid references app_user(id),
      -- other decisions in words (e.g. what is shared with the family); NULL when none
      decisions text,
      -- the strategy-minutes clock (2 working days, 004 protocol 4); NULL until held
      minutes_rule jsonb,
      minutes_due_at timestamptz,
      -- NULL until the minutes are circulated
      minutes_circulated_at timestamptz,
      minutes_circulated_by uuid references app_user(id),
      minutes_circulated_to uuid[],
      minutes_late boolean,
      -- NULL unless cancelled
      cancelled_at timestamptz,
      cancelled_by uuid references app_user(id),
      cancel_reason text,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      unique (hub_id, id),
      check (not (slot_id is not null and urgent_reason is not null)),
      check ((status in ('held', 'minutes-circulated')) = (held_at is not null and minutes_due_at is not null)),
      check ((status = 'minutes-circulated') = (minutes_circulated_at is not null and minutes_circulated_to is not null)),
      check ((status = 'cancelled') = (cancelled_at is not null and cancel_reason is not null))
    )`.execute(db);
  // a slot is booked once by a meeting that still stands
  await sql`create unique index meeting_slot_booked on meeting (hub_id, slot_id) where slot_id is not null and status <> 'cancelled'`.execute(db);
  await sql`create index meeting_hub_starts on meeting (hub_id, starts_at)`.execute(db);

  await sql`
    alter table disagreement add foreign key (hub_id, meeting_id) references meeting (hub_id, id)
  `.execute(db);

  await sql`
    create table meeting_contact (
      hub_id uuid not null references hub(id),
      meeting_id uuid not null,
      contact_id uuid not null,
      position integer not null,
      -- strategy discussions: whether section 47 enquiries begin; NULL until held (and for MASH meetings)
      s47_begin boolean,
      s47_reason text,
      primary key (meeting_id, contact_id),
      foreign key (hub_id, meeting_id) references meeting (hub_id, id) on delete cascade,
      foreign key (hub_id, contact_id) references contact (hub_id, id),
      check ((s47_begin is null) = (s47_reason is null))
    )`.execute(db);
  await sql`create index meeting_contact_contact on meeting_contact (hub_id, contact_id)`.execute(db);

  await sql`
    create table meeting_attendee (
      id uuid primary key,
      hub_id uuid not null references hub(id),
      meeting_id uuid not null,
      -- 'invited' when scheduled; 'attended' as recorded when held
      list text not null check (list in ('invited', 'attended')),
      position integer not null,
      agency_id uuid not null,
      -- childrens-social-care, police, health, education, ... or other
      agency_kind text not null,
      name text not null,
      -- chair | manager | social-worker | representative
      capacity text not null check (capacity in ('chair', 'manager', 'social-worker', 'representative')),
      -- NULL when not given
      email text,
      foreign key (hub_id, meeting_id) references meeting (hub_id, id) on delete cascade,
      foreign key (hub_id, agency_id) references agency (hub_id, id)
    )`.execute(db);
  await sql`create index meeting_attendee_meeting on meeting_attendee (meeting_id, list, position)`.execute(db);
  await sql`create index meeting_attendee_agency on meeting_attendee (hub_id, agency_id)`.execute(db);

  await sql`
    create table meeting_information (
      id uuid primary key,
      hub_id uuid not null references hub(id),
      meeting_id uuid not null,
      position integer not null,
      -- the agency that shared it (its originating agency)
      agency_id uuid not null,
      summary text not null,
      foreign key (hub_id, meeting_id) references meeting (hub_id, id) on delete cascade,
      foreign key (hub_id, agency_id) references agency (hub_id, id)
    )`.execute(db);

  await sql`
    create table meeting_action (
      id uuid primary key,
      hub_id uuid not null references hub(id),
      meeting_id uuid not null,
      position integer not null,
      description text not null,
      owner_name text not null,
      owner_agency_id uuid not null,
      due_at timestamptz not null,
      foreign key (hub_id, meeting_id) references meeting (hub_id, id) on delete cascade,
      foreign key (hub_id, owner_agency_id) references agency (hub_id, id)
    )`.execute(db);

  // the school DSL invitation (002 §4.3.3, App. 7): the text is re-rendered on demand, never stored
  await sql`
    create table meeting_invitation (
      id uuid primary key,
      hub_id uuid not null references hub(id),
      meeting_id uuid not null,
      school_name text not null,
      dsl_name text not null,
      -- the DSL's secure email when the invitation was queued; NULL when only shown for copying
      to_address text,
      -- the outbox row; NULL when not queued
      outbox_email_id uuid references outbox_email(id),
      created_by uuid not null references app_user(id),
      created_at timestamptz not null,
      foreign key (hub_id, meeting_id) references meeting (hub_id, id) on delete cascade,
      check ((to_address is null) = (outbox_email_id is null))
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
