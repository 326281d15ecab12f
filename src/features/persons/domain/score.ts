/**
 * Scoring a candidate person against a search: explainable evidence, an absolute scale.
 *
 * Fellegi-Sunter: each field is compared at a *level* (same, sounds alike, one day apart,
 * different…). For every level we state m = P(level | same person) and u = P(level | two
 * different persons in a hub of about a million); the level is worth log2(m/u) bits of
 * evidence — positive when it is more likely between records of one person, negative when
 * more likely between different people. A field missing on either side is neutral (0 bits).
 * One dependence between fields is modelled: within a household (see DOB_EXACT_IN_HOUSEHOLD).
 *
 * The bits add up and are mapped linearly to 0-100, REFERENCE_BITS (36 bits) being 100 points.
 * The map does not depend on the query, so a score means the same evidence for every search:
 * 80 ("strong") needs about 29 bits — name and date of birth, or NHS number and a name — while
 * a name alone (at most about 23 bits, middle name and sex included) can never reach it.
 *
 * The score ranks candidates for a worker to decide; nothing is ever merged or linked on a
 * score alone.
 */
import { isKnownNickname } from './nicknames';
import {
  familyNameKey,
  nameTokens,
  normaliseAddress,
  normaliseDate,
  normaliseIdentifierSource,
  normaliseIdentifierValue,
  normaliseNhsNumber,
  parseIsoDate,
  parsePartialPostcode,
  parsePostcode,
  splitGivenNames,
  swapDayMonth,
  daysBetween,
  type GivenNames,
  type PartialPostcode,
  type Postcode,
} from './normalise';
import { soundsAlike } from './phonetic';
import { damerauLevenshtein, jaroWinkler, trigrams, trigramSimilarity } from './similarity';
import {
  LA_ID_SOURCE,
  type Band,
  type Identifier,
  type MatchResult,
  type PersonQuery,
  type PersonRecord,
  type RankedCandidate,
  type Reason,
  type ReasonCode,
  type Sex,
} from './types';

/** Bits of evidence worth 100 points. */
export const REFERENCE_BITS = 36;

/** Score thresholds of the bands; the same for every query. */
export const THRESHOLDS = { strong: 80, possible: 55 } as const;

interface Level {
  /** P(level | same person) */
  m: number;
  /** P(level | different persons) */
  u: number;
}

/*
 * m and u are judgement informed by the synthetic benchmark, not fitted to live data; tune
 * them here (the benchmark in bench/synthetic tells whether recall and precision held).
 * u for exact agreement is the chance two random people share the value: a surname ≈ 1 in
 * 1 000, a first name ≈ 1 in 170, a date of birth ≈ 1 in 25 000. The postcode's u is raised
 * well above 1 in 30 000 because households share postcodes and surnames (the fields are not
 * independent, so the model would otherwise count the same evidence twice).
 */
