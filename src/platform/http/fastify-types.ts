import type { SignedInSession } from '../../features/auth/auth-service';
import type { Actor } from '../access/policy';
import type { RequestContext } from '../db/unit-of-work';

/** What a route needs before it runs: nobody, a fully signed-in user, or a half-signed-in one. */
export type RouteAuth = 'public' | 'signed-in' | 'partial';

declare module 'fastify' {
  interface FastifyRequest {
    session: SignedInSession | null;
    /** the signed-in actor; routes with auth 'signed-in' may rely on it */
    actor: Actor | null;
    auditContext: RequestContext;
    isApi: boolean;
  }
  interface FastifyReply {
    /** render a page with the shared layout model (actor, navigation, CSRF token, CSP nonce) */
    page(template: string, model?: Record<string, unknown>): FastifyReply;
    flash(message: string): FastifyReply;
  }
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
}

export {};
