/**
 * An adult's capacity to decide about the sharing of their information. The Mental Capacity
 * Act 2005 starts from a presumption of capacity "until there is proof that they do not"
 * (004 §5.15); good reasons for not assessing when in doubt must be documented (004 §5.15.1).
 */
import { DomainError, type FieldError } from '../../../platform/errors';
import { isBlank, isValidDate } from '../../enquiries/domain/types';

/** The functional test of MCA 2005 s.3(1): the person is unable to ... */
export const MCA_REASONS = {
  'cannot-understand': 'unable to understand the information relevant to the decision',
  'cannot-retain': 'unable to retain that information',
  'cannot-use-or-weigh': 'unable to use or weigh that information as part of making the decision',
  'cannot-communicate': 'unable to communicate the decision',
} as const;
export type McaReason = keyof typeof MCA_REASONS;

export type CapacityPosition =
  /** the default: no assessment, no doubt recorded */
  | { status: 'assumed' }
  /** capacity is in doubt but not assessed; why not is recorded (004 §5.15.1) */
  | { status: 'in-doubt-not-assessed'; reasonNotAssessed: string }
  | { status: 'has-capacity'; decision: string; assessedBy: string; assessedAt: Date }
  | {
      status: 'lacks-capacity';
      /** the specific decision assessed, e.g. "to agree to MASH checks" — capacity is decision-specific */
      decision: string;
      assessedBy: string;
      assessedAt: Date;
      /** MCA s.2: the impairment of, or disturbance in the functioning of, the mind or brain */
      impairment: string;
      reasons: McaReason[];
      /** why proceeding is in the adult's best interests (004 §5.15) */
      bestInterests: string;
    };

export const ASSUMED_CAPACITY: CapacityPosition = Object.freeze({ status: 'assumed' });

/** Only an assessment that found capacity lacking displaces the presumption (MCA s.1(2)). */
export function canGiveOwnConsent(position: CapacityPosition): boolean {
  switch (position.status) {
    case 'assumed':
    case 'in-doubt-not-assessed':
    case 'has-capacity':
      return true;
    case 'lacks-capacity':
      return false;
    default: {
      const unknown: never = position;
      throw new DomainError('invalid-state', `unknown capacity position ${(unknown as { status: string }).status}`);
    }
  }
}

export function validateCapacity(position: CapacityPosition, now: Date, prefix = 'capacity'): FieldError[] {
  const errors: FieldError[] = [];
  const assessed = (p: { decision: string; assessedBy: string; assessedAt: Date }) => {
    if (isBlank(p.decision)) errors.push({ field: `${prefix}.decision`, text: 'Enter the decision that capacity was assessed for' });
    if (isBlank(p.assessedBy)) errors.push({ field: `${prefix}.assessedBy`, text: 'Enter who assessed capacity' });
    if (!isValidDate(p.assessedAt)) errors.push({ field: `${prefix}.assessedAt`, text: 'Enter when capacity was assessed' });
    else if (p.assessedAt.getTime() > now.getTime()) {
      errors.push({ field: `${prefix}.assessedAt`, text: 'The date of the capacity assessment must be today or in the past' });
    }
  };
  switch (position.status) {
    case 'assumed':
      break;
    case 'in-doubt-not-assessed':
      if (isBlank(position.reasonNotAssessed)) {
        errors.push({ field: `${prefix}.reasonNotAssessed`, text: 'Enter why capacity has not been assessed' });
      }
      break;
    case 'has-capacity':
      assessed(position);
      break;
    case 'lacks-capacity':
      assessed(position);
      if (isBlank(position.impairment)) {
        errors.push({ field: `${prefix}.impairment`, text: 'Describe the impairment of, or disturbance in, the mind or brain' });
      }
      if (position.reasons.length === 0) {
        errors.push({ field: `${prefix}.reasons`, text: 'Select at least one reason the person cannot make the decision' });
      }
      for (const [i, r] of position.reasons.entries()) {
        if (!(r in MCA_REASONS)) errors.push({ field: `${prefix}.reasons[${i}]`, text: 'Select a reason from the list' });
      }
      if (new Set(position.reasons).size !== position.reasons.length) {
        errors.push({ field: `${prefix}.reasons`, text: 'Select each reason only once' });
      }
      if (isBlank(position.bestInterests)) {
        errors.push({ field: `${prefix}.bestInterests`, text: 'Enter why proceeding is in the person’s best interests' });
      }
      break;
    default: {
      const unknown: never = position;
      errors.push({ field: `${prefix}.status`, text: `Select a capacity position (${String((unknown as { status: unknown }).status)} is not one)` });
    }
  }
  return errors;
}
