/**
 * Merging a duplicate person into the record that is kept (C2). Never automatic: a worker
 * chooses both records and confirms. The kept record keeps its own details; it gains what it
 * lacks from the duplicate, and the duplicate's names become "also known as" names so that a
 * search by them still finds it. Undo puts back every field the merge changed, unless that
 * field has been changed again since.
 */
import { familyNameKey, normaliseName } from '../domain/normalise';
import type { OtherName, Sex } from '../domain/types';
import type { CaseStatus } from './link-routing';

export interface MergeFields {
  givenName: string | null;
  familyName: string | null;
  otherNames: OtherName[];
  dateOfBirth: string | null;
  sex: Sex | null;
  address: string | null;
  postcode: string | null;
  nhsNumber: string | null;
  caseStatus: CaseStatus;
  allocatedWorkerId: string | null;
}

export type MergeField = keyof MergeFields;

export interface MergePlan {
  /** the kept record's fields the merge changes, as they were */
  before: Partial<MergeFields>;
  /** and as the merge sets them */
  after: Partial<MergeFields>;
  /** fields both records hold with different values: the kept record's value stays */
  differences: MergeField[];
}

const CASE_RANK: Record<CaseStatus, number> = { 'not-known': 0, known: 1, open: 2 };

const nameKey = (n: OtherName) => `${normaliseName(n.givenName)}|${familyNameKey(n.familyName)}`;

export function planMerge(kept: MergeFields, duplicate: MergeFields): MergePlan {
  const before: Partial<MergeFields> = {};
  const after: Partial<MergeFields> = {};
  const differences: MergeField[] = [];
  const set = <K extends MergeField>(field: K, value: MergeFields[K]) => {
    before[field] = kept[field];
    after[field] = value;
  };

  // the duplicate's names become other names of the kept record; a name that differs only by
  // its surname is kept as a previous surname, which the matcher reads with the first name
  const keptGiven = normaliseName(kept.givenName ?? '');
  const known = new Set([
    nameKey({ givenName: kept.givenName ?? undefined, familyName: kept.familyName ?? undefined }),
    nameKey({ familyName: kept.familyName ?? undefined }),
    ...kept.otherNames.map(nameKey),
  ]);
  const added: OtherName[] = [];
  const candidates: OtherName[] = [{ givenName: duplicate.givenName ?? undefined, familyName: duplicate.familyName ?? undefined }, ...duplicate.otherNames];
  for (const n of candidates) {
    let clean: OtherName = { ...(n.givenName ? { givenName: n.givenName } : {}), ...(n.familyName ? { familyName: n.familyName } : {}) };
    if (clean.givenName && clean.familyName && normaliseName(clean.givenName) === keptGiven) clean = { familyName: clean.familyName };
    const key = nameKey(clean);
    if ((clean.givenName || clean.familyName) && !known.has(key)) {
      known.add(key);
      added.push(clean);
    }
  }
  if (added.length > 0) set('otherNames', [...kept.otherNames, ...added]);
  if (normaliseName(kept.givenName ?? '') !== normaliseName(duplicate.givenName ?? '') && kept.givenName && duplicate.givenName) differences.push('givenName');
  if (familyNameKey(kept.familyName ?? '') !== familyNameKey(duplicate.familyName ?? '') && kept.familyName && duplicate.familyName) differences.push('familyName');

  for (const field of ['dateOfBirth', 'sex', 'nhsNumber'] as const) {
    const k = kept[field];
    const d = duplicate[field];
    if (k === null && d !== null) set(field, d);
    else if (k !== null && d !== null && k !== d) differences.push(field);
  }
  // an address and its postcode go together: a half-filled address is worse than the kept one
  if (kept.address === null && kept.postcode === null && (duplicate.address !== null || duplicate.postcode !== null)) {
    set('address', duplicate.address);
    set('postcode', duplicate.postcode);
  } else if ((duplicate.address !== null && duplicate.address !== kept.address) || (duplicate.postcode !== null && duplicate.postcode !== kept.postcode)) {
    differences.push('address');
  }

  // what children's social care knows: the more involved status wins
  if (CASE_RANK[duplicate.caseStatus] > CASE_RANK[kept.caseStatus]) {
    set('caseStatus', duplicate.caseStatus);
    set('allocatedWorkerId', duplicate.allocatedWorkerId);
  } else if (kept.caseStatus === 'open' && duplicate.caseStatus === 'open' && kept.allocatedWorkerId === null && duplicate.allocatedWorkerId !== null) {
    set('allocatedWorkerId', duplicate.allocatedWorkerId);
  } else if (duplicate.caseStatus !== kept.caseStatus || (duplicate.allocatedWorkerId !== null && duplicate.allocatedWorkerId !== kept.allocatedWorkerId)) {
    differences.push('caseStatus');
  }
  return { before, after, differences };
}

/**
 * What undo writes back: each field the merge changed returns to its value before the merge,
 * unless it has been changed again since (then the later change stands).
 */
export function planUndo(current: MergeFields, plan: Pick<MergePlan, 'before' | 'after'>): { restore: Partial<MergeFields>; kept: MergeField[] } {
  const restore: Partial<MergeFields> = {};
  const kept: MergeField[] = [];
  for (const field of Object.keys(plan.after) as MergeField[]) {
    if (field === 'otherNames') {
      // take away the names the merge added; names added since stay
      const previous = new Set((plan.before.otherNames ?? []).map(nameKey));
      const added = new Set((plan.after.otherNames ?? []).map(nameKey).filter((k) => !previous.has(k)));
      const remaining = current.otherNames.filter((n) => !added.has(nameKey(n)));
      if (remaining.length !== current.otherNames.length) restore.otherNames = remaining;
      continue;
    }
    if (sameValue(current[field], plan.after[field])) Object.assign(restore, { [field]: plan.before[field] ?? (field === 'caseStatus' ? 'not-known' : null) });
    else kept.push(field);
  }
  // an open case's worker cannot outlive the case
  const status = restore.caseStatus ?? current.caseStatus;
  const worker = 'allocatedWorkerId' in restore ? restore.allocatedWorkerId : current.allocatedWorkerId;
  if (status !== 'open' && worker !== null) restore.allocatedWorkerId = null;
  return { restore, kept };
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
