/**
 * Consent records and overrides: Kysely queries and row ↔ domain mapping. A person on a contact is
 * a `contact_subject`, so the domain's `personId` is the contact_subject id.
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { ConsentOverrideTable, ConsentRecordTable } from '../../db/schema/checks';
import { DomainError } from '../../platform/errors';
import type { CapacityPosition } from './domain/capacity';
import type { ConsentRecord, ConsentSoughtFrom, NotSoughtReason } from './domain/consent-record';
import type { ConsentOverride, ProportionalityAnswer, ProportionalityQuestionId, PublicInterestCriterion } from './domain/override';

type Tx = Transaction<DB>;
type ConsentRow = Omit<ConsentRecordTable, 'version' | 'not_sought_reasons' | 'capacity'> & {
  version: number;
  not_sought_reasons: string[];
  capacity: Record<string, unknown> | null;
};

/** Rows hold dates as Date; jsonb capacity holds them as ISO strings. */
function capacityFromJson(value: Record<string, unknown> | null): CapacityPosition | undefined {
  if (!value) return undefined;
  const v = { ...value } as Record<string, unknown>;
  if (typeof v.assessedAt === 'string') v.assessedAt = new Date(v.assessedAt);
  return v as unknown as CapacityPosition;
}

export function toConsentRecord(r: ConsentRow): ConsentRecord & { version: number } {
  const base = {
    id: r.id,
    hubId: r.hub_id,
    contactId: r.contact_id,
    personId: r.contact_subject_id,
    subjectIsAdult: r.subject_is_adult,
    scope: r.scope,
    ...(r.rationale ? { rationale: r.rationale } : {}),
    ...(r.capacity ? { capacity: capacityFromJson(r.capacity) } : {}),
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
    version: r.version,
  };
  const soughtFrom = (): ConsentSoughtFrom => ({
    kind: r.sought_from_kind!,
    names: r.sought_from_names ?? [],
    ...(r.sought_from_description ? { description: r.sought_from_description } : {}),
  });
  switch (r.status) {
    case 'given':
    case 'refused':
      return { ...base, status: r.status, soughtFrom: soughtFrom(), soughtAt: r.sought_at! };
    case 'not-sought':
      return { ...base, status: 'not-sought', notSoughtReasons: r.not_sought_reasons as NotSoughtReason[], rationale: r.rationale ?? '' };
    case 'withdrawn':
      return {
        ...base,
        status: 'withdrawn',
        soughtFrom: soughtFrom(),
        soughtAt: r.sought_at!,
        withdrawnAt: r.withdrawn_at!,
        withdrawnRecordedBy: r.withdrawn_recorded_by!,
        withdrawalReceivedByAgencyId: r.withdrawal_received_by_agency_id!,
      };
    default: {
      const unknown: never = r.status;
      throw new DomainError('invalid-state', `unknown consent status ${String(unknown)}`);
    }
  }
}

export async function listConsentRecords(tx: Tx, hubId: string, contactId: string) {
  const rows = await tx
    .selectFrom('consent_record')
    .selectAll()
    .where('hub_id', '=', hubId)
    .where('contact_id', '=', contactId)
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
  return rows.map(toConsentRecord);
}

export async function findConsentRecord(tx: Tx, id: string) {
  const row = await tx.selectFrom('consent_record').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? { row, record: toConsentRecord(row) } : undefined;
}

export async function insertConsentRecord(tx: Tx, record: ConsentRecord, personId: string | null): Promise<void> {
  const sought = record.status === 'given' || record.status === 'refused' || record.status === 'withdrawn';
  await tx
    .insertInto('consent_record')
    .values({
      id: record.id,
      hub_id: record.hubId,
      contact_id: record.contactId,
      contact_subject_id: record.personId,
      person_id: personId,
      subject_is_adult: record.subjectIsAdult,
      status: record.status,
      sought_from_kind: sought ? record.soughtFrom.kind : null,
      sought_from_names: sought ? record.soughtFrom.names.map((n) => n.trim()) : null,
      sought_from_description: sought ? record.soughtFrom.description?.trim() || null : null,
      sought_at: sought ? record.soughtAt : null,
      not_sought_reasons: record.status === 'not-sought' ? record.notSoughtReasons : [],
      rationale: record.rationale ?? null,
      capacity: record.capacity && record.capacity.status !== 'assumed' ? JSON.stringify(record.capacity) : null,
      scope: record.scope,
      recorded_by: record.recordedBy,
      recorded_at: record.recordedAt,
      withdrawn_at: null,
      withdrawn_recorded_by: null,
      withdrawal_received_by_agency_id: null,
    })
    .execute();
}

/** given → withdrawn, refused as `conflict` when someone changed the record meanwhile. */
export async function markWithdrawn(tx: Tx, record: ConsentRecord & { status: 'withdrawn' }, expectedVersion: number): Promise<void> {
  const updated = await tx
    .updateTable('consent_record')
    .set({
      status: 'withdrawn',
      withdrawn_at: record.withdrawnAt,
      withdrawn_recorded_by: record.withdrawnRecordedBy,
      withdrawal_received_by_agency_id: record.withdrawalReceivedByAgencyId,
      version: sql`version + 1`,
    })
    .where('id', '=', record.id)
    .where('version', '=', expectedVersion)
    .where('status', '=', 'given')
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) {
    throw new DomainError('conflict', 'Someone else changed this consent record while you were working on it. Check it and try again.');
  }
}

type OverrideRow = Omit<ConsentOverrideTable, 'proportionality' | 'confidence_holder_views'> & {
  proportionality: Record<string, ProportionalityAnswer>;
  confidence_holder_views: Array<{ agencyId: string; views: string }>;
};

export function toOverride(r: OverrideRow): ConsentOverride {
  return {
    id: r.id,
    hubId: r.hub_id,
    contactId: r.contact_id,
    personIds: r.contact_subject_ids,
    consentPosition: r.consent_position,
    scope: r.scope,
    criteria: r.criteria as PublicInterestCriterion[],
    proportionality: r.proportionality as Record<ProportionalityQuestionId, ProportionalityAnswer>,
    justification: r.justification,
    ...(r.confidence_holder_views.length > 0 ? { confidenceHolderViews: r.confidence_holder_views } : {}),
    authorisedBy: r.authorised_by,
    authorisedAt: r.authorised_at,
  };
}

export async function listOverrides(tx: Tx, hubId: string, contactId: string): Promise<ConsentOverride[]> {
  const rows = await tx
    .selectFrom('consent_override')
    .selectAll()
    .where('hub_id', '=', hubId)
    .where('contact_id', '=', contactId)
    .orderBy('authorised_at')
    .orderBy('id')
    .execute();
  return rows.map(toOverride);
}

export async function insertOverride(tx: Tx, o: ConsentOverride): Promise<void> {
  await tx
    .insertInto('consent_override')
    .values({
      id: o.id,
      hub_id: o.hubId,
      contact_id: o.contactId,
      contact_subject_ids: o.personIds,
      consent_position: o.consentPosition,
      scope: o.scope.trim(),
      criteria: o.criteria,
      proportionality: JSON.stringify(o.proportionality),
      justification: o.justification,
      confidence_holder_views: JSON.stringify(o.confidenceHolderViews ?? []),
      authorised_by: o.authorisedBy,
      authorised_at: o.authorisedAt,
    })
    .execute();
}
