/**
 * Family and household links between persons (C2; Think Family, 002 §3.14). A link is stored
 * once, from one person to the other; each side reads it in its own words ("parent" from one
 * side is "child" from the other).
 */
import type { FieldError } from '../../../platform/errors';

export const RELATIONSHIP_KINDS = [
  'parent',
  'step-parent',
  'carer',
  'grandparent',
  'sibling',
  'half-sibling',
  'partner',
  'other-relative',
  'household-member',
  'other',
] as const;
export type RelationshipKind = (typeof RELATIONSHIP_KINDS)[number];

export const isRelationshipKind = (value: string): value is RelationshipKind => (RELATIONSHIP_KINDS as readonly string[]).includes(value);

/** What the person is to the related person, as the form asks it: "<person> is the … of <related>". */
export const RELATIONSHIP_LABELS: Record<RelationshipKind, string> = {
  parent: 'Parent',
  'step-parent': 'Step-parent',
  carer: 'Carer (not a parent)',
  grandparent: 'Grandparent',
  sibling: 'Sibling',
  'half-sibling': 'Half-sibling',
  partner: 'Partner',
  'other-relative': 'Other relative',
  'household-member': 'Lives in the same household (not family)',
  other: 'Other',
};

/**
 * What the other person is, read from one end of a stored link (person_id is the `kind` of
 * related_person_id). From person_id's record (`seenFrom: 'person'`) a parent link names a
 * child; from related_person_id's record it names a parent.
 */
export function relationshipWords(kind: RelationshipKind, seenFrom: 'person' | 'related'): string {
  switch (kind) {
    case 'parent':
      return seenFrom === 'person' ? 'child' : 'parent';
    case 'step-parent':
      return seenFrom === 'person' ? 'step-child' : 'step-parent';
    case 'carer':
      return seenFrom === 'person' ? 'cared-for child' : 'carer';
    case 'grandparent':
      return seenFrom === 'person' ? 'grandchild' : 'grandparent';
    case 'sibling':
      return 'sibling';
    case 'half-sibling':
      return 'half-sibling';
    case 'partner':
      return 'partner';
    case 'other-relative':
      return 'other relative';
    case 'household-member':
      return 'household member';
    case 'other':
      return 'other';
    default: {
      const unknown: never = kind;
      throw new Error(`unknown relationship kind ${String(unknown)}`);
    }
  }
}

export interface RelationshipInput {
  relatedPersonId?: string;
  kind?: string;
  /** 'yes' | 'no' from a form, or a boolean from the API */
  household?: boolean | string;
}

export interface ValidRelationship {
  relatedPersonId: string;
  kind: RelationshipKind;
  household: boolean;
}

/** The related person is checked by the service (same hub, live, not the person itself). */
export function validateRelationship(input: RelationshipInput): { value?: ValidRelationship; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const relatedPersonId = (input.relatedPersonId ?? '').trim();
  if (!relatedPersonId) errors.push({ field: 'relatedPersonId', text: 'Select the related person' });
  const kind = (input.kind ?? '').trim();
  if (!isRelationshipKind(kind)) errors.push({ field: 'kind', text: 'Select how they are related' });
  let household: boolean | undefined;
  if (typeof input.household === 'boolean') household = input.household;
  else if (input.household === 'yes') household = true;
  else if (input.household === 'no') household = false;
  if (household === undefined) errors.push({ field: 'household', text: 'Select whether they live in the same household' });
  else if (kind === 'household-member' && !household) errors.push({ field: 'household', text: 'A household member lives in the same household' });
  if (errors.length > 0) return { errors };
  return { errors, value: { relatedPersonId, kind: kind as RelationshipKind, household: household! } };
}
