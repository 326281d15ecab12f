import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '../../../platform/errors';
import { HUB, T0, at, actor, auditor, decisionMaker, igLead, police, socialWorker } from '../../enquiries/domain/test-builders';
import { NOT_SOUGHT_REASONS, hasConsent, recordConsent, validateConsent, withdrawConsent, type ConsentInput } from './consent-record';

const given = (over: Partial<ConsentInput> = {}): ConsentInput => ({
  id: 'consent-1',
  hubId: HUB,
  contactId: 'contact-1',
  personId: 'person-1',
  subjectIsAdult: false,
  answer: 'given',
  soughtFrom: { kind: 'parental-responsibility', names: ['Parent Example'] },
  soughtAt: at(-30),
  scope: 'MASH checks with police and health',
  ...over,
});

const fields = (input: ConsentInput) => validateConsent(input, T0).map((e) => e.field);

function throwsCode(fn: () => unknown, code: string, field?: string) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof DomainError);
    assert.equal(e.code, code);
    if (field) assert.ok(e.fields.some((f) => f.field === field), `expected field ${field}, got ${JSON.stringify(e.fields)}`);
    return true;
  });
}

describe('consent record', () => {
  it('lists the 000 §6.3 reasons for not seeking consent, word for word', () => {
    assert.deepEqual(Object.keys(NOT_SOUGHT_REASONS), [
      'immediate-danger',
      'risk-to-child',
      'prejudice-criminal-investigation',
      'public-protection',
      'unjustifiable-delay',
    ]);
    assert.equal(NOT_SOUGHT_REASONS['immediate-danger'], 'The child is in immediate danger');
    assert.equal(NOT_SOUGHT_REASONS['unjustifiable-delay'], 'Obtaining consent could lead to unjustifiable delay in enquiries');
  });

  it('records consent given by holders of parental responsibility', () => {
    const { record, event } = recordConsent(given(), socialWorker, T0);
    assert.equal(record.status, 'given');
    assert.equal(record.recordedBy, socialWorker.userId);
    assert.ok(hasConsent(record));
    assert.deepEqual({ type: event.type, at: event.at, status: event.status }, { type: 'consent-recorded', at: T0, status: 'given' });
  });

  it('records a refusal', () => {
    const { record } = recordConsent(given({ answer: 'refused' }), socialWorker, T0);
    assert.equal(record.status, 'refused');
    assert.equal(hasConsent(record), false);
  });

  it('records not sought with reasons and rationale', () => {
    const { record } = recordConsent(
      given({ answer: 'not-sought', soughtFrom: undefined, soughtAt: undefined, notSoughtReasons: ['prejudice-criminal-investigation'], rationale: 'Police operation' }),
      socialWorker,
      T0,
    );
    assert.equal(record.status, 'not-sought');
  });

  it('requires who, when, and a sensible source when consent was sought', () => {
    assert.deepEqual(fields(given({ soughtFrom: undefined })), ['soughtFrom']);
    assert.deepEqual(fields(given({ soughtAt: undefined })), ['soughtAt']);
    assert.deepEqual(fields(given({ soughtAt: at(5) })), ['soughtAt']);
    assert.deepEqual(fields(given({ soughtFrom: { kind: 'parental-responsibility', names: [] } })), ['soughtFrom.names']);
    assert.deepEqual(fields(given({ soughtFrom: { kind: 'other', names: ['Someone'] } })), ['soughtFrom.description']);
    assert.deepEqual(fields(given({ soughtFrom: { kind: 'adult', names: ['Child A'] } })), ['soughtFrom.kind']);
    assert.deepEqual(fields(given({ subjectIsAdult: true })), ['soughtFrom.kind']);
    assert.deepEqual(fields(given({ notSoughtReasons: ['immediate-danger'] })), ['notSoughtReasons']);
    assert.deepEqual(fields(given({ scope: ' ' })), ['scope']);
  });

  it('requires reasons and a rationale when not sought, and no source', () => {
    const base = given({ answer: 'not-sought', soughtFrom: undefined, soughtAt: undefined });
    assert.deepEqual(fields(base), ['notSoughtReasons', 'rationale']);
    assert.deepEqual(fields({ ...base, notSoughtReasons: ['public-protection'], rationale: 'R', soughtFrom: { kind: 'parental-responsibility', names: ['P'] } }), ['soughtFrom']);
    assert.deepEqual(fields({ ...base, notSoughtReasons: ['public-protection', 'public-protection'], rationale: 'R' }), ['notSoughtReasons']);
    assert.deepEqual(fields({ ...base, notSoughtReasons: ['bogus' as never], rationale: 'R' }), ['notSoughtReasons[0]']);
  });

  it('refuses an unknown answer', () => {
    assert.deepEqual(fields(given({ answer: 'maybe' as never })), ['answer']);
  });

  it('adults: consent from the adult, capacity assumed unless assessed', () => {
    const adult = given({ subjectIsAdult: true, soughtFrom: { kind: 'adult', names: ['Adult Example'] } });
    assert.deepEqual(fields(adult), []);
    const lacking = {
      ...adult,
      capacity: {
        status: 'lacks-capacity' as const,
        decision: 'to agree to MASH checks',
        assessedBy: 'Worker',
        assessedAt: at(-60),
        impairment: 'Test impairment',
        reasons: ['cannot-retain' as const],
        bestInterests: 'Test',
      },
    };
    assert.deepEqual(fields(lacking), ['soughtFrom.kind']);
    assert.deepEqual(fields({ ...lacking, soughtFrom: { kind: 'other', names: ['Attorney Example'], description: 'Lasting power of attorney' } }), []);
    assert.deepEqual(fields({ ...given(), capacity: { status: 'assumed' } }), ['capacity']);
  });

  it('refuses read-only roles and other hubs', () => {
    throwsCode(() => recordConsent(given(), auditor, T0), 'forbidden');
    throwsCode(() => recordConsent(given(), igLead, T0), 'forbidden');
    throwsCode(() => recordConsent(given(), actor('social-worker', 'agency-csc', { hubId: 'hub-2' }), T0), 'not-found');
    assert.equal(recordConsent(given(), police, T0).record.status, 'given');
  });

  it('throws a validation error with fields', () => {
    throwsCode(() => recordConsent(given({ soughtFrom: undefined }), socialWorker, T0), 'validation', 'soughtFrom');
  });
});

describe('consent withdrawal', () => {
  const record = recordConsent(given(), socialWorker, T0).record;

  it('withdraws given consent with a timestamped event', () => {
    const { record: w, event } = withdrawConsent(record, { receivedByAgencyId: 'agency-health' }, decisionMaker, at(60));
    assert.equal(w.status, 'withdrawn');
    assert.equal(hasConsent(w), false);
    assert.equal(event.type, 'consent-withdrawn');
    assert.deepEqual(event.at, at(60));
  });

  it('cannot withdraw what was not given', () => {
    const refused = recordConsent(given({ answer: 'refused' }), socialWorker, T0).record;
    throwsCode(() => withdrawConsent(refused, { receivedByAgencyId: 'a' }, decisionMaker, T0), 'invalid-state');
    const w = withdrawConsent(record, { receivedByAgencyId: 'a' }, decisionMaker, T0).record;
    throwsCode(() => withdrawConsent(w, { receivedByAgencyId: 'a' }, decisionMaker, T0), 'invalid-state');
  });

  it('needs the agency the person told', () => {
    throwsCode(() => withdrawConsent(record, { receivedByAgencyId: '' }, decisionMaker, T0), 'validation', 'receivedByAgencyId');
  });
});