const LEVELS: Record<ReasonCode, Level> = {
  'nhs-same': { m: 0.98, u: 1e-7 },
  'nhs-different': { m: 0.02, u: 1 },
  'identifier-same': { m: 0.98, u: 1e-7 },
  'identifier-different': { m: 0.05, u: 1 },

  'family-exact': { m: 0.85, u: 0.001 },
  'family-other-name': { m: 0.6, u: 0.001 },
  'family-part': { m: 0.02, u: 0.0005 },
  'family-sounds-alike': { m: 0.04, u: 0.002 },
  'family-similar': { m: 0.04, u: 0.002 },
  'family-different': { m: 0.06, u: 0.995 },

  'given-exact': { m: 0.8, u: 0.006 },
  'given-nickname': { m: 0.08, u: 0.002 },
  // "Tilda" for Matilda, "Harri" for Harrison: short forms the nickname table lacks
  'given-short-form': { m: 0.02, u: 0.002 },
  'given-sounds-alike': { m: 0.03, u: 0.004 },
  'given-similar': { m: 0.04, u: 0.003 },
  'given-middle': { m: 0.02, u: 0.002 },
  'given-initial': { m: 0.98, u: 0.12 },
  'given-different': { m: 0.04, u: 0.99 },
  // only when both sides give a middle name and the first names agree
  'middle-same': { m: 0.85, u: 0.03 },
  'middle-similar': { m: 0.05, u: 0.01 },
  'middle-different': { m: 0.1, u: 0.4 },
  // a half-bit cost: an exchanged name pair is a little less convincing than a straight one
  'names-swapped': { m: 0.7, u: 1 },

  'dob-exact': { m: 0.88, u: 1 / 25_000 },
  'dob-day-month-swapped': { m: 0.02, u: 1 / 25_000 },
  'dob-one-day': { m: 0.015, u: 2 / 25_000 },
  'dob-year-one': { m: 0.015, u: 2 / 25_000 },
  'dob-one-digit': { m: 0.01, u: 20 / 25_000 },
  'dob-same-month-year': { m: 0.01, u: 0.001 },
  'dob-different': { m: 0.05, u: 0.996 },

  'postcode-exact': { m: 0.75, u: 0.002 },
  'postcode-one-character': { m: 0.02, u: 0.00015 },
  'postcode-sector': { m: 0.04, u: 0.00125 },
  'postcode-district': { m: 0.05, u: 0.02 },
  // families on a safeguarding index move often, and records go stale
  'postcode-different': { m: 0.25, u: 0.97 },

  // address levels when the postcodes differ or one is missing (a mistyped or absent postcode)
  'address-exact': { m: 0.5, u: 0.004 },
  'address-similar': { m: 0.1, u: 0.01 },
  // only used beside a shared postcode: a different house there is a neighbour
  'address-different': { m: 0.1, u: 0.4 },

  'sex-same': { m: 0.98, u: 0.5 },
  'sex-different': { m: 0.02, u: 0.5 },
};

// beside a shared postcode the house adds little: siblings and parents share it too
const ADDRESS_EXACT_WITH_POSTCODE: Level = { m: 0.9, u: 0.45 };

/*
 * The fields are not independent within a household. When the surname and the postcode agree
 * but the first names don't (or one is missing), the candidate may be a brother or sister, and
 * a shared date of birth is then far likelier than 1 in 25 000 — twins. Without this a twin
 * would score "strong". u is set so that postcode and date of birth together are never worth
 * less than the date of birth alone (agreeing evidence must not lower a score).
 */
const DOB_EXACT_IN_HOUSEHOLD: Level = { m: 0.88, u: 0.0145 };

const bits = ({ m, u }: Level) => Math.log2(m / u);

/** Evidence of each level in bits, for the docs and the tests. */
export const LEVEL_BITS: Readonly<Record<ReasonCode, number>> = Object.fromEntries(
  Object.entries(LEVELS).map(([code, level]) => [code, bits(level)]),
) as Record<ReasonCode, number>;

const TEXTS: Record<ReasonCode, string> = {
  'nhs-same': 'same NHS number',
  'nhs-different': 'different NHS number',
  'identifier-same': 'same agency ID',
  'identifier-different': 'different agency ID',
  'family-exact': 'same surname',
  'family-other-name': 'surname matches another name recorded for this person',
  'family-part': 'surname shares part of a double-barrelled name',
  'family-sounds-alike': 'surname sounds alike',
  'family-similar': 'surname spelt similarly',
  'family-different': 'different surname',
  'given-exact': 'same first name',
  'given-nickname': 'first name is a known nickname',
  'given-short-form': 'first name may be a short form',
  'given-sounds-alike': 'first name sounds alike',
  'given-similar': 'first name spelt similarly',
  'given-middle': 'first name matches a middle name',
  'given-initial': 'same first initial',
  'given-different': 'different first name',
  'middle-same': 'same middle name',
  'middle-similar': 'middle name spelt similarly',
  'middle-different': 'different middle name',
  'names-swapped': 'given and family names swapped',
  'dob-exact': 'same date of birth',
  'dob-day-month-swapped': 'day and month of birth swapped',
  'dob-one-day': 'date of birth one day apart',
  'dob-year-one': 'year of birth differs by one',
  'dob-one-digit': 'date of birth differs by one digit',
  'dob-same-month-year': 'same month and year of birth',
  'dob-different': 'different date of birth',
  'postcode-exact': 'same postcode',
  'postcode-one-character': 'postcode differs by one character',
  'postcode-sector': 'same postcode sector',
  'postcode-district': 'same postcode district',
  'postcode-different': 'different postcode',
  'address-exact': 'same address',
  'address-similar': 'similar address',
  'address-different': 'different address at the same postcode',
  'sex-same': 'same sex',
  'sex-different': 'different sex recorded',
};

