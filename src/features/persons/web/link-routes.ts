import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../composition';
import { DomainError, type FieldError } from '../../../platform/errors';
import type { SearchResult } from '../persons-views';
import { readSearch, searchErrors, searchInputOf, searchValuesFrom, str, type Body, type SearchValues } from './forms';
import { LABELS, SEARCH_SEX_ITEMS } from './labels';

type Params = { id: string; subjectId: string };

/**
 * C2 on a contact: find who one of its people is, link them (or create them) and route the
 * contact. The search is pre-filled from the contact; searches and links are POSTs, so that
 * names never go into a URL.
 */
export function registerLinkRoutes(app: FastifyInstance, services: Services) {
  const { persons } = services;
  const path = (p: Params) => `/contacts/${p.id}/subjects/${p.subjectId}/link`;

  async function render(request: FastifyRequest, reply: FastifyReply, p: Params, options: { values?: SearchValues; search?: boolean; errors?: FieldError[] } = {}) {
    // a search typed with mistakes still shows the page: the mistakes are listed, nothing is searched
    const typed = options.search && options.values && !options.errors ? searchInputOf(options.values) : undefined;
    let page;
    let errors = options.errors;
    try {
      page = await persons.getLinkPage(request.actor!, request.auditContext, p.id, p.subjectId, typed);
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'validation')) throw error;
      errors = searchErrors(error.fields);
      page = await persons.getLinkPage(request.actor!, request.auditContext, p.id, p.subjectId);
      page = { ...page, result: null as SearchResult | null };
      reply.status(400);
    }
    if (errors && errors.length > 0) reply.status(400);
    const values = options.values ?? searchValuesFrom(page.prefill);
    const name = [page.subject.givenName, page.subject.familyName].filter(Boolean).join(' ') || 'a person';
    return reply.page('persons/link.njk', {
      pageTitle: `Link ${name} to the person index`,
      page,
      result: page.result,
      values,
      errors,
      labels: LABELS,
      sexItems: SEARCH_SEX_ITEMS,
      linkAction: path(p),
    });
  }

  app.get('/contacts/:id/subjects/:subjectId/link', { schema: { hide: true } }, async (request, reply) => render(request, reply, request.params as Params));

  app.post('/contacts/:id/subjects/:subjectId/link', { schema: { hide: true } }, async (request, reply) => {
    const p = request.params as Params;
    const b = request.body as Body;
    const action = str(b.action);
    if (action === 'link' || action === 'create') {
      const values = action === 'create' ? readSearch(b) : undefined;
      try {
        const target = action === 'link' ? { personId: str(b.personId) } : { newPerson: { ...searchInputOf(values!), identifiers: values!.laId.trim() ? [{ source: 'la', value: values!.laId }] : [] } };
        const linked = await persons.linkSubject(request.actor!, request.auditContext, p.id, p.subjectId, target);
        return reply.flash(`Linked. ${linked.text}`).redirect(`/persons/${linked.personId}`);
      } catch (error) {
        if (error instanceof DomainError && error.code === 'validation') {
          return render(request, reply, p, { values, errors: searchErrors(error.fields.map((e) => (e.field.startsWith('identifiers') ? { ...e, field: 'laId' } : e))) });
        }
        throw error;
      }
    }
    return render(request, reply, p, { values: readSearch(b), search: true });
  });
}
