/**
 * Blocking: which persons are worth scoring for a search. Scoring every person in a hub is too
 * slow, so the repository stores a few keys per person and a search fetches only the persons
 * that share at least one *block* with the query. A block is a conjunction of two keys (one key
 * alone is either too broad — everyone called Smith — or too fragile), chosen so that any one
 * kind of error in the query, and most pairs of errors, still leave the true person in some
 * block. BLOCK_RULES says which error each rule is there to survive.
 *
 * The same rules produce the keys of a person (blockingKeys, blockKeyStrings) and the look-ups
 * of a query (queryBlocks), so the two sides cannot drift apart.
 *
 * Measured on the synthetic index (bench/synthetic, 1M persons): see ACTIVE_RULES for what each
 * inactive rule would add.
 */
import { canonicalGivenKeys, familyNamePhoneticKeys, givenNamePhoneticKeys } from './phonetic';
import {
  familyNameKey,
  normaliseDate,
  normaliseIdentifierSource,
  normaliseIdentifierValue,
  normaliseNhsNumber,
  parsePartialPostcode,
  splitGivenNames,
  swapDayMonth,
  yearMonth,
} from './normalise';
import { LA_ID_SOURCE, type Identifier, type PersonQuery, type PersonRecord } from './types';

/**
 * The keys stored for each person: the repository's indexed columns. Arrays hold several
 * values (both Double Metaphone codes, the parts of a double-barrelled name, other names the
 * person is known by); in Postgres, a `text[]` with a GIN index, or rows of a key table.
 */
export interface BlockingKeys {
  /** 4-character Double Metaphone codes of family names (current and other names) */
  familyPhonetic: string[];
  /**
   * 4-character Double Metaphone codes of given names (current and other names), middle names
   * included: people are often known by their middle name
   */
  givenPhonetic: string[];
  /** canonical formal names of first given names (Bill → william) */
  givenCanonical: string[];
  /** normalised first given name (of the current name), for trigram similarity */
  givenFirst?: string;
  /** normalised family name (of the current name, "smithjones"), for trigram similarity */
  familyKey?: string;
  /** `YYYY-MM-DD` */
  dob?: string;
  /** date of birth with day and month exchanged, when that is another real date */
  dobSwapped?: string;
  /** `YYYY-MM` */
  dobYearMonth?: string;
  /** `MM-DD`: the birthday, whatever the year */
  dobMonthDay?: string;
  /** "DE22 3AB" */
  postcode?: string;
  /** "DE22 3" */
  postcodeSector?: string;
  /** "DE22 3AB:S" — postcode and first letter of each family name */
  postcodeFamilyInitial: string[];
  /** "DE22:S" — postcode district and first letter of each family name (not looked up by default) */
  outwardFamilyInitial: string[];
  /** 10 digits, only when the check digit is valid */
  nhsNumber?: string;
  /** `source:VALUE`, normalised (the LA ID is `la:…`) */
  identifiers: string[];
}

export type BlockColumn = keyof BlockingKeys;
export type SimilarColumn = 'givenFirst' | 'familyKey';

export type BlockRuleCode =
  | 'nhs' | 'id' | 'fd' | 'gd' | 'cd' | 'fg' | 'fc' | 'fs' | 'gs' | 'fm' | 'fa' | 'fp' | 'gp' | 'pd' | 'pi'
  | 'ft' | 'gt' | 'gm' | 'ga' | 'oi';

export interface BlockRule {
  /** short code, the prefix of the stored key strings */
  code: BlockRuleCode;
  /** columns that must all be equal */
  columns: readonly BlockColumn[];
  /**
   * For a look-up, the query value that goes into a column when it is not the column's own:
   * the query's date of birth is looked up in the persons' swapped date of birth.
   */
  queryFrom?: Partial<Record<BlockColumn, BlockColumn>>;
  /**
   * A trigram condition as well: pg_trgm `similarity(column, query value) >= threshold`. Such
   * rules are not stored blocks; the repository answers them from the columns (in Postgres a
   * multicolumn GIN index with btree_gin and gin_trgm_ops serves both conditions at once).
   */
  similar?: { column: SimilarColumn; threshold: number };
  /** looked up only when the query lacks this field (when it has it, cheaper rules cover it) */
  onlyWithout?: BlockColumn;
  /**
   * Looked up with the query's given and family names exchanged as well ("SMITH John"). Names
   * the wrong way round are common, but together with a second error rare: the rules for a
   * second error (a nickname, day and month swapped, a day or a year out) are looked
   * up only the right way round, which saves a quarter of a search's look-ups (measured: no
   * loss of recall@10 over 3000 searches at 1M persons, nor over 10 000 in memory at 200k).
   */
  swapNames?: true;
  /**
   * Looked up only when the stored keys found fewer than FALLBACK_BELOW persons: the trigram
   * look-ups cost several times a search's stored keys and, on the synthetic index at 1M, add
   * the true person only when those keys found (almost) nobody.
   */
  fallback?: true;
  /**
   * How much sharing this rule's block says about being the same person. A search loads and
   * scores only the persons with the highest sum of weights over the rules whose blocks they
   * share, each rule counted once (see SCORED_CAP in the repository): a person who shares only
   * a surname sound and a birth month comes after one who shares a surname sound and the whole
   * date of birth. This orders candidates; it is not their score. Measured on the synthetic
   * index at 1M: ordering by the plain count of blocks shared loses twice as many true persons
   * to the cap.
   */
  weight: number;
  /** the error in a query that this rule is there to survive */
  catches: string;
}

