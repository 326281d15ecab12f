import type { ContactInput } from '../../src/features/contacts/domain/contact-validation';
import type { TestContext } from '../harness';

/** Synthetic contacts: every name, school and number here is invented. */
export function phoneContact(receivedAt: Date, over: Partial<ContactInput> = {}): ContactInput {
  return {
    channel: 'phone',
    receivedAt: receivedAt.toISOString(),
    referrer: { kind: 'professional', name: 'Pat Example', role: 'Designated safeguarding lead', organisation: 'Example Primary School', phone: '01632 960 001' },
    subjects: [
      { role: 'subject', givenName: 'Alex', familyName: 'Testchild', dateOfBirth: '2016-04-01', postcode: 'ZZ99 9ZZ', school: 'Example Primary School' },
      { role: 'subject', givenName: 'Sam', familyName: 'Testchild', dateOfBirth: '2018-09-12' },
    ],
    concernCategories: ['neglect'],
    concernSummary: 'Synthetic: both children came to school hungry three days running.',
    parentsInformed: 'no',
    childSpokenTo: 'yes',
    ...over,
  };
}

export function publicReferral(hubId: string, submissionKey: string, over: Partial<ContactInput> = {}) {
  return {
    hubId,
    channel: 'online-form',
    referrer: { kind: 'public', name: 'Jo Neighbour', email: 'jo@example.com', relationship: 'Neighbour' },
    subjects: [{ role: 'subject', givenName: 'Robin', familyName: 'Testchild' }],
    concernSummary: 'Synthetic: shouting heard late every night.',
    parentsInformed: 'no',
    childSpokenTo: 'no',
    submissionKey,
    ...over,
  } as ContactInput & { hubId: string };
}

export async function auditActions(t: TestContext, recordId: string): Promise<string[]> {
  const rows = await t.database.db.selectFrom('audit_event').select(['action']).where('record_id', '=', recordId).orderBy('id').execute();
  return rows.map((r) => r.action);
}

export async function auditOf(t: TestContext, recordId: string, action: string) {
  return t.database.db.selectFrom('audit_event').selectAll().where('record_id', '=', recordId).where('action', '=', action).orderBy('id').execute();
}
