/**
 * What the person index's service returns: plain data for pages, the API and the CLI.
 */
import type { Band, Identifier, OtherName, Reason, Sex } from './domain/types';
import type { PersonRow } from './persons-repository';
import type { CaseStatus, RoutingOutcome } from './rules/link-routing';
import type { MergeField } from './rules/merge-plan';
import type { RelationshipKind } from './rules/relationships';

export interface PersonSummary {
  id: string;
  givenName: string | null;
  familyName: string | null;
  otherNames: OtherName[];
  /** YYYY-MM-DD */
  dateOfBirth: string | null;
  sex: Sex | null;
  address: string | null;
  postcode: string | null;
  nhsNumber: string | null;
  identifiers: Identifier[];
  caseStatus: CaseStatus;
}

export interface Candidate {
  person: PersonSummary;
  /** 0-100 on an absolute scale: the same score means the same evidence for every search */
  score: number;
  band: Band;
  /** the evidence, in words, with its weight in score points */
  reasons: Reason[];
}

export interface SearchResult {
  candidates: Candidate[];
  /** persons that shared a block with the search (scored: the SCORED_CAP sharing the weightiest blocks) */
  candidateCount: number;
  /** a great many persons (over CANDIDATE_CAP) shared a block: add detail to narrow the search */
  capped: boolean;
  /** the search had too little for a block and fell back to single fields */
  broad: boolean;
  thresholds: { strong: number; possible: number };
}

export interface PersonBrief {
  id: string;
  givenName: string | null;
  familyName: string | null;
  dateOfBirth: string | null;
  sex: string | null;
  caseStatus: string;
  /** whole years on the day asked; null when the date of birth is not known */
  age: number | null;
}

export interface RelationshipView {
  id: string;
  kind: RelationshipKind;
  /** what the other person is to this one: "child", "parent", "sibling" … */
  words: string;
  household: boolean;
  other: PersonBrief;
}

export interface ContactOnFile {
  contactId: string;
  subjectId: string;
  reference: string;
  receivedAt: Date;
  status: string;
  /** the person's role in the contact */
  role: string;
  linkedAt: Date | null;
  concernCategories: string[];
}

export interface MergeView {
  id: string;
  keptId: string;
  keptName: string;
  duplicateId: string;
  duplicateName: string;
  mergedAt: Date;
  mergedBy: string;
  undoneAt: Date | null;
  undoneBy: string | null;
  /** still standing and undoable now */
  canUndo: boolean;
}

export interface PersonView extends PersonSummary {
  version: number;
  /** whole years today; null when the date of birth is not known */
  age: number | null;
  origin: 'front-door' | 'import';
  allocatedWorker: { id: string; name: string } | null;
  /** the record this one was merged into; null for a live record */
  mergedInto: string | null;
  createdAt: Date;
  relationships: RelationshipView[];
  /** Think Family: everyone linked to the person through household links */
  household: { children: PersonBrief[]; adults: PersonBrief[]; ageNotKnown: PersonBrief[] };
  /** others recorded at the same address, not linked as household */
  sameAddress: PersonBrief[];
  contacts: ContactOnFile[];
  merges: MergeView[];
}

export interface LinkResult {
  personId: string;
  /** the person was created from the details given */
  created: boolean;
  outcome: RoutingOutcome;
  /** what happened, for the worker who linked */
  text: string;
  /** alerts raised (to the allocated worker and team managers) */
  alerts: number;
  /** the allegation went to the LADO: its clock started here (false when intake had started it) */
  ladoClockStarted: boolean;
  lado: boolean;
}

export interface SubjectAsRecorded {
  id: string;
  role: string;
  givenName: string | null;
  familyName: string | null;
  dateOfBirth: string | null;
  sex: string | null;
  address: string | null;
  postcode: string | null;
  nhsNumber: string | null;
  personId: string | null;
}

export interface LinkPage {
  contact: { id: string; reference: string; ladoInvolved: boolean };
  subject: SubjectAsRecorded;
  /** the search as pre-filled from the subject (values a search accepts) */
  prefill: LinkSearchValues;
  result: SearchResult | null;
}

/** The search and new-person form of the link page: strings as typed. */
export interface LinkSearchValues {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sex: string;
  address: string;
  postcode: string;
  nhsNumber: string;
  laId: string;
}

export interface MergePreview {
  kept: PersonView;
  duplicate: PersonView;
  /** how well the duplicate matches the kept record */
  match: { score: number; band: Band; reasons: Reason[] };
  /** fields both hold with different values: the kept record's stay */
  differences: MergeField[];
  /** what moves to the kept record */
  moves: { contacts: number; identifiers: number; relationships: number };
}

export interface ImportReport {
  rows: number;
  imported: number;
  rejected: Array<{ line: number; reasons: string[] }>;
  ignoredColumns: string[];
}

export function summaryOf(row: PersonRow, identifiers: Identifier[]): PersonSummary {
  return {
    id: row.id,
    givenName: row.given_name,
    familyName: row.family_name,
    otherNames: row.other_names,
    dateOfBirth: row.date_of_birth,
    sex: row.sex,
    address: row.address,
    postcode: row.postcode,
    nhsNumber: row.nhs_number,
    identifiers,
    caseStatus: row.case_status,
  };
}

/** Whole years from a date of birth to a day (both YYYY-MM-DD). */
export function ageOn(dateOfBirth: string | null, today: string): number | null {
  if (!dateOfBirth) return null;
  const [y, m, d] = dateOfBirth.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  let age = ty - y;
  if (tm < m || (tm === m && td < d)) age--;
  return age < 0 ? 0 : age;
}

export function briefOf(row: { id: string; given_name: string | null; family_name: string | null; date_of_birth: string | null; sex: string | null; case_status: string }, today: string): PersonBrief {
  return { id: row.id, givenName: row.given_name, familyName: row.family_name, dateOfBirth: row.date_of_birth, sex: row.sex, caseStatus: row.case_status, age: ageOn(row.date_of_birth, today) };
}

export const displayName = (p: { givenName?: string | null; familyName?: string | null; given_name?: string | null; family_name?: string | null }): string =>
  [p.givenName ?? p.given_name, p.familyName ?? p.family_name].filter(Boolean).join(' ') || 'Name not known';
