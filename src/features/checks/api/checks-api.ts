/** The JSON API of MASH checks: the same services as the pages, for agency systems to integrate. */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../composition';
import { IdParams, problemResponses } from '../../../platform/http/api-schemas';
import type { CapacityPosition } from '../../consent/domain/capacity';
import {
  AdditionBodySchema,
  ChecksOverview,
  ConsentBody,
  ContactResponses,
  EnquiryDetail,
  EnquiryList,
  NotShareBody,
  OverrideBody,
  ResponseBodySchema,
  SendBody,
  VersionOnlyBody,
  WithdrawConsentBody,
  WithdrawEnquiryBody,
} from './checks-schemas';

type Id = Static<typeof IdParams>;
const Created = Type.Object({ id: Type.String() });
const Version = Type.Object({ version: Type.Integer() });

/** An instant from the API: absent stays absent, anything unparseable becomes an invalid Date the domain reports. */
const instant = (value: string | undefined): Date | undefined => (value === undefined ? undefined : new Date(value));

function capacityOf(body: Static<typeof ConsentBody>['capacity']): CapacityPosition | undefined {
  if (!body) return undefined;
  switch (body.status) {
    case 'assumed':
      return { status: 'assumed' };
    case 'in-doubt-not-assessed':
      return { status: 'in-doubt-not-assessed', reasonNotAssessed: body.reasonNotAssessed ?? '' };
    case 'has-capacity':
      return { status: 'has-capacity', decision: body.decision ?? '', assessedBy: body.assessedBy ?? '', assessedAt: instant(body.assessedAt) ?? new Date(Number.NaN) };
    case 'lacks-capacity':
      return {
        status: 'lacks-capacity',
        decision: body.decision ?? '',
        assessedBy: body.assessedBy ?? '',
        assessedAt: instant(body.assessedAt) ?? new Date(Number.NaN),
        impairment: body.impairment ?? '',
        reasons: (body.reasons ?? []) as Extract<CapacityPosition, { status: 'lacks-capacity' }>['reasons'],
        bestInterests: body.bestInterests ?? '',
      };
    default: {
      const unknown: never = body.status;
      throw new Error(`unknown capacity status ${String(unknown)}`);
    }
  }
}

