/**
 * Screening (PRODUCT.md C3; 000 §6.2-6.3; 002 "Processing of Information"): classification,
 * threshold level, initial BRAG with its rationale, and the police consultation (000 ISA 1.42-1.43).
 */
import type { FieldError } from '../../../platform/errors';
import { DomainError } from '../../../platform/errors';
import type { ClockType } from '../../clocks/domain/timescales';
import {
  BRAGS,
  CLASSIFICATIONS,
  CRIME_ANSWERS,
  isOneOf,
  type Brag,
  type Classification,
  type CrimeAnswer,
} from './vocabulary';

export interface ScreeningInput {
  classification?: string;
  thresholdLevel?: string;
  initialBrag?: string;
  bragRationale?: string;
  policeCrimeSuspected?: string;
  /** only when a crime may have been committed */
  policeReferredToCait?: boolean | null;
}

export interface ValidScreening {
  classification: Classification;
  thresholdLevel: string;
  initialBrag: Brag;
  bragRationale: string;
  policeCrimeSuspected: CrimeAnswer;
  policeReferredToCait: boolean | null;
}

export const RATIONALE_MAX = 5_000;

export function validateScreening(input: ScreeningInput, thresholds: readonly string[]): { value?: ValidScreening; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (!isOneOf(CLASSIFICATIONS, input.classification)) errors.push({ field: 'classification', text: 'Select how the contact is classified' });
  const threshold = thresholds.find((t) => t === (input.thresholdLevel ?? '').trim());
  if (!threshold) errors.push({ field: 'thresholdLevel', text: 'Select the threshold level' });
  if (!isOneOf(BRAGS, input.initialBrag)) errors.push({ field: 'initialBrag', text: 'Select the initial BRAG rating' });
  const rationale = (input.bragRationale ?? '').trim();
  if (!rationale) errors.push({ field: 'bragRationale', text: 'Enter the rationale for the BRAG rating' });
  else if (rationale.length > RATIONALE_MAX) errors.push({ field: 'bragRationale', text: `Rationale must be ${RATIONALE_MAX} characters or fewer` });
  const crime = input.policeCrimeSuspected ?? 'not-consulted';
  if (!isOneOf(CRIME_ANSWERS, crime)) errors.push({ field: 'policeCrimeSuspected', text: 'Select what the police said' });
  const cait = input.policeReferredToCait ?? null;
  // 000 ISA 1.43: a referral to CAIT/PPD follows a crime
  if (cait === true && crime !== 'yes') errors.push({ field: 'policeReferredToCait', text: 'Only refer to CAIT or the PPD when a crime may have been committed' });
  if (errors.length > 0) return { errors };
  return {
    errors,
    value: {
      classification: input.classification as Classification,
      thresholdLevel: threshold!,
      initialBrag: input.initialBrag as Brag,
      bragRationale: rationale,
      policeCrimeSuspected: crime as CrimeAnswer,
      policeReferredToCait: crime === 'yes' ? cait : null,
    },
  };
}

/** The action clock a rating starts (000 BRAG table). */
export function bragClockType(brag: Brag): ClockType {
  switch (brag) {
    case 'red':
      return 'brag-red';
    case 'amber':
      return 'brag-amber';
    case 'green':
      return 'brag-green';
    case 'blue':
      return 'brag-blue';
    default: {
      const unknown: never = brag;
      throw new DomainError('validation', `unknown BRAG ${String(unknown)}`);
    }
  }
}

export const BRAG_CLOCK_TYPES: readonly ClockType[] = BRAGS.map(bragClockType);

/** What the rating asks of the hub next (000 §6.3): Red is never left waiting for checks. */
export interface BragRouting {
  /** 'to-csc-without-delay' for Red; otherwise the ordinary route */
  route: 'to-csc-without-delay' | 'mash-checks-if-needed' | 'early-help-or-nfa' | 'universal-or-nfa';
  text: string;
  /** tell the decision makers now */
  alertDecisionMakers: boolean;
}

export function bragRouting(brag: Brag): BragRouting {
  switch (brag) {
    case 'red':
      return { route: 'to-csc-without-delay', text: 'To children’s social care without delay; MASH checks run in parallel', alertDecisionMakers: true };
    case 'amber':
      return { route: 'mash-checks-if-needed', text: 'Decide within 48 hours; multi-agency checks if more information is needed', alertDecisionMakers: false };
    case 'green':
      return { route: 'early-help-or-nfa', text: 'Within 4 days; early help, CAF or no further action', alertDecisionMakers: false };
    case 'blue':
      return { route: 'universal-or-nfa', text: 'Within 7 days; discuss with the family, or no further action', alertDecisionMakers: false };
    default: {
      const unknown: never = brag;
      throw new DomainError('validation', `unknown BRAG ${String(unknown)}`);
    }
  }
}
