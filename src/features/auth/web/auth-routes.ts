import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE } from '../../../app';
import type { Services } from '../../../composition';
import { DomainError } from '../../../platform/errors';

type Body = Record<string, string | undefined>;

export function registerAuthRoutes(app: FastifyInstance, services: Services, options: { signInRateLimit: number }) {
  const { auth, config } = services;
  const secure = config.mode === 'production';
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure };

  app.get('/sign-in', { config: { auth: 'public' }, schema: { hide: true } }, async (request, reply) => {
    if (request.actor) return reply.redirect('/');
    return reply.page('auth/sign-in.njk', { pageTitle: 'Sign in', values: {} });
  });

  app.post(
    '/sign-in',
    { config: { auth: 'public', rateLimit: { max: options.signInRateLimit, timeWindow: '1 minute' } }, schema: { hide: true } },
    async (request, reply) => {
      const body = (request.body ?? {}) as Body;
      const email = (body.email ?? '').trim();
      const password = body.password ?? '';
      const errors = [];
      if (!email) errors.push({ field: 'email', text: 'Enter your email address' });
      if (!password) errors.push({ field: 'password', text: 'Enter your password' });
      if (errors.length === 0) {
        const result = await auth.signIn(email, password, request.auditContext);
        if (result.kind === 'session') {
          reply.setCookie(SESSION_COOKIE, result.token, cookieOptions);
          if (result.stage === 'totp-required') return reply.redirect('/sign-in/second-factor');
          if (result.stage === 'totp-setup') return reply.redirect('/sign-in/set-up-second-factor');
          return reply.redirect('/');
        }
        errors.push({ field: 'email', text: result.message });
      }
      return reply.status(400).page('auth/sign-in.njk', { pageTitle: 'Sign in', errors, values: { email } });
    },
  );

  app.get('/sign-in/second-factor', { config: { auth: 'partial' }, schema: { hide: true } }, async (request, reply) => {
    if (request.session?.stage !== 'totp-required') return reply.redirect('/');
    return reply.page('auth/second-factor.njk', { pageTitle: 'Enter your security code' });
  });

  app.post(
    '/sign-in/second-factor',
    { config: { auth: 'partial', rateLimit: { max: options.signInRateLimit, timeWindow: '1 minute' } }, schema: { hide: true } },
    async (request, reply) => {
      const session = request.session!;
      if (session.stage !== 'totp-required') return reply.redirect('/');
      const code = ((request.body as Body).code ?? '').trim();
      if (await auth.completeTotp(session, code, request.auditContext)) return reply.redirect('/');
      return reply.status(400).page('auth/second-factor.njk', {
        pageTitle: 'Enter your security code',
        errors: [{ field: 'code', text: 'Enter the 6-digit code shown in your authenticator app' }],
      });
    },
  );

  const setupPage = async (request: import('fastify').FastifyRequest) => {
    const { secret, uri } = await auth.beginTotpSetup(request.session!);
    return { pageTitle: 'Set up a second factor', secret: secret.replace(/(.{4})/g, '$1 ').trim(), uri };
  };

  app.get('/sign-in/set-up-second-factor', { config: { auth: 'partial' }, schema: { hide: true } }, async (request, reply) => {
    if (request.session!.totpEnabled) return reply.redirect('/');
    return reply.page('auth/set-up-second-factor.njk', await setupPage(request));
  });

  app.post('/sign-in/set-up-second-factor', { config: { auth: 'partial' }, schema: { hide: true } }, async (request, reply) => {
    try {
      await auth.confirmTotpSetup(request.session!, ((request.body as Body).code ?? '').trim(), request.auditContext);
      return reply.flash('Your second factor is set up. You will be asked for a code each time you sign in.').redirect('/');
    } catch (error) {
      if (error instanceof DomainError && error.code === 'validation') {
        const user = await services.database.db.selectFrom('app_user').select('totp_secret').where('id', '=', request.session!.actor.userId).executeTakeFirstOrThrow();
        const secret = user.totp_secret ?? '';
        return reply.status(400).page('auth/set-up-second-factor.njk', {
          pageTitle: 'Set up a second factor',
          secret: secret.replace(/(.{4})/g, '$1 ').trim(),
          errors: error.fields,
        });
      }
      throw error;
    }
  });

  app.post('/sign-out', { config: { auth: 'partial' }, schema: { hide: true } }, async (request, reply) => {
    if (request.session) await auth.signOut(request.session, request.auditContext);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.flash('You have signed out.').redirect('/sign-in');
  });
}
