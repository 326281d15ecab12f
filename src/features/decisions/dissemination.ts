/**
 * Originating agencies' permissions and dissemination outside the MASH (000 §3; ISA 1.61;
 * 004 §7.1.4): nothing an agency provided leaves without its recorded permission.
 */
import { randomUUID } from 'node:crypto';
import { hasPermission, type Actor } from '../../platform/access/policy';
import type { PlatformDeps } from '../../platform/deps';
import type { RequestContext, Work } from '../../platform/db/unit-of-work';
import { DomainError, invalidState, isUuid, requireId, validationError, type FieldError } from '../../platform/errors';
import { queueEmail } from '../../platform/notifications/notify';
import { loadChecksContact } from '../checks/checks-contact';
import { checksInTransaction } from '../checks/checks-service';
import { latestFor } from '../consent/domain/consent-position';
import type { LegalBasis } from '../enquiries/domain/legal-basis';
import { recordDisclosure, type DisclosureMethod } from './domain/disclosure';
import { checkDissemination, recordPermission, type DisseminationPermission, type PermissionPurpose } from './domain/dissemination';
import { listContactItems, listPermissionRows, toPermission, type ContactItem } from './decisions-repository';
import { hubSecureDomains, writeLedgerEntry } from './disclosure-ledger';
import { agencyNames, contactHub, hideFor, permissionViews } from './decisions-views';
import type { ItemView, PermissionView } from './decisions-views';

export interface RecordPermissionInput {
  originAgencyId: string;
  recipientAgencyId?: string;
  recipientName?: string;
  /** the items permitted; absent: every item of the agency except held-back ones */
  itemIds?: string[];
  purpose: string;
  grantedByName: string;
  grantedAt: Date;
}

export interface PermissionForm {
  contact: { id: string; reference: string };
  /** the only agency the caller may record for (a partner practitioner's own); null: any (the decision maker) */
  originAgencyId: string | null;
  items: ItemView[];
}

export const DISSEMINATION_CHANNELS = {
  'referral-on': 'Referral on to a service',
  export: 'Export',
  letter: 'Letter',
  'secure-email': 'Secure email',
} as const;
export type DisseminationChannel = keyof typeof DISSEMINATION_CHANNELS;

export const CONSENT_BASES = {
  consent: 'With consent',
  override: 'Without consent: recorded override in the public interest',
  'not-required': 'Consent not required (statutory duty)',
} as const;

export interface DisseminateInput {
  channel: string;
  recipientAgencyId?: string;
  recipientName?: string;
  recipientEmail?: string;
  /** response items included; [] when only the hub's own information goes */
  itemIds: string[];
  /** contact_subject ids whose information it is */
  subjectIds: string[];
  what: string;
  purpose: string;
  legalBases: string[];
  consentBasis: string;
}

