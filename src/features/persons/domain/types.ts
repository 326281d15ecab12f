/**
 * Person index types shared by matching, blocking and the repository.
 * Everything here is plain data: the repository maps rows to these shapes.
 */

/** As recorded; `unknown` covers "not stated" and "indeterminate" — never used as evidence. */
export type Sex = 'female' | 'male' | 'unknown';

/** An identifier issued by an agency system, e.g. `{ source: 'la', value: 'LCS0012345' }`. */
export interface Identifier {
  /** agency or system, compared case-insensitively: `la`, `police`, `education`, `health`… */
  source: string;
  value: string;
}

/** The identifier source used for the local authority's child/adult ID. */
export const LA_ID_SOURCE = 'la';

/** A name the person is also known by: previous surname, alias, name before adoption… */
export interface OtherName {
  givenName?: string;
  familyName?: string;
}

/**
 * What a worker types into the search. Every field is optional; missing fields are neutral
 * evidence (they neither raise nor lower a score).
 */
export interface PersonQuery {
  /** may hold several given names ("Mary Ann") or just an initial */
  givenName?: string;
  familyName?: string;
  /** `YYYY-MM-DD` (UK `DD/MM/YYYY` is accepted and normalised) */
  dateOfBirth?: string;
  /** full postcode, or just the outward code ("DE22") or sector ("DE22 3") */
  postcode?: string;
  /** first line(s) of the address, free text */
  address?: string;
  nhsNumber?: string;
  /** the local authority's ID; same as an identifier with source `la` */
  laId?: string;
  identifiers?: Identifier[];
  sex?: Sex;
}

/** A person in the index, as the matcher sees it. */
export interface PersonRecord {
  id: string;
  /** all given names, first one first ("Mary Ann") */
  givenName: string;
  familyName: string;
  otherNames?: OtherName[];
  dateOfBirth?: string;
  sex?: Sex;
  postcode?: string;
  address?: string;
  nhsNumber?: string;
  /** includes the LA ID as `{ source: 'la', … }` */
  identifiers: Identifier[];
}

export type Band = 'strong' | 'possible' | 'weak';

export type ReasonCode =
  | 'nhs-same'
  | 'nhs-different'
  | 'identifier-same'
  | 'identifier-different'
  | 'family-exact'
  | 'family-other-name'
  | 'family-part'
  | 'family-sounds-alike'
  | 'family-similar'
  | 'family-different'
  | 'given-exact'
  | 'given-nickname'
  | 'given-short-form'
  | 'given-sounds-alike'
  | 'given-similar'
  | 'given-middle'
  | 'given-initial'
  | 'given-different'
  | 'middle-same'
  | 'middle-similar'
  | 'middle-different'
  | 'names-swapped'
  | 'dob-exact'
  | 'dob-day-month-swapped'
  | 'dob-one-day'
  | 'dob-year-one'
  | 'dob-one-digit'
  | 'dob-same-month-year'
  | 'dob-different'
  | 'postcode-exact'
  | 'postcode-one-character'
  | 'postcode-sector'
  | 'postcode-district'
  | 'postcode-different'
  | 'address-exact'
  | 'address-similar'
  | 'address-different'
  | 'sex-same'
  | 'sex-different';

/**
 * One piece of evidence. `weight` is in score points (signed): the reasons of a candidate add
 * up to its score before it is clamped to 0-100, so a worker can see what moved it.
 */
export interface Reason {
  code: ReasonCode;
  text: string;
  weight: number;
}

export interface MatchResult {
  /** 0-100 on an absolute scale: the same score means the same evidence for every query */
  score: number;
  band: Band;
  reasons: Reason[];
  /** unrounded total evidence in bits (log2 likelihood ratio); ranking uses this */
  evidenceBits: number;
}

export interface RankedCandidate extends MatchResult {
  candidate: PersonRecord;
}
