import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * CSRF tokens for every form: an HMAC of a per-session secret (or, before sign-in, a
 * per-browser cookie) under the server secret. Cookies are SameSite=Lax as a second wall.
 */
export const ANON_COOKIE = 'openmash_csrf';

export function csrfSeed(request: FastifyRequest, reply: FastifyReply, secure: boolean): string {
  if (request.session) return request.session.csrfSecret;
  const existing = request.cookies[ANON_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{20,64}$/.test(existing)) return existing;
  const fresh = randomBytes(24).toString('base64url');
  reply.setCookie(ANON_COOKIE, fresh, { path: '/', httpOnly: true, sameSite: 'lax', secure });
  request.cookies[ANON_COOKIE] = fresh;
  return fresh;
}

export const csrfToken = (serverSecret: string, seed: string): string => createHmac('sha256', serverSecret).update(seed).digest('base64url');

export function csrfValid(serverSecret: string, seed: string, submitted: unknown): boolean {
  if (typeof submitted !== 'string') return false;
  const expected = Buffer.from(csrfToken(serverSecret, seed));
  const given = Buffer.from(submitted);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
