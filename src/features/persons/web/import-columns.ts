/** The columns of a persons import file, as the import page and the user guide describe them. */
export const IMPORT_COLUMNS: ReadonlyArray<{ name: string; required: boolean; text: string }> = [
  { name: 'given_name', required: true, text: 'All given names, the first one first. A row needs a given name or a family name.' },
  { name: 'family_name', required: true, text: 'The family name (surname).' },
  { name: 'date_of_birth', required: true, text: 'YYYY-MM-DD or DD/MM/YYYY; may be empty. Not in the future, not before 1900.' },
  { name: 'postcode', required: true, text: 'A full UK postcode; may be empty.' },
  { name: 'address', required: true, text: 'The address without the postcode; may be empty. Put it in double quotes if it holds commas.' },
  { name: 'sex', required: true, text: 'female, male or unknown (F, M and U also do); may be empty.' },
  { name: 'nhs_number', required: true, text: '10 digits with a valid check digit (spaces allowed); may be empty.' },
  { name: 'external_id', required: true, text: 'The person’s ID in the system the file comes from; may be empty.' },
  { name: 'source', required: true, text: 'Who issued external_id: la for the local authority’s child or adult ID, or police, education, health…' },
  { name: 'other_family_names', required: false, text: 'Previous or other family names, separated by semicolons.' },
  { name: 'case_status', required: false, text: 'not-known, known or open (children’s social care); empty means not-known.' },
];

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const IMPORT_COLUMNS_HTML = `<table class="govuk-table">
  <caption class="govuk-table__caption govuk-visually-hidden">Columns of an import file</caption>
  <thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">Column</th><th scope="col" class="govuk-table__header">What it holds</th></tr></thead>
  <tbody class="govuk-table__body">${IMPORT_COLUMNS.map((c) => `<tr class="govuk-table__row"><td class="govuk-table__cell"><code>${c.name}</code>${c.required ? '' : ' (optional)'}</td><td class="govuk-table__cell">${escape(c.text)}</td></tr>`).join('')}</tbody>
</table>
<p class="govuk-body">Columns may come in any order; others are ignored and listed in the report. A row is imported whole or not at all, and the report says why each rejected row was rejected.</p>`;
