import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../composition';
import { IdParams, problemResponses, VersionBody } from '../../../platform/http/api-schemas';

const DateTime = Type.String({ format: 'date-time' });
const Uuid = Type.String({ format: 'uuid' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
/** a nested view whose shape another feature owns (visibility.ts response levels) */
const Open = (description: string) => Type.Object({}, { additionalProperties: true, description });

const Decision = Type.Object({
  id: Uuid,
  contactId: Uuid,
  finalBrag: Type.String(),
  outcome: Type.String({ description: 'assessment | s47-strategy-discussion | early-help | other-service | advice | nfa' }),
  outcomeLabel: Type.String(),
  summary: Type.String(),
  recommendation: Type.String(),
  nfaRationale: Nullable(Type.String()),
  otherService: Nullable(Type.Object({ name: Type.String(), personIds: Type.Array(Type.String()) })),
  decidedBy: Uuid,
  decidedByName: Type.String(),
  decidedAt: DateTime,
  closedEnquiryCount: Type.Integer(),
});
const Feedback = Type.Object({
  id: Uuid,
  status: Type.String({ description: 'sent | not-possible' }),
  method: Nullable(Type.String()),
  to: Nullable(Type.String()),
  dueAt: DateTime,
  sentAt: Nullable(DateTime),
  late: Nullable(Type.Boolean()),
  notPossibleReason: Nullable(Type.String()),
  queued: Type.Boolean(),
});
const Clock = Type.Object({ id: Uuid, type: Type.String(), label: Type.String(), startedAt: DateTime, dueAt: DateTime, status: Type.String(), metAt: Nullable(DateTime), stoppedReason: Nullable(Type.String()), late: Type.Boolean() });
const Disagreement = Type.Object({
  id: Uuid,
  contactId: Nullable(Uuid),
  contactReference: Nullable(Type.String()),
  meetingId: Nullable(Uuid),
  subject: Type.String(),
  description: Type.String(),
  raisedByName: Type.String(),
  raisedByAgencyId: Uuid,
  withAgencyIds: Type.Array(Uuid),
  status: Type.String({ description: 'open | resolved' }),
  level: Type.String(),
  levelLabel: Type.String(),
  nextLevels: Type.Array(Type.Object({ level: Type.String(), label: Type.String() })),
  steps: Type.Array(Type.Object({ level: Type.String(), at: DateTime, byName: Type.String(), reason: Type.String() })),
  resolution: Nullable(Type.String()),
  resolvedAt: Nullable(DateTime),
  raisedAt: DateTime,
  version: Type.Integer(),
});
const Permission = Type.Object({
  id: Uuid,
  originAgencyId: Uuid,
  originAgencyName: Type.String(),
  recipientAgencyId: Nullable(Uuid),
  recipientName: Type.String(),
  itemIds: Nullable(Type.Array(Uuid)),
  purpose: Type.String(),
  grantedByName: Type.String(),
  grantedAt: DateTime,
  recordedByName: Type.String(),
  revokedAt: Nullable(DateTime),
});
const Overview = Type.Object({
  contact: Type.Object({ id: Uuid, reference: Type.String(), status: Type.String(), version: Type.Integer(), receivedAt: DateTime, initialBrag: Nullable(Type.String()) }),
  people: Type.Array(Type.Object({ subjectId: Uuid, name: Type.String(), roleLabel: Type.String(), dateOfBirth: Nullable(Type.String()), consent: Nullable(Type.String()) })),
  responses: Type.Array(Open('one agency’s request and response, as this viewer may see it')),
  decision: Nullable(Decision),
  feedback: Nullable(Feedback),
  clocks: Type.Array(Clock),
  disagreements: Type.Array(Disagreement),
  permissions: Type.Array(Permission),
  items: Type.Array(Type.Object({ itemId: Uuid, originAgencyId: Uuid, agencyName: Type.String(), kind: Type.String(), text: Type.String(), heldBack: Type.Boolean() })),
  meetings: Type.Array(Type.Object({ id: Uuid, kind: Type.String(), status: Type.String(), startsAt: DateTime })),
});
const Disclosure = Type.Object({
  id: Uuid,
  contactId: Nullable(Uuid),
  contactReference: Nullable(Type.String()),
  personIds: Type.Array(Uuid),
  recipientKind: Type.String(),
  recipientAgencyId: Nullable(Uuid),
  recipientName: Type.String(),
  recipientEmail: Nullable(Type.String()),
  channel: Type.String(),
  shared: Type.Boolean(),
  what: Type.String(),
  purpose: Type.String(),
  legalBases: Type.Array(Type.Object({ code: Type.String(), label: Type.String() })),
  consentBasis: Type.String(),
  items: Type.Array(Type.Object({ itemId: Type.String(), originAgencyId: Type.String(), permissionId: Type.Optional(Type.String()) })),
  reasonNotShared: Nullable(Type.String()),
  decidedBy: Uuid,
  decidedByName: Type.String(),
  decidedAt: DateTime,
  sourceType: Nullable(Type.String()),
  sourceId: Nullable(Type.String()),
});

const DecisionBody = Type.Object(
  {
    ...VersionBody,
    finalBrag: Type.String({ maxLength: 10, description: 'blue | red | amber | green' }),
    outcome: Type.String({ maxLength: 40 }),
    summary: Type.String({ maxLength: 20000 }),
    recommendation: Type.String({ maxLength: 20000 }),
    nfaRationale: Type.Optional(Type.String({ maxLength: 20000 })),
    otherService: Type.Optional(Type.Object({ name: Type.String({ maxLength: 200 }), personIds: Type.Array(Type.String({ maxLength: 36 }), { maxItems: 50 }) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
const FeedbackBody = Type.Object(
  {
    method: Type.String({ maxLength: 20, description: 'secure-email | phone | letter | in-person' }),
    email: Type.Optional(Type.String({ maxLength: 254 })),
    phone: Type.Optional(Type.String({ maxLength: 50 })),
    postalAddress: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
const RaiseBody = Type.Object(
  {
    contactId: Type.Optional(Type.String({ maxLength: 36 })),
    meetingId: Type.Optional(Type.String({ maxLength: 36 })),
    subject: Type.String({ maxLength: 40, description: 'decision | strategy-outcome | information-sharing | operations' }),
    description: Type.String({ maxLength: 20000 }),
    withAgencyIds: Type.Array(Type.String({ maxLength: 36 }), { maxItems: 20 }),
    raisedByAgencyId: Type.Optional(Type.String({ maxLength: 36, description: 'the agency raising it, when recorded on its behalf' })),
  },
  { additionalProperties: false },
);
const EscalateBody = Type.Object({ ...VersionBody, toLevel: Type.Optional(Type.String({ maxLength: 40 })), reason: Type.String({ maxLength: 5000 }) }, { additionalProperties: false });
const ResolveBody = Type.Object({ ...VersionBody, resolution: Type.String({ maxLength: 20000 }) }, { additionalProperties: false });
const PermissionBody = Type.Object(
  {
    originAgencyId: Type.String({ maxLength: 36 }),
    recipientAgencyId: Type.Optional(Type.String({ maxLength: 36 })),
    recipientName: Type.Optional(Type.String({ maxLength: 200 })),
    itemIds: Type.Optional(Type.Array(Type.String({ maxLength: 36 }), { maxItems: 500, description: 'absent: every item of the agency on the contact except held-back ones' })),
    purpose: Type.String({ maxLength: 20, description: 'safeguarding | policing' }),
    grantedByName: Type.String({ maxLength: 200 }),
    grantedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
const DisseminateBody = Type.Object(
  {
    channel: Type.String({ maxLength: 20, description: 'referral-on | export | letter | secure-email' }),
    recipientAgencyId: Type.Optional(Type.String({ maxLength: 36 })),
    recipientName: Type.Optional(Type.String({ maxLength: 200 })),
    recipientEmail: Type.Optional(Type.String({ maxLength: 254 })),
    itemIds: Type.Array(Type.String({ maxLength: 36 }), { maxItems: 500 }),
    subjectIds: Type.Array(Type.String({ maxLength: 36 }), { maxItems: 50 }),
    what: Type.String({ maxLength: 2000 }),
    purpose: Type.String({ maxLength: 2000 }),
    legalBases: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 }),
    consentBasis: Type.String({ maxLength: 20, description: 'consent | override | not-required' }),
  },
  { additionalProperties: false },
);
const DisagreementQuery = Type.Object({ contactId: Type.Optional(Uuid), open: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
const DisclosureQuery = Type.Object(
  { contactId: Type.Optional(Uuid), personId: Type.Optional(Uuid) },
  { additionalProperties: false, description: 'one of contactId or personId (uuids, never names)' },
);

type Id = Static<typeof IdParams>;

export function registerDecisionsApi(app: FastifyInstance, services: Services) {
  const { decisions } = services;
  const tags = ['decisions'];
  const ledgerTags = ['disclosures'];

  app.get('/api/v1/contacts/:id/decision', { schema: { tags, summary: 'The decision page: responses side by side, the decision, feedback, clocks, disagreements, permissions', params: IdParams, response: { 200: Overview, ...problemResponses } } }, async (request) =>
    decisions.getDecisionOverview(request.actor!, request.auditContext, (request.params as Id).id),
  );
  app.post(
    '/api/v1/contacts/:id/decision',
    { schema: { tags, summary: 'Record the decision (send the contact version you read; a concurrent decision answers 409)', params: IdParams, body: DecisionBody, response: { 201: Decision, ...problemResponses } } },
    async (request, reply) => reply.status(201).send(await decisions.recordDecision(request.actor!, request.auditContext, (request.params as Id).id, request.body as Static<typeof DecisionBody>)),
  );
  app.post(
    '/api/v1/contacts/:id/feedback',
    { schema: { tags, summary: 'Record feedback to the referrer (secure email is queued to approved domains only)', params: IdParams, body: FeedbackBody, response: { 201: Feedback, ...problemResponses } } },
    async (request, reply) => reply.status(201).send(await decisions.recordFeedback(request.actor!, request.auditContext, (request.params as Id).id, request.body as Static<typeof FeedbackBody>)),
  );

  app.get('/api/v1/disagreements', { schema: { tags, summary: 'Disagreements between agencies', querystring: DisagreementQuery, response: { 200: Type.Array(Disagreement), ...problemResponses } } }, async (request) => {
    const q = request.query as Static<typeof DisagreementQuery>;
    return decisions.listDisagreements(request.actor!, request.auditContext, { contactId: q.contactId, openOnly: q.open });
  });
  app.post('/api/v1/disagreements', { schema: { tags, summary: 'Record a disagreement between agencies (raised at the first escalation level)', body: RaiseBody, response: { 201: Disagreement, ...problemResponses } } }, async (request, reply) =>
    reply.status(201).send(await decisions.raiseDisagreement(request.actor!, request.auditContext, request.body as Static<typeof RaiseBody>)),
  );
  app.get('/api/v1/disagreements/:id', { schema: { tags, summary: 'One disagreement with its escalation steps', params: IdParams, response: { 200: Disagreement, ...problemResponses } } }, async (request) =>
    decisions.getDisagreement(request.actor!, request.auditContext, (request.params as Id).id),
  );
  app.post('/api/v1/disagreements/:id/escalate', { schema: { tags, summary: 'Escalate to the next (or a named higher) level', params: IdParams, body: EscalateBody, response: { 200: Disagreement, ...problemResponses } } }, async (request) =>
    decisions.escalateDisagreement(request.actor!, request.auditContext, (request.params as Id).id, request.body as Static<typeof EscalateBody>),
  );
  app.post('/api/v1/disagreements/:id/resolve', { schema: { tags, summary: 'Record how it was resolved', params: IdParams, body: ResolveBody, response: { 200: Disagreement, ...problemResponses } } }, async (request) =>
    decisions.resolveDisagreement(request.actor!, request.auditContext, (request.params as Id).id, request.body as Static<typeof ResolveBody>),
  );

  app.get('/api/v1/contacts/:id/dissemination-permissions', { schema: { tags: ledgerTags, summary: 'Originating agencies’ permissions to pass information outside the MASH', params: IdParams, response: { 200: Type.Array(Permission), ...problemResponses } } }, async (request) =>
    decisions.listPermissions(request.actor!, request.auditContext, (request.params as Id).id),
  );
  app.post(
    '/api/v1/contacts/:id/dissemination-permissions',
    { schema: { tags: ledgerTags, summary: 'Record an originating agency’s permission (its own practitioner, or the decision maker on its word)', params: IdParams, body: PermissionBody, response: { 201: Permission, ...problemResponses } } },
    async (request, reply) => {
      const b = request.body as Static<typeof PermissionBody>;
      return reply.status(201).send(await decisions.recordPermission(request.actor!, request.auditContext, (request.params as Id).id, { ...b, grantedAt: new Date(b.grantedAt) }));
    },
  );
  app.post('/api/v1/dissemination-permissions/:id/revoke', { schema: { tags: ledgerTags, summary: 'Withdraw a permission', params: IdParams, response: { 200: Permission, ...problemResponses } } }, async (request) =>
    decisions.revokePermission(request.actor!, request.auditContext, (request.params as Id).id),
  );
  app.post(
    '/api/v1/contacts/:id/disseminations',
    {
      schema: {
        tags: ledgerTags,
        summary: 'Pass information outside the MASH (refused with 403 unless every item’s originating agency gave permission); written to the disclosure ledger',
        params: IdParams,
        body: DisseminateBody,
        response: { 201: Type.Object({ disclosureId: Uuid, document: Type.String(), queued: Type.Boolean() }), ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await decisions.disseminate(request.actor!, request.auditContext, (request.params as Id).id, request.body as Static<typeof DisseminateBody>)),
  );
  app.get(
    '/api/v1/disclosures',
    {
      schema: {
        tags: ledgerTags,
        summary: 'What was shared about this family, with whom and why: the ledger for a contact or a person, with their family',
        querystring: DisclosureQuery,
        response: {
          200: Type.Object({
            scope: Type.Object({ contactIds: Type.Array(Uuid), contactReferences: Type.Array(Type.String()), personIds: Type.Array(Uuid), familyIncluded: Type.Boolean() }),
            entries: Type.Array(Disclosure),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const q = request.query as Static<typeof DisclosureQuery>;
      return decisions.searchDisclosures(request.actor!, request.auditContext, q);
    },
  );
}
