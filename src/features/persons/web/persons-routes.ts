import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../composition';
import { hasPermission } from '../../../platform/access/policy';
import { DomainError, type FieldError } from '../../../platform/errors';
import type { NavItem } from '../../../platform/http/navigation';
import { displayName, type MergePreview, type PersonView } from '../persons-views';
import {
  emptySearch,
  personErrors,
  personInputOf,
  personValuesFromSearch,
  personValuesOf,
  readPerson,
  readSearch,
  searchErrors,
  searchFormFields,
  searchInputOf,
  str,
  version,
  type Body,
  type PersonValues,
} from './forms';
import { CASE_STATUS_ITEMS, identifierText, LABELS, nhsText, PERSON_SEX_ITEMS, RELATIONSHIP_ITEMS, SEARCH_SEX_ITEMS } from './labels';

export const personsNav: NavItem[] = [
  { text: 'People', href: '/persons/search', permission: 'person.search' },
  { text: 'Import persons', href: '/admin/persons/import', permission: 'person.import' },
];

type Params = { id: string };

/** Validation and conflicts re-render the form with the answers kept; anything else is the error page. */
async function withFormErrors(reply: FastifyReply, work: () => Promise<unknown>, render: (errors: FieldError[]) => unknown) {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError && (error.code === 'validation' || error.code === 'conflict')) {
      reply.status(error.code === 'conflict' ? 409 : 400);
      return render(error.code === 'conflict' ? [{ field: 'version', text: error.message }] : error.fields);
    }
    throw error;
  }
}

