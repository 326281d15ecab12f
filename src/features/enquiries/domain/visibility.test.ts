import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CSC,
  EDUCATION,
  HEALTH,
  HUB,
  POLICE,
  actor,
  auditor,
  decisionMaker,
  education,
  health,
  igLead,
  lado,
  mso,
  police,
  probation,
  respondedEnquiry,
  sentEnquiry,
  socialWorker,
} from './test-builders';
import type { Actor } from './types';
import { classifyViewer, heldBackSignpost, visibleEnquiries, visibleEnquiry, visibleResponse, type ResponseView } from './visibility';

const policeEnquiry = respondedEnquiry(POLICE, 'Police', 'police');
const policeResponse = policeEnquiry.status === 'responded' ? policeEnquiry.response : assert.fail('not responded');
const context = { hubId: HUB };
const SIGNPOST = 'Police hold further information held back within the MASH; ask the decision maker.';

const texts = (v: ResponseView) => (v.level === 'full' || v.level === 'shared' ? v.items.map((i) => i.text) : []);
const ALL = ['Fact shareable', 'Opinion shareable', 'Fact held back'];
const SHAREABLE = ['Fact shareable', 'Opinion shareable'];

/** role → expected level and item texts for the police answer, viewed in the same hub without a referral */
const responseExpectations: [string, Actor, ResponseView['level'], string[]][] = [
  ['decision-maker', decisionMaker, 'full', ALL],
  ['social-worker', socialWorker, 'shared', SHAREABLE],
  ['mso', mso, 'status', []],
  ['police (originating agency)', police, 'full', ALL],
  ['health', health, 'none', []],
  ['education', education, 'none', []],
  ['probation', probation, 'none', []],
  ['lado', lado, 'none', []],
  ['ig-lead', igLead, 'status', []],
  ['auditor', auditor, 'shared', SHAREABLE],
];

describe('visibleResponse per role', () => {
  for (const [name, viewer, level, items] of responseExpectations) {
    it(`${name} sees ${level}`, () => {
      const v = visibleResponse(viewer, policeResponse, context);
      assert.equal(v.level, level);
      assert.deepEqual(texts(v), items);
      if (v.level === 'shared') assert.equal(v.signpost, SIGNPOST);
      if (v.level === 'full') assert.equal(v.items.find((i) => i.heldBack)?.heldBackReason, 'Live investigation');
      if (v.level === 'shared') assert.ok(v.items.every((i) => !i.heldBack && i.heldBackReason === undefined));
      if (v.level === 'status') assert.deepEqual(Object.keys(v).sort(), ['agencyId', 'agencyName', 'enquiryId', 'level', 'respondedAt']);
    });
  }

  it('a later receiving team (LADO with a referral) sees the shareable parts and the sign-post only', () => {
    const v = visibleResponse(lado, policeResponse, { hubId: HUB, viewerReceivedReferral: true });
    assert.equal(v.level, 'shared');
    assert.deepEqual(texts(v), SHAREABLE);
    assert.ok(v.level === 'shared' && v.signpost === SIGNPOST);
    assert.ok(!JSON.stringify(v).includes('Fact held back'));
    assert.ok(!JSON.stringify(v).includes('Live investigation'));
  });

  it('a referral never opens another agency’s answer to a partner practitioner', () => {
    for (const p of [health, education, probation]) {
      assert.equal(visibleResponse(p, policeResponse, { hubId: HUB, viewerReceivedReferral: true }).level, 'none');
    }
  });

  it('no sign-post when nothing is held back', () => {
    const plain = respondedEnquiry(HEALTH, 'Health', 'health', { noInformationHeld: false, agencyBrag: 'green', items: [{ kind: 'fact', text: 'F' }] });
    assert.ok(plain.status === 'responded');
    const v = visibleResponse(socialWorker, plain.response, context);
    assert.ok(v.level === 'shared' && v.signpost === undefined);
    assert.equal(heldBackSignpost('Health'), 'Health hold further information held back within the MASH; ask the decision maker.');
  });

  it('children’s social care is the originating agency of its own answer', () => {
    const csc = respondedEnquiry(CSC, "Children's social care", 'social-worker');
    assert.ok(csc.status === 'responded');
    assert.equal(visibleResponse(socialWorker, csc.response, context).level, 'full');
    assert.equal(visibleResponse(police, csc.response, context).level, 'none');
  });

  it('nobody sees across hubs, and unknown roles see nothing', () => {
    const elsewhere = actor('decision-maker', CSC, { hubId: 'hub-2' });
    assert.equal(visibleResponse(elsewhere, policeResponse, context).level, 'none');
    assert.equal(visibleResponse(decisionMaker, policeResponse, { hubId: 'hub-2' }).level, 'none');
    assert.equal(visibleResponse(actor('janitor'), policeResponse, context).level, 'none');
    assert.equal(classifyViewer(actor('janitor'), context), 'no-access');
  });

  it('a hub may grant decision-maker rights beyond the role name', () => {
    const v = visibleResponse({ ...socialWorker, isDecisionMaker: true }, policeResponse, context);
    assert.equal(v.level, 'full');
  });
});

