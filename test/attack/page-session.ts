import { TEST_PASSWORD, type TestContext } from '../harness';
import type { Role } from '../../src/platform/access/roles';

/** Signs in through the sign-in page with fastify inject, keeping cookies, for page-level checks. */
export function createTestBrowserSession(t: TestContext, role: Role, which: 'hub' | 'other' = 'hub') {
  const cookies = new Map<string, string>();
  const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const keep = (res: { cookies: Array<{ name: string; value: string }> }) => {
    for (const c of res.cookies) {
      if (c.value === '') cookies.delete(c.name);
      else cookies.set(c.name, c.value);
    }
  };
  let signedIn = false;
  const csrfFrom = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const session = {
    async signIn() {
      const page = await t.app.inject({ method: 'GET', url: '/sign-in', headers: { cookie: cookieHeader() } });
      keep(page);
      const email = (which === 'hub' ? t.hub : t.otherHub).emails[role];
      const res = await t.app.inject({
        method: 'POST',
        url: '/sign-in',
        headers: { cookie: cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrfFrom(page.body), email, password: TEST_PASSWORD }).toString(),
      });
      keep(res);
      if (res.statusCode !== 302) throw new Error(`sign-in failed: ${res.statusCode}`);
      signedIn = true;
    },
    async get(url: string): Promise<string> {
      if (!signedIn) await session.signIn();
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie: cookieHeader() } });
      keep(res);
      return res.body;
    },
    async getResponse(url: string) {
      if (!signedIn) await session.signIn();
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie: cookieHeader() } });
      keep(res);
      return res;
    },
    /** posts a form with the page's CSRF token (taken from `formPage`) */
    async post(url: string, form: Record<string, string | string[]>, formPage = url) {
      if (!signedIn) await session.signIn();
      const html = await session.get(formPage);
      const body = new URLSearchParams();
      body.append('_csrf', csrfFrom(html));
      for (const [k, v] of Object.entries(form)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
      const res = await t.app.inject({ method: 'POST', url, headers: { cookie: cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
      keep(res);
      return res;
    },
  };
  return session;
}
