/**
 * The slips people make when they type or hear a name, for the synthetic queries.
 */
import type { Rng } from './rng';

/** Neighbouring keys on a UK QWERTY keyboard: substitutions are mostly fat-finger slips. */
const NEIGHBOURS: Record<string, string> = {
  q: 'wa', w: 'qes', e: 'wrd', r: 'etf', t: 'ryg', y: 'tuh', u: 'yij', i: 'uok', o: 'ipl', p: 'ol',
  a: 'qsz', s: 'adwx', d: 'sfe', f: 'dgr', g: 'fht', h: 'gjy', j: 'hku', k: 'jli', l: 'ko',
  z: 'xa', x: 'zcs', c: 'xvd', v: 'cbf', b: 'vng', n: 'bmh', m: 'nj',
};

function recase(original: string, lower: string): string {
  if (original === original.toUpperCase()) return lower.toUpperCase();
  // keep capitals where the original had them (Mc/Mac, double-barrelled names)
  let out = '';
  for (let i = 0; i < lower.length; i++) out += i < original.length && original[i] !== original[i].toLowerCase() ? lower[i].toUpperCase() : lower[i];
  return out;
}

/**
 * One typing slip — a neighbouring key, a dropped letter, a doubled letter or two letters
 * swapped — never in the first letter (people rarely get that wrong, and it keeps the slip
 * realistic). Returns the word unchanged when it is too short to slip.
 */
export function typo(rng: Rng, word: string): string {
  const lower = word.toLowerCase();
  const letters = [...lower].map((c, i) => (/[a-z]/.test(c) && i > 0 ? i : -1)).filter((i) => i > 0);
  if (lower.length < 3 || letters.length === 0) return word;
  for (let attempt = 0; attempt < 5; attempt++) {
    const i = rng.pick(letters);
    const kind = rng.int(0, 3);
    let out = lower;
    if (kind === 0) out = lower.slice(0, i) + rng.pick([...(NEIGHBOURS[lower[i]] ?? 'e')]) + lower.slice(i + 1);
    else if (kind === 1) out = lower.slice(0, i) + lower.slice(i + 1);
    else if (kind === 2) out = lower.slice(0, i) + lower[i] + lower.slice(i);
    else if (i + 1 < lower.length) out = lower.slice(0, i) + lower[i + 1] + lower[i] + lower.slice(i + 2);
    if (out !== lower) return recase(word, out);
  }
  return word;
}

/** Spelling variants heard over the phone: Thomson/Thompson, Clarke/Clark, Mc/Mac, Philips… */
const VARIANT_RULES: [RegExp, string][] = [
  [/mps/i, 'ms'], [/ms(on)$/i, 'mps$1'], [/ke$/i, 'k'], [/rk$/i, 'rke'], [/^mc/i, 'Mac'], [/^mac/i, 'Mc'],
  [/ll/i, 'l'], [/ph/i, 'f'], [/y/i, 'i'], [/ie$/i, 'y'], [/son$/i, 'sen'], [/ai/i, 'ay'], [/ey$/i, 'y'],
  [/tt/i, 't'], [/ss/i, 's'], [/ck/i, 'k'], [/ou/i, 'ow'], [/(.)e$/i, '$1'],
];

export function spellingVariant(rng: Rng, name: string): string | undefined {
  const applicable = VARIANT_RULES.filter(([re]) => re.test(name));
  if (applicable.length === 0) return undefined;
  const [re, replacement] = rng.pick(applicable);
  const out = name.replace(re, replacement);
  if (out === name || out.length < 2) return undefined;
  return out[0].toUpperCase() + out.slice(1);
}
