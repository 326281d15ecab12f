/**
 * Writing to the disclosure ledger (table `disclosure`): every passing of information outside
 * the MASH — feedback to a referrer, a referral on, an export, a letter, minutes, an invitation —
 * records what, to whom, why, on what basis, by whom and when (003 golden rule 7; 000 §3).
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { DisclosureTable } from '../../db/schema/disclosure';

export interface LedgerEntry {
  hubId: string;
  contactId: string | null;
  personIds: readonly string[];
  recipientKind: DisclosureTable['recipient_kind'];
  recipientAgencyId?: string | null;
  recipientName: string;
  recipientEmail?: string | null;
  /** enquiry | feedback | referral-on | export | letter | secure-email | meeting */
  channel: string;
  shared: boolean;
  what: string;
  purpose: string;
  /** LEGAL_BASES codes, stored comma-separated */
  legalBases: readonly string[];
  consentBasis: DisclosureTable['consent_basis'];
  items?: readonly { responseId?: string; itemId: string; originAgencyId: string; permissionId?: string }[];
  reasonNotShared?: string | null;
  decidedBy: string;
  decidedAt: Date;
  sourceType: string;
  sourceId: string;
}

export async function writeLedgerEntry(tx: Transaction<DB>, e: LedgerEntry): Promise<string> {
  const id = randomUUID();
  await tx
    .insertInto('disclosure')
    .values({
      id,
      hub_id: e.hubId,
      contact_id: e.contactId,
      person_ids: [...new Set(e.personIds)],
      recipient_kind: e.recipientKind,
      recipient_agency_id: e.recipientAgencyId ?? null,
      recipient_name: e.recipientName,
      recipient_email: e.recipientEmail ?? null,
      channel: e.channel,
      shared: e.shared,
      what: e.what,
      purpose: e.purpose,
      legal_basis: [...new Set(e.legalBases)].join(','),
      consent_basis: e.consentBasis,
      items: JSON.stringify(e.items ?? []),
      reason_not_shared: e.reasonNotShared ?? null,
      decided_by: e.decidedBy,
      decided_at: e.decidedAt,
      source_type: e.sourceType,
      source_id: e.sourceId,
    })
    .execute();
  return id;
}

/** The person-index ids linked to the people named in a contact (empty until they are linked). */
export async function linkedPersonIds(tx: Transaction<DB>, hubId: string, contactId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('contact_subject')
    .select('person_id')
    .where('hub_id', '=', hubId)
    .where('contact_id', '=', contactId)
    .where('person_id', 'is not', null)
    .execute();
  return [...new Set(rows.map((r) => r.person_id!))];
}

/** Approved secure email domains of the hub: those of its active agencies (C11; 000 ISA 1.58). */
export async function hubSecureDomains(tx: Transaction<DB>, hubId: string): Promise<string[]> {
  const rows = await tx.selectFrom('agency').select('secure_email_domains').where('hub_id', '=', hubId).where('active', '=', true).execute();
  return [...new Set(rows.flatMap((r) => r.secure_email_domains))];
}

/** Safeguarding sharing: public task, with the DPA 2018 safeguarding condition (001 "Lawful Basis"). */
export const SAFEGUARDING_BASES = ['uk-gdpr-6-1-e', 'dpa-sch1-p2-18'] as const;
