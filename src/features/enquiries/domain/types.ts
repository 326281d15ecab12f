/**
 * Small shared vocabulary for the consent, enquiries, decisions and meetings domains.
 * The platform's real Actor is structurally compatible with `Actor` (same four fields).
 */
import { DomainError } from '../../../platform/errors';

export interface Actor {
  userId: string;
  role: string;
  agencyId: string;
  hubId: string;
}

/** Blue, Red, Amber, Green priority (000 §6.3 BRAG table). */
export const BRAGS = ['blue', 'red', 'amber', 'green'] as const;
export type Brag = (typeof BRAGS)[number];

export const isBrag = (value: unknown): value is Brag =>
  typeof value === 'string' && (BRAGS as readonly string[]).includes(value);

/**
 * Roles as the product names them (PRODUCT.md §1, GLOSSARY). Agency practitioners carry their agency as role;
 * `agency-practitioner` is the platform's role for every other partner (platform/access/roles.ts), and
 * the remaining names are kept for hubs that name a role after the agency type.
 */
export const PARTNER_PRACTITIONER_ROLES = [
  'police',
  'health',
  'education',
  'probation',
  'housing',
  'agency-practitioner',
  'substance-misuse',
  'domestic-abuse-service',
  'early-help',
  'youth-offending',
  'fire',
  'ambulance',
  'dwp',
  'voluntary',
] as const;

export const isPartnerPractitionerRole = (role: string): boolean =>
  (PARTNER_PRACTITIONER_ROLES as readonly string[]).includes(role);

export const DECISION_MAKER_ROLE = 'decision-maker';

export const isDecisionMaker = (actor: Pick<Actor, 'role'>): boolean => actor.role === DECISION_MAKER_ROLE;

/**
 * Every record belongs to one hub; another hub's record is reported as not found so that its
 * existence is not disclosed (platform/errors.ts: `not-found` also hides existence).
 */
export function assertSameHub(actor: Pick<Actor, 'hubId'>, hubId: string): void {
  if (actor.hubId !== hubId) throw new DomainError('not-found', 'No such record');
}

export function assertDecisionMaker(actor: Actor, action: string): void {
  if (!isDecisionMaker(actor)) {
    throw new DomainError('forbidden', `Only a decision maker may ${action}`);
  }
}

export const isBlank = (value: string | undefined | null): boolean =>
  value === undefined || value === null || value.trim() === '';

export const isValidDate = (value: unknown): value is Date =>
  value instanceof Date && !Number.isNaN(value.getTime());

/** YYYY-MM-DD that is a real calendar date. */
export function isIsoDateString(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
