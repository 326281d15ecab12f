/**
 * Who may call each feature route, written out by hand from PRODUCT.md §1, C1-C8, C11, C14 —
 * deliberately not derived from src/platform/access/policy.ts, so that a policy change or a
 * route that forgets to ask the policy shows up as an unexpected allow or deny.
 *
 * A rule answers for one demo role and one relationship of the caller to the record the route
 * names. Another hub's record, and nobody signed in, are refused everywhere (the runner's job).
 */
import { PARTNER_ROLES, ROLES, type Role } from '../../../src/platform/access/roles';

/**
 * The caller's relationship to the record:
 * - `none`: a record of their hub with no tie to their agency (for the front door, their work)
 * - `own-agency` / `other-agency`: a request to the caller's agency (a contact asked of it, a
 *   permission it gave, a meeting it was invited to), or one to another agency only
 * - `allegation`: for the LADO, a contact with an allegation against a professional
 * - `held-back`: the contact or request whose answer has a part held back within the MASH
 * - `mine` / `someone-else`: a task addressed to the caller, or to another user
 * - `other-hub`: a record of another hub
 */
export type Relationship = 'none' | 'own-agency' | 'other-agency' | 'allegation' | 'held-back' | 'mine' | 'someone-else' | 'other-hub';

/** What the route's `:id` names. */
export type RecordKind = 'contact' | 'enquiry' | 'consent' | 'permission' | 'disagreement' | 'meeting' | 'task' | 'person';

export type Rule = (role: Role, relationship: Relationship) => boolean;

export interface Expectation {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  record?: RecordKind;
  allowed: Rule;
  /** list routes: ids the caller must not see in the answer */
  hides?: 'enquiries' | 'meetings' | 'tasks' | 'other-hub';
  /** the route shows agencies' answers: the decision maker and the originating agency see their held-back parts (C6) */
  showsAnswers?: boolean;
}

export const isPartner = (role: Role): boolean => PARTNER_ROLES.includes(role);

// --- who, by intent ---
/** the front door of children's social care: MSO, MASH social worker, decision maker (§1) */
const FRONT_DOOR: readonly Role[] = ['mso', 'social-worker', 'decision-maker'];
/** sends requests, overrides consent, decides, convenes meetings, lets information leave the MASH (C5-C8) */
const DECISION_MAKER: readonly Role[] = ['decision-maker'];
/** allocation within the front-door team: the duty support officer and the team manager (C4) */
const ALLOCATORS: readonly Role[] = ['mso', 'decision-maker'];
/** feedback to the referrer (C7) */
const FEEDBACK: readonly Role[] = ['social-worker', 'decision-maker'];
/** disagreements are recorded by the MASH workers (C7) and read by IG and auditors for assurance */
const DISAGREEMENT_RECORDERS: readonly Role[] = ['social-worker', 'decision-maker'];
const DISAGREEMENT_READERS: readonly Role[] = [...DISAGREEMENT_RECORDERS, 'ig-lead', 'auditor'];
/** "what did we share about this family, with whom and why" (C11): the decision maker, IG, auditors */
const LEDGER_READERS: readonly Role[] = ['decision-maker', 'ig-lead', 'auditor'];
/** the hub's front-door settings: administrators change them; the front door reads thresholds to screen */
const SETTINGS_READERS: readonly Role[] = ['admin', ...FRONT_DOOR];
const ADMINISTRATORS: readonly Role[] = ['admin'];

const anyOf =
  (roles: readonly Role[]): Rule =>
  (role) =>
    roles.includes(role);
/** the front door; the LADO only on an allegation against a professional (C1, §1) */
const contactReaders: Rule = (role, rel) => FRONT_DOOR.includes(role) || (role === 'lado' && rel === 'allegation');
/** `roles`, and a partner practitioner on their own agency's request only (C6) */
const withOwnAgency =
  (roles: readonly Role[]): Rule =>
  (role, rel) =>
    roles.includes(role) || (isPartner(role) && rel === 'own-agency');
