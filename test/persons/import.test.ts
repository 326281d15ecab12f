import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext } from '../harness';
import { cliDatabase, runCli } from '../platform/support/cli';
import { auditOf, CSV_HEADER, testNhsNumber } from './builders';

/** Importing persons from a legacy system's CSV export: a report of rows imported and rejected, and why. */
describe('importing persons from CSV', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext();
  });
  after(async () => t.close());
  const admin = () => t.hub.actors.admin;

  const nhs1 = testNhsNumber(800001);
  const nhs2 = testNhsNumber(800002);
  const FILE = [
    `${CSV_HEADER},legacy_flag`,
    `Alex,Importchild,2016-04-01,DE22 3AB,"1 Synthetic Road, Town",F,${nhs1},LCS8000001,la,y`,
    `Sam,Importchild,12/09/2018,de223ab,1 Synthetic Road,M,,LCS8000002,LA,`,
    `,,2016-04-01,DE22 3AB,,F,,,,`,
    `Robin,Importchild,2016-02-30,nowhere,,x,123,LCS8000003,,`,
    `Jo,Importparent,1988-05-05,DE22 3AB,1 Synthetic Road,female,${nhs1},,,`,
    `Kim,Importchild,2019-01-01,,,,,LCS8000001,la,`,
    `Lee,Importchild,2020-01-01`,
    `Max,Importchild,2020-02-02,,,unknown,${nhs2},,,`,
  ].join('\r\n');

  it('imports the good rows and reports every rejected row with its line and reasons, naming no one', async () => {
    const report = await t.services.persons.importPersonsCsv(admin(), t.ctx, FILE);
    assert.equal(report.rows, 8);
    assert.equal(report.imported, 3);
    assert.deepEqual(report.ignoredColumns, ['legacy_flag']);
    assert.deepEqual(report.rejected, [
      { line: 4, reasons: ['given_name: enter a first name or a last name'] },
      {
        line: 5,
        reasons: [
          'source: enter who issued external_id (for example la)',
          'date_of_birth: date of birth must be a real date',
          'sex: sex must be female, male or unknown',
          'postcode: enter a full UK postcode, like DE22 3AB',
          'nhs_number: NHS number must be 10 digits with a valid check digit',
        ],
      },
      { line: 6, reasons: ['nhs_number: the same NHS number as line 2'] },
      { line: 7, reasons: ['external_id: the same source and external_id as line 2'] },
      { line: 8, reasons: ['the row has 3 values; the header has 10 columns'] },
    ]);
    assert.ok(!JSON.stringify(report).includes('Importchild'));
    const found = await t.services.persons.search(t.hub.actors.mso, t.ctx, { laId: 'LCS8000002' });
    assert.equal(found.candidates[0].person.givenName, 'Sam');
    assert.equal(found.candidates[0].person.dateOfBirth, '2018-09-12');
    assert.equal(found.candidates[0].person.postcode, 'DE22 3AB');
    const person = await t.services.persons.getPerson(t.hub.actors.mso, t.ctx, found.candidates[0].person.id);
    assert.equal(person.origin, 'import');
    assert.equal(person.sameAddress.length >= 1, true, 'the household at the same address shows');
  });

  it('imports nobody twice: a second run of the same file rejects what is already on the index', async () => {
    const report = await t.services.persons.importPersonsCsv(admin(), t.ctx, FILE);
    assert.equal(report.imported, 0);
    const byLine = new Map(report.rejected.map((r) => [r.line, r.reasons]));
    assert.deepEqual(byLine.get(2), ['external_id: already on the index with this source', 'nhs_number: already on the index']);
    assert.deepEqual(byLine.get(3), ['external_id: already on the index with this source']);
    assert.deepEqual(byLine.get(9), ['nhs_number: already on the index']);
  });

  it('audits each import with counts only', async () => {
    const events = await auditOf(t, { action: 'person.import' });
    assert.equal(events.length, 2);
    assert.deepEqual(events[0].details, { rows: 8, imported: 3, rejected: 5, via: 'web' });
    assert.equal(events[0].actor_user_id, admin().userId);
  });

  it('refuses a file it cannot read as a whole, saying why', async () => {
    const bad = async (csv: string) => {
      try {
        await t.services.persons.importPersonsCsv(admin(), t.ctx, csv);
        assert.fail('accepted');
      } catch (e) {
        const err = e as { code: string; fields: Array<{ field: string; text: string }> };
        assert.equal(err.code, 'validation');
        assert.equal(err.fields[0].field, 'csv');
        return err.fields[0].text;
      }
    };
    assert.match(await bad('name,dob\nAlex,2016-01-01\n'), /missing the columns given_name, family_name/);
    assert.match(await bad(`${CSV_HEADER}\n"Alex,Importchild\n`), /never closed/);
    assert.match(await bad(''), /empty/);
    const big = [CSV_HEADER, ...Array.from({ length: 10_001 }, (_, i) => `P${i},Big,,,,,,,`)].join('\n');
    assert.match(await bad(big), /more than 10,000 rows/);
  });

  it('only an administrator imports', async () => {
    for (const role of ['mso', 'decision-maker', 'police', 'auditor'] as const) {
      await assert.rejects(t.services.persons.importPersonsCsv(t.hub.actors[role], t.ctx, FILE), (e: { code: string }) => e.code === 'forbidden', role);
    }
  });
});

describe('openmash persons import (command line)', () => {
  it('imports a file in chunks as a named administrator, prints the rejected lines, and reindexes', async () => {
    const cli = cliDatabase();
    const dir = mkdtempSync(path.join(tmpdir(), 'openmash-import-'));
    try {
      assert.equal((await runCli(['demo'], cli.env)).code, 0);
      const file = path.join(dir, 'persons.csv');
      writeFileSync(file, [CSV_HEADER, 'Alex,Clichild,2016-04-01,DE22 3AB,1 Synthetic Road,F,,LCS7000001,la', 'Bad,Clichild,2016-13-01,,,,,,', 'Sam,Clichild,2018-09-12,,,M,,LCS7000002,la'].join('\n'));
      const res = await runCli(['persons', 'import', file, '--as', 'admin@demo.test'], cli.env);
      assert.equal(res.code, 1, 'rows were rejected');
      assert.match(res.stdout, /3 rows read: 2 imported, 1 rejected/);
      assert.match(res.stdout, /line 3: date_of_birth: date of birth must be a real date/);
      assert.ok(!res.stdout.includes('Clichild'), 'no names on the terminal');
      const json = await runCli(['persons', 'import', file, '--as', 'admin@demo.test', '--json'], cli.env);
      assert.equal(JSON.parse(json.stdout).imported, 0, 'a second run imports nobody twice');
      const refused = await runCli(['persons', 'import', file, '--as', 'mso@demo.test'], cli.env);
      assert.notEqual(refused.code, 0);
      assert.match(refused.stderr, /permission/);
      const reindex = await runCli(['persons', 'reindex'], cli.env);
      assert.equal(reindex.code, 0, reindex.stderr);
      assert.match(reindex.stdout, /search keys rebuilt for 2 persons/);
      const database = await cli.open();
      try {
        const keys = await database.db.selectFrom('person_block_key').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        assert.ok(Number(keys.n) > 10);
        const audit = await database.db.selectFrom('audit_event').select(['action', 'details']).where('action', 'in', ['person.import', 'person.reindex']).execute();
        assert.deepEqual(audit.map((a) => a.action).sort(), ['person.import', 'person.import', 'person.reindex']);
      } finally {
        await database.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await cli.cleanup();
    }
  });
});
