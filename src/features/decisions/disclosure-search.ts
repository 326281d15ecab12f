/** The disclosure ledger search: what was shared about a family, with whom and why (PRODUCT C11). */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { Actor } from '../../platform/access/policy';
import type { PlatformDeps } from '../../platform/deps';
import type { RequestContext } from '../../platform/db/unit-of-work';
import { DomainError, requireId, validationError } from '../../platform/errors';
import { isLegalBasis, LEGAL_BASES } from '../enquiries/domain/legal-basis';
import { contactHub } from './decisions-views';
import type { DisclosureSearchResult } from './decisions-views';
import { linkedPersonIds } from './disclosure-ledger';

type Tx = Transaction<DB>;

export const RECIPIENT_KIND_LABELS: Record<string, string> = {
  agency: 'Partner agency',
  referrer: 'Referrer',
  service: 'Service outside the MASH',
  'data-subject': 'The person',
  other: 'Other',
};

export const CHANNEL_LABELS: Record<string, string> = {
  enquiry: 'Information request',
  feedback: 'Feedback to the referrer',
  'referral-on': 'Referral on',
  export: 'Export',
  letter: 'Letter',
  'secure-email': 'Secure email',
  meeting: 'Meeting minutes',
};

export function createDisclosureSearch(deps: Pick<PlatformDeps, 'uow'>) {
  const { uow } = deps;
  return {
    /**
     * "What have we shared about this family, with whom, and why": the ledger entries of a
     * contact, or of a person, with their family — the people named in the same contacts and
     * their relatives recorded in the person index — across every contact the family is named in.
     */
    async searchDisclosures(actor: Actor, ctx: RequestContext, query: { contactId?: string; personId?: string; contactReference?: string }): Promise<DisclosureSearchResult> {
      return uow.run(actor, ctx, async ({ tx, require, audit }) => {
        require('disclosure.read', { hubId: actor.hubId });
        const hubId = actor.hubId;
        let contactId = query.contactId;
        if (!contactId && query.contactReference) {
          const ref = query.contactReference.trim();
          const c = ref ? await tx.selectFrom('contact').select('id').where('hub_id', '=', hubId).where(sql`lower(reference)`, '=', ref.toLowerCase()).executeTakeFirst() : undefined;
          if (!c) throw validationError([{ field: 'reference', text: ref ? 'There is no contact with that reference in this hub' : 'Enter a contact reference' }]);
          contactId = c.id;
        }
        if (!contactId && !query.personId) throw validationError([{ field: 'reference', text: 'Enter a contact reference' }]);
        const seedContacts: string[] = [];
        const seedPersons: string[] = [];
        if (contactId) {
          contactId = requireId(contactId);
          const c = await contactHub(tx, contactId);
          // another hub's or an unknown contact: refused by the policy (audited), "not found"
          require('disclosure.read', { hubId: c?.hub_id ?? '-', recordType: 'contact', recordId: contactId }, { hide: true });
          seedContacts.push(contactId);
          seedPersons.push(...(await linkedPersonIds(tx, hubId, contactId)));
        }
        if (query.personId) {
          const personId = requireId(query.personId);
          const person = await tx.selectFrom('person').select('hub_id').where('id', '=', personId).executeTakeFirst();
          require('disclosure.read', { hubId: person?.hub_id ?? '-', recordType: 'person', recordId: personId }, { hide: true });
          seedPersons.push(personId);
        }
        const family = await familyOf(tx, hubId, seedPersons);
        const personIds = [...new Set([...seedPersons, ...family])];
        // every contact the family is named in
        const linked = personIds.length
          ? await tx.selectFrom('contact_subject').select('contact_id').distinct().where('hub_id', '=', hubId).where('person_id', 'in', personIds).execute()
          : [];
        const contactIds = [...new Set([...seedContacts, ...linked.map((l) => l.contact_id)])];
        if (contactIds.length === 0 && personIds.length === 0) throw new DomainError('not-found', 'Not found');
        const rows = await tx
          .selectFrom('disclosure')
          .leftJoin('contact', 'contact.id', 'disclosure.contact_id')
          .leftJoin('app_user', 'app_user.id', 'disclosure.decided_by')
          .selectAll('disclosure')
          .select(['contact.reference as contact_reference', 'app_user.display_name as decided_by_name'])
          .where('disclosure.hub_id', '=', hubId)
          .where((eb) => {
            const ors = [];
            if (contactIds.length) ors.push(eb('disclosure.contact_id', 'in', contactIds));
            if (personIds.length) ors.push(sql<boolean>`disclosure.person_ids && ${sql.val(personIds)}::uuid[]`);
            return eb.or(ors);
          })
          .orderBy('disclosure.decided_at', 'desc')
          .limit(1000)
          .execute();
        const refs = contactIds.length ? await tx.selectFrom('contact').select(['id', 'reference']).where('id', 'in', contactIds).execute() : [];
        audit({
          action: 'disclosure.search',
          recordType: contactId ? 'contact' : 'person',
          recordId: contactId ?? query.personId,
          details: { contacts: contactIds.length, persons: personIds.length, family: family.length, entries: rows.length },
        });
        return {
          scope: { contactIds, contactReferences: refs.map((r) => r.reference).sort(), personIds, familyIncluded: family.length > 0 },
          entries: rows.map((r) => {
            const items = (Array.isArray(r.items) ? r.items : []) as { itemId: string; originAgencyId: string; permissionId?: string }[];
            return {
              id: r.id,
              contactId: r.contact_id,
              contactReference: r.contact_reference,
              personIds: r.person_ids,
              recipientKind: r.recipient_kind,
              recipientAgencyId: r.recipient_agency_id,
              recipientName: r.recipient_name,
              recipientEmail: r.recipient_email,
              channel: r.channel,
              shared: r.shared,
              what: r.what,
              purpose: r.purpose,
              legalBases: r.legal_basis
                .split(',')
                .map((c) => c.trim())
                .filter(Boolean)
                .map((code) => ({ code, label: isLegalBasis(code) ? LEGAL_BASES[code] : code })),
              consentBasis: r.consent_basis,
              itemCount: items.length,
              items,
              reasonNotShared: r.reason_not_shared,
              decidedBy: r.decided_by,
              decidedByName: r.decided_by_name ?? '',
              decidedAt: r.decided_at,
              sourceType: r.source_type,
              sourceId: r.source_id,
            };
          }),
        };
      });
    },
  };
}

