import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { phoneContact } from '../contacts/builders';
import { createTestContext, type TestContext } from '../harness';
import { CSV_HEADER, personInput, testNhsNumber } from './builders';

/** The person index's JSON API: what the pages do, with problem JSON for every refusal. */
describe('person index API', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext();
  });
  after(async () => t.close());

  const fields = (res: { json(): unknown }) => ((res.json() as { errors?: Array<{ field: string }> }).errors ?? []).map((e) => e.field);
  const isProblem = (res: { headers: Record<string, unknown> }) => assert.match(String(res.headers['content-type']), /application\/problem\+json/);
  const create = async (over: Record<string, unknown> = {}) => {
    const res = await t.api('mso', { method: 'POST', url: '/api/v1/persons', payload: { ...personInput(), ...over } });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { id: string; version: number };
  };

  describe('POST /api/v1/persons/search', () => {
    it('answers candidates with a score, a band and the reasons in words', async () => {
      const p = await create({ givenName: 'Apisearch', familyName: 'Testchild', dateOfBirth: '2015-03-04', identifiers: [{ source: 'la', value: 'LCS6000001' }] });
      const res = await t.api('social-worker', { method: 'POST', url: '/api/v1/persons/search', payload: { givenName: 'APISEARCH', familyName: 'Testchyld', dateOfBirth: '04/03/2015', limit: 5 } });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      assert.equal(body.candidates[0].person.id, p.id);
      assert.equal(typeof body.candidates[0].score, 'number');
      assert.match(body.candidates[0].band, /^(strong|possible|weak)$/);
      assert.ok(body.candidates[0].reasons.every((r: { code: string; text: string; weight: number }) => r.code && r.text && typeof r.weight === 'number'));
      assert.ok(body.candidates[0].reasons.some((r: { text: string }) => r.text === 'same date of birth'));
      assert.deepEqual(body.candidates[0].person.identifiers, [{ source: 'la', value: 'LCS6000001' }]);
      assert.deepEqual(body.thresholds, { strong: 80, possible: 55 });
      const byId = await t.api('mso', { method: 'POST', url: '/api/v1/persons/search', payload: { identifiers: [{ value: 'lcs 6000001' }] } });
      assert.equal(byId.json().candidates[0].person.id, p.id, 'an agency ID without its source');
    });
    it('bad input is 400 with field errors', async () => {
      const res = await t.api('mso', { method: 'POST', url: '/api/v1/persons/search', payload: { familyName: 'X', dateOfBirth: '31/02/2016', postcode: 'nowhere' } });
      assert.equal(res.statusCode, 400);
      isProblem(res);
      assert.deepEqual(fields(res), ['dateOfBirth', 'postcode']);
      const empty = await t.api('mso', { method: 'POST', url: '/api/v1/persons/search', payload: {} });
      assert.equal(empty.statusCode, 400);
      assert.deepEqual(fields(empty), ['familyName']);
      const extra = await t.api('mso', { method: 'POST', url: '/api/v1/persons/search', payload: { familyName: 'X', colour: 'blue' } });
      assert.equal(extra.statusCode, 400);
      const long = await t.api('mso', { method: 'POST', url: '/api/v1/persons/search', payload: { familyName: 'X'.repeat(101) } });
      assert.equal(long.statusCode, 400);
    });
    it('wrong role 403, no token 401; another hub searches only its own', async () => {
      for (const role of ['police', 'health', 'lado', 'admin', 'auditor', 'performance'] as const) {
        const res = await t.api(role, { method: 'POST', url: '/api/v1/persons/search', payload: { familyName: 'Testchild' } });
        assert.equal(res.statusCode, 403, role);
        isProblem(res);
      }
      assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/persons/search', payload: { familyName: 'Testchild' } })).statusCode, 401);
      const other = await t.api('mso', { method: 'POST', url: '/api/v1/persons/search', payload: { givenName: 'Apisearch', familyName: 'Testchild', dateOfBirth: '2015-03-04' } }, 'other');
      assert.equal(other.statusCode, 200);
      assert.deepEqual(other.json().candidates, []);
    });
  });

  describe('persons', () => {
    it('POST creates (201); a second holder of an NHS number or ID is refused with the field', async () => {
      const nhs = testNhsNumber(600001);
      await create({ givenName: 'Nhsholder', nhsNumber: nhs, identifiers: [{ source: 'police', value: 'PN6000001' }] });
      const res = await t.api('mso', { method: 'POST', url: '/api/v1/persons', payload: { ...personInput(), nhsNumber: nhs, identifiers: [{ source: 'Police', value: 'pn-6000001' }] } });
      assert.equal(res.statusCode, 400);
      assert.deepEqual(fields(res), ['identifiers[0].value', 'nhsNumber']);
      const bad = await t.api('mso', { method: 'POST', url: '/api/v1/persons', payload: { givenName: '', familyName: '', dateOfBirth: '2999-01-01', postcode: 'DE22' } });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(fields(bad), ['givenName', 'dateOfBirth', 'postcode']);
      const nul = await t.api('mso', { method: 'POST', url: '/api/v1/persons', payload: { familyName: 'Test\u0000child' } });
      assert.equal(nul.statusCode, 400, 'a NUL is refused, never a database error');
    });
    it('GET reads a person (200); another hub 404, wrong role 403, a malformed id 400', async () => {
      const p = await create({ givenName: 'Apiread' });
      const res = await t.api('decision-maker', { method: 'GET', url: `/api/v1/persons/${p.id}` });
      assert.equal(res.statusCode, 200);
      const body = res.json();
      assert.equal(body.givenName, 'Apiread');
      assert.deepEqual(body.household, { children: [], adults: [], ageNotKnown: [] });
      assert.match(body.createdAt, /^\d{4}-\d{2}-\d{2}T/);
      assert.equal((await t.api('mso', { method: 'GET', url: `/api/v1/persons/${p.id}` }, 'other')).statusCode, 404);
      assert.equal((await t.api('police', { method: 'GET', url: `/api/v1/persons/${p.id}` })).statusCode, 403);
      assert.equal((await t.api('lado', { method: 'GET', url: `/api/v1/persons/${p.id}` })).statusCode, 403);
      assert.equal((await t.api('mso', { method: 'GET', url: '/api/v1/persons/00000000-0000-4000-8000-000000000000' })).statusCode, 404);
      assert.equal((await t.api('mso', { method: 'GET', url: '/api/v1/persons/not-an-id' })).statusCode, 400);
    });
    it('PUT changes with the version read; a stale version is 409', async () => {
      const p = await create({ givenName: 'Apichange' });
      const sw = t.hub.actors['social-worker'];
      const res = await t.api('mso', { method: 'PUT', url: `/api/v1/persons/${p.id}`, payload: { ...personInput({ givenName: 'Apichanged' }), caseStatus: 'open', allocatedWorkerId: sw.userId, version: p.version } });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().givenName, 'Apichanged');
      assert.deepEqual(res.json().allocatedWorker, { id: sw.userId, name: sw.displayName });
      const stale = await t.api('mso', { method: 'PUT', url: `/api/v1/persons/${p.id}`, payload: { ...personInput(), version: p.version } });
      assert.equal(stale.statusCode, 409);
      const police = await t.api('mso', { method: 'PUT', url: `/api/v1/persons/${p.id}`, payload: { ...personInput(), caseStatus: 'open', allocatedWorkerId: t.hub.actors.police.userId, version: p.version + 1 } });
      assert.equal(police.statusCode, 400);
      assert.deepEqual(fields(police), ['allocatedWorkerId']);
      assert.equal((await t.api('mso', { method: 'PUT', url: `/api/v1/persons/${p.id}`, payload: { ...personInput(), version: 2 } }, 'other')).statusCode, 404);
    });
    it('family and household links: added, shown from both ends, removed', async () => {
      const child = await create({ givenName: 'Apichild', dateOfBirth: '2016-04-01' });
      const mum = await create({ givenName: 'Apimum', dateOfBirth: '1988-05-05' });
      const res = await t.api('mso', { method: 'POST', url: `/api/v1/persons/${child.id}/relationships`, payload: { relatedPersonId: mum.id, kind: 'parent', household: true } });
      assert.equal(res.statusCode, 200, res.body);
      const rel = res.json().relationships[0];
      assert.equal(rel.words, 'parent');
      assert.deepEqual(res.json().household.adults.map((p: { id: string }) => p.id), [mum.id]);
      const fromMum = (await t.api('mso', { method: 'GET', url: `/api/v1/persons/${mum.id}` })).json();
      assert.equal(fromMum.relationships[0].words, 'child');
      assert.deepEqual(fromMum.household.children.map((p: { id: string }) => p.id), [child.id]);
      const again = await t.api('mso', { method: 'POST', url: `/api/v1/persons/${mum.id}/relationships`, payload: { relatedPersonId: child.id, kind: 'parent', household: true } });
      assert.equal(again.statusCode, 400);
      assert.deepEqual(fields(again), ['relatedPersonId']);
      const self = await t.api('mso', { method: 'POST', url: `/api/v1/persons/${mum.id}/relationships`, payload: { relatedPersonId: mum.id, kind: 'sibling', household: true } });
      assert.equal(self.statusCode, 400);
      const badKind = await t.api('mso', { method: 'POST', url: `/api/v1/persons/${mum.id}/relationships`, payload: { relatedPersonId: child.id, kind: 'cousin', household: true } });
      assert.equal(badKind.statusCode, 400);
      assert.equal((await t.api('police', { method: 'DELETE', url: `/api/v1/persons/${child.id}/relationships/${rel.id}` })).statusCode, 403);
      const removed = await t.api('mso', { method: 'DELETE', url: `/api/v1/persons/${child.id}/relationships/${rel.id}` });
      assert.equal(removed.statusCode, 200);
      assert.deepEqual(removed.json().relationships, []);
      assert.equal((await t.api('mso', { method: 'DELETE', url: `/api/v1/persons/${child.id}/relationships/${rel.id}` })).statusCode, 404);
    });
  });

  describe('POST /api/v1/contacts/:id/subjects/:subjectId/link', () => {
    it('links and routes; refuses bad input, the wrong role and another hub', async () => {
      const recorded = await t.api('mso', { method: 'POST', url: '/api/v1/contacts', payload: phoneContact(new Date(Date.now() - 60_000)) });
      assert.equal(recorded.statusCode, 201, recorded.body);
      const contactId = recorded.json().id;
      const subjects = (await t.api('mso', { method: 'GET', url: `/api/v1/contacts/${contactId}` })).json().subjects;
      const url = `/api/v1/contacts/${contactId}/subjects/${subjects[0].id}/link`;
      assert.equal((await t.api('mso', { method: 'POST', url, payload: { newPerson: { familyName: '' } } })).statusCode, 400);
      assert.equal((await t.api('mso', { method: 'POST', url, payload: { personId: 'x' } })).statusCode, 400);
      assert.equal((await t.api('mso', { method: 'POST', url, payload: {} })).statusCode, 400);
      assert.equal((await t.api('police', { method: 'POST', url, payload: { newPerson: { familyName: 'X' } } })).statusCode, 403);
      assert.equal((await t.api('lado', { method: 'POST', url, payload: { newPerson: { familyName: 'X' } } })).statusCode, 403);
      assert.equal((await t.api('mso', { method: 'POST', url, payload: { newPerson: { familyName: 'X' } } }, 'other')).statusCode, 404);
      const res = await t.api('mso', { method: 'POST', url, payload: { newPerson: { givenName: 'Alex', familyName: 'Testchild', dateOfBirth: '2016-04-01' } } });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual({ ...(res.json() as object), personId: undefined }, { personId: undefined, created: true, outcome: 'new-record', text: 'New record created and linked. Record their family and household links.', alerts: 0, lado: false, ladoClockStarted: false });
      assert.equal((await t.api('mso', { method: 'POST', url, payload: { personId: res.json().personId } })).statusCode, 409, 'already linked');
      const second = await t.api('mso', { method: 'POST', url: `/api/v1/contacts/${contactId}/subjects/${subjects[1].id}/link`, payload: { personId: res.json().personId } });
      assert.equal(second.json().outcome, 'not-known');
    });
  });

  describe('merge and undo', () => {
    it('merges with both versions, undoes; stale 409, social worker 403, other hub 404', async () => {
      const kept = await create({ givenName: 'Apimerge', familyName: 'Kept' });
      const dup = await create({ givenName: 'Apimerge', familyName: 'Kept' });
      assert.equal((await t.api('social-worker', { method: 'POST', url: `/api/v1/persons/${kept.id}/merge`, payload: { duplicateId: dup.id, version: kept.version, duplicateVersion: dup.version } })).statusCode, 403);
      assert.equal((await t.api('mso', { method: 'POST', url: `/api/v1/persons/${kept.id}/merge`, payload: { duplicateId: dup.id, version: kept.version, duplicateVersion: dup.version } }, 'other')).statusCode, 404);
      assert.equal((await t.api('mso', { method: 'POST', url: `/api/v1/persons/${kept.id}/merge`, payload: { duplicateId: dup.id, version: kept.version + 5, duplicateVersion: dup.version } })).statusCode, 409);
      assert.equal((await t.api('mso', { method: 'POST', url: `/api/v1/persons/${kept.id}/merge`, payload: { duplicateId: kept.id, version: kept.version, duplicateVersion: kept.version } })).statusCode, 400);
      const res = await t.api('decision-maker', { method: 'POST', url: `/api/v1/persons/${kept.id}/merge`, payload: { duplicateId: dup.id, version: kept.version, duplicateVersion: dup.version } });
      assert.equal(res.statusCode, 200, res.body);
      const { mergeId, person } = res.json();
      assert.equal(person.merges[0].canUndo, true);
      assert.equal((await t.api('social-worker', { method: 'POST', url: `/api/v1/person-merges/${mergeId}/undo` })).statusCode, 403);
      assert.equal((await t.api('mso', { method: 'POST', url: `/api/v1/person-merges/${mergeId}/undo` }, 'other')).statusCode, 404);
      const undo = await t.api('mso', { method: 'POST', url: `/api/v1/person-merges/${mergeId}/undo` });
      assert.equal(undo.statusCode, 200, undo.body);
      assert.deepEqual(undo.json(), { keptId: kept.id, duplicateId: dup.id, fieldsKept: [] });
      assert.equal((await t.api('mso', { method: 'POST', url: `/api/v1/person-merges/${mergeId}/undo` })).statusCode, 409);
    });
  });

  describe('POST /api/v1/persons/import', () => {
    it('imports with a report; a bad file is 400 on csv; only administrators', async () => {
      const csv = `${CSV_HEADER}\nApi,Importee,2016-04-01,DE22 3AB,1 Synthetic Road,F,,LCS5000001,la\nBad,Importee,2016-13-01,,,,,,\n`;
      const res = await t.api('admin', { method: 'POST', url: '/api/v1/persons/import', payload: { csv } });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), { rows: 2, imported: 1, rejected: [{ line: 3, reasons: ['date_of_birth: date of birth must be a real date'] }], ignoredColumns: [] });
      const bad = await t.api('admin', { method: 'POST', url: '/api/v1/persons/import', payload: { csv: 'a,b\n1,2\n' } });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(fields(bad), ['csv']);
      assert.equal((await t.api('mso', { method: 'POST', url: '/api/v1/persons/import', payload: { csv } })).statusCode, 403);
      assert.equal((await t.api('admin', { method: 'POST', url: '/api/v1/persons/import', payload: { csv, extra: 1 } })).statusCode, 400);
    });
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of ['/api/v1/persons/search', '/api/v1/persons', '/api/v1/persons/{id}', '/api/v1/persons/{id}/relationships', '/api/v1/persons/{id}/relationships/{relationshipId}', '/api/v1/contacts/{id}/subjects/{subjectId}/link', '/api/v1/persons/{id}/merge', '/api/v1/person-merges/{id}/undo', '/api/v1/persons/import']) {
      assert.ok(doc.paths[path], path);
    }
  });
});