export function bandFor(score: number): Band {
  if (score >= THRESHOLDS.strong) return 'strong';
  if (score >= THRESHOLDS.possible) return 'possible';
  return 'weak';
}

const toPoints = (b: number) => Math.round((1000 * b) / REFERENCE_BITS) / 10;

// ---------------------------------------------------------------------------------------------
// Prepared forms: normalise each side once.

interface PreparedName {
  given: GivenNames;
  family: string;
  familyTokens: string[];
  /** false for the primary name, true for an alias or previous name */
  other: boolean;
}

interface PreparedQuery {
  name?: PreparedName;
  /** the name with given and family exchanged, when both are present */
  swapped?: PreparedName;
  dob?: string;
  postcode?: PartialPostcode;
  address: string;
  addressTrigrams: ReadonlySet<string>;
  nhs?: string;
  identifiers: Identifier[];
  sex?: Sex;
}

interface PreparedRecord {
  names: PreparedName[];
  dob?: string;
  postcode?: Postcode;
  address: string;
  nhs?: string;
  identifiers: Identifier[];
  sex?: Sex;
}

function prepareName(givenName: string | undefined, familyName: string | undefined, other: boolean): PreparedName {
  return { given: splitGivenNames(givenName), family: familyNameKey(familyName), familyTokens: nameTokens(familyName), other };
}

function normaliseIdentifiers(ids: readonly Identifier[]): Identifier[] {
  return ids
    .map((i) => ({ source: normaliseIdentifierSource(i.source), value: normaliseIdentifierValue(i.value) }))
    .filter((i) => i.source && i.value);
}

function prepareQuery(q: PersonQuery): PreparedQuery {
  const ids = [...(q.identifiers ?? [])];
  if (q.laId) ids.push({ source: LA_ID_SOURCE, value: q.laId });
  const name = q.givenName || q.familyName ? prepareName(q.givenName, q.familyName, false) : undefined;
  const address = normaliseAddress(q.address);
  return {
    name,
    swapped: q.givenName && q.familyName ? prepareName(q.familyName, q.givenName, false) : undefined,
    dob: normaliseDate(q.dateOfBirth),
    postcode: parsePartialPostcode(q.postcode),
    address,
    addressTrigrams: trigrams(address),
    nhs: normaliseNhsNumber(q.nhsNumber),
    identifiers: normaliseIdentifiers(ids),
    sex: q.sex,
  };
}

/** Only what the query can be compared with is normalised: hundreds of candidates per search. */
function prepareRecord(r: PersonRecord, q: PreparedQuery): PreparedRecord {
  const names: PreparedName[] = [];
  if (q.name) {
    names.push(prepareName(r.givenName, r.familyName, false));
    for (const o of r.otherNames ?? []) {
      // an alias without a given name is a previous surname: the first name carries over
      names.push(prepareName(o.givenName ?? r.givenName, o.familyName ?? r.familyName, true));
    }
  }
  return {
    names,
    dob: q.dob ? normaliseDate(r.dateOfBirth) : undefined,
    postcode: q.postcode ? parsePostcode(r.postcode) : undefined,
    address: q.address ? normaliseAddress(r.address) : '',
    nhs: q.nhs ? normaliseNhsNumber(r.nhsNumber) : undefined,
    identifiers: q.identifiers.length ? normaliseIdentifiers(r.identifiers) : [],
    sex: r.sex,
  };
}

// ---------------------------------------------------------------------------------------------
// Field comparisons: each returns the level, or undefined when a side is missing.