export function registerChecksApi(app: FastifyInstance, services: Services) {
  const { checks } = services;
  const tags = ['MASH checks'];
  const id = (request: { params: unknown }) => (request.params as Id).id;

  app.get(
    '/api/v1/contacts/:id/checks',
    { schema: { tags, summary: 'A contact’s checks: consent per person, overrides, requests with responses as you may see them, decisions to share, withdrawal tasks', params: IdParams, response: { 200: ChecksOverview, ...problemResponses } } },
    async (request) => checks.getChecks(request.actor!, request.auditContext, id(request)),
  );

  app.get(
    '/api/v1/contacts/:id/responses',
    { schema: { tags, summary: 'Every agency response for a contact, side by side, with its originating agency (held-back parts as visibility allows)', params: IdParams, response: { 200: ContactResponses, ...problemResponses } } },
    async (request) => checks.listResponsesForContact(request.actor!, request.auditContext, id(request)),
  );

  app.post(
    '/api/v1/contacts/:id/consents',
    { schema: { tags, summary: 'Record a consent position for one person on the contact (a later one supersedes)', params: IdParams, body: ConsentBody, response: { 201: Created, ...problemResponses } } },
    async (request, reply) => {
      const b = request.body as Static<typeof ConsentBody>;
      const capacity = capacityOf(b.capacity);
      const created = await checks.recordConsent(request.actor!, request.auditContext, id(request), {
        subjectId: b.subjectId,
        answer: b.answer,
        ...(b.soughtFrom ? { soughtFrom: b.soughtFrom } : {}),
        ...(b.soughtAt !== undefined ? { soughtAt: instant(b.soughtAt) } : {}),
        ...(b.notSoughtReasons ? { notSoughtReasons: b.notSoughtReasons } : {}),
        ...(b.rationale !== undefined ? { rationale: b.rationale } : {}),
        ...(capacity ? { capacity } : {}),
        scope: b.scope,
      });
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/api/v1/consents/:id/withdraw',
    {
      schema: {
        tags,
        summary: 'Consent withdrawn: every agency that received the person’s information gets a task to dispose of it',
        params: IdParams,
        body: WithdrawConsentBody,
        response: { 200: Type.Object({ tasks: Type.Integer() }), ...problemResponses },
      },
    },
    async (request) => checks.withdrawConsent(request.actor!, request.auditContext, id(request), request.body as Static<typeof WithdrawConsentBody>),
  );

  app.post(
    '/api/v1/contacts/:id/consent-overrides',
    { schema: { tags, summary: 'Authorise checks without consent (decision makers only): public-interest criteria, proportionality, justification', params: IdParams, body: OverrideBody, response: { 201: Created, ...problemResponses } } },
    async (request, reply) => reply.status(201).send(await checks.authoriseOverride(request.actor!, request.auditContext, id(request), request.body as Static<typeof OverrideBody>)),
  );

  app.post(
    '/api/v1/contacts/:id/enquiries',
    {
      schema: {
        tags,
        summary: 'Send information requests to agencies; each is a recorded decision to share (001 App. D) written to the disclosure ledger',
        params: IdParams,
        body: SendBody,
        response: { 201: Type.Object({ enquiryIds: Type.Array(Type.String()) }), ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await checks.sendEnquiries(request.actor!, request.auditContext, id(request), request.body as Static<typeof SendBody>)),
  );

  app.post(
    '/api/v1/contacts/:id/decisions-not-to-share',
    { schema: { tags, summary: 'Record a decision not to share, with its reasons (golden rule 7)', params: IdParams, body: NotShareBody, response: { 201: Created, ...problemResponses } } },
    async (request, reply) => reply.status(201).send(await checks.recordDecisionNotToShare(request.actor!, request.auditContext, id(request), request.body as Static<typeof NotShareBody>)),
  );

  app.get(
    '/api/v1/enquiries',
    { schema: { tags, summary: 'Information requests: to your agency (partner practitioners) or in your hub (MASH staff), overdue first', response: { 200: EnquiryList, ...problemResponses } } },
    async (request) => checks.listEnquiries(request.actor!, request.auditContext),
  );

  app.get(
    '/api/v1/enquiries/:id',
    { schema: { tags, summary: 'One information request as you may see it', params: IdParams, response: { 200: EnquiryDetail, ...problemResponses } } },
    async (request) => checks.getEnquiry(request.actor!, request.auditContext, id(request)),
  );

  app.post(
    '/api/v1/enquiries/:id/acknowledge',
    { schema: { tags, summary: 'Acknowledge a request to your agency', params: IdParams, body: VersionOnlyBody, response: { 200: Version, ...problemResponses } } },
    async (request) => checks.acknowledgeEnquiry(request.actor!, request.auditContext, id(request), (request.body as Static<typeof VersionOnlyBody>) ?? {}),
  );

  app.post(
    '/api/v1/enquiries/:id/response',
    {
      schema: {
        tags,
        summary: 'Answer a request to your agency: parts marked fact or opinion and held back or not, the agency BRAG, or no information held',
        params: IdParams,
        body: ResponseBodySchema,
        response: { 200: Version, ...problemResponses },
      },
    },
    async (request) => checks.respondToEnquiry(request.actor!, request.auditContext, id(request), request.body as Static<typeof ResponseBodySchema>),
  );

  app.post(
    '/api/v1/enquiries/:id/additions',
    { schema: { tags, summary: 'Add information after answering', params: IdParams, body: AdditionBodySchema, response: { 200: Version, ...problemResponses } } },
    async (request) => checks.addToResponse(request.actor!, request.auditContext, id(request), request.body as Static<typeof AdditionBodySchema>),
  );

  app.post(
    '/api/v1/enquiries/:id/withdraw',
    { schema: { tags, summary: 'Withdraw a request (decision makers)', params: IdParams, body: WithdrawEnquiryBody, response: { 200: Version, ...problemResponses } } },
    async (request) => checks.withdrawEnquiry(request.actor!, request.auditContext, id(request), request.body as Static<typeof WithdrawEnquiryBody>),
  );
}
