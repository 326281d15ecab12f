import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../composition';
import { validationError } from '../../../platform/errors';
import type { NavItem } from '../../../platform/http/navigation';
import type { AuditSearch } from '../audit-service';

export const auditNav: NavItem[] = [{ text: 'Audit', href: '/audit', permission: 'audit.read' }];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Search form values → a query. Dates are whole London days. Ids only: never names in the URL. */
export function parseAuditQuery(q: Record<string, string | undefined>): AuditSearch {
  const errors = [];
  if (q.from && !DATE.test(q.from)) errors.push({ field: 'from', text: 'Enter the start date as YYYY-MM-DD' });
  if (q.to && !DATE.test(q.to)) errors.push({ field: 'to', text: 'Enter the end date as YYYY-MM-DD' });
  if (q.recordId && !/^[0-9a-zA-Z-]{1,64}$/.test(q.recordId)) errors.push({ field: 'recordId', text: 'Enter a record reference (letters, digits and hyphens)' });
  if (errors.length) throw validationError(errors);
  const before = q.before ? Number.parseInt(q.before, 10) : undefined;
  return {
    recordType: q.recordType || undefined,
    recordId: q.recordId || undefined,
    actorUserId: q.actorUserId && /^[0-9a-f-]{36}$/.test(q.actorUserId) ? q.actorUserId : undefined,
    action: q.action || undefined,
    from: q.from ? new Date(`${q.from}T00:00:00Z`) : undefined,
    to: q.to ? new Date(new Date(`${q.to}T00:00:00Z`).getTime() + 86_400_000) : undefined,
    before: before && before > 0 ? before : undefined,
  };
}

export function registerAuditRoutes(app: FastifyInstance, services: Services) {
  app.get('/audit', { schema: { hide: true } }, async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    const searched = Object.keys(q).length > 0;
    let query: AuditSearch;
    try {
      query = parseAuditQuery(q);
    } catch (error) {
      return reply.status(400).page('audit/audit.njk', { pageTitle: 'Audit log', values: q, errors: (error as { fields: unknown }).fields, events: [] });
    }
    const result = await services.audit.search(request.actor!, request.auditContext, query);
    const params = new URLSearchParams(Object.entries(q).filter(([k, v]) => k !== 'before' && v) as Array<[string, string]>);
    if (result.nextBefore) params.set('before', String(result.nextBefore));
    return reply.page('audit/audit.njk', { pageTitle: 'Audit log', values: q, events: result.events, searched, nextHref: result.nextBefore ? `/audit?${params}` : undefined });
  });

  app.post('/audit/verify', { schema: { hide: true } }, async (request, reply) => {
    const result = await services.audit.verify(request.actor!, request.auditContext);
    return reply.page('audit/verify.njk', { pageTitle: result.ok ? 'Audit chain verified' : 'Audit chain broken', result });
  });
}