/**
 * Family of the given people: everyone named alongside them in a contact (the household as
 * recorded) and their relatives recorded in the person index.
 */
async function familyOf(tx: Tx, hubId: string, personIds: readonly string[]): Promise<string[]> {
  if (personIds.length === 0) return [];
  const ids = [...personIds];
  const coNamed = await tx
    .selectFrom('contact_subject as a')
    .innerJoin('contact_subject as b', 'b.contact_id', 'a.contact_id')
    .select('b.person_id')
    .distinct()
    .where('a.hub_id', '=', hubId)
    .where('a.person_id', 'in', ids)
    .where('b.person_id', 'is not', null)
    .execute();
  const family = new Set(coNamed.map((r) => r.person_id!));
  for (const r of await recordedRelatives(tx, hubId, ids)) family.add(r);
  for (const p of personIds) family.delete(p);
  return [...family];
}

/** Relatives recorded in the person index (links that still stand), either way round. */
async function recordedRelatives(tx: Tx, hubId: string, personIds: readonly string[]): Promise<string[]> {
  const rows = await tx
    .selectFrom('person_relationship')
    .select(['person_id', 'related_person_id'])
    .where('hub_id', '=', hubId)
    .where('ended_at', 'is', null)
    .where((eb) => eb.or([eb('person_id', 'in', [...personIds]), eb('related_person_id', 'in', [...personIds])]))
    .execute();
  const given = new Set(personIds);
  return rows.map((r) => (given.has(r.person_id) ? r.related_person_id : r.person_id));
}