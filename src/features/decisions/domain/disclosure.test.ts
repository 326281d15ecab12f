import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { tasksForConsentWithdrawal } from '../../consent/domain/withdrawal-tasks';
import { HUB, POLICE, T0, auditor, decisionMaker, givenConsent, throwsCode } from '../../enquiries/domain/test-builders';
import { recordDisclosure, type DisclosureInput } from './disclosure';
import type { DisseminationItem, DisseminationPermission } from './dissemination';
import { DEFAULT_SECURE_DOMAINS } from './secure-domain';

const input = (over: Partial<DisclosureInput> = {}): DisclosureInput => ({
  id: 'disc-1',
  hubId: HUB,
  contactId: 'contact-1',
  personIds: ['person-1'],
  what: 'Referral with police summary',
  recipient: { agencyId: 'agency-early-help', name: 'Early help', email: 'team@test.gcsx.gov.uk' },
  purpose: 'Referral for early help',
  legalBases: ['uk-gdpr-6-1-e'],
  method: 'secure-email',
  ...over,
});
const item: DisseminationItem = { itemId: 'p-1', contactId: 'contact-1', originAgencyId: POLICE, heldBack: false };
const perm: DisseminationPermission = {
  id: 'perm-1',
  hubId: HUB,
  contactId: 'contact-1',
  originAgencyId: POLICE,
  recipient: { agencyId: 'agency-early-help', name: 'Early help' },
  purpose: 'safeguarding',
  grantedByName: 'Sergeant Example',
  recordedBy: 'u',
  grantedAt: T0,
};
const rules = (over: object = {}) => ({ approvedDomains: DEFAULT_SECURE_DOMAINS, items: [item], permissions: [perm], ...over });

describe('disclosure ledger', () => {
  it('records what, to whom, why, basis, by whom and when, with the permissions relied on', () => {
    const e = recordDisclosure(input(), rules(), decisionMaker, T0);
    assert.deepEqual(
      { what: e.what, to: e.recipient.name, why: e.purpose, basis: e.legalBases, by: e.disclosedBy, when: e.disclosedAt, items: e.itemIds, perms: e.permissionIds },
      { what: 'Referral with police summary', to: 'Early help', why: 'Referral for early help', basis: ['uk-gdpr-6-1-e'], by: decisionMaker.userId, when: T0, items: ['p-1'], perms: ['perm-1'] },
    );
  });

  it('is refused without the originating agency’s permission', () => {
    throwsCode(() => recordDisclosure(input(), rules({ permissions: [] }), decisionMaker, T0), 'forbidden', 'items[0]');
  });

  it('is refused by email outside the approved secure domains', () => {
    throwsCode(() => recordDisclosure(input({ recipient: { name: 'X', email: 'x@gmail.com' } }), rules({ items: [] }), decisionMaker, T0), 'validation', 'recipient.email');
  });

  it('validates the entry', () => {
    throwsCode(() => recordDisclosure(input({ legalBases: [] }), rules(), decisionMaker, T0), 'validation', 'legalBases');
    throwsCode(() => recordDisclosure(input({ purpose: '' }), rules(), decisionMaker, T0), 'validation', 'purpose');
    throwsCode(() => recordDisclosure(input({ what: '' }), rules(), decisionMaker, T0), 'validation', 'what');
    throwsCode(() => recordDisclosure(input({ personIds: [] }), rules(), decisionMaker, T0), 'validation', 'personIds');
    throwsCode(() => recordDisclosure(input(), rules({ items: [{ ...item, contactId: 'contact-2' }] }), decisionMaker, T0), 'validation', 'items[0]');
    throwsCode(() => recordDisclosure(input(), rules(), auditor, T0), 'forbidden');
  });

  it('feeds the consent-withdrawal tasks', () => {
    const entry = recordDisclosure(input(), rules(), decisionMaker, T0);
    const withdrawn = givenConsent('person-1', { status: 'withdrawn' } as never);
    const tasks = tasksForConsentWithdrawal(withdrawn, [entry], T0);
    assert.deepEqual(tasks.map((t) => [t.recipient.agencyId, t.disclosureIds]), [['agency-early-help', ['disc-1']]]);
  });
});
