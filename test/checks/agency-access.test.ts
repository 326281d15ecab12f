/**
 * Need-to-know for partner agencies (C6, C11): for each agency role, another agency's request and
 * answer, a held-back part, and a contact it has no request for are out of reach — by page, by
 * API and by guessing ids. The one place that decides is visibility.ts (through the services).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Role } from '../../src/platform/access/roles';
import { createTestContext, type TestContext } from '../harness';
import { WebClient } from '../support/web-client';
import { contactWithRequests, responseWithHeldBack, screenedContact } from './builders';

const PARTNER_ROLES: Array<{ role: Role; agency: string }> = [
  { role: 'police', agency: 'police' },
  { role: 'health', agency: 'health' },
  { role: 'education', agency: 'education' },
  { role: 'probation', agency: 'probation' },
  { role: 'housing', agency: 'housing' },
  { role: 'agency-practitioner', agency: 'early-help' },
];
const HELD_BACK = 'live investigation involving the father';
const SHAREABLE = 'two call-outs to the address';

describe('partner agencies see only their own requests', () => {
  let t: TestContext;
  /** a contact asked of every partner agency; each answered with a held-back part naming its agency */
  let asked: { contactId: string; enquiryByAgency: Map<string, string> };
  /** a contact nobody was asked about */
  let unasked: string;
  before(async () => {
    t = await createTestContext();
    const { contact, enquiryIds } = await contactWithRequests(t, PARTNER_ROLES.map((p) => p.agency));
    const enquiryByAgency = new Map<string, string>();
    for (const [i, p] of PARTNER_ROLES.entries()) {
      enquiryByAgency.set(p.agency, enquiryIds[i]);
      await t.services.checks.respondToEnquiry(t.hub.actors[p.role], t.ctx, enquiryIds[i], {
        ...responseWithHeldBack,
        items: responseWithHeldBack.items.map((item) => ({ ...item, text: `${item.text} (${p.agency})` })),
      });
    }
    asked = { contactId: contact.id, enquiryByAgency };
    unasked = (await screenedContact(t.database.db, t.hub)).id;
  });
  after(async () => t.close());

  for (const { role, agency } of PARTNER_ROLES) {
    describe(role, () => {
      it('by API: its own request in full (held-back part included), nobody else’s, no contact', async () => {
        const own = asked.enquiryByAgency.get(agency)!;
        const mine = await t.api(role, { method: 'GET', url: `/api/v1/enquiries/${own}` });
        assert.equal(mine.statusCode, 200);
        assert.ok(mine.body.includes(`${HELD_BACK} (${agency})`), 'own held-back part');
        assert.ok(!mine.body.includes('roleInContact'));
        for (const [other, id] of asked.enquiryByAgency) {
          if (other === agency) continue;
          const res = await t.api(role, { method: 'GET', url: `/api/v1/enquiries/${id}` });
          assert.equal(res.statusCode, 404, `${role} reading ${other}`);
          assert.ok(!res.body.includes(other === 'early-help' ? 'early-help)' : `(${other})`));
        }
        const list = await t.api(role, { method: 'GET', url: '/api/v1/enquiries' });
        const ids = (list.json().entries as Array<{ view: { id: string } }>).map((e) => e.view.id);
        assert.deepEqual(ids, [own]);
        for (const other of PARTNER_ROLES.filter((p) => p.agency !== agency)) assert.ok(!list.body.includes(`(${other.agency})`));
        for (const contactId of [asked.contactId, unasked]) {
          for (const url of [`/api/v1/contacts/${contactId}/checks`, `/api/v1/contacts/${contactId}/responses`]) {
            assert.equal((await t.api(role, { method: 'GET', url })).statusCode, 404, `${role} ${url}`);
          }
        }
        // guessing ids answers exactly like a record that does not exist
        const guessed = await t.api(role, { method: 'GET', url: `/api/v1/enquiries/${randomUUID()}` });
        const theirs = await t.api(role, { method: 'GET', url: `/api/v1/enquiries/${[...asked.enquiryByAgency.values()].find((id) => id !== own)}` });
        assert.equal(guessed.statusCode, theirs.statusCode);
        assert.equal(guessed.json().detail, theirs.json().detail);
        // nor can it act on another agency's request
        const other = [...asked.enquiryByAgency.entries()].find(([a]) => a !== agency)![1];
        assert.equal((await t.api(role, { method: 'POST', url: `/api/v1/enquiries/${other}/additions`, payload: { items: [{ kind: 'fact', text: 'x' }] } })).statusCode, 404);
      });

      it('by page: its own request, nobody else’s, no contact', async () => {
        const web = await WebClient.signedInAs(t, role);
        const own = asked.enquiryByAgency.get(agency)!;
        const list = await web.get('/enquiries');
        assert.equal(list.statusCode, 200);
        assert.match(list.body, /Requests to /);
        assert.equal((list.body.match(/data-qa="enquiry-row"/g) ?? []).length, 1);
        const page = await web.get(`/enquiries/${own}`);
        assert.equal(page.statusCode, 200);
        assert.ok(page.body.includes(`${HELD_BACK} (${agency})`));
        for (const other of PARTNER_ROLES.filter((p) => p.agency !== agency)) {
          assert.ok(!page.body.includes(`(${other.agency})`), `${role} page shows ${other.agency}`);
          const res = await web.get(`/enquiries/${asked.enquiryByAgency.get(other.agency)}`);
          assert.equal(res.statusCode, 404);
          assert.ok(!res.body.includes(SHAREABLE));
          assert.equal((await web.get(`/enquiries/${asked.enquiryByAgency.get(other.agency)}/add`)).statusCode, 404);
        }
        for (const contactId of [asked.contactId, unasked]) {
          assert.equal((await web.get(`/contacts/${contactId}/checks`)).statusCode, 404);
          // a form only the decision maker sends: refused for the role before any record is looked up, so it tells nothing
          assert.equal((await web.get(`/contacts/${contactId}/checks/send`)).statusCode, 403);
        }
        assert.equal((await web.get(`/enquiries/${randomUUID()}`)).statusCode, 404);
      });
    });
  }

  it('the other hub’s practitioners reach nothing here', async () => {
    for (const { role } of PARTNER_ROLES) {
      for (const id of asked.enquiryByAgency.values()) {
        assert.equal((await t.api(role, { method: 'GET', url: `/api/v1/enquiries/${id}` }, 'other')).statusCode, 404);
      }
    }
  });

  it('a MASH social worker sees every answer with held-back parts sign-posted, not shown; a support officer sees that answers exist', async () => {
    const sw = await WebClient.signedInAs(t, 'social-worker');
    const page = await sw.get(`/contacts/${asked.contactId}/checks`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(`${SHAREABLE} for noise last year (police)`));
    assert.ok(!page.body.includes(HELD_BACK));
    assert.equal((page.body.match(/data-qa="held-back-signpost"/g) ?? []).length, PARTNER_ROLES.length);
    const mso = await WebClient.signedInAs(t, 'mso');
    const msoPage = await mso.get(`/contacts/${asked.contactId}/checks`);
    assert.ok(!msoPage.body.includes(SHAREABLE));
    assert.equal((msoPage.body.match(/data-qa="response-status"/g) ?? []).length, PARTNER_ROLES.length);
    const dm = await WebClient.signedInAs(t, 'decision-maker');
    const dmPage = await dm.get(`/contacts/${asked.contactId}/checks`);
    assert.equal((dmPage.body.match(/data-qa="held-back-tag"/g) ?? []).length, PARTNER_ROLES.length);
    assert.ok(dmPage.body.includes(`${HELD_BACK} (police)`));
  });
});
