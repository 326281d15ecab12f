import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext } from '../../../test/harness';
import { computeMeasures, reReferrals } from './measures';

/**
 * The performance measures against a handful of synthetic contacts whose answers are known.
 * Rows are written directly: the measures read what the features store, whoever wrote it.
 */
let t: TestContext;
let hubId: string;
let dm: string;
let police: string;
let health: string;

const at = (iso: string) => new Date(iso);

async function contact(o: { receivedAt: string; channel?: string; brag?: 'red' | 'amber' | 'green' | 'blue' | null; concerns?: string[]; scenario?: boolean; referrer?: 'professional' | 'public' | 'anonymous' }) {
  const id = randomUUID();
  const screened = o.brag !== null && !o.scenario;
  await t.database.db
    .insertInto('contact')
    .values({
      id,
      hub_id: hubId,
      reference: `MASH-TEST-${id.slice(0, 8)}`,
      channel: o.scenario ? 'consultation-line' : (o.channel ?? 'phone'),
      received_at: at(o.receivedAt),
      out_of_hours: false,
      recorded_at: at(o.receivedAt),
      recorded_by: dm,
      recorded_by_agency_id: null,
      referrer_kind: o.referrer ?? 'professional',
      referrer_name: o.referrer === 'anonymous' ? null : 'Synthetic Referrer',
      referrer_role: null,
      referrer_organisation: null,
      referrer_phone: null,
      referrer_email: null,
      referrer_address: null,
      referrer_relationship: null,
      anonymity_note: null,
      concern_categories: o.concerns ?? ['neglect'],
      concern_summary: 'Synthetic: measures test.',
      consultation_kind: o.scenario ? 'scenario' : o.channel === 'consultation-line' ? 'named-child' : null,
      consultation_advice: null,
      written_referral_received_at: null,
      status: o.scenario ? 'closed' : screened ? 'screened' : 'new',
      closed_at: o.scenario ? at(o.receivedAt) : null,
      classification: screened ? 'safeguarding-referral' : null,
      threshold_level: screened ? 'Intensive' : null,
      initial_brag: screened ? (o.brag ?? 'amber') : null,
      brag_rationale: screened ? 'Synthetic' : null,
      police_crime_suspected: null,
      police_referred_to_cait: null,
      screened_at: screened ? at(o.receivedAt) : null,
      screened_by: screened ? dm : null,
      allocated_to: null,
      allocated_at: null,
      allocated_by: null,
      submission_key: null,
      updated_at: null,
    })
    .execute();
  return id;
}

async function decide(contactId: string, outcome: string, decidedAt: string, finalBrag = 'amber') {
  const id = randomUUID();
  await t.database.db
    .insertInto('decision')
    .values({
      id,
      hub_id: hubId,
      contact_id: contactId,
      final_brag: finalBrag as 'amber',
      outcome: outcome as 'nfa',
      summary: 'Synthetic',
      recommendation: 'Synthetic',
      nfa_rationale: outcome === 'nfa' ? 'Synthetic' : null,
      other_service_name: null,
      other_service_person_ids: null,
      decided_by: dm,
      decided_at: at(decidedAt),
      contact_version: 1,
    })
    .execute();
  return id;
}

async function clock(contactId: string, type: string, dueAt: string, status: 'running' | 'met' | 'stopped', endedAt?: string) {
  await t.database.db
    .insertInto('contact_clock')
    .values({
      id: randomUUID(),
      hub_id: hubId,
      contact_id: contactId,
      type,
      rule: JSON.stringify({ kind: 'working-days', n: 1 }),
      started_at: at('2025-01-01T00:00:00Z'),
      due_at: at(dueAt),
      status,
      met_at: status === 'met' ? at(endedAt!) : null,
      paused_at: null,
      pause_reason: null,
      stopped_at: status === 'stopped' ? at(endedAt!) : null,
      stopped_reason: status === 'stopped' ? 'Contact closed' : null,
    })
    .execute();
}

async function person() {
  const id = randomUUID();
  await t.database.db
    .insertInto('person')
    .values({ id, hub_id: hubId, given_name: 'Synthetic', family_name: 'Child', origin: 'import', created_at: at('2020-01-01T00:00:00Z'), given_first: 'synthetic', family_key: 'child', family_phonetic: [], given_phonetic: [], date_of_birth: null, sex: null, address: null, postcode: null, address_key: null, nhs_number: null, allocated_worker_id: null, merged_into: null, merged_at: null, created_by: null, updated_at: null, updated_by: null })
    .execute();
  return id;
}

