/**
 * Builders for MASH checks tests: screened contacts made directly with SQL (the contacts service
 * is built in parallel), and ready-made inputs for consent, overrides, requests and responses.
 * Every name, date and address is obviously fictitious.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema';
import type { AuthoriseOverrideInput, RecordConsentInput } from '../../src/features/consent/consent-service';
import type { ResponseBody, SendEnquiriesInput, ShareChecklistInput } from '../../src/features/enquiries/enquiries-service';
import type { TestContext, TestHub } from '../harness';

export interface BuiltContact {
  id: string;
  hubId: string;
  reference: string;
  /** contact_subject ids, in order: child, sibling, mother, father (by default) */
  subjects: { child: string; sibling: string; mother: string; father: string };
}

export interface ContactOptions {
  status?: 'new' | 'screened' | 'in-checks' | 'decided' | 'closed';
  brag?: 'red' | 'amber' | 'green' | 'blue';
  receivedAt?: Date;
}

/** A screened contact about a child, a sibling and two parents. */
export async function screenedContact(db: Kysely<DB>, hub: TestHub, options: ContactOptions = {}): Promise<BuiltContact> {
  const id = randomUUID();
  const status = options.status ?? 'screened';
  const receivedAt = options.receivedAt ?? new Date(Date.now() - 60 * 60_000);
  const reference = `TEST-${randomBytes(4).toString('hex').toUpperCase()}`;
  const dm = hub.actors['decision-maker'];
  const mso = hub.actors.mso;
  const screened = status !== 'new';
  await db
    .insertInto('contact')
    .values({
      id,
      hub_id: hub.hubId,
      reference,
      channel: 'phone',
      received_at: receivedAt,
      out_of_hours: false,
      recorded_at: receivedAt,
      recorded_by: mso.userId,
      referrer_kind: 'professional',
      referrer_name: 'Referrer Example',
      referrer_role: 'Teacher',
      referrer_organisation: 'Example Primary (synthetic)',
      referrer_phone: null,
      referrer_email: null,
      anonymity_note: null,
      concern_categories: ['neglect'],
      concern_summary: 'Synthetic concern for a test',
      written_referral_received_at: null,
      consultation_kind: null,
      status,
      classification: screened ? 'safeguarding-referral' : null,
      threshold_level: screened ? 'Intensive' : null,
      initial_brag: screened ? options.brag ?? 'amber' : null,
      brag_rationale: screened ? 'Synthetic rationale' : null,
      police_crime_suspected: null,
      police_referred_to_cait: null,
      screened_at: screened ? receivedAt : null,
      screened_by: screened ? dm.userId : null,
      allocated_to: null,
      submission_key: null,
      closed_at: status === 'closed' ? new Date() : null,
    } as never)
    .execute();
  const people = [
    { key: 'child', role: 'subject', given: 'Alex', family: 'Testchild', dob: '2018-04-01', address: '1 Example Road, Testtown' },
    { key: 'sibling', role: 'sibling', given: 'Sam', family: 'Testchild', dob: '2020-06-15', address: '1 Example Road, Testtown' },
    { key: 'mother', role: 'parent-carer', given: 'Morgan', family: 'Testparent', dob: '1990-02-03', address: '1 Example Road, Testtown' },
    { key: 'father', role: 'parent-carer', given: 'Frankie', family: 'Testparent', dob: '1988-09-09', address: '9 Other Street, Testtown' },
  ] as const;
  const subjects = {} as BuiltContact['subjects'];
  for (const [position, p] of people.entries()) {
    const sid = randomUUID();
    subjects[p.key] = sid;
    await db
      .insertInto('contact_subject')
      .values({
        id: sid,
        hub_id: hub.hubId,
        contact_id: id,
        role: p.role,
        given_name: p.given,
        family_name: p.family,
        date_of_birth: p.dob,
        sex: null,
        address: p.address,
        postcode: 'ZZ99 9ZZ',
        school: null,
        nhs_number: null,
        person_id: null,
        linked_at: null,
        linked_by: null,
        position,
      } as never)
      .execute();
  }
  return { id, hubId: hub.hubId, reference, subjects };
}

export const consentGiven = (subjectId: string, over: Partial<RecordConsentInput> = {}): RecordConsentInput => ({
  subjectId,
  answer: 'given',
  soughtFrom: { kind: 'parental-responsibility', names: ['Morgan Testparent'] },
  soughtAt: new Date(Date.now() - 30 * 60_000),
  scope: 'MASH checks with partner agencies',
  ...over,
});

export const consentGivenByAdult = (subjectId: string, over: Partial<RecordConsentInput> = {}): RecordConsentInput =>
  consentGiven(subjectId, { soughtFrom: { kind: 'adult', names: ['The adult'] }, ...over });

