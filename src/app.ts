import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import path from 'node:path';
import qs from 'node:querystring';
import { fileURLToPath } from 'node:url';
import type { Services } from './composition';
import { adminModule } from './features/admin/admin-module';
import { auditModule } from './features/audit/audit-module';
import { checksModule } from './features/checks/checks-module';
import { contactsModule } from './features/contacts/contacts-module';
import { decisionsModule } from './features/decisions/decisions-module';
import { meetingsModule } from './features/meetings/meetings-module';
import { personsModule } from './features/persons/persons-module';
import { tasksModule } from './features/tasks/tasks-module';
import { registerAuthRoutes } from './features/auth/web/auth-routes';
import { registerAuthApi } from './features/auth/api/auth-api';
import { registerHomeRoutes } from './features/home/web/home-routes';
import { ROLE_LABELS } from './platform/access/roles';
import { DomainError } from './platform/errors';
import { ANON_COOKIE, csrfSeed, csrfToken, csrfValid } from './platform/http/csrf';
import { createErrorHandler } from './platform/http/error-handler';
import './platform/http/fastify-types';
import type { FeatureModule } from './platform/http/feature-module';
import { navigationFor, type NavItem } from './platform/http/navigation';
import { problem } from './platform/http/problem';
import { genRequestId } from './platform/http/request-id';
import { createNunjucks, govukDist, mojRoot, staticDir } from './platform/views/nunjucks';
import { redactPaths } from './platform/logging/logger';

export const SESSION_COOKIE = 'openmash_session';

/** Features in the order their navigation appears. */
const FEATURES: FeatureModule[] = [tasksModule, contactsModule, personsModule, checksModule, decisionsModule, meetingsModule, auditModule, adminModule];
const featuresDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'features');
const FEATURE_VIEWS = [...FEATURES.map((f) => f.name), 'auth', 'home'].map((f) => path.join(featuresDir, f, 'web', 'views'));

export interface AppOptions {
  /** sign-in and token attempts a minute from one address */
  signInRateLimit?: number;
  logger?: boolean;
}