/** See BlockRule.fallback. */
export const FALLBACK_BELOW = 5;

/** pg_trgm's default `similarity_threshold`, so `%` in SQL and the harness agree. */
export const TRIGRAM_THRESHOLD = 0.3;

export const BLOCK_RULES: readonly BlockRule[] = [
  { code: 'nhs', weight: 8, columns: ['nhsNumber'], catches: 'anything else wrong when the NHS number is right' },
  { code: 'id', weight: 8, columns: ['identifiers'], catches: 'anything else wrong when an agency ID (LA ID…) is right' },
  {
    code: 'fd', weight: 3, swapNames: true, columns: ['familyPhonetic', 'dob'],
    catches: 'a wrong, misspelt, missing or nickname first name; moved house',
  },
  {
    code: 'gd', weight: 3, swapNames: true, columns: ['givenPhonetic', 'dob'],
    catches: 'a wrong or badly misspelt surname (a parent\'s other surname, a new surname)',
  },
  { code: 'cd', weight: 2, columns: ['givenCanonical', 'dob'], catches: 'a nickname together with a wrong surname' },
  {
    code: 'fg', weight: 1, swapNames: true, columns: ['familyPhonetic', 'givenPhonetic'],
    catches: 'a wrong or missing date of birth (swapped day/month, a day or year out)',
  },
  { code: 'fc', weight: 1, columns: ['familyPhonetic', 'givenCanonical'], catches: 'a nickname together with a wrong or missing date of birth' },
  {
    code: 'fs', weight: 2, columns: ['familyPhonetic', 'dobSwapped'], queryFrom: { dobSwapped: 'dob' },
    catches: 'day and month of birth swapped together with a wrong first name',
  },
  {
    code: 'gs', weight: 2, columns: ['givenPhonetic', 'dobSwapped'], queryFrom: { dobSwapped: 'dob' },
    catches: 'day and month of birth swapped together with a wrong surname',
  },
  {
    code: 'fm', weight: 1, columns: ['familyPhonetic', 'dobYearMonth'],
    catches: 'a day of birth out by one or mistyped, together with a wrong first name',
  },
  {
    code: 'fa', weight: 1, columns: ['familyPhonetic', 'dobMonthDay'],
    catches: 'a year of birth out by one or mistyped, together with a wrong first name',
  },
  {
    code: 'fp', weight: 1, swapNames: true, columns: ['familyPhonetic', 'postcodeSector'],
    catches: 'a wrong first name and a wrong or missing date of birth, still living nearby',
  },
  {
    code: 'gp', weight: 1, swapNames: true, columns: ['givenPhonetic', 'postcodeSector'],
    catches: 'a wrong surname and a wrong or missing date of birth, still living nearby',
  },
  {
    code: 'pd', weight: 3, columns: ['postcodeSector', 'dob'],
    catches: 'both names wrong or misspelt (a baby registered as "Baby Smith", an alias) at a known address',
  },
  {
    code: 'pi', weight: 2, swapNames: true, columns: ['postcodeFamilyInitial'],
    catches: 'both names misspelt and the date of birth missing or wrong, at a known postcode',
  },
  {
    code: 'ft', weight: 1, swapNames: true, columns: ['familyPhonetic'], similar: { column: 'givenFirst', threshold: TRIGRAM_THRESHOLD }, onlyWithout: 'dob', fallback: true,
    catches: 'a misspelt first name when there is no date of birth to block on',
  },
  {
    code: 'gt', weight: 1, swapNames: true, columns: ['givenPhonetic'], similar: { column: 'familyKey', threshold: TRIGRAM_THRESHOLD }, onlyWithout: 'dob', fallback: true,
    catches: 'a misspelt surname when there is no date of birth to block on',
  },
  {
    code: 'gm', weight: 1, columns: ['givenPhonetic', 'dobYearMonth'],
    catches: 'a day of birth out together with a wrong surname (inactive: +0.02% recall for +13% rows)',
  },
  {
    code: 'ga', weight: 1, columns: ['givenPhonetic', 'dobMonthDay'],
    catches: 'a year of birth out together with a wrong surname (inactive: +0.04% recall for +19% rows)',
  },
  {
    code: 'oi', weight: 1, columns: ['outwardFamilyInitial'],
    catches: 'a mistyped postcode with misspelt names (inactive: a district holds thousands of persons at 1M)',
  },
];

