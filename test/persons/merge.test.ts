import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { phoneContact } from '../contacts/builders';
import { createTestContext, type TestContext } from '../harness';
import { auditOf, personInput, testNhsNumber } from './builders';

/**
 * Merge and un-merge (C2): a worker merges a duplicate into the record kept — its contacts, IDs
 * and family links move across, its names become other names — and undoing the merge puts both
 * records back exactly as they were. Never automatic; every step audited.
 */
describe('merging duplicate persons, and undoing it', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext();
  });
  after(async () => t.close());
  const mso = () => t.hub.actors.mso;

  /** everything that makes up a person's record, as stored */
  async function snapshot(personId: string) {
    const db = t.database.db;
    const { version: _v, updated_at: _u, updated_by: _b, ...row } = await db.selectFrom('person').selectAll().where('id', '=', personId).executeTakeFirstOrThrow();
    const identifiers = (await db.selectFrom('person_identifier').select(['id', 'source', 'value']).where('person_id', '=', personId).orderBy('id').execute());
    const relationships = (await db.selectFrom('person_relationship').select(['id', 'person_id', 'related_person_id', 'kind', 'household']).where('ended_at', 'is', null).where((eb) => eb.or([eb('person_id', '=', personId), eb('related_person_id', '=', personId)])).orderBy('id').execute());
    const subjects = (await db.selectFrom('contact_subject').select('id').where('person_id', '=', personId).orderBy('id').execute()).map((s) => s.id);
    const keys = (await db.selectFrom('person_block_key').select('key').where('person_id', '=', personId).orderBy('key').execute()).map((k) => k.key);
    return { row, identifiers, relationships, subjects, keys };
  }

  async function linkedContact(personId: string) {
    const recorded = await t.services.contacts.recordContact(mso(), t.ctx, phoneContact(new Date(Date.now() - 60_000)));
    const contact = await t.services.contacts.getContact(mso(), t.ctx, recorded.id);
    await t.services.persons.linkSubject(mso(), t.ctx, recorded.id, contact.subjects[0].id, { personId });
    return recorded.id;
  }

  it('merges: contacts, IDs and links move; names kept; the duplicate is no longer found; undo restores both exactly', async () => {
    const kept = await t.services.persons.createPerson(mso(), t.ctx, personInput({ givenName: 'Alexandra', familyName: 'Mergetest', dateOfBirth: '2016-04-01', postcode: null, address: null, identifiers: [{ source: 'la', value: 'LCS9000001' }] }));
    const dup = await t.services.persons.createPerson(mso(), t.ctx, personInput({ givenName: 'Alex', familyName: 'Mergetest', dateOfBirth: '2016-01-04', nhsNumber: testNhsNumber(700001), identifiers: [{ source: 'education', value: 'EDU9000001' }], caseStatus: 'known' }));
    const mother = await t.services.persons.createPerson(mso(), t.ctx, personInput({ givenName: 'Jo', familyName: 'Mergetest', dateOfBirth: '1988-05-05' }));
    const sibling = await t.services.persons.createPerson(mso(), t.ctx, personInput({ givenName: 'Sam', familyName: 'Mergetest', dateOfBirth: '2018-09-12' }));
    // the duplicate: its mother (which the kept record lacks), a sibling the kept record also has, and a link to the kept record itself
    await t.services.persons.addRelationship(mso(), t.ctx, dup.id, { relatedPersonId: mother.id, kind: 'parent', household: true });
    await t.services.persons.addRelationship(mso(), t.ctx, dup.id, { relatedPersonId: sibling.id, kind: 'sibling', household: true });
    await t.services.persons.addRelationship(mso(), t.ctx, kept.id, { relatedPersonId: sibling.id, kind: 'sibling', household: true });
    await t.services.persons.addRelationship(mso(), t.ctx, kept.id, { relatedPersonId: dup.id, kind: 'other', household: false });
    const contactOfDup = await linkedContact(dup.id);
    const contactOfKept = await linkedContact(kept.id);

    const beforeKept = await snapshot(kept.id);
    const beforeDup = await snapshot(dup.id);
    const keptNow = await t.services.persons.getPerson(mso(), t.ctx, kept.id);
    const dupNow = await t.services.persons.getPerson(mso(), t.ctx, dup.id);

    const preview = await t.services.persons.previewMerge(mso(), t.ctx, kept.id, dup.id);
    assert.equal(preview.moves.contacts, 1);
    assert.ok(preview.match.reasons.some((r) => r.code === 'dob-day-month-swapped'));
    assert.ok(preview.differences.includes('dateOfBirth'));

    const { mergeId, person } = await t.services.persons.mergePersons(mso(), t.ctx, { keptId: kept.id, duplicateId: dup.id, keptVersion: keptNow.version, duplicateVersion: dupNow.version });
    assert.deepEqual(person.contacts.map((c) => c.contactId).sort(), [contactOfDup, contactOfKept].sort());
    assert.deepEqual(person.identifiers.map((i) => i.source).sort(), ['education', 'la']);
    assert.equal(person.nhsNumber, dupNow.nhsNumber, 'the kept record gains what it lacked');
    assert.equal(person.dateOfBirth, '2016-04-01', 'and keeps its own where they differ');
    assert.equal(person.postcode, 'DE22 3AB');
    assert.equal(person.caseStatus, 'known');
    assert.deepEqual(person.otherNames, [{ givenName: 'Alex', familyName: 'Mergetest' }]);
    assert.deepEqual(person.relationships.map((r) => r.other.id).sort(), [mother.id, sibling.id].sort());
    assert.ok(person.household.adults.some((p) => p.id === mother.id), 'the mother is now in the kept record’s household');
    const gone = await t.services.persons.getPerson(mso(), t.ctx, dup.id);
    assert.equal(gone.mergedInto, kept.id);
    assert.deepEqual(gone.contacts, []);
    // searching for the duplicate's details finds the kept record, never the merged one
    const found = await t.services.persons.search(mso(), t.ctx, { givenName: 'Alex', familyName: 'Mergetest', dateOfBirth: '2016-01-04' });
    assert.equal(found.candidates[0].person.id, kept.id);
    assert.ok(!found.candidates.some((c) => c.person.id === dup.id));
    assert.deepEqual(await snapshot(dup.id).then((s) => s.keys), [], 'a merged record has no search keys');
    // a merged record cannot be merged again or changed
    await assert.rejects(t.services.persons.mergePersons(mso(), t.ctx, { keptId: kept.id, duplicateId: dup.id, keptVersion: person.version, duplicateVersion: gone.version }), (e: { code: string }) => e.code === 'invalid-state');
    await assert.rejects(t.services.persons.updatePerson(mso(), t.ctx, dup.id, personInput(), gone.version), (e: { code: string }) => e.code === 'invalid-state');

    const undone = await t.services.persons.undoMerge(mso(), t.ctx, mergeId);
    assert.deepEqual(undone, { keptId: kept.id, duplicateId: dup.id, fieldsKept: [] });
    assert.deepEqual(await snapshot(kept.id), beforeKept);
    assert.deepEqual(await snapshot(dup.id), beforeDup);
    const history = await t.services.persons.getPerson(mso(), t.ctx, kept.id);
    assert.equal(history.merges.length, 1);
    assert.ok(history.merges[0].undoneAt);
    assert.equal(history.merges[0].canUndo, false);
    await assert.rejects(t.services.persons.undoMerge(mso(), t.ctx, mergeId), (e: { code: string }) => e.code === 'invalid-state');

    // every step audited, on both records, with ids and counts only
    for (const id of [kept.id, dup.id]) {
      assert.equal((await auditOf(t, { action: 'person.merge', recordId: id })).length, 1);
      assert.equal((await auditOf(t, { action: 'person.merge-undo', recordId: id })).length, 1);
    }
    const [merge] = await auditOf(t, { action: 'person.merge', recordId: kept.id });
    assert.deepEqual(merge.details, { mergeId, contacts: 1, identifiers: 1, relationships: 1, endedRelationships: 2, fieldsChanged: 6, duplicateId: dup.id });
    assert.ok(!JSON.stringify(merge).includes('Mergetest'));
  });

  it('undo keeps a change made to the kept record since the merge', async () => {
    const kept = await t.services.persons.createPerson(mso(), t.ctx, personInput({ givenName: 'Later', familyName: 'Changed' }));
    const dup = await t.services.persons.createPerson(mso(), t.ctx, personInput({ givenName: 'Later', familyName: 'Changed', nhsNumber: testNhsNumber(700101) }));
    const { mergeId, person } = await t.services.persons.mergePersons(mso(), t.ctx, { keptId: kept.id, duplicateId: dup.id, keptVersion: kept.version, duplicateVersion: dup.version });
    const nhs = testNhsNumber(700201);
    await t.services.persons.updatePerson(mso(), t.ctx, kept.id, { ...personInput({ givenName: 'Later', familyName: 'Changed' }), nhsNumber: nhs }, person.version);
    const undone = await t.services.persons.undoMerge(mso(), t.ctx, mergeId);
    assert.deepEqual(undone.fieldsKept, ['nhsNumber']);
    assert.equal((await t.services.persons.getPerson(mso(), t.ctx, kept.id)).nhsNumber, nhs);
    assert.equal((await t.services.persons.getPerson(mso(), t.ctx, dup.id)).mergedInto, null);
  });

  it('a merge chain is undone newest first', async () => {
    const a = await t.services.persons.createPerson(mso(), t.ctx, personInput({ givenName: 'Chain', familyName: 'Aaa' }));
    const b = await t.services.persons.createPerson(mso(), t.ctx, personInput({ givenName: 'Chain', familyName: 'Bbb' }));
    const c = await t.services.persons.createPerson(mso(), t.ctx, personInput({ givenName: 'Chain', familyName: 'Ccc' }));
    const first = await t.services.persons.mergePersons(mso(), t.ctx, { keptId: b.id, duplicateId: a.id, keptVersion: b.version, duplicateVersion: a.version });
    const second = await t.services.persons.mergePersons(mso(), t.ctx, { keptId: c.id, duplicateId: b.id, keptVersion: c.version, duplicateVersion: first.person.version });
    await assert.rejects(t.services.persons.undoMerge(mso(), t.ctx, first.mergeId), (e: { code: string; message: string }) => e.code === 'invalid-state' && /undo that merge first/.test(e.message));
    await t.services.persons.undoMerge(mso(), t.ctx, second.mergeId);
    await t.services.persons.undoMerge(mso(), t.ctx, first.mergeId);
    for (const p of [a, b, c]) assert.equal((await t.services.persons.getPerson(mso(), t.ctx, p.id)).mergedInto, null);
  });

  it('refuses a stale version, the same record twice, other hubs and roles without person.merge', async () => {
    const kept = await t.services.persons.createPerson(mso(), t.ctx, personInput({ givenName: 'Stale' }));
    const dup = await t.services.persons.createPerson(mso(), t.ctx, personInput({ givenName: 'Stale' }));
    await assert.rejects(t.services.persons.mergePersons(mso(), t.ctx, { keptId: kept.id, duplicateId: dup.id, keptVersion: kept.version + 1, duplicateVersion: dup.version }), (e: { code: string }) => e.code === 'conflict');
    await assert.rejects(t.services.persons.mergePersons(mso(), t.ctx, { keptId: kept.id, duplicateId: kept.id, keptVersion: 1, duplicateVersion: 1 }), (e: { code: string }) => e.code === 'validation');
    await assert.rejects(t.services.persons.mergePersons(t.hub.actors['social-worker'], t.ctx, { keptId: kept.id, duplicateId: dup.id, keptVersion: 1, duplicateVersion: 1 }), (e: { code: string }) => e.code === 'forbidden');
    await assert.rejects(t.services.persons.mergePersons(t.otherHub.actors.mso, t.ctx, { keptId: kept.id, duplicateId: dup.id, keptVersion: 1, duplicateVersion: 1 }), (e: { code: string }) => e.code === 'not-found');
    const other = await t.services.persons.createPerson(t.otherHub.actors.mso, t.ctx, personInput({ givenName: 'Stale' }));
    await assert.rejects(t.services.persons.mergePersons(mso(), t.ctx, { keptId: kept.id, duplicateId: other.id, keptVersion: 1, duplicateVersion: 1 }), (e: { code: string }) => e.code === 'not-found');
    // the decision maker may merge
    const merged = await t.services.persons.mergePersons(t.hub.actors['decision-maker'], t.ctx, { keptId: kept.id, duplicateId: dup.id, keptVersion: kept.version, duplicateVersion: dup.version });
    assert.ok(merged.mergeId);
  });

  it('the merge page offers likely duplicates, scored, never the record itself', async () => {
    const kept = await t.services.persons.createPerson(mso(), t.ctx, personInput({ givenName: 'Candidate', familyName: 'Duplicated', dateOfBirth: '2012-03-04' }));
    const dup = await t.services.persons.createPerson(mso(), t.ctx, personInput({ givenName: 'Candy', familyName: 'Duplicated', dateOfBirth: '2012-03-04' }));
    const { result } = await t.services.persons.mergeCandidates(mso(), t.ctx, kept.id);
    assert.equal(result.candidates[0].person.id, dup.id);
    assert.ok(!result.candidates.some((c) => c.person.id === kept.id));
  });
});
