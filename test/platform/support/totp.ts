import assert from 'node:assert/strict';
import { totpCode } from '../../../src/features/auth/totp';
import type { SystemClock } from '../../../src/platform/time/clock';
import type { WebClient } from '../../support/web-client';

/** The key shown on the set-up page, as a person would copy it into an authenticator app. */
export const secretOnPage = (html: string): string => {
  const m = /data-qa="totp-secret">([^<]+)</.exec(html);
  assert.ok(m, 'the set-up page shows the key');
  return m[1].replace(/\s+/g, '');
};

/** A code that is wrong now and in the steps either side (the verifier allows one step of drift). */
export function wrongCode(secret: string, now: Date): string {
  const near = new Set([-30_000, 0, 30_000].map((d) => totpCode(secret, new Date(now.getTime() + d))));
  for (let n = 123456; ; n = (n + 7919) % 1_000_000) {
    const code = String(n).padStart(6, '0');
    if (!near.has(code)) return code;
  }
}

/** Turns on the second factor through the set-up page; answers the secret. */
export async function setUpSecondFactor(client: WebClient, clock: SystemClock): Promise<string> {
  const page = await client.get('/sign-in/set-up-second-factor');
  assert.equal(page.statusCode, 200, 'the set-up page is shown');
  const secret = secretOnPage(page.body);
  const done = await client.post('/sign-in/set-up-second-factor', { code: totpCode(secret, clock.now()) });
  assert.equal(done.statusCode, 302, 'a right code turns the second factor on');
  assert.equal(done.headers.location, '/');
  return secret;
}
