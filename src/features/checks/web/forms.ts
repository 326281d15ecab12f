/**
 * Reading the MASH checks forms: flat field names (`when.identifiable`, `items[0].kind`) as the
 * URL-encoded body gives them, into the service inputs. Pure: no request, no database.
 */
import { isIsoDate, londonDate, londonInstant } from '../../clocks/domain/london-time';
import type { CapacityPosition, McaReason } from '../../consent/domain/capacity';
import type { RecordConsentInput } from '../../consent/consent-service';
import { PROPORTIONALITY_QUESTIONS, type ProportionalityAnswer } from '../../consent/domain/override';
import { SHARE_CHECKLIST, WHEN_QUESTIONS } from '../../enquiries/domain/share-checklist';
import type { ShareChecklistInput } from '../../enquiries/enquiries-service';

export type Body = Record<string, string | string[] | undefined>;

// NUL characters are dropped: PostgreSQL text and jsonb cannot hold them
const clean = (x: string): string => x.replace(/\u0000/g, '').trim();
export const str = (v: string | string[] | undefined): string => clean(Array.isArray(v) ? v[0] ?? '' : v ?? '');
export const strs = (v: string | string[] | undefined): string[] => (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]).map(clean).filter((x) => x !== '');
export const int = (v: string | string[] | undefined): number | undefined => {
  const n = Number.parseInt(str(v), 10);
  return Number.isFinite(n) ? n : undefined;
};

/** A London date (and optional HH:MM) from GOV.UK date parts. Blank → undefined; nonsense → an invalid Date. */
export function londonDateTime(parts: { day: string; month: string; year: string; time?: string }, now: Date): Date | undefined {
  const { day, month, year } = parts;
  const time = parts.time?.trim() ?? '';
  if (!day && !month && !year && !time) return undefined;
  const date = `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year) || !isIsoDate(date)) return new Date(Number.NaN);
  if (time === '') {
    // no time given: now when it is today, otherwise midday, so "today" is never in the future
    return date === londonDate(now) ? now : londonInstant(date, 12 * 60);
  }
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(time);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return new Date(Number.NaN);
  return londonInstant(date, Number(m[1]) * 60 + Number(m[2]));
}

export const dateParts = (b: Body, name: string) => ({ day: str(b[`${name}-day`]), month: str(b[`${name}-month`]), year: str(b[`${name}-year`]) });

export function consentForm(b: Body, now: Date): RecordConsentInput {
  const answer = str(b.answer);
  const sought = answer === 'given' || answer === 'refused';
  const capacityStatus = str(b.capacityStatus);
  let capacity: CapacityPosition | undefined;
  switch (capacityStatus) {
    case 'in-doubt-not-assessed':
      capacity = { status: 'in-doubt-not-assessed', reasonNotAssessed: str(b.capacityReasonNotAssessed) };
      break;
    case 'has-capacity':
    case 'lacks-capacity': {
      const assessedAt = londonDateTime(dateParts(b, 'capacityAssessedAt'), now) ?? new Date(Number.NaN);
      const common = { decision: str(b.capacityDecision), assessedBy: str(b.capacityAssessedBy), assessedAt };
      capacity =
        capacityStatus === 'has-capacity'
          ? { status: 'has-capacity', ...common }
          : { status: 'lacks-capacity', ...common, impairment: str(b.capacityImpairment), reasons: strs(b.capacityReasons) as McaReason[], bestInterests: str(b.capacityBestInterests) };
      break;
    }
    default:
      capacity = undefined;
  }
  return {
    subjectId: str(b.subjectId),
    answer,
    ...(sought
      ? {
          soughtFrom: { kind: str(b.soughtFromKind), names: str(b.soughtFromNames).split(/\r?\n/).map((n) => n.trim()).filter((n) => n !== ''), description: str(b.soughtFromDescription) || undefined },
          soughtAt: londonDateTime({ ...dateParts(b, 'soughtAt'), time: str(b.soughtAtTime) }, now) ?? new Date(Number.NaN),
        }
      : {}),
    ...(answer === 'not-sought' ? { notSoughtReasons: strs(b.notSoughtReasons) } : {}),
    rationale: str(b.rationale),
    ...(capacity ? { capacity } : {}),
    scope: str(b.scope),
  };
}

export function proportionalityForm(b: Body): Record<string, ProportionalityAnswer> {
  const out: Record<string, ProportionalityAnswer> = {};
  for (const q of PROPORTIONALITY_QUESTIONS) {
    const answer = str(b[`proportionality.${q.id}`]);
    const detail = str(b[`proportionality.${q.id}.detail`]);
    out[q.id] = {
      ...(answer === 'yes' || answer === 'no' ? { answer } : {}),
      ...(detail ? { detail } : {}),
    };
  }
  return out;
}

export function shareChecklistForm(b: Body): ShareChecklistInput {
  const when: ShareChecklistInput['when'] = {};
  for (const q of WHEN_QUESTIONS) {
    if (q.id === 'consent') continue;
    const v = str(b[`when.${q.id}`]);
    if (v) when[q.id] = v;
  }
  const checklist: ShareChecklistInput['checklist'] = {};
  for (const q of SHARE_CHECKLIST) {
    if ('answeredByRecord' in q) continue;
    const answer = str(b[`checklist.${q.id}`]);
    const detail = str(b[`checklist.${q.id}.detail`]);
    checklist[q.id] = { ...(answer ? { answer } : {}), ...(detail ? { detail } : {}) };
  }
  return { when, checklist, legalBases: strs(b.legalBases) };
}

/** How many parts a response form offers at once; more can be added afterwards. */
export const ITEM_SLOTS = 4;

export interface ItemSlot {
  kind: string;
  text: string;
  heldBack: boolean;
  heldBackReason: string;
}

export function itemSlots(b: Body): ItemSlot[] {
  return Array.from({ length: ITEM_SLOTS }, (_, i) => ({
    kind: str(b[`items[${i}].kind`]),
    text: str(b[`items[${i}].text`]),
    heldBack: str(b[`items[${i}].heldBack`]) === 'yes',
    heldBackReason: str(b[`items[${i}].heldBackReason`]),
  }));
}

/** The parts actually filled in (a slot with neither text nor a held-back reason is left out), keeping their slot numbers for errors. */
export function filledItems(slots: readonly ItemSlot[]): { items: Array<{ kind: string; text: string; heldBack?: boolean; heldBackReason?: string }>; slotOf: number[] } {
  const items = [];
  const slotOf: number[] = [];
  for (const [i, s] of slots.entries()) {
    if (s.text === '' && s.heldBackReason === '' && !s.heldBack) continue;
    items.push({ kind: s.kind, text: s.text, ...(s.heldBack ? { heldBack: true } : {}), ...(s.heldBackReason ? { heldBackReason: s.heldBackReason } : {}) });
    slotOf.push(i);
  }
  return { items, slotOf };
}

/** Domain errors name `items[n]` of the filled parts; the form names slots. */
export function toSlotField(field: string, slotOf: readonly number[]): string {
  const m = /^items\[(\d+)\](.*)$/.exec(field);
  if (!m) return field;
  const slot = slotOf[Number(m[1])];
  return slot === undefined ? field : `items[${slot}]${m[2]}`;
}
