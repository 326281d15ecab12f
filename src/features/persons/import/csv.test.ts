import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseCsv } from './csv';

const rows = (text: string) => {
  const r = parseCsv(text);
  assert.ok(r.ok, JSON.stringify(r));
  return r.rows;
};

describe('CSV (RFC 4180)', () => {
  it('reads fields, quotes, doubled quotes, commas and line breaks inside quotes', () => {
    assert.deepEqual(rows('a,b,c\n1,"two, three","say ""hi"""\n"multi\nline",,x\n'), [
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'two, three', 'say "hi"'] },
      { line: 3, fields: ['multi\nline', '', 'x'] },
    ]);
  });
  it('CRLF, a byte order mark, blank lines and no final line break', () => {
    assert.deepEqual(rows('\ufeffa,b\r\n\r\n1,2'), [
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', '2'] },
    ]);
  });
  it('reports a malformed file with its line', () => {
    assert.deepEqual(parseCsv('a,b\n1,"open'), { ok: false, line: 2, text: 'Line 2: a quoted field is never closed' });
    const stray = parseCsv('a,b\n1,x"y\n');
    assert.equal(stray.ok, false);
    assert.equal(!stray.ok && stray.line, 2);
    assert.equal(parseCsv('a\n"x"y\n').ok, false);
  });
  it('reads back whatever it is given, written the RFC 4180 way (property)', () => {
    const field = fc.string({ maxLength: 12 });
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 8 }), (table) => {
        const text = table.map((r) => r.map((f) => `"${f.replace(/"/g, '""')}"`).join(',')).join('\r\n');
        const parsed = parseCsv(text);
        assert.ok(parsed.ok);
        assert.deepEqual(parsed.rows.map((r) => r.fields), table);
      }),
    );
  });
});
