/**
 * The consent position that travels with an information request (PRODUCT C6: "what is asked,
 * why, the consent position"). Checks go ahead with everyone's consent, or without it only under
 * a decision maker's recorded override (000 §6.3; PRODUCT C5).
 */
import type { FieldError } from '../../../platform/errors';
import type { ConsentRecord } from './consent-record';
import { overrideCovers, type ConsentOverride } from './override';

export type ConsentPosition =
  /** everyone concerned gave consent */
  | { basis: 'consent'; consentIds: string[] }
  /** at least one person did not (refused, not sought, withdrawn); the override covers them */
  | { basis: 'override'; consentIds: string[]; overrideId: string };

export type ChecksPermitted =
  | { permitted: true; position: ConsentPosition }
  | { permitted: false; errors: FieldError[] };

/**
 * Whether checks about these people may go ahead. Every person needs a recorded consent
 * position: the question must be considered "on all occasions and on a case by case basis"
 * (000 ISA "Consent").
 */
export function checksPermitted(input: {
  contactId: string;
  personIds: string[];
  records: readonly ConsentRecord[];
  override?: ConsentOverride;
}): ChecksPermitted {
  const errors: FieldError[] = [];
  const consentIds: string[] = [];
  let overrideNeeded = false;
  if (input.personIds.length === 0) {
    return { permitted: false, errors: [{ field: 'subjects', text: 'Select at least one person to ask about' }] };
  }
  for (const [i, personId] of input.personIds.entries()) {
    const record = latestFor(input.records, input.contactId, personId);
    if (!record) {
      errors.push({ field: `subjects[${i}]`, text: 'Record the consent position for this person first' });
      continue;
    }
    consentIds.push(record.id);
    if (record.status === 'given') continue;
    overrideNeeded = true;
    if (!input.override || !overrideCovers(input.override, input.contactId, personId)) {
      errors.push({
        field: `subjects[${i}]`,
        text: 'There is no consent for this person; a decision maker must authorise checks without consent',
      });
    }
  }
  if (errors.length > 0) return { permitted: false, errors };
  return {
    permitted: true,
    position: overrideNeeded ? { basis: 'override', consentIds, overrideId: input.override!.id } : { basis: 'consent', consentIds },
  };
}

/** The most recent position recorded for the person on the contact (a later record supersedes). */
export function latestFor(records: readonly ConsentRecord[], contactId: string, personId: string): ConsentRecord | undefined {
  let latest: ConsentRecord | undefined;
  for (const r of records) {
    if (r.contactId !== contactId || r.personId !== personId) continue;
    if (!latest || r.recordedAt.getTime() >= latest.recordedAt.getTime()) latest = r;
  }
  return latest;
}
