import type { FastifyInstance } from 'fastify';
import type { Response } from 'light-my-request';
import type { Role } from '../../src/platform/access/roles';
import { TEST_PASSWORD, type TestContext } from '../harness';

export const SESSION_COOKIE = 'openmash_session';

/** A form as a browser sends it: a list posts the field once per value (checkboxes); `null` leaves the field out. */
export type FormFields = Record<string, string | readonly string[] | null>;

/**
 * A browser in miniature for `app.inject`: keeps cookies between requests and remembers the
 * CSRF token of the last page it saw, so tests post forms the way a person would.
 */
export class WebClient {
  readonly cookies = new Map<string, string>();
  csrf: string | undefined;

  constructor(
    private readonly app: FastifyInstance,
    private readonly headers: Record<string, string> = {},
  ) {}

  /**
   * Signs in through the sign-in page as the demo hub's user with `role` (of the other hub with
   * `hub: 'other'`); throws unless it worked. `landOn` opens a page after, as a person lands on
   * one; that also picks up the session's CSRF token, which differs from the sign-in page's.
   */
  static async signedInAs(t: TestContext, role: Role, options: { hub?: 'hub' | 'other'; landOn?: string } = {}): Promise<WebClient> {
    const client = new WebClient(t.app);
    const res = await client.signIn((options.hub === 'other' ? t.otherHub : t.hub).emails[role], TEST_PASSWORD);
    if (res.statusCode !== 302) throw new Error(`sign-in as ${role} answered ${res.statusCode}`);
    if (options.landOn) await client.get(options.landOn);
    return client;
  }

  get signedIn(): boolean {
    return this.cookies.has(SESSION_COOKIE);
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.send('GET', url, undefined, headers);
  }

  /** Posts a form; the last seen CSRF token is added unless the form sets `_csrf` itself (or `null` to leave it out). */
  async post(url: string, form: FormFields = {}, headers: Record<string, string> = {}): Promise<Response> {
    const body = new URLSearchParams();
    if (!('_csrf' in form) && this.csrf) body.append('_csrf', this.csrf);
    for (const [k, v] of Object.entries(form)) if (v !== null) for (const one of typeof v === 'string' ? [v] : v) body.append(k, one);
    return this.send('POST', url, body.toString(), headers);
  }

  /** Fetches the page first (as a person would) for its CSRF token, then posts the form. */
  async submit(pageUrl: string, form: FormFields, action = pageUrl): Promise<Response> {
    const page = await this.get(pageUrl);
    if (page.statusCode !== 200) throw new Error(`GET ${pageUrl} answered ${page.statusCode}`);
    return this.post(action, form);
  }

  /** GET /sign-in then POST the form. Answers the POST (302 when it worked). */
  async signIn(email: string, password: string, headers: Record<string, string> = {}): Promise<Response> {
    await this.get('/sign-in');
    return this.post('/sign-in', { email, password }, headers);
  }

  async signOut(): Promise<Response> {
    await this.get('/');
    return this.post('/sign-out');
  }

  private async send(method: 'GET' | 'POST', url: string, payload: string | undefined, headers: Record<string, string>): Promise<Response> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await this.app.inject({
      method,
      url,
      payload,
      headers: {
        ...this.headers,
        ...(cookie ? { cookie } : {}),
        ...(payload !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...headers,
      },
    });
    for (const c of res.cookies as Array<{ name: string; value: string; expires?: Date; maxAge?: number }>) {
      const cleared = c.value === '' || c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() <= Date.now());
      if (cleared) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const token = csrfIn(res.body);
    if (token) this.csrf = token;
    return res;
  }
}

export const csrfIn = (html: string): string | undefined => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

/** The text of the GOV.UK error summary's items, in order, each as `field-id: text`. */
export function errorSummary(html: string): string[] {
  const summary = /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  return [...summary.matchAll(/<a href="#([^"]+)">([^<]*)<\/a>/g)].map((m) => `${m[1]}: ${decode(m[2].trim())}`);
}

/** The error summary's links as [href, text], text not decoded. */
export const errorLinks = (html: string): Array<[string, string]> =>
  [...html.matchAll(/<li>\s*<a href="(#[^"]+)">([^<]+)<\/a>\s*<\/li>/g)].map((m) => [m[1], m[2].trim()]);

/** The inline error message of one field (GOV.UK `govuk-error-message`), if shown. */
export function fieldErrorOf(html: string, field: string): string | undefined {
  const m = new RegExp(`<p id="${field}-error" class="govuk-error-message">\\s*<span class="govuk-visually-hidden">Error:</span>([^<]*)</p>`).exec(html);
  return m ? decode(m[1].trim()) : undefined;
}

export const decode = (s: string): string =>
  s.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export const h1Of = (html: string): string | undefined => {
  const m = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html);
  return m ? decode(m[1].replace(/<[^>]+>/g, '').trim()) : undefined;
};
