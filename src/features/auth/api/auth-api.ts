import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../composition';
import { ProblemSchema } from '../../../platform/http/api-schemas';

const TokenRequest = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
    totp: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
  },
  { additionalProperties: false },
);

const TokenResponse = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer({ description: 'seconds' }),
});

const Me = Type.Object({
  userId: Type.String({ format: 'uuid' }),
  displayName: Type.String(),
  email: Type.String(),
  role: Type.String(),
  roleLabel: Type.String(),
  agencyId: Type.String({ format: 'uuid' }),
  hubId: Type.String({ format: 'uuid' }),
  permissions: Type.Array(Type.String()),
});

export function registerAuthApi(app: FastifyInstance, services: Services, options: { signInRateLimit: number }) {
  app.post(
    '/api/v1/auth/token',
    {
      config: { auth: 'public', rateLimit: { max: options.signInRateLimit, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in: email, password and TOTP code (when enabled) for a short-lived bearer token',
        security: [],
        body: TokenRequest,
        response: { 200: TokenResponse, 400: ProblemSchema, 401: ProblemSchema, 429: ProblemSchema },
      },
    },
    async (request) => {
      const body = request.body as { email: string; password: string; totp?: string };
      const token = await services.auth.issueToken(body, request.auditContext);
      return { access_token: token.accessToken, token_type: token.tokenType, expires_in: token.expiresIn };
    },
  );

  app.get(
    '/api/v1/me',
    { schema: { tags: ['auth'], summary: 'Who you are: user, role, agency, hub and permissions', response: { 200: Me, 401: ProblemSchema } } },
    async (request) => {
      const { permissionsOf } = await import('../../../platform/access/policy');
      const { ROLE_LABELS } = await import('../../../platform/access/roles');
      const actor = request.actor!;
      return {
        userId: actor.userId,
        displayName: actor.displayName,
        email: request.session!.email,
        role: actor.role,
        roleLabel: ROLE_LABELS[actor.role],
        agencyId: actor.agencyId,
        hubId: actor.hubId,
        permissions: [...permissionsOf(actor.role)],
      };
    },
  );
}
