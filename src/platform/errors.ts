/**
 * Domain errors carry a code, never an HTTP status: the edge (API problem details, page
 * error summaries) maps codes to statuses. Messages must never contain personal data.
 */
export type DomainErrorCode =
  | 'validation'      // input is malformed or breaks a rule; `fields` says which
  | 'not-found'       // no such record visible to this actor (also used to hide existence)
  | 'forbidden'       // the actor may not do this
  | 'conflict'        // concurrent edit, or the record moved on (version mismatch)
  | 'invalid-state'   // an out-of-order action on a state machine
  | 'unauthenticated' // no valid session or token
  | 'rate-limited'
  | 'unavailable';    // a dependency (the database) is down

export interface FieldError {
  /** form field / JSON property name, e.g. `receivedAt` or `children[0].dateOfBirth` */
  field: string;
  text: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const validationError = (fields: FieldError[], message = 'There is a problem with what was entered') =>
  new DomainError('validation', message, fields);

export const invalidState = (message: string) => new DomainError('invalid-state', message);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** An id that cannot exist is simply "not found": never a database error. */
export function requireId(value: unknown): string {
  if (!isUuid(value)) throw new DomainError('not-found', 'Not found');
  return value.toLowerCase();
}
