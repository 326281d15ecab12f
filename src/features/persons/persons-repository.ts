import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type RawBuilder, type Selectable, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { MergeMoved, PersonTable } from '../../db/schema/persons';
import { blockingKeys, blockKeyStrings, FALLBACK_BELOW, type BlockLookup } from './domain/blocking';
import type { Identifier, PersonRecord } from './domain/types';
import { addressKey } from './rules/address-key';
import type { ValidPerson } from './rules/person-validation';

/**
 * The person index's queries: one query per method, rows in, rows out. `get…` throws when
 * missing, `find…` may return undefined.
 *
 * Search (candidates): the look-ups of the matching domain's queryBlocks become ONE statement —
 * stored block keys from `person_block_key` (btree, index-only), then, only when those found
 * fewer than FALLBACK_BELOW persons, the trigram look-ups; the broad single-column fallbacks
 * from the partial indexes on `person`. The persons found are ordered by the weights of the
 * rules whose blocks they share (BlockRule.weight), and only the first SCORED_CAP are read and
 * returned: reading their rows was most of a search's cost at 1M persons. Scoring happens in
 * TypeScript (rankCandidates).
 */
export type Tx = Transaction<DB>;
export type PersonRow = Selectable<PersonTable>;

/**
 * Persons read and scored per search at most: those sharing the most (weighted) blocks. On the
 * synthetic index at 1M persons, 50 lose 0.1% of recall@10 against 500 and read a sixth as
 * many rows at the 95th percentile.
 */
export const SCORED_CAP = 50;
/** More persons than this sharing a block with a search: the page asks for more detail. */
export const CANDIDATE_CAP = 500;
/** Rows one broad (single-column) look-up may bring. */
export const BROAD_CAP = 500;

export interface CandidateRow {
  id: string;
  given_name: string | null;
  family_name: string | null;
  other_names: Array<{ givenName?: string; familyName?: string }>;
  date_of_birth: string | null;
  sex: 'female' | 'male' | 'unknown' | null;
  address: string | null;
  postcode: string | null;
  nhs_number: string | null;
  case_status: 'not-known' | 'known' | 'open';
  identifiers: Identifier[];
  hits: number;
  total: number;
}

/** The matching domain's view of a stored person. */
export function toRecord(row: Pick<PersonRow, 'id' | 'given_name' | 'family_name' | 'other_names' | 'date_of_birth' | 'sex' | 'address' | 'postcode' | 'nhs_number'>, identifiers: readonly Identifier[]): PersonRecord {
  const record: PersonRecord = { id: row.id, givenName: row.given_name ?? '', familyName: row.family_name ?? '', identifiers: [...identifiers] };
  if (row.other_names.length > 0) record.otherNames = row.other_names;
  if (row.date_of_birth) record.dateOfBirth = row.date_of_birth;
  if (row.sex) record.sex = row.sex;
  if (row.postcode) record.postcode = row.postcode;
  if (row.address) record.address = row.address;
  if (row.nhs_number) record.nhsNumber = row.nhs_number;
  return record;
}

export function recordOf(id: string, p: Pick<ValidPerson, 'givenName' | 'familyName' | 'otherNames' | 'dateOfBirth' | 'sex' | 'address' | 'postcode' | 'nhsNumber' | 'identifiers'>): PersonRecord {
  return toRecord(
    { id, given_name: p.givenName, family_name: p.familyName, other_names: p.otherNames, date_of_birth: p.dateOfBirth, sex: p.sex, address: p.address, postcode: p.postcode, nhs_number: p.nhsNumber },
    p.identifiers,
  );
}

/** The blocking columns of `person`, derived by the matching domain. */
export function blockingColumns(record: PersonRecord) {
  const keys = blockingKeys(record);
  return {
    given_first: keys.givenFirst ?? null,
    family_key: keys.familyKey ?? null,
    family_phonetic: keys.familyPhonetic,
    given_phonetic: keys.givenPhonetic,
  };
}

