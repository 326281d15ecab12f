import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../../composition';
import { DomainError } from '../../../platform/errors';
import { ANSWERS, ANSWER_LABELS, CONCERN_CATEGORIES, CONCERN_CATEGORY_LABELS } from '../domain/vocabulary';
import { blockAction, contactInputFromBody, emptyBlock, keptValues, pageErrors, readBlocks, str, type Body, type SubjectBlock } from './contact-form';

/**
 * The public referral form (C1): anyone, no account. Rate-limited per address; a hidden
 * submission key makes a double submit return the first reference rather than a second contact.
 */
export const PUBLIC_REFERRAL_RATE_LIMIT = { max: 20, timeWindow: '10 minutes' };

const RECEIPT_COOKIE = 'openmash_referral';

const categoryItems = CONCERN_CATEGORIES.filter((c) => c !== 'other').map((c) => ({ value: c, text: CONCERN_CATEGORY_LABELS[c] }));
const answerItems = ANSWERS.map((a) => ({ value: a, text: a === 'not-known' ? 'I do not know' : ANSWER_LABELS[a] }));
const newSubmissionKey = () => randomBytes(18).toString('base64url');

export function registerPublicReferralRoutes(app: FastifyInstance, services: Services) {
  const { contacts, config } = services;

  const render = async (request: import('fastify').FastifyRequest, reply: FastifyReply, model: { values: Record<string, unknown>; blocks: SubjectBlock[]; errors?: unknown[] }) => {
    const areas = await contacts.referralAreas(request.auditContext);
    return reply.page('contacts/refer.njk', {
      pageTitle: 'Report a concern about a child',
      areas: areas.map((a) => ({ value: a.hubId, text: a.name, hint: a.localAuthorities.length > 0 ? { text: a.localAuthorities.join(', ') } : undefined })),
      singleArea: areas.length === 1 ? areas[0].hubId : undefined,
      categoryItems,
      answerItems,
      ...model,
    });
  };

  app.get('/refer', { config: { auth: 'public' }, schema: { hide: true } }, async (request, reply) =>
    render(request, reply, { values: { submissionKey: newSubmissionKey() }, blocks: [emptyBlock()] }),
  );

  app.post('/refer', { config: { auth: 'public', rateLimit: PUBLIC_REFERRAL_RATE_LIMIT }, schema: { hide: true } }, async (request, reply) => {
    const b = (request.body ?? {}) as Body;
    const blocks = readBlocks(b);
    const values = keptValues(b);
    const moved = blockAction(b, blocks, 'subject');
    if (moved) return render(request, reply, { values, blocks: moved });
    const { input, blockOf } = contactInputFromBody(b, blocks, { public: true });
    try {
      const { reference } = await contacts.submitPublicReferral(request.auditContext, { ...input, channel: 'online-form', hubId: str(b.hubId) || undefined });
      // the reference goes to the confirmation page in a signed cookie, not in the address
      reply.setCookie(RECEIPT_COOKIE, reference, { path: '/refer', httpOnly: true, sameSite: 'lax', secure: config.mode === 'production', signed: true, maxAge: 1800 });
      return reply.redirect('/refer/confirmation');
    } catch (error) {
      if (error instanceof DomainError && error.code === 'validation') {
        reply.status(400);
        return render(request, reply, { values, blocks, errors: pageErrors(error.fields, blockOf) });
      }
      throw error;
    }
  });

  app.get('/refer/confirmation', { config: { auth: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const raw = request.cookies[RECEIPT_COOKIE];
    const unsigned = raw ? request.unsignCookie(raw) : undefined;
    if (!unsigned?.valid || !unsigned.value) return reply.redirect('/refer');
    return reply.page('contacts/refer-confirmation.njk', { pageTitle: 'Referral sent', reference: unsigned.value });
  });
}
