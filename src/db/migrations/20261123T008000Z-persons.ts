import { sql, type Kysely } from 'kysely';

/**
 * The person index (C2): persons with their agency identifiers, family and household links,
 * the blocking keys a search looks up, and merges (kept so that they can be undone). Contact
 * subjects get their foreign key to the person they were linked to.
 *
 * Search never scans `person`: it looks up `person_block_key` (one btree) and, for a query
 * without a date of birth, the two multicolumn GIN indexes below; see persons-repository.ts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table person (
      id uuid primary key,
      hub_id uuid not null references hub(id),
      -- all given names, the first one first; NULL when not known (a newborn recorded as "Baby")
      given_name text,
      -- NULL when not known
      family_name text,
      -- other names the person is known by: [{"givenName"?, "familyName"?}] (aliases, previous surnames)
      other_names jsonb not null default '[]',
      -- NULL when not known
      date_of_birth date,
      -- NULL when not recorded; 'unknown' is "not stated" or "indeterminate"
      sex text check (sex in ('female', 'male', 'unknown')),
      -- NULL when not known (no fixed abode, or never given)
      address text,
      -- "DE22 3AB" when a full UK postcode; NULL when not known
      postcode text,
      -- the dwelling the address names, for "others at this address": its first part (to a comma
      -- or line break), normalised ("12 elm road"); NULL when no address
      address_key text,
      -- ten digits with a valid check digit; NULL when not known
      nhs_number text check (nhs_number ~ '^[0-9]{10}$'),
      -- what children's social care holds: not known to it, known (a closed or past case), an open case
      case_status text not null default 'not-known' check (case_status in ('not-known', 'known', 'open')),
      -- the social worker of an open case; NULL when none is allocated (or the case is not open)
      allocated_worker_id uuid references app_user(id),
      -- where the record came from: recorded at the front door (or through the API), or imported
      origin text not null check (origin in ('front-door', 'import')),
      -- blocking columns, derived from the fields above by the matching domain (blockingKeys):
      -- normalised first given name and family name (trigram look-ups), phonetic codes of all names
      given_first text,
      family_key text,
      family_phonetic text[] not null default '{}',
      given_phonetic text[] not null default '{}',
      -- the person this record was merged into; NULL for a live record. A merged record is
      -- kept, unsearchable, so that the merge can be undone
      merged_into uuid,
      merged_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null,
      -- NULL when imported by an operator from the command line
      created_by uuid references app_user(id),
      -- NULL until changed after creation
      updated_at timestamptz,
      updated_by uuid references app_user(id),
      unique (hub_id, id),
      check (given_name is not null or family_name is not null),
      check (jsonb_typeof(other_names) = 'array'),
      check (allocated_worker_id is null or case_status = 'open'),
      check (merged_into is null or merged_into <> id),
      check ((merged_into is null) = (merged_at is null)),
      foreign key (hub_id, merged_into) references person (hub_id, id)
    )`.execute(db);
  // a live person is found by NHS number on import (duplicates are refused) and by the 'nhs' block
  await sql`create index person_nhs_number on person (hub_id, nhs_number) where nhs_number is not null and merged_into is null`.execute(db);
  // same postcode and address: "others recorded at this address" (Think Family); text_pattern_ops
  // also serves a postcode-sector prefix (LIKE 'DE22 3%') for a search with nothing else to go on
  await sql`create index person_postcode on person (hub_id, postcode text_pattern_ops, address_key) where postcode is not null and merged_into is null`.execute(db);
  await sql`create index person_dob on person (hub_id, date_of_birth) where date_of_birth is not null and merged_into is null`.execute(db);
  // A query without a date of birth looks up a phonetic code AND a similar spelling of the other
  // name: one multicolumn GIN index each (array codes, trigrams), so that one index scan
  // intersects both conditions before any row is read. The first column alone serves a search
  // with a surname (or a first name) and nothing else.
  await sql`create index person_family_phonetic_given on person using gin (family_phonetic, given_first gin_trgm_ops) where merged_into is null`.execute(db);
  await sql`create index person_given_phonetic_family on person using gin (given_phonetic, family_key gin_trgm_ops) where merged_into is null`.execute(db);
  await sql`create index person_merged_into on person (merged_into) where merged_into is not null`.execute(db);

  await sql`
    create table person_identifier (
      id uuid primary key,
      hub_id uuid not null references hub(id),
      person_id uuid not null,
      -- the agency or system that issued it, lower case: 'la' (the local authority's ID), 'police', 'education', ...
      source text not null check (source <> '' and source = lower(btrim(source))),
      -- normalised: upper case, without spaces, hyphens, slashes or dots
      value text not null check (value <> ''),
      created_at timestamptz not null,
      -- NULL when imported from the command line
      created_by uuid references app_user(id),
      foreign key (hub_id, person_id) references person (hub_id, id),
      -- an agency's ID names one person in the hub
      unique (hub_id, source, value)
    )`.execute(db);
  await sql`create index person_identifier_person on person_identifier (person_id)`.execute(db);
  // "any agency ID": a value typed without saying who issued it
  await sql`create index person_identifier_value on person_identifier (hub_id, value)`.execute(db);

  await sql`
    create table person_relationship (
      id uuid primary key,
      hub_id uuid not null references hub(id),
      person_id uuid not null,
      related_person_id uuid not null,
      -- what person_id is to related_person_id: parent, step-parent, carer, grandparent, sibling,
      -- half-sibling, partner, other-relative, household-member (lives there, not family), other
      kind text not null check (kind in ('parent', 'step-parent', 'carer', 'grandparent', 'sibling', 'half-sibling', 'partner', 'other-relative', 'household-member', 'other')),
      -- they live in the same household (Think Family, 002 §3.14)
      household boolean not null,
      created_at timestamptz not null,
      created_by uuid references app_user(id),
      -- NULL while the link stands; set when removed (by a worker, or by a merge)
      ended_at timestamptz,
      ended_by uuid references app_user(id),
      version integer not null default 1,
      check (person_id <> related_person_id),
      check (kind <> 'household-member' or household),
      foreign key (hub_id, person_id) references person (hub_id, id),
      foreign key (hub_id, related_person_id) references person (hub_id, id)
    )`.execute(db);
  // one standing link per pair, whichever way round it was recorded
  await sql`create unique index person_relationship_pair on person_relationship (hub_id, least(person_id, related_person_id), greatest(person_id, related_person_id)) where ended_at is null`.execute(db);
  await sql`create index person_relationship_person on person_relationship (person_id) where ended_at is null`.execute(db);
  await sql`create index person_relationship_related on person_relationship (related_person_id) where ended_at is null`.execute(db);

  // Blocking keys (blockKeyStrings of the matching domain): "fd:SM0|2012-03-04". The primary key
  // is the one index a search needs (hub, key → person ids, index-only). Derived rows: no foreign
  // key (a bulk load would pay for its checks), rebuilt by `openmash persons reindex`.
  await sql`
    create table person_block_key (
      hub_id uuid not null,
      key text not null,
      person_id uuid not null,
      primary key (hub_id, key, person_id)
    )`.execute(db);

  await sql`
    create table person_merge (
      id uuid primary key,
      hub_id uuid not null references hub(id),
      -- the record kept
      survivor_id uuid not null,
      -- the record merged into it (kept, with merged_into set, until the merge is undone)
      duplicate_id uuid not null,
      merged_at timestamptz not null,
      merged_by uuid not null references app_user(id),
      -- the survivor's fields the merge changed, before and after: undo restores a field only
      -- if it still holds the merged value
      survivor_before jsonb not null,
      survivor_after jsonb not null,
      -- ids of what moved to the survivor: {"subjects":[],"identifiers":[],"relationships":[],"endedRelationships":[]}
      moved jsonb not null,
      -- NULL while the merge stands
      undone_at timestamptz,
      undone_by uuid references app_user(id),
      check (survivor_id <> duplicate_id),
      check ((undone_at is null) = (undone_by is null)),
      foreign key (hub_id, survivor_id) references person (hub_id, id),
      foreign key (hub_id, duplicate_id) references person (hub_id, id)
    )`.execute(db);
  // a record is merged into one other at a time
  await sql`create unique index person_merge_standing on person_merge (hub_id, duplicate_id) where undone_at is null`.execute(db);
  await sql`create index person_merge_survivor on person_merge (survivor_id)`.execute(db);

  // contact subjects link to a person of the same hub
  await sql`alter table contact_subject add constraint contact_subject_person foreign key (hub_id, person_id) references person (hub_id, id)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
