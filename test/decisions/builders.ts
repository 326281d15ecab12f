/**
 * SQL builders for the decisions and meetings tests: contacts, their people and clocks, and the
 * MASH checks (requests, responses, consent) written straight into their tables, so that these
 * tests do not depend on other features' services. Every name here is invented.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { TestContext, TestHub } from '../harness';

export interface SubjectSpec {
  role?: 'subject' | 'sibling' | 'parent-carer' | 'alleged-perpetrator' | 'victim' | 'witness' | 'professional' | 'other-adult';
  givenName?: string;
  familyName?: string;
  dateOfBirth?: string | null;
  address?: string | null;
  postcode?: string | null;
  personId?: string | null;
}

export interface ContactSpec {
  which?: 'hub' | 'other';
  status?: 'new' | 'screened' | 'in-checks' | 'decided' | 'closed';
  brag?: 'blue' | 'red' | 'amber' | 'green';
  receivedAt?: Date;
  referrer?: { kind: 'professional' | 'public' | 'anonymous'; name?: string; email?: string | null; phone?: string | null; organisation?: string };
  subjects?: SubjectSpec[];
  /** start a running `decision` clock (default true) */
  decisionClock?: boolean;
}

export interface BuiltContact {
  id: string;
  hubId: string;
  reference: string;
  version: number;
  subjectIds: string[];
  personIds: (string | null)[];
}

const hubOf = (t: TestContext, which: 'hub' | 'other' = 'hub'): TestHub => (which === 'hub' ? t.hub : t.otherHub);

export const DEFAULT_SUBJECTS: SubjectSpec[] = [
  { role: 'subject', givenName: 'Ava', familyName: 'Testington', dateOfBirth: '2016-05-14', address: '1 Example Road, Demo City', postcode: 'DM1 1AA' },
  { role: 'parent-carer', givenName: 'Jo', familyName: 'Testington', dateOfBirth: '1988-02-01', address: '1 Example Road, Demo City', postcode: 'DM1 1AA' },
];

/** A contact written with SQL, screened by default, with a running decision clock. */
export async function newContact(t: TestContext, spec: ContactSpec = {}): Promise<BuiltContact> {
  const db = t.database.db;
  const hub = hubOf(t, spec.which);
  const id = randomUUID();
  const reference = `TEST-${randomBytes(4).toString('hex').toUpperCase()}`;
  const status = spec.status ?? 'screened';
  const receivedAt = spec.receivedAt ?? new Date(t.services.clock.now().getTime() - 60 * 60_000);
  const referrer = spec.referrer ?? { kind: 'professional', name: 'Riley Referrer', email: 'riley.referrer@nhs.net', phone: '01000 000001', organisation: 'Demo GP practice' };
  const screened = status !== 'new';
  const anonymous = referrer.kind === 'anonymous';
  await sql`
    insert into contact (id, hub_id, reference, channel, received_at, out_of_hours, recorded_at, recorded_by, referrer_kind,
      referrer_name, referrer_role, referrer_organisation, referrer_phone, referrer_email, concern_categories, concern_summary,
      status, classification, threshold_level, initial_brag, brag_rationale, screened_at, screened_by, closed_at)
    values (${id}, ${hub.hubId}, ${reference}, 'phone', ${receivedAt}, false, ${receivedAt}, ${hub.actors.mso.userId}, ${referrer.kind},
      ${anonymous ? null : referrer.name ?? null}, ${anonymous ? null : 'Practice nurse'}, ${anonymous ? null : referrer.organisation ?? null},
      ${anonymous ? null : referrer.phone ?? null}, ${anonymous ? null : referrer.email ?? null}, ${sql.val(['neglect'])}::text[],
      'Synthetic concern for tests', ${status},
      ${screened ? 'safeguarding-referral' : null}, ${screened ? 'intensive' : null}, ${screened ? spec.brag ?? 'amber' : null},
      ${screened ? 'Synthetic rationale' : null}, ${screened ? receivedAt : null}, ${screened ? hub.actors.mso.userId : null},
      ${status === 'closed' ? receivedAt : null})`.execute(db);
  const subjectIds: string[] = [];
  const personIds: (string | null)[] = [];
  for (const [position, s] of (spec.subjects ?? DEFAULT_SUBJECTS).entries()) {
    const subjectId = randomUUID();
    subjectIds.push(subjectId);
    personIds.push(s.personId ?? null);
    await sql`
      insert into contact_subject (id, hub_id, contact_id, role, given_name, family_name, date_of_birth, address, postcode, person_id, position)
      values (${subjectId}, ${hub.hubId}, ${id}, ${s.role ?? 'subject'}, ${s.givenName ?? 'Sam'}, ${s.familyName ?? 'Example'},
        ${s.dateOfBirth ?? null}, ${s.address ?? null}, ${s.postcode ?? null}, ${s.personId ?? null}, ${position})`.execute(db);
  }
  if (spec.decisionClock ?? true) {
    await sql`
      insert into contact_clock (id, hub_id, contact_id, type, rule, started_at, due_at, status)
      values (${randomUUID()}, ${hub.hubId}, ${id}, 'decision', ${JSON.stringify({ kind: 'working-days', n: 1 })}::jsonb,
        ${receivedAt}, ${new Date(receivedAt.getTime() + 24 * 3_600_000)}, 'running')`.execute(db);
  }
  return { id, hubId: hub.hubId, reference, version: 1, subjectIds, personIds };
}