/**
 * Letters in one word and not the other, counted with multiplicity: an edit distance of d
 * changes at most 2d of them, so a large difference rules out a small distance cheaply.
 */
function letterDifference(a: string, b: string): number {
  const counts = new Int16Array(32);
  for (let i = 0; i < a.length; i++) counts[(a.charCodeAt(i) - 97) & 31]++;
  for (let i = 0; i < b.length; i++) counts[(b.charCodeAt(i) - 97) & 31]--;
  let diff = 0;
  for (let i = 0; i < 32; i++) diff += Math.abs(counts[i]);
  return diff;
}

function similarSpelling(a: string, b: string): boolean {
  const shorter = Math.min(a.length, b.length);
  if (shorter < 3) return false;
  if (Math.abs(a.length - b.length) <= 2 && letterDifference(a, b) <= 4) {
    const d = damerauLevenshtein(a, b);
    if (d <= 1 || (shorter >= 8 && d <= 2)) return true;
  }
  return jaroWinkler(a, b) >= 0.92;
}

type FamilyLevel = 'family-exact' | 'family-part' | 'family-sounds-alike' | 'family-similar' | 'family-different';

function compareFamily(q: PreparedName, r: PreparedName): FamilyLevel | undefined {
  if (!q.family || !r.family) return undefined;
  if (q.family === r.family) return 'family-exact';
  if ((q.familyTokens.length > 1 || r.familyTokens.length > 1) && q.familyTokens.some((t) => t.length > 1 && r.familyTokens.includes(t))) {
    return 'family-part';
  }
  if (soundsAlike(q.family, r.family)) return 'family-sounds-alike';
  if (similarSpelling(q.family, r.family)) return 'family-similar';
  return 'family-different';
}

type GivenLevel =
  | 'given-exact' | 'given-nickname' | 'given-short-form' | 'given-sounds-alike' | 'given-similar' | 'given-middle'
  | 'given-initial' | 'given-different';

function compareGiven(q: GivenNames, r: GivenNames): GivenLevel | undefined {
  if (!q.first || !r.first) return undefined;
  if (q.first === r.first || q.joined === r.joined) return 'given-exact';
  if (q.first.length === 1 || r.first.length === 1) return q.first[0] === r.first[0] ? 'given-initial' : 'given-different';
  if (isKnownNickname(q.first, r.first)) return 'given-nickname';
  if (soundsAlike(q.first, r.first)) return 'given-sounds-alike';
  if (similarSpelling(q.first, r.first)) return 'given-similar';
  if (isShortForm(q.first, r.first) || isShortForm(r.first, q.first)) return 'given-short-form';
  // known by a middle name: "Ann" for "Mary Ann"
  if (r.middle.some((m) => m === q.first || isKnownNickname(q.first, m)) || q.middle.includes(r.first)) return 'given-middle';
  return 'given-different';
}

/** "tilda" in "matilda", "harri" in "harrison": the start or the end of the longer name. */
function isShortForm(short: string, long: string): boolean {
  return short.length >= 3 && long.length > short.length && (long.startsWith(short) || long.endsWith(short));
}

type MiddleLevel = 'middle-same' | 'middle-similar' | 'middle-different';

/** Middle names count only when both sides give one: most records and referrals don't. */
function compareMiddle(q: GivenNames, r: GivenNames): MiddleLevel | undefined {
  if (q.middle.length === 0 || r.middle.length === 0) return undefined;
  if (q.middle.some((m) => r.middle.includes(m))) return 'middle-same';
  if (q.middle.some((m) => r.middle.some((n) => soundsAlike(m, n) || similarSpelling(m, n)))) return 'middle-similar';
  return 'middle-different';
}

type DobLevel =
  | 'dob-exact' | 'dob-day-month-swapped' | 'dob-one-day' | 'dob-year-one' | 'dob-one-digit' | 'dob-same-month-year' | 'dob-different';

