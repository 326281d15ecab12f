/**
 * A synthetic person index with known truth, for the matching benchmarks and the demo hub.
 *
 * generatePersons streams persons household by household (a million never need to be held in
 * memory); generateQueries turns a sample of them into searches with the errors referrers
 * make, each labelled with the id of the true person. Same seed → same output.
 *
 * Everything is invented: names are drawn from frequency-like lists and a syllable generator,
 * NHS numbers come from the 999 range the NHS reserves for testing, postcodes are synthetic
 * combinations in the UK format (some coincide with real postcodes, which identify nobody).
 */
import { addDays, nhsCheckDigit, parseIsoDate, swapDayMonth } from '../../src/features/persons/domain/normalise';
import { LA_ID_SOURCE, type Identifier, type OtherName, type PersonQuery, type PersonRecord, type Sex } from '../../src/features/persons/domain/types';
import { SHORT_FORMS, drawGivenName, drawSurname, type Generation, type SexOfName } from './names';
import { createRng, WeightedList, type Rng } from './rng';
import { spellingVariant, typo } from './typos';

/** Ages are computed against a fixed date so that output does not change with the calendar. */
export const REFERENCE_DATE = '2025-01-01';

export interface SyntheticPerson extends PersonRecord {
  householdId: string;
  /** position in the stream, from 0 */
  index: number;
}

// ---------------------------------------------------------------------------------------------
// Geography

const AREAS = ['DE', 'NG', 'LE', 'ST', 'SK', 'CV', 'WS', 'DY'];
const DISTRICTS = 40;
const SECTORS = 10;
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
/** Units used per sector: about twenty postcodes per sector hold someone on the index. */
const UNITS = Array.from({ length: 20 }, (_, k) => INWARD_LETTERS[(k * 7) % 20] + INWARD_LETTERS[(k * 13 + 3) % 20]);
/** Persons per postcode on average (UK: about 40 residents per postcode; the index holds fewer). */
const PERSONS_PER_POSTCODE = 25;

const STREET_WORDS = `Willow Elm Oak Ash Beech Cedar Maple Hawthorn Rowan Birch Chestnut Poplar Holly Laurel Linden
  Station Church Mill Bridge Park Victoria Albert Queen King Windsor Kingsway Meadow Orchard Spring Brook
  Green Highfield Westfield Northfield Southgate Eastgate Castle Abbey Priory Manor Grange Forest Heath
  Moor Valley Hill Ridge Quarry Canal Wharf Market Chapel School Garden Cherry Lime Sycamore Larch`.split(/\s+/);
const STREET_TYPES = ['Road', 'Street', 'Close', 'Avenue', 'Lane', 'Way', 'Drive', 'Crescent', 'Grove', 'Gardens', 'Terrace', 'Place'];

