import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CSC,
  POLICE,
  T0,
  actor,
  at,
  auditor,
  decisionMaker,
  health,
  igLead,
  mso,
  notSought,
  override,
  police,
  responseWithHeldBack,
  sendInput,
  sentEnquiry,
  socialWorker,
  throwsCode,
} from './test-builders';
import { ENQUIRY_STATUSES, allowedCommands, decideEnquiry, isOverdue, sendEnquiry, type Enquiry, type EnquiryCommand } from './enquiry';

const respond: EnquiryCommand = { type: 'respond', response: responseWithHeldBack };
const supplement: EnquiryCommand = { type: 'supplement', items: [{ kind: 'fact', text: 'Found later' }] };
const close: EnquiryCommand = { type: 'close', reason: 'decision-made-before-response' };
const withdraw: EnquiryCommand = { type: 'withdraw', reason: 'Sent in error' };
const acknowledge: EnquiryCommand = { type: 'acknowledge' };

/** Drive a fresh enquiry to each status. */
function inStatus(status: Enquiry['status']): Enquiry {
  const e = sentEnquiry();
  switch (status) {
    case 'sent':
      return e;
    case 'acknowledged':
      return decideEnquiry(e, acknowledge, police, at(1)).enquiry;
    case 'responded':
      return decideEnquiry(e, respond, police, at(1)).enquiry;
    case 'supplemented':
      return decideEnquiry(inStatus('responded'), supplement, police, at(2)).enquiry;
    case 'closed':
      return decideEnquiry(e, close, decisionMaker, at(1)).enquiry;
    case 'withdrawn':
      return decideEnquiry(e, withdraw, decisionMaker, at(1)).enquiry;
  }
}

const commands: Record<EnquiryCommand['type'], [EnquiryCommand, typeof police]> = {
  acknowledge: [acknowledge, police],
  respond: [respond, police],
  supplement: [supplement, police],
  close: [close, decisionMaker],
  withdraw: [withdraw, decisionMaker],
};

describe('sending an information request', () => {
  it('creates it in sent with the request content, due time and an event', () => {
    const { enquiry, event } = sendEnquiry(sendInput(), decisionMaker, T0);
    assert.equal(enquiry.status, 'sent');
    assert.equal(enquiry.request.question, 'What do you hold about this family?');
    assert.equal(enquiry.request.reason, 'Concern about neglect');
    assert.deepEqual(enquiry.request.consent, { basis: 'consent', consentIds: ['consent-person-1'] });
    assert.deepEqual(enquiry.dueAt, at(2 * 24 * 60));
    assert.deepEqual({ type: event.type, at: event.at, by: event.by }, { type: 'enquiry-sent', at: T0, by: decisionMaker.userId });
  });

  it('cannot be sent without an active agreement', () => {
    for (const s of ['suspended', 'terminated', 'none', undefined] as const) {
      throwsCode(() => sendEnquiry(sendInput({ agreementStatus: s }), decisionMaker, T0), 'validation', 'agencyId');
    }
  });

  it('is sent by a decision maker only', () => {
    for (const a of [socialWorker, mso, police, auditor, igLead]) throwsCode(() => sendEnquiry(sendInput(), a, T0), 'forbidden');
    throwsCode(() => sendEnquiry(sendInput(), actor('decision-maker', CSC, { hubId: 'hub-2' }), T0), 'not-found');
  });

  it('validates what, why, BRAG, due time and subjects', () => {
    throwsCode(() => sendEnquiry(sendInput({ question: '' }), decisionMaker, T0), 'validation', 'question');
    throwsCode(() => sendEnquiry(sendInput({ reason: ' ' }), decisionMaker, T0), 'validation', 'reason');
    throwsCode(() => sendEnquiry(sendInput({ brag: 'pink' as never }), decisionMaker, T0), 'validation', 'brag');
    throwsCode(() => sendEnquiry(sendInput({ dueAt: T0 }), decisionMaker, T0), 'validation', 'dueAt');
    throwsCode(() => sendEnquiry(sendInput({ subjects: [] }), decisionMaker, T0), 'validation', 'subjects');
    const bad = sendInput().subjects.map((s) => ({ ...s, dateOfBirth: '2019-02-30' }));
    throwsCode(() => sendEnquiry(sendInput({ subjects: bad }), decisionMaker, T0), 'validation', 'subjects[0].dateOfBirth');
  });

  it('needs consent or a decision maker’s override for every subject', () => {
    throwsCode(() => sendEnquiry(sendInput({ consent: { records: [] } }), decisionMaker, T0), 'validation', 'subjects[0]');
    throwsCode(() => sendEnquiry(sendInput({ consent: { records: [notSought('person-1')] } }), decisionMaker, T0), 'validation', 'subjects[0]');
    const { enquiry } = sendEnquiry(sendInput({ consent: { records: [notSought('person-1')], override: override(['person-1']) } }), decisionMaker, T0);
    assert.deepEqual(enquiry.request.consent, { basis: 'override', consentIds: ['consent-person-1'], overrideId: 'override-1' });
  });
});