export interface ItemSpec {
  text: string;
  kind?: 'fact' | 'opinion';
  heldBack?: boolean;
}

export interface BuiltEnquiry {
  id: string;
  agencyId: string;
  responseId: string | null;
  itemIds: string[];
}

/**
 * An information request to the agency of `agencyType`, open (sent) or answered with items.
 * Needs the MASH checks tables.
 */
export async function newEnquiry(
  t: TestContext,
  contact: BuiltContact,
  agencyType: string,
  spec: { status?: 'sent' | 'acknowledged' | 'responded'; agencyBrag?: 'blue' | 'red' | 'amber' | 'green'; items?: ItemSpec[] } = {},
): Promise<BuiltEnquiry> {
  const db = t.database.db;
  const hub = contact.hubId === t.hub.hubId ? t.hub : t.otherHub;
  const agencyId = hub.agencyIds[agencyType];
  const agency = await db.selectFrom('agency').select('name').where('id', '=', agencyId).executeTakeFirstOrThrow();
  const id = randomUUID();
  const now = t.services.clock.now();
  const sentAt = new Date(now.getTime() - 30 * 60_000);
  const status = spec.status ?? 'sent';
  const consentId = randomUUID();
  await sql`
    insert into consent_record (id, hub_id, contact_id, contact_subject_id, person_id, subject_is_adult, status, sought_from_kind,
      sought_from_names, sought_at, scope, recorded_by, recorded_at)
    values (${consentId}, ${hub.hubId}, ${contact.id}, ${contact.subjectIds[0]}, ${contact.personIds[0]}, false, 'given',
      'parental-responsibility', ${sql.val(['Jo Testington'])}::text[], ${sentAt}, 'MASH checks', ${hub.actors['decision-maker'].userId}, ${sentAt})
    on conflict do nothing`.execute(db);
  await sql`
    insert into enquiry (id, hub_id, contact_id, agency_id, agency_name, question, reason, consent_basis, consent_ids, brag, due_rule,
      due_at, status, sent_at, sent_by, acknowledged_at, acknowledged_by)
    values (${id}, ${hub.hubId}, ${contact.id}, ${agencyId}, ${agency.name}, 'What do you hold?', 'Synthetic reason', 'consent',
      ${sql.val([consentId])}::uuid[], 'amber', ${JSON.stringify({ kind: 'working-days', n: 2 })}::jsonb,
      ${new Date(now.getTime() + 2 * 86_400_000)}, ${status}, ${sentAt}, ${hub.actors['decision-maker'].userId},
      ${status === 'acknowledged' ? sentAt : null}, ${status === 'acknowledged' ? hub.actors['decision-maker'].userId : null})`.execute(db);
  if (status !== 'responded') return { id, agencyId, responseId: null, itemIds: [] };
  const responseId = randomUUID();
  const responder = Object.values(hub.actors).find((a) => a.agencyId === agencyId) ?? hub.actors['decision-maker'];
  await sql`
    insert into enquiry_response (id, hub_id, enquiry_id, origin_agency_id, responded_at, responded_by, no_information_held, agency_brag, last_added_at)
    values (${responseId}, ${hub.hubId}, ${id}, ${agencyId}, ${now}, ${responder.userId}, ${(spec.items ?? []).length === 0},
      ${spec.agencyBrag ?? 'amber'}, ${now})`.execute(db);
  const itemIds: string[] = [];
  for (const [i, item] of (spec.items ?? []).entries()) {
    const itemId = randomUUID();
    itemIds.push(itemId);
    await sql`
      insert into enquiry_response_item (id, hub_id, response_id, enquiry_id, origin_agency_id, position, batch, kind, text, held_back,
        held_back_reason, added_at, added_by)
      values (${itemId}, ${hub.hubId}, ${responseId}, ${id}, ${agencyId}, ${i + 1}, 0, ${item.kind ?? 'fact'}, ${item.text},
        ${item.heldBack ?? false}, ${item.heldBack ? 'Synthetic reason to hold back' : null}, ${now}, ${responder.userId})`.execute(db);
  }
  return { id, agencyId, responseId, itemIds };
}