describe('visibleEnquiry per role', () => {
  const enquiryExpectations: [string, Actor, string, ResponseView['level']][] = [
    ['decision-maker', decisionMaker, 'full', 'full'],
    ['social-worker', socialWorker, 'full', 'shared'],
    ['mso', mso, 'full', 'status'],
    ['police (asked)', police, 'agency', 'full'],
    ['health', health, 'none', 'none'],
    ['education', education, 'none', 'none'],
    ['probation', probation, 'none', 'none'],
    ['lado', lado, 'none', 'none'],
    ['ig-lead', igLead, 'summary', 'none'],
    ['auditor', auditor, 'full', 'shared'],
  ];
  for (const [name, viewer, level, responseLevel] of enquiryExpectations) {
    it(`${name} sees the request at level ${level}`, () => {
      const v = visibleEnquiry(viewer, policeEnquiry, context);
      assert.equal(v.level, level);
      if (v.level === 'full' || v.level === 'agency') assert.equal(v.response.level, responseLevel);
      if (v.level === 'summary') assert.ok(!('subjects' in v) && !('request' in v));
    });
  }

  it('the agency asked sees only name, DOB, address and household of the subjects', () => {
    const v = visibleEnquiry(police, policeEnquiry, context);
    assert.ok(v.level === 'agency');
    assert.deepEqual(v.subjects, [
      {
        personId: 'person-1',
        name: 'Child A Example',
        dateOfBirth: '2019-01-01',
        address: '1 Test Street, Testtown',
        household: [{ name: 'Parent Example', relationship: 'mother' }],
      },
    ]);
    assert.ok(!JSON.stringify(v).includes('Concern narrative'));
    assert.ok(!JSON.stringify(v).includes('TEST-1'));
    assert.ok(!('contactId' in v));
  });

  it('MASH staff see the whole request', () => {
    const v = visibleEnquiry(socialWorker, policeEnquiry, context);
    assert.ok(v.level === 'full' && v.subjects[0].notes === 'Concern narrative for MASH staff only');
  });

  it('a partner queue holds only requests to their own agency, never others’ answers', () => {
    const toHealth = respondedEnquiry(HEALTH, 'Health', 'health');
    const toEducation = sentEnquiry({ id: 'enquiry-edu', agencyId: EDUCATION, agencyName: 'Education' });
    const all = [policeEnquiry, toHealth, toEducation];
    assert.deepEqual(visibleEnquiries(health, all, context).map((v) => v.level !== 'none' && 'agencyId' in v && v.agencyId), [HEALTH]);
    assert.deepEqual(visibleEnquiries(police, all, context).map((v) => v.level !== 'none' && 'agencyId' in v && v.agencyId), [POLICE]);
    assert.deepEqual(visibleEnquiries(probation, all, context), []);
    const eduView = visibleEnquiry(education, toEducation, context);
    assert.ok(eduView.level === 'agency' && eduView.response.level === 'none');
    assert.equal(visibleEnquiries(decisionMaker, all, context).length, 3);
  });

  it('LADO with a referral sees the request and the shareable answer', () => {
    const v = visibleEnquiry(lado, policeEnquiry, { hubId: HUB, viewerReceivedReferral: true });
    assert.ok(v.level === 'full' && v.response.level === 'shared');
  });
});

describe('the platform role for other partners (agency-practitioner)', () => {
  const EARLY_HELP = 'agency-early-help';
  const earlyHelp = actor('agency-practitioner', EARLY_HELP);

  it('is a partner practitioner: another agency’s answer is hidden', () => {
    assert.equal(classifyViewer(earlyHelp, context), 'partner-practitioner');
    assert.equal(visibleResponse(earlyHelp, policeResponse, context).level, 'none');
    assert.equal(visibleEnquiry(earlyHelp, policeEnquiry, context).level, 'none');
  });

  it('sees its own request at agency level and its own answer in full', () => {
    const own = respondedEnquiry(EARLY_HELP, 'Early help', 'agency-practitioner');
    const view = visibleEnquiry(earlyHelp, own, context);
    assert.equal(view.level, 'agency');
    if (view.level === 'agency') assert.equal(view.response.level, 'full');
  });
});