/** meetings: the front door; partners and the LADO when their agency was invited (C8) */
const meetingReaders: Rule = (role, rel) => FRONT_DOOR.includes(role) || ((isPartner(role) || role === 'lado') && rel === 'own-agency');
const meetingListers: Rule = (role) => FRONT_DOOR.includes(role) || isPartner(role) || role === 'lado';
/** one's own tasks only */
const ownTask: Rule = (_role, rel) => rel === 'mine';
const everyone: Rule = () => true;

const E = (method: Expectation['method'], path: string, allowed: Rule, extra: Partial<Expectation> = {}): Expectation => ({ method, path, allowed, ...extra });

export const EXPECTATIONS: Expectation[] = [
  // --- contacts (C1, C3, C4, C14): API ---
  E('POST', '/api/v1/contacts', anyOf(FRONT_DOOR)),
  E('POST', '/api/v1/consultations', anyOf(FRONT_DOOR)),
  E('GET', '/api/v1/contacts/:id', contactReaders, { record: 'contact' }),
  E('POST', '/api/v1/contacts/:id/screening', anyOf(FRONT_DOOR), { record: 'contact' }),
  E('PUT', '/api/v1/contacts/:id/allocation', anyOf(ALLOCATORS), { record: 'contact' }),
  E('POST', '/api/v1/contacts/:id/written-referral', anyOf(FRONT_DOOR), { record: 'contact' }),
  E('GET', '/api/v1/queues/:queue', anyOf(FRONT_DOOR), { hides: 'other-hub' }),
  E('GET', '/api/v1/front-door/options', anyOf(FRONT_DOOR)),
  E('GET', '/api/v1/hub/front-door-settings', anyOf(SETTINGS_READERS)),
  E('PUT', '/api/v1/hub/front-door-settings', anyOf(ADMINISTRATORS)),
  // --- contacts: pages ---
  E('GET', '/contacts', anyOf(FRONT_DOOR), { hides: 'other-hub' }),
  E('GET', '/contacts/new', anyOf(FRONT_DOOR)),
  E('POST', '/contacts/new', anyOf(FRONT_DOOR)),
  E('GET', '/consultations/new', anyOf(FRONT_DOOR)),
  E('POST', '/consultations/new', anyOf(FRONT_DOOR)),
  E('GET', '/contacts/:id', contactReaders, { record: 'contact' }),
  E('GET', '/contacts/:id/screen', anyOf(FRONT_DOOR), { record: 'contact' }),
  E('POST', '/contacts/:id/screen', anyOf(FRONT_DOOR), { record: 'contact' }),
  E('POST', '/contacts/:id/allocate', anyOf(ALLOCATORS), { record: 'contact' }),
  E('POST', '/contacts/:id/written-referral', anyOf(FRONT_DOOR), { record: 'contact' }),
  E('GET', '/admin/front-door-settings', anyOf(ADMINISTRATORS)),
  E('POST', '/admin/front-door-settings', anyOf(ADMINISTRATORS)),

  // --- MASH checks (C5, C6): API ---
  E('GET', '/api/v1/contacts/:id/checks', anyOf(FRONT_DOOR), { record: 'contact', showsAnswers: true }),
  E('GET', '/api/v1/contacts/:id/responses', anyOf(FRONT_DOOR), { record: 'contact', showsAnswers: true }),
  E('POST', '/api/v1/contacts/:id/consents', anyOf(FRONT_DOOR), { record: 'contact' }),
  E('POST', '/api/v1/consents/:id/withdraw', anyOf(FRONT_DOOR), { record: 'consent' }),
  E('POST', '/api/v1/contacts/:id/consent-overrides', anyOf(DECISION_MAKER), { record: 'contact' }),
  E('POST', '/api/v1/contacts/:id/enquiries', anyOf(DECISION_MAKER), { record: 'contact' }),
  E('POST', '/api/v1/contacts/:id/decisions-not-to-share', anyOf(DECISION_MAKER), { record: 'contact' }),
  E('GET', '/api/v1/enquiries', (role) => FRONT_DOOR.includes(role) || isPartner(role), { hides: 'enquiries' }),
  E('GET', '/api/v1/enquiries/:id', withOwnAgency(FRONT_DOOR), { record: 'enquiry', showsAnswers: true }),
  E('POST', '/api/v1/enquiries/:id/acknowledge', withOwnAgency([]), { record: 'enquiry' }),
  E('POST', '/api/v1/enquiries/:id/response', withOwnAgency([]), { record: 'enquiry' }),
  E('POST', '/api/v1/enquiries/:id/additions', withOwnAgency([]), { record: 'enquiry' }),
  E('POST', '/api/v1/enquiries/:id/withdraw', anyOf(DECISION_MAKER), { record: 'enquiry' }),
  // --- MASH checks: pages (a form page answers to whoever may send the form) ---
  E('GET', '/contacts/:id/checks', anyOf(FRONT_DOOR), { record: 'contact', showsAnswers: true }),
  E('GET', '/contacts/:id/checks/consent/:subjectId', anyOf(FRONT_DOOR), { record: 'contact' }),
  E('POST', '/contacts/:id/checks/consent/:subjectId', anyOf(FRONT_DOOR), { record: 'contact' }),
  E('GET', '/contacts/:id/checks/consents/:consentId/withdraw', anyOf(FRONT_DOOR), { record: 'contact' }),
  E('POST', '/contacts/:id/checks/consents/:consentId/withdraw', anyOf(FRONT_DOOR), { record: 'contact' }),
  E('GET', '/contacts/:id/checks/override', anyOf(DECISION_MAKER), { record: 'contact' }),
  E('POST', '/contacts/:id/checks/override', anyOf(DECISION_MAKER), { record: 'contact' }),
  E('GET', '/contacts/:id/checks/send', anyOf(DECISION_MAKER), { record: 'contact' }),
  E('POST', '/contacts/:id/checks/send', anyOf(DECISION_MAKER), { record: 'contact' }),
  E('GET', '/contacts/:id/checks/not-share', anyOf(DECISION_MAKER), { record: 'contact' }),
  E('POST', '/contacts/:id/checks/not-share', anyOf(DECISION_MAKER), { record: 'contact' }),
  E('GET', '/enquiries', (role) => FRONT_DOOR.includes(role) || isPartner(role), { hides: 'enquiries' }),
  E('GET', '/enquiries/:id', withOwnAgency(FRONT_DOOR), { record: 'enquiry', showsAnswers: true }),
  E('POST', '/enquiries/:id/acknowledge', withOwnAgency([]), { record: 'enquiry' }),
  E('GET', '/enquiries/:id/respond', withOwnAgency([]), { record: 'enquiry' }),
  E('POST', '/enquiries/:id/respond', withOwnAgency([]), { record: 'enquiry' }),
  E('GET', '/enquiries/:id/add', withOwnAgency([]), { record: 'enquiry' }),
  E('POST', '/enquiries/:id/add', withOwnAgency([]), { record: 'enquiry' }),
  E('GET', '/enquiries/:id/withdraw', anyOf(DECISION_MAKER), { record: 'enquiry' }),
  E('POST', '/enquiries/:id/withdraw', anyOf(DECISION_MAKER), { record: 'enquiry' }),

  // --- decision, feedback, disagreements, dissemination, the ledger (C5, C7, C11): API ---
  E('GET', '/api/v1/contacts/:id/decision', contactReaders, { record: 'contact', showsAnswers: true }),
  E('POST', '/api/v1/contacts/:id/decision', anyOf(DECISION_MAKER), { record: 'contact' }),
  E('POST', '/api/v1/contacts/:id/feedback', anyOf(FEEDBACK), { record: 'contact' }),
  E('GET', '/api/v1/disagreements', anyOf(DISAGREEMENT_READERS), { hides: 'other-hub' }),
  E('POST', '/api/v1/disagreements', anyOf(DISAGREEMENT_RECORDERS)),
  E('GET', '/api/v1/disagreements/:id', anyOf(DISAGREEMENT_READERS), { record: 'disagreement' }),
  E('POST', '/api/v1/disagreements/:id/escalate', anyOf(DISAGREEMENT_RECORDERS), { record: 'disagreement' }),
  E('POST', '/api/v1/disagreements/:id/resolve', anyOf(DISAGREEMENT_RECORDERS), { record: 'disagreement' }),
  // the originating agency gives (and withdraws) its own permission; the decision maker records it on their word (C6)
  E('GET', '/api/v1/contacts/:id/dissemination-permissions', withOwnAgency(LEDGER_READERS), { record: 'contact' }),
  E('POST', '/api/v1/contacts/:id/dissemination-permissions', withOwnAgency(DECISION_MAKER), { record: 'contact' }),
  E('POST', '/api/v1/dissemination-permissions/:id/revoke', withOwnAgency(DECISION_MAKER), { record: 'permission' }),
  E('POST', '/api/v1/contacts/:id/disseminations', anyOf(DECISION_MAKER), { record: 'contact' }),
  E('GET', '/api/v1/disclosures', anyOf(LEDGER_READERS), { record: 'contact' }),
  // --- the same: pages ---
  E('GET', '/contacts/:id/decision', contactReaders, { record: 'contact', showsAnswers: true }),
  E('POST', '/contacts/:id/decision', anyOf(DECISION_MAKER), { record: 'contact' }),
  E('POST', '/contacts/:id/feedback', anyOf(FEEDBACK), { record: 'contact' }),
  E('GET', '/disagreements', anyOf(DISAGREEMENT_READERS), { hides: 'other-hub' }),
  E('GET', '/disagreements/new', anyOf(DISAGREEMENT_RECORDERS)),
  E('POST', '/disagreements/new', anyOf(DISAGREEMENT_RECORDERS)),
  E('GET', '/disagreements/:id', anyOf(DISAGREEMENT_READERS), { record: 'disagreement' }),
  E('POST', '/disagreements/:id/escalate', anyOf(DISAGREEMENT_RECORDERS), { record: 'disagreement' }),
  E('POST', '/disagreements/:id/resolve', anyOf(DISAGREEMENT_RECORDERS), { record: 'disagreement' }),
  E('GET', '/contacts/:id/permissions/new', withOwnAgency(DECISION_MAKER), { record: 'contact', showsAnswers: true }),
  E('POST', '/contacts/:id/permissions/new', withOwnAgency(DECISION_MAKER), { record: 'contact' }),
  E('POST', '/dissemination-permissions/:id/revoke', withOwnAgency(DECISION_MAKER), { record: 'permission' }),
  E('GET', '/contacts/:id/disseminate', anyOf(DECISION_MAKER), { record: 'contact', showsAnswers: true }),
  E('POST', '/contacts/:id/disseminate', anyOf(DECISION_MAKER), { record: 'contact' }),
  E('GET', '/disclosures', anyOf(LEDGER_READERS)),
  E('POST', '/disclosures', anyOf(LEDGER_READERS)),
  E('GET', '/disclosures/contacts/:id', anyOf(LEDGER_READERS), { record: 'contact' }),
  E('GET', '/disclosures/persons/:id', anyOf(LEDGER_READERS), { record: 'person' }),

  // --- MASH meetings and strategy discussions (C8): API ---
  E('GET', '/api/v1/meetings', meetingListers, { hides: 'meetings' }),
  E('POST', '/api/v1/meetings', anyOf(DECISION_MAKER)),
  E('GET', '/api/v1/meetings/slots', anyOf(DECISION_MAKER)),
  E('GET', '/api/v1/meetings/:id', meetingReaders, { record: 'meeting' }),
  E('POST', '/api/v1/meetings/:id/hold', anyOf(DECISION_MAKER), { record: 'meeting' }),
  E('POST', '/api/v1/meetings/:id/circulate-minutes', anyOf(DECISION_MAKER), { record: 'meeting' }),
  E('POST', '/api/v1/meetings/:id/cancel', anyOf(DECISION_MAKER), { record: 'meeting' }),
  E('POST', '/api/v1/meetings/:id/dsl-invitation', anyOf(DECISION_MAKER), { record: 'meeting' }),
  // --- pages ---
  E('GET', '/meetings', meetingListers, { hides: 'meetings' }),
  E('GET', '/meetings/new', anyOf(DECISION_MAKER)),
  E('POST', '/meetings/new', anyOf(DECISION_MAKER)),
  E('GET', '/meetings/:id', meetingReaders, { record: 'meeting' }),
  E('GET', '/meetings/:id/hold', anyOf(DECISION_MAKER), { record: 'meeting' }),
  E('POST', '/meetings/:id/hold', anyOf(DECISION_MAKER), { record: 'meeting' }),
  E('POST', '/meetings/:id/circulate-minutes', anyOf(DECISION_MAKER), { record: 'meeting' }),
  E('GET', '/meetings/:id/cancel', anyOf(DECISION_MAKER), { record: 'meeting' }),
  E('POST', '/meetings/:id/cancel', anyOf(DECISION_MAKER), { record: 'meeting' }),
  E('GET', '/meetings/:id/invitation', anyOf(DECISION_MAKER), { record: 'meeting' }),
  E('POST', '/meetings/:id/invitation', anyOf(DECISION_MAKER), { record: 'meeting' }),

  // --- one's own alerts and tasks ---
  E('GET', '/api/v1/tasks', everyone, { hides: 'tasks' }),
  E('POST', '/api/v1/tasks/:id/complete', ownTask, { record: 'task' }),
  E('GET', '/tasks', everyone, { hides: 'tasks' }),
  E('POST', '/tasks/:id/complete', ownTask, { record: 'task' }),
];