export const consentRefused = (subjectId: string, adult = true): RecordConsentInput => ({
  subjectId,
  answer: 'refused',
  soughtFrom: adult ? { kind: 'adult', names: ['The adult'] } : { kind: 'parental-responsibility', names: ['Morgan Testparent'] },
  soughtAt: new Date(Date.now() - 20 * 60_000),
  scope: 'MASH checks with partner agencies',
});

export const consentNotSought = (subjectId: string): RecordConsentInput => ({
  subjectId,
  answer: 'not-sought',
  notSoughtReasons: ['prejudice-criminal-investigation'],
  rationale: 'Synthetic: asking would alert the alleged perpetrator',
  scope: 'MASH checks with partner agencies',
});

export const overrideFor = (subjectIds: string[], over: Partial<AuthoriseOverrideInput> = {}): AuthoriseOverrideInput => ({
  subjectIds,
  scope: 'Checks with police and health',
  criteria: ['protection-of-vulnerable-people', 'prevention-of-crime-and-disorder'],
  proportionality: {
    'proportionate-to-aim': { answer: 'yes', detail: 'Checks only, within the MASH' },
    'vulnerability-of-those-at-risk': { detail: 'Two young children' },
    'impact-on-individual': { detail: 'Limited: information stays in the MASH' },
    'other-equally-effective-means': { answer: 'no' },
    'necessary-to-prevent-or-detect-crime': { answer: 'no' },
    'necessary-to-protect-others': { answer: 'yes' },
  },
  justification: 'Synthetic justification: risk to the children outweighs the refusal',
  confirmed: true,
  ...over,
});

export const shareChecklist = (over: Partial<ShareChecklistInput> = {}): ShareChecklistInput => ({
  when: { 'legitimate-purpose': 'yes', identifiable: 'yes', confidential: 'yes', 'other-reason': 'yes' },
  checklist: {
    'whose-information': { detail: 'The children and their parents' },
    'lawful-basis': { answer: 'yes', detail: 'Children Act 1989 s.47 and s.17; Children Act 2004 s.11' },
    pseudonymise: { answer: 'no' },
    'individuals-informed': { detail: 'Privacy notice; parents told of the checks' },
    'requests-not-to-share': { answer: 'received-and-considered' },
    'how-much': { detail: 'Names, dates of birth, address and household only' },
    'accurate-fact-opinion': { answer: 'yes' },
    'access-limited': { answer: 'yes' },
    secure: { answer: 'yes' },
  },
  legalBases: ['uk-gdpr-6-1-e', 'uk-gdpr-9-2-g', 'dpa-sch1-p2-18'],
  ...over,
});

export const sendInput = (agencyIds: string[], subjectIds: string[], over: Partial<SendEnquiriesInput> = {}): SendEnquiriesInput => ({
  agencyIds,
  subjectIds,
  question: 'What do you hold about this family in the last two years?',
  reason: 'Synthetic concern of neglect reported by school',
  share: shareChecklist(),
  rationale: 'Proportionate checks to decide on the contact',
  ...over,
});

export const responseWithHeldBack: ResponseBody = {
  noInformationHeld: false,
  agencyBrag: 'amber',
  items: [
    { kind: 'fact', text: 'Synthetic: two call-outs to the address for noise last year' },
    { kind: 'opinion', text: 'Synthetic: officer felt the children were frightened' },
    { kind: 'fact', text: 'Synthetic: live investigation involving the father', heldBack: true, heldBackReason: 'Disclosure would prejudice a live investigation' },
  ],
};

export const noInformationHeld: ResponseBody = { noInformationHeld: true, items: [] };

/** Records consent for everyone and sends to the given agencies; returns the enquiry ids in agency order. */
export async function contactWithRequests(t: TestContext, agencyTypes: string[], options: ContactOptions = {}) {
  const contact = await screenedContact(t.database.db, t.hub, options);
  const dm = t.hub.actors['decision-maker'];
  const s = contact.subjects;
  for (const id of [s.child, s.sibling]) await t.services.checks.recordConsent(dm, t.ctx, contact.id, consentGiven(id));
  for (const id of [s.mother, s.father]) await t.services.checks.recordConsent(dm, t.ctx, contact.id, consentGivenByAdult(id));
  const { enquiryIds } = await t.services.checks.sendEnquiries(
    dm,
    t.ctx,
    contact.id,
    sendInput(agencyTypes.map((a) => t.hub.agencyIds[a]), [s.child, s.sibling, s.mother, s.father]),
  );
  return { contact, enquiryIds };
}