function compareDob(q: string | undefined, r: string | undefined): DobLevel | undefined {
  if (!q || !r) return undefined;
  if (q === r) return 'dob-exact';
  if (swapDayMonth(q) === r) return 'dob-day-month-swapped';
  if (Math.abs(daysBetween(q, r) ?? 99) === 1) return 'dob-one-day';
  const dq = parseIsoDate(q)!;
  const dr = parseIsoDate(r)!;
  if (dq.month === dr.month && dq.day === dr.day && Math.abs(dq.year - dr.year) === 1) return 'dob-year-one';
  let differing = 0;
  for (let i = 0; i < q.length; i++) if (q[i] !== r[i]) differing++;
  if (differing === 1) return 'dob-one-digit';
  if (dq.year === dr.year && dq.month === dr.month) return 'dob-same-month-year';
  return 'dob-different';
}

type PostcodeLevel = 'postcode-exact' | 'postcode-one-character' | 'postcode-sector' | 'postcode-district' | 'postcode-different';

function comparePostcode(q: PartialPostcode | undefined, r: Postcode | undefined): PostcodeLevel | undefined {
  if (!q || !r) return undefined;
  if (q.postcode) {
    if (q.postcode === r.postcode) return 'postcode-exact';
    if (damerauLevenshtein(q.postcode, r.postcode) === 1) return 'postcode-one-character';
  }
  if (q.sector) return q.sector === r.sector ? 'postcode-sector' : q.outward === r.outward ? 'postcode-district' : 'postcode-different';
  return q.outward === r.outward ? 'postcode-district' : 'postcode-different';
}

// ---------------------------------------------------------------------------------------------

interface Evidence {
  code: ReasonCode;
  bits: number;
  text?: string;
}

const ev = (code: ReasonCode, text?: string): Evidence => ({ code, bits: LEVEL_BITS[code], text });

const titleCase = (s: string) => s.replace(/\b[a-z]/g, (c) => c.toUpperCase());

function identifierLabel(source: string): string {
  return source === LA_ID_SOURCE ? 'LA' : source.length <= 4 ? source.toUpperCase() : source;
}

function orientationEvidence(q: PreparedName, r: PreparedName, swapped: boolean): Evidence[] {
  const list: Evidence[] = [];
  if (swapped) list.push(ev('names-swapped'));
  const f = compareFamily(q, r);
  if (f) {
    if (r.other && f === 'family-exact') list.push(ev('family-other-name'));
    else list.push(ev(f, r.other && f !== 'family-different' ? `${TEXTS[f]} (another name on record)` : undefined));
  }
  const g = compareGiven(q.given, r.given);
  if (g === 'given-nickname' || g === 'given-short-form') {
    list.push(ev(g, `${TEXTS[g]} (${titleCase(q.given.first)} → ${titleCase(r.given.first)})`));
  } else if (g) list.push(ev(g));
  if (g && g !== 'given-different' && g !== 'given-middle' && g !== 'given-initial') {
    const m = compareMiddle(q.given, r.given);
    if (m) list.push(ev(m));
  }
  return list;
}

const total = (list: Evidence[]) => list.reduce((s, e) => s + e.bits, 0);

/** The best reading of the names: straight or exchanged, against each name on record. */
function nameEvidence(q: PreparedName, swapped: PreparedName | undefined, names: PreparedName[]): Evidence[] {
  let best: Evidence[] = [];
  let bestBits = -Infinity;
  for (const r of names) {
    const list = orientationEvidence(q, r, false);
    const bits = total(list);
    if (bits > bestBits) [best, bestBits] = [list, bits];
  }
  // an exchanged reading can't beat one this good, so don't spend time on it
  if (!swapped || bestBits >= SWAPPED_CEILING) return best;
  for (const r of names) {
    const list = orientationEvidence(swapped, r, true);
    const bits = total(list);
    if (bits > bestBits) [best, bestBits] = [list, bits];
  }
  return best;
}

const SWAPPED_CEILING = LEVEL_BITS['family-exact'] + LEVEL_BITS['given-exact'] + LEVEL_BITS['names-swapped'];

