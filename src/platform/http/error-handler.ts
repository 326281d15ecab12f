import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../errors';
import { problem, STATUS_FOR } from './problem';

const DB_DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08006', '08001', '08003']);

// 'not queryable': the rollback Kysely sends after a connection died mid-transaction fails with it
function isDatabaseDown(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (e.code !== undefined && DB_DOWN_CODES.has(e.code)) || /Connection terminated|timeout exceeded when trying to connect|not queryable/i.test(e.message ?? '');
}

/**
 * One error handler. Domain errors map to status and problem details (API) or an error page.
 * Anything unexpected is logged with the request id and shown as a bare 500; in production
 * its message is never shown, since it might carry personal data.
 */
export function createErrorHandler(options: { production: boolean }) {
  return function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
    const requestId = String(request.id);
    let status: number;
    let detail: string | undefined;
    let code: string | undefined;
    let fields: Array<{ field: string; text: string }> = [];

    if (error instanceof DomainError) {
      status = STATUS_FOR[error.code];
      detail = error.message;
      code = error.code;
      fields = error.fields;
    } else if (error.validation) {
      status = 400;
      code = 'validation';
      detail = 'The request does not match the schema';
      fields = error.validation.map((v) => ({
        field: (v.instancePath || `/${(v.params as { missingProperty?: string }).missingProperty ?? ''}`).replace(/^\//, '').replace(/\//g, '.') || 'body',
        text: v.message ?? 'is not valid',
      }));
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      status = error.statusCode;
      detail = status === 429 ? 'Too many attempts. Wait a minute and try again.' : error.message;
      code = status === 429 ? 'rate-limited' : undefined;
    } else if (isDatabaseDown(error)) {
      status = 503;
      code = 'unavailable';
      detail = 'The database is unavailable. Try again in a moment.';
      request.log.error({ err: { message: error.message, code: (error as { code?: string }).code } }, 'database unavailable');
    } else {
      status = 500;
      request.log.error({ err: error }, 'unexpected error');
      detail = options.production ? undefined : error.message;
    }

    if (request.isApi || !reply.page) {
      return reply.status(status).type('application/problem+json').send(problem(status, detail, { code, requestId, fields }));
    }
    if (status === 401) return reply.redirect('/sign-in');
    const title = status === 404 ? 'Page not found' : status === 403 ? 'You do not have access to this page' : status === 409 ? 'This record has changed' : status === 429 ? 'Too many attempts' : status === 503 ? 'Sorry, the service is unavailable' : status === 400 ? 'There is a problem' : 'Sorry, there is a problem with the service';
    return reply.status(status).page('error.njk', { pageTitle: title, message: detail ?? 'Try again later.', requestId });
  };
}