async function about(contactId: string, personId: string, position = 0) {
  await t.database.db
    .insertInto('contact_subject')
    .values({ id: randomUUID(), hub_id: hubId, contact_id: contactId, position, role: 'subject', given_name: 'Synthetic', family_name: 'Child', date_of_birth: null, sex: null, address: null, postcode: null, school: null, nhs_number: null, person_id: personId, linked_at: null, linked_by: null })
    .execute();
}

/** A referral (decided to progress to assessment) about a child. */
async function referral(personId: string, receivedAt: string) {
  const c = await contact({ receivedAt });
  await about(c, personId);
  await decide(c, 'assessment', receivedAt);
  return c;
}

async function enquiry(contactId: string, agencyId: string, sentAt: string, dueAt: string, o: { respondedAt?: string; status?: 'sent' | 'responded' | 'withdrawn' }) {
  const id = randomUUID();
  const status = o.status ?? (o.respondedAt ? 'responded' : 'sent');
  await t.database.db
    .insertInto('enquiry')
    .values({
      id,
      hub_id: hubId,
      contact_id: contactId,
      agency_id: agencyId,
      agency_name: agencyId === police ? 'Police' : 'Health',
      question: 'Synthetic',
      reason: 'Synthetic',
      consent_basis: 'consent',
      consent_ids: [],
      override_id: null,
      brag: 'amber',
      due_rule: JSON.stringify({ kind: 'working-days', n: 2 }),
      due_at: at(dueAt),
      status,
      sent_at: at(sentAt),
      sent_by: dm,
      acknowledged_at: null,
      acknowledged_by: null,
      closed_at: null,
      closed_by: null,
      close_reason: null,
      withdrawn_at: status === 'withdrawn' ? at(sentAt) : null,
      withdrawn_by: status === 'withdrawn' ? dm : null,
      withdraw_reason: status === 'withdrawn' ? 'Synthetic' : null,
    })
    .execute();
  if (o.respondedAt) {
    await t.database.db
      .insertInto('enquiry_response')
      .values({ id: randomUUID(), hub_id: hubId, enquiry_id: id, origin_agency_id: agencyId, responded_at: at(o.respondedAt), responded_by: dm, no_information_held: true, agency_brag: null, last_added_at: at(o.respondedAt) })
      .execute();
  }
}

const YEAR = { from: at('2025-01-01T00:00:00Z'), to: at('2026-01-01T00:00:00Z'), asOf: at('2026-01-10T00:00:00Z') };

