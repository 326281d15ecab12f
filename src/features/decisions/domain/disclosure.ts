/**
 * A disclosure ledger entry: every passing of information outside the MASH records what, to
 * whom, why, on what basis, by whom and when (GLOSSARY `disclosure`; 003 golden rule 7; 000 §3
 * "record what you have shared, with whom and for what purpose"). The auditor's question "what
 * did we share about this family, with whom, and why" is answered from these (PRODUCT C11).
 */
import { DomainError, validationError, type FieldError } from '../../../platform/errors';
import type { ConsentPosition } from '../../consent/domain/consent-position';
import { isLegalBasis, type LegalBasis } from '../../enquiries/domain/legal-basis';
import { assertSameHub, isBlank, type Actor } from '../../enquiries/domain/types';
import { isApprovedSecureDomain } from './secure-domain';
import { assertDisseminationPermitted, type DisseminationItem, type DisseminationPermission, type Recipient } from './dissemination';

export const DISCLOSURE_METHODS = {
  openmash: 'Within OpenMASH',
  'secure-email': 'Secure email',
  phone: 'Telephone',
  meeting: 'In a meeting',
  letter: 'Letter',
} as const;
export type DisclosureMethod = keyof typeof DISCLOSURE_METHODS;

export interface DisclosureInput {
  id: string;
  hubId: string;
  contactId: string;
  personIds: string[];
  /** what was shared, in words */
  what: string;
  recipient: Recipient & { email?: string };
  /** why */
  purpose: string;
  legalBases: LegalBasis[];
  consent?: ConsentPosition;
  /** the recorded share decision this carries out (enquiries/domain/share-decision.ts) */
  shareDecisionId?: string;
  method: DisclosureMethod;
}

export interface DisclosureLedgerEntry extends DisclosureInput {
  /** the response items shared, when they came from information requests */
  itemIds: string[];
  /** the originating agencies' permissions relied on (dissemination.ts) */
  permissionIds: string[];
  disclosedBy: string;
  disclosedByAgencyId: string;
  disclosedAt: Date;
}

export function validateDisclosure(input: DisclosureInput, approvedDomains: readonly string[]): FieldError[] {
  const errors: FieldError[] = [];
  if (input.personIds.length === 0) errors.push({ field: 'personIds', text: 'Select whose information was shared' });
  if (isBlank(input.what)) errors.push({ field: 'what', text: 'Enter what was shared' });
  if (isBlank(input.recipient?.name)) errors.push({ field: 'recipient', text: 'Enter who it was shared with' });
  if (isBlank(input.purpose)) errors.push({ field: 'purpose', text: 'Enter why it was shared' });
  if (input.legalBases.length === 0) errors.push({ field: 'legalBases', text: 'Select the lawful basis' });
  for (const [i, b] of input.legalBases.entries()) {
    if (!isLegalBasis(b)) errors.push({ field: `legalBases[${i}]`, text: 'Select a lawful basis from the list' });
  }
  if (!(input.method in DISCLOSURE_METHODS)) errors.push({ field: 'method', text: 'Select how it was shared' });
  if (input.method === 'secure-email') {
    const email = input.recipient.email;
    if (isBlank(email)) errors.push({ field: 'recipient.email', text: 'Enter the email address' });
    else if (!isApprovedSecureDomain(email!, approvedDomains)) {
      errors.push({ field: 'recipient.email', text: 'Email can only go to an approved secure domain' });
    }
  }
  return errors;
}

/**
 * Records a disclosure, refusing (`forbidden`) when an included item lacks its originating
 * agency's permission for this recipient, so no entry exists for a share that was not allowed.
 */
export function recordDisclosure(
  input: DisclosureInput,
  rules: {
    approvedDomains: readonly string[];
    /** the information-request items included; [] when only the disclosing agency's own information goes */
    items: readonly DisseminationItem[];
    permissions: readonly DisseminationPermission[];
  },
  actor: Actor,
  now: Date,
): DisclosureLedgerEntry {
  assertSameHub(actor, input.hubId);
  if (actor.role === 'auditor' || actor.role === 'ig-lead') throw new DomainError('forbidden', 'This role does not disclose information');
  const errors = validateDisclosure(input, rules.approvedDomains);
  for (const [i, item] of rules.items.entries()) {
    if (item.contactId !== input.contactId) errors.push({ field: `items[${i}]`, text: 'This information belongs to another contact' });
  }
  if (errors.length > 0) throw validationError(errors);
  const permissionIds = assertDisseminationPermitted(rules.items, rules.permissions, {
    recipient: input.recipient,
    disseminatingAgencyId: actor.agencyId,
  });
  return {
    ...input,
    itemIds: rules.items.map((i) => i.itemId),
    permissionIds,
    what: input.what.trim(),
    purpose: input.purpose.trim(),
    personIds: [...new Set(input.personIds)],
    legalBases: [...new Set(input.legalBases)],
    disclosedBy: actor.userId,
    disclosedByAgencyId: actor.agencyId,
    disclosedAt: now,
  };
}
