/**
 * Paths pino must never print: credentials, and anything a person typed. Requests are logged
 * by method and path only (see app.ts), never bodies or query strings.
 */
export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.totp',
  '*.email',
  '*.body',
  'body',
  'query',
];
