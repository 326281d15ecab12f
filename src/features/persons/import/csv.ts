/**
 * CSV as RFC 4180 writes it (and as spreadsheets export it): commas between fields, fields in
 * double quotes when they hold a comma, a quote or a line break, a quote written twice inside
 * one. CRLF or LF line ends; a UTF-8 byte order mark is dropped; blank lines are skipped.
 * Small and strict rather than a dependency: a malformed file is reported, never guessed at.
 */

export interface CsvRow {
  /** the line of the file the row starts on, from 1 */
  line: number;
  fields: string[];
}

export type CsvResult = { ok: true; rows: CsvRow[] } | { ok: false; line: number; text: string };

export function parseCsv(text: string): CsvResult {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: CsvRow[] = [];
  let line = 1;
  let rowLine = 1;
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let afterQuote = false;
  let i = 0;
  const endRow = () => {
    fields.push(field);
    // a line with nothing on it is not a row
    if (!(fields.length === 1 && fields[0] === '' && !afterQuote)) rows.push({ line: rowLine, fields });
    fields = [];
    field = '';
    afterQuote = false;
  };
  while (i < s.length) {
    const c = s[i];
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        afterQuote = true;
        i++;
        continue;
      }
      if (c === '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === ',') {
      fields.push(field);
      field = '';
      afterQuote = false;
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRow();
      i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
      line++;
      rowLine = line;
      continue;
    }
    if (afterQuote) return { ok: false, line, text: `Line ${line}: text after a closing quote; write a quote inside a quoted field as two quotes ("")` };
    if (c === '"') {
      if (field !== '') return { ok: false, line, text: `Line ${line}: a quote in the middle of a field; put the whole field in quotes and write the quote twice ("")` };
      quoted = true;
      i++;
      continue;
    }
    field += c;
    i++;
  }
  if (quoted) return { ok: false, line: rowLine, text: `Line ${rowLine}: a quoted field is never closed` };
  if (field !== '' || fields.length > 0 || afterQuote) endRow();
  return { ok: true, rows };
}
