import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../composition';
import { IdParams, problemResponses } from '../../../platform/http/api-schemas';
import { PUBLIC_REFERRAL_RATE_LIMIT } from '../web/public-referral-routes';
import {
  AllocationInput,
  ConsultationInput,
  Contact,
  ContactInput,
  ContactRecorded,
  FrontDoorOptions,
  FrontDoorSettings,
  FrontDoorSettingsInput,
  PublicReferralInput,
  Queue,
  QueueParams,
  QueueQuery,
  ReferralAreas,
  ReferralReceipt,
  ScreeningInput,
  WrittenReferralInput,
} from './contacts-schemas';

type Id = Static<typeof IdParams>;

/** The front door's JSON API: everything the pages do, for agency systems to integrate. */
export function registerContactsApi(app: FastifyInstance, services: Services) {
  const { contacts } = services;
  const tags = ['front door'];

  app.post(
    '/api/v1/contacts',
    { schema: { tags, summary: 'Record a contact from any channel (C1); starts its clocks', body: ContactInput, response: { 201: ContactRecorded, ...problemResponses } } },
    async (request, reply) => reply.status(201).send(await contacts.recordContact(request.actor!, request.auditContext, request.body as Static<typeof ContactInput>)),
  );

  app.post(
    '/api/v1/consultations',
    {
      schema: {
        tags,
        summary: 'Record a professional consultation line call (C14): about a named child it becomes a contact; a scenario is closed with its advice and names no person',
        body: ConsultationInput,
        response: { 201: ContactRecorded, ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await contacts.recordConsultation(request.actor!, request.auditContext, request.body as Static<typeof ConsultationInput>)),
  );

  app.get(
    '/api/v1/contacts/:id',
    { schema: { tags, summary: 'One contact: everything recorded, its people, screening and clocks', params: IdParams, response: { 200: Contact, ...problemResponses } } },
    async (request) => contacts.getContact(request.actor!, request.auditContext, (request.params as Id).id),
  );

  app.post(
    '/api/v1/contacts/:id/screening',
    {
      schema: {
        tags,
        summary: 'Screen a contact (C3): classification, threshold, initial BRAG with rationale, police consultation; starts the BRAG clock',
        params: IdParams,
        body: ScreeningInput,
        response: { 200: Contact, ...problemResponses },
      },
    },
    async (request) => {
      const { version, ...input } = request.body as Static<typeof ScreeningInput>;
      return contacts.screenContact(request.actor!, request.auditContext, (request.params as Id).id, input, version);
    },
  );

  app.put(
    '/api/v1/contacts/:id/allocation',
    { schema: { tags, summary: 'Allocate a contact to a member of the front-door team, or unallocate it (null)', params: IdParams, body: AllocationInput, response: { 200: Contact, ...problemResponses } } },
    async (request) => {
      const { userId, version } = request.body as Static<typeof AllocationInput>;
      return contacts.allocateContact(request.actor!, request.auditContext, (request.params as Id).id, userId, version);
    },
  );

  app.post(
    '/api/v1/contacts/:id/written-referral',
    { schema: { tags, summary: 'Record that the written referral owed after a phone contact arrived; meets its clock', params: IdParams, body: WrittenReferralInput, response: { 200: Contact, ...problemResponses } } },
    async (request) => {
      const { receivedAt, version } = request.body as Static<typeof WrittenReferralInput>;
      return contacts.recordWrittenReferral(request.actor!, request.auditContext, (request.params as Id).id, receivedAt, version);
    },
  );

  app.get(
    '/api/v1/queues/:queue',
    {
      schema: {
        tags,
        summary: 'A front-door queue (mine, team, unallocated, agency) of open contacts, what falls due first at the top, with each contact’s clocks',
        params: QueueParams,
        querystring: QueueQuery,
        response: { 200: Queue, ...problemResponses },
      },
    },
    async (request) => {
      const { queue } = request.params as Static<typeof QueueParams>;
      const { agencyId, page } = request.query as Static<typeof QueueQuery>;
      return contacts.listQueue(request.actor!, request.auditContext, { queue, agencyId, page });
    },
  );

  app.get(
    '/api/v1/front-door/options',
    { schema: { tags, summary: 'The hub’s threshold levels, agencies and front-door team (to screen, filter and allocate)', response: { 200: FrontDoorOptions, ...problemResponses } } },
    async (request) => contacts.frontDoorOptions(request.actor!, request.auditContext),
  );

  app.get(
    '/api/v1/hub/front-door-settings',
    { schema: { tags, summary: 'The hub’s threshold levels, reference prefix and front-door timescales', response: { 200: FrontDoorSettings, ...problemResponses } } },
    async (request) => contacts.getFrontDoorSettings(request.actor!, request.auditContext),
  );

  app.put(
    '/api/v1/hub/front-door-settings',
    { schema: { tags, summary: 'Change the hub’s front-door settings (new clocks only; send the version you read)', body: FrontDoorSettingsInput, response: { 200: FrontDoorSettings, ...problemResponses } } },
    async (request) => {
      const { version, ...input } = request.body as Static<typeof FrontDoorSettingsInput>;
      return contacts.updateFrontDoorSettings(request.actor!, request.auditContext, input, version);
    },
  );

  // --- the public referral form's API: no account, rate-limited ---
  const publicTags = ['public referral'];
  app.get(
    '/api/v1/public/referral-areas',
    { config: { auth: 'public' }, schema: { tags: publicTags, security: [], summary: 'Where a referral can be sent: each hub and its local authorities', response: { 200: ReferralAreas } } },
    async (request) => contacts.referralAreas(request.auditContext),
  );

  app.post(
    '/api/v1/public/referrals',
    {
      config: { auth: 'public', rateLimit: PUBLIC_REFERRAL_RATE_LIMIT },
      schema: {
        tags: publicTags,
        security: [],
        summary: 'Send a referral about a child without an account; gives a reference number. Idempotent on submissionKey.',
        body: PublicReferralInput,
        response: { 200: ReferralReceipt, 201: ReferralReceipt, 400: problemResponses[400], 429: problemResponses[400] },
      },
    },
    async (request, reply) => {
      const body = request.body as Static<typeof PublicReferralInput>;
      const result = await contacts.submitPublicReferral(request.auditContext, {
        ...body,
        subjects: body.subjects.map((s) => ({ ...s, role: 'subject' })),
      });
      return reply.status(result.repeated ? 200 : 201).send(result);
    },
  );
}