function mix(n: number): number {
  let h = Math.imul(n ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The n-th postcode of the synthetic geography. Consecutive n fill a sector, then a district,
 * then an area, so nearby numbers are nearby places. Holds 64 000 postcodes (1.6M persons)
 * before repeating.
 */
export function postcodeAt(n: number): string {
  const unit = UNITS[n % UNITS.length];
  const sector = Math.floor(n / UNITS.length) % SECTORS;
  const district = 1 + (Math.floor(n / (UNITS.length * SECTORS)) % DISTRICTS);
  const area = AREAS[Math.floor(n / (UNITS.length * SECTORS * DISTRICTS)) % AREAS.length];
  return `${area}${district} ${sector}${unit}`;
}

/** One or two streets per postcode, as in life. */
export function streetAt(n: number, which: number): string {
  const h = mix(n * 2 + which);
  return `${STREET_WORDS[h % STREET_WORDS.length]} ${STREET_TYPES[(h >>> 8) % STREET_TYPES.length]}`;
}

function addressLine(rng: Rng, postcodeIndex: number): string {
  const street = streetAt(postcodeIndex, rng.int(0, 1));
  const house = rng.int(1, 140);
  return rng.chance(0.15) ? `Flat ${rng.int(1, 12)}, ${house} ${street}` : `${house} ${street}`;
}

// ---------------------------------------------------------------------------------------------
// Numbers

/**
 * NHS numbers 999 xxx xxxx with a valid check digit, each used once: the 999 range is the one
 * the NHS reserves for testing. It holds about 909 000 valid numbers; once they are used up
 * the rest of the persons have none (a benchmark beyond ~1M persons should note it).
 */
function nhsNumbers(): () => string | undefined {
  let k = 0;
  return () => {
    while (k < 1_000_000) {
      // k ↦ k·654321 mod 10^6 visits every 6-digit serial once (654321 is coprime to 10^6)
      const serial = String((k++ * 654_321 + 123_457) % 1_000_000).padStart(6, '0');
      const nine = `999${serial}`;
      const check = nhsCheckDigit(nine);
      if (check !== undefined) return `${nine}${check}`;
    }
    return undefined;
  };
}

function counter(prefix: string, width: number): () => string {
  let n = 0;
  return () => `${prefix}${String(++n).padStart(width, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Persons

const CHILD_COUNTS = new WeightedList([1, 2, 3, 4], [35, 35, 18, 12]);

function ageToDob(rng: Rng, years: number): string {
  return addDays(REFERENCE_DATE, -(years * 365 + rng.int(0, 364)));
}

function generationOf(dob: string): Generation {
  return Number(dob.slice(0, 4)) >= 2002 ? 'modern' : 'classic';
}

function givenNames(rng: Rng, sex: SexOfName, generation: Generation, avoid: Set<string>): string {
  let first = drawGivenName(rng, sex, generation);
  // siblings, twins included, don't share a first name
  for (let i = 0; i < 10 && avoid.has(first); i++) first = drawGivenName(rng, sex, generation);
  avoid.add(first);
  if (!rng.chance(0.35)) return first;
  let middle = drawGivenName(rng, sex, generation);
  if (middle === first) middle = drawGivenName(rng, sex, generation);
  return middle === first ? first : `${first} ${middle}`;
}

interface Member {
  sex: Sex;
  dob?: string;
  familyName: string;
  otherNames?: OtherName[];
  child: boolean;
}

function planHousehold(rng: Rng): Member[] {
  const surname = drawSurname(rng);
  const roll = rng.next();
  const members: Member[] = [];
  if (roll < 0.5) {
    const twoAdults = rng.chance(0.65);
    const age1 = rng.int(20, 55);
    const sex1: SexOfName = twoAdults ? (rng.chance(0.5) ? 'female' : 'male') : rng.chance(0.85) ? 'female' : 'male';
    members.push({ sex: sex1, dob: ageToDob(rng, age1), familyName: surname, child: false });
    let surname2 = surname;
    if (twoAdults) {
      const sex2: SexOfName = rng.chance(0.92) ? (sex1 === 'female' ? 'male' : 'female') : sex1;
      surname2 = rng.chance(0.65) ? surname : drawSurname(rng);
      const adult2: Member = { sex: sex2, dob: ageToDob(rng, Math.max(18, age1 + rng.int(-6, 6))), familyName: surname2, child: false };
      members.push(adult2);
      // a partner sharing the surname often had another one before
      const sharer = [members[0], adult2].find((m) => m.sex === 'female');
      if (surname2 === surname && sharer && rng.chance(0.6)) sharer.otherNames = [{ familyName: drawSurname(rng) }];
    }
    const n = CHILD_COUNTS.draw(rng);
    let previous: Member | undefined;
    for (let i = 0; i < n; i++) {
      const twin = previous && rng.chance(0.03);
      const dob = twin ? previous!.dob : ageToDob(rng, rng.int(0, Math.min(17, age1 - 17)));
      let familyName = surname;
      let otherNames: OtherName[] | undefined;
      if (surname2 !== surname) {
        const r = rng.next();
        familyName = r < 0.6 ? surname : r < 0.85 ? surname2 : `${surname}-${surname2}`;
      } else if (!twoAdults && rng.chance(0.15)) {
        // known by the absent father's surname on some records
        otherNames = [{ familyName: drawSurname(rng) }];
      }
      const child: Member = { sex: rng.chance(0.5) ? 'female' : 'male', dob, familyName, otherNames, child: true };
      if (twin) child.familyName = previous!.familyName;
      members.push(child);
      previous = child;
    }
  } else if (roll < 0.78) {
    members.push({ sex: rng.chance(0.5) ? 'female' : 'male', dob: ageToDob(rng, rng.int(18, 85)), familyName: surname, child: false });
  } else {
    const age = rng.int(18, 85);
    const sex1: SexOfName = rng.chance(0.5) ? 'female' : 'male';
    members.push({ sex: sex1, dob: ageToDob(rng, age), familyName: surname, child: false });
    const sex2: SexOfName = rng.chance(0.92) ? (sex1 === 'female' ? 'male' : 'female') : sex1;
    members.push({ sex: sex2, dob: ageToDob(rng, Math.max(18, age + rng.int(-6, 6))), familyName: rng.chance(0.6) ? surname : drawSurname(rng), child: false });
  }
  return members;
}

/**
 * `count` synthetic persons, household by household: members share an address and mostly a
 * surname; children are 0-17, adults 18-85; twins, step-families, double-barrelled and
 * previous surnames occur; some fields are missing as on real records.
 */
export function* generatePersons(seed: string | number, count: number): Generator<SyntheticPerson> {
  const rng = createRng(`persons/${seed}`);
  const postcodes = Math.max(20, Math.ceil(count / PERSONS_PER_POSTCODE));
  const nextNhs = nhsNumbers();
  const nextLa = counter('LCS', 7);
  const nextEdu = counter('EDU', 8);
  const nextPolice = counter('PN', 8);
  let index = 0;
  let household = 0;
  while (index < count) {
    household++;
    const householdId = `H${String(household).padStart(7, '0')}`;
    const noFixedAbode = rng.chance(0.02);
    const postcodeIndex = rng.int(0, postcodes - 1);
    const postcode = noFixedAbode ? undefined : postcodeAt(postcodeIndex);
    const address = noFixedAbode ? undefined : addressLine(rng, postcodeIndex);
    const used = new Set<string>();
    for (const m of planHousehold(rng)) {
      if (index >= count) break;
      const sex: Sex = m.child && rng.chance(0.005) ? 'unknown' : m.sex;
      const dob = rng.chance(0.005) ? undefined : m.dob;
      const nameSex: SexOfName = sex === 'unknown' ? (rng.chance(0.5) ? 'female' : 'male') : sex;
      const identifiers: Identifier[] = [];
      if (rng.chance(m.child ? 0.4 : 0.2)) identifiers.push({ source: LA_ID_SOURCE, value: nextLa() });
      if (m.child && rng.chance(0.3)) identifiers.push({ source: 'education', value: nextEdu() });
      if (!m.child && rng.chance(0.08)) identifiers.push({ source: 'police', value: nextPolice() });
      const person: SyntheticPerson = {
        id: `SP${String(index + 1).padStart(8, '0')}`,
        index,
        householdId,
        givenName: givenNames(rng, nameSex, m.dob ? generationOf(m.dob) : 'modern', used),
        familyName: m.familyName,
        sex,
        identifiers,
      };
      if (m.otherNames) person.otherNames = m.otherNames;
      if (dob) person.dateOfBirth = dob;
      if (postcode) person.postcode = postcode;
      if (address) person.address = address;
      if (rng.chance(m.child ? 0.92 : 0.85)) {
        const nhs = nextNhs();
        if (nhs) person.nhsNumber = nhs;
      }
      yield person;
      index++;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Queries

export type QueryError =
  | 'nickname' | 'given-typo' | 'family-typo' | 'family-variant' | 'names-swapped' | 'family-changed'
  | 'middle-as-first' | 'dob-swapped' | 'dob-one-day' | 'dob-year' | 'dob-digit' | 'dob-missing'
  | 'moved' | 'postcode-typo' | 'postcode-missing' | 'given-missing' | 'family-missing' | 'sex-wrong';

export interface SyntheticQuery {
  id: string;
  query: PersonQuery;
  /** the person the query was made from */
  trueId: string;
  /** what was done to it: the benchmark reports recall per error */
  errors: QueryError[];
}

const FORMAL_OF = new Map<string, string[]>();
for (const [formal, shorts] of Object.entries(SHORT_FORMS)) {
  for (const s of shorts) FORMAL_OF.set(s, [...(FORMAL_OF.get(s) ?? []), formal]);
}

function nickname(rng: Rng, first: string): string | undefined {
  const shorts = SHORT_FORMS[first];
  if (shorts && shorts.length > 0) return rng.pick(shorts);
  const formal = FORMAL_OF.get(first);
  return formal ? rng.pick(formal) : undefined;
}

function dobDigitSlip(rng: Rng, dob: string): string | undefined {
  for (let i = 0; i < 10; i++) {
    const positions = [2, 3, 5, 6, 8, 9];
    const p = rng.pick(positions);
    const out = dob.slice(0, p) + String(rng.int(0, 9)) + dob.slice(p + 1);
    if (out !== dob && parseIsoDate(out)) return out;
  }
  return undefined;
}

function ukDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

function postcodeTypo(rng: Rng, pc: string): string {
  const compact = pc.replace(' ', '');
  const i = rng.int(1, compact.length - 1);
  const c = compact[i];
  const swapped = /[0-9]/.test(c) ? String((Number(c) + rng.int(1, 9)) % 10) : rng.pick([...INWARD_LETTERS.replace(c, '')]);
  const out = compact.slice(0, i) + swapped + compact.slice(i + 1);
  return `${out.slice(0, -3)} ${out.slice(-3)}`;
}

function movedTo(rng: Rng, person: PersonRecord, others: readonly PersonRecord[]): { postcode: string; address: string } {
  if (person.postcode && rng.chance(0.5)) {
    // a move within the same sector: same outward code and sector digit, another unit
    const sector = person.postcode.slice(0, -2);
    let unit = rng.pick(UNITS);
    if (person.postcode.endsWith(unit)) unit = UNITS[(UNITS.indexOf(unit) + 1) % UNITS.length];
    const n = rng.int(0, 1_000_000);
    return { postcode: sector + unit, address: `${rng.int(1, 140)} ${streetAt(n, 0)}` };
  }
  // into another sampled person's home, or anywhere when the sample is too small for that
  const homes = others.filter((o) => o.postcode && o.address && o.postcode !== person.postcode);
  if (homes.length > 0) {
    const other = rng.pick(homes);
    return { postcode: other.postcode!, address: other.address! };
  }
  return { postcode: postcodeAt(rng.int(0, 63_999)), address: `${rng.int(1, 140)} ${streetAt(rng.int(0, 1e6), 0)}` };
}

function makeQuery(rng: Rng, person: PersonRecord, others: readonly PersonRecord[]): { query: PersonQuery; errors: QueryError[] } {
  const errors: QueryError[] = [];
  const names = person.givenName.split(' ');
  let given: string | undefined = names[0];
  // "Mary Ann" is usually written in full when it's on the referrer's form
  if (names.length > 1 && rng.chance(0.3)) given = person.givenName;
  let family: string | undefined = person.familyName;

  if (rng.chance(0.12)) {
    const n = nickname(rng, names[0]);
    if (n) { given = n; errors.push('nickname'); }
  }
  if (names.length > 1 && rng.chance(0.02)) { given = names[1]; errors.push('middle-as-first'); }
  if (rng.chance(0.07) && given) {
    const t = typo(rng, given);
    if (t !== given) { given = t; errors.push('given-typo'); }
  }
  if (rng.chance(0.03)) {
    const previous = person.otherNames?.find((o) => o.familyName)?.familyName;
    family = previous ?? drawSurname(rng);
    errors.push('family-changed');
  } else if (rng.chance(0.04)) {
    const v = spellingVariant(rng, family);
    if (v) { family = v; errors.push('family-variant'); }
  }
  if (rng.chance(0.07)) {
    const t = typo(rng, family);
    if (t !== family) { family = t; errors.push('family-typo'); }
  }
  if (rng.chance(0.03)) { [given, family] = [family, given]; errors.push('names-swapped'); }
  if (rng.chance(0.03)) { given = undefined; errors.push('given-missing'); }
  else if (rng.chance(0.02)) { family = undefined; errors.push('family-missing'); }

  let dob = person.dateOfBirth;
  if (dob) {
    if (rng.chance(0.15)) { dob = undefined; errors.push('dob-missing'); }
    else {
      const r = rng.next();
      const swapped = swapDayMonth(dob);
      if (r < 0.04 && swapped) { dob = swapped; errors.push('dob-swapped'); }
      else if (r < 0.07) { dob = addDays(dob, rng.chance(0.5) ? 1 : -1); errors.push('dob-one-day'); }
      else if (r < 0.10) {
        const slipped = String(Number(dob.slice(0, 4)) + (rng.chance(0.5) ? 1 : -1)) + dob.slice(4);
        // 29 February has no neighbour year
        if (parseIsoDate(slipped)) { dob = slipped; errors.push('dob-year'); }
      }
      else if (r < 0.12) {
        const slip = dobDigitSlip(rng, dob);
        if (slip) { dob = slip; errors.push('dob-digit'); }
      }
    }
  }

  let postcode = person.postcode;
  let address = person.address;
  if (rng.chance(0.12)) {
    ({ postcode, address } = movedTo(rng, person, others));
    errors.push('moved');
  }
  if (postcode && rng.chance(0.25)) { postcode = undefined; address = undefined; errors.push('postcode-missing'); }
  else if (postcode && rng.chance(0.03)) { postcode = postcodeTypo(rng, postcode); errors.push('postcode-typo'); }

  const query: PersonQuery = {};
  const shout = rng.chance(0.2);
  if (given) query.givenName = shout ? given.toUpperCase() : given;
  if (family) query.familyName = shout ? family.toUpperCase() : family;
  if (dob) query.dateOfBirth = rng.chance(0.25) ? ukDate(dob) : dob;
  if (postcode) query.postcode = rng.chance(0.3) ? postcode.toLowerCase().replace(' ', '') : postcode;
  if (postcode && address && rng.chance(0.6)) query.address = address.replace(/Road$/, 'Rd').replace(/Street$/, 'St');
  if (person.nhsNumber && rng.chance(0.2)) query.nhsNumber = rng.chance(0.5) ? `${person.nhsNumber.slice(0, 3)} ${person.nhsNumber.slice(3, 6)} ${person.nhsNumber.slice(6)}` : person.nhsNumber;
  const la = person.identifiers.find((i) => i.source === LA_ID_SOURCE);
  if (la && rng.chance(0.08)) query.laId = la.value;
  if ((person.sex === 'female' || person.sex === 'male') && rng.chance(0.5)) {
    if (rng.chance(0.01)) { query.sex = person.sex === 'female' ? 'male' : 'female'; errors.push('sex-wrong'); }
    else query.sex = person.sex;
  }
  return { query, errors };
}

/**
 * `count` searches for persons sampled uniformly from `persons` (reservoir sampling: one pass,
 * only the sample kept), each with the errors a referrer makes at realistic rates. Yields in
 * sample order once the pass is done.
 */
export function* generateQueries(seed: string | number, persons: Iterable<PersonRecord>, count: number): Generator<SyntheticQuery> {
  const sampler = createRng(`queries/${seed}/sample`);
  const sample: PersonRecord[] = [];
  let seen = 0;
  for (const p of persons) {
    if (sample.length < count) sample.push(p);
    else {
      const j = Math.floor(sampler.next() * (seen + 1));
      if (j < count) sample[j] = p;
    }
    seen++;
  }
  for (let i = 0; i < sample.length; i++) {
    const rng = createRng(`queries/${seed}/${i}`);
    const { query, errors } = makeQuery(rng, sample[i], sample);
    yield { id: `Q${String(i + 1).padStart(6, '0')}`, query, trueId: sample[i].id, errors };
  }
}
