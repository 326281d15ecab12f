import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FALLBACK_BELOW, queryBlocks } from '../../src/features/persons/domain/blocking';
import type { PersonQuery } from '../../src/features/persons/domain/types';
import { personsRepository } from '../../src/features/persons/persons-repository';
import { createTestContext, type TestContext } from '../harness';
import { personInput, validOf } from './builders';

/**
 * The candidate statement of a search on the real database: which persons it reads, in which
 * order, and when it runs the trigram look-ups. Synthetic persons only.
 */
describe('person search candidates', () => {
  let t: TestContext;
  const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

  before(async () => {
    t = await createTestContext();
  });
  after(async () => t.close());

  async function insert(persons: Array<{ id: string; over: Parameters<typeof personInput>[0] }>) {
    await t.database.db.transaction().execute((tx) =>
      personsRepository.insertPersons(tx, t.hub.hubId, persons.map((p) => ({ id: p.id, person: validOf(personInput(p.over)), origin: 'import' as const })), null, new Date()),
    );
  }
  const candidates = (query: PersonQuery, cap?: number) =>
    t.database.db.transaction().execute((tx) => personsRepository.searchCandidates(tx, t.hub.hubId, queryBlocks(query), cap));

  it('reads first the persons sharing the weightiest blocks, not merely the most', async () => {
    // both share three blocks with the search; the first shares the whole date of birth
    await insert([
      { id: id(902), over: { givenName: 'Zebedee', familyName: 'Weightfield', dateOfBirth: '2016-04-01', postcode: null } },
      { id: id(901), over: { givenName: 'Alex', familyName: 'Weightfield', dateOfBirth: '2016-04-09', postcode: null } },
      { id: id(900), over: { givenName: 'Alex', familyName: 'Weightfield', dateOfBirth: '2009-11-23', postcode: null } },
    ]);
    const rows = await candidates({ givenName: 'Alex', familyName: 'Weightfield', dateOfBirth: '2016-04-01' }, 1);
    assert.deepEqual(rows.map((r) => r.id), [id(902)]);
    assert.equal(rows[0].total, 3, 'the count is of every person found, not only those read');
  });

  it('runs the trigram look-ups only when the stored keys found fewer than a few persons', async () => {
    // a first name misspelt out of its sound, no date of birth: only a trigram look-up reaches him
    await insert([{ id: id(910), over: { givenName: 'Jonathan', familyName: 'Trigramfield', dateOfBirth: '2015-06-01', postcode: null } }]);
    const query: PersonQuery = { givenName: 'Xonathan', familyName: 'Trigramfield' };
    assert.ok(queryBlocks(query).some((l) => l.fallback && l.similar));
    assert.deepEqual((await candidates(query)).map((r) => r.id), [id(910)]);

    // once enough others share a stored block with the search, it is not looked up
    await insert(Array.from({ length: FALLBACK_BELOW }, (_, k) => ({ id: id(920 + k), over: { givenName: 'Xonathan', familyName: 'Trigramfield', dateOfBirth: `201${k}-01-02`, postcode: null } })));
    const ids = (await candidates(query)).map((r) => r.id).sort();
    assert.deepEqual(ids, Array.from({ length: FALLBACK_BELOW }, (_, k) => id(920 + k)));
  });
});
