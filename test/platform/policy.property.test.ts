import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decide, permissionsOf, type Actor, type Permission, type ResourceFacts } from '../../src/platform/access/policy';
import { ROLES, type Role } from '../../src/platform/access/roles';

/**
 * Property tests of THE policy against a small reference model written here by hand, by
 * permission rather than by role (the transpose of policy.ts), from PRODUCT.md §1 and C11.
 * A grant added or dropped on either side shows up as a disagreement.
 */

const FRONT_DOOR: Role[] = ['mso', 'social-worker', 'decision-maker'];
const PARTNERS: Role[] = ['police', 'health', 'education', 'probation', 'housing', 'agency-practitioner'];

/** permission → the roles that hold it */
const GRANTS: Partial<Record<Permission, readonly Role[]>> = {
  // platform administration
  'hub.read': ['admin'],
  'hub.manage': ['admin'],
  'agency.read': ['admin', ...FRONT_DOOR, 'ig-lead', 'auditor'],
  'agency.manage': ['admin'],
  'user.read': ['admin', 'ig-lead', 'auditor'],
  'user.manage': ['admin'],
  // audit
  'audit.read': ['ig-lead', 'auditor'],
  'audit.verify': ['auditor'],
  // one's own alerts and tasks
  'notification.read': ROLES,
  // the front door
  'contact.create': FRONT_DOOR,
  'contact.read': [...FRONT_DOOR, 'lado'],
  'contact.update': FRONT_DOOR,
  'contact.screen': FRONT_DOOR,
  'contact.allocate': ['mso', 'decision-maker'],
  'queue.read': FRONT_DOOR,
  'person.search': FRONT_DOOR,
  'person.read': FRONT_DOOR,
  'person.write': FRONT_DOOR,
  'person.merge': ['mso', 'decision-maker'],
  'person.import': ['admin'],
  'consultation.record': FRONT_DOOR,
  // checks and decisions
  'consent.record': FRONT_DOOR,
  'consent.override': ['decision-maker'],
  'enquiry.send': ['decision-maker'],
  'enquiry.read': [...FRONT_DOOR, ...PARTNERS],
  'enquiry.respond': PARTNERS,
  'decision.record': ['decision-maker'],
  'feedback.record': ['social-worker', 'decision-maker'],
  'disagreement.record': ['social-worker', 'decision-maker'],
  'disclosure.record': ['decision-maker'],
  'disclosure.read': ['decision-maker', 'ig-lead', 'auditor'],
  'meeting.manage': ['decision-maker'],
  'meeting.read': [...FRONT_DOOR, ...PARTNERS, 'lado'],
  'lado.read': ['decision-maker', 'lado'],
  // performance
  'report.read': ['performance'],
};
const MODELLED = Object.keys(GRANTS) as Permission[];

/** The reference: role grant, then same hub, then need-to-know. */
function reference(actor: Actor, permission: Permission, resource?: ResourceFacts): boolean {
  if (!(GRANTS[permission] ?? []).includes(actor.role)) return false;
  if (!resource) return true;
  if (resource.hubId !== actor.hubId) return false;
  if (resource.addressedToActor === false) return false;
  if (PARTNERS.includes(actor.role)) {
    // a partner sees a record only through their own agency: it is theirs, or they were asked about it
    if (resource.agencyId !== undefined) return resource.agencyId === actor.agencyId;
    if (resource.enquiryAgencyIds !== undefined) return resource.enquiryAgencyIds.includes(actor.agencyId);
    return false;
  }
  if (actor.role === 'lado' && permission === 'contact.read') return resource.ladoInvolved === true;
  if (actor.role === 'lado' && permission === 'meeting.read') return (resource.enquiryAgencyIds ?? []).includes(actor.agencyId);
  return true;
}

const HUBS = ['hub-a', 'hub-b'];
const AGENCIES = ['agency-1', 'agency-2', 'agency-3'];
const actorArb: fc.Arbitrary<Actor> = fc.record({
  userId: fc.constant('user'),
  hubId: fc.constantFrom(...HUBS),
  agencyId: fc.constantFrom(...AGENCIES),
  role: fc.constantFrom(...ROLES),
  displayName: fc.constant('Synthetic'),
});
const resourceArb: fc.Arbitrary<ResourceFacts> = fc.record(
  {
    hubId: fc.constantFrom(...HUBS),
    agencyId: fc.constantFrom(...AGENCIES),
    enquiryAgencyIds: fc.subarray(AGENCIES),
    ladoInvolved: fc.boolean(),
    addressedToActor: fc.boolean(),
  },
  { requiredKeys: ['hubId'] },
);
const permissionArb = fc.constantFrom(...MODELLED);
const RUNS = 20_000;