export function registerPersonsRoutes(app: FastifyInstance, services: Services) {
  const { persons } = services;

  // --- search (POST: what was typed never goes into a URL) ---
  const renderSearch = (request: FastifyRequest, reply: FastifyReply, model: Record<string, unknown>) =>
    reply.page('persons/search.njk', {
      pageTitle: 'Search the person index',
      sexItems: SEARCH_SEX_ITEMS,
      labels: LABELS,
      canCreate: hasPermission(request.actor!.role, 'person.write'),
      ...model,
    });
  app.get('/persons/search', { schema: { hide: true } }, async (request, reply) => {
    await persons.startSearch(request.actor!, request.auditContext);
    return renderSearch(request, reply, { values: emptySearch() });
  });
  app.post('/persons/search', { schema: { hide: true } }, async (request, reply) => {
    const values = readSearch(request.body as Body);
    return withFormErrors(
      reply,
      async () => {
        const result = await persons.search(request.actor!, request.auditContext, searchInputOf(values));
        return renderSearch(request, reply, { values, result, hidden: searchFormFields(values) });
      },
      (errors) => renderSearch(request, reply, { values, errors: searchErrors(errors) }),
    );
  });

  // --- a new person, and changing one ---
  const renderForm = async (request: FastifyRequest, reply: FastifyReply, model: { pageTitle: string; action: string; values: PersonValues; version?: number; errors?: FieldError[]; cancelHref: string; saveText: string }) => {
    const workers = await persons.workers(request.actor!, request.auditContext);
    return reply.page('persons/person-form.njk', {
      sexItems: PERSON_SEX_ITEMS,
      caseStatusItems: CASE_STATUS_ITEMS,
      workerItems: workers.map((w) => ({ value: w.id, text: w.name })),
      ...model,
    });
  };
  const newForm = { pageTitle: 'Record a new person', action: '/persons/new', cancelHref: '/persons/search', saveText: 'Save person' };
  app.get('/persons/new', { schema: { hide: true } }, async (request, reply) => renderForm(request, reply, { ...newForm, values: personValuesFromSearch(emptySearch()) }));
  app.post('/persons/new', { schema: { hide: true } }, async (request, reply) => {
    const b = request.body as Body;
    // from the search page: the form, filled with what was searched for
    if (str(b.step) === 'prefill') return renderForm(request, reply, { ...newForm, values: personValuesFromSearch(readSearch(b)) });
    const values = readPerson(b);
    return withFormErrors(
      reply,
      async () => {
        const created = await persons.createPerson(request.actor!, request.auditContext, personInputOf(values));
        return reply.flash('Person added to the index').redirect(`/persons/${created.id}`);
      },
      (errors) => renderForm(request, reply, { ...newForm, values, errors: personErrors(errors) }),
    );
  });

  app.get('/persons/:id/edit', { schema: { hide: true } }, async (request, reply) => {
    const person = await persons.getPerson(request.actor!, request.auditContext, (request.params as Params).id);
    if (person.mergedInto) return reply.redirect(`/persons/${person.id}`);
    return renderForm(request, reply, { pageTitle: 'Change details', action: `/persons/${person.id}/edit`, values: personValuesOf(person), version: person.version, cancelHref: `/persons/${person.id}`, saveText: 'Save changes' });
  });
  app.post('/persons/:id/edit', { schema: { hide: true } }, async (request, reply) => {
    const id = (request.params as Params).id;
    const b = request.body as Body;
    const values = readPerson(b);
    return withFormErrors(
      reply,
      async () => {
        await persons.updatePerson(request.actor!, request.auditContext, id, personInputOf(values), version(b.version));
        return reply.flash('Details saved').redirect(`/persons/${id}`);
      },
      (errors) => renderForm(request, reply, { pageTitle: 'Change details', action: `/persons/${id}/edit`, values, version: version(b.version), cancelHref: `/persons/${id}`, saveText: 'Save changes', errors: personErrors(errors) }),
    );
  });

  // --- the person's page ---
  const renderPerson = async (request: FastifyRequest, reply: FastifyReply, person: PersonView, extra: { errors?: FieldError[]; values?: Record<string, string> } = {}) => {
    const role = request.actor!.role;
    const can = { write: hasPermission(role, 'person.write'), merge: hasPermission(role, 'person.merge') };
    const choices = can.write && !person.mergedInto ? await persons.relationshipChoices(request.actor!, request.auditContext, person.id) : [];
    const chosen = extra.values?.relatedPersonId;
    return reply.page('persons/person.njk', {
      pageTitle: displayName(person),
      person,
      nhs: nhsText(person.nhsNumber),
      identifiers: person.identifiers.map(identifierText),
      labels: LABELS,
      can,
      choices,
      choiceItems: choices.map((c) => ({
        value: c.id,
        text: displayName(c),
        hint: { text: `Born ${c.dateOfBirth ? formatDate(c.dateOfBirth) : 'date not known'}` },
        checked: c.id === chosen,
      })),
      relationshipItems: RELATIONSHIP_ITEMS,
      values: extra.values ?? {},
      errors: extra.errors,
    });
  };
  app.get('/persons/:id', { schema: { hide: true } }, async (request, reply) => {
    const person = await persons.getPerson(request.actor!, request.auditContext, (request.params as Params).id);
    return renderPerson(request, reply, person);
  });

  // --- family and household links ---
  app.post('/persons/:id/relationships', { schema: { hide: true } }, async (request, reply) => {
    const id = (request.params as Params).id;
    const b = request.body as Body;
    const input = { relatedPersonId: str(b.relatedPersonId), kind: str(b.kind), household: str(b.household) };
    return withFormErrors(
      reply,
      async () => {
        await persons.addRelationship(request.actor!, request.auditContext, id, input);
        return reply.flash('Link added').redirect(`/persons/${id}`);
      },
      async (errors) => {
        const person = await persons.getPerson(request.actor!, request.auditContext, id);
        return renderPerson(request, reply, person, { errors: errors.map((e) => (e.field === 'relatedPersonId' ? { ...e, field: 'relatedPersonId' } : e)), values: input });
      },
    );
  });
  app.post('/persons/:id/relationships/:relationshipId/end', { schema: { hide: true } }, async (request, reply) => {
    const { id, relationshipId } = request.params as Params & { relationshipId: string };
    await persons.endRelationship(request.actor!, request.auditContext, id, relationshipId);
    return reply.flash('Link removed').redirect(`/persons/${id}`);
  });

  // --- merging a duplicate into this record, and undoing a merge ---
  const renderChoose = async (request: FastifyRequest, reply: FastifyReply, id: string, errors?: FieldError[]) => {
    const { person, result } = await persons.mergeCandidates(request.actor!, request.auditContext, id);
    return reply.page('persons/merge-choose.njk', {
      pageTitle: 'Merge duplicates',
      person,
      errors,
      items: result.candidates.map((c) => ({
        value: c.person.id,
        html: `${escapeHtml(displayName(c.person))} <span class="govuk-tag ${LABELS.bandTag[c.band]}">${c.score} ${LABELS.band[c.band].toLowerCase()}</span>`,
        hint: { text: `Born ${c.person.dateOfBirth ? formatDate(c.person.dateOfBirth) : 'date not known'}; ${c.person.postcode ?? 'no postcode'}. ${c.reasons.map((r) => r.text).join('; ')}` },
      })),
    });
  };
  app.get('/persons/:id/merge', { schema: { hide: true } }, async (request, reply) => renderChoose(request, reply, (request.params as Params).id));
  app.post('/persons/:id/merge', { schema: { hide: true } }, async (request, reply) => {
    const id = (request.params as Params).id;
    const b = request.body as Body;
    const duplicateId = str(b.duplicateId);
    if (!duplicateId) {
      reply.status(400);
      return renderChoose(request, reply, id, [{ field: 'duplicateId', text: 'Choose the record that is a duplicate of this one' }]);
    }
    if (str(b.confirm) === 'yes') {
      try {
        await persons.mergePersons(request.actor!, request.auditContext, { keptId: id, duplicateId, keptVersion: version(b.version), duplicateVersion: version(b.duplicateVersion) });
      } catch (error) {
        if (error instanceof DomainError && (error.code === 'conflict' || error.code === 'invalid-state')) return reply.flash('One of the records changed before the merge: check them and try again').redirect(`/persons/${id}/merge`);
        throw error;
      }
      return reply.flash('Records merged. You can undo the merge from this page.').redirect(`/persons/${id}`);
    }
    return withFormErrors(
      reply,
      async () => {
        const preview = await persons.previewMerge(request.actor!, request.auditContext, id, duplicateId);
        return reply.page('persons/merge-confirm.njk', { pageTitle: 'Merge these records?', preview, rows: comparisonRows(preview), labels: LABELS });
      },
      (errors) => renderChoose(request, reply, id, errors),
    );
  });
  app.post('/persons/:id/merges/:mergeId/undo', { schema: { hide: true } }, async (request, reply) => {
    const { id, mergeId } = request.params as Params & { mergeId: string };
    try {
      await persons.undoMerge(request.actor!, request.auditContext, mergeId);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'invalid-state') return reply.flash(error.message).redirect(`/persons/${id}`);
      throw error;
    }
    return reply.flash('Merge undone: both records are back as they were').redirect(`/persons/${id}`);
  });
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
const formatDate = (iso: string) => dateFormat.format(new Date(`${iso}T00:00:00Z`));

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The rows of the side-by-side table on the merge confirmation. */
function comparisonRows(preview: MergePreview) {
  const { kept: k, duplicate: d, differences } = preview;
  const differs = new Set<string>(differences);
  const names = (p: PersonView) => p.otherNames.map((o) => [o.givenName, o.familyName].filter(Boolean).join(' ')).join('; ');
  return [
    { label: 'Name', kept: displayName(k), duplicate: displayName(d), differs: differs.has('givenName') || differs.has('familyName') },
    { label: 'Also known as', kept: names(k), duplicate: names(d), differs: false },
    { label: 'Date of birth', kept: k.dateOfBirth ? formatDate(k.dateOfBirth) : '', duplicate: d.dateOfBirth ? formatDate(d.dateOfBirth) : '', differs: differs.has('dateOfBirth') },
    { label: 'Sex', kept: k.sex ? LABELS.sex[k.sex] : '', duplicate: d.sex ? LABELS.sex[d.sex] : '', differs: differs.has('sex') },
    { label: 'Address', kept: [k.address, k.postcode].filter(Boolean).join(', '), duplicate: [d.address, d.postcode].filter(Boolean).join(', '), differs: differs.has('address') },
    { label: 'NHS number', kept: nhsText(k.nhsNumber), duplicate: nhsText(d.nhsNumber), differs: differs.has('nhsNumber') },
    { label: 'Agency IDs', kept: k.identifiers.map(identifierText).join('; '), duplicate: d.identifiers.map(identifierText).join('; '), differs: false },
    { label: 'Children’s social care', kept: LABELS.caseStatus[k.caseStatus], duplicate: LABELS.caseStatus[d.caseStatus], differs: differs.has('caseStatus') },
    { label: 'Contacts', kept: String(k.contacts.length), duplicate: String(d.contacts.length), differs: false },
  ];
}
