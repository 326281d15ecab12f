/**
 * The backlog hub: 100 000 open contacts (new, screened, in checks), half unallocated, every
 * one with running clocks — the queue a decision maker's page must stay fast on. A separate hub
 * so that the main hub's performance measures stay those of a real year.
 */
import type { WorkingCalendar } from '../../src/features/clocks/domain/calendar';
import { startClock, type Clock } from '../../src/features/clocks/domain/clock';
import { londonDate } from '../../src/features/clocks/domain/london-time';
import { queueKey } from '../../src/features/contacts/domain/queue';
import type { TimescaleRules } from '../../src/features/clocks/domain/timescales';
import { createRng } from '../synthetic/rng';
import type { IdMaker } from '../lib/ids';
import type { GeneratedEvent } from './audit-chain';
import type { HubPlan } from './hubs';
import { ageOn, type Population } from './population';
import { CHANNEL_WEIGHTS, CONCERNS_OTHER, INITIAL_BRAG, SUMMARIES, THRESHOLD_BY_BRAG } from './vocab';

type Row = Record<string, unknown>;
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

export const BACKLOG_CHUNK = 10_000;

export interface BacklogContext {
  seed: string;
  ids: IdMaker;
  hub: HubPlan;
  population: Population;
  cal: WorkingCalendar;
  rules: TimescaleRules;
  asOf: Date;
}

export function modelBacklogChunk(ctx: BacklogContext, chunk: number, total: number) {
  const { ids, hub, cal, rules, population, asOf } = ctx;
  const contact: Row[] = [];
  const contact_subject: Row[] = [];
  const contact_clock: Row[] = [];
  const events: GeneratedEvent[] = [];
  const mso = hub.byRole('mso');
  const sws = hub.byRole('social-worker');
  const first = chunk * BACKLOG_CHUNK;
  const last = Math.min(total, first + BACKLOG_CHUNK);
  for (let n = first; n < last; n++) {
    const r = createRng(`${ctx.seed}/backlog/${n}`);
    const id = ids('backlog_contact', n);
    // spread over the 90 days before asOf, the newest most numerous
    const receivedAt = new Date(asOf.getTime() - Math.floor(90 * DAY * r.next() ** 2) - MIN);
    const channel = CHANNEL_WEIGHTS.draw(r);
    const status = channel === 'consultation-line' ? 'new' : r.pick(['new', 'new', 'screened', 'screened', 'in-checks'] as const);
    const screened = status !== 'new';
    const brag = INITIAL_BRAG.other.draw(r);
    const recorder = r.pick(mso);
    const worker = r.pick(sws);
    const allocated = screened && r.chance(0.5);
    const concern = CONCERNS_OTHER.draw(r);
    const screenedAt = new Date(receivedAt.getTime() + r.int(10, 300) * MIN);
    contact.push({
      id,
      hub_id: hub.id,
      reference: `BACK-${londonDate(receivedAt).slice(0, 4)}-${String(n + 1).padStart(6, '0')}`,
      channel,
      received_at: receivedAt,
      out_of_hours: cal.isOutOfHours(receivedAt),
      recorded_at: receivedAt,
      recorded_by: recorder.id,
      recorded_by_agency_id: recorder.agencyId,
      referrer_kind: 'professional',
      referrer_name: `Synthetic Referrer ${r.int(1, 9999)}`,
      referrer_role: 'Designated safeguarding lead',
      referrer_organisation: 'Bench Primary School',
      referrer_phone: null,
      referrer_email: null,
      referrer_address: null,
      referrer_relationship: null,
      anonymity_note: null,
      concern_categories: [concern],
      concern_summary: r.pick(SUMMARIES[concern] ?? SUMMARIES.other),
      parents_informed: 'not-known',
      child_spoken_to: 'not-known',
      written_referral_owed: false,
      written_referral_received_at: null,
      consultation_kind: channel === 'consultation-line' ? 'named-child' : null,
      consultation_advice: null,
      status,
      classification: screened ? 'safeguarding-referral' : null,
      threshold_level: screened ? THRESHOLD_BY_BRAG[brag] : null,
      initial_brag: screened ? brag : null,
      brag_rationale: screened ? 'Synthetic: rating reflects the concern.' : null,
      police_crime_suspected: screened ? 'not-consulted' : null,
      police_referred_to_cait: null,
      screened_at: screened ? screenedAt : null,
      screened_by: screened ? worker.id : null,
      allocated_to: allocated ? worker.id : null,
      allocated_at: allocated ? screenedAt : null,
      allocated_by: allocated ? worker.id : null,
      submission_key: null,
      closed_at: null,
      updated_at: screened ? screenedAt : null,
      version: screened ? (allocated ? 3 : 2) : 1,
      created_at: receivedAt,
    });
    const household = population.households[population.familyHouseholds[r.int(0, population.familyHouseholds.length - 1)]];
    const onDate = londonDate(receivedAt);
    const kids = household.members.map((k) => population.persons[k]).filter((p) => p.dateOfBirth && p.dateOfBirth <= onDate && ageOn(p.dateOfBirth, onDate) < 18);
    (kids.length ? kids.slice(0, r.int(1, 2)) : [population.persons[household.members[0]]]).forEach((p, position) =>
      contact_subject.push({
        id: ids('backlog_subject', n * 4 + position),
        hub_id: hub.id,
        contact_id: id,
        position,
        role: 'subject',
        given_name: p.givenName.split(' ')[0],
        family_name: p.familyName,
        date_of_birth: p.dateOfBirth ?? null,
        sex: p.sex === 'unknown' ? 'not-known' : p.sex,
        address: p.address ?? null,
        postcode: p.postcode ?? null,
        school: null,
        nhs_number: null,
        person_id: null,
        linked_at: null,
        linked_by: null,
      }),
    );
    const clocks: Clock[] = [startClock('decision', rules.decision, receivedAt, cal)];
    if (screened) clocks.push(startClock(`brag-${brag}`, rules[`brag-${brag}`], receivedAt, cal));
    // loading runs without triggers: the queue order the clock triggers would keep
    contact[contact.length - 1].next_due_at = queueKey(clocks, asOf).nextDueAt;
    clocks.forEach((c, k) =>
      contact_clock.push({
        id: ids('backlog_clock', n * 4 + k),
        hub_id: hub.id,
        contact_id: id,
        type: c.type,
        rule: JSON.stringify(c.rule),
        started_at: c.startedAt,
        due_at: c.dueAt,
        status: 'running',
        met_at: null,
        paused_at: null,
        pause_reason: null,
        stopped_at: null,
        stopped_reason: null,
      }),
    );
    const actor = (u: { id: string; role: string; agencyId: string }) => ({ id: u.id, role: u.role, agencyId: u.agencyId });
    events.push({ at: receivedAt, actor: actor(recorder), action: 'contact.create', recordType: 'contact', recordId: id, details: { channel, subjects: 1, clocks: 1 }, requestId: `backlog-${n}-0` });
    if (screened) events.push({ at: screenedAt, actor: actor(worker), action: 'contact.screen', recordType: 'contact', recordId: id, details: { initialBrag: brag }, requestId: `backlog-${n}-1` });
  }
  return { rows: { contact, contact_subject, contact_clock }, events };
}
