import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../composition';
import { problemResponses } from '../../../platform/http/api-schemas';
import { parseAuditQuery } from '../web/audit-routes';

const AuditEvent = Type.Object({
  id: Type.Integer(),
  occurredAt: Type.String({ format: 'date-time' }),
  actorUserId: Type.Union([Type.String(), Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  actorRole: Type.Union([Type.String(), Type.Null()]),
  actorAgencyId: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  outcome: Type.String(),
  recordType: Type.Union([Type.String(), Type.Null()]),
  recordId: Type.Union([Type.String(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.Union([Type.String(), Type.Null()]),
  sourceAddress: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
});

export function registerAuditApi(app: FastifyInstance, services: Services) {
  const tags = ['audit'];
  app.get(
    '/api/v1/audit/events',
    {
      schema: {
        tags,
        summary: 'Search the audit log of your hub (who has looked at this record)',
        querystring: Type.Object({
          recordType: Type.Optional(Type.String({ maxLength: 40 })),
          recordId: Type.Optional(Type.String({ maxLength: 64 })),
          actorUserId: Type.Optional(Type.String({ format: 'uuid' })),
          action: Type.Optional(Type.String({ maxLength: 60 })),
          from: Type.Optional(Type.String({ format: 'date' })),
          to: Type.Optional(Type.String({ format: 'date' })),
          before: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$' })),
        }),
        response: { 200: Type.Object({ events: Type.Array(AuditEvent), nextBefore: Type.Optional(Type.Integer()) }), ...problemResponses },
      },
    },
    async (request) => services.audit.search(request.actor!, request.auditContext, parseAuditQuery(request.query as Record<string, string>)),
  );
  app.post(
    '/api/v1/audit/verify',
    {
      schema: {
        tags,
        summary: 'Verify the hash chain of your hub’s audit log',
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            chains: Type.Integer(),
            events: Type.Integer(),
            firstBreak: Type.Optional(Type.Object({ chainId: Type.String(), eventId: Type.Integer(), chainSeq: Type.Integer(), problem: Type.String() })),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => services.audit.verify(request.actor!, request.auditContext),
  );
}