/**
 * Rules used for searches. Leaving out `gm`, `ga` and `oi` was measured on 200k synthetic
 * persons: each adds little recall for many more rows; a DOB-only block likewise (+0.06%
 * recall for +35% rows), so it is not a rule at all.
 */
export const ACTIVE_RULES: readonly BlockRuleCode[] = [
  'nhs', 'id', 'fd', 'gd', 'cd', 'fg', 'fc', 'fs', 'gs', 'fm', 'fa', 'fp', 'gp', 'pd', 'pi', 'ft', 'gt',
];

// ---------------------------------------------------------------------------------------------

interface NameFields {
  givenName?: string;
  familyName?: string;
}

function nameKeys(names: NameFields[], withMiddle: boolean) {
  const familyPhonetic = new Set<string>();
  const givenPhonetic = new Set<string>();
  const givenCanonical = new Set<string>();
  const initials = new Set<string>();
  for (const n of names) {
    for (const k of familyNamePhoneticKeys(n.familyName)) familyPhonetic.add(k);
    for (const k of givenNamePhoneticKeys(n.givenName, withMiddle)) givenPhonetic.add(k);
    for (const k of canonicalGivenKeys(n.givenName)) givenCanonical.add(k);
    const key = familyNameKey(n.familyName);
    if (key) initials.add(key[0].toUpperCase());
  }
  return { familyPhonetic: [...familyPhonetic], givenPhonetic: [...givenPhonetic], givenCanonical: [...givenCanonical], initials: [...initials] };
}

function identifierKeys(ids: readonly Identifier[]): string[] {
  const out = new Set<string>();
  for (const id of ids) {
    const source = normaliseIdentifierSource(id.source);
    const value = normaliseIdentifierValue(id.value);
    if (source && value) out.add(`${source}:${value}`);
  }
  return [...out];
}

function keysFrom(
  names: NameFields[],
  fields: { dateOfBirth?: string; postcode?: string; nhsNumber?: string; identifiers: readonly Identifier[] },
  withMiddle: boolean,
): BlockingKeys {
  const n = nameKeys(names, withMiddle);
  const dob = normaliseDate(fields.dateOfBirth);
  const pc = parsePartialPostcode(fields.postcode);
  const keys: BlockingKeys = {
    familyPhonetic: n.familyPhonetic,
    givenPhonetic: n.givenPhonetic,
    givenCanonical: n.givenCanonical,
    postcodeFamilyInitial: pc?.postcode ? n.initials.map((i) => `${pc.postcode}:${i}`) : [],
    outwardFamilyInitial: pc ? n.initials.map((i) => `${pc.outward}:${i}`) : [],
    identifiers: identifierKeys(fields.identifiers),
  };
  // optional columns are left out rather than set to undefined, so keys compare and print cleanly
  const optional: Partial<BlockingKeys> = {
    givenFirst: splitGivenNames(names[0]?.givenName).first || undefined,
    familyKey: familyNameKey(names[0]?.familyName) || undefined,
    dob,
    dobSwapped: swapDayMonth(dob),
    dobYearMonth: yearMonth(dob),
    dobMonthDay: dob?.slice(5),
    postcode: pc?.postcode,
    postcodeSector: pc?.sector,
    nhsNumber: normaliseNhsNumber(fields.nhsNumber),
  };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) Object.assign(keys, { [k]: v });
  return keys;
}

/** The keys to store for a person (all their names count). */
export function blockingKeys(person: PersonRecord): BlockingKeys {
  return keysFrom([person, ...(person.otherNames ?? [])], person, true);
}