describe('performance measures (C13)', () => {
  let m: Awaited<ReturnType<typeof computeMeasures>>;
  before(async () => {
    t = await createTestContext();
    hubId = t.hub.hubId;
    dm = t.hub.actors['decision-maker'].userId;
    police = t.hub.agencyIds.police;
    health = t.hub.agencyIds.health;

    // volume: a London month, a scenario consultation apart, a contact of another year left out
    const april = await contact({ receivedAt: '2025-03-31T23:30:00Z', channel: 'police-notification', brag: 'red', concerns: ['missing'] }); // 00:30 BST, 1 April
    await contact({ receivedAt: '2025-03-15T10:00:00Z', channel: 'email', concerns: ['missing', 'neglect'], referrer: 'public' });
    await contact({ receivedAt: '2025-03-16T10:00:00Z', scenario: true });
    await contact({ receivedAt: '2024-12-31T10:00:00Z' });
    const undecided = await contact({ receivedAt: '2025-12-30T10:00:00Z', brag: null });

    // outcomes and decision timeliness
    const early = await contact({ receivedAt: '2025-06-02T10:00:00Z', brag: 'green' });
    await decide(early, 'early-help', '2025-06-02T15:00:00Z', 'green');
    await clock(early, 'decision', '2025-06-03T16:00:00Z', 'met', '2025-06-02T15:00:00Z');
    const late = await contact({ receivedAt: '2025-06-03T10:00:00Z', brag: 'amber' });
    await decide(late, 'nfa', '2025-06-06T10:00:00Z');
    await clock(late, 'decision', '2025-06-04T16:00:00Z', 'met', '2025-06-06T10:00:00Z');
    await decide(april, 's47-strategy-discussion', '2025-04-01T09:00:00Z', 'red');
    await clock(undecided, 'decision', '2025-12-31T16:00:00Z', 'running');

    // re-referrals: P twice within a year (one a re-referral), Q more than a year apart, R once
    const p = await person();
    const q = await person();
    const r = await person();
    await referral(p, '2024-06-01T10:00:00Z');
    await referral(p, '2025-03-01T10:00:00Z');
    await referral(q, '2023-01-01T10:00:00Z');
    await referral(q, '2025-02-01T10:00:00Z');
    await referral(r, '2025-05-01T10:00:00Z');

    // agency responses: on time, late, outstanding and overdue, withdrawn (left out)
    await enquiry(late, police, '2025-06-03T11:00:00Z', '2025-06-05T17:00:00Z', { respondedAt: '2025-06-04T12:00:00Z' });
    await enquiry(late, health, '2025-06-03T11:00:00Z', '2025-06-05T17:00:00Z', { respondedAt: '2025-06-06T09:00:00Z' });
    await enquiry(undecided, police, '2025-12-30T11:00:00Z', '2026-01-02T17:00:00Z', {});
    await enquiry(undecided, health, '2025-12-30T11:00:00Z', '2026-01-02T17:00:00Z', { status: 'withdrawn' });

    m = await computeMeasures(t.database.db, { hubId, ...YEAR });
  });
  after(() => t.close());

  it('counts contacts by London month, scenario consultations apart, within the period only', () => {
    const month = (k: string) => m.volume.byMonth.find((x) => x.month === k);
    assert.equal(month('2025-04')?.contacts, 1, '23:30 UTC on 31 March is 1 April in London');
    assert.equal(month('2025-03')?.contacts, 2);
    assert.equal(month('2025-03')?.scenarioConsultations, 1);
    assert.equal(m.volume.total, 8);
    assert.equal(m.volume.byReferrerKind.find((x) => x.key === 'public')?.contacts, 1);
  });

  it('gives outcomes and progression to assessment and early help, with the undecided', () => {
    const outcome = (o: string) => m.outcomes.filter((x) => x.outcome === o).reduce((n, x) => n + x.contacts, 0);
    assert.equal(outcome('early-help'), 1);
    assert.equal(outcome('s47-strategy-discussion'), 1);
    assert.equal(outcome('assessment'), 3);
    assert.equal(outcome('undecided'), 2);
    const totals = m.progression.reduce((a, x) => ({ assessment: a.assessment + x.toAssessment, early: a.early + x.toEarlyHelp }), { assessment: 0, early: 0 });
    assert.deepEqual(totals, { assessment: 4, early: 1 });
  });

  it('counts a re-referral only within 12 months of the child’s previous referral', () => {
    assert.equal(m.reReferrals.referrals, 3);
    assert.equal(m.reReferrals.reReferrals, 1);
    assert.equal(m.reReferrals.rate, 1 / 3);
  });

  it('counts a child named twice on one contact once', async () => {
    // a year of its own, after the others
    const d = await person();
    const first = await referral(d, '2027-03-01T10:00:00Z');
    await about(first, d, 1);
    await referral(d, '2027-04-01T10:00:00Z');
    const r = await reReferrals(t.database.db, { hubId, from: at('2027-01-01T00:00:00Z'), to: at('2028-01-01T00:00:00Z'), asOf: at('2028-01-01T00:00:00Z') });
    assert.deepEqual([r.referrals, r.reReferrals, r.contactsAboutLinkedChildren, r.repeatContacts], [2, 1, 2, 1]);
  });

  it('counts missing children notifications by month and source', () => {
    assert.deepEqual(
      m.missing.map((x) => [x.month, x.notifications, x.fromPolice]),
      [
        ['2025-03', 1, 0],
        ['2025-04', 1, 1],
      ],
    );
  });

  it('judges decisions against their clocks: on time, late, still running past due', () => {
    const decision = m.decisionTimeliness.filter((x) => x.clock === 'decision');
    const sum = (k: 'metOnTime' | 'metLate' | 'overdue' | 'running') => decision.reduce((n, x) => n + x[k], 0);
    assert.equal(sum('metOnTime'), 1);
    assert.equal(sum('metLate'), 1);
    assert.equal(sum('overdue'), 1);
    assert.equal(sum('running'), 0);
  });

  it('judges agency responses against their due time, by agency, leaving withdrawn requests out', () => {
    const row = (agency: string) => m.agencyTimeliness.find((x) => x.agency === agency)!;
    assert.deepEqual([row('Police').sent, row('Police').onTime, row('Police').outstandingOverdue], [2, 1, 1]);
    assert.deepEqual([row('Health').sent, row('Health').late], [1, 1]);
  });
});