describe('information request transitions', () => {
  it('states the legal transitions once', () => {
    assert.deepEqual(
      Object.fromEntries(ENQUIRY_STATUSES.map((s) => [s, allowedCommands(s)])),
      {
        sent: ['acknowledge', 'respond', 'close', 'withdraw'],
        acknowledged: ['respond', 'close', 'withdraw'],
        responded: ['supplement'],
        supplemented: ['supplement'],
        closed: [],
        withdrawn: [],
      },
    );
  });

  for (const status of ENQUIRY_STATUSES) {
    for (const [type, [command, who]] of Object.entries(commands)) {
      const legal = allowedCommands(status).includes(type as EnquiryCommand['type']);
      it(`${status} + ${type} is ${legal ? 'legal' : 'refused with invalid-state'}`, () => {
        const e = inStatus(status);
        if (!legal) return throwsCode(() => decideEnquiry(e, command, who, at(10)), 'invalid-state');
        const { enquiry, event } = decideEnquiry(e, command, who, at(10));
        assert.equal(event.status, enquiry.status);
        assert.deepEqual(event.at, at(10));
        assert.equal(event.by, who.userId);
        assert.equal(event.enquiryId, e.id);
      });
    }
  }

  it('acknowledge keeps who and when through to the response', () => {
    const ack = decideEnquiry(sentEnquiry(), acknowledge, police, at(1)).enquiry;
    const r = decideEnquiry(ack, respond, police, at(2)).enquiry;
    assert.deepEqual(r.acknowledgedAt, at(1));
    assert.equal(r.status, 'responded');
  });

  it('only the agency asked may acknowledge, respond or add', () => {
    const e = sentEnquiry();
    for (const a of [health, socialWorker, decisionMaker, auditor, actor('auditor', POLICE), actor('ig-lead', POLICE), mso]) {
      throwsCode(() => decideEnquiry(e, respond, a, at(1)), 'forbidden');
      throwsCode(() => decideEnquiry(e, acknowledge, a, at(1)), 'forbidden');
    }
    throwsCode(() => decideEnquiry(inStatus('responded'), supplement, health, at(3)), 'forbidden');
    throwsCode(() => decideEnquiry(e, respond, actor('police', POLICE, { hubId: 'hub-2' }), at(1)), 'not-found');
  });

  it('a request to children’s social care is answered by its social worker', () => {
    const e = sentEnquiry({ agencyId: CSC, agencyName: "Children's social care" });
    assert.equal(decideEnquiry(e, respond, socialWorker, at(1)).enquiry.status, 'responded');
  });

  it('only a decision maker closes or withdraws', () => {
    throwsCode(() => decideEnquiry(sentEnquiry(), close, police, at(1)), 'forbidden');
    throwsCode(() => decideEnquiry(sentEnquiry(), withdraw, socialWorker, at(1)), 'forbidden');
    throwsCode(() => decideEnquiry(sentEnquiry(), { type: 'withdraw', reason: '' }, decisionMaker, at(1)), 'validation', 'reason');
    throwsCode(() => decideEnquiry(sentEnquiry(), { type: 'close', reason: 'bored' as never }, decisionMaker, at(1)), 'validation', 'reason');
  });

  it('records the response with facts, opinion, held-back parts and agency BRAG', () => {
    const r = inStatus('responded');
    assert.ok(r.status === 'responded');
    assert.equal(r.response.agencyBrag, 'amber');
    assert.deepEqual(r.response.items.map((i) => [i.id, i.kind, i.heldBack, i.later]), [
      ['enquiry-1-1', 'fact', false, false],
      ['enquiry-1-2', 'opinion', false, false],
      ['enquiry-1-3', 'fact', true, false],
    ]);
    throwsCode(() => decideEnquiry(sentEnquiry(), { type: 'respond', response: { noInformationHeld: false, items: [] } }, police, at(1)), 'validation', 'items');
  });

  it('"no information held" is a valid answer, and information found later can be added', () => {
    const none = decideEnquiry(sentEnquiry(), { type: 'respond', response: { noInformationHeld: true, items: [] } }, police, at(1)).enquiry;
    assert.ok(none.status === 'responded' && none.response.noInformationHeld);
    throwsCode(() => decideEnquiry(none, supplement, police, at(2)), 'validation', 'agencyBrag');
    const later = decideEnquiry(none, { ...supplement, agencyBrag: 'green' } as EnquiryCommand, police, at(2)).enquiry;
    assert.ok(later.status === 'supplemented');
    assert.equal(later.response.noInformationHeld, false);
    assert.equal(later.response.agencyBrag, 'green');
    assert.deepEqual(later.response.items.map((i) => [i.id, i.later]), [['enquiry-1-1', true]]);
    assert.deepEqual(later.response.lastAddedAt, at(2));
    throwsCode(() => decideEnquiry(later, { type: 'supplement', items: [] }, police, at(3)), 'validation', 'items');
  });

  it('is overdue when open past its due time', () => {
    const e = sentEnquiry();
    assert.equal(isOverdue(e, at(1)), false);
    assert.equal(isOverdue(e, at(2 * 24 * 60 + 1)), true);
    assert.equal(isOverdue(inStatus('responded'), at(10_000)), false);
  });
});