export function createDisseminationCommands(deps: Pick<PlatformDeps, 'uow'>) {
  const { uow } = deps;
  return {
    async listPermissions(actor: Actor, ctx: RequestContext, contactId: string): Promise<PermissionView[]> {
      contactId = requireId(contactId);
      return uow.run(actor, ctx, async ({ tx, require, audit }) => {
        const c = await contactHub(tx, contactId);
        if (hasPermission(actor.role, 'disclosure.record') || hasPermission(actor.role, 'disclosure.read')) {
          require(hasPermission(actor.role, 'disclosure.record') ? 'disclosure.record' : 'disclosure.read', { hubId: c?.hub_id ?? '-', recordType: 'contact', recordId: contactId }, { hide: true });
        } else {
          // a partner agency sees the permissions it gave, on contacts it was asked about
          await requireAsked(tx, require, actor, c?.hub_id ?? '-', contactId);
        }
        if (!c) throw new DomainError('not-found', 'Not found');
        let views = await permissionViews(tx, c.hub_id, contactId);
        if (!hasPermission(actor.role, 'disclosure.record') && !hasPermission(actor.role, 'disclosure.read')) views = views.filter((p) => p.originAgencyId === actor.agencyId);
        audit({ action: 'dissemination-permission.list', recordType: 'contact', recordId: contactId, details: { count: views.length } });
        return views;
      });
    },

    /**
     * What the permission form shows: the contact's reference and the information the caller may
     * name in a permission — every agency's for the decision maker, a partner practitioner's own
     * agency's only (on a contact their agency was asked about). Nothing else of the contact.
     */
    async permissionForm(actor: Actor, ctx: RequestContext, contactId: string): Promise<PermissionForm> {
      contactId = requireId(contactId);
      return uow.run(actor, ctx, async ({ tx, require, audit }) => {
        const c = await contactHub(tx, contactId);
        const onTheirWord = hasPermission(actor.role, 'disclosure.record');
        await requirePermitter(tx, require, actor, c?.hub_id ?? '-', onTheirWord ? '' : actor.agencyId, contactId);
        if (!c) throw new DomainError('not-found', 'Not found');
        const items = (await listContactItems(tx, c.hub_id, contactId)).filter((i) => onTheirWord || i.originAgencyId === actor.agencyId);
        audit({ action: 'dissemination-permission.read', recordType: 'contact', recordId: contactId, details: { items: items.length } });
        return {
          contact: { id: c.id, reference: c.reference },
          originAgencyId: onTheirWord ? null : actor.agencyId,
          items: items.map((i) => ({ itemId: i.itemId, originAgencyId: i.originAgencyId, agencyName: i.agencyName, kind: i.kind, text: i.text, heldBack: i.heldBack })),
        };
      });
    },

    /**
     * Records the originating agency's permission to pass its information outside the MASH, for
     * one recipient and purpose. The agency's own practitioner records it, or the decision maker
     * on their word (the person who agreed is named).
     */
    async recordPermission(actor: Actor, ctx: RequestContext, contactId: string, input: RecordPermissionInput): Promise<PermissionView> {
      contactId = requireId(contactId);
      return uow.run(actor, ctx, async ({ tx, require, audit, now }) => {
        const c = await contactHub(tx, contactId);
        const origin = isUuid(input.originAgencyId) ? input.originAgencyId.toLowerCase() : '';
        await requirePermitter(tx, require, actor, c?.hub_id ?? '-', origin, contactId);
        if (!c) throw new DomainError('not-found', 'Not found');
        const agencies = await agencyNames(tx, c.hub_id);
        const errors: FieldError[] = [];
        if (!agencies.has(origin)) errors.push({ field: 'originAgencyId', text: 'Select the agency that provided the information' });
        const recipientAgencyId = input.recipientAgencyId && isUuid(input.recipientAgencyId) ? input.recipientAgencyId.toLowerCase() : undefined;
        if (input.recipientAgencyId && (!recipientAgencyId || !agencies.has(recipientAgencyId))) errors.push({ field: 'recipientAgencyId', text: 'Select an agency of this hub' });
        if (recipientAgencyId && recipientAgencyId === origin) errors.push({ field: 'recipientAgencyId', text: 'An agency needs no permission to use its own information' });
        const recipientName = recipientAgencyId ? agencies.get(recipientAgencyId) ?? '' : input.recipientName?.trim() ?? '';
        const items = (await listContactItems(tx, c.hub_id, contactId)).filter((i) => i.originAgencyId === origin);
        const itemIds = input.itemIds === undefined ? undefined : [...new Set(input.itemIds.map((i) => i.toLowerCase()))];
        if (itemIds?.some((i) => !items.some((x) => x.itemId === i))) errors.push({ field: 'itemIds', text: 'Select information this agency provided on this contact' });
        if (errors.length > 0) throw validationError(errors);
        const id = randomUUID();
        const p = recordPermission(
          {
            id,
            hubId: c.hub_id,
            contactId,
            originAgencyId: origin,
            recipient: { ...(recipientAgencyId ? { agencyId: recipientAgencyId } : {}), name: recipientName },
            ...(itemIds ? { itemIds } : {}),
            purpose: input.purpose as PermissionPurpose,
            grantedByName: input.grantedByName ?? '',
            grantedAt: input.grantedAt,
          },
          actor,
          now,
        );
        await tx
          .insertInto('dissemination_permission')
          .values({
            id, hub_id: c.hub_id, contact_id: contactId, origin_agency_id: origin, recipient_agency_id: recipientAgencyId ?? null, recipient_name: p.recipient.name.trim(),
            item_ids: p.itemIds ?? null, purpose: p.purpose, granted_by_name: p.grantedByName, granted_at: p.grantedAt, recorded_by: actor.userId, recorded_at: now, revoked_at: null, revoked_by: null,
          })
          .execute();
        audit({ action: 'dissemination-permission.record', recordType: 'contact', recordId: contactId, details: { permissionId: id, originAgencyId: origin, recipientAgencyId: recipientAgencyId ?? null, items: itemIds?.length ?? 'all-shareable', purpose: p.purpose } });
        return (await permissionViews(tx, c.hub_id, contactId)).find((v) => v.id === id)!;
      });
    },

    async revokePermission(actor: Actor, ctx: RequestContext, permissionId: string): Promise<PermissionView> {
      permissionId = requireId(permissionId);
      return uow.run(actor, ctx, async ({ tx, require, audit, now }) => {
        const row = await tx.selectFrom('dissemination_permission').selectAll().where('id', '=', permissionId).executeTakeFirst();
        await requirePermitter(tx, require, actor, row?.hub_id ?? '-', row?.origin_agency_id ?? '', row?.contact_id ?? permissionId);
        if (!row) throw new DomainError('not-found', 'Not found');
        if (row.revoked_at) throw invalidState('The permission has already been withdrawn');
        await tx.updateTable('dissemination_permission').set({ revoked_at: now, revoked_by: actor.userId }).where('id', '=', permissionId).where('revoked_at', 'is', null).execute();
        audit({ action: 'dissemination-permission.revoke', recordType: 'contact', recordId: row.contact_id, details: { permissionId } });
        return (await permissionViews(tx, row.hub_id, row.contact_id)).find((v) => v.id === permissionId)!;
      });
    },

    /**
     * Passes information outside the MASH — a referral on, an export, a letter, a secure email —
     * refusing (`forbidden`, with the items as fields) when an included item lacks its
     * originating agency's permission for this recipient. Each disclosure is written to the
     * ledger; a refusal is audited. Returns the document to send (and queues a secure email).
     */
    async disseminate(actor: Actor, ctx: RequestContext, contactId: string, input: DisseminateInput): Promise<{ disclosureId: string; document: string; queued: boolean }> {
      contactId = requireId(contactId);
      try {
        return await uow.run(actor, ctx, async (work) => {
          const { tx, require, audit, now } = work;
          const contact = await loadChecksContact(work, contactId);
          require('disclosure.record', { hubId: contact.hubId, recordType: 'contact', recordId: contact.id });
          const errors: FieldError[] = [];
          if (!(input.channel in DISSEMINATION_CHANNELS)) errors.push({ field: 'channel', text: 'Select how the information leaves the MASH' });
          if (!(input.consentBasis in CONSENT_BASES)) errors.push({ field: 'consentBasis', text: 'Select the consent basis' });
          const agencies = await agencyNames(tx, contact.hubId);
          const recipientAgencyId = input.recipientAgencyId && isUuid(input.recipientAgencyId) ? input.recipientAgencyId.toLowerCase() : undefined;
          if (input.recipientAgencyId && (!recipientAgencyId || !agencies.has(recipientAgencyId))) errors.push({ field: 'recipientAgencyId', text: 'Select an agency of this hub' });
          const recipientName = recipientAgencyId ? agencies.get(recipientAgencyId) ?? '' : input.recipientName?.trim() ?? '';
          const all = await listContactItems(tx, contact.hubId, contact.id);
          const itemIds = [...new Set((input.itemIds ?? []).map((i) => i.toLowerCase()))];
          const items: ContactItem[] = [];
          for (const [i, itemId] of itemIds.entries()) {
            const found = all.find((x) => x.itemId === itemId);
            if (!found) errors.push({ field: `items[${i}]`, text: 'Select information held on this contact' });
            else items.push(found);
          }
          const subjectIds = [...new Set((input.subjectIds ?? []).map((s) => s.toLowerCase()))];
          const subjects = contact.subjects.filter((s) => subjectIds.includes(s.id));
          if (subjects.length !== subjectIds.length) errors.push({ field: 'personIds', text: 'Select people named in this contact' });
          if (input.consentBasis === 'consent') {
            const consents = await checksInTransaction.loadContactConsents(tx, contact.hubId, contact.id);
            for (const [i, s] of subjects.entries()) {
              if (latestFor(consents, contact.id, s.id)?.status !== 'given') errors.push({ field: `personIds[${i}]`, text: `There is no consent for ${s.name} to rely on` });
            }
          }
          if (input.consentBasis === 'override') {
            const override = await tx.selectFrom('consent_override').select('id').where('hub_id', '=', contact.hubId).where('contact_id', '=', contact.id).executeTakeFirst();
            if (!override) errors.push({ field: 'consentBasis', text: 'No override of consent has been authorised on this contact' });
          }
          const legalBases = (input.legalBases ?? []).filter((b) => b !== '');
          const permissions: DisseminationPermission[] = (await listPermissionRows(tx, contact.hubId, contact.id)).map(toPermission);
          const domains = await hubSecureDomains(tx, contact.hubId);
          const method: DisclosureMethod = input.channel === 'secure-email' ? 'secure-email' : input.channel === 'letter' ? 'letter' : 'openmash';
          let entry: ReturnType<typeof recordDisclosure>;
          try {
            entry = recordDisclosure(
              {
                id: randomUUID(),
                hubId: contact.hubId,
                contactId: contact.id,
                personIds: subjectIds,
                what: input.what ?? '',
                recipient: { ...(recipientAgencyId ? { agencyId: recipientAgencyId } : {}), name: recipientName, ...(input.recipientEmail ? { email: input.recipientEmail.trim() } : {}) },
                purpose: input.purpose ?? '',
                legalBases: legalBases as LegalBasis[],
                method,
              },
              { approvedDomains: domains, items, permissions },
              actor,
              now,
            );
          } catch (error) {
            if (error instanceof DomainError && error.code === 'validation') throw validationError(mergeFields(errors, error.fields));
            throw error;
          }
          if (errors.length > 0) throw validationError(errors);
          const target = { recipient: entry.recipient, disseminatingAgencyId: actor.agencyId };
          const document = [
            `${DISSEMINATION_CHANNELS[input.channel as DisseminationChannel]} from the MASH about contact ${contact.reference}`,
            `To: ${recipientName}`,
            `What: ${entry.what}`,
            `Why: ${entry.purpose}`,
            ...items.map((i) => `${i.agencyName} (${i.kind === 'fact' ? 'fact' : 'opinion'}): ${i.text}`),
          ].join('\n\n');
          let queued = false;
          if (input.channel === 'secure-email') {
            const q = await queueEmail(tx, { hubId: contact.hubId, to: input.recipientEmail!.trim(), subject: `Information from the MASH about contact ${contact.reference}`, body: document, approvedDomains: domains, recordType: 'contact', recordId: contact.id }, now);
            if (q.status !== 'pending') throw validationError([{ field: 'recipient.email', text: 'Email can only go to an approved secure domain' }]);
            queued = true;
          }
          const disclosureId = await writeLedgerEntry(tx, {
            hubId: contact.hubId,
            contactId: contact.id,
            personIds: subjects.map((s) => s.personId).filter((p): p is string => p !== null),
            recipientKind: recipientAgencyId ? 'agency' : 'service',
            recipientAgencyId: recipientAgencyId ?? null,
            recipientName,
            recipientEmail: input.channel === 'secure-email' ? input.recipientEmail!.trim().toLowerCase() : null,
            channel: input.channel,
            shared: true,
            what: entry.what,
            purpose: entry.purpose,
            legalBases: entry.legalBases,
            consentBasis: input.consentBasis as 'consent' | 'override' | 'not-required',
            items: items.map((i) => {
              const check = checkDissemination([i], permissions, target);
              return { responseId: i.responseId, itemId: i.itemId, originAgencyId: i.originAgencyId, ...(check.permitted && check.permissionIds[0] ? { permissionId: check.permissionIds[0] } : {}) };
            }),
            decidedBy: actor.userId,
            decidedAt: now,
            sourceType: 'dissemination',
            sourceId: entry.id,
          });
          audit({ action: 'disclosure.record', recordType: 'contact', recordId: contact.id, details: { disclosureId, channel: input.channel, items: items.length, permissions: entry.permissionIds, recipientAgencyId: recipientAgencyId ?? null, queued } });
          return { disclosureId, document, queued };
        });
      } catch (error) {
        // a share refused for want of permission is recorded, though nothing left the MASH
        if (error instanceof DomainError && error.code === 'forbidden' && error.fields.length > 0) {
          await uow.auditOnly(actor, ctx, [{ action: 'disclosure.refused', outcome: 'refused', recordType: 'contact', recordId: contactId, details: { channel: input.channel, missing: error.fields.length } }]);
        }
        throw error;
      }
    },

  };
}

