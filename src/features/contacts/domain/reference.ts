/**
 * The contact reference given to the referrer and used on the phone: PREFIX-YYYY-NNNNNN, e.g.
 * MASH-2026-000123. Numbered per hub and London calendar year of recording; six digits at
 * least (the largest hub has ~50k contacts a year), more if a year ever needs them.
 */
import { validationError } from '../../../platform/errors';
import { londonDate } from '../../clocks/domain/london-time';

export const DEFAULT_REFERENCE_PREFIX = 'MASH';

const PREFIX = /^[A-Z][A-Z0-9]{1,9}$/;
const REFERENCE = /^([A-Z][A-Z0-9]{1,9})-(\d{4})-(\d{6,})$/;

export const isReferencePrefix = (value: string): boolean => PREFIX.test(value);

/** the London calendar year a contact is numbered in */
export const referenceYear = (recordedAt: Date): number => Number(londonDate(recordedAt).slice(0, 4));

export function formatReference(prefix: string, year: number, sequence: number): string {
  if (!isReferencePrefix(prefix)) throw validationError([{ field: 'referencePrefix', text: 'Reference prefix must be 2 to 10 capital letters or digits, starting with a letter' }]);
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw validationError([{ field: 'year', text: 'Year must be from 2000 to 9999' }]);
  if (!Number.isInteger(sequence) || sequence < 1) throw validationError([{ field: 'sequence', text: 'Sequence must be a whole number from 1' }]);
  return `${prefix}-${year}-${String(sequence).padStart(6, '0')}`;
}

export function parseReference(value: string): { prefix: string; year: number; sequence: number } | undefined {
  const match = REFERENCE.exec(value.trim().toUpperCase());
  if (!match) return undefined;
  const sequence = Number(match[3]);
  if (sequence < 1) return undefined;
  return { prefix: match[1], year: Number(match[2]), sequence };
}
