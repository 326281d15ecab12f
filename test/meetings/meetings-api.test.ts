import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixedClock } from '../../src/platform/time/clock';
import { createTestContext, type TestContext } from '../harness';
import { newContact } from '../decisions/builders';

const NOW = new Date('2026-03-02T10:00:00Z');

describe('meetings API', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext({ clock: fixedClock(NOW) });
  });
  after(async () => t.close());

  const invited = () => [
    { agencyId: t.hub.agencyIds['childrens-social-care'], name: 'Dana Decider', capacity: 'chair' },
    { agencyId: t.hub.agencyIds['childrens-social-care'], name: 'Sol Worker', capacity: 'social-worker' },
    { agencyId: t.hub.agencyIds.police, name: 'DS Example', capacity: 'representative' },
    { agencyId: t.hub.agencyIds.health, name: 'Nurse Example', capacity: 'representative' },
  ];
  const fields = (res: { json(): { errors?: Array<{ field: string }> } }) => (res.json().errors ?? []).map((e) => e.field);

  async function convene(contactId: string) {
    const slots = await t.api('decision-maker', { method: 'GET', url: '/api/v1/meetings/slots' });
    const res = await t.api('decision-maker', { method: 'POST', url: '/api/v1/meetings', payload: { kind: 'strategy-discussion', contactIds: [contactId], venue: 'MASH room 1', invited: invited(), slotId: slots.json()[0].id } });
    assert.equal(res.statusCode, 201, res.body);
    return res.json();
  }

  it('GET /api/v1/meetings/slots', async () => {
    const ok = await t.api('decision-maker', { method: 'GET', url: '/api/v1/meetings/slots' });
    assert.equal(ok.statusCode, 200);
    assert.ok(ok.json().length > 0);
    assert.equal((await t.api('police', { method: 'GET', url: '/api/v1/meetings/slots' })).statusCode, 403);
    assert.equal((await t.api('decision-maker', { method: 'GET', url: '/api/v1/meetings/slots?x=1' })).statusCode, 400);
  });

  it('POST /api/v1/meetings', async () => {
    const c = await newContact(t);
    const m = await convene(c.id);
    assert.equal(m.status, 'scheduled');
    assert.equal(m.contacts[0].reference, c.reference);
    const bad = await t.api('decision-maker', { method: 'POST', url: '/api/v1/meetings', payload: { kind: 'strategy-discussion', contactIds: [c.id], venue: '', invited: invited().slice(0, 2) } });
    assert.equal(bad.statusCode, 400);
    assert.ok(fields(bad).includes('venue') && fields(bad).includes('invited'), bad.body);
    const schema = await t.api('decision-maker', { method: 'POST', url: '/api/v1/meetings', payload: { kind: 'strategy-discussion', extra: 1 } });
    assert.equal(schema.statusCode, 400);
    assert.ok(schema.json().errors.length > 0);
    const wrongRole = await t.api('social-worker', { method: 'POST', url: '/api/v1/meetings', payload: { kind: 'mash-meeting', contactIds: [c.id], venue: 'x', invited: invited() } });
    assert.equal(wrongRole.statusCode, 403);
    const otherHub = await t.api('decision-maker', { method: 'POST', url: '/api/v1/meetings', payload: { kind: 'mash-meeting', contactIds: [c.id], venue: 'x', invited: invited(), startsAt: '2026-03-02T15:00:00Z' } }, 'other');
    assert.equal(otherHub.statusCode, 400, 'another hub’s contact cannot be put on a meeting');
    assert.ok(fields(otherHub).includes('contactIds'));
  });

  it('GET /api/v1/meetings and /api/v1/meetings/:id', async () => {
    const c = await newContact(t);
    const m = await convene(c.id);
    const list = await t.api('police', { method: 'GET', url: '/api/v1/meetings' });
    assert.equal(list.statusCode, 200);
    assert.ok(list.json().some((x: { id: string }) => x.id === m.id));
    assert.equal((await t.api('decision-maker', { method: 'GET', url: '/api/v1/meetings?status=nonsense' })).statusCode, 400);
    assert.equal((await t.api('performance', { method: 'GET', url: '/api/v1/meetings' })).statusCode, 403);
    const one = await t.api('health', { method: 'GET', url: `/api/v1/meetings/${m.id}` });
    assert.equal(one.statusCode, 200);
    assert.equal(one.json().invited.length, 4);
    assert.equal((await t.api('probation', { method: 'GET', url: `/api/v1/meetings/${m.id}` })).statusCode, 404, 'not invited');
    assert.equal((await t.api('decision-maker', { method: 'GET', url: `/api/v1/meetings/${m.id}` }, 'other')).statusCode, 404);
    assert.equal((await t.api('decision-maker', { method: 'GET', url: '/api/v1/meetings/not-a-uuid' })).statusCode, 400);
  });

  it('POST /api/v1/meetings/:id/hold, /circulate-minutes and /cancel', async () => {
    const c = await newContact(t);
    const m = await convene(c.id);
    const hold = {
      version: m.version,
      heldAt: NOW.toISOString(),
      attended: invited(),
      informationShared: [{ agencyId: t.hub.agencyIds.police, summary: 'Two call-outs' }],
      s47Decisions: [{ contactId: c.id, begin: true, reason: 'Reasonable cause to suspect significant harm' }],
      actions: [{ description: 'Joint visit', ownerName: 'Sol Worker', ownerAgencyId: t.hub.agencyIds['childrens-social-care'], dueAt: '2026-03-03T17:00:00Z' }],
    };
    const early = await t.api('decision-maker', { method: 'POST', url: `/api/v1/meetings/${m.id}/circulate-minutes`, payload: { version: m.version, circulatedToAgencyIds: [] } });
    assert.equal(early.statusCode, 409, 'out of order');
    const badHold = await t.api('decision-maker', { method: 'POST', url: `/api/v1/meetings/${m.id}/hold`, payload: { ...hold, s47Decisions: [] } });
    assert.equal(badHold.statusCode, 400);
    assert.ok(fields(badHold).includes('s47Decisions[0]'));
    assert.equal((await t.api('police', { method: 'POST', url: `/api/v1/meetings/${m.id}/hold`, payload: hold })).statusCode, 403, 'an invited partner may read, not manage');
    assert.equal((await t.api('decision-maker', { method: 'POST', url: `/api/v1/meetings/${m.id}/hold`, payload: hold }, 'other')).statusCode, 404);
    const held = await t.api('decision-maker', { method: 'POST', url: `/api/v1/meetings/${m.id}/hold`, payload: hold });
    assert.equal(held.statusCode, 200, held.body);
    assert.deepEqual(held.json().clocks.map((k: { type: string }) => k.type).filter((x: string) => x === 'icpc' || x === 'assessment').sort(), ['assessment', 'icpc']);
    const again = await t.api('decision-maker', { method: 'POST', url: `/api/v1/meetings/${m.id}/hold`, payload: { ...hold, version: held.json().version } });
    assert.equal(again.statusCode, 409);

    const to = [t.hub.agencyIds['childrens-social-care'], t.hub.agencyIds.police, t.hub.agencyIds.health];
    const missing = await t.api('decision-maker', { method: 'POST', url: `/api/v1/meetings/${m.id}/circulate-minutes`, payload: { version: held.json().version, circulatedToAgencyIds: to.slice(0, 2) } });
    assert.equal(missing.statusCode, 400);
    assert.ok(fields(missing).includes('circulatedToAgencyIds'));
    assert.equal((await t.api('social-worker', { method: 'POST', url: `/api/v1/meetings/${m.id}/circulate-minutes`, payload: { version: held.json().version, circulatedToAgencyIds: to } })).statusCode, 403);
    assert.equal((await t.api('decision-maker', { method: 'POST', url: `/api/v1/meetings/${m.id}/circulate-minutes`, payload: { version: held.json().version, circulatedToAgencyIds: to } }, 'other')).statusCode, 404);
    const circulated = await t.api('decision-maker', { method: 'POST', url: `/api/v1/meetings/${m.id}/circulate-minutes`, payload: { version: held.json().version, circulatedToAgencyIds: to } });
    assert.equal(circulated.statusCode, 200);
    assert.equal(circulated.json().status, 'minutes-circulated');

    const other = await convene((await newContact(t)).id);
    const noReason = await t.api('decision-maker', { method: 'POST', url: `/api/v1/meetings/${other.id}/cancel`, payload: { version: other.version, reason: '' } });
    assert.equal(noReason.statusCode, 400);
    assert.ok(fields(noReason).includes('reason'));
    assert.equal((await t.api('police', { method: 'POST', url: `/api/v1/meetings/${other.id}/cancel`, payload: { version: other.version, reason: 'x' } })).statusCode, 403);
    assert.equal((await t.api('decision-maker', { method: 'POST', url: `/api/v1/meetings/${other.id}/cancel`, payload: { version: other.version, reason: 'x' } }, 'other')).statusCode, 404);
    const cancelled = await t.api('decision-maker', { method: 'POST', url: `/api/v1/meetings/${other.id}/cancel`, payload: { version: other.version, reason: 'Rebooked' } });
    assert.equal(cancelled.statusCode, 200);
    assert.equal(cancelled.json().status, 'cancelled');
  });

  it('POST /api/v1/meetings/:id/dsl-invitation', async () => {
    const c = await newContact(t);
    const m = await convene(c.id);
    const body = { schoolName: 'Demo Primary School', dslName: 'Pat Lead', childSubjectIds: [c.subjectIds[0]], queue: false };
    const ok = await t.api('decision-maker', { method: 'POST', url: `/api/v1/meetings/${m.id}/dsl-invitation`, payload: body });
    assert.equal(ok.statusCode, 200);
    assert.match(ok.json().body, /designated safeguarding lead at Demo Primary School/);
    const bad = await t.api('decision-maker', { method: 'POST', url: `/api/v1/meetings/${m.id}/dsl-invitation`, payload: { ...body, queue: true, email: 'dsl@example.com' } });
    assert.equal(bad.statusCode, 400);
    assert.ok(fields(bad).includes('email'));
    assert.equal((await t.api('police', { method: 'POST', url: `/api/v1/meetings/${m.id}/dsl-invitation`, payload: body })).statusCode, 403);
    assert.equal((await t.api('decision-maker', { method: 'POST', url: `/api/v1/meetings/${m.id}/dsl-invitation`, payload: body }, 'other')).statusCode, 404);
  });
});
