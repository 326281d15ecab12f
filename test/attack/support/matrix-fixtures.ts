/**
 * The records the all-routes access matrix calls its routes on: one of each kind in the demo hub,
 * in every relationship a caller can have to it, and one of each kind in the other hub. Built once
 * (with SQL builders and the services as the decision maker) and reused by every case.
 * Every name and text here is invented.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Actor } from '../../../src/platform/access/policy';
import type { Role } from '../../../src/platform/access/roles';
import type { TestContext, TestHub } from '../../harness';
import { giveConsent, newContact, newEnquiry, newPerson, type BuiltContact } from '../../decisions/builders';

/** A part of police's answer marked to be held back within the MASH: the matrix looks for it in every page and answer. */
export const HELD_BACK_TEXT = 'Synthetic matrix heldback part Q7X';
export const SHARED_TEXT = 'Synthetic matrix shareable part K2W';

/** The partner agency types whose practitioners answer requests, with the demo role that answers for each. */
export const PARTNER_AGENCY: Partial<Record<Role, string>> = {
  police: 'police',
  health: 'health',
  education: 'education',
  probation: 'probation',
  housing: 'housing',
  'agency-practitioner': 'early-help',
};

export interface ContactRecord {
  id: string;
  subjectId: string;
  /** a consent position recorded on it */
  consentId: string;
}

export interface HubRecords {
  /** screened, nobody asked */
  contactNone: ContactRecord;
  /** an allegation against a professional: the LADO's reason to see a contact */
  contactAllegation: ContactRecord;
  /** asked of police only, who answered with a held-back part */
  contactPolice: ContactRecord;
  /** asked of every other partner agency (open requests) */
  contactOthers: ContactRecord;
  /** the request to each partner agency type (police's answered, with a held-back part) */
  enquiries: Record<string, string>;
  /** a dissemination permission given by each partner agency type, on the contact it was asked about */
  permissions: Record<string, string>;
  disagreement: string;
  /** every partner agency and the LADO invited */
  meetingAll: string;
  /** children's social care only */
  meetingCsc: string;
  /** a task addressed to each demo user, by role */
  tasks: Record<Role, string>;
  person: string;
}

export interface Fixture {
  hub: HubRecords;
  other: HubRecords;
}

async function contactRecord(t: TestContext, c: BuiltContact, consentId?: string): Promise<ContactRecord> {
  const id = consentId ?? (await giveConsent(t, c));
  return { id: c.id, subjectId: c.subjectIds[0], consentId: id };
}

/** the consent newEnquiry wrote for the request */
async function consentOf(t: TestContext, contactId: string): Promise<string> {
  const row = await t.database.db.selectFrom('consent_record').select('id').where('contact_id', '=', contactId).executeTakeFirstOrThrow();
  return row.id;
}

async function task(t: TestContext, hub: TestHub, actor: Actor): Promise<string> {
  const id = randomUUID();
  await sql`
    insert into notification (id, hub_id, user_id, agency_id, role, kind, topic, message, record_type, record_id, due_at, created_at)
    values (${id}, ${hub.hubId}, ${actor.userId}, null, null, 'task', 'matrix', 'A synthetic task for the access matrix', null, null, null, ${t.services.clock.now()})`.execute(t.database.db);
  return id;
}

async function hubRecords(t: TestContext, which: 'hub' | 'other'): Promise<HubRecords> {
  const hub = which === 'hub' ? t.hub : t.otherHub;
  const dm = hub.actors['decision-maker'];
  const ctx = t.ctx;
  const agency = (type: string) => hub.agencyIds[type];

  const none = await newContact(t, { which });
  const allegation = await newContact(t, { which });
  await sql`update contact set concern_categories = ${sql.val(['allegation-against-professional'])}::text[] where id = ${allegation.id}`.execute(t.database.db);
  const police = await newContact(t, { which });
  const others = await newContact(t, { which });

  const enquiries: Record<string, string> = {};
  enquiries.police = (await newEnquiry(t, police, 'police', { status: 'responded', items: [{ text: SHARED_TEXT }, { text: HELD_BACK_TEXT, heldBack: true }] })).id;
  for (const type of ['health', 'education', 'probation', 'housing', 'early-help']) enquiries[type] = (await newEnquiry(t, others, type)).id;

  const permissions: Record<string, string> = {};
  for (const type of Object.values(PARTNER_AGENCY) as string[]) {
    const on = type === 'police' ? police : others;
    const p = await t.services.decisions.recordPermission(dm, ctx, on.id, {
      originAgencyId: agency(type),
      recipientName: 'Demo 0-19 hub (synthetic)',
      purpose: 'safeguarding',
      grantedByName: 'Synthetic Officer',
      grantedAt: t.services.clock.now(),
    });
    permissions[type] = p.id;
  }

  const disagreement = (await t.services.decisions.raiseDisagreement(dm, ctx, { contactId: none.id, subject: 'decision', description: 'Synthetic disagreement for the access matrix', withAgencyIds: [agency('police')] })).id;

  const startsAt = new Date(t.services.clock.now().getTime() + 2 * 86_400_000);
  const chair = { agencyId: agency('childrens-social-care'), name: 'Synthetic Chair', capacity: 'chair' };
  const meetingAll = await t.services.meetings.scheduleMeeting(dm, ctx, {
    kind: 'mash-meeting',
    contactIds: [none.id],
    venue: 'Synthetic room',
    invited: [chair, ...['police', 'health', 'education', 'probation', 'housing', 'early-help', 'lado'].map((type) => ({ agencyId: agency(type), name: 'Synthetic Attendee', capacity: 'representative' }))],
    startsAt,
  });
  const meetingCsc = await t.services.meetings.scheduleMeeting(dm, ctx, { kind: 'mash-meeting', contactIds: [none.id], venue: 'Synthetic room', invited: [chair], startsAt: new Date(startsAt.getTime() + 3_600_000) });

  const tasks = {} as Record<Role, string>;
  for (const [role, actor] of Object.entries(hub.actors) as Array<[Role, Actor]>) tasks[role] = await task(t, hub, actor);

  return {
    contactNone: await contactRecord(t, none),
    contactAllegation: await contactRecord(t, allegation),
    contactPolice: await contactRecord(t, police, await consentOf(t, police.id)),
    contactOthers: await contactRecord(t, others, await consentOf(t, others.id)),
    enquiries,
    permissions,
    disagreement,
    meetingAll: meetingAll.id,
    meetingCsc: meetingCsc.id,
    tasks,
    person: await newPerson(t, { which }),
  };
}

export async function buildFixture(t: TestContext): Promise<Fixture> {
  return { hub: await hubRecords(t, 'hub'), other: await hubRecords(t, 'other') };
}
