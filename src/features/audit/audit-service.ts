import type { Actor } from '../../platform/access/policy';
import { verifyAuditChains, type VerifyResult } from '../../platform/audit/audit-verify';
import type { RequestContext, UnitOfWork } from '../../platform/db/unit-of-work';
import { validationError } from '../../platform/errors';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

export interface AuditSearch {
  recordType?: string;
  recordId?: string;
  actorUserId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  limit?: number;
  /** keyset paging: events older than this id */
  before?: number;
}

export interface AuditEventView {
  id: number;
  occurredAt: Date;
  actorUserId: string | null;
  actorName: string | null;
  actorRole: string | null;
  actorAgencyId: string | null;
  action: string;
  outcome: string;
  recordType: string | null;
  recordId: string | null;
  reason: string | null;
  requestId: string | null;
  sourceAddress: string | null;
  details: Record<string, unknown>;
}

/** Auditors answer "who has looked at this record" and check that the log is intact. */
export function createAuditService(deps: { uow: UnitOfWork; db: Kysely<DB> }) {
  const { uow, db } = deps;
  return {
    async search(actor: Actor, ctx: RequestContext, query: AuditSearch): Promise<{ events: AuditEventView[]; nextBefore?: number }> {
      return uow.run(actor, ctx, async ({ tx, require, audit }) => {
        require('audit.read', { hubId: actor.hubId });
        if (query.from && query.to && query.from > query.to) {
          throw validationError([{ field: 'to', text: 'The end date must be the same as or after the start date' }]);
        }
        const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
        let q = tx
          .selectFrom('audit_event')
          .leftJoin('app_user', 'app_user.id', 'audit_event.actor_user_id')
          .select([
            'audit_event.id',
            'audit_event.occurred_at',
            'audit_event.actor_user_id',
            'app_user.display_name as actor_name',
            'audit_event.actor_role',
            'audit_event.actor_agency_id',
            'audit_event.action',
            'audit_event.outcome',
            'audit_event.record_type',
            'audit_event.record_id',
            'audit_event.reason',
            'audit_event.request_id',
            'audit_event.source_address',
            'audit_event.details',
          ])
          .where('audit_event.hub_id', '=', actor.hubId);
        if (query.recordType) q = q.where('audit_event.record_type', '=', query.recordType);
        if (query.recordId) q = q.where('audit_event.record_id', '=', query.recordId);
        if (query.actorUserId) q = q.where('audit_event.actor_user_id', '=', query.actorUserId);
        if (query.action) q = q.where('audit_event.action', 'like', `${query.action.replace(/[%_]/g, '')}%`);
        if (query.from) q = q.where('audit_event.occurred_at', '>=', query.from);
        if (query.to) q = q.where('audit_event.occurred_at', '<', query.to);
        if (query.before) q = q.where('audit_event.id', '<', query.before);
        const rows = await q.orderBy('audit_event.id', 'desc').limit(limit + 1).execute();
        // searching the audit log is itself audited
        audit({ action: 'audit.search', recordType: query.recordType, recordId: query.recordId, details: { results: Math.min(rows.length, limit) } });
        const page = rows.slice(0, limit);
        return {
          events: page.map((r) => ({
            id: r.id,
            occurredAt: r.occurred_at,
            actorUserId: r.actor_user_id,
            actorName: r.actor_name,
            actorRole: r.actor_role,
            actorAgencyId: r.actor_agency_id,
            action: r.action,
            outcome: r.outcome,
            recordType: r.record_type,
            recordId: r.record_id,
            reason: r.reason,
            requestId: r.request_id,
            sourceAddress: r.source_address,
            details: (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as Record<string, unknown>,
          })),
          nextBefore: rows.length > limit ? page[page.length - 1].id : undefined,
        };
      });
    },

    /** Verifies the hub's chain; the result is audited on the chain it checked. */
    async verify(actor: Actor, ctx: RequestContext): Promise<VerifyResult> {
      await uow.run(actor, ctx, async ({ require }) => {
        require('audit.verify', { hubId: actor.hubId });
      });
      const result = await verifyAuditChains(db, actor.hubId);
      await uow.auditOnly(actor, ctx, [
        { action: 'audit.verify', outcome: result.ok ? 'succeeded' : 'failed', details: { events: result.events, firstBreak: result.firstBreak?.eventId ?? null } },
      ]);
      return result;
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