const ARRAY_COLUMNS = { familyPhonetic: 'family_phonetic', givenPhonetic: 'given_phonetic' } as const;
const SIMILAR_COLUMNS = { givenFirst: 'given_first', familyKey: 'family_key' } as const;

/** One non-key look-up as SQL over `person` (person_id, rule, weight), or undefined when the domain asks for a column we do not index. */
function lookupSql(hubId: string, lookup: BlockLookup) {
  const conditions = [sql`hub_id = ${hubId}`, sql`merged_into is null`];
  for (const [column, value] of Object.entries(lookup.where)) {
    if (value === undefined) continue;
    if (column === 'familyPhonetic' || column === 'givenPhonetic') conditions.push(sql`${sql.ref(ARRAY_COLUMNS[column])} @> array[${value}]::text[]`);
    else if (column === 'dob') conditions.push(sql`date_of_birth = ${value}::date`);
    else if (column === 'postcode') conditions.push(sql`postcode = ${value}`);
    // a sector ("DE22 3") is a prefix of its postcodes; its characters are letters, digits and a space
    else if (column === 'postcodeSector') conditions.push(sql`postcode like ${value.replace(/[^A-Z0-9 ]/g, '') + '%'}`);
    else return undefined;
  }
  if (lookup.similar) conditions.push(sql`${sql.ref(SIMILAR_COLUMNS[lookup.similar.column])} % ${lookup.similar.value}`);
  const where = sql.join(conditions, sql` and `);
  const tag = sql`${lookup.rule}::text as rule, ${Math.trunc(lookup.weight)}::int as weight`;
  return lookup.similar
    ? sql`(select id as person_id, ${tag} from person where ${where})`
    : sql`(select id as person_id, ${tag} from person where ${where} limit ${BROAD_CAP})`;
}

/**
 * The one statement of a search (exported for EXPLAIN in the benchmark): stored keys, then the
 * fallback look-ups when the keys found too few persons, grouped by person, ordered by the
 * weights of the rules whose blocks they share (each rule once: a name with two sounds or three
 * formal forms does not count thrice; then the number of blocks shared), the first `cap` joined
 * to their rows.
 */
export function candidateQuery(hubId: string, lookups: readonly BlockLookup[], cap = SCORED_CAP) {
  const byKey = new Map<string, BlockLookup>();
  for (const l of lookups) if (l.key) byKey.set(l.key, l);
  const keys = [...byKey.keys()];
  const direct: RawBuilder<unknown>[] = [];
  const fallback: RawBuilder<unknown>[] = [];
  for (const l of lookups) {
    const part = l.key ? undefined : lookupSql(hubId, l);
    if (part) (l.fallback ? fallback : direct).push(part);
  }
  if (keys.length === 0 && direct.length === 0 && fallback.length === 0) return undefined;

  const ctes = [];
  const parts = [];
  if (keys.length > 0) {
    // `key = any(…)` keeps the index-only scan; the weights join afterwards, on the few rows found
    ctes.push(sql`keyed as (
      select k.person_id, w.rule, w.weight from person_block_key k
      join unnest(${sql.val(keys)}::text[], ${sql.val(keys.map((k) => byKey.get(k)!.rule))}::text[], ${sql.val(keys.map((k) => Math.trunc(byKey.get(k)!.weight)))}::int[]) as w(key, rule, weight)
        on w.key = k.key
      where k.hub_id = ${hubId} and k.key = any(${sql.val(keys)}::text[]))`);
    parts.push(sql`select person_id, rule, weight from keyed`);
  }
  parts.push(...direct.map((p) => sql`select person_id, rule, weight from ${p} as d`));
  if (fallback.length > 0) {
    // an uncorrelated condition: PostgreSQL evaluates it once and skips the trigram scans when false
    const few = keys.length > 0
      ? sql`(select count(*) from (select distinct person_id from keyed limit ${FALLBACK_BELOW}) f) < ${FALLBACK_BELOW}`
      : sql`true`;
    parts.push(sql`select person_id, rule, weight from (${sql.join(fallback, sql` union all `)}) as t where ${few}`);
  }
  ctes.push(sql`hits as (${sql.join(parts, sql` union all `)})`);
  ctes.push(sql`top as (
      select person_id, sum(n)::int as hits, (count(*) over ())::int as total
      from (select person_id, max(weight) as weight, count(*) as n from hits group by person_id, rule) as r
      group by person_id
      order by sum(weight) desc, sum(n) desc, person_id
      limit ${cap})`);
  return sql<CandidateRow>`
    with ${sql.join(ctes, sql`, `)}
    select p.id, p.given_name, p.family_name, p.other_names, p.date_of_birth, p.sex, p.address, p.postcode, p.nhs_number, p.case_status,
      top.hits, top.total,
      coalesce((select json_agg(json_build_object('source', i.source, 'value', i.value) order by i.source, i.value) from person_identifier i where i.person_id = p.id), '[]'::json) as identifiers
    from top join person p on p.id = top.person_id
    where p.hub_id = ${hubId} and p.merged_into is null`;
}

