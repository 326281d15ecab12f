/**
 * Normalisation of the fields the matcher compares. Every comparison and every blocking key
 * goes through these functions, so "O'Brien", "O Brien" and "OBRIEN" are one name everywhere.
 */

// Letters that NFKD does not split into base letter + accent.
const SPECIAL_LETTERS: Record<string, string> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i',
};

/** Lower case, accents removed, apostrophes dropped, everything else not a letter → space. */
function foldLetters(raw: string): string {
  // most names are plain ASCII: skip the Unicode work for them (scoring folds hundreds per search)
  if (/^[A-Za-z]+(?: [A-Za-z]+)*$/.test(raw)) return raw.toLowerCase();
  return raw
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (c) => SPECIAL_LETTERS[c] ?? c)
    // "O'Brien" and "D’Souza" are written with and without the apostrophe: drop it, don't split.
    .replace(/['’‘`´]/g, '')
    .replace(/[^a-z]+/g, ' ')
    .trim();
}

/**
 * Name tokens: lower case ASCII words. Hyphens split ("Smith-Jones" → smith, jones), "Mc" is
 * written "Mac" (McDonald = MacDonald = Mac Donald) and detached prefixes are re-attached
 * ("Mac Donald", "O Brien", "St John" → "saintjohn") because clerks type them both ways.
 */
export function nameTokens(raw: string | undefined): string[] {
  if (!raw) return [];
  const words = foldLetters(raw).split(' ').filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    let w = words[i];
    const next = words[i + 1];
    if (next !== undefined && (w === 'mc' || w === 'mac' || w === 'o' || w === 'st' || w === 'saint')) {
      w = (w === 'mc' ? 'mac' : w === 'st' ? 'saint' : w) + next;
      i++;
    }
    if (w.startsWith('mc') && w.length > 3) w = 'mac' + w.slice(2);
    out.push(w);
  }
  return out;
}

/** The tokens joined by single spaces: the display-independent form of a name. */
export function normaliseName(raw: string | undefined): string {
  return nameTokens(raw).join(' ');
}

/**
 * The comparison key of a family name: tokens joined without spaces, so "Van Dijk" = "Vandijk"
 * and "Smith-Jones" = "Smith Jones".
 */
export function familyNameKey(raw: string | undefined): string {
  return nameTokens(raw).join('');
}

export interface GivenNames {
  /** first given name, or '' when none */
  first: string;
  /** the other given names, in order */
  middle: string[];
  /** all given names joined without spaces ("Mary-Jane" = "Maryjane") */
  joined: string;
}

export function splitGivenNames(raw: string | undefined): GivenNames {
  const tokens = nameTokens(raw);
  return { first: tokens[0] ?? '', middle: tokens.slice(1), joined: tokens.join('') };
}

// ---------------------------------------------------------------------------------------------
// Postcodes

/*
 * UK postcode shape (the GOV.UK data standard): outward A9, A99, A9A, AA9, AA99, AA9A; inward
 * 9AA. Letters are restricted by position (no Q, V or X first; inward never C I K M O V).
 */
const OUTWARD_RE =
  /^(?:[A-PR-UWYZ][0-9]{1,2}|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])$/;
const INWARD_RE = /^[0-9][ABD-HJLNP-UW-Z]{2}$/;

export interface Postcode {
  /** "SW1A 1AA": upper case, one space */
  postcode: string;
  /** "SW1A" — the postcode district */
  outward: string;
  /** "1AA" */
  inward: string;
  /** "SW1A 1" — a few thousand addresses */
  sector: string;
  /** "SW" — the postcode area (letters of the outward code) */
  area: string;
}

