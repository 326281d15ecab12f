/**
 * Persons imported from a legacy system's CSV export (C2): the columns, and what makes a row
 * acceptable. A row is imported whole or rejected with its reasons; reasons are fixed texts
 * naming columns, never the values (the report may be printed or shared).
 */
import type { FieldError } from '../../../platform/errors';
import { validatePerson, type PersonInput, type ValidPerson } from '../rules/person-validation';
import { parseCsv, type CsvRow } from './csv';

/** Columns every import file must have (a value may be empty). */
export const REQUIRED_COLUMNS = ['given_name', 'family_name', 'date_of_birth', 'postcode', 'address', 'sex', 'nhs_number', 'external_id', 'source'] as const;
/** Columns an import file may have. */
export const OPTIONAL_COLUMNS = ['other_family_names', 'case_status'] as const;
export type ImportColumn = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];
const KNOWN: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];

/** Rows one page or API request may carry; bigger files go through `openmash persons import`. */
export const MAX_ROWS_PER_REQUEST = 10_000;

export interface ImportRow {
  line: number;
  values: Partial<Record<ImportColumn, string>>;
  /** how many values the row had: a short or long row is rejected */
  fieldCount: number;
}

export type ImportFile =
  | { ok: true; rows: ImportRow[]; ignoredColumns: string[]; columns: number }
  | { ok: false; errors: FieldError[] };

/** Read the header and the rows; a problem with the file as a whole rejects it (field `csv`). */
export function readImportFile(text: string): ImportFile {
  const parsed = parseCsv(text);
  if (!parsed.ok) return { ok: false, errors: [{ field: 'csv', text: parsed.text }] };
  const [header, ...body] = parsed.rows;
  if (!header) return { ok: false, errors: [{ field: 'csv', text: 'The file is empty: it needs a header row and at least one person' }] };
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const errors: FieldError[] = [];
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0) errors.push({ field: 'csv', text: `The header row is missing the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` });
  const repeated = names.filter((n, i) => n && names.indexOf(n) !== i);
  if (repeated.length > 0) errors.push({ field: 'csv', text: `The header row names a column twice: ${[...new Set(repeated)].join(', ')}` });
  if (body.length === 0 && errors.length === 0) errors.push({ field: 'csv', text: 'The file has a header row but no persons' });
  if (errors.length > 0) return { ok: false, errors };
  const ignoredColumns = names.filter((n) => !KNOWN.includes(n));
  return { ok: true, ignoredColumns, columns: names.length, rows: body.map((r) => toImportRow(r, names)) };
}

function toImportRow(row: CsvRow, names: string[]): ImportRow {
  const values: Partial<Record<ImportColumn, string>> = {};
  names.forEach((n, i) => {
    if (KNOWN.includes(n) && row.fields[i] !== undefined) values[n as ImportColumn] = row.fields[i];
  });
  return { line: row.line, values, fieldCount: row.fields.length };
}

const COLUMN_OF_FIELD: Record<string, ImportColumn> = {
  givenName: 'given_name',
  familyName: 'family_name',
  dateOfBirth: 'date_of_birth',
  postcode: 'postcode',
  address: 'address',
  sex: 'sex',
  nhsNumber: 'nhs_number',
  caseStatus: 'case_status',
  otherNames: 'other_family_names',
};

function columnFor(field: string): string {
  if (field.startsWith('identifiers')) return field.endsWith('.source') ? 'source' : 'external_id';
  if (field.startsWith('otherNames')) return 'other_family_names';
  return COLUMN_OF_FIELD[field] ?? field;
}

export type RowCheck = { ok: true; person: ValidPerson } | { ok: false; reasons: string[] };

/** One row: the person it describes, or why it cannot be imported. */
export function validateImportRow(row: ImportRow, options: { today: string; columns: number }): RowCheck {
  if (row.fieldCount !== options.columns) return { ok: false, reasons: [`the row has ${row.fieldCount} values; the header has ${options.columns} columns`] };
  const v = row.values;
  const reasons: string[] = [];
  const externalId = (v.external_id ?? '').trim();
  const source = (v.source ?? '').trim();
  if (externalId && !source) reasons.push('source: enter who issued external_id (for example la)');
  const input: PersonInput = {
    givenName: v.given_name,
    familyName: v.family_name,
    dateOfBirth: v.date_of_birth,
    postcode: v.postcode,
    address: v.address,
    sex: v.sex,
    nhsNumber: v.nhs_number,
    caseStatus: v.case_status,
    identifiers: externalId && source ? [{ source, value: externalId }] : [],
    otherNames: (v.other_family_names ?? '')
      .split(';')
      .map((n) => n.trim())
      .filter(Boolean)
      .map((familyName) => ({ familyName })),
  };
  const { value, errors } = validatePerson(input, { today: options.today });
  for (const e of errors) reasons.push(`${columnFor(e.field)}: ${lowerFirst(e.text)}`);
  if (!value || reasons.length > 0) return { ok: false, reasons };
  return { ok: true, person: value };
}

const lowerFirst = (s: string) => (/^(NHS|UK|LA)\b/.test(s) ? s : s.charAt(0).toLowerCase() + s.slice(1));
