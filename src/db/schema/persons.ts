import type { ColumnType, Generated } from 'kysely';

type TextArray = ColumnType<string[], string[] | undefined, string[]>;
type Json<T> = ColumnType<T, string, string>;

export interface OtherNameJson {
  givenName?: string;
  familyName?: string;
}

/** A person in the index (C2). */
export interface PersonTable {
  id: string;
  hub_id: string;
  /** all given names, first first; NULL when not known */
  given_name: string | null;
  /** NULL when not known */
  family_name: string | null;
  /** aliases and previous names */
  other_names: ColumnType<OtherNameJson[], string | undefined, string>;
  /** YYYY-MM-DD; NULL when not known */
  date_of_birth: string | null;
  /** NULL when not recorded */
  sex: 'female' | 'male' | 'unknown' | null;
  address: string | null;
  /** "DE22 3AB" when a full UK postcode; NULL when not known */
  postcode: string | null;
  /** the address's first part, normalised ("12 elm road"): the dwelling; NULL when no address */
  address_key: string | null;
  /** ten digits, valid check digit; NULL when not known */
  nhs_number: string | null;
  case_status: Generated<'not-known' | 'known' | 'open'>;
  /** the social worker of an open case; NULL when none */
  allocated_worker_id: string | null;
  origin: 'front-door' | 'import';
  /** blocking columns, derived by the matching domain */
  given_first: string | null;
  family_key: string | null;
  family_phonetic: TextArray;
  given_phonetic: TextArray;
  /** NULL for a live record; the survivor when merged */
  merged_into: string | null;
  merged_at: Date | null;
  version: Generated<number>;
  created_at: Date;
  /** NULL when imported from the command line */
  created_by: string | null;
  updated_at: Date | null;
  updated_by: string | null;
}

export interface PersonIdentifierTable {
  id: string;
  hub_id: string;
  person_id: string;
  /** lower case: 'la', 'police', 'education', ... */
  source: string;
  /** normalised: upper case, no spaces, hyphens, slashes or dots */
  value: string;
  created_at: Date;
  created_by: string | null;
}

export interface PersonRelationshipTable {
  id: string;
  hub_id: string;
  person_id: string;
  related_person_id: string;
  /** what person_id is to related_person_id */
  kind: string;
  /** they live in the same household */
  household: boolean;
  created_at: Date;
  created_by: string | null;
  /** NULL while the link stands */
  ended_at: Date | null;
  ended_by: string | null;
  version: Generated<number>;
}

/** Derived: the blocking keys of live persons (blockKeyStrings). */
export interface PersonBlockKeyTable {
  hub_id: string;
  key: string;
  person_id: string;
}

export interface MergeMoved {
  subjects: string[];
  identifiers: string[];
  relationships: string[];
  endedRelationships: string[];
}

export interface PersonMergeTable {
  id: string;
  hub_id: string;
  survivor_id: string;
  duplicate_id: string;
  merged_at: Date;
  merged_by: string;
  /** the survivor's changed fields before the merge */
  survivor_before: Json<Record<string, unknown>>;
  /** and as the merge set them */
  survivor_after: Json<Record<string, unknown>>;
  moved: Json<MergeMoved>;
  /** NULL while the merge stands */
  undone_at: Date | null;
  undone_by: string | null;
}

export interface PartialDB {
  person: PersonTable;
  person_identifier: PersonIdentifierTable;
  person_relationship: PersonRelationshipTable;
  person_block_key: PersonBlockKeyTable;
  person_merge: PersonMergeTable;
}
