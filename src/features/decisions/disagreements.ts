/** Disagreements between agencies, their escalation and resolution (PRODUCT C7; 000 §9; 002 §4.3.9-4.3.13). */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { hasPermission, type Actor } from '../../platform/access/policy';
import type { PlatformDeps } from '../../platform/deps';
import type { RequestContext } from '../../platform/db/unit-of-work';
import { DomainError, invalidState, isUuid, requireId, validationError, type FieldError } from '../../platform/errors';
import { escalateDisagreement, raiseDisagreement, resolveDisagreement, validatePath, type Disagreement, type EscalationLevel } from './domain/disagreement';
import { findDisagreement } from './decisions-repository';
import { hubClockSettings } from './hub-clocks';
import { agencyNames, conflict, contactHub, disagreementViews, hideFor } from './decisions-views';
import type { DisagreementView } from './decisions-views';

export interface RaiseDisagreementInput {
  contactId?: string;
  meetingId?: string;
  subject: string;
  description: string;
  withAgencyIds: string[];
  /** the agency raising it, when recorded for a partner; the actor's own agency otherwise */
  raisedByAgencyId?: string;
}

export function createDisagreementCommands(deps: Pick<PlatformDeps, 'uow'>) {
  const { uow } = deps;
  return {
    async listDisagreements(actor: Actor, ctx: RequestContext, options: { contactId?: string; openOnly?: boolean } = {}): Promise<DisagreementView[]> {
      return uow.run(actor, ctx, async ({ tx, require, audit }) => {
        require(readPermission(actor), { hubId: actor.hubId });
        const contactId = options.contactId ? requireId(options.contactId) : undefined;
        const views = await disagreementViews(tx, actor.hubId, { contactId, openOnly: options.openOnly });
        audit({ action: 'disagreement.list', recordType: 'disagreement', details: { count: views.length, ...(contactId ? { contactId } : {}) } });
        return views;
      });
    },

    async getDisagreement(actor: Actor, ctx: RequestContext, id: string): Promise<DisagreementView> {
      id = requireId(id);
      return uow.run(actor, ctx, async ({ tx, require, audit }) => {
        const found = await tx.selectFrom('disagreement').select(['hub_id']).where('id', '=', id).executeTakeFirst();
        require(readPermission(actor), { hubId: found?.hub_id ?? '-', recordType: 'disagreement', recordId: id }, hideFor(actor, readPermission(actor)));
        if (!found) throw new DomainError('not-found', 'Not found');
        audit({ action: 'disagreement.read', recordType: 'disagreement', recordId: id });
        return (await disagreementViews(tx, found.hub_id, { id }))[0];
      });
    },

    async raiseDisagreement(actor: Actor, ctx: RequestContext, input: RaiseDisagreementInput): Promise<DisagreementView> {
      return uow.run(actor, ctx, async ({ tx, require, audit, now }) => {
        require('disagreement.record', { hubId: actor.hubId });
        const errors: FieldError[] = [];
        const contactId = input.contactId ? (isUuid(input.contactId) ? input.contactId.toLowerCase() : undefined) : undefined;
        if (input.contactId) {
          const c = contactId ? await contactHub(tx, contactId) : undefined;
          // another hub's contact is not found, as any other record of theirs
          if (!c || c.hub_id !== actor.hubId) throw new DomainError('not-found', 'Not found');
        }
        const meetingId = input.meetingId ? (isUuid(input.meetingId) ? input.meetingId.toLowerCase() : undefined) : undefined;
        if (input.meetingId) {
          const m = meetingId ? await tx.selectFrom('meeting').select('hub_id').where('id', '=', meetingId).executeTakeFirst() : undefined;
          if (!m || m.hub_id !== actor.hubId) throw new DomainError('not-found', 'Not found');
        }
        const agencies = await agencyNames(tx, actor.hubId);
        const withIds = [...new Set((input.withAgencyIds ?? []).map((a) => a.toLowerCase()))];
        if (withIds.some((a) => !agencies.has(a))) errors.push({ field: 'withAgencyIds', text: 'Select agencies of this hub' });
        const raisedBy = input.raisedByAgencyId ? input.raisedByAgencyId.toLowerCase() : actor.agencyId;
        if (!agencies.has(raisedBy)) errors.push({ field: 'raisedByAgencyId', text: 'Select an agency of this hub' });
        if (errors.length > 0) throw validationError(errors);
        const hub = await hubClockSettings(tx, actor.hubId);
        const path = Array.isArray(hub.settings.escalationPath) && validatePath(hub.settings.escalationPath as EscalationLevel[]).length === 0 ? (hub.settings.escalationPath as EscalationLevel[]) : undefined;
        const id = randomUUID();
        // recorded by MASH staff on behalf of the agency raising it
        const d = raiseDisagreement(
          { id, hubId: actor.hubId, ...(contactId ? { contactId } : {}), ...(meetingId ? { meetingId } : {}), subject: input.subject as Disagreement['subject'], description: input.description ?? '', withAgencyIds: withIds, ...(path ? { path } : {}) },
          { ...actor, agencyId: raisedBy },
          now,
        );
        await tx
          .insertInto('disagreement')
          .values({
            id, hub_id: d.hubId, contact_id: d.contactId ?? null, meeting_id: d.meetingId ?? null, subject: d.subject, description: d.description,
            raised_by: actor.userId, raised_by_agency_id: d.raisedByAgencyId, with_agency_ids: d.withAgencyIds, path: d.path, level: d.level,
            status: 'open', resolution: null, resolved_at: null, resolved_by: null, raised_at: now,
          })
          .execute();
        await tx.insertInto('disagreement_step').values({ id: randomUUID(), hub_id: d.hubId, disagreement_id: id, seq: 1, level: d.level, at: now, by_user_id: actor.userId, reason: 'Raised' }).execute();
        audit({ action: 'disagreement.raise', recordType: 'disagreement', recordId: id, details: { contactId: d.contactId ?? null, meetingId: d.meetingId ?? null, subject: d.subject, level: d.level, raisedByAgencyId: d.raisedByAgencyId, withAgencyIds: d.withAgencyIds } });
        return (await disagreementViews(tx, actor.hubId, { id }))[0];
      });
    },

    async escalateDisagreement(actor: Actor, ctx: RequestContext, id: string, input: { version: number; toLevel?: string; reason: string }): Promise<DisagreementView> {
      id = requireId(id);
      return uow.run(actor, ctx, async ({ tx, require, audit, now }) => {
        const found = await findDisagreement(tx, id);
        require('disagreement.record', { hubId: found?.row.hub_id ?? '-', recordType: 'disagreement', recordId: id }, hideFor(actor, 'disagreement.record'));
        if (!found) throw new DomainError('not-found', 'Not found');
        if (found.row.version !== input.version) throw conflict('disagreement');
        const next = escalateDisagreement(found.disagreement, { ...(input.toLevel ? { toLevel: input.toLevel as EscalationLevel } : {}), reason: input.reason ?? '' }, actor, now);
        const step = next.steps[next.steps.length - 1];
        const updated = await tx.updateTable('disagreement').set({ level: next.level, version: sql`version + 1` }).where('id', '=', id).where('version', '=', input.version).executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) throw conflict('disagreement');
        await tx.insertInto('disagreement_step').values({ id: randomUUID(), hub_id: next.hubId, disagreement_id: id, seq: next.steps.length, level: step.level, at: now, by_user_id: actor.userId, reason: step.reason }).execute();
        audit({ action: 'disagreement.escalate', recordType: 'disagreement', recordId: id, details: { from: found.disagreement.level, to: next.level } });
        return (await disagreementViews(tx, next.hubId, { id }))[0];
      });
    },

    async resolveDisagreement(actor: Actor, ctx: RequestContext, id: string, input: { version: number; resolution: string }): Promise<DisagreementView> {
      id = requireId(id);
      return uow.run(actor, ctx, async ({ tx, require, audit, now }) => {
        const found = await findDisagreement(tx, id);
        require('disagreement.record', { hubId: found?.row.hub_id ?? '-', recordType: 'disagreement', recordId: id }, hideFor(actor, 'disagreement.record'));
        if (!found) throw new DomainError('not-found', 'Not found');
        if (found.row.version !== input.version) throw conflict('disagreement');
        const next = resolveDisagreement(found.disagreement, { resolution: input.resolution ?? '' }, actor, now);
        if (next.status !== 'resolved') throw invalidState('The disagreement could not be resolved');
        const updated = await tx
          .updateTable('disagreement')
          .set({ status: 'resolved', resolution: next.resolution, resolved_at: now, resolved_by: actor.userId, version: sql`version + 1` })
          .where('id', '=', id)
          .where('version', '=', input.version)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) throw conflict('disagreement');
        audit({ action: 'disagreement.resolve', recordType: 'disagreement', recordId: id, details: { level: next.level } });
        return (await disagreementViews(tx, next.hubId, { id }))[0];
      });
    },

  };
}

/** Who may read disagreements: those who record them, and auditors. */
const readPermission = (actor: Actor): 'disagreement.record' | 'audit.read' => (hasPermission(actor.role, 'disagreement.record') ? 'disagreement.record' : 'audit.read');