/** Consent given for a person on the contact (a contact_subject), needed to refer to another service. */
export async function giveConsent(t: TestContext, contact: BuiltContact, subjectIndex = 0): Promise<string> {
  const hub = contact.hubId === t.hub.hubId ? t.hub : t.otherHub;
  const id = randomUUID();
  const at = t.services.clock.now();
  await sql`
    insert into consent_record (id, hub_id, contact_id, contact_subject_id, person_id, subject_is_adult, status, sought_from_kind,
      sought_from_names, sought_at, scope, recorded_by, recorded_at)
    values (${id}, ${hub.hubId}, ${contact.id}, ${contact.subjectIds[subjectIndex]}, ${contact.personIds[subjectIndex]}, false, 'given',
      'parental-responsibility', ${sql.val(['Jo Testington'])}::text[], ${at}, 'Referral to another service', ${hub.actors['decision-maker'].userId}, ${at})`.execute(t.database.db);
  return id;
}

/** A person in the index (the person_id of contact subjects must exist there). */
export async function newPerson(t: TestContext, spec: { which?: 'hub' | 'other'; givenName?: string; familyName?: string; dateOfBirth?: string } = {}): Promise<string> {
  const hub = hubOf(t, spec.which);
  const id = randomUUID();
  await sql`
    insert into person (id, hub_id, given_name, family_name, date_of_birth, origin, created_at, created_by)
    values (${id}, ${hub.hubId}, ${spec.givenName ?? 'Sam'}, ${spec.familyName ?? 'Testington'}, ${spec.dateOfBirth ?? null}, 'front-door',
      ${t.services.clock.now()}, ${hub.actors.mso.userId})`.execute(t.database.db);
  return id;
}

/** A relationship recorded in the person index. */
export async function relate(t: TestContext, personId: string, relatedPersonId: string, kind = 'sibling', which: 'hub' | 'other' = 'hub'): Promise<void> {
  const hub = hubOf(t, which);
  await sql`
    insert into person_relationship (id, hub_id, person_id, related_person_id, kind, household, created_at, created_by)
    values (${randomUUID()}, ${hub.hubId}, ${personId}, ${relatedPersonId}, ${kind}, true, ${t.services.clock.now()}, ${hub.actors.mso.userId})`.execute(t.database.db);
}
