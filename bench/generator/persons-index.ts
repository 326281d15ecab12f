/**
 * The person index of the main hub: the synthetic population written into the persons
 * feature's tables (person, person_identifier, person_relationship, person_block_key), with
 * the derived columns and keys computed by the matching domain exactly as the application's
 * own writes compute them (blockingKeys, blockKeyStrings, the normalisers).
 *
 * Rows are built in worker threads (the key derivation is CPU-heavy) and written here.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../src/db/schema';
import { blockKeyStrings } from '../../src/features/persons/domain/blocking';
import { normaliseIdentifierSource, normaliseIdentifierValue, normalisePostcode } from '../../src/features/persons/domain/normalise';
import { personColumns, recordOf } from '../../src/features/persons/persons-repository';
import type { ValidPerson } from '../../src/features/persons/rules/person-validation';
import { createRng } from '../synthetic/rng';
import { insertMany, insertUnnest, tableExists } from '../lib/bench-db';
import type { IdMaker } from '../lib/ids';
import type { HubPlan } from './hubs';
import type { Population } from './population';

export const PERSONS_CHUNK = 50_000;

type Row = Record<string, unknown>;

export interface PersonRows {
  person: Row[];
  person_identifier: Row[];
  person_relationship: Row[];
  person_block_key: Row[];
}

export async function personsAvailable(db: Kysely<DB>): Promise<boolean> {
  return (await tableExists(db, 'person')) && (await tableExists(db, 'person_block_key'));
}

/**
 * Rows of persons [chunk·50 000, next chunk). A household's family links are written with the
 * chunk holding its last member, so both ends exist (foreign keys) when they are written.
 */
export function personRows(options: { seed: string; ids: IdMaker; hub: HubPlan; population: Population; chunk: number; createdAt: Date }): PersonRows {
  const { ids, hub, population, chunk, createdAt } = options;
  const first = chunk * PERSONS_CHUNK;
  const last = Math.min(population.persons.length, first + PERSONS_CHUNK);
  const rng = createRng(`${options.seed}/person-rows/${chunk}`);
  const out: PersonRows = { person: [], person_identifier: [], person_relationship: [], person_block_key: [] };
  const workers = hub.byRole('social-worker');

  for (let i = first; i < last; i++) {
    const p = population.persons[i];
    const id = population.personId(i);
    const roll = rng.next();
    const caseStatus = roll < 0.01 ? 'open' : roll < 0.06 ? 'known' : 'not-known';
    // the person as the application would hold it after validation, written by its own mapping
    const valid: ValidPerson = {
      givenName: p.givenName,
      familyName: p.familyName,
      otherNames: p.otherNames ?? [],
      dateOfBirth: p.dateOfBirth ?? null,
      sex: p.sex ?? null,
      address: p.address ?? null,
      postcode: normalisePostcode(p.postcode) ?? null,
      nhsNumber: p.nhsNumber ?? null,
      identifiers: p.identifiers.map((x) => ({ source: normaliseIdentifierSource(x.source), value: normaliseIdentifierValue(x.value) })),
      caseStatus,
      allocatedWorkerId: caseStatus === 'open' && rng.chance(0.8) ? rng.pick(workers).id : null,
    };
    out.person.push({
      ...personColumns(id, valid),
      hub_id: hub.id,
      origin: 'import',
      merged_into: null,
      merged_at: null,
      created_at: createdAt,
      created_by: null,
      updated_at: null,
      updated_by: null,
    });
    valid.identifiers.forEach((ident, k) =>
      out.person_identifier.push({
        id: ids('person_identifier', i * 4 + k),
        hub_id: hub.id,
        person_id: id,
        source: ident.source,
        value: ident.value,
        created_at: createdAt,
        created_by: null,
      }),
    );
    for (const key of new Set(blockKeyStrings(recordOf(id, valid)))) out.person_block_key.push({ hub_id: hub.id, key, person_id: id });
    const household = population.households[population.householdOf[i]];
    if (household.members[household.members.length - 1] === i) out.person_relationship.push(...householdLinks(options, household.members, createdAt));
  }
  return out;
}

/** Parents to children, siblings, partners: the links a household of the generator implies. */
function householdLinks(options: { ids: IdMaker; hub: HubPlan; population: Population }, members: number[], createdAt: Date): Row[] {
  const { ids, hub, population } = options;
  const isChild = (k: number) => {
    const dob = population.persons[k].dateOfBirth;
    return dob !== undefined && dob > '2006-12-31';
  };
  const adults = members.filter((k) => !isChild(k));
  const children = members.filter(isChild);
  const rows: Row[] = [];
  const link = (a: number, b: number, kind: string) =>
    rows.push({
      id: ids('person_relationship', a * 8 + (rows.length % 8)),
      hub_id: hub.id,
      person_id: population.personId(a),
      related_person_id: population.personId(b),
      kind,
      household: true,
      created_at: createdAt,
      created_by: null,
      ended_at: null,
      ended_by: null,
    });
  if (adults.length >= 2) link(adults[0], adults[1], 'partner');
  for (const a of adults.slice(0, 2)) for (const c of children) link(a, c, 'parent');
  for (let x = 0; x < children.length; x++) for (let y = x + 1; y < children.length; y++) link(children[x], children[y], 'sibling');
  return rows.slice(0, 8);
}

export async function insertPersonRows(tx: Transaction<DB>, rows: PersonRows): Promise<number> {
  await insertMany(tx, 'person', rows.person, 2000);
  await insertUnnest(tx, 'person_identifier', { id: 'uuid', hub_id: 'uuid', person_id: 'uuid', source: 'text', value: 'text', created_at: 'timestamptz', created_by: 'uuid' }, rows.person_identifier);
  await insertUnnest(
    tx,
    'person_relationship',
    { id: 'uuid', hub_id: 'uuid', person_id: 'uuid', related_person_id: 'uuid', kind: 'text', household: 'boolean', created_at: 'timestamptz', created_by: 'uuid', ended_at: 'timestamptz', ended_by: 'uuid' },
    rows.person_relationship,
  );
  // sorted: neighbouring keys land on the same index pages
  const keys = [...rows.person_block_key].sort((a, b) => ((a.key as string) < (b.key as string) ? -1 : (a.key as string) > (b.key as string) ? 1 : 0));
  await insertUnnest(tx, 'person_block_key', { hub_id: 'uuid', key: 'text', person_id: 'uuid' }, keys);
  return rows.person.length + rows.person_identifier.length + rows.person_relationship.length + keys.length;
}
