/**
 * A small keep-alive HTTP client for load: node:http with one socket per concurrent client,
 * so that connection set-up is not what gets measured.
 */
import http from 'node:http';

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export class HttpClient {
  private readonly agent: http.Agent;
  private readonly url: URL;

  constructor(baseUrl: string, maxSockets = 64) {
    this.url = new URL(baseUrl);
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  request(method: string, path: string, options: { headers?: Record<string, string>; body?: string } = {}): Promise<HttpResponse> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent: this.agent,
          host: this.url.hostname,
          port: this.url.port,
          method,
          path,
          headers: { ...(options.body !== undefined ? { 'content-length': Buffer.byteLength(options.body) } : {}), ...options.headers },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.setTimeout(60_000, () => req.destroy(new Error('request timed out')));
      if (options.body !== undefined) req.write(options.body);
      req.end();
    });
  }

  json(method: string, path: string, token: string | undefined, body?: unknown): Promise<HttpResponse> {
    return this.request(method, path, {
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  }

  async token(email: string, password: string): Promise<string> {
    const res = await this.json('POST', '/api/v1/auth/token', undefined, { email, password });
    if (res.status !== 200) throw new Error(`sign-in for ${email} failed: ${res.status} ${res.body.slice(0, 200)}`);
    return (JSON.parse(res.body) as { access_token: string }).access_token;
  }

  /** Sign in through the web form; returns the session cookie header to send with page requests. */
  async webSession(email: string, password: string): Promise<string> {
    const page = await this.request('GET', '/sign-in');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    const anon = cookies(page.headers).find((c) => c.startsWith('openmash_csrf='));
    if (!csrf || !anon) throw new Error('the sign-in page gave no CSRF token');
    const form = new URLSearchParams({ _csrf: csrf, email, password }).toString();
    const res = await this.request('POST', '/sign-in', { headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: anon }, body: form });
    const session = cookies(res.headers).find((c) => c.startsWith('openmash_session='));
    if (res.status >= 400 || !session) throw new Error(`web sign-in for ${email} failed: ${res.status}`);
    return session;
  }

  close() {
    this.agent.destroy();
  }
}

function cookies(headers: http.IncomingHttpHeaders): string[] {
  return (headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);
}