function values(keys: BlockingKeys, column: BlockColumn): string[] {
  const v = keys[column];
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

function product(lists: string[][]): string[][] {
  return lists.reduce<string[][]>((acc, list) => acc.flatMap((prefix) => list.map((v) => [...prefix, v])), [[]]);
}

/** The key string of one block: `fd:SM0|2012-03-04`. */
export function blockKey(rule: BlockRuleCode, vals: readonly string[]): string {
  return `${rule}:${vals.join('|')}`;
}

/**
 * All stored block keys of a person, for a key table `person_block_key(hub_id, key, person_id)`
 * with one index on (hub_id, key): the equality look-ups of a search are then one
 * `key = ANY($keys)` query. Rules with a trigram condition are not stored blocks. Changing
 * BLOCK_RULES means re-deriving the table.
 */
export function blockKeyStrings(person: PersonRecord, rules: readonly BlockRuleCode[] = ACTIVE_RULES): string[] {
  const keys = blockingKeys(person);
  const out: string[] = [];
  for (const rule of BLOCK_RULES) {
    if (!rules.includes(rule.code) || rule.similar) continue;
    for (const combo of product(rule.columns.map((c) => values(keys, c)))) out.push(blockKey(rule.code, combo));
  }
  return out;
}

/** One look-up of a search: persons whose columns equal all of `where` (and are `similar`). */
export interface BlockLookup {
  rule: BlockRuleCode;
  /** column → value, all to be equal (for array columns: the value is one of the array) */
  where: Partial<Record<BlockColumn, string>>;
  /** and pg_trgm `similarity(column, value) >= threshold` */
  similar?: { column: SimilarColumn; value: string; threshold: number };
  /**
   * The same look-up as a stored key of blockKeyStrings. Absent for trigram and broad look-ups,
   * which the repository answers from the person columns.
   */
  key?: string;
  /** true when the query's names were exchanged for this look-up (given ↔ family) */
  namesSwapped: boolean;
  /** the rule's weight (BlockRule.weight): orders the persons found before they are scored */
  weight: number;
  /** looked up only when the other look-ups found fewer than FALLBACK_BELOW persons (BlockRule.fallback) */
  fallback: boolean;
  /**
   * true for a single-column fallback when the query had too little for any block (only a
   * surname, say): can match thousands, so the repository must cap it and the page should ask
   * for more detail.
   */
  broad: boolean;
}

const NAME_COLUMNS: readonly BlockColumn[] = [
  'familyPhonetic', 'givenPhonetic', 'givenCanonical', 'givenFirst', 'familyKey', 'postcodeFamilyInitial', 'outwardFamilyInitial',
];

/** What to look up for a search; the repository ORs the look-ups together. */
export function queryBlocks(query: PersonQuery, rules: readonly BlockRuleCode[] = ACTIVE_RULES): BlockLookup[] {
  const identifiers = [...(query.identifiers ?? [])];
  if (query.laId) identifiers.push({ source: LA_ID_SOURCE, value: query.laId });
  const fields = { dateOfBirth: query.dateOfBirth, postcode: query.postcode, nhsNumber: query.nhsNumber, identifiers };
  // A query's middle names are not looked up: the person's are stored, which is what catches
  // "known by the middle name", and looking up the query's too would only widen the search.
  const straight = keysFrom([query], fields, false);
  // Given and family names are often entered the wrong way round ("SMITH John").
  const swapped = keysFrom([{ givenName: query.familyName, familyName: query.givenName }], fields, false);

  const out: BlockLookup[] = [];
  const seen = new Set<string>();
  const add = (lookup: BlockLookup) => {
    const id = JSON.stringify([lookup.rule, lookup.where, lookup.similar, lookup.broad]);
    if (seen.has(id)) return;
    seen.add(id);
    out.push(lookup);
  };

  for (const rule of BLOCK_RULES) {
    if (!rules.includes(rule.code)) continue;
    if (rule.onlyWithout && values(straight, rule.onlyWithout).length > 0) continue;
    const usesNames = rule.columns.some((c) => NAME_COLUMNS.includes(c)) || !!rule.similar;
    const variants: [BlockingKeys, boolean][] = usesNames && rule.swapNames ? [[straight, false], [swapped, true]] : [[straight, false]];
    for (const [keys, namesSwapped] of variants) {
      let similar: BlockLookup['similar'];
      if (rule.similar) {
        const value = keys[rule.similar.column];
        if (!value) continue;
        similar = { column: rule.similar.column, value, threshold: rule.similar.threshold };
      }
      const lists = rule.columns.map((c) => values(keys, rule.queryFrom?.[c] ?? c));
      for (const combo of product(lists)) {
        const where: Partial<Record<BlockColumn, string>> = {};
        rule.columns.forEach((c, i) => (where[c] = combo[i]));
        const common = { rule: rule.code, where, namesSwapped, broad: false, weight: rule.weight, fallback: rule.fallback === true };
        add(similar ? { ...common, similar } : { ...common, key: blockKey(rule.code, combo) });
      }
    }
  }

  if (out.length === 0) {
    // Too little for any block: fall back to single columns, flagged broad.
    const fallbacks: [BlockRuleCode, BlockColumn][] = [
      ['fg', 'familyPhonetic'], ['gd', 'givenPhonetic'], ['pd', 'dob'],
      straight.postcode ? ['pd', 'postcode'] : ['pd', 'postcodeSector'],
    ];
    for (const [rule, column] of fallbacks) {
      for (const v of values(straight, column)) add({ rule, where: { [column]: v }, namesSwapped: false, broad: true, weight: 1, fallback: false });
    }
  }
  return out;
}