/**
 * Routes the app registers that this matrix does not call, each with the reason. Routes of the
 * platform and person-index matrices are read from those files (see the runner).
 */
export const EXEMPT: Array<{ method: string; path: string; reason: string }> = [
  ...['/assets/govuk-frontend.min.css', '/assets/govuk-frontend.min.js', '/assets/moj-frontend.min.css', '/assets/app.css', '/assets/init.js', '/*'].map((path) => ({
    method: 'GET',
    path,
    reason: 'static assets: public, no data',
  })),
  ...['/api/docs', '/api/docs/', '/api/docs/static/index.html', '/api/docs/static/swagger-initializer.js', '/api/docs/*', '/api/docs/json', '/api/docs/yaml', '/api/openapi.json'].map((path) => ({
    method: 'GET',
    path,
    reason: 'the API description: public, no data',
  })),
  { method: 'GET', path: '/accessibility', reason: 'the accessibility statement: public, no data' },
  ...[
    ['POST', '/api/v1/auth/token'],
    ['GET', '/sign-in'],
    ['POST', '/sign-in'],
    ['GET', '/sign-in/second-factor'],
    ['POST', '/sign-in/second-factor'],
    ['GET', '/sign-in/set-up-second-factor'],
    ['POST', '/sign-in/set-up-second-factor'],
    ['POST', '/sign-out'],
  ].map(([method, path]) => ({ method, path, reason: 'signing in and out: before any role applies (test/platform/auth.test.ts)' })),
  ...[
    ['GET', '/api/v1/public/referral-areas'],
    ['POST', '/api/v1/public/referrals'],
    ['GET', '/refer'],
    ['POST', '/refer'],
    ['GET', '/refer/confirmation'],
  ].map(([method, path]) => ({ method, path, reason: 'the public referral form: anyone, no account, rate-limited (test/contacts)' })),
];

export { ROLES };
