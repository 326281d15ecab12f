import { sql } from 'kysely';
import type { Actor } from '../../platform/access/policy';
import type { PlatformDeps } from '../../platform/deps';
import type { RequestContext } from '../../platform/db/unit-of-work';
import { DomainError, requireId } from '../../platform/errors';

export interface NotificationView {
  id: string;
  kind: 'alert' | 'task';
  topic: string;
  message: string;
  recordType: string | null;
  recordId: string | null;
  dueAt: Date | null;
  createdAt: Date;
  readAt: Date | null;
  completedAt: Date | null;
}

/** A person's alerts and tasks: addressed to them, or to their role (in their agency). */
export function createTasksService(deps: PlatformDeps) {
  const { uow } = deps;
  type Tx = Parameters<Parameters<typeof uow.run>[2]>[0]['tx'];
  const mine = (tx: Tx, actor: Actor) =>
    tx
      .selectFrom('notification')
      .where('hub_id', '=', actor.hubId)
      .where((eb) =>
        eb.or([
          eb('user_id', '=', actor.userId),
          eb.and([eb('user_id', 'is', null), eb('role', '=', actor.role), eb.or([eb('agency_id', 'is', null), eb('agency_id', '=', actor.agencyId)])]),
        ]),
      );
  return {
    async listMine(actor: Actor, ctx: RequestContext, options: { includeDone?: boolean } = {}): Promise<NotificationView[]> {
      return uow.run(actor, ctx, async ({ tx, require, audit }) => {
        require('notification.read', { hubId: actor.hubId, agencyId: actor.agencyId });
        let q = mine(tx, actor).selectAll();
        if (!options.includeDone) q = q.where('completed_at', 'is', null);
        const rows = await q.orderBy(sql`due_at nulls last`).orderBy('created_at', 'desc').limit(200).execute();
        audit({ action: 'notification.list', recordType: 'notification', details: { count: rows.length } });
        return rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          topic: r.topic,
          message: r.message,
          recordType: r.record_type,
          recordId: r.record_id,
          dueAt: r.due_at,
          createdAt: r.created_at,
          readAt: r.read_at,
          completedAt: r.completed_at,
        }));
      });
    },

    async complete(actor: Actor, ctx: RequestContext, id: string): Promise<void> {
      id = requireId(id);
      await uow.run(actor, ctx, async ({ tx, require, audit, now }) => {
        // another's or another hub's task is refused by the policy (audited) and "not found", as an unknown id
        const any = await tx.selectFrom('notification').select('hub_id').where('id', '=', id).executeTakeFirst();
        const row = any ? await mine(tx, actor).select(['id', 'completed_at']).where('id', '=', id).executeTakeFirst() : undefined;
        require('notification.read', { hubId: any?.hub_id ?? '-', agencyId: actor.agencyId, addressedToActor: row !== undefined, recordType: 'notification', recordId: id }, { hide: true });
        if (!row) throw new DomainError('not-found', 'Not found');
        if (row.completed_at) return;
        await tx.updateTable('notification').set({ completed_at: now, completed_by: actor.userId, read_at: now }).where('id', '=', id).execute();
        audit({ action: 'notification.complete', recordType: 'notification', recordId: id });
      });
    },
  };
}

export type TasksService = ReturnType<typeof createTasksService>;
