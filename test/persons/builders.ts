import { randomUUID } from 'node:crypto';
import { generatePersons, REFERENCE_DATE, type SyntheticPerson } from '../../bench/synthetic/persons';
import { personsRepository } from '../../src/features/persons/persons-repository';
import type { PersonInput } from '../../src/features/persons/rules/person-validation';
import { validatePerson, type ValidPerson } from '../../src/features/persons/rules/person-validation';
import type { TestContext } from '../harness';

/** Synthetic persons: every name, number and postcode here is invented (NHS numbers from the 999 test range). */
export function personInput(over: Partial<PersonInput> = {}): PersonInput {
  return {
    givenName: 'Alex',
    familyName: 'Testchild',
    dateOfBirth: '2016-04-01',
    sex: 'female',
    address: '1 Synthetic Road',
    postcode: 'DE22 3AB',
    ...over,
  };
}

/** NHS numbers in the 999 range the NHS reserves for testing, with valid check digits. */
export function testNhsNumber(serial: number): string {
  for (let s = serial; ; s++) {
    const nine = `999${String(s % 1_000_000).padStart(6, '0')}`;
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    return `${nine}${check === 11 ? 0 : check}`;
  }
}

export function validOf(p: PersonInput): ValidPerson {
  const { value, errors } = validatePerson(p, { today: '2026-11-23' });
  if (!value) throw new Error(`not a valid person: ${errors.map((e) => e.field).join(', ')}`);
  return value;
}

/**
 * Load `count` synthetic persons straight into the index (as an import would), returning the
 * database id of each synthetic id: searches are then scored against known truth.
 */
export async function loadSynthetic(t: TestContext, seed: string, count: number, hubId = t.hub.hubId): Promise<{ idOf: Map<string, string>; persons: SyntheticPerson[] }> {
  const idOf = new Map<string, string>();
  const persons: SyntheticPerson[] = [];
  const rows: Array<{ id: string; person: ValidPerson; origin: 'import' }> = [];
  for (const p of generatePersons(seed, count)) {
    const { value } = validatePerson(
      { givenName: p.givenName, familyName: p.familyName, otherNames: p.otherNames, dateOfBirth: p.dateOfBirth, sex: p.sex, address: p.address, postcode: p.postcode, nhsNumber: p.nhsNumber, identifiers: p.identifiers },
      { today: REFERENCE_DATE },
    );
    if (!value) continue;
    const id = randomUUID();
    idOf.set(p.id, id);
    persons.push(p);
    rows.push({ id, person: value, origin: 'import' });
  }
  await t.database.db.transaction().execute((tx) => personsRepository.insertPersons(tx, hubId, rows, null, new Date()));
  return { idOf, persons };
}

export async function auditOf(t: TestContext, filter: { action?: string; recordId?: string }) {
  let q = t.database.db.selectFrom('audit_event').selectAll().orderBy('id');
  if (filter.action) q = q.where('action', '=', filter.action);
  if (filter.recordId) q = q.where('record_id', '=', filter.recordId);
  return q.execute();
}

export const CSV_HEADER = 'given_name,family_name,date_of_birth,postcode,address,sex,nhs_number,external_id,source';
