/**
 * Only agencies with an active information sharing agreement can be asked (PRODUCT C6, C12;
 * 002 App. 1: the request form comes before police or health share; 000 ISA 1.84: a suspended
 * agreement stops sharing). The status values are those of the `agency.agreement_status` column.
 */
import { DomainError, type FieldError } from '../../../platform/errors';

export const AGREEMENT_STATUSES = ['active', 'suspended', 'terminated', 'none'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** A field error on `agencyId` when the agency cannot be asked, otherwise undefined. */
export function agreementBlocksRequest(status: AgreementStatus | undefined): FieldError | undefined {
  const s: AgreementStatus = status ?? 'none';
  switch (s) {
    case 'active':
      return undefined;
    case 'suspended':
      return { field: 'agencyId', text: 'The information sharing agreement with this agency is suspended' };
    case 'terminated':
      return { field: 'agencyId', text: 'The information sharing agreement with this agency has ended' };
    case 'none':
      return { field: 'agencyId', text: 'There is no information sharing agreement with this agency' };
    default: {
      const unknown: never = s;
      throw new DomainError('invalid-state', `unknown agreement status ${String(unknown)}`);
    }
  }
}

export const canRequestFrom = (status: AgreementStatus | undefined): boolean => agreementBlocksRequest(status) === undefined;