function identifierEvidence(q: Identifier[], r: Identifier[]): Evidence[] {
  const out: Evidence[] = [];
  const sources = new Set(q.map((i) => i.source));
  for (const source of sources) {
    const qv = q.filter((i) => i.source === source).map((i) => i.value);
    const rv = r.filter((i) => i.source === source).map((i) => i.value);
    if (rv.length === 0) continue;
    const label = identifierLabel(source);
    if (qv.some((v) => rv.includes(v))) out.push(ev('identifier-same', `same ${label} ID`));
    else out.push(ev('identifier-different', `different ${label} ID`));
  }
  return out;
}

function addressEvidence(q: string, qTrigrams: ReadonlySet<string>, r: string, postcode: PostcodeLevel | undefined): Evidence | undefined {
  if (!q || !r) return undefined;
  const same = q === r;
  const similar = !same && trigramSimilarity(qTrigrams, r) >= 0.5;
  if (postcode === 'postcode-exact') {
    if (same) return { code: 'address-exact', bits: bits(ADDRESS_EXACT_WITH_POSTCODE) };
    return similar ? undefined : ev('address-different');
  }
  if (same) return ev('address-exact');
  return similar ? ev('address-similar') : undefined;
}

function evaluate(q: PreparedQuery, r: PreparedRecord): Evidence[] {
  const out: Evidence[] = [];
  if (q.nhs && r.nhs) out.push(ev(q.nhs === r.nhs ? 'nhs-same' : 'nhs-different'));
  out.push(...identifierEvidence(q.identifiers, r.identifiers));
  const names = q.name ? nameEvidence(q.name, q.swapped, r.names) : [];
  out.push(...names);
  const dob = compareDob(q.dob, r.dob);
  const pc = comparePostcode(q.postcode, r.postcode);
  const sameHousehold =
    pc === 'postcode-exact' && names.some((e) => e.code === 'family-exact' || e.code === 'family-other-name' || e.code === 'family-part');
  const givenAgrees = names.some((e) => e.code.startsWith('given-') && e.code !== 'given-different');
  if (dob === 'dob-exact' && sameHousehold && !givenAgrees) {
    out.push({ code: dob, bits: bits(DOB_EXACT_IN_HOUSEHOLD), text: 'same date of birth (counts for less in one household without the first name: twins share it)' });
  } else if (dob) out.push(ev(dob));
  if (pc) out.push(ev(pc));
  const addr = addressEvidence(q.address, q.addressTrigrams, r.address, pc);
  if (addr) out.push(addr);
  if ((q.sex === 'female' || q.sex === 'male') && (r.sex === 'female' || r.sex === 'male')) {
    out.push(ev(q.sex === r.sex ? 'sex-same' : 'sex-different'));
  }
  return out;
}

function result(evidence: Evidence[]): MatchResult {
  const evidenceBits = evidence.reduce((s, e) => s + e.bits, 0);
  const score = Math.max(0, Math.min(100, Math.round((100 * evidenceBits) / REFERENCE_BITS)));
  return {
    score,
    band: bandFor(score),
    evidenceBits,
    reasons: evidence.map<Reason>((e) => ({ code: e.code, text: e.text ?? TEXTS[e.code], weight: toPoints(e.bits) })),
  };
}

/** Score one candidate against a search. Pure; never decides a match on its own. */
export function scoreCandidate(query: PersonQuery, candidate: PersonRecord): MatchResult {
  const q = prepareQuery(query);
  return result(evaluate(q, prepareRecord(candidate, q)));
}

/**
 * Score and rank candidates (the union of the query's blocks), best first. Ties are broken by
 * unrounded evidence, then by id, so the same data always gives the same order.
 */
export function rankCandidates(query: PersonQuery, candidates: Iterable<PersonRecord>, limit = 10): RankedCandidate[] {
  const q = prepareQuery(query);
  const ranked: RankedCandidate[] = [];
  for (const candidate of candidates) ranked.push({ candidate, ...result(evaluate(q, prepareRecord(candidate, q))) });
  ranked.sort((a, b) => b.evidenceBits - a.evidenceBits || (a.candidate.id < b.candidate.id ? -1 : a.candidate.id > b.candidate.id ? 1 : 0));
  return ranked.slice(0, limit);
}
