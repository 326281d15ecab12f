/**
 * Anything leaving the MASH needs its originating agency's recorded permission (PRODUCT C6;
 * 000 §3: information "should only be passed on to third parties with the consent of the agency
 * who provided the information"; 000 ISA 1.61; 004 §7.1.4). Permission "will only be granted
 * where proposed sharing is within the agreed principles: i.e. for safeguarding and supporting
 * the wellbeing of children or for policing purposes" (ISA 1.61). Held-back information needs
 * a permission naming it: a blanket permission does not release what the originating agency
 * deemed "too confidential for wider dissemination" (000 ISA "Consent"; 004 §6.1.6 — the
 * originating partner is the final arbiter).
 */
import { DomainError, validationError, type FieldError } from '../../../platform/errors';
import { assertSameHub, isBlank, isValidDate, type Actor } from '../../enquiries/domain/types';

export const PERMISSION_PURPOSES = {
  safeguarding: 'Safeguarding and supporting the wellbeing of children',
  policing: 'Policing purposes',
} as const;
export type PermissionPurpose = keyof typeof PERMISSION_PURPOSES;

export interface Recipient {
  agencyId?: string;
  name: string;
}

export interface DisseminationItem {
  itemId: string;
  contactId: string;
  originAgencyId: string;
  heldBack: boolean;
}

export interface DisseminationPermission {
  id: string;
  hubId: string;
  contactId: string;
  originAgencyId: string;
  recipient: Recipient;
  /** absent: every item of the originating agency on the contact except held-back ones */
  itemIds?: string[];
  purpose: PermissionPurpose;
  /** the person at the originating agency who agreed */
  grantedByName: string;
  recordedBy: string;
  grantedAt: Date;
  revokedAt?: Date;
}

export interface DisseminationTarget {
  recipient: Recipient;
  /** items the disseminating agency provided itself need nobody else's permission */
  disseminatingAgencyId: string;
}

export type DisseminationCheck =
  | { permitted: true; permissionIds: string[] }
  | { permitted: false; missing: { itemId: string; originAgencyId: string; field: string; text: string }[] };

const sameRecipient = (a: Recipient, b: Recipient): boolean =>
  a.agencyId !== undefined && b.agencyId !== undefined
    ? a.agencyId === b.agencyId
    : a.name.trim().toLowerCase() === b.name.trim().toLowerCase();

function covers(p: DisseminationPermission, item: DisseminationItem, target: DisseminationTarget): boolean {
  if (p.revokedAt) return false;
  if (p.contactId !== item.contactId || p.originAgencyId !== item.originAgencyId) return false;
  if (!sameRecipient(p.recipient, target.recipient)) return false;
  if (p.itemIds === undefined) return !item.heldBack;
  return p.itemIds.includes(item.itemId);
}

/** Refuses unless every included item's originating agency has recorded permission for this recipient. */
export function checkDissemination(
  items: readonly DisseminationItem[],
  permissions: readonly DisseminationPermission[],
  target: DisseminationTarget,
): DisseminationCheck {
  const missing: { itemId: string; originAgencyId: string; field: string; text: string }[] = [];
  const used = new Set<string>();
  for (const [i, item] of items.entries()) {
    if (item.originAgencyId === target.disseminatingAgencyId) continue;
    const p = permissions.find((x) => covers(x, item, target));
    if (p) {
      used.add(p.id);
      continue;
    }
    missing.push({
      itemId: item.itemId,
      originAgencyId: item.originAgencyId,
      field: `items[${i}]`,
      text: item.heldBack
        ? 'This information is held back within the MASH; its originating agency must give permission for this item'
        : 'The originating agency has not given permission to share this outside the MASH',
    });
  }
  return missing.length === 0 ? { permitted: true, permissionIds: [...used].sort() } : { permitted: false, missing };
}

/** As checkDissemination, throwing `forbidden` (with the items as fields) when refused. */
export function assertDisseminationPermitted(
  items: readonly DisseminationItem[],
  permissions: readonly DisseminationPermission[],
  target: DisseminationTarget,
): string[] {
  const check = checkDissemination(items, permissions, target);
  if (!check.permitted) {
    throw new DomainError(
      'forbidden',
      'Information cannot leave the MASH without its originating agency’s permission',
      check.missing.map((m) => ({ field: m.field, text: m.text })),
    );
  }
  return check.permissionIds;
}

export function validatePermission(p: Omit<DisseminationPermission, 'recordedBy'>, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  if (isBlank(p.recipient?.name)) errors.push({ field: 'recipient', text: 'Enter who the information may go to' });
  if (!(p.purpose in PERMISSION_PURPOSES)) {
    errors.push({ field: 'purpose', text: 'Permission is only for safeguarding children or policing purposes' });
  }
  if (isBlank(p.grantedByName)) errors.push({ field: 'grantedByName', text: 'Enter who at the originating agency gave permission' });
  if (!isValidDate(p.grantedAt) || p.grantedAt.getTime() > now.getTime()) {
    errors.push({ field: 'grantedAt', text: 'Enter when permission was given (not in the future)' });
  }
  if (p.itemIds !== undefined && p.itemIds.length === 0) errors.push({ field: 'itemIds', text: 'Select the information permitted' });
  return errors;
}

/**
 * Records a permission. The originating agency's own staff record it, or the decision maker on
 * their word (the agency's name is kept in `grantedByName`).
 */
export function recordPermission(input: Omit<DisseminationPermission, 'recordedBy'>, actor: Actor, now: Date): DisseminationPermission {
  assertSameHub(actor, input.hubId);
  const readOnly = actor.role === 'auditor' || actor.role === 'ig-lead';
  if (readOnly || (actor.agencyId !== input.originAgencyId && actor.role !== 'decision-maker')) {
    throw new DomainError('forbidden', 'Only the originating agency or a decision maker may record its permission');
  }
  const errors = validatePermission(input, now);
  if (errors.length > 0) throw validationError(errors);
  return { ...input, grantedByName: input.grantedByName.trim(), recordedBy: actor.userId };
}
