import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readImportFile, REQUIRED_COLUMNS, validateImportRow } from './import-rows';

const HEADER = REQUIRED_COLUMNS.join(',');
const today = '2026-11-23';

function check(line: string, header = HEADER) {
  const file = readImportFile(`${header}\n${line}\n`);
  assert.ok(file.ok, JSON.stringify(file));
  return validateImportRow(file.rows[0], { today, columns: file.columns });
}

describe('import file', () => {
  it('needs the documented columns, in any order and case, once each', () => {
    const missing = readImportFile('given_name,family_name\nA,B\n');
    assert.ok(!missing.ok);
    assert.match(missing.errors[0].text, /missing the columns date_of_birth, postcode, address, sex, nhs_number, external_id, source/);
    const twice = readImportFile(`${HEADER},Given_Name\n`);
    assert.ok(!twice.ok);
    assert.match(twice.errors[0].text, /twice: given_name/);
    assert.ok(!readImportFile('').ok);
    assert.ok(!readImportFile(`${HEADER}\n`).ok, 'a header with no persons');
    const shuffled = readImportFile(`SOURCE,${REQUIRED_COLUMNS.slice(0, -1).reverse().join(',')},legacy_flag\nla,X1,,,,,,Testchild,Alex,yes\n`);
    assert.ok(shuffled.ok);
    assert.deepEqual(shuffled.ignoredColumns, ['legacy_flag']);
    assert.deepEqual(shuffled.rows[0].values.given_name, 'Alex');
  });
});

describe('import row', () => {
  it('a good row is a person', () => {
    const r = check('Alex,Testchild,01/04/2016,de22 3ab,"1 Synthetic Road, Town",F,943 476 5919,LCS-1,LA');
    assert.ok(r.ok);
    assert.equal(r.person.dateOfBirth, '2016-04-01');
    assert.equal(r.person.postcode, 'DE22 3AB');
    assert.deepEqual(r.person.identifiers, [{ source: 'la', value: 'LCS1' }]);
  });
  it('a bad row says why, by column, without its values', () => {
    const r = check('Alex,Testchild,2016-02-30,nowhere,,x,123,LCS-1,');
    assert.ok(!r.ok);
    assert.deepEqual(r.reasons, [
      'source: enter who issued external_id (for example la)',
      'date_of_birth: date of birth must be a real date',
      'sex: sex must be female, male or unknown',
      'postcode: enter a full UK postcode, like DE22 3AB',
      'nhs_number: NHS number must be 10 digits with a valid check digit',
    ]);
    assert.ok(!r.reasons.join(' ').includes('Testchild'));
  });
  it('a row with too few or too many values', () => {
    const r = check('Alex,Testchild');
    assert.ok(!r.ok);
    assert.deepEqual(r.reasons, ['the row has 2 values; the header has 9 columns']);
  });
  it('optional columns: other family names and case status', () => {
    const r = check('Alex,Testchild,,,,,,,,Oldname; Older,open', `${HEADER},other_family_names,case_status`);
    assert.ok(r.ok);
    assert.deepEqual(r.person.otherNames, [{ familyName: 'Oldname' }, { familyName: 'Older' }]);
    assert.equal(r.person.caseStatus, 'open');
  });
});
