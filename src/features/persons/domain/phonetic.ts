import { doubleMetaphone } from 'double-metaphone';
import { canonicalGivenNames } from './nicknames';
import { nameTokens, splitGivenNames } from './normalise';

/**
 * Phonetic keys. Double Metaphone gives a primary and an alternative code per word, so
 * Smith/Smyth (SM0) and Schmidt/Smith (XMT) meet; Catherine/Kathryn share K0RN.
 */

/**
 * Codes kept for blocking are cut to four characters, the length of Philips' original
 * algorithm: a typo late in a long name ("Wojciechowsky") then still lands in the same block,
 * while scoring compares full codes.
 */
export const BLOCKING_CODE_LENGTH = 4;

/*
 * Names repeat a great deal, and scoring a search compares hundreds of them, so codes are
 * memoised. The cache is bounded (cleared when full) so a long-running server can't grow it.
 */
const CODE_CACHE_LIMIT = 50_000;
const codeCache = new Map<string, readonly string[]>();

/** Full primary and alternative codes of one normalised word, without duplicates or blanks. */
export function metaphoneCodes(word: string): readonly string[] {
  if (!word) return [];
  const cached = codeCache.get(word);
  if (cached) return cached;
  const [primary, secondary] = doubleMetaphone(word);
  const out: string[] = [];
  for (const c of [primary, secondary]) if (c && !out.includes(c)) out.push(c);
  if (codeCache.size >= CODE_CACHE_LIMIT) codeCache.clear();
  codeCache.set(word, out);
  return out;
}

function blockingCodes(word: string): string[] {
  const out: string[] = [];
  for (const c of metaphoneCodes(word)) {
    const k = c.slice(0, BLOCKING_CODE_LENGTH);
    if (!out.includes(k)) out.push(k);
  }
  return out;
}

/**
 * Blocking codes of a family name: of the whole name (joined: "Smith-Jones" → smithjones) and,
 * for a double-barrelled or multi-word name, of each part of two letters or more — a child may
 * be recorded under one half of a parent's double-barrelled name.
 */
export function familyNamePhoneticKeys(raw: string | undefined): string[] {
  const tokens = nameTokens(raw);
  if (tokens.length === 0) return [];
  const words = tokens.length > 1 ? [tokens.join(''), ...tokens.filter((t) => t.length >= 2)] : tokens;
  return unique(words.flatMap(blockingCodes));
}

/**
 * Blocking codes of the first given name — the name a person is called by — and, when
 * `withMiddle`, of the middle names too (for stored persons: some are known by a middle name).
 */
export function givenNamePhoneticKeys(raw: string | undefined, withMiddle = false): string[] {
  const g = splitGivenNames(raw);
  const words = withMiddle ? [g.first, ...g.middle.filter((m) => m.length >= 2)] : [g.first];
  return unique(words.flatMap(blockingCodes));
}

/**
 * Canonical formal names of the first given name ("Bill" → william), catching nicknames that
 * sound nothing like the formal name (Peggy/Margaret, Jack/John).
 */
export function canonicalGivenKeys(raw: string | undefined): string[] {
  return canonicalGivenNames(splitGivenNames(raw).first);
}

/** True when two normalised words share a full Double Metaphone code. */
export function soundsAlike(a: string, b: string): boolean {
  if (!a || !b) return false;
  const ca = metaphoneCodes(a);
  return metaphoneCodes(b).some((c) => ca.includes(c));
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}
