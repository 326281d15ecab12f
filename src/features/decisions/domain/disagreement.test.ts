import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HUB, POLICE, T0, at, auditor, decisionMaker, police, throwsCode } from '../../enquiries/domain/test-builders';
import {
  DEFAULT_ESCALATION_PATH,
  ESCALATION_LEVELS,
  escalateDisagreement,
  raiseDisagreement,
  resolveDisagreement,
  type RaiseDisagreementInput,
} from './disagreement';

const raise = (over: Partial<RaiseDisagreementInput> = {}): RaiseDisagreementInput => ({
  id: 'dis-1',
  hubId: HUB,
  contactId: 'contact-1',
  subject: 'decision',
  description: 'Police consider the BRAG should be red',
  withAgencyIds: ['agency-csc'],
  ...over,
});

describe('disagreements between agencies', () => {
  it('has the levels of 000 §9 and 002 §4.3.9-4.3.13, lowest first, with labels', () => {
    assert.deepEqual(DEFAULT_ESCALATION_PATH, [
      'practitioners',
      'managers',
      'operational-managers-meeting',
      'head-of-service',
      'strategic-board',
      'safeguarding-partnership',
    ]);
    assert.equal(ESCALATION_LEVELS['head-of-service'], 'Head of service or strategic lead');
  });

  it('is raised at the first level of the path', () => {
    const d = raiseDisagreement(raise(), police, T0);
    assert.equal(d.status, 'open');
    assert.equal(d.level, 'practitioners');
    assert.equal(d.raisedByAgencyId, POLICE);
    assert.deepEqual(d.steps, [{ level: 'practitioners', at: T0, by: police.userId, reason: 'Raised' }]);
  });

  it('escalates up the path, one level or several with a reason', () => {
    const d = raiseDisagreement(raise(), police, T0);
    const up = escalateDisagreement(d, { reason: 'Not resolved locally' }, police, at(60));
    assert.equal(up.level, 'managers');
    const jump = escalateDisagreement(up, { toLevel: 'head-of-service', reason: 'Urgent' }, decisionMaker, at(120));
    assert.equal(jump.level, 'head-of-service');
    assert.equal(jump.steps.length, 3);
    throwsCode(() => escalateDisagreement(jump, { toLevel: 'managers', reason: 'x' }, police, at(130)), 'validation', 'toLevel');
    throwsCode(() => escalateDisagreement(jump, { reason: '' }, police, at(130)), 'validation', 'reason');
    const top = escalateDisagreement(jump, { toLevel: 'safeguarding-partnership', reason: 'x' }, police, at(140));
    throwsCode(() => escalateDisagreement(top, { reason: 'x' }, police, at(150)), 'invalid-state');
  });

  it('follows a hub’s own path (Barnet: no operational managers meeting or board)', () => {
    const barnet = ['managers', 'head-of-service', 'safeguarding-partnership'] as const;
    const d = raiseDisagreement(raise({ path: barnet }), police, T0);
    assert.equal(d.level, 'managers');
    assert.equal(escalateDisagreement(d, { reason: 'x' }, police, at(1)).level, 'head-of-service');
    throwsCode(() => escalateDisagreement(d, { toLevel: 'strategic-board', reason: 'x' }, police, at(1)), 'validation', 'toLevel');
    throwsCode(() => raiseDisagreement(raise({ path: ['head-of-service', 'managers'] }), police, T0), 'validation', 'path');
    throwsCode(() => raiseDisagreement(raise({ path: [] }), police, T0), 'validation', 'path');
  });

  it('is resolved once, with the resolution and the level it was resolved at', () => {
    const d = escalateDisagreement(raiseDisagreement(raise(), police, T0), { reason: 'x' }, police, at(1));
    const r = resolveDisagreement(d, { resolution: 'Agreed amber with review' }, decisionMaker, at(2));
    assert.ok(r.status === 'resolved' && r.resolution === 'Agreed amber with review' && r.level === 'managers');
    throwsCode(() => resolveDisagreement(r, { resolution: 'again' }, police, at(3)), 'invalid-state');
    throwsCode(() => escalateDisagreement(r, { reason: 'x' }, police, at(3)), 'invalid-state');
    throwsCode(() => resolveDisagreement(d, { resolution: '' }, police, at(3)), 'validation', 'resolution');
  });

  it('validates the raising and refuses read-only roles', () => {
    throwsCode(() => raiseDisagreement(raise({ description: '' }), police, T0), 'validation', 'description');
    throwsCode(() => raiseDisagreement(raise({ withAgencyIds: [] }), police, T0), 'validation', 'withAgencyIds');
    throwsCode(() => raiseDisagreement(raise({ withAgencyIds: [POLICE] }), police, T0), 'validation', 'withAgencyIds');
    throwsCode(() => raiseDisagreement(raise({ subject: 'x' as never }), police, T0), 'validation', 'subject');
    throwsCode(() => raiseDisagreement(raise(), auditor, T0), 'forbidden');
  });
});
