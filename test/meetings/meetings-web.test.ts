import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixedClock } from '../../src/platform/time/clock';
import { createTestContext, TEST_PASSWORD, type TestContext } from '../harness';
import { errorSummary, WebClient } from '../support/web-client';
import { newContact } from '../decisions/builders';

const NOW = new Date('2026-03-02T10:00:00Z');

describe('meetings pages', () => {
  let t: TestContext;
  let web: WebClient;
  before(async () => {
    t = await createTestContext({ clock: fixedClock(NOW) });
    web = new WebClient(t.app);
    const res = await web.signIn(t.hub.emails['decision-maker'], TEST_PASSWORD);
    assert.equal(res.statusCode, 302);
  });
  after(async () => t.close());

  const attendeeForm = (prefix: string) => ({
    [`${prefix}-0-agencyId`]: t.hub.agencyIds['childrens-social-care'],
    [`${prefix}-0-name`]: 'Dana Decider',
    [`${prefix}-0-capacity`]: 'chair',
    [`${prefix}-1-agencyId`]: t.hub.agencyIds['childrens-social-care'],
    [`${prefix}-1-name`]: 'Sol Worker',
    [`${prefix}-1-capacity`]: 'social-worker',
    [`${prefix}-2-agencyId`]: t.hub.agencyIds.police,
    [`${prefix}-2-name`]: 'DS Example',
    [`${prefix}-2-capacity`]: 'representative',
    // a blank row between is skipped, and errors still name the row on the page
    [`${prefix}-4-agencyId`]: t.hub.agencyIds.health,
    [`${prefix}-4-name`]: 'Nurse Example',
    [`${prefix}-4-capacity`]: 'representative',
  });

  it('lists, convenes (with errors kept), records, circulates minutes and prepares the DSL invitation', async () => {
    const c = await newContact(t);
    const list = await web.get('/meetings');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /data-qa="no-meetings"/);

    const form = await web.get(`/meetings/new?contactId=${c.id}`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, new RegExp(`value="${c.id}"[^>]*checked`));
    assert.match(form.body, /value="mon-pm@2026-03-02"/);

    const bad = await web.post('/meetings/new', { kind: 'strategy-discussion', contactIds: c.id, venue: '', when: 'mon-pm@2026-03-02', ...attendeeForm('invited'), 'invited-4-name': '' });
    assert.equal(bad.statusCode, 400);
    const summary = errorSummary(bad.body);
    assert.ok(summary.some((x) => x.includes('Enter where the meeting takes place')), summary.join(' | '));
    assert.match(bad.body, /href="#invited-4-name"/, 'the error names the row on the page');
    assert.match(bad.body, /value="DS Example"/, 'answers kept');

    const made = await web.post('/meetings/new', { kind: 'strategy-discussion', contactIds: c.id, venue: 'MASH room 1', when: 'mon-pm@2026-03-02', ...attendeeForm('invited') });
    assert.equal(made.statusCode, 302, made.body.slice(0, 500));
    const url = made.headers.location as string;
    const page = await web.get(url);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /data-qa="record-meeting"/);
    assert.ok(page.body.includes(c.reference));

    const inv = await web.get(`${url}/invitation`);
    assert.equal(inv.statusCode, 200);
    const prepared = await web.post(`${url}/invitation`, { schoolName: 'Demo Primary School', dslName: 'Pat Lead', childSubjectIds: c.subjectIds[0], email: '' });
    assert.equal(prepared.statusCode, 200);
    assert.match(prepared.body, /Dear Pat Lead,/);
    const badInvite = await web.post(`${url}/invitation`, { schoolName: 'Demo Primary School', dslName: 'Pat Lead', childSubjectIds: c.subjectIds[0], email: 'x@gmail.com', queue: 'yes' });
    assert.equal(badInvite.statusCode, 400);

    const hold = await web.get(`${url}/hold`);
    assert.equal(hold.statusCode, 200);
    const version = /name="version" value="(\d+)"/.exec(hold.body)![1];
    const heldForm = {
      version,
      attendedRows: '6',
      'heldAt-day': '2',
      'heldAt-month': '3',
      'heldAt-year': '2026',
      heldAtTime: '09:30',
      ...attendeeForm('attended'),
      'information-0-agencyId': t.hub.agencyIds.police,
      'information-0-summary': 'Two call-outs this year',
      's47Decisions-0-begin': 'yes',
      's47Decisions-0-reason': 'Reasonable cause to suspect significant harm',
      'actions-1-description': 'Joint visit',
      'actions-1-ownerName': 'Sol Worker',
      'actions-1-ownerAgencyId': t.hub.agencyIds['childrens-social-care'],
      'actions-1-dueAt-day': '3',
      'actions-1-dueAt-month': '3',
      'actions-1-dueAt-year': '2026',
    };
    const badHold = await web.post(`${url}/hold`, { ...heldForm, 'actions-1-dueAt-day': '31', 'actions-1-dueAt-month': '2', 's47Decisions-0-begin': '' });
    assert.equal(badHold.statusCode, 400);
    assert.match(badHold.body, /href="#actions-1-dueAt"/);
    assert.match(badHold.body, /href="#s47Decisions-0-begin"/);
    const held = await web.post(`${url}/hold`, heldForm);
    assert.equal(held.statusCode, 302, errorSummary(held.body).join(' | '));
    const after = await web.get(url);
    assert.match(after.body, /data-qa="clock-icpc"/);
    assert.match(after.body, /data-qa="clock-assessment"/);
    assert.match(after.body, /Joint visit/);
    const v2 = /name="version" value="(\d+)"/.exec(after.body)![1];
    const stale = await web.post(`${url}/circulate-minutes`, { version: '1', circulatedToAgencyIds: t.hub.agencyIds.police });
    assert.equal(stale.statusCode, 409);
    const missing = await web.post(`${url}/circulate-minutes`, { version: v2, circulatedToAgencyIds: t.hub.agencyIds.police });
    assert.equal(missing.statusCode, 400);
    const done = await web.post(`${url}/circulate-minutes`, { version: v2, circulatedToAgencyIds: [t.hub.agencyIds['childrens-social-care'], t.hub.agencyIds.police, t.hub.agencyIds.health] });
    assert.equal(done.statusCode, 302);
    const final = await web.get(url);
    assert.match(final.body, /data-qa="minutes-circulated"/);
  });

  it('cancels a meeting with a reason', async () => {
    const c = await newContact(t);
    const made = await web.post('/meetings/new', { kind: 'mash-meeting', contactIds: c.id, venue: 'Room 2', when: 'other', 'startsAt-day': '2', 'startsAt-month': '3', 'startsAt-year': '2026', startsAtTime: '15:00', ...attendeeForm('invited') });
    assert.equal(made.statusCode, 302, errorSummary(made.body).join(' | '));
    const url = made.headers.location as string;
    const form = await web.get(`${url}/cancel`);
    assert.equal(form.statusCode, 200);
    const bad = await web.post(`${url}/cancel`, { version: '1', reason: '' });
    assert.equal(bad.statusCode, 400);
    const ok = await web.post(`${url}/cancel`, { version: '1', reason: 'Family moved away' });
    assert.equal(ok.statusCode, 302);
    assert.match((await web.get(url)).body, /Family moved away/);
  });

  it('shows a partner only the meetings their agency was invited to', async () => {
    const police = new WebClient(t.app);
    await police.signIn(t.hub.emails.police, TEST_PASSWORD);
    const list = await police.get('/meetings');
    assert.equal(list.statusCode, 200);
    assert.doesNotMatch(list.body, /data-qa="convene-meeting"/);
    const probation = new WebClient(t.app);
    await probation.signIn(t.hub.emails.probation, TEST_PASSWORD);
    const rows = (await probation.get('/meetings')).body.match(/data-qa="meeting-row"/g) ?? [];
    assert.equal(rows.length, 0);
    assert.equal((await police.get('/meetings/new')).statusCode, 403);
  });

  it('opens the forms that manage a meeting to the meeting manager only, even for an invited agency', async () => {
    const police = new WebClient(t.app);
    await police.signIn(t.hub.emails.police, TEST_PASSWORD);
    const first = (await police.get('/meetings')).body.match(/href="\/meetings\/([0-9a-f-]{36})"/);
    assert.ok(first, 'the police were invited to a meeting');
    assert.equal((await police.get(`/meetings/${first[1]}`)).statusCode, 200);
    for (const form of ['hold', 'cancel', 'invitation']) assert.equal((await police.get(`/meetings/${first[1]}/${form}`)).statusCode, 403, form);
  });
});
