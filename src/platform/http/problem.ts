import type { FieldError, DomainErrorCode } from '../errors';

/** RFC 9457 problem details. `errors` lists field-level problems for validation failures. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: Array<{ field: string; detail: string }>;
}

export const STATUS_FOR: Record<DomainErrorCode, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'invalid-state': 409,
  'rate-limited': 429,
  unavailable: 503,
};

const TITLES: Record<number, string> = {
  400: 'There is a problem with the request',
  401: 'Sign in required',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Request too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  500: 'Something went wrong',
  503: 'Service unavailable',
};

export function problem(status: number, detail: string | undefined, extra: { code?: string; requestId?: string; fields?: FieldError[] } = {}): Problem {
  return {
    type: extra.code ? `https://openmash.dev/problems/${extra.code}` : 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    ...(detail ? { detail } : {}),
    ...(extra.requestId ? { requestId: extra.requestId } : {}),
    ...(extra.fields && extra.fields.length > 0 ? { errors: extra.fields.map((f) => ({ field: f.field, detail: f.text })) } : {}),
  };
}
