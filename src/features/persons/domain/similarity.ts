/**
 * String similarity for names and addresses. Inputs are expected to be normalised already
 * (see normalise.ts); these functions only compare.
 */

/** Jaro similarity, 0-1. */
export function jaro(a: string, b: string): number {
  if (a === b) return a.length === 0 ? 0 : 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  const aMatched = new Array<boolean>(la).fill(false);
  const bMatched = new Array<boolean>(lb).fill(false);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(lb - 1, i + window);
    for (let j = from; j <= to; j++) {
      if (!bMatched[j] && a[i] === b[j]) {
        aMatched[i] = bMatched[j] = true;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[k]) k++;
    if (a[i] !== b[k]) transpositions++;
    k++;
  }
  const t = transpositions / 2;
  return (matches / la + matches / lb + (matches - t) / matches) / 3;
}

/**
 * Jaro-Winkler similarity, 0-1: Jaro boosted for a shared prefix (up to 4 characters, scale
 * 0.1 — Winkler's values), because name typos are rarer at the start of a name.
 */
export function jaroWinkler(a: string, b: string, prefixScale = 0.1): number {
  const j = jaro(a, b);
  let prefix = 0;
  const max = Math.min(4, a.length, b.length);
  while (prefix < max && a[prefix] === b[prefix]) prefix++;
  return j + prefix * prefixScale * (1 - j);
}

/**
 * The set of trigrams of a string, defined exactly as PostgreSQL's pg_trgm `show_trgm()` does
 * (default build, which lower-cases and keeps only alphanumerics): the text is split into words
 * of alphanumeric characters; each word is padded with two spaces in front and one behind
 * ("cat" → "  cat "), and every run of three characters is a trigram; duplicates count once.
 *
 * For ASCII input this gives the same set as Postgres, so the SQL blocking (`%`, `similarity()`
 * on the stored normalised name) and the TypeScript scoring agree. Non-ASCII letters are
 * treated as separators here while Postgres keeps them per locale — normalise first (the
 * normalised columns are ASCII).
 */
export function trigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (const word of s.toLowerCase().split(/[^a-z0-9]+/)) {
    if (!word) continue;
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  }
  return out;
}

/**
 * pg_trgm `similarity(a, b)` (of strings, or of sets from `trigrams` when one side is reused):
 * shared trigrams / (trigrams of a + trigrams of b − shared), 0-1;
 * 0 when either side has no trigrams (as Postgres). Postgres computes it in float4, so the
 * values agree to about 7 significant digits.
 */
export function trigramSimilarity(a: string | ReadonlySet<string>, b: string | ReadonlySet<string>): number {
  const ta = typeof a === 'string' ? trigrams(a) : a;
  const tb = typeof b === 'string' ? trigrams(b) : b;
  if (ta.size === 0 || tb.size === 0) return 0;
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / (ta.size + tb.size - shared);
}

/** Levenshtein edit distance (insert, delete, substitute), as fuzzystrmatch's `levenshtein`. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let curr = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    curr[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      curr[j] = Math.min(prev[j] + 1, curr[j - 1] + 1, prev[j - 1] + cost);
    }
    [prev, curr] = [curr, prev];
  }
  return prev[b.length];
}

/**
 * Damerau-Levenshtein distance in its "optimal string alignment" form: Levenshtein plus the
 * swap of two adjacent characters as one edit — the commonest typing slip ("Jhon"). Meant for
 * short strings (names, postcodes, dates): O(|a|·|b|).
 */
export function damerauLevenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (la === 0) return lb;
  if (lb === 0) return la;
  // three rolling rows (i-2, i-1, i) instead of the full matrix: called for every candidate
  let before = new Int32Array(lb + 1);
  let prev = new Int32Array(lb + 1);
  let curr = new Int32Array(lb + 1);
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    curr[0] = i;
    for (let j = 1; j <= lb; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j] + 1, curr[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, before[j - 2] + 1);
      curr[j] = v;
    }
    [before, prev, curr] = [prev, curr, before];
  }
  return prev[lb];
}