describe('the access policy (property tests)', () => {
  it('agrees with the reference model on every actor × permission × resource', () => {
    let cases = 0;
    const disagreements: string[] = [];
    fc.assert(
      fc.property(actorArb, permissionArb, fc.option(resourceArb, { nil: undefined }), (actor, permission, resource) => {
        cases += 1;
        const got = decide(actor, permission, resource).allowed;
        const want = reference(actor, permission, resource);
        if (got !== want) disagreements.push(`${actor.role}@${actor.hubId}/${actor.agencyId} ${permission} ${JSON.stringify(resource)}: policy ${got}, model ${want}`);
        return got === want;
      }),
      { numRuns: RUNS },
    );
    console.log(`policy model: ${cases} cases, ${disagreements.length} disagreements`);
    assert.deepEqual(disagreements, []);
  });

  it('agrees on every role × permission exhaustively, with and without a record', () => {
    const disagreements: string[] = [];
    for (const role of ROLES) {
      for (const permission of MODELLED) {
        const actor: Actor = { userId: 'u', hubId: 'hub-a', agencyId: 'agency-1', role, displayName: 'Synthetic' };
        for (const resource of [undefined, { hubId: 'hub-a' }, { hubId: 'hub-a', agencyId: 'agency-1' }, { hubId: 'hub-a', enquiryAgencyIds: ['agency-1'] }, { hubId: 'hub-a', ladoInvolved: true }]) {
          if (decide(actor, permission, resource).allowed !== reference(actor, permission, resource)) disagreements.push(`${role} ${permission} ${JSON.stringify(resource)}`);
        }
      }
    }
    assert.deepEqual(disagreements, []);
  });

  it('names the permissions the policy grants that the model does not know yet', () => {
    // new permissions come with new features; they are listed, not failed, until modelled here
    const granted = new Set(ROLES.flatMap((r) => [...permissionsOf(r)]));
    const unmodelled = [...granted].filter((p) => !MODELLED.includes(p));
    console.log(`policy model: ${MODELLED.length} permissions modelled; not yet modelled: ${unmodelled.length ? unmodelled.join(', ') : 'none'}`);
    for (const role of ROLES) {
      for (const p of permissionsOf(role)) {
        if (MODELLED.includes(p)) assert.ok(GRANTS[p]!.includes(role), `the policy grants ${p} to ${role}; the model does not`);
      }
    }
  });

  it('never allows anything across hubs', () => {
    fc.assert(
      fc.property(actorArb, fc.constantFrom(...new Set(ROLES.flatMap((r) => [...permissionsOf(r)]))), resourceArb, (actor, permission, resource) => {
        fc.pre(resource.hubId !== actor.hubId);
        const decision = decide(actor, permission, resource);
        return !decision.allowed && decision.reason.length > 0;
      }),
      { numRuns: RUNS },
    );
  });

  it('never shows a partner practitioner a record with no tie to their own agency', () => {
    fc.assert(
      fc.property(actorArb.filter((a) => PARTNERS.includes(a.role)), permissionArb, resourceArb, (actor, permission, resource) => {
        const tied = resource.agencyId !== undefined ? resource.agencyId === actor.agencyId : (resource.enquiryAgencyIds ?? []).includes(actor.agencyId);
        return tied || !decide(actor, permission, { ...resource, hubId: actor.hubId }).allowed;
      }),
      { numRuns: RUNS },
    );
  });

  it('never shows the LADO a meeting its agency was not invited to', () => {
    fc.assert(
      fc.property(actorArb.filter((a) => a.role === 'lado'), resourceArb, (actor, resource) => {
        const invited = (resource.enquiryAgencyIds ?? []).includes(actor.agencyId);
        return invited || !decide(actor, 'meeting.read', { ...resource, hubId: actor.hubId }).allowed;
      }),
      { numRuns: RUNS },
    );
  });

  it('denies by default: a permission nobody defined is refused for every role', () => {
    const known = new Set<string>([...MODELLED, ...ROLES.flatMap((r) => [...permissionsOf(r)])]);
    const unknown = fc.oneof(
      fc.string(),
      fc.constantFrom('', '*', 'admin', 'hub.manage ', 'HUB.MANAGE', 'hub', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'),
    );
    fc.assert(
      fc.property(actorArb, unknown, fc.option(resourceArb, { nil: undefined }), (actor, permission, resource) => {
        fc.pre(!known.has(permission));
        return decide(actor, permission as Permission, resource && { ...resource, hubId: actor.hubId }).allowed === false;
      }),
      { numRuns: RUNS },
    );
  });

  it('denies by default: a role nobody defined holds nothing (and does not throw)', () => {
    const everyPermission = [...new Set([...MODELLED, ...ROLES.flatMap((r) => [...permissionsOf(r)])])];
    for (const role of ['', 'superuser', 'Admin', 'ADMIN', 'admin ', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      const actor = { userId: 'u', hubId: 'hub-a', agencyId: 'agency-1', role: role as Role, displayName: 'Synthetic' };
      for (const permission of everyPermission) {
        let allowed: boolean;
        try {
          allowed = decide(actor, permission, { hubId: 'hub-a' }).allowed || decide(actor, permission).allowed;
        } catch (error) {
          assert.fail(`decide() threw for role "${role}" and ${permission}: ${(error as Error).message}`);
        }
        assert.equal(allowed, false, `role "${role}" must hold no ${permission}`);
      }
      assert.deepEqual([...permissionsOf(role as Role)], [], `role "${role}" has no permissions`);
    }
  });
});
