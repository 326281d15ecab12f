/**
 * When a person withdraws consent, every partner that received their information is told and
 * "will be responsible for securely disposing of such information" (000 ISA 1.55). The same
 * fan-out serves a successful erasure, restriction or rectification (PRODUCT C5; 003 §5).
 * Pure: given what was disclosed, produce one task per recipient.
 */
import { invalidState, validationError } from '../../../platform/errors';
import { isBlank, isValidDate } from '../../enquiries/domain/types';
import type { ConsentRecord } from './consent-record';

export const RECIPIENT_TASK_TRIGGERS = {
  'consent-withdrawn': 'Consent withdrawn: securely dispose of the information you received about this person',
  erasure: 'Erasure: erase the information you received about this person',
  restriction: 'Restriction: restrict processing of the information you received about this person',
  rectification: 'Rectification: correct the information you received about this person',
} as const;
export type RecipientTaskTrigger = keyof typeof RECIPIENT_TASK_TRIGGERS;

/** The fields of a disclosure ledger entry this needs (decisions/domain/disclosure.ts fits). */
export interface DisclosureOfPerson {
  id: string;
  personIds: readonly string[];
  recipient: { agencyId?: string; name: string };
  disclosedAt: Date;
}

export interface RecipientTask {
  /** stable: one task per trigger, person and recipient, so re-running raises no duplicates */
  key: string;
  hubId: string;
  personId: string;
  trigger: RecipientTaskTrigger;
  recipient: { agencyId?: string; name: string };
  disclosureIds: string[];
  title: string;
  raisedAt: Date;
  dueAt?: Date;
}

export function recipientTasks(input: {
  hubId: string;
  personId: string;
  trigger: RecipientTaskTrigger;
  disclosures: readonly DisclosureOfPerson[];
  now: Date;
  /** when the hub sets a response time for recipients */
  dueAt?: Date;
}): RecipientTask[] {
  if (isBlank(input.personId)) throw validationError([{ field: 'personId', text: 'Select the person' }]);
  if (input.dueAt !== undefined && (!isValidDate(input.dueAt) || input.dueAt.getTime() <= input.now.getTime())) {
    throw validationError([{ field: 'dueAt', text: 'The due date must be in the future' }]);
  }
  const byRecipient = new Map<string, RecipientTask>();
  for (const d of input.disclosures) {
    if (!d.personIds.includes(input.personId)) continue;
    const recipientKey = d.recipient.agencyId ? `agency:${d.recipient.agencyId}` : `named:${d.recipient.name.trim().toLowerCase()}`;
    let task = byRecipient.get(recipientKey);
    if (!task) {
      task = {
        key: `${input.trigger}:${input.personId}:${recipientKey}`,
        hubId: input.hubId,
        personId: input.personId,
        trigger: input.trigger,
        recipient: { ...d.recipient },
        disclosureIds: [],
        title: RECIPIENT_TASK_TRIGGERS[input.trigger],
        raisedAt: input.now,
        ...(input.dueAt ? { dueAt: input.dueAt } : {}),
      };
      byRecipient.set(recipientKey, task);
    }
    if (!task.disclosureIds.includes(d.id)) task.disclosureIds.push(d.id);
  }
  return [...byRecipient.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** Tasks for a withdrawn consent; refuses a record that is not withdrawn. */
export function tasksForConsentWithdrawal(
  record: ConsentRecord,
  disclosures: readonly DisclosureOfPerson[],
  now: Date,
  dueAt?: Date,
): RecipientTask[] {
  if (record.status !== 'withdrawn') {
    throw invalidState('Consent has not been withdrawn');
  }
  return recipientTasks({ hubId: record.hubId, personId: record.personId, trigger: 'consent-withdrawn', disclosures, now, dueAt });
}
