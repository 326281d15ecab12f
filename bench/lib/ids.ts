/**
 * Deterministic UUIDs for generated rows: the same seed, kind and number give the same id on
 * every run (so a generation can be resumed or repeated), and ids look random so that index
 * inserts scatter as they do with the application's random UUIDs.
 */

function hashString(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** A bijection on 32-bit integers (lowbias32): distinct inputs give distinct outputs. */
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

const hex8 = (n: number) => n.toString(16).padStart(8, '0');

export type IdMaker = (kind: string, n: number) => string;

/**
 * `ids(kind, n)`: unique for each (kind, n) with 0 ≤ n < 2^32 — the first word is a bijection of
 * n within a kind and the last word is the kind's own — with the version-4 and variant bits set
 * outside those two words.
 */
export function idMaker(seed: string): IdMaker {
  const seedHash = hashString(`openmash-bench/${seed}`);
  const kinds = new Map<string, number>();
  const kindWord = (kind: string) => {
    let w = kinds.get(kind);
    if (w === undefined) {
      w = mix32(hashString(kind) ^ seedHash);
      for (const [other, word] of kinds) if (word === w) throw new Error(`id kinds ${kind} and ${other} collide`);
      kinds.set(kind, w);
    }
    return w;
  };
  return (kind, n) => {
    if (!Number.isInteger(n) || n < 0 || n >= 2 ** 32) throw new RangeError(`id number out of range: ${n}`);
    const k = kindWord(kind);
    const w0 = mix32((n ^ k) >>> 0);
    const w1 = mix32((n + k) >>> 0);
    const w2 = mix32((w0 ^ 0x9e3779b9) >>> 0);
    const h = hex8(w0) + hex8(w1) + hex8(w2) + hex8(k);
    const variant = '89ab'[parseInt(h[16], 16) & 3];
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
}
