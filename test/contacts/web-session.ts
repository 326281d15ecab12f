import type { Role } from '../../src/platform/access/roles';
import { TEST_PASSWORD, type TestContext } from '../harness';

/** A browser-like session for page tests: keeps cookies and the form's CSRF token. */
export interface WebSession {
  get(url: string): Promise<import('light-my-request').Response>;
  post(url: string, form: Record<string, string | string[]>): Promise<import('light-my-request').Response>;
  csrf: string;
}

export async function webSession(t: TestContext, role?: Role, which: 'hub' | 'other' = 'hub'): Promise<WebSession> {
  const jar = new Map<string, string>();
  const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const take = (res: { headers: Record<string, unknown> }) => {
    const set = res.headers['set-cookie'];
    for (const c of (Array.isArray(set) ? set : set ? [set] : []) as string[]) {
      const [kv] = c.split(';');
      const i = kv.indexOf('=');
      jar.set(kv.slice(0, i), kv.slice(i + 1));
    }
  };
  const tokenIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  const session: WebSession = {
    csrf: '',
    async get(url) {
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie: header() } });
      take(res);
      session.csrf = tokenIn(res.body) ?? session.csrf;
      return res;
    },
    async post(url, form) {
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries({ _csrf: session.csrf, ...form })) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
      const res = await t.app.inject({ method: 'POST', url, headers: { cookie: header(), 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
      take(res);
      session.csrf = tokenIn(res.body) ?? session.csrf;
      return res;
    },
  };
  if (role) {
    await session.get('/sign-in');
    const hub = which === 'hub' ? t.hub : t.otherHub;
    const res = await session.post('/sign-in', { email: hub.emails[role], password: TEST_PASSWORD });
    if (res.statusCode !== 302) throw new Error(`sign-in as ${role} failed: ${res.statusCode}`);
    await session.get('/');
  }
  return session;
}

/** the error summary's links: [href, text] */
export const errorLinks = (html: string): Array<[string, string]> =>
  [...html.matchAll(/<li>\s*<a href="(#[^"]+)">([^<]+)<\/a>\s*<\/li>/g)].map((m) => [m[1], m[2].trim()]);
