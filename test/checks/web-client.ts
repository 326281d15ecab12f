import type { FastifyInstance } from 'fastify';
import type { Response } from 'light-my-request';
import { TEST_PASSWORD } from '../harness';

/** A browser in miniature for `app.inject` that can post repeated fields (checkboxes). */
export class FormClient {
  readonly cookies = new Map<string, string>();
  csrf: string | undefined;
  constructor(private readonly app: FastifyInstance) {}

  static async signedIn(app: FastifyInstance, email: string): Promise<FormClient> {
    const c = new FormClient(app);
    await c.get('/sign-in');
    const res = await c.post('/sign-in', { email, password: TEST_PASSWORD });
    if (res.statusCode !== 302) throw new Error(`sign-in answered ${res.statusCode}`);
    return c;
  }

  get(url: string): Promise<Response> {
    return this.send('GET', url);
  }

  post(url: string, form: Record<string, string | string[]>): Promise<Response> {
    const params = new URLSearchParams();
    if (this.csrf && !('_csrf' in form)) params.append('_csrf', this.csrf);
    for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
    return this.send('POST', url, params.toString());
  }

  /** GET the page (for its CSRF token), then post the form to it. */
  async submit(url: string, form: Record<string, string | string[]>): Promise<Response> {
    const page = await this.get(url);
    if (page.statusCode !== 200) throw new Error(`GET ${url} answered ${page.statusCode}`);
    return this.post(url, form);
  }

  private async send(method: 'GET' | 'POST', url: string, payload?: string): Promise<Response> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await this.app.inject({
      method,
      url,
      payload,
      headers: { ...(cookie ? { cookie } : {}), ...(payload !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    });
    for (const c of res.cookies as Array<{ name: string; value: string; maxAge?: number }>) {
      if (c.value === '' || c.maxAge === 0) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
    if (token) this.csrf = token;
    return res;
  }
}
