/**
 * One agency's answer to an information request (PRODUCT C6): a written summary whose parts are
 * facts or opinion (003 "How?": "distinguish fact from opinion"; 001 App. D), the agency's BRAG
 * (000 §6.3), "no information held" as a valid answer, parts held back within the MASH
 * (000 ISA "Consent"), and later additions (002 App. 1).
 */
import type { FieldError } from '../../../platform/errors';
import { BRAGS, isBlank, isBrag, type Brag } from './types';

export const ITEM_KINDS = { fact: 'Fact', opinion: 'Opinion' } as const;
export type ItemKind = keyof typeof ITEM_KINDS;

export const MAX_ITEM_LENGTH = 20_000;

export interface ResponseItemInput {
  kind: ItemKind;
  text: string;
  /** kept within the MASH: too confidential for wider dissemination in the originating agency's view */
  heldBack?: boolean;
  heldBackReason?: string;
}

export interface ResponseInput {
  noInformationHeld: boolean;
  /** required when information is held */
  agencyBrag?: Brag;
  items: ResponseItemInput[];
}

export interface ResponseItem {
  /** `${enquiryId}-${n}`, in order of addition */
  id: string;
  kind: ItemKind;
  text: string;
  heldBack: boolean;
  heldBackReason?: string;
  addedAt: Date;
  addedBy: string;
  /** true for additions after the first response */
  later: boolean;
}

export interface EnquiryResponse {
  enquiryId: string;
  hubId: string;
  /** the originating agency of every item */
  agencyId: string;
  agencyName: string;
  respondedAt: Date;
  respondedBy: string;
  noInformationHeld: boolean;
  agencyBrag?: Brag;
  items: ResponseItem[];
  lastAddedAt: Date;
}

export function validateItems(items: readonly ResponseItemInput[], prefix = 'items'): FieldError[] {
  const errors: FieldError[] = [];
  for (const [i, item] of items.entries()) {
    const f = `${prefix}[${i}]`;
    if (!(item.kind in ITEM_KINDS)) errors.push({ field: `${f}.kind`, text: 'Select whether this is fact or opinion' });
    if (isBlank(item.text)) errors.push({ field: `${f}.text`, text: 'Enter the information' });
    else if (item.text.length > MAX_ITEM_LENGTH) {
      errors.push({ field: `${f}.text`, text: `The information must be ${MAX_ITEM_LENGTH.toLocaleString('en-GB')} characters or fewer` });
    }
    if (item.heldBack && isBlank(item.heldBackReason)) {
      errors.push({ field: `${f}.heldBackReason`, text: 'Enter why this must be held back within the MASH' });
    }
    if (!item.heldBack && !isBlank(item.heldBackReason)) {
      errors.push({ field: `${f}.heldBackReason`, text: 'Give a reason only for information held back' });
    }
  }
  return errors;
}

export function validateResponse(input: ResponseInput): FieldError[] {
  const errors: FieldError[] = [];
  if (input.noInformationHeld) {
    if (input.items.length > 0) {
      errors.push({ field: 'items', text: 'Remove the information, or say that information is held' });
    }
  } else if (input.items.length === 0) {
    errors.push({ field: 'items', text: 'Enter the information held, or say that no information is held' });
  }
  if (input.agencyBrag !== undefined && !isBrag(input.agencyBrag)) {
    errors.push({ field: 'agencyBrag', text: `Select a BRAG rating (${BRAGS.join(', ')})` });
  } else if (!input.noInformationHeld && input.agencyBrag === undefined) {
    // 000 §6.3: agencies "pass this information back ... with their agency BRAG rating"
    errors.push({ field: 'agencyBrag', text: 'Select your agency’s BRAG rating' });
  }
  errors.push(...validateItems(input.items));
  return errors;
}

export function toItems(
  enquiryId: string,
  inputs: readonly ResponseItemInput[],
  startIndex: number,
  by: string,
  at: Date,
  later: boolean,
): ResponseItem[] {
  return inputs.map((item, i) => ({
    id: `${enquiryId}-${startIndex + i + 1}`,
    kind: item.kind,
    text: item.text.trim(),
    heldBack: item.heldBack === true,
    ...(item.heldBack ? { heldBackReason: item.heldBackReason!.trim() } : {}),
    addedAt: at,
    addedBy: by,
    later,
  }));
}

export const hasHeldBack = (response: EnquiryResponse): boolean => response.items.some((i) => i.heldBack);
