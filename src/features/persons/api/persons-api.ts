import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../composition';
import { IdParams, problemResponses } from '../../../platform/http/api-schemas';
import {
  ImportBody,
  ImportReport,
  LinkBody,
  LinkParams,
  LinkResult,
  MergeBody,
  MergeResult,
  Person,
  PersonInput,
  PersonUpdate,
  RelationshipBody,
  RelationshipParams,
  SearchBody,
  SearchResult,
  UndoResult,
} from './persons-schemas';

type Id = Static<typeof IdParams>;

/** an import of MAX_ROWS_PER_REQUEST rows is a few megabytes */
export const IMPORT_BODY_LIMIT = 5 * 1024 * 1024;

/** The person index's JSON API (C2): everything its pages do. */
export function registerPersonsApi(app: FastifyInstance, services: Services) {
  const { persons } = services;
  const tags = ['person index'];

  app.post(
    '/api/v1/persons/search',
    {
      schema: {
        tags,
        summary: 'Search the person index: candidates ranked by an absolute 0-100 score, with the reasons in words (a POST, so that names stay out of URLs and logs)',
        body: SearchBody,
        response: { 200: SearchResult, ...problemResponses },
      },
    },
    async (request) => {
      const { limit, ...input } = request.body as Static<typeof SearchBody>;
      return persons.search(request.actor!, request.auditContext, input, { limit });
    },
  );

  app.post(
    '/api/v1/persons',
    { schema: { tags, summary: 'Add a person to the index (refused when their NHS number or an agency ID is already held)', body: PersonInput, response: { 201: Person, ...problemResponses } } },
    async (request, reply) => reply.status(201).send(await persons.createPerson(request.actor!, request.auditContext, request.body as Static<typeof PersonInput>)),
  );

  app.get(
    '/api/v1/persons/:id',
    { schema: { tags, summary: 'One person: details, agency IDs, family and household (Think Family), contacts on file, merges', params: IdParams, response: { 200: Person, ...problemResponses } } },
    async (request) => persons.getPerson(request.actor!, request.auditContext, (request.params as Id).id),
  );

  app.put(
    '/api/v1/persons/:id',
    { schema: { tags, summary: 'Change a person (optimistic concurrency: send the version you read)', params: IdParams, body: PersonUpdate, response: { 200: Person, ...problemResponses } } },
    async (request) => {
      const { version, ...input } = request.body as Static<typeof PersonUpdate>;
      return persons.updatePerson(request.actor!, request.auditContext, (request.params as Id).id, input, version);
    },
  );

  app.post(
    '/api/v1/persons/:id/relationships',
    { schema: { tags, summary: 'Record a family or household link: `kind` is what the related person is to this one', params: IdParams, body: RelationshipBody, response: { 200: Person, ...problemResponses } } },
    async (request) => persons.addRelationship(request.actor!, request.auditContext, (request.params as Id).id, request.body as Static<typeof RelationshipBody>),
  );

  app.delete(
    '/api/v1/persons/:id/relationships/:relationshipId',
    { schema: { tags, summary: 'Remove a family or household link (kept in the record, ended)', params: RelationshipParams, response: { 200: Person, ...problemResponses } } },
    async (request) => {
      const { id, relationshipId } = request.params as Static<typeof RelationshipParams>;
      return persons.endRelationship(request.actor!, request.auditContext, id, relationshipId);
    },
  );

  app.post(
    '/api/v1/contacts/:id/subjects/:subjectId/link',
    {
      schema: {
        tags,
        summary:
          'Link a person on a contact to the person index (an existing person, or a new one from the details given) and route the contact: an open case alerts the allocated worker and team manager; an allegation against a professional also goes to the LADO',
        params: LinkParams,
        body: LinkBody,
        response: { 200: LinkResult, ...problemResponses },
      },
    },
    async (request) => {
      const { id, subjectId } = request.params as Static<typeof LinkParams>;
      return persons.linkSubject(request.actor!, request.auditContext, id, subjectId, request.body as Static<typeof LinkBody>);
    },
  );

  app.post(
    '/api/v1/persons/:id/merge',
    {
      schema: {
        tags,
        summary: 'Merge a duplicate into this person: contacts, IDs and family links move across; the duplicate is kept so that the merge can be undone. Never automatic.',
        params: IdParams,
        body: MergeBody,
        response: { 200: MergeResult, ...problemResponses },
      },
    },
    async (request) => {
      const { duplicateId, version, duplicateVersion } = request.body as Static<typeof MergeBody>;
      return persons.mergePersons(request.actor!, request.auditContext, { keptId: (request.params as Id).id, duplicateId, keptVersion: version, duplicateVersion });
    },
  );

  app.post(
    '/api/v1/person-merges/:id/undo',
    { schema: { tags, summary: 'Undo a merge: what moved goes back, and changed fields are restored unless changed again since', params: IdParams, response: { 200: UndoResult, ...problemResponses } } },
    async (request) => persons.undoMerge(request.actor!, request.auditContext, (request.params as Id).id),
  );

  app.post(
    '/api/v1/persons/import',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Import persons from CSV (columns given_name, family_name, date_of_birth, postcode, address, sex, nhs_number, external_id, source): a report of rows imported and rejected, with reasons',
        body: ImportBody,
        response: { 200: ImportReport, ...problemResponses },
      },
    },
    async (request) => persons.importPersonsCsv(request.actor!, request.auditContext, (request.body as Static<typeof ImportBody>).csv),
  );
}
