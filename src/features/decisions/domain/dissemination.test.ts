import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CSC, HEALTH, HUB, POLICE, T0, at, auditor, decisionMaker, health, police, throwsCode } from '../../enquiries/domain/test-builders';
import {
  assertDisseminationPermitted,
  checkDissemination,
  recordPermission,
  type DisseminationItem,
  type DisseminationPermission,
} from './dissemination';

const earlyHelp = { agencyId: 'agency-early-help', name: 'Early help' };
const items: DisseminationItem[] = [
  { itemId: 'p-1', contactId: 'contact-1', originAgencyId: POLICE, heldBack: false },
  { itemId: 'p-2', contactId: 'contact-1', originAgencyId: POLICE, heldBack: true },
  { itemId: 'h-1', contactId: 'contact-1', originAgencyId: HEALTH, heldBack: false },
  { itemId: 'c-1', contactId: 'contact-1', originAgencyId: CSC, heldBack: false },
];
const permission = (over: Partial<DisseminationPermission> = {}): DisseminationPermission => ({
  id: 'perm-police',
  hubId: HUB,
  contactId: 'contact-1',
  originAgencyId: POLICE,
  recipient: earlyHelp,
  purpose: 'safeguarding',
  grantedByName: 'Sergeant Example',
  recordedBy: police.userId,
  grantedAt: T0,
  ...over,
});
const target = { recipient: earlyHelp, disseminatingAgencyId: CSC };

describe('dissemination outside the MASH', () => {
  it('refuses when an item’s originating agency has not given permission', () => {
    const r = checkDissemination([items[0], items[2]], [permission()], target);
    assert.ok(!r.permitted);
    assert.deepEqual(r.missing.map((m) => [m.itemId, m.originAgencyId, m.field]), [['h-1', HEALTH, 'items[1]']]);
    throwsCode(() => assertDisseminationPermitted([items[0], items[2]], [permission()], target), 'forbidden', 'items[1]');
  });

  it('permits when every originating agency agreed, and needs none for the disseminating agency’s own', () => {
    const perms = [permission(), permission({ id: 'perm-health', originAgencyId: HEALTH, grantedByName: 'Nurse Example' })];
    assert.deepEqual(checkDissemination([items[0], items[2], items[3]], perms, target), { permitted: true, permissionIds: ['perm-health', 'perm-police'] });
    assert.deepEqual(checkDissemination([items[3]], [], target), { permitted: true, permissionIds: [] });
    assert.deepEqual(checkDissemination([], [], target), { permitted: true, permissionIds: [] });
  });

  it('a blanket permission does not release held-back items; one naming the item does', () => {
    const r = checkDissemination([items[1]], [permission()], target);
    assert.ok(!r.permitted && r.missing[0].text.includes('held back'));
    assert.ok(checkDissemination([items[1]], [permission({ itemIds: ['p-2'] })], target).permitted);
    assert.ok(!checkDissemination([items[0]], [permission({ itemIds: ['p-2'] })], target).permitted);
  });

  it('permission is for one recipient and one contact, and can be revoked', () => {
    assert.ok(!checkDissemination([items[0]], [permission({ recipient: { agencyId: 'agency-other', name: 'Other' } })], target).permitted);
    assert.ok(!checkDissemination([items[0]], [permission({ contactId: 'contact-2' })], target).permitted);
    assert.ok(!checkDissemination([items[0]], [permission({ revokedAt: at(1) })], target).permitted);
    const byName = { recipient: { name: 'Test Nursery' }, disseminatingAgencyId: CSC };
    assert.ok(checkDissemination([items[0]], [permission({ recipient: { name: ' test nursery ' } })], byName).permitted);
  });

  it('records a permission from the originating agency or a decision maker, for agreed purposes only', () => {
    const { recordedBy: _r, ...input } = permission();
    assert.equal(recordPermission(input, police, T0).recordedBy, police.userId);
    assert.equal(recordPermission(input, decisionMaker, T0).recordedBy, decisionMaker.userId);
    throwsCode(() => recordPermission(input, health, T0), 'forbidden');
    throwsCode(() => recordPermission(input, { ...auditor, agencyId: POLICE }, T0), 'forbidden');
    throwsCode(() => recordPermission({ ...input, purpose: 'marketing' as never }, police, T0), 'validation', 'purpose');
    throwsCode(() => recordPermission({ ...input, grantedByName: '' }, police, T0), 'validation', 'grantedByName');
    throwsCode(() => recordPermission({ ...input, grantedAt: at(5) }, police, T0), 'validation', 'grantedAt');
    throwsCode(() => recordPermission({ ...input, itemIds: [] }, police, T0), 'validation', 'itemIds');
  });
});
