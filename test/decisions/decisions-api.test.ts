import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixedClock } from '../../src/platform/time/clock';
import { createTestContext, type TestContext } from '../harness';
import { newContact, newEnquiry } from './builders';

const NOW = new Date('2026-03-02T10:00:00Z');

describe('decisions API', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext({ clock: fixedClock(NOW) });
  });
  after(async () => t.close());

  const fields = (res: { json(): { errors?: Array<{ field: string }> } }) => (res.json().errors ?? []).map((e) => e.field);
  const decision = { version: 1, finalBrag: 'amber', outcome: 'early-help', summary: 'Gathered', recommendation: 'Early help' };

  async function decided() {
    const c = await newContact(t);
    const res = await t.api('decision-maker', { method: 'POST', url: `/api/v1/contacts/${c.id}/decision`, payload: decision });
    assert.equal(res.statusCode, 201, res.body);
    return c;
  }

  it('GET /api/v1/contacts/:id/decision', async () => {
    const c = await newContact(t);
    await newEnquiry(t, c, 'police', { status: 'responded', items: [{ text: 'Known to police' }] });
    const ok = await t.api('decision-maker', { method: 'GET', url: `/api/v1/contacts/${c.id}/decision` });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().contact.reference, c.reference);
    assert.equal(ok.json().responses.length, 1);
    assert.equal(ok.json().responses[0].response.level, 'full');
    assert.equal((await t.api('decision-maker', { method: 'GET', url: '/api/v1/contacts/nope/decision' })).statusCode, 400);
    assert.equal((await t.api('performance', { method: 'GET', url: `/api/v1/contacts/${c.id}/decision` })).statusCode, 404);
    assert.equal((await t.api('decision-maker', { method: 'GET', url: `/api/v1/contacts/${c.id}/decision` }, 'other')).statusCode, 404);
  });

  it('POST /api/v1/contacts/:id/decision', async () => {
    const c = await newContact(t);
    const bad = await t.api('decision-maker', { method: 'POST', url: `/api/v1/contacts/${c.id}/decision`, payload: { ...decision, outcome: 'nfa' } });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(fields(bad), ['nfaRationale']);
    const schema = await t.api('decision-maker', { method: 'POST', url: `/api/v1/contacts/${c.id}/decision`, payload: { ...decision, version: 'x', colour: 'red' } });
    assert.equal(schema.statusCode, 400);
    assert.equal((await t.api('social-worker', { method: 'POST', url: `/api/v1/contacts/${c.id}/decision`, payload: decision })).statusCode, 403);
    assert.equal((await t.api('decision-maker', { method: 'POST', url: `/api/v1/contacts/${c.id}/decision`, payload: decision }, 'other')).statusCode, 404);
    const ok = await t.api('decision-maker', { method: 'POST', url: `/api/v1/contacts/${c.id}/decision`, payload: decision });
    assert.equal(ok.statusCode, 201);
    assert.equal(ok.json().outcome, 'early-help');
    const twice = await t.api('decision-maker', { method: 'POST', url: `/api/v1/contacts/${c.id}/decision`, payload: decision });
    assert.equal(twice.statusCode, 409, 'a stale version');
    assert.match(twice.json().type, /conflict/);
  });

  it('POST /api/v1/contacts/:id/feedback', async () => {
    const c = await decided();
    const bad = await t.api('decision-maker', { method: 'POST', url: `/api/v1/contacts/${c.id}/feedback`, payload: { method: 'secure-email', email: 'someone@example.com' } });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(fields(bad), ['email']);
    assert.equal((await t.api('mso', { method: 'POST', url: `/api/v1/contacts/${c.id}/feedback`, payload: { method: 'phone' } })).statusCode, 403);
    assert.equal((await t.api('decision-maker', { method: 'POST', url: `/api/v1/contacts/${c.id}/feedback`, payload: { method: 'phone' } }, 'other')).statusCode, 404);
    const ok = await t.api('social-worker', { method: 'POST', url: `/api/v1/contacts/${c.id}/feedback`, payload: { method: 'secure-email' } });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json().queued, true);
    assert.equal((await t.api('decision-maker', { method: 'POST', url: `/api/v1/contacts/${c.id}/feedback`, payload: { method: 'phone' } })).statusCode, 409);
  });

  it('disagreements: POST, GET list and one, escalate, resolve', async () => {
    const c = await newContact(t);
    const body = { contactId: c.id, subject: 'decision', description: 'Police think it is red', withAgencyIds: [t.hub.agencyIds['childrens-social-care']], raisedByAgencyId: t.hub.agencyIds.police };
    const bad = await t.api('decision-maker', { method: 'POST', url: '/api/v1/disagreements', payload: { ...body, description: '', withAgencyIds: [] } });
    assert.equal(bad.statusCode, 400);
    assert.ok(fields(bad).includes('description') && fields(bad).includes('withAgencyIds'));
    assert.equal((await t.api('police', { method: 'POST', url: '/api/v1/disagreements', payload: body })).statusCode, 403);
    assert.equal((await t.api('decision-maker', { method: 'POST', url: '/api/v1/disagreements', payload: body }, 'other')).statusCode, 404, 'another hub’s contact');
    const made = await t.api('decision-maker', { method: 'POST', url: '/api/v1/disagreements', payload: body });
    assert.equal(made.statusCode, 201, made.body);
    const d = made.json();

    const list = await t.api('auditor', { method: 'GET', url: `/api/v1/disagreements?contactId=${c.id}` });
    assert.equal(list.statusCode, 200);
    assert.equal(list.json().length, 1);
    assert.equal((await t.api('decision-maker', { method: 'GET', url: '/api/v1/disagreements?contactId=bad' })).statusCode, 400);
    assert.equal((await t.api('police', { method: 'GET', url: '/api/v1/disagreements' })).statusCode, 403);
    assert.equal((await t.api('decision-maker', { method: 'GET', url: `/api/v1/disagreements/${d.id}` })).statusCode, 200);
    assert.equal((await t.api('decision-maker', { method: 'GET', url: `/api/v1/disagreements/${d.id}` }, 'other')).statusCode, 404);
    assert.equal((await t.api('police', { method: 'GET', url: `/api/v1/disagreements/${d.id}` })).statusCode, 403);

    const noReason = await t.api('decision-maker', { method: 'POST', url: `/api/v1/disagreements/${d.id}/escalate`, payload: { version: d.version, reason: '' } });
    assert.equal(noReason.statusCode, 400);
    assert.deepEqual(fields(noReason), ['reason']);
    assert.equal((await t.api('police', { method: 'POST', url: `/api/v1/disagreements/${d.id}/escalate`, payload: { version: d.version, reason: 'x' } })).statusCode, 403);
    assert.equal((await t.api('decision-maker', { method: 'POST', url: `/api/v1/disagreements/${d.id}/escalate`, payload: { version: d.version, reason: 'x' } }, 'other')).statusCode, 404);
    const up = await t.api('decision-maker', { method: 'POST', url: `/api/v1/disagreements/${d.id}/escalate`, payload: { version: d.version, reason: 'Not resolved' } });
    assert.equal(up.statusCode, 200);
    assert.equal(up.json().level, 'managers');

    const noResolution = await t.api('decision-maker', { method: 'POST', url: `/api/v1/disagreements/${d.id}/resolve`, payload: { version: up.json().version, resolution: '' } });
    assert.equal(noResolution.statusCode, 400);
    assert.equal((await t.api('police', { method: 'POST', url: `/api/v1/disagreements/${d.id}/resolve`, payload: { version: up.json().version, resolution: 'x' } })).statusCode, 403);
    assert.equal((await t.api('decision-maker', { method: 'POST', url: `/api/v1/disagreements/${d.id}/resolve`, payload: { version: up.json().version, resolution: 'x' } }, 'other')).statusCode, 404);
    const done = await t.api('decision-maker', { method: 'POST', url: `/api/v1/disagreements/${d.id}/resolve`, payload: { version: up.json().version, resolution: 'Agreed' } });
    assert.equal(done.statusCode, 200);
    assert.equal(done.json().status, 'resolved');
    assert.equal((await t.api('decision-maker', { method: 'POST', url: `/api/v1/disagreements/${d.id}/resolve`, payload: { version: done.json().version, resolution: 'Again' } })).statusCode, 409);
  });

  it('permissions, dissemination (403 without permission) and the disclosure ledger', async () => {
    const c = await newContact(t);
    const police = await newEnquiry(t, c, 'police', { status: 'responded', items: [{ text: 'Two call-outs' }] });
    const share = {
      channel: 'referral-on',
      recipientName: 'Demo 0-19 hub',
      itemIds: police.itemIds,
      subjectIds: [c.subjectIds[0]],
      what: 'Police summary',
      purpose: 'Referral to early help',
      legalBases: ['uk-gdpr-6-1-e'],
      consentBasis: 'not-required',
    };
    const refused = await t.api('decision-maker', { method: 'POST', url: `/api/v1/contacts/${c.id}/disseminations`, payload: share });
    assert.equal(refused.statusCode, 403);
    assert.deepEqual(fields(refused), ['items[0]']);

    const permission = { originAgencyId: t.hub.agencyIds.police, recipientName: 'Demo 0-19 hub', purpose: 'safeguarding', grantedByName: 'DS Example', grantedAt: NOW.toISOString() };
    const badPermission = await t.api('police', { method: 'POST', url: `/api/v1/contacts/${c.id}/dissemination-permissions`, payload: { ...permission, grantedByName: '', purpose: 'x' } });
    assert.equal(badPermission.statusCode, 400);
    assert.ok(fields(badPermission).includes('grantedByName') && fields(badPermission).includes('purpose'));
    assert.equal((await t.api('health', { method: 'POST', url: `/api/v1/contacts/${c.id}/dissemination-permissions`, payload: permission })).statusCode, 404, 'not health’s to give');
    assert.equal((await t.api('social-worker', { method: 'POST', url: `/api/v1/contacts/${c.id}/dissemination-permissions`, payload: permission })).statusCode, 403);
    assert.equal((await t.api('decision-maker', { method: 'POST', url: `/api/v1/contacts/${c.id}/dissemination-permissions`, payload: permission }, 'other')).statusCode, 404);
    const given = await t.api('police', { method: 'POST', url: `/api/v1/contacts/${c.id}/dissemination-permissions`, payload: permission });
    assert.equal(given.statusCode, 201, given.body);

    const listed = await t.api('police', { method: 'GET', url: `/api/v1/contacts/${c.id}/dissemination-permissions` });
    assert.equal(listed.statusCode, 200);
    assert.equal(listed.json().length, 1);
    assert.equal((await t.api('probation', { method: 'GET', url: `/api/v1/contacts/${c.id}/dissemination-permissions` })).statusCode, 404, 'probation was not asked about this contact');
    assert.equal((await t.api('performance', { method: 'GET', url: `/api/v1/contacts/${c.id}/dissemination-permissions` })).statusCode, 403);
    assert.equal((await t.api('decision-maker', { method: 'GET', url: `/api/v1/contacts/${c.id}/dissemination-permissions` }, 'other')).statusCode, 404);
    assert.equal((await t.api('decision-maker', { method: 'GET', url: '/api/v1/contacts/x/dissemination-permissions' })).statusCode, 400);

    const badShare = await t.api('decision-maker', { method: 'POST', url: `/api/v1/contacts/${c.id}/disseminations`, payload: { ...share, what: '', legalBases: ['made-up'] } });
    assert.equal(badShare.statusCode, 400);
    assert.ok(fields(badShare).includes('what') && fields(badShare).includes('legalBases[0]'));
    assert.equal((await t.api('social-worker', { method: 'POST', url: `/api/v1/contacts/${c.id}/disseminations`, payload: share })).statusCode, 403);
    assert.equal((await t.api('decision-maker', { method: 'POST', url: `/api/v1/contacts/${c.id}/disseminations`, payload: share }, 'other')).statusCode, 404);
    const shared = await t.api('decision-maker', { method: 'POST', url: `/api/v1/contacts/${c.id}/disseminations`, payload: share });
    assert.equal(shared.statusCode, 201, shared.body);

    const ledger = await t.api('ig-lead', { method: 'GET', url: `/api/v1/disclosures?contactId=${c.id}` });
    assert.equal(ledger.statusCode, 200);
    const entry = ledger.json().entries.find((e: { id: string }) => e.id === shared.json().disclosureId);
    assert.equal(entry.recipientName, 'Demo 0-19 hub');
    assert.equal(entry.items[0].permissionId, given.json().id);
    assert.equal((await t.api('ig-lead', { method: 'GET', url: '/api/v1/disclosures?contactId=nope' })).statusCode, 400);
    assert.equal((await t.api('ig-lead', { method: 'GET', url: '/api/v1/disclosures' })).statusCode, 400);
    assert.equal((await t.api('social-worker', { method: 'GET', url: `/api/v1/disclosures?contactId=${c.id}` })).statusCode, 403);
    assert.equal((await t.api('ig-lead', { method: 'GET', url: `/api/v1/disclosures?contactId=${c.id}` }, 'other')).statusCode, 404);

    assert.equal((await t.api('health', { method: 'POST', url: `/api/v1/dissemination-permissions/${given.json().id}/revoke` })).statusCode, 404);
    assert.equal((await t.api('decision-maker', { method: 'POST', url: `/api/v1/dissemination-permissions/${given.json().id}/revoke` }, 'other')).statusCode, 404);
    assert.equal((await t.api('decision-maker', { method: 'POST', url: '/api/v1/dissemination-permissions/x/revoke' })).statusCode, 400);
    assert.equal((await t.api('social-worker', { method: 'POST', url: `/api/v1/dissemination-permissions/${given.json().id}/revoke` })).statusCode, 403);
    const revoked = await t.api('police', { method: 'POST', url: `/api/v1/dissemination-permissions/${given.json().id}/revoke` });
    assert.equal(revoked.statusCode, 200);
    assert.ok(revoked.json().revokedAt);
    assert.equal((await t.api('police', { method: 'POST', url: `/api/v1/dissemination-permissions/${given.json().id}/revoke` })).statusCode, 409);
  });
});