/** Plugins in a visible order: health → security → parsing → static → views → auth → CSRF → routes → 404 → errors. */
export async function createApp(services: Services, options: AppOptions = {}): Promise<FastifyInstance> {
  const { config, auth } = services;
  const production = config.mode === 'production';
  const app = Fastify({
    genReqId: genRequestId,
    requestIdHeader: false,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    logger:
      options.logger === false || config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            redact: { paths: redactPaths, censor: '[redacted]' },
            serializers: {
              // the path only: query strings could carry what a user typed
              req: (req) => ({ method: req.method, url: req.url.split('?')[0], id: req.id }),
            },
          },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
    // router-level errors (an over-long path parameter, a bad content type) answer like any other
    frameworkErrors: (error, request, untypedReply) => {
      const reply = untypedReply as unknown as import('fastify').FastifyReply;
      const status = (error as { statusCode?: number }).statusCode ?? 400;
      const detail = status === 414 ? 'A path parameter is too long' : 'The request could not be read';
      if (request.url.startsWith('/api/')) {
        return reply.status(status).type('application/problem+json').send(problem(status, detail, { requestId: String(request.id) }));
      }
      return reply.status(status).type('text/plain; charset=utf-8').send(detail);
    },
  });
  // finish the sealing in progress before the database closes
  app.addHook('onClose', async () => services.auditSealer.stop());

  // health: before everything, no session, no audit
  app.get('/health', { config: { auth: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    const up = await services.database.ping();
    return reply.status(up ? 200 : 503).send(up ? { status: 'ok', database: services.database.backend } : { status: 'unavailable', database: services.database.backend });
  });

  app.decorateRequest('session', null);
  app.decorateRequest('actor', null);
  app.decorateRequest('isApi', false);
  app.decorateRequest('auditContext', null as never);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', String(request.id));
    request.isApi = request.url.startsWith('/api/');
    request.auditContext = { requestId: String(request.id), sourceAddress: request.ip ?? null };
  });

  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: production ? [] : null,
      },
    },
    hsts: production ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  });
  // the API docs page needs its own script and style; it holds no personal data
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/docs')) {
      reply.header('content-security-policy', "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'");
    }
    // pages with personal data must not be cached by browsers or proxies
    if (!request.url.startsWith('/assets/')) reply.header('cache-control', 'no-store');
  });

  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(formbody, { parser: (body) => qs.parse(body) });
  await app.register(rateLimit, { global: false });

  await app.register(fastifyStatic, { root: path.join(govukDist, 'govuk', 'assets'), prefix: '/assets/', decorateReply: false, index: false, wildcard: true });
  app.get('/assets/govuk-frontend.min.css', { config: { auth: 'public' }, schema: { hide: true } }, (_q, r) => sendFile(r, path.join(govukDist, 'govuk', 'govuk-frontend.min.css'), 'text/css'));
  app.get('/assets/govuk-frontend.min.js', { config: { auth: 'public' }, schema: { hide: true } }, (_q, r) => sendFile(r, path.join(govukDist, 'govuk', 'govuk-frontend.min.js'), 'text/javascript'));
  app.get('/assets/moj-frontend.min.css', { config: { auth: 'public' }, schema: { hide: true } }, (_q, r) => sendFile(r, path.join(mojRoot, 'moj', 'moj-frontend.min.css'), 'text/css'));
  app.get('/assets/app.css', { config: { auth: 'public' }, schema: { hide: true } }, (_q, r) => sendFile(r, path.join(staticDir, 'app.css'), 'text/css'));
  app.get('/assets/init.js', { config: { auth: 'public' }, schema: { hide: true } }, (_q, r) => sendFile(r, path.join(staticDir, 'init.js'), 'text/javascript'));

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'OpenMASH API', version: '1', description: 'The JSON API of OpenMASH. Sign in with POST /api/v1/auth/token and send the token as `Authorization: Bearer <token>`. Errors are RFC 9457 problem details.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: false });
  app.get('/api/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () => app.swagger());

  // views
  const nunjucks = createNunjucks(FEATURE_VIEWS);
  const nav: NavItem[] = FEATURES.flatMap((f) => f.nav);
  app.decorateReply('page', function (this: import('fastify').FastifyReply, template: string, model: Record<string, unknown> = {}) {
    const request = this.request;
    const seed = csrfSeed(request, this, production);
    const flash = request.cookies.openmash_flash;
    if (flash) this.clearCookie('openmash_flash', { path: '/' });
    const actor = request.session?.stage === 'active' ? request.actor : null;
    const html = nunjucks.render(template, {
      cspNonce: (this as unknown as { cspNonce?: { script: string } }).cspNonce?.script,
      csrfToken: csrfToken(config.sessionSecret, seed),
      signedIn: actor !== null,
      actorName: actor?.displayName,
      roleLabel: actor ? ROLE_LABELS[actor.role] : undefined,
      actor,
      navigation: navigationFor(actor, nav, request.url.split('?')[0]),
      flash: flash && flash.length < 200 ? flash : undefined,
      ...model,
    });
    return this.type('text/html; charset=utf-8').send(html);
  });
  app.decorateReply('flash', function (this: import('fastify').FastifyReply, message: string) {
    // messages are fixed texts about what was done, never personal data
    return this.setCookie('openmash_flash', message, { path: '/', httpOnly: true, sameSite: 'lax', secure: production, maxAge: 60 });
  });

  // PostgreSQL cannot store NUL in text or jsonb: refuse it up front with a clear answer
  app.addHook('preValidation', async (request, reply) => {
    const field = request.body === undefined ? undefined : fieldWithNul(request.body);
    if (field !== undefined) {
      if (request.isApi) {
        return reply
          .status(400)
          .type('application/problem+json')
          .send(problem(400, 'Text must not contain NUL characters', { code: 'validation', requestId: String(request.id), fields: [{ field: field || 'body', text: 'must not contain NUL characters' }] }));
      }
      return reply.status(400).page('error.njk', { pageTitle: 'There is a problem', message: 'What you entered contains a character that cannot be saved. Go back and remove it.' });
    }
  });

  // authentication: cookie for pages, bearer token for the API
  app.addHook('preHandler', async (request, reply) => {
    // the API docs (swagger-ui's own routes) hold no data and are public
    const required = request.url.startsWith('/api/docs') ? 'public' : request.routeOptions.config?.auth ?? 'signed-in';
    if (request.isApi) {
      const header = request.headers.authorization;
      const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
      if (token) request.session = await auth.resolveSession(token, 'api');
    } else {
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        request.session = await auth.resolveSession(token, 'web');
        if (!request.session) reply.clearCookie(SESSION_COOKIE, { path: '/' });
      }
    }
    if (request.session?.stage === 'active') request.actor = request.session.actor;
    if (required === 'public') return;
    if (required === 'partial' && request.session) return;
    if (!request.actor) {
      if (request.isApi) {
        return reply.status(401).type('application/problem+json').send(problem(401, 'Send a valid bearer token from POST /api/v1/auth/token', { code: 'unauthenticated', requestId: String(request.id) }));
      }
      if (request.session && request.session.stage !== 'active') return reply.redirect(request.session.stage === 'totp-setup' ? '/sign-in/set-up-second-factor' : '/sign-in/second-factor');
      return reply.redirect('/sign-in');
    }
  });

  // CSRF on every form post (the API uses bearer tokens, which browsers do not send by themselves)
  app.addHook('preHandler', async (request, reply) => {
    if (request.isApi || request.method === 'GET' || request.method === 'HEAD') return;
    const seed = request.session ? request.session.csrfSecret : request.cookies[ANON_COOKIE];
    const submitted = (request.body as Record<string, unknown> | undefined)?._csrf;
    if (!seed || !csrfValid(config.sessionSecret, seed, submitted)) {
      return reply.status(403).page('error.njk', { pageTitle: 'Your form has expired', message: 'Go back, reload the page and try again. Nothing was saved.' });
    }
  });

  // routes
  registerHomeRoutes(app, FEATURES.flatMap((f) => f.tiles));
  registerAuthRoutes(app, services, { signInRateLimit: options.signInRateLimit ?? 20 });
  registerAuthApi(app, services, { signInRateLimit: options.signInRateLimit ?? 20 });
  for (const feature of FEATURES) feature.register(app, services);
  app.get('/accessibility', { config: { auth: 'public' }, schema: { hide: true } }, async (_req, reply) => reply.page('accessibility.njk', { pageTitle: 'Accessibility statement' }));

  app.setNotFoundHandler(async (request, reply) => {
    if (request.url.startsWith('/api/')) {
      return reply.status(404).type('application/problem+json').send(problem(404, 'No such API route', { requestId: String(request.id) }));
    }
    return reply.status(404).page('error.njk', { pageTitle: 'Page not found', message: 'If you typed the web address, check it is correct.' });
  });
  app.setErrorHandler(createErrorHandler({ production }));
  return app;
}

/** The path (e.g. `question`, `items.0.text`) of the first string holding a NUL; undefined when none. */
function fieldWithNul(value: unknown, path = '', depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (depth > 20 || value === null || typeof value !== 'object') return undefined;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const here = path ? `${path}.${k}` : k;
    if (k.includes('\u0000')) return here;
    const found = fieldWithNul(v, here, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

async function sendFile(reply: import('fastify').FastifyReply, file: string, type: string) {
  const fs = await import('node:fs');
  reply.header('cache-control', 'public, max-age=3600');
  return reply.type(type).send(fs.createReadStream(file));
}

export const notFound = () => new DomainError('not-found', 'Not found');
