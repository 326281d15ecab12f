import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../composition';
import { IdParams, problemResponses, VersionBody } from '../../../platform/http/api-schemas';

const DateTime = Type.String({ format: 'date-time' });
const Uuid = Type.String({ format: 'uuid' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const Attendee = Type.Object({
  agencyId: Uuid,
  agencyName: Type.String(),
  agencyKind: Type.String(),
  name: Type.String(),
  capacity: Type.String(),
  email: Type.Optional(Type.String()),
});
const Clock = Type.Object({
  id: Uuid,
  contactId: Uuid,
  type: Type.String(),
  label: Type.String(),
  startedAt: DateTime,
  dueAt: DateTime,
  status: Type.String(),
  metAt: Nullable(DateTime),
  late: Type.Boolean(),
});
const Meeting = Type.Object({
  id: Uuid,
  kind: Type.String({ description: 'mash-meeting | strategy-discussion' }),
  status: Type.String({ description: 'scheduled → held → minutes-circulated; scheduled → cancelled' }),
  version: Type.Integer(),
  startsAt: DateTime,
  venue: Type.String(),
  slotId: Nullable(Type.String()),
  urgentReason: Nullable(Type.String()),
  chairName: Type.String(),
  contacts: Type.Array(
    Type.Object({
      contactId: Uuid,
      reference: Type.String(),
      status: Type.String(),
      children: Type.Array(Type.Object({ subjectId: Uuid, name: Type.String(), dateOfBirth: Nullable(Type.String()) })),
      s47: Nullable(Type.Object({ begin: Type.Boolean(), reason: Type.String() })),
    }),
  ),
  invited: Type.Array(Attendee),
  held: Nullable(
    Type.Object({
      heldAt: DateTime,
      attended: Type.Array(Attendee),
      informationShared: Type.Array(Type.Object({ agencyId: Uuid, agencyName: Type.String(), summary: Type.String() })),
      decisions: Nullable(Type.String()),
      actions: Type.Array(Type.Object({ description: Type.String(), ownerName: Type.String(), ownerAgencyId: Uuid, ownerAgencyName: Type.String(), dueAt: DateTime })),
      minutesDueAt: DateTime,
      minutesOverdue: Type.Boolean(),
    }),
  ),
  minutes: Nullable(Type.Object({ circulatedAt: DateTime, circulatedToAgencyIds: Type.Array(Uuid), late: Type.Boolean() })),
  cancelled: Nullable(Type.Object({ cancelledAt: DateTime, reason: Type.String() })),
  clocks: Type.Array(Clock),
  invitations: Type.Array(Type.Object({ id: Uuid, schoolName: Type.String(), dslName: Type.String(), queued: Type.Boolean(), createdAt: DateTime })),
});
const MeetingSummary = Type.Object({
  id: Uuid,
  kind: Type.String(),
  status: Type.String(),
  startsAt: DateTime,
  venue: Type.String(),
  contactReferences: Type.Array(Type.String()),
  minutesDueAt: Nullable(DateTime),
  minutesOverdue: Type.Boolean(),
});

const AttendeeInput = Type.Object(
  {
    agencyId: Type.String({ maxLength: 36 }),
    name: Type.String({ maxLength: 200 }),
    capacity: Type.String({ maxLength: 40, description: 'chair | manager | social-worker | representative' }),
    email: Type.Optional(Type.String({ maxLength: 254 })),
  },
  { additionalProperties: false },
);
const ScheduleBody = Type.Object(
  {
    kind: Type.String({ maxLength: 40, description: 'mash-meeting | strategy-discussion' }),
    contactIds: Type.Array(Type.String({ maxLength: 36 }), { maxItems: 20 }),
    venue: Type.String({ maxLength: 500 }),
    invited: Type.Array(AttendeeInput, { maxItems: 50 }),
    slotId: Type.Optional(Type.String({ maxLength: 100, description: 'a free slot from GET /api/v1/meetings/slots' })),
    startsAt: Type.Optional(Type.String({ format: 'date-time', description: 'MASH meetings, or an urgent strategy discussion with urgentReason' })),
    urgentReason: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
const HoldBody = Type.Object(
  {
    ...VersionBody,
    heldAt: Type.String({ format: 'date-time' }),
    attended: Type.Array(AttendeeInput, { maxItems: 50 }),
    informationShared: Type.Array(Type.Object({ agencyId: Type.String({ maxLength: 36 }), summary: Type.String({ maxLength: 20000 }) }, { additionalProperties: false }), { maxItems: 50 }),
    s47Decisions: Type.Array(
      Type.Object({ contactId: Type.String({ maxLength: 36 }), begin: Type.Boolean(), reason: Type.String({ maxLength: 5000 }) }, { additionalProperties: false }),
      { maxItems: 20 },
    ),
    decisions: Type.Optional(Type.String({ maxLength: 20000 })),
    actions: Type.Array(
      Type.Object(
        { description: Type.String({ maxLength: 2000 }), ownerName: Type.String({ maxLength: 200 }), ownerAgencyId: Type.String({ maxLength: 36 }), dueAt: Type.String({ format: 'date-time' }) },
        { additionalProperties: false },
      ),
      { maxItems: 50 },
    ),
  },
  { additionalProperties: false },
);
const CirculateBody = Type.Object({ ...VersionBody, circulatedToAgencyIds: Type.Array(Type.String({ maxLength: 36 }), { maxItems: 50 }) }, { additionalProperties: false });
const CancelBody = Type.Object({ ...VersionBody, reason: Type.String({ maxLength: 2000 }) }, { additionalProperties: false });
const InvitationBody = Type.Object(
  {
    schoolName: Type.String({ maxLength: 200 }),
    dslName: Type.String({ maxLength: 200 }),
    email: Type.Optional(Type.String({ maxLength: 254 })),
    childSubjectIds: Type.Array(Type.String({ maxLength: 36 }), { maxItems: 20 }),
    queue: Type.Boolean({ description: 'also queue it to the outbox (approved secure domains only)' }),
  },
  { additionalProperties: false },
);
const StatusQuery = Type.Object({ status: Type.Optional(Type.Union([Type.Literal('scheduled'), Type.Literal('held'), Type.Literal('minutes-circulated'), Type.Literal('cancelled')])) }, { additionalProperties: false });

type Id = Static<typeof IdParams>;

export function registerMeetingsApi(app: FastifyInstance, services: Services) {
  const { meetings } = services;
  const tags = ['meetings'];

  app.get('/api/v1/meetings', { schema: { tags, summary: 'MASH meetings and strategy discussions (partners: those their agency was invited to)', querystring: StatusQuery, response: { 200: Type.Array(MeetingSummary), ...problemResponses } } }, async (request) =>
    meetings.listMeetings(request.actor!, request.auditContext, request.query as Static<typeof StatusQuery>),
  );
  app.get('/api/v1/meetings/slots', { schema: { tags, summary: 'Free strategy meeting slots over the next working days (002 §4.3.3)', querystring: Type.Object({}, { additionalProperties: false }), response: { 200: Type.Array(Type.Object({ id: Type.String(), startsAt: DateTime, endsAt: DateTime })), ...problemResponses } } }, async (request) =>
    meetings.listFreeSlots(request.actor!, request.auditContext),
  );
  app.post('/api/v1/meetings', { schema: { tags, summary: 'Convene a meeting or strategy discussion for one or more contacts', body: ScheduleBody, response: { 201: Meeting, ...problemResponses } } }, async (request, reply) => {
    const b = request.body as Static<typeof ScheduleBody>;
    const view = await meetings.scheduleMeeting(request.actor!, request.auditContext, { ...b, startsAt: b.startsAt ? new Date(b.startsAt) : undefined });
    return reply.status(201).send(view);
  });
  app.get('/api/v1/meetings/:id', { schema: { tags, summary: 'One meeting', params: IdParams, response: { 200: Meeting, ...problemResponses } } }, async (request) =>
    meetings.getMeeting(request.actor!, request.auditContext, (request.params as Id).id),
  );
  app.post(
    '/api/v1/meetings/:id/hold',
    { schema: { tags, summary: 'Record the meeting as held: attendance, information shared, S47 decisions, actions. Beginning S47 starts the ICPC and assessment clocks.', params: IdParams, body: HoldBody, response: { 200: Meeting, ...problemResponses } } },
    async (request) => {
      const b = request.body as Static<typeof HoldBody>;
      return meetings.holdMeeting(request.actor!, request.auditContext, (request.params as Id).id, {
        ...b,
        heldAt: new Date(b.heldAt),
        actions: b.actions.map((a) => ({ ...a, dueAt: new Date(a.dueAt) })),
      });
    },
  );
  app.post(
    '/api/v1/meetings/:id/circulate-minutes',
    { schema: { tags, summary: 'Record that the minutes went to every agency that attended (within 2 working days)', params: IdParams, body: CirculateBody, response: { 200: Meeting, ...problemResponses } } },
    async (request) => meetings.circulateMinutes(request.actor!, request.auditContext, (request.params as Id).id, request.body as Static<typeof CirculateBody>),
  );
  app.post('/api/v1/meetings/:id/cancel', { schema: { tags, summary: 'Cancel a scheduled meeting', params: IdParams, body: CancelBody, response: { 200: Meeting, ...problemResponses } } }, async (request) =>
    meetings.cancelMeeting(request.actor!, request.auditContext, (request.params as Id).id, request.body as Static<typeof CancelBody>),
  );
  app.post(
    '/api/v1/meetings/:id/dsl-invitation',
    {
      schema: {
        tags,
        summary: 'The school DSL invitation (002 App. 7): rendered text, optionally queued to the outbox',
        params: IdParams,
        body: InvitationBody,
        response: { 200: Type.Object({ invitationId: Uuid, subject: Type.String(), body: Type.String(), queued: Type.Boolean() }), ...problemResponses },
      },
    },
    async (request) => meetings.prepareInvitation(request.actor!, request.auditContext, (request.params as Id).id, request.body as Static<typeof InvitationBody>),
  );
}
