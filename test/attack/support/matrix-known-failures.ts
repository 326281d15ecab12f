/**
 * Cases of the all-routes access matrix that fail today because of the product, not the matrix.
 * Each group is a finding reported to the lead, who decides; the product code is not changed
 * here. When a finding is fixed its cases pass, and the matrix asks for them to be taken out.
 * Key: `METHOD /path as role (relationship)`.
 */
import type { Role } from '../../../src/platform/access/roles';

const PARTNERS: Role[] = ['police', 'health', 'education', 'probation', 'housing', 'agency-practitioner'];
const EVERY_ROLE: Role[] = ['admin', 'mso', 'social-worker', 'decision-maker', ...PARTNERS, 'lado', 'ig-lead', 'auditor', 'performance'];

const cases = (method: string, path: string, roles: readonly string[], relationship: string) => roles.map((role) => `${method} ${path} as ${role} (${relationship})`);

const FINDINGS: Array<{ finding: string; cases: string[] }> = [
  {
    finding:
      'need-to-know: a partner practitioner records a dissemination permission (201) on any contact of the hub, also one their agency was never asked about; ' +
      'requirePermitter (decisions/dissemination.ts) checks only that the origin is their own agency, so the answer also tells them the contact exists (404 for an unknown id)',
    cases: cases('POST', '/api/v1/contacts/:id/dissemination-permissions', PARTNERS, 'other-agency'),
  },
  {
    finding:
      'need-to-know: the LADO reads every meeting of the hub (children named, agencies’ information, S47 decisions), not only meetings the LADO was invited to; ' +
      'meetings-service listMeetings/loadFor filter by invitation for partner roles only',
    cases: [
      ...cases('GET', '/api/v1/meetings', ['lado'], 'none'),
      ...cases('GET', '/meetings', ['lado'], 'none'),
      ...cases('GET', '/api/v1/meetings/:id', ['lado'], 'other-agency'),
      ...cases('GET', '/meetings/:id', ['lado'], 'other-agency'),
      ...['hold', 'cancel', 'invitation'].flatMap((form) => cases('GET', `/meetings/:id/${form}`, ['lado'], 'other-agency')),
    ],
  },
  {
    finding:
      'a partner practitioner cannot use the page to record their own agency’s permission to share (GET and the re-shown form answer 404: the page loads the decision overview, which needs contact.read), ' +
      'though the API lets them (POST /api/v1/contacts/:id/dissemination-permissions)',
    cases: [
      ...cases('GET', '/contacts/:id/permissions/new', PARTNERS, 'own-agency'),
      ...cases('POST', '/contacts/:id/permissions/new', PARTNERS, 'own-agency'),
      ...cases('GET', '/contacts/:id/permissions/new', ['police'], 'held-back'),
    ],
  },
  {
    finding:
      'the LADO opens an allegation contact (GET /contacts/:id) but not the decision on it (404): loadChecksContact (checks/checks-contact.ts) asks for contact.read without the allegation fact the policy needs',
    cases: [...cases('GET', '/api/v1/contacts/:id/decision', ['lado'], 'allegation'), ...cases('GET', '/contacts/:id/decision', ['lado'], 'allegation')],
  },
  {
    finding: 'GET /disclosures (the ledger search form) asks nobody: every signed-in role gets the page; the search itself (POST) is refused to them',
    cases: cases('GET', '/disclosures', EVERY_ROLE.filter((r) => !['decision-maker', 'ig-lead', 'auditor'].includes(r)), 'none'),
  },
  {
    finding:
      'form pages answer to whoever may read the record, not to whoever may send the form (the other matrices hold form pages to the write permission); ' +
      'no data beyond what the role may read, and sending the form is refused',
    cases: [
      ...['override', 'send', 'not-share'].flatMap((form) => cases('GET', `/contacts/:id/checks/${form}`, ['mso', 'social-worker'], 'none')),
      ...cases('GET', '/contacts/:id/disseminate', ['mso', 'social-worker'], 'none'),
      ...cases('GET', '/contacts/:id/permissions/new', ['mso', 'social-worker'], 'none'),
      ...cases('GET', '/enquiries/:id/respond', ['mso', 'social-worker', 'decision-maker'], 'none'),
      ...cases('GET', '/enquiries/:id/add', ['mso', 'social-worker', 'decision-maker'], 'none'),
      ...cases('GET', '/enquiries/:id/withdraw', ['mso', 'social-worker'], 'none'),
      ...cases('GET', '/enquiries/:id/withdraw', PARTNERS, 'own-agency'),
      ...['hold', 'cancel', 'invitation'].flatMap((form) => [
        ...cases('GET', `/meetings/:id/${form}`, ['mso', 'social-worker'], 'none'),
        ...cases('GET', `/meetings/:id/${form}`, [...PARTNERS, 'lado'], 'own-agency'),
      ]),
      ...cases('GET', '/disagreements/new', ['mso', ...PARTNERS, 'lado'], 'none'),
    ],
  },
  {
    finding:
      'refusals answered "not found" by the service itself, not by the policy, so no access.refused audit event is written (C11): ' +
      'completing another user’s or another hub’s task (tasks-service complete), a partner listing permissions on a contact their agency was not asked about (dissemination.ts listPermissions), ' +
      'and the disclosure ledger searched for another hub’s contact or person (disclosure-search.ts)',
    cases: [
      ...['/api/v1/tasks/:id/complete', '/tasks/:id/complete'].flatMap((path) => [...cases('POST', path, EVERY_ROLE, 'someone-else'), ...cases('POST', path, EVERY_ROLE, 'other-hub')]),
      ...cases('GET', '/api/v1/contacts/:id/dissemination-permissions', PARTNERS, 'other-agency'),
      ...['/api/v1/disclosures', '/disclosures/contacts/:id', '/disclosures/persons/:id'].flatMap((path) => cases('GET', path, ['decision-maker', 'ig-lead', 'auditor'], 'other-hub')),
    ],
  },
];

export const KNOWN_FAILURES = new Map<string, string>(FINDINGS.flatMap((f) => f.cases.map((c) => [c, f.finding] as [string, string])));