function compact(raw: string): string {
  return raw.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

function areaOf(outward: string): string {
  return outward.replace(/[0-9].*$/, '');
}

/** A full UK postcode, normalised, or undefined when it isn't one. */
export function parsePostcode(raw: string | undefined): Postcode | undefined {
  if (!raw) return undefined;
  const c = compact(raw);
  if (c.length < 5 || c.length > 7) return undefined;
  const outward = c.slice(0, -3);
  const inward = c.slice(-3);
  if (!OUTWARD_RE.test(outward) || !INWARD_RE.test(inward)) return undefined;
  return { postcode: `${outward} ${inward}`, outward, inward, sector: `${outward} ${inward[0]}`, area: areaOf(outward) };
}

export function normalisePostcode(raw: string | undefined): string | undefined {
  return parsePostcode(raw)?.postcode;
}

/**
 * What a search box may hold: a full postcode, a sector ("DE22 3") or a district ("DE22").
 * Workers often know only the district of a family.
 */
export interface PartialPostcode {
  postcode?: string;
  sector?: string;
  outward: string;
  area: string;
}

export function parsePartialPostcode(raw: string | undefined): PartialPostcode | undefined {
  if (!raw) return undefined;
  const full = parsePostcode(raw);
  if (full) return full;
  const parts = raw.toUpperCase().trim().split(/\s+/);
  const outward = parts[0] ?? '';
  if (!OUTWARD_RE.test(outward)) return undefined;
  if (parts.length === 1) return { outward, area: areaOf(outward) };
  if (parts.length === 2 && /^[0-9]$/.test(parts[1])) {
    return { outward, sector: `${outward} ${parts[1]}`, area: areaOf(outward) };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Addresses

const STREET_ABBREVIATIONS: Record<string, string> = {
  rd: 'road', st: 'street', str: 'street', ave: 'avenue', av: 'avenue', cl: 'close', dr: 'drive',
  ln: 'lane', cres: 'crescent', cr: 'crescent', ct: 'court', gdns: 'gardens', gr: 'grove',
  pl: 'place', sq: 'square', ter: 'terrace', terr: 'terrace', pk: 'park', wy: 'way',
  flt: 'flat', apt: 'flat', apartment: 'flat',
};

/**
 * An address line for comparison: lower case, punctuation gone, common abbreviations written
 * out ("12 Elm Rd." = "12 elm road"). House numbers are kept: they are what tells neighbours apart.
 */
export function normaliseAddress(raw: string | undefined): string {
  if (!raw) return '';
  // plain printable ASCII needs no Unicode folding (the common case, and hundreds per search)
  const ascii = /^[ -~]*$/.test(raw);
  return (ascii ? raw : raw.normalize('NFKD').replace(/\p{M}+/gu, ''))
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .map((w) => STREET_ABBREVIATIONS[w] ?? w)
    .join(' ');
}

// ---------------------------------------------------------------------------------------------
// NHS numbers

const NHS_WEIGHTS = [10, 9, 8, 7, 6, 5, 4, 3, 2];

/**
 * The modulus 11 check digit of the first nine digits, or undefined when the remainder makes it
 * 10 — such numbers are never issued.
 */
export function nhsCheckDigit(firstNine: string): number | undefined {
  if (!/^[0-9]{9}$/.test(firstNine)) return undefined;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * NHS_WEIGHTS[i];
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return undefined;
  return check;
}

/**
 * Ten digits as stored (no spaces), or undefined when not a valid NHS number. A number of one
 * repeated digit passes the check digit but is a placeholder ("9999999999"), so it is refused:
 * two people must never match on a placeholder.
 */
export function normaliseNhsNumber(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const digits = raw.replace(/[\s-]/g, '');
  if (!/^[0-9]{10}$/.test(digits)) return undefined;
  if (/^(\d)\1{9}$/.test(digits)) return undefined;
  return nhsCheckDigit(digits.slice(0, 9)) === Number(digits[9]) ? digits : undefined;
}

export const isValidNhsNumber = (raw: string | undefined): boolean => normaliseNhsNumber(raw) !== undefined;

/** "999 123 4567", the way the NHS prints it. */
export function formatNhsNumber(digits: string): string {
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}

// ---------------------------------------------------------------------------------------------
// Identifiers

export function normaliseIdentifierSource(source: string): string {
  return source.trim().toLowerCase();
}

/** Agency references are compared without case, spaces, hyphens or slashes. */
export function normaliseIdentifierValue(value: string): string {
  return value.toUpperCase().replace(/[\s\-/.]/g, '');
}

// ---------------------------------------------------------------------------------------------
// Dates (calendar dates, no time zone: a date of birth is not an instant)

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isRealDate(year: number, month: number, day: number): boolean {
  return year >= 1000 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    n = n * 10 + c;
  }
  return n;
}

export function parseIsoDate(iso: string | undefined): CalendarDate | undefined {
  // by hand rather than a regex: every candidate's date of birth goes through here
  if (!iso || iso.length !== 10 || iso[4] !== '-' || iso[7] !== '-') return undefined;
  const year = digits(iso, 0, 4);
  const month = digits(iso, 5, 7);
  const day = digits(iso, 8, 10);
  return isRealDate(year, month, day) ? { year, month, day } : undefined;
}

export function formatIsoDate(d: CalendarDate): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/**
 * `YYYY-MM-DD`, or undefined when not a real date. Also takes the UK order `DD/MM/YYYY`
 * (with `/`, `-` or `.`), which is how most referrers write it — never the US order.
 */
export function normaliseDate(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const s = raw.trim();
  if (parseIsoDate(s)) return s;
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (!uk) return undefined;
  const [day, month, year] = [Number(uk[1]), Number(uk[2]), Number(uk[3])];
  return isRealDate(year, month, day) ? formatIsoDate({ year, month, day }) : undefined;
}

/** The date with day and month exchanged, when that is a different real date (day ≤ 12). */
export function swapDayMonth(iso: string | undefined): string | undefined {
  const d = parseIsoDate(iso);
  if (!d || d.day === d.month || !isRealDate(d.year, d.day, d.month)) return undefined;
  return formatIsoDate({ year: d.year, month: d.day, day: d.month });
}

function toEpochDay(d: CalendarDate): number {
  return Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;
}

/** Whole days from a to b (negative when b is earlier); undefined if either is not a date. */
export function daysBetween(a: string | undefined, b: string | undefined): number | undefined {
  const da = parseIsoDate(a);
  const db = parseIsoDate(b);
  return da && db ? toEpochDay(db) - toEpochDay(da) : undefined;
}

export function addDays(iso: string, days: number): string {
  const d = parseIsoDate(iso);
  if (!d) throw new RangeError('not a YYYY-MM-DD date');
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return formatIsoDate({ year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() });
}

/** "2012-03" — blocks births in the same month, catching a slipped day. */
export function yearMonth(iso: string | undefined): string | undefined {
  const d = parseIsoDate(iso);
  return d ? formatIsoDate(d).slice(0, 7) : undefined;
}