/**
 * The decision maker records permissions on an agency's word; a partner practitioner for their
 * own agency only, and only on a contact their agency was asked about (need-to-know, C11).
 */
async function requirePermitter(tx: Work['tx'], require: Work['require'], actor: Actor, hubId: string, originAgencyId: string, contactId: string): Promise<void> {
  if (hasPermission(actor.role, 'disclosure.record')) {
    require('disclosure.record', { hubId, recordType: 'contact', recordId: contactId }, { hide: true });
    return;
  }
  // asked first: a contact the agency was never asked about is "not found", whatever the origin named
  await requireAsked(tx, require, actor, hubId, contactId);
  require('enquiry.respond', { hubId, agencyId: originAgencyId || '-', recordType: 'contact', recordId: contactId }, hideFor(actor, 'enquiry.respond'));
}

/** A partner practitioner reaches a contact only through an information request to their agency (audited refusal, "not found"). */
async function requireAsked(tx: Work['tx'], require: Work['require'], actor: Actor, hubId: string, contactId: string): Promise<void> {
  const asked =
    hubId === actor.hubId
      ? await tx.selectFrom('enquiry').select('agency_id').where('contact_id', '=', contactId).where('agency_id', '=', actor.agencyId).executeTakeFirst()
      : undefined;
  require('enquiry.respond', { hubId, enquiryAgencyIds: asked ? [asked.agency_id] : [], recordType: 'contact', recordId: contactId }, hideFor(actor, 'enquiry.respond'));
}

function mergeFields(a: readonly FieldError[], b: readonly FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return [...a, ...b].filter((f) => (seen.has(f.field + f.text) ? false : (seen.add(f.field + f.text), true)));
}

