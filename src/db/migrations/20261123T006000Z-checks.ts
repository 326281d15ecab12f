import { sql, type Kysely } from 'kysely';

/**
 * MASH checks (C5, C6): consent positions per person on a contact, the decision maker's
 * overrides, information requests ("enquiries") to partner agencies with the people asked
 * about, each agency's response and its parts (fact or opinion, held back or not), recorded
 * decisions to share or not to share (Appendix D of 001), an event per request transition, and
 * the tasks raised for recipients when consent is withdrawn (000 ISA 1.55).
 *
 * A person on a contact is a `contact_subject`: consent is sought about the people named in the
 * contact, whether or not they have been linked to the person index yet (person_id copies the
 * link when there is one, so a later withdrawal can find disclosures made under other contacts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table consent_record (
      id uuid primary key,
      hub_id uuid not null references hub(id),
      contact_id uuid not null,
      contact_subject_id uuid not null,
      -- the person index entry of the subject when it was recorded; NULL when not yet linked
      person_id uuid,
      -- decides who is asked: the adult, or holders of parental responsibility
      subject_is_adult boolean not null,
      -- 'given' | 'refused' | 'not-sought' | 'withdrawn' (only consent given can be withdrawn)
      status text not null check (status in ('given', 'refused', 'not-sought', 'withdrawn')),
      -- 'parental-responsibility' | 'adult' | 'other'; NULL when consent was not sought
      sought_from_kind text check (sought_from_kind in ('parental-responsibility', 'adult', 'other')),
      -- who was asked (e.g. both parents); NULL when not sought
      sought_from_names text[],
      -- for 'other': who they are and why they can consent; NULL otherwise
      sought_from_description text,
      -- NULL when not sought
      sought_at timestamptz,
      -- the 000 §6.3 reasons; empty unless not sought
      not_sought_reasons text[] not null default '{}',
      -- required when not sought (000 ISA "Consent": recorded with the rationale); a note otherwise
      rationale text,
      -- adults only: the Mental Capacity Act position; NULL means capacity is assumed (004 §5.15)
      capacity jsonb,
      -- what the consent covers, e.g. "MASH checks with partner agencies"
      scope text not null,
      recorded_by uuid not null references app_user(id),
      recorded_at timestamptz not null,
      -- set when consent given is withdrawn; NULL otherwise
      withdrawn_at timestamptz,
      withdrawn_recorded_by uuid references app_user(id),
      -- the party the person told (000 ISA 1.55: that party tells the others)
      withdrawal_received_by_agency_id uuid references agency(id),
      version integer not null default 1,
      foreign key (hub_id, contact_id) references contact (hub_id, id),
      -- contact_subject's id implies its hub (that table has no (hub_id, id) key)
      foreign key (contact_subject_id) references contact_subject (id),
      unique (hub_id, id),
      check ((status = 'not-sought') = (sought_from_kind is null)),
      check (status = 'not-sought' or (sought_at is not null and cardinality(sought_from_names) > 0)),
      check (status <> 'not-sought' or (cardinality(not_sought_reasons) > 0 and rationale is not null)),
      check ((status = 'withdrawn') = (withdrawn_at is not null)),
      check (status <> 'withdrawn' or (withdrawn_recorded_by is not null and withdrawal_received_by_agency_id is not null)),
      check (capacity is null or subject_is_adult)
    )`.execute(db);
  // history is kept: a later record for the same person supersedes (consent-position.ts latestFor)
  await sql`create index consent_record_subject on consent_record (hub_id, contact_id, contact_subject_id, recorded_at)`.execute(db);
  await sql`create index consent_record_person on consent_record (hub_id, person_id) where person_id is not null`.execute(db);

  await sql`
    create table consent_override (
      id uuid primary key,
      hub_id uuid not null references hub(id),
      contact_id uuid not null,
      -- whose consent is overridden: contact_subject ids of this contact (at least one)
      contact_subject_ids uuid[] not null check (cardinality(contact_subject_ids) > 0),
      -- why there is no consent to rely on
      consent_position text not null check (consent_position in ('refused', 'not-sought', 'withdrawn')),
      scope text not null,
      -- PUBLIC_INTEREST_CRITERIA codes (000 ISA "Consent" (i)-(vi)); at least one
      criteria text[] not null check (cardinality(criteria) > 0),
      -- { <PROPORTIONALITY_QUESTIONS id>: { answer?: 'yes'|'no', detail?: text } } for all six
      proportionality jsonb not null,
      justification text not null,
      -- [{ agencyId, views }]: the views of the organisation owing the duty of confidence (004 §6.1.6)
      confidence_holder_views jsonb not null default '[]'::jsonb,
      -- the decision maker who authorised it ("signed"): only that role may (000 §6.3)
      authorised_by uuid not null references app_user(id),
      authorised_at timestamptz not null,
      foreign key (hub_id, contact_id) references contact (hub_id, id),
      unique (hub_id, id)
    )`.execute(db);
  await sql`create index consent_override_contact on consent_override (hub_id, contact_id, authorised_at)`.execute(db);

  await sql`
    create table enquiry (
      id uuid primary key,
      hub_id uuid not null references hub(id),
      contact_id uuid not null,
      -- the agency asked; only agencies with an active agreement can be (C6, C12)
      agency_id uuid not null,
      -- the agency's name when asked, so the record reads the same after a rename
      agency_name text not null,
      -- what is asked, and why
      question text not null,
      reason text not null,
      -- the consent position sent with the request: 'consent' (everyone gave it) or 'override'
      consent_basis text not null check (consent_basis in ('consent', 'override')),
      -- the consent_record rows relied on, one per person asked about
      consent_ids uuid[] not null default '{}',
      -- the override relied on; NULL when every person consented
      override_id uuid,
      -- the BRAG the due time came from, the rule in force, and the due instant (C4)
      brag text not null check (brag in ('blue', 'red', 'amber', 'green')),
      due_rule jsonb not null,
      due_at timestamptz not null,
      -- sent → acknowledged → responded → supplemented; sent|acknowledged → closed | withdrawn
      status text not null check (status in ('sent', 'acknowledged', 'responded', 'supplemented', 'closed', 'withdrawn')),
      sent_at timestamptz not null,
      sent_by uuid not null references app_user(id),
      -- NULL until acknowledged (a response may come without an acknowledgement)
      acknowledged_at timestamptz,
      acknowledged_by uuid references app_user(id),
      -- closed by a decision made before the agency answered; NULL otherwise
      closed_at timestamptz,
      closed_by uuid references app_user(id),
      close_reason text,
      -- withdrawn by the decision maker; NULL otherwise
      withdrawn_at timestamptz,
      withdrawn_by uuid references app_user(id),
      withdraw_reason text,
      version integer not null default 1,
      foreign key (hub_id, contact_id) references contact (hub_id, id),
      foreign key (hub_id, agency_id) references agency (hub_id, id),
      foreign key (hub_id, override_id) references consent_override (hub_id, id),
      unique (hub_id, id),
      check ((consent_basis = 'override') = (override_id is not null)),
      check ((acknowledged_at is null) = (acknowledged_by is null)),
      check ((status = 'closed') = (closed_at is not null and closed_by is not null and close_reason is not null)),
      check ((status = 'withdrawn') = (withdrawn_at is not null and withdrawn_by is not null and withdraw_reason is not null)),
      check (status <> 'acknowledged' or acknowledged_at is not null)
    )`.execute(db);
  // one open request per agency per contact: a second would only duplicate the agency's work
  await sql`create unique index enquiry_one_open_per_agency on enquiry (hub_id, contact_id, agency_id) where status in ('sent', 'acknowledged')`.execute(db);
  await sql`create index enquiry_contact on enquiry (hub_id, contact_id)`.execute(db);
  await sql`create index enquiry_agency_due on enquiry (hub_id, agency_id, due_at)`.execute(db);

  await sql`
    create table enquiry_subject (
      id uuid primary key,
      hub_id uuid not null references hub(id),
      enquiry_id uuid not null,
      contact_subject_id uuid not null,
      -- the person index entry when linked at sending; NULL otherwise
      person_id uuid,
      -- order on the request
      position integer not null,
      -- what the agency needs to search its own systems (visibility.ts minimalSubject), as sent
      name text not null,
      -- YYYY-MM-DD; NULL when not known
      date_of_birth date,
      address text,
      -- [{ name, dateOfBirth?, relationship }]: the other people named in the contact
      household jsonb not null default '[]'::jsonb,
      -- MASH staff only (visibility.ts): the person's role in the contact
      role_in_contact text,
      foreign key (hub_id, enquiry_id) references enquiry (hub_id, id) on delete cascade,
      -- contact_subject's id implies its hub (that table has no (hub_id, id) key)
      foreign key (contact_subject_id) references contact_subject (id),
      unique (enquiry_id, contact_subject_id),
      unique (enquiry_id, position)
    )`.execute(db);
  await sql`create index enquiry_subject_subject on enquiry_subject (hub_id, contact_subject_id)`.execute(db);

  await sql`
    create table enquiry_response (
      id uuid primary key,
      hub_id uuid not null references hub(id),
      -- one response per request: two responders at once cannot both answer
      enquiry_id uuid not null,
      -- the originating agency of every part of it (GLOSSARY originAgency)
      origin_agency_id uuid not null,
      responded_at timestamptz not null,
      responded_by uuid not null references app_user(id),
      -- "no information held" is a valid answer; an addition later sets it false
      no_information_held boolean not null,
      -- the agency's BRAG; NULL only while no information is held
      agency_brag text check (agency_brag in ('blue', 'red', 'amber', 'green')),
      -- the last time anything was added
      last_added_at timestamptz not null,
      version integer not null default 1,
      foreign key (hub_id, enquiry_id) references enquiry (hub_id, id),
      foreign key (hub_id, origin_agency_id) references agency (hub_id, id),
      unique (hub_id, id),
      unique (enquiry_id),
      check (no_information_held or agency_brag is not null)
    )`.execute(db);

  await sql`
    create table enquiry_response_item (
      id uuid primary key,
      hub_id uuid not null references hub(id),
      response_id uuid not null,
      enquiry_id uuid not null,
      origin_agency_id uuid not null,
      -- 1, 2, 3 … in order of addition across the response and its additions
      position integer not null,
      -- 0 for the first response; n for the nth addition (002 App. 1)
      batch integer not null check (batch >= 0),
      -- distinguish fact from opinion (003 "How?"; 001 App. D)
      kind text not null check (kind in ('fact', 'opinion')),
      text text not null,
      -- kept within the MASH: visible to the decision maker and the originating agency only,
      -- sign-posted to anyone else (000 ISA "Consent")
      held_back boolean not null default false,
      -- why it is held back; NULL when not held back
      held_back_reason text,
      added_at timestamptz not null,
      added_by uuid not null references app_user(id),
      foreign key (hub_id, response_id) references enquiry_response (hub_id, id),
      foreign key (hub_id, enquiry_id) references enquiry (hub_id, id),
      unique (hub_id, id),
      unique (response_id, position),
      check (held_back = (held_back_reason is not null))
    )`.execute(db);
  await sql`create index enquiry_response_item_enquiry on enquiry_response_item (hub_id, enquiry_id, position)`.execute(db);

  await sql`
    create table enquiry_event (
      id uuid primary key,
      hub_id uuid not null references hub(id),
      enquiry_id uuid not null,
      -- enquiry-sent, enquiry-acknowledged, enquiry-responded, enquiry-supplemented, enquiry-closed, enquiry-withdrawn
      type text not null,
      -- the status after the event
      status text not null,
      at timestamptz not null,
      by_user_id uuid not null references app_user(id),
      by_agency_id uuid not null,
      -- ids and counts only, never free text about people
      details jsonb not null default '{}'::jsonb,
      foreign key (hub_id, enquiry_id) references enquiry (hub_id, id)
    )`.execute(db);
  await sql`create index enquiry_event_enquiry on enquiry_event (hub_id, enquiry_id, at)`.execute(db);

  await sql`
    create table share_decision (
      id uuid primary key,
      hub_id uuid not null references hub(id),
      contact_id uuid not null,
      -- the request it sent; NULL for a decision not to share (nothing was sent)
      enquiry_id uuid,
      -- 'share' | 'not-share': recorded either way (003 golden rule 7)
      decision text not null check (decision in ('share', 'not-share')),
      -- what is (or would have been) shared, in a line: categories, not content
      what text not null,
      -- the agency it went (or would have gone) to; NULL when the recipient is not an agency of the hub
      recipient_agency_id uuid,
      recipient_name text not null,
      purpose text not null,
      -- { when: {...}, checklist: {...} }: every answer to 003 "When?" and 001 App. D, as given
      answers jsonb not null,
      -- { route, conditions, blockers, reasons }: evaluateShareDecision's result at the time
      evaluation jsonb not null,
      -- LEGAL_BASES codes; empty only for a decision not to share
      legal_bases text[] not null default '{}',
      rationale text not null,
      -- the override relied on when sharing without consent; NULL otherwise
      consent_override_id uuid,
      decided_by uuid not null references app_user(id),
      decided_by_agency_id uuid not null,
      decided_at timestamptz not null,
      -- the ledger entry written for it (every decision has one)
      disclosure_id uuid not null references disclosure(id),
      foreign key (hub_id, contact_id) references contact (hub_id, id),
      foreign key (hub_id, enquiry_id) references enquiry (hub_id, id),
      foreign key (hub_id, consent_override_id) references consent_override (hub_id, id),
      foreign key (hub_id, recipient_agency_id) references agency (hub_id, id),
      unique (hub_id, id),
      check (decision = 'not-share' or (enquiry_id is not null and cardinality(legal_bases) > 0))
    )`.execute(db);
  await sql`create index share_decision_contact on share_decision (hub_id, contact_id, decided_at)`.execute(db);

  await sql`
    create table consent_withdrawal_task (
      id uuid primary key,
      hub_id uuid not null references hub(id),
      consent_id uuid not null,
      contact_id uuid not null,
      contact_subject_id uuid not null,
      -- the recipient told: an agency of the hub, or (NULL) another recipient named below, whom
      -- the decision maker tells
      recipient_agency_id uuid,
      recipient_name text not null,
      -- the in-app task raised; its completed_at says when the recipient confirmed disposal
      notification_id uuid not null references notification(id),
      -- what the recipient received: requests sent and ledger entries
      enquiry_ids uuid[] not null default '{}',
      disclosure_ids uuid[] not null default '{}',
      -- withdrawal-tasks.ts key: one task per trigger, person and recipient
      task_key text not null,
      raised_at timestamptz not null,
      foreign key (hub_id, consent_id) references consent_record (hub_id, id),
      foreign key (hub_id, contact_id) references contact (hub_id, id),
      foreign key (contact_subject_id) references contact_subject (id),
      foreign key (hub_id, recipient_agency_id) references agency (hub_id, id),
      unique (hub_id, task_key)
    )`.execute(db);
  await sql`create index consent_withdrawal_task_contact on consent_withdrawal_task (hub_id, contact_id)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
