import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../composition';
import { IdParams, problemResponses, VersionBody } from '../../../platform/http/api-schemas';

const Hub = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  localAuthorities: Type.Array(Type.String()),
  openingTime: Type.String(),
  closingTime: Type.String(),
  version: Type.Integer(),
});
const HubInput = Type.Object(
  {
    name: Type.String({ maxLength: 200 }),
    localAuthorities: Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50 }),
    openingTime: Type.String({ maxLength: 5 }),
    closingTime: Type.String({ maxLength: 5 }),
  },
  { additionalProperties: false },
);
const NewHub = Type.Object({ ...HubInput.properties, adminEmail: Type.String({ maxLength: 254 }), adminName: Type.String({ maxLength: 200 }) }, { additionalProperties: false });

const Agency = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  type: Type.String(),
  icoRegistration: Type.Union([Type.String(), Type.Null()]),
  secureEmailDomains: Type.Array(Type.String()),
  agreementStatus: Type.String(),
  active: Type.Boolean(),
  version: Type.Integer(),
});
const AgencyInput = Type.Object(
  {
    name: Type.String({ maxLength: 200 }),
    type: Type.String({ maxLength: 50 }),
    icoRegistration: Type.Optional(Type.String({ maxLength: 20 })),
    secureEmailDomains: Type.Array(Type.String({ maxLength: 253 }), { maxItems: 50 }),
    agreementStatus: Type.String({ maxLength: 20 }),
  },
  { additionalProperties: false },
);

const User = Type.Object({
  id: Type.String({ format: 'uuid' }),
  email: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  agencyId: Type.String({ format: 'uuid' }),
  agencyName: Type.String(),
  active: Type.Boolean(),
  totpEnabled: Type.Boolean(),
  lastSignInAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  version: Type.Integer(),
});
const UserInput = Type.Object(
  {
    email: Type.String({ maxLength: 254 }),
    displayName: Type.String({ maxLength: 200 }),
    role: Type.String({ maxLength: 40 }),
    agencyId: Type.String({ maxLength: 36 }),
  },
  { additionalProperties: false },
);

type Id = Static<typeof IdParams>;

export function registerAdminApi(app: FastifyInstance, services: Services) {
  const { admin } = services;
  const tags = ['administration'];

  app.get('/api/v1/hub', { schema: { tags, summary: 'Your hub', response: { 200: Hub, ...problemResponses } } }, async (request) =>
    admin.getHub(request.actor!, request.auditContext, request.actor!.hubId),
  );
  app.put(
    '/api/v1/hub',
    { schema: { tags, summary: 'Change your hub (optimistic concurrency: send the version you read)', body: Type.Object({ ...HubInput.properties, ...VersionBody }, { additionalProperties: false }), response: { 200: Hub, ...problemResponses } } },
    async (request) => {
      const { version, ...input } = request.body as Static<typeof HubInput> & { version: number };
      return admin.updateHub(request.actor!, request.auditContext, request.actor!.hubId, input, version);
    },
  );
  app.post(
    '/api/v1/hubs',
    {
      schema: {
        tags,
        summary: 'Create a hub with its first administrator; the first password is returned once',
        body: NewHub,
        response: { 201: Type.Object({ hubId: Type.String(), adminUserId: Type.String(), adminPassword: Type.String() }), ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await admin.createHub(request.actor!, request.auditContext, request.body as Static<typeof NewHub>)),
  );

  app.get('/api/v1/agencies', { schema: { tags, summary: 'Agencies of your hub', response: { 200: Type.Array(Agency), ...problemResponses } } }, async (request) =>
    admin.listAgencies(request.actor!, request.auditContext),
  );
  app.post('/api/v1/agencies', { schema: { tags, summary: 'Add an agency', body: AgencyInput, response: { 201: Agency, ...problemResponses } } }, async (request, reply) =>
    reply.status(201).send(await admin.createAgency(request.actor!, request.auditContext, request.body as Static<typeof AgencyInput>)),
  );
  app.get('/api/v1/agencies/:id', { schema: { tags, summary: 'One agency', params: IdParams, response: { 200: Agency, ...problemResponses } } }, async (request) =>
    admin.getAgency(request.actor!, request.auditContext, (request.params as Id).id),
  );
  app.put(
    '/api/v1/agencies/:id',
    {
      schema: {
        tags,
        summary: 'Change an agency',
        params: IdParams,
        body: Type.Object({ ...AgencyInput.properties, active: Type.Boolean(), ...VersionBody }, { additionalProperties: false }),
        response: { 200: Agency, ...problemResponses },
      },
    },
    async (request) => {
      const { version, ...input } = request.body as Static<typeof AgencyInput> & { active: boolean; version: number };
      return admin.updateAgency(request.actor!, request.auditContext, (request.params as Id).id, input, version);
    },
  );

  app.get('/api/v1/users', { schema: { tags, summary: 'Users of your hub', response: { 200: Type.Array(User), ...problemResponses } } }, async (request) =>
    admin.listUsers(request.actor!, request.auditContext),
  );
  app.post(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'Add a user (a starter); without a password one is generated and returned once',
        body: Type.Object({ ...UserInput.properties, password: Type.Optional(Type.String({ maxLength: 256 })) }, { additionalProperties: false }),
        response: { 201: Type.Object({ user: User, generatedPassword: Type.Optional(Type.String()) }), ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await admin.createUser(request.actor!, request.auditContext, request.body as Static<typeof UserInput>)),
  );
  app.get('/api/v1/users/:id', { schema: { tags, summary: 'One user', params: IdParams, response: { 200: User, ...problemResponses } } }, async (request) =>
    admin.getUser(request.actor!, request.auditContext, (request.params as Id).id),
  );
  app.put(
    '/api/v1/users/:id',
    { schema: { tags, summary: 'Change a user’s name, email, role or agency (ends their sessions)', params: IdParams, body: Type.Object({ ...UserInput.properties, ...VersionBody }, { additionalProperties: false }), response: { 200: User, ...problemResponses } } },
    async (request) => {
      const { version, ...input } = request.body as Static<typeof UserInput> & { version: number };
      return admin.updateUser(request.actor!, request.auditContext, (request.params as Id).id, input, version);
    },
  );
  app.post(
    '/api/v1/users/:id/deactivate',
    { schema: { tags, summary: 'Deactivate a leaver: every session and token is revoked at once', params: IdParams, response: { 204: Type.Null(), ...problemResponses } } },
    async (request, reply) => {
      await admin.deactivateUser(request.actor!, request.auditContext, (request.params as Id).id);
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/v1/users/:id/reactivate',
    { schema: { tags, summary: 'Reactivate a user', params: IdParams, response: { 204: Type.Null(), ...problemResponses } } },
    async (request, reply) => {
      await admin.reactivateUser(request.actor!, request.auditContext, (request.params as Id).id);
      return reply.status(204).send();
    },
  );
}
