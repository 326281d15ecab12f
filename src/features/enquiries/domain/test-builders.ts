/**
 * Builders for the domain tests of consent, enquiries, decisions and meetings. Obviously
 * fictitious data only (STYLE: no fixtures that look real).
 */
import { DomainError } from '../../../platform/errors';
import type { ConsentRecord } from '../../consent/domain/consent-record';
import type { ConsentOverride } from '../../consent/domain/override';
import { decideEnquiry, sendEnquiry, type Enquiry, type SendEnquiryInput } from './enquiry';
import type { ResponseInput } from './response';
import type { Actor } from './types';

export const HUB = 'hub-1';
export const CSC = 'agency-csc';
export const POLICE = 'agency-police';
export const HEALTH = 'agency-health';
export const EDUCATION = 'agency-education';
export const PROBATION = 'agency-probation';

export const T0 = new Date('2026-03-02T10:00:00Z'); // a Monday
export const at = (minutesAfterT0: number): Date => new Date(T0.getTime() + minutesAfterT0 * 60_000);

export function actor(role: string, agencyId = CSC, over: Partial<Actor> = {}): Actor {
  return { userId: `user-${role}-${agencyId}`, role, agencyId, hubId: HUB, ...over };
}

export const decisionMaker = actor('decision-maker');
export const socialWorker = actor('social-worker');
export const mso = actor('mso');
export const police = actor('police', POLICE);
export const health = actor('health', HEALTH);
export const education = actor('education', EDUCATION);
export const probation = actor('probation', PROBATION);
export const lado = actor('lado');
export const igLead = actor('ig-lead');
export const auditor = actor('auditor');

export function givenConsent(personId: string, over: Partial<ConsentRecord> = {}): ConsentRecord {
  return {
    id: `consent-${personId}`,
    hubId: HUB,
    contactId: 'contact-1',
    personId,
    subjectIsAdult: false,
    scope: 'MASH checks',
    recordedBy: socialWorker.userId,
    recordedAt: T0,
    status: 'given',
    soughtFrom: { kind: 'parental-responsibility', names: ['Parent Example'] },
    soughtAt: T0,
    ...over,
  } as ConsentRecord;
}

export function notSought(personId: string): ConsentRecord {
  return {
    id: `consent-${personId}`,
    hubId: HUB,
    contactId: 'contact-1',
    personId,
    subjectIsAdult: false,
    scope: 'MASH checks',
    recordedBy: socialWorker.userId,
    recordedAt: T0,
    status: 'not-sought',
    notSoughtReasons: ['immediate-danger'],
    rationale: 'Test rationale',
  };
}

export function override(personIds: string[], over: Partial<ConsentOverride> = {}): ConsentOverride {
  return {
    id: 'override-1',
    hubId: HUB,
    contactId: 'contact-1',
    personIds,
    consentPosition: 'not-sought',
    scope: 'MASH checks',
    criteria: ['protection-of-vulnerable-people'],
    proportionality: {
      'proportionate-to-aim': { answer: 'yes' },
      'vulnerability-of-those-at-risk': { detail: 'Test' },
      'impact-on-individual': { detail: 'Test' },
      'other-equally-effective-means': { answer: 'no' },
      'necessary-to-prevent-or-detect-crime': { answer: 'no' },
      'necessary-to-protect-others': { answer: 'yes' },
    },
    justification: 'Test justification',
    authorisedBy: decisionMaker.userId,
    authorisedAt: T0,
    ...over,
  };
}

export function sendInput(over: Partial<SendEnquiryInput> = {}): SendEnquiryInput {
  return {
    id: 'enquiry-1',
    hubId: HUB,
    contactId: 'contact-1',
    agencyId: POLICE,
    agencyName: 'Police',
    agreementStatus: 'active',
    subjects: [
      {
        personId: 'person-1',
        name: 'Child A Example',
        dateOfBirth: '2019-01-01',
        address: '1 Test Street, Testtown',
        household: [{ name: 'Parent Example', relationship: 'mother' }],
        roleInContact: 'subject',
        identifiers: [{ scheme: 'la-child-id', value: 'TEST-1' }],
        notes: 'Concern narrative for MASH staff only',
      },
    ],
    question: 'What do you hold about this family?',
    reason: 'Concern about neglect',
    consent: { records: [givenConsent('person-1')] },
    brag: 'amber',
    dueAt: at(2 * 24 * 60),
    ...over,
  };
}

export function sentEnquiry(over: Partial<SendEnquiryInput> = {}): Enquiry {
  return sendEnquiry(sendInput(over), decisionMaker, T0).enquiry;
}

export const responseWithHeldBack: ResponseInput = {
  noInformationHeld: false,
  agencyBrag: 'amber',
  items: [
    { kind: 'fact', text: 'Fact shareable' },
    { kind: 'opinion', text: 'Opinion shareable' },
    { kind: 'fact', text: 'Fact held back', heldBack: true, heldBackReason: 'Live investigation' },
  ],
};

/** An enquiry to `agencyId` answered by a practitioner of that agency. */
export function respondedEnquiry(agencyId = POLICE, agencyName = 'Police', role = 'police', response = responseWithHeldBack): Enquiry {
  const e = sentEnquiry({ id: `enquiry-${agencyId}`, agencyId, agencyName });
  return decideEnquiry(e, { type: 'respond', response }, actor(role, agencyId), at(60)).enquiry;
}

/** Asserts a DomainError with this code (and, when given, an error on this field). */
export function throwsCode(fn: () => unknown, code: string, field?: string): void {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  if (!(thrown instanceof DomainError)) throw new Error(`expected DomainError ${code}, got ${String(thrown)}`);
  if (thrown.code !== code) throw new Error(`expected ${code}, got ${thrown.code}: ${thrown.message}`);
  if (field && !thrown.fields.some((f) => f.field === field)) {
    throw new Error(`expected field ${field}, got ${JSON.stringify(thrown.fields)}`);
  }
}
