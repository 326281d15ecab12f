import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { evaluateRanking, type RankingResult } from '../../bench/synthetic/evaluate';
import { generateQueries, type SyntheticPerson } from '../../bench/synthetic/persons';
import { createTestContext, type TestContext } from '../harness';
import { auditOf, loadSynthetic, personInput } from './builders';

/**
 * Search of the person index on the real database: quality against known truth on a few
 * thousand synthetic persons, the reasons in words, the absolute score, and the audit (counts
 * only, never what was searched for).
 */
describe('person index search', () => {
  let t: TestContext;
  let idOf: Map<string, string>;
  let persons: SyntheticPerson[];
  const SEED = 'search-test';
  const COUNT = 3000;

  before(async () => {
    t = await createTestContext();
    ({ idOf, persons } = await loadSynthetic(t, SEED, COUNT));
  });
  after(async () => t.close());

  it('finds the true person in the first ten for at least 97% of searches with realistic errors', async () => {
    const queries = [...generateQueries(SEED, persons, 250)];
    const results: RankingResult[] = [];
    for (const q of queries) {
      const r = await t.services.persons.search(t.hub.actors.mso, t.ctx, { ...q.query, identifiers: q.query.identifiers?.map((i) => ({ source: i.source, value: i.value })) });
      results.push({ queryId: q.id, rankedIds: r.candidates.map((c) => c.person.id), topBand: r.candidates[0]?.band });
    }
    const m = evaluateRanking(results, new Map(queries.map((q) => [q.id, idOf.get(q.trueId)!])), 10);
    console.log(`search quality on ${COUNT} persons: recall@10 ${m.recallAtK.toFixed(3)}, top-1 ${m.top1Precision.toFixed(3)}, strong ${m.strongRate.toFixed(3)} (right ${m.strongPrecision.toFixed(3)})`);
    assert.ok(m.recallAtK >= 0.97, `recall@10 ${m.recallAtK}`);
    assert.ok(m.top1Precision >= 0.93, `top-1 ${m.top1Precision}`);
    assert.ok(m.strongPrecision >= 0.98, `a strong match is nearly always the right person (${m.strongPrecision})`);
  });

  it('explains the match in words, on a score that means the same for every search', async () => {
    const p = persons.find((x) => x.dateOfBirth && Number(x.dateOfBirth.slice(8, 10)) <= 12 && x.dateOfBirth.slice(5, 7) !== x.dateOfBirth.slice(8, 10) && x.postcode)!;
    const [y, mo, d] = p.dateOfBirth!.split('-');
    const swapped = `${y}-${d}-${mo}`;
    const r = await t.services.persons.search(t.hub.actors.mso, t.ctx, { givenName: p.givenName.split(' ')[0], familyName: p.familyName.toUpperCase(), dateOfBirth: swapped, postcode: p.postcode });
    const top = r.candidates[0];
    assert.equal(top.person.id, idOf.get(p.id));
    const words = top.reasons.map((x) => x.text);
    assert.ok(words.includes('day and month of birth swapped'), words.join('; '));
    assert.ok(words.includes('same postcode'), words.join('; '));
    assert.ok(top.score >= 0 && top.score <= 100);
    assert.deepEqual(r.thresholds, { strong: 80, possible: 55 });
    // the same details searched again score the same: the scale does not depend on the other candidates
    const again = await t.services.persons.search(t.hub.actors['social-worker'], t.ctx, { givenName: p.givenName.split(' ')[0], familyName: p.familyName, dateOfBirth: swapped, postcode: p.postcode });
    assert.equal(again.candidates.find((c) => c.person.id === top.person.id)?.score, top.score);
  });

  it('tolerates a misspelt surname and names the wrong way round', async () => {
    const p = persons.find((x) => x.dateOfBirth && x.familyName.length >= 6 && !x.familyName.includes('-'))!;
    const typo = p.familyName.slice(0, 2) + p.familyName[3] + p.familyName[2] + p.familyName.slice(4);
    const misspelt = await t.services.persons.search(t.hub.actors.mso, t.ctx, { givenName: p.givenName.split(' ')[0], familyName: typo, dateOfBirth: p.dateOfBirth });
    assert.equal(misspelt.candidates[0]?.person.id, idOf.get(p.id));
    const swapped = await t.services.persons.search(t.hub.actors.mso, t.ctx, { givenName: p.familyName, familyName: p.givenName.split(' ')[0], dateOfBirth: p.dateOfBirth });
    assert.equal(swapped.candidates[0]?.person.id, idOf.get(p.id));
    assert.ok(swapped.candidates[0].reasons.some((x) => x.code === 'names-swapped'));
  });

  it('finds by NHS number, by LA ID and by another agency’s ID without its source', async () => {
    const withNhs = persons.find((x) => x.nhsNumber)!;
    const byNhs = await t.services.persons.search(t.hub.actors.mso, t.ctx, { nhsNumber: `${withNhs.nhsNumber!.slice(0, 3)} ${withNhs.nhsNumber!.slice(3, 6)} ${withNhs.nhsNumber!.slice(6)}` });
    assert.equal(byNhs.candidates[0]?.person.id, idOf.get(withNhs.id));
    const withLa = persons.find((x) => x.identifiers.some((i) => i.source === 'la'))!;
    const byLa = await t.services.persons.search(t.hub.actors.mso, t.ctx, { laId: withLa.identifiers.find((i) => i.source === 'la')!.value.toLowerCase() });
    assert.equal(byLa.candidates[0]?.person.id, idOf.get(withLa.id));
    const withEdu = persons.find((x) => x.identifiers.some((i) => i.source === 'education'))!;
    const byAny = await t.services.persons.search(t.hub.actors.mso, t.ctx, { identifiers: [{ value: withEdu.identifiers.find((i) => i.source === 'education')!.value }] });
    assert.equal(byAny.candidates[0]?.person.id, idOf.get(withEdu.id));
    assert.ok(byAny.candidates[0].reasons.some((x) => x.text === 'same education ID' || x.code === 'identifier-same'));
  });

  it('a surname alone is a broad search, said so', async () => {
    const r = await t.services.persons.search(t.hub.actors.mso, t.ctx, { familyName: persons[0].familyName });
    assert.equal(r.broad, true);
    assert.ok(r.candidates.length > 0);
  });

  it('audits every search with counts only, never the names or dates searched for', async () => {
    const before = (await auditOf(t, { action: 'person.search' })).length;
    await t.services.persons.search(t.hub.actors.mso, t.ctx, { givenName: 'Auditname', familyName: 'Searchedfor', dateOfBirth: '2015-03-04', postcode: 'DE22 3AB', nhsNumber: '9434765919' });
    const events = await auditOf(t, { action: 'person.search' });
    assert.equal(events.length, before + 1);
    const event = events[events.length - 1];
    const stored = JSON.stringify(event);
    for (const secret of ['Auditname', 'Searchedfor', '2015-03-04', 'DE22', '9434765919']) assert.ok(!stored.includes(secret), `${secret} is not in the audit`);
    assert.equal(event.actor_user_id, t.hub.actors.mso.userId);
    const details = event.details as Record<string, unknown>;
    assert.equal(details.fields, 5);
    assert.equal(typeof details.candidates, 'number');
  });

  it('refuses a search with nothing to go on, naming the field', async () => {
    await assert.rejects(t.services.persons.search(t.hub.actors.mso, t.ctx, { sex: 'male' }), (e: { code: string; fields: Array<{ field: string }> }) => e.code === 'validation' && e.fields[0].field === 'familyName');
  });

  it('a hub sees only its own persons', async () => {
    const created = await t.services.persons.createPerson(t.hub.actors.mso, t.ctx, personInput({ givenName: 'Onlyhere', familyName: 'Mainhub' }));
    const mine = await t.services.persons.search(t.hub.actors.mso, t.ctx, { givenName: 'Onlyhere', familyName: 'Mainhub', dateOfBirth: '2016-04-01' });
    assert.equal(mine.candidates[0]?.person.id, created.id);
    const theirs = await t.services.persons.search(t.otherHub.actors.mso, t.ctx, { givenName: 'Onlyhere', familyName: 'Mainhub', dateOfBirth: '2016-04-01' });
    assert.deepEqual(theirs.candidates, []);
    await assert.rejects(t.services.persons.getPerson(t.otherHub.actors.mso, t.ctx, created.id), (e: { code: string }) => e.code === 'not-found');
  });

  it('partner practitioners and the LADO cannot search', async () => {
    for (const role of ['police', 'health', 'education', 'agency-practitioner', 'lado', 'auditor', 'admin'] as const) {
      await assert.rejects(t.services.persons.search(t.hub.actors[role], t.ctx, { familyName: 'Testchild' }), (e: { code: string }) => e.code === 'forbidden', role);
    }
  });
});