export const personsRepository = {
  async findHub(tx: Tx, hubId: string) {
    return tx.selectFrom('hub').select(['id', 'settings']).where('id', '=', hubId).executeTakeFirst();
  },

  // ------------------------------------------------------------------------------------------
  // Search

  /**
   * Candidates for the look-ups of one search: stored keys, trigram and broad look-ups in one
   * statement, the persons sharing the most (weighted) blocks first, at most `cap`, with their
   * identifiers. `total` on every row counts all the persons found.
   */
  async searchCandidates(tx: Tx, hubId: string, lookups: readonly BlockLookup[], cap = SCORED_CAP): Promise<CandidateRow[]> {
    const query = candidateQuery(hubId, lookups, cap);
    if (!query) return [];
    const thresholds = [...new Set(lookups.flatMap((l) => (l.similar ? [l.similar.threshold] : [])))];
    // `%` uses pg_trgm's threshold setting: 0.3 unless the domain asks otherwise (for this transaction only)
    if (thresholds.length > 0 && thresholds[0] !== 0.3) await sql`select set_config('pg_trgm.similarity_threshold', ${String(Math.min(...thresholds))}, true)`.execute(tx);
    return (await query.execute(tx)).rows;
  },

  /** Which sources issued an ID typed without its source ("any agency ID"). */
  async sourcesOfValues(tx: Tx, hubId: string, values: readonly string[]): Promise<Identifier[]> {
    if (values.length === 0) return [];
    return tx.selectFrom('person_identifier').select(['source', 'value']).distinct().where('hub_id', '=', hubId).where('value', 'in', values).limit(50).execute();
  },

  // ------------------------------------------------------------------------------------------
  // Persons

  async findPerson(tx: Tx, id: string): Promise<PersonRow | undefined> {
    return tx.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** the row locked for a change (merges lock both records, in id order) */
  async findPersonForUpdate(tx: Tx, id: string): Promise<PersonRow | undefined> {
    return tx.selectFrom('person').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  async listIdentifiers(tx: Tx, personIds: readonly string[]) {
    if (personIds.length === 0) return [];
    return tx.selectFrom('person_identifier').select(['id', 'person_id', 'source', 'value']).where('person_id', 'in', personIds).orderBy('source').orderBy('value').execute();
  },

  async findIdentifierOwners(tx: Tx, hubId: string, identifiers: readonly Identifier[]) {
    if (identifiers.length === 0) return [];
    const rows = await sql<{ person_id: string; source: string; value: string }>`
      select i.person_id, i.source, i.value from person_identifier i
      join unnest(${sql.val(identifiers.map((x) => x.source))}::text[], ${sql.val(identifiers.map((x) => x.value))}::text[]) as t(source, value)
        on i.source = t.source and i.value = t.value
      where i.hub_id = ${hubId}`.execute(tx);
    return rows.rows;
  },

  /** live persons holding any of these NHS numbers */
  async findNhsOwners(tx: Tx, hubId: string, nhsNumbers: readonly string[]) {
    if (nhsNumbers.length === 0) return [];
    return tx.selectFrom('person').select(['id', 'nhs_number']).where('hub_id', '=', hubId).where('nhs_number', 'in', nhsNumbers).where('merged_into', 'is', null).execute();
  },

  /** New persons with their identifiers and block keys, in as few statements as the size allows. */
  async insertPersons(
    tx: Tx,
    hubId: string,
    persons: ReadonlyArray<{ id: string; person: ValidPerson; origin: 'front-door' | 'import' }>,
    by: string | null,
    now: Date,
  ): Promise<void> {
    if (persons.length === 0) return;
    // ~25 columns a row: 1000 rows keep well inside PostgreSQL's 65 535 parameters
    for (let i = 0; i < persons.length; i += 1000) {
      const chunk = persons.slice(i, i + 1000);
      await tx
        .insertInto('person')
        .values(chunk.map(({ id, person: p, origin }) => ({ ...personColumns(id, p), hub_id: hubId, origin, created_at: now, created_by: by })))
        .execute();
    }
    const ids = persons.flatMap(({ id, person }) => person.identifiers.map((x) => ({ personId: id, ...x })));
    if (ids.length > 0) {
      await sql`
        insert into person_identifier (id, hub_id, person_id, source, value, created_at, created_by)
        select gen_random_uuid(), ${hubId}, t.person_id, t.source, t.value, ${now}, ${by}
        from unnest(${sql.val(ids.map((x) => x.personId))}::uuid[], ${sql.val(ids.map((x) => x.source))}::text[], ${sql.val(ids.map((x) => x.value))}::text[]) as t(person_id, source, value)`.execute(tx);
    }
    const keys: string[] = [];
    const owners: string[] = [];
    for (const { id, person } of persons) {
      for (const key of blockKeyStrings(recordOf(id, person))) {
        keys.push(key);
        owners.push(id);
      }
    }
    await this.insertBlockKeys(tx, hubId, keys, owners);
  },

  async insertBlockKeys(tx: Tx, hubId: string, keys: readonly string[], personIds: readonly string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 20_000) {
      await sql`
        insert into person_block_key (hub_id, key, person_id)
        select ${hubId}, t.key, t.person_id from unnest(${sql.val(keys.slice(i, i + 20_000))}::text[], ${sql.val(personIds.slice(i, i + 20_000))}::uuid[]) as t(key, person_id)
        on conflict do nothing`.execute(tx);
    }
  },

  /** Replace a person's keys: those of the record as it was (computed, not stored) by those of the record as it is. */
  async replaceBlockKeys(tx: Tx, hubId: string, personId: string, before: PersonRecord | undefined, after: PersonRecord | undefined): Promise<void> {
    const old = new Set(before ? blockKeyStrings(before) : []);
    const next = new Set(after ? blockKeyStrings(after) : []);
    const removed = [...old].filter((k) => !next.has(k));
    const added = [...next].filter((k) => !old.has(k));
    if (removed.length > 0) {
      await tx.deleteFrom('person_block_key').where('hub_id', '=', hubId).where('key', 'in', removed).where('person_id', '=', personId).execute();
    }
    await this.insertBlockKeys(tx, hubId, added, added.map(() => personId));
  },

  async updatePerson(tx: Tx, id: string, expectedVersion: number, values: Partial<ReturnType<typeof personColumns>> & { updated_at: Date; updated_by: string | null }) {
    return tx
      .updateTable('person')
      .set({ ...values, version: sql`version + 1` })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .returningAll()
      .executeTakeFirst();
  },

  async setMergedInto(tx: Tx, id: string, mergedInto: string | null, at: Date, by: string) {
    await tx.updateTable('person').set({ merged_into: mergedInto, merged_at: mergedInto ? at : null, version: sql`version + 1`, updated_at: at, updated_by: by }).where('id', '=', id).execute();
  },

  async replaceIdentifiers(tx: Tx, hubId: string, personId: string, identifiers: readonly Identifier[], by: string, now: Date) {
    const current = await this.listIdentifiers(tx, [personId]);
    const wanted = new Set(identifiers.map((x) => `${x.source}:${x.value}`));
    const gone = current.filter((c) => !wanted.has(`${c.source}:${c.value}`)).map((c) => c.id);
    if (gone.length > 0) await tx.deleteFrom('person_identifier').where('id', 'in', gone).execute();
    const have = new Set(current.map((c) => `${c.source}:${c.value}`));
    const added = identifiers.filter((x) => !have.has(`${x.source}:${x.value}`));
    if (added.length > 0) {
      await tx
        .insertInto('person_identifier')
        .values(added.map((x) => ({ id: randomUUID(), hub_id: hubId, person_id: personId, source: x.source, value: x.value, created_at: now, created_by: by })))
        .execute();
    }
  },

  // ------------------------------------------------------------------------------------------
  // The person page

  async findUserNames(tx: Tx, ids: readonly string[]) {
    if (ids.length === 0) return [];
    return tx.selectFrom('app_user').select(['id', 'display_name']).where('id', 'in', ids).execute();
  },

  async findUser(tx: Tx, id: string) {
    return tx.selectFrom('app_user').select(['id', 'hub_id', 'agency_id', 'role', 'active', 'display_name']).where('id', '=', id).executeTakeFirst();
  },

  async listWorkers(tx: Tx, hubId: string, roles: readonly string[]) {
    return tx.selectFrom('app_user').select(['id', 'display_name', 'role']).where('hub_id', '=', hubId).where('active', '=', true).where('role', 'in', roles).orderBy('display_name').execute();
  },

  async findAgencyType(tx: Tx, agencyId: string) {
    return tx.selectFrom('agency').select(['id', 'hub_id', 'type']).where('id', '=', agencyId).executeTakeFirst();
  },

  async findChildrensSocialCare(tx: Tx, hubId: string) {
    return tx.selectFrom('agency').select(['id']).where('hub_id', '=', hubId).where('type', '=', 'childrens-social-care').where('active', '=', true).orderBy('created_at').limit(1).executeTakeFirst();
  },

  /** standing links of a person, either way round, with the other person's summary */
  async listRelationships(tx: Tx, personId: string) {
    const result = await sql<{
      id: string; person_id: string; related_person_id: string; kind: string; household: boolean; created_at: Date;
      other_id: string; given_name: string | null; family_name: string | null; date_of_birth: string | null; sex: string | null; case_status: string;
    }>`
      select r.id, r.person_id, r.related_person_id, r.kind, r.household, r.created_at,
        o.id as other_id, o.given_name, o.family_name, o.date_of_birth, o.sex, o.case_status
      from person_relationship r
      join person o on o.id = case when r.person_id = ${personId} then r.related_person_id else r.person_id end
      where (r.person_id = ${personId} or r.related_person_id = ${personId}) and r.ended_at is null
      order by o.date_of_birth nulls last, o.family_name, o.given_name`.execute(tx);
    return result.rows;
  },

  /** everyone linked through household links (not only directly), a few steps at most */
  async listHousehold(tx: Tx, hubId: string, personId: string) {
    const result = await sql<{ id: string; given_name: string | null; family_name: string | null; date_of_birth: string | null; sex: string | null; case_status: string }>`
      with recursive household(id, depth) as (
        select ${personId}::uuid, 0
        union
        select case when r.person_id = h.id then r.related_person_id else r.person_id end, h.depth + 1
        from household h join person_relationship r on (r.person_id = h.id or r.related_person_id = h.id)
        where r.hub_id = ${hubId} and r.ended_at is null and r.household and h.depth < 4
      )
      select p.id, p.given_name, p.family_name, p.date_of_birth, p.sex, p.case_status
      from person p
      where p.id in (select id from household) and p.id <> ${personId} and p.merged_into is null
      order by p.date_of_birth nulls last, p.family_name, p.given_name
      limit 50`.execute(tx);
    return result.rows;
  },

  /** others recorded at the same address and postcode: not confirmed as a household */
  async listSameAddress(tx: Tx, hubId: string, postcode: string, addressKey: string, exclude: readonly string[]) {
    let q = tx
      .selectFrom('person')
      .select(['id', 'given_name', 'family_name', 'date_of_birth', 'sex', 'case_status'])
      .where('hub_id', '=', hubId)
      .where('postcode', '=', postcode)
      .where('address_key', '=', addressKey)
      .where('merged_into', 'is', null);
    if (exclude.length > 0) q = q.where('id', 'not in', exclude);
    return q.orderBy('date_of_birth').limit(20).execute();
  },

  /** the contacts this person was linked on, newest first */
  async listContactsOf(tx: Tx, hubId: string, personId: string) {
    return tx
      .selectFrom('contact_subject as s')
      .innerJoin('contact as c', 'c.id', 's.contact_id')
      .select(['s.id as subject_id', 's.role', 's.linked_at', 'c.id as contact_id', 'c.reference', 'c.received_at', 'c.status', 'c.concern_categories'])
      .where('s.hub_id', '=', hubId)
      .where('s.person_id', '=', personId)
      .orderBy('c.received_at', 'desc')
      .limit(200)
      .execute();
  },

  /** persons linked on the same contacts as this one: the quick choices for a family link */
  async listCoSubjects(tx: Tx, hubId: string, personId: string) {
    return tx
      .selectFrom('contact_subject as mine')
      .innerJoin('contact_subject as other', 'other.contact_id', 'mine.contact_id')
      .innerJoin('person as p', 'p.id', 'other.person_id')
      .select(['p.id', 'p.given_name', 'p.family_name', 'p.date_of_birth', 'p.sex', 'p.case_status'])
      .distinct()
      .where('mine.hub_id', '=', hubId)
      .where('mine.person_id', '=', personId)
      .where('other.person_id', '!=', personId)
      .where('p.merged_into', 'is', null)
      .limit(30)
      .execute();
  },

  async findRelationshipBetween(tx: Tx, a: string, b: string) {
    return tx
      .selectFrom('person_relationship')
      .select(['id'])
      .where('ended_at', 'is', null)
      .where((eb) => eb.or([eb.and([eb('person_id', '=', a), eb('related_person_id', '=', b)]), eb.and([eb('person_id', '=', b), eb('related_person_id', '=', a)])]))
      .executeTakeFirst();
  },

  async findRelationship(tx: Tx, id: string) {
    return tx.selectFrom('person_relationship').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async insertRelationship(tx: Tx, row: { id: string; hub_id: string; person_id: string; related_person_id: string; kind: string; household: boolean; created_at: Date; created_by: string }) {
    await tx.insertInto('person_relationship').values(row).execute();
  },

  async endRelationship(tx: Tx, id: string, at: Date, by: string) {
    return tx.updateTable('person_relationship').set({ ended_at: at, ended_by: by, version: sql`version + 1` }).where('id', '=', id).where('ended_at', 'is', null).returning('id').executeTakeFirst();
  },

  // ------------------------------------------------------------------------------------------
  // Linking a contact subject

  async findSubject(tx: Tx, subjectId: string) {
    return tx
      .selectFrom('contact_subject as s')
      .innerJoin('contact as c', 'c.id', 's.contact_id')
      .select([
        's.id', 's.hub_id', 's.contact_id', 's.role', 's.given_name', 's.family_name', 's.date_of_birth', 's.sex', 's.address', 's.postcode', 's.nhs_number', 's.person_id', 's.linked_at',
        'c.reference', 'c.concern_categories', 'c.received_at', 'c.status as contact_status',
      ])
      .where('s.id', '=', subjectId)
      .executeTakeFirst();
  },

  /** link when still unlinked; undefined when someone else linked it first */
  async linkSubject(tx: Tx, subjectId: string, personId: string, by: string, at: Date) {
    return tx.updateTable('contact_subject').set({ person_id: personId, linked_at: at, linked_by: by }).where('id', '=', subjectId).where('person_id', 'is', null).returning('id').executeTakeFirst();
  },

  /** a clock the contacts feature may already have started at intake: never two of a type */
  async insertClockIfAbsent(tx: Tx, row: { id: string; hub_id: string; contact_id: string; type: string; rule: string; started_at: Date; due_at: Date }) {
    return tx
      .insertInto('contact_clock')
      .values({ ...row, status: 'running', met_at: null, paused_at: null, pause_reason: null, stopped_at: null, stopped_reason: null })
      .onConflict((oc) => oc.columns(['contact_id', 'type']).doNothing())
      .returning('id')
      .executeTakeFirst();
  },

  // ------------------------------------------------------------------------------------------
  // Merges

  async listSubjectIdsOf(tx: Tx, personId: string) {
    return (await tx.selectFrom('contact_subject').select('id').where('person_id', '=', personId).execute()).map((r) => r.id);
  },

  async moveSubjects(tx: Tx, ids: readonly string[], from: string, to: string) {
    if (ids.length === 0) return;
    await tx.updateTable('contact_subject').set({ person_id: to }).where('id', 'in', ids).where('person_id', '=', from).execute();
  },

  async moveIdentifiers(tx: Tx, ids: readonly string[], from: string, to: string) {
    if (ids.length === 0) return;
    await tx.updateTable('person_identifier').set({ person_id: to }).where('id', 'in', ids).where('person_id', '=', from).execute();
  },

  async listStandingRelationships(tx: Tx, personId: string) {
    return tx
      .selectFrom('person_relationship')
      .select(['id', 'person_id', 'related_person_id'])
      .where('ended_at', 'is', null)
      .where((eb) => eb.or([eb('person_id', '=', personId), eb('related_person_id', '=', personId)]))
      .execute();
  },

  /** repoint one end of a link from one person to another */
  async repointRelationship(tx: Tx, id: string, from: string, to: string) {
    await sql`
      update person_relationship set
        person_id = case when person_id = ${from} then ${to}::uuid else person_id end,
        related_person_id = case when related_person_id = ${from} then ${to}::uuid else related_person_id end,
        version = version + 1
      where id = ${id}`.execute(tx);
  },

  async reopenRelationships(tx: Tx, ids: readonly string[]) {
    if (ids.length === 0) return;
    await tx.updateTable('person_relationship').set({ ended_at: null, ended_by: null, version: sql`version + 1` }).where('id', 'in', ids).execute();
  },

  async insertMerge(tx: Tx, row: { id: string; hub_id: string; survivor_id: string; duplicate_id: string; merged_at: Date; merged_by: string; survivor_before: Record<string, unknown>; survivor_after: Record<string, unknown>; moved: MergeMoved }) {
    await tx
      .insertInto('person_merge')
      .values({ ...row, survivor_before: JSON.stringify(row.survivor_before), survivor_after: JSON.stringify(row.survivor_after), moved: JSON.stringify(row.moved), undone_at: null, undone_by: null })
      .execute();
  },

  async findMerge(tx: Tx, id: string) {
    return tx.selectFrom('person_merge').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  async markMergeUndone(tx: Tx, id: string, at: Date, by: string) {
    return tx.updateTable('person_merge').set({ undone_at: at, undone_by: by }).where('id', '=', id).where('undone_at', 'is', null).returning('id').executeTakeFirst();
  },

  /** merges into or out of a person, newest first, with who did them and the other record's name */
  async listMerges(tx: Tx, personId: string) {
    return tx
      .selectFrom('person_merge as m')
      .innerJoin('app_user as u', 'u.id', 'm.merged_by')
      .leftJoin('app_user as undoer', 'undoer.id', 'm.undone_by')
      .innerJoin('person as s', 's.id', 'm.survivor_id')
      .innerJoin('person as d', 'd.id', 'm.duplicate_id')
      .select([
        'm.id', 'm.survivor_id', 'm.duplicate_id', 'm.merged_at', 'm.undone_at', 'u.display_name as merged_by_name', 'undoer.display_name as undone_by_name',
        's.given_name as survivor_given_name', 's.family_name as survivor_family_name', 's.merged_into as survivor_merged_into',
        'd.given_name as duplicate_given_name', 'd.family_name as duplicate_family_name',
      ])
      .where((eb) => eb.or([eb('m.survivor_id', '=', personId), eb('m.duplicate_id', '=', personId)]))
      .orderBy('m.merged_at', 'desc')
      .limit(50)
      .execute();
  },

  /** the latest standing merge into this person after the given one: undo must go newest first */
  async findLaterMergeInto(tx: Tx, survivorId: string, after: Date, exceptId: string) {
    return tx
      .selectFrom('person_merge')
      .select('id')
      .where('survivor_id', '=', survivorId)
      .where('undone_at', 'is', null)
      .where('merged_at', '>', after)
      .where('id', '!=', exceptId)
      .executeTakeFirst();
  },

  // ------------------------------------------------------------------------------------------
  // Maintenance

  /** Re-derive every block key and blocking column of a hub (after BLOCK_RULES change). Returns persons done. */
  async rebuildBlockKeys(db: Kysely<DB>, hubId: string, onProgress?: (done: number) => void): Promise<number> {
    await db.deleteFrom('person_block_key').where('hub_id', '=', hubId).execute();
    let after = '00000000-0000-0000-0000-000000000000';
    let done = 0;
    for (;;) {
      const rows = await db.selectFrom('person').selectAll().where('hub_id', '=', hubId).where('merged_into', 'is', null).where('id', '>', after).orderBy('id').limit(2000).execute();
      if (rows.length === 0) break;
      const ids = await db.selectFrom('person_identifier').select(['person_id', 'source', 'value']).where('person_id', 'in', rows.map((r) => r.id)).execute();
      const byPerson = new Map<string, Identifier[]>();
      for (const i of ids) byPerson.set(i.person_id, [...(byPerson.get(i.person_id) ?? []), { source: i.source, value: i.value }]);
      await db.transaction().execute(async (tx) => {
        const keys: string[] = [];
        const owners: string[] = [];
        const columns = rows.map((row) => {
          const record = toRecord(row, byPerson.get(row.id) ?? []);
          for (const k of blockKeyStrings(record)) {
            keys.push(k);
            owners.push(row.id);
          }
          return { id: row.id, ...blockingColumns(record) };
        });
        await sql`
          update person p set given_first = t.given_first, family_key = t.family_key, family_phonetic = t.family_phonetic, given_phonetic = t.given_phonetic
          from jsonb_to_recordset(${JSON.stringify(columns)}::jsonb) as t(id uuid, given_first text, family_key text, family_phonetic text[], given_phonetic text[])
          where p.id = t.id`.execute(tx);
        await personsRepository.insertBlockKeys(tx, hubId, keys, owners);
      });
      done += rows.length;
      after = rows[rows.length - 1].id;
      onProgress?.(done);
    }
    return done;
  },
};

/** The stored columns of a person, blocking columns included. */
export function personColumns(id: string, p: ValidPerson) {
  return {
    id,
    given_name: p.givenName,
    family_name: p.familyName,
    other_names: JSON.stringify(p.otherNames),
    date_of_birth: p.dateOfBirth,
    sex: p.sex,
    address: p.address,
    postcode: p.postcode,
    address_key: addressKey(p.address),
    nhs_number: p.nhsNumber,
    case_status: p.caseStatus,
    allocated_worker_id: p.allocatedWorkerId,
    ...blockingColumns(recordOf(id, p)),
  };
}
