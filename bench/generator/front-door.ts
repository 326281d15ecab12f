/**
 * One month of a hub's front door, generated: contacts from every channel with the people in
 * them, screening, clocks, consent, information requests and responses, share decisions,
 * decisions, feedback, strategy discussions — and the audit events the application would have
 * written along the way. Pure: the same seed and month give the same rows, so a month can be
 * regenerated (to resume, or to carry its late events into the next month's audit chunk).
 *
 * Everything is as of `asOf`: later steps have not happened yet, so the last days' contacts
 * are still open, as in a live hub.
 */
import type { WorkingCalendar } from '../../src/features/clocks/domain/calendar';
import { startClock, type Clock } from '../../src/features/clocks/domain/clock';
import { queueKey } from '../../src/features/contacts/domain/queue';
import { dueAt } from '../../src/features/clocks/domain/clock-rules';
import { addDays, londonDate, londonInstant } from '../../src/features/clocks/domain/london-time';
import type { TimescaleRules } from '../../src/features/clocks/domain/timescales';
import type { Role } from '../../src/platform/access/roles';
import { createRng, type Rng } from '../synthetic/rng';
import { typo } from '../synthetic/typos';
import type { IdMaker } from '../lib/ids';
import type { GeneratedEvent } from './audit-chain';
import type { HubPlan, UserPlan } from './hubs';
import { ageOn, type Population } from './population';
import {
  CHANNEL_WEIGHTS,
  CHECKS_RATE,
  CLASSIFICATION_BY_CONCERN,
  CONCERNS_OTHER,
  CONCERNS_POLICE,
  CRITERIA,
  INITIAL_BRAG,
  NOT_SOUGHT,
  OUTCOMES_BY_BRAG,
  REFERRER_ORGS,
  REFERRER_ROLES,
  SUMMARIES,
  THRESHOLD_BY_BRAG,
} from './vocab';

type Row = Record<string, unknown>;
type Brag = 'red' | 'amber' | 'green' | 'blue';

export interface FrontDoorContext {
  seed: string;
  ids: IdMaker;
  hub: HubPlan;
  population: Population;
  cal: WorkingCalendar;
  rules: TimescaleRules;
  /** the instant the database describes: nothing after it has happened */
  asOf: Date;
  /** the first month generated, 'YYYY-MM' */
  firstMonth: string;
  contactsPerYear: number;
  /** link contact subjects to persons in the index (only when the persons are in the database) */
  linkPersons: boolean;
}

export interface MonthModel {
  month: number;
  rows: {
    contact: Row[];
    contact_subject: Row[];
    contact_clock: Row[];
    consent_record: Row[];
    consent_override: Row[];
    enquiry: Row[];
    enquiry_subject: Row[];
    enquiry_event: Row[];
    enquiry_response: Row[];
    enquiry_response_item: Row[];
    disclosure: Row[];
    share_decision: Row[];
    decision: Row[];
    referrer_feedback: Row[];
    meeting: Row[];
    meeting_contact: Row[];
    meeting_attendee: Row[];
    meeting_information: Row[];
    meeting_action: Row[];
  };
  events: GeneratedEvent[];
}

/** Insert order: parents before children (foreign keys). */
export const TABLE_ORDER = [
  'contact',
  'contact_subject',
  'contact_clock',
  'consent_record',
  'consent_override',
  'enquiry',
  'enquiry_subject',
  'enquiry_event',
  'enquiry_response',
  'enquiry_response_item',
  'disclosure',
  'share_decision',
  'decision',
  'referrer_feedback',
  'meeting',
  'meeting_contact',
  'meeting_attendee',
  'meeting_information',
  'meeting_action',
] as const satisfies readonly (keyof MonthModel['rows'])[];

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** Contact numbers: 16 384 a month at most; row numbers hang off the contact number. */
const PER_MONTH = 16_384;

export function monthDate(ctx: FrontDoorContext, m: number): string {
  const [y, mo] = ctx.firstMonth.split('-').map(Number);
  const total = y * 12 + (mo - 1) + m;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-01`;
}

/** Contacts in month m: the yearly volume with a school-year shape (quieter in August). */
export function monthCount(ctx: FrontDoorContext, m: number): number {
  const month = Number(monthDate(ctx, m).slice(5, 7));
  const shape = [1.0, 1.02, 1.05, 0.97, 1.04, 1.03, 1.0, 0.78, 1.02, 1.08, 1.06, 0.95][month - 1];
  const jitter = 0.96 + createRng(`${ctx.seed}/count/${m}`).next() * 0.08;
  const n = Math.round((ctx.contactsPerYear / 12) * shape * jitter);
  if (n >= PER_MONTH) throw new RangeError(`at most ${PER_MONTH - 1} contacts a month`);
  return n;
}

/** The reference sequence before month m in its year (references restart each January). */
function sequenceBefore(ctx: FrontDoorContext, m: number): number {
  const year = monthDate(ctx, m).slice(0, 4);
  let n = 0;
  for (let k = m - 1; k >= 0 && monthDate(ctx, k).slice(0, 4) === year; k--) n += monthCount(ctx, k);
  return n;
}

/**
 * The household contact (m, i) is about. About one in five contacts is about a family seen in
 * the past year (re-referrals run at about 22% in England): it takes the household of a
 * contact from 1-12 months before. A pure function of (m, i), so months need no shared state.
 */
export function householdFor(ctx: FrontDoorContext, m: number, i: number): number {
  const rng = createRng(`${ctx.seed}/household/${m}/${i}`);
  if (m > 0 && rng.chance(0.22)) {
    const back = Math.min(m, rng.int(1, 12));
    const earlier = m - back;
    return householdFor(ctx, earlier, rng.int(0, monthCount(ctx, earlier) - 1));
  }
  const fam = ctx.population.familyHouseholds;
  return fam[rng.int(0, fam.length - 1)];
}

function pickUser(rng: Rng, users: readonly UserPlan[]): UserPlan {
  return rng.pick(users);
}

function actorOf(u: UserPlan | null): GeneratedEvent['actor'] {
  return u ? { id: u.id, role: u.role, agencyId: u.agencyId } : null;
}

function clockRow(ctx: FrontDoorContext, id: string, contactId: string, c: Clock): Row {
  return {
    id,
    hub_id: ctx.hub.id,
    contact_id: contactId,
    type: c.type,
    rule: JSON.stringify(c.rule),
    started_at: c.startedAt,
    due_at: c.dueAt,
    status: c.status,
    met_at: c.metAt ?? null,
    paused_at: null,
    pause_reason: null,
    stopped_at: c.stoppedAt ?? null,
    stopped_reason: c.stoppedReason ?? null,
  };
}

/** A time within working hours after `from`, roughly `hours` working hours later. */
function workingLater(cal: WorkingCalendar, from: Date, hours: number): Date {
  return cal.addWorkingTime(cal.nextOpening(from), Math.max(1, hours * HOUR));
}

function receivedTime(rng: Rng, cal: WorkingCalendar, monthStart: string, days: number, police: boolean): Date {
  for (;;) {
    const date = addDays(monthStart, rng.int(0, days - 1));
    const working = cal.isWorkingDay(date);
    if (!working && !rng.chance(0.35)) continue;
    let minutes: number;
    if (police) minutes = rng.int(0, 1439);
    else if (working && rng.chance(0.82)) minutes = rng.int(9 * 60, 17 * 60 - 1);
    else minutes = rng.chance(0.7) ? rng.int(17 * 60, 23 * 60 + 59) : rng.int(6 * 60, 9 * 60 - 1);
    return londonInstant(date, minutes);
  }
}

function daysInMonth(monthStart: string): number {
  const [y, m] = monthStart.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function modelMonth(ctx: FrontDoorContext, m: number): MonthModel {
  const rng = createRng(`${ctx.seed}/month/${m}`);
  const { ids, hub, cal, rules, population, asOf } = ctx;
  const start = monthDate(ctx, m);
  const days = daysInMonth(start);
  const count = monthCount(ctx, m);
  const seqBase = sequenceBefore(ctx, m);
  const rows: MonthModel['rows'] = {
    contact: [], contact_subject: [], contact_clock: [], consent_record: [], consent_override: [], enquiry: [], enquiry_subject: [],
    enquiry_event: [], enquiry_response: [], enquiry_response_item: [], disclosure: [], share_decision: [], decision: [],
    referrer_feedback: [], meeting: [], meeting_contact: [], meeting_attendee: [], meeting_information: [], meeting_action: [],
  };
  const events: GeneratedEvent[] = [];
  const happened = (at: Date | null | undefined): at is Date => !!at && at.getTime() <= asOf.getTime();
  let req = 0;
  const event = (at: Date, actor: UserPlan | null, action: string, recordType: string | undefined, recordId: string | undefined, details?: Record<string, unknown>) => {
    if (happened(at)) events.push({ at, actor: actorOf(actor), action, recordType, recordId, details, requestId: `gen-${m}-${req++}` });
  };

  const mso = hub.byRole('mso');
  const sws = hub.byRole('social-worker');
  const dms = hub.byRole('decision-maker');
  const answering = hub.agencies.filter((a) => a.answers);

  // receipt times first, then number contacts in order of receipt
  const drafts = Array.from({ length: count }, (_, i) => {
    const r = createRng(`${ctx.seed}/contact/${m}/${i}`);
    const channel = CHANNEL_WEIGHTS.draw(r);
    return { r, channel, receivedAt: receivedTime(r, cal, start, days, channel === 'police-notification' || channel === 'edt') };
  });
  drafts.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());

  drafts.forEach(({ r, channel, receivedAt }, i) => {
    const n = m * PER_MONTH + i;
    const contactId = ids('contact', n);
    const year = Number(londonDate(receivedAt).slice(0, 4));
    const reference = `MASH-${year}-${String(seqBase + i + 1).padStart(6, '0')}`;
    const outOfHours = cal.isOutOfHours(receivedAt);
    const recordedAt = new Date((outOfHours && channel !== 'edt' ? cal.nextOpening(receivedAt) : receivedAt).getTime() + r.int(2, 90) * MIN);
    const scenario = channel === 'consultation-line' && r.chance(0.25);
    const police = channel === 'police-notification';
    const recorder = channel === 'online-form' ? null : police && r.chance(0.5) ? pickUser(r, hub.byRole('police')) : pickUser(r, r.chance(0.8) ? mso : sws);

    // referrer
    const referrerKind = channel === 'online-form' ? (r.chance(0.7) ? 'public' : 'anonymous') : channel === 'phone' ? r.pick(['professional', 'professional', 'professional', 'professional', 'public', 'anonymous'] as const) : 'professional';
    const referrerName = referrerKind === 'anonymous' ? null : `Synthetic Referrer ${r.int(1, 9999)}`;
    const writtenOwed = channel === 'phone' && referrerKind === 'professional' && r.chance(0.25);

    // concern
    const concerns = new Set<string>([(police ? CONCERNS_POLICE : CONCERNS_OTHER).draw(r)]);
    if (r.chance(0.25)) concerns.add(CONCERNS_OTHER.draw(r));
    const concernList = [...concerns];
    const summary = r.pick(SUMMARIES[concernList[0]] ?? SUMMARIES.other);

    // timeline
    const screenedAt = scenario ? null : workingLater(cal, recordedAt, r.next() * 4 + 0.2);
    const brag: Brag = (police ? INITIAL_BRAG.police : INITIAL_BRAG.other).draw(r);
    const checks = !scenario && r.chance(CHECKS_RATE[brag]);
    const screener = r.chance(0.6) ? pickUser(r, mso) : pickUser(r, sws);
    const dm = pickUser(r, dms);
    const worker = pickUser(r, sws);
    const decisionRule = rules.decision;
    const decisionDue = dueAt(decisionRule, receivedAt, cal);

    // subjects
    const household = population.households[householdFor(ctx, m, i)];
    const onDate = londonDate(receivedAt);
    const members = household.members.map((k) => population.persons[k]);
    const children = members.filter((p) => p.dateOfBirth && p.dateOfBirth <= onDate && ageOn(p.dateOfBirth, onDate) < 18);
    const adults = members.filter((p) => !p.dateOfBirth || ageOn(p.dateOfBirth, onDate) >= 18);
    const subjects: Array<{ id: string; personIndex: number; role: string; child: boolean; name: string; dob: string | null; address: string | null }> = [];
    if (!scenario) {
      const kids = children.length > 0 ? children : [members[0]];
      const howMany = Math.min(kids.length, r.chance(0.55) ? 1 : r.chance(0.7) ? 2 : kids.length);
      const chosen = kids.slice(0, howMany);
      const people = [...chosen.map((p) => ({ p, role: 'subject', child: true }))];
      if (adults.length > 0 && r.chance(0.55)) people.push({ p: adults[0], role: 'parent-carer', child: false });
      if (adults.length > 1 && (concerns.has('domestic-abuse') || concerns.has('physical-abuse')) && r.chance(0.35)) people.push({ p: adults[1], role: 'alleged-perpetrator', child: false });
      people.forEach(({ p, role, child }, position) => {
        const sid = ids('contact_subject', n * 8 + position);
        const given = r.chance(0.04) ? typo(r, p.givenName.split(' ')[0]) : p.givenName.split(' ')[0];
        const family = r.chance(0.04) ? typo(r, p.familyName) : p.familyName;
        const dob = p.dateOfBirth && !r.chance(0.08) ? p.dateOfBirth : null;
        const postcode = p.postcode && !r.chance(0.15) ? p.postcode : null;
        const linked = ctx.linkPersons && screenedAt && happened(screenedAt) && r.chance(0.9);
        rows.contact_subject.push({
          id: sid,
          hub_id: hub.id,
          contact_id: contactId,
          position,
          role,
          given_name: given,
          family_name: family,
          date_of_birth: dob,
          sex: p.sex === 'unknown' ? 'not-known' : p.sex,
          address: postcode ? p.address ?? null : null,
          postcode,
          school: child && r.chance(0.6) ? `Bench School ${r.int(1, 120)}` : null,
          nhs_number: child && p.nhsNumber && r.chance(0.2) ? p.nhsNumber : null,
          person_id: linked ? population.personId(p.index) : null,
          linked_at: linked ? screenedAt : null,
          linked_by: linked ? screener.id : null,
        });
        subjects.push({ id: sid, personIndex: p.index, role, child, name: `${given} ${family}`, dob, address: postcode ? p.address ?? null : null });
      });
    }

    // information requests
    const enquiries: Array<{ id: string; agencyId: string; sentAt: Date; dueAt: Date; respondedAt: Date | null; fate: 'responded' | 'closed' | 'withdrawn'; practitioner: UserPlan }> = [];
    let sentAt: Date | null = null;
    const asked = subjects.filter((s) => s.child).slice(0, 3);
    let overrideId: string | null = null;
    const consentIds: string[] = [];
    const enquirySubjects = new Map<string, Row[]>();
    // checks that had not begun by asOf leave no consent records or requests behind
    if (checks && screenedAt && asked.length > 0 && happened(new Date(screenedAt.getTime() + 135 * MIN))) {
      sentAt = new Date(screenedAt.getTime() + r.int(15, 120) * MIN);
      const consentAt = new Date(sentAt.getTime() - 10 * MIN);
      const notGiven: string[] = [];
      asked.forEach((s, k) => {
        const id = ids('consent_record', n * 4 + k);
        const roll = r.next();
        const status = roll < 0.55 ? 'given' : roll < 0.95 ? 'not-sought' : 'refused';
        if (status !== 'given') notGiven.push(s.id);
        consentIds.push(id);
        rows.consent_record.push({
          id,
          hub_id: hub.id,
          contact_id: contactId,
          contact_subject_id: s.id,
          person_id: ctx.linkPersons ? population.personId(s.personIndex) : null,
          subject_is_adult: false,
          status,
          sought_from_kind: status === 'not-sought' ? null : 'parental-responsibility',
          sought_from_names: status === 'not-sought' ? null : ['Synthetic parent'],
          sought_from_description: null,
          sought_at: status === 'not-sought' ? null : new Date(consentAt.getTime() - r.int(5, 120) * MIN),
          not_sought_reasons: status === 'not-sought' ? [r.pick(NOT_SOUGHT)] : [],
          rationale: status === 'not-sought' ? 'Synthetic: seeking consent would put the child at risk.' : null,
          capacity: null,
          scope: 'MASH checks with partner agencies',
          recorded_by: worker.id,
          recorded_at: consentAt,
          withdrawn_at: null,
          withdrawn_recorded_by: null,
          withdrawal_received_by_agency_id: null,
        });
        event(consentAt, worker, 'consent.record', 'contact', contactId, { consentId: id, status });
      });
      if (notGiven.length > 0) {
        overrideId = ids('consent_override', n);
        rows.consent_override.push({
          id: overrideId,
          hub_id: hub.id,
          contact_id: contactId,
          contact_subject_ids: notGiven,
          consent_position: 'not-sought',
          scope: 'MASH checks with partner agencies',
          criteria: [r.pick(CRITERIA)],
          proportionality: JSON.stringify({
            'proportionate-to-aim': { answer: 'yes' },
            'vulnerability-of-those-at-risk': { detail: 'Synthetic: young children.' },
            'impact-on-individual': { detail: 'Synthetic: limited.' },
            'other-equally-effective-means': { answer: 'no' },
            'necessary-to-prevent-or-detect-crime': { answer: 'no' },
            'necessary-to-protect-others': { answer: 'yes' },
          }),
          justification: 'Synthetic: checks are needed to assess risk to the children without delay.',
          confidence_holder_views: '[]',
          authorised_by: dm.id,
          authorised_at: new Date(sentAt.getTime() - 5 * MIN),
        });
        event(new Date(sentAt.getTime() - 5 * MIN), dm, 'consent.override', 'contact', contactId, { overrideId, subjects: notGiven.length });
      }
      const agencyCount = Math.min(answering.length, r.int(2, 5));
      const agencies = [...answering];
      for (let k = agencies.length - 1; k > 0; k--) {
        const j = r.int(0, k);
        [agencies[k], agencies[j]] = [agencies[j], agencies[k]];
      }
      const rule = rules[`brag-${brag}`];
      agencies.slice(0, agencyCount).forEach((agency, k) => {
        const id = ids('enquiry', n * 8 + k);
        const due = dueAt(rule, sentAt!, cal);
        const roll = r.next();
        const fate = roll < 0.88 ? 'responded' : roll < 0.97 ? 'closed' : 'withdrawn';
        const late = r.chance(0.15);
        const window = Math.max(HOUR, due.getTime() - sentAt!.getTime());
        const respondedAt = fate === 'responded' ? new Date(late ? due.getTime() + r.int(1, 72) * HOUR : sentAt!.getTime() + window * (0.1 + 0.9 * r.next())) : null;
        const practitioners = hub.practitioners(agency.id);
        enquiries.push({ id, agencyId: agency.id, sentAt: sentAt!, dueAt: due, respondedAt, fate, practitioner: pickUser(r, practitioners) });
        enquirySubjects.set(id, asked.map((s, position) => ({
            id: ids('enquiry_subject', (n * 8 + k) * 4 + position),
            hub_id: hub.id,
            enquiry_id: id,
            contact_subject_id: s.id,
            person_id: ctx.linkPersons ? population.personId(s.personIndex) : null,
            position,
            name: s.name,
            date_of_birth: s.dob,
            address: s.address,
            household: JSON.stringify(subjects.filter((h) => !asked.includes(h)).map((h) => ({ name: h.name, relationship: h.role, ...(h.dob ? { dateOfBirth: h.dob } : {}) }))),
            role_in_contact: 'Child the contact is about',
          })));
      });
    }

    // the decision: after the responses that came, or within its clock when no checks ran
    let decidedAt: Date | null = null;
    if (screenedAt) {
      const responses = enquiries.filter((e) => e.respondedAt).map((e) => e.respondedAt!.getTime());
      if (enquiries.length > 0) {
        const after = responses.length > 0 ? Math.max(...responses) : sentAt!.getTime() + 4 * HOUR;
        decidedAt = new Date(after + r.int(30, 360) * MIN);
      } else {
        const onTime = r.chance(0.9);
        const window = Math.max(30 * MIN, decisionDue.getTime() - screenedAt.getTime());
        decidedAt = new Date(onTime ? screenedAt.getTime() + window * (0.2 + 0.8 * r.next()) : decisionDue.getTime() + r.int(1, 48) * HOUR);
      }
    }
    const closedAt = scenario ? recordedAt : decidedAt ? new Date(decidedAt.getTime() + r.int(5, 2 * 24 * 60) * MIN) : null;
    const decided = happened(decidedAt);
    const screened = happened(screenedAt);
    const status = scenario ? 'closed' : happened(closedAt) ? 'closed' : decided ? 'decided' : !screened ? 'new' : enquiries.some((e) => happened(e.sentAt)) ? 'in-checks' : 'screened';
    const finalBrag: Brag = r.chance(0.85) ? brag : r.pick(['red', 'amber', 'green', 'blue'] as const);
    const outcome = OUTCOMES_BY_BRAG[finalBrag].draw(r);
    const allocated = screened && (brag === 'red' || brag === 'amber' || checks || r.chance(0.5));

    // the contact row, as it stands at asOf
    let version = 1;
    if (screened) version += 1;
    if (allocated) version += 1;
    if (status === 'in-checks' || (decided && enquiries.length > 0)) version += 1;
    if (decided) version += 1;
    if (status === 'closed' && !scenario) version += 1;
    const classification = concernList[0] in CLASSIFICATION_BY_CONCERN ? CLASSIFICATION_BY_CONCERN[concernList[0]] : channel === 'consultation-line' ? 'consultation' : brag === 'blue' ? 'information-request' : brag === 'green' ? 'early-help-request' : 'safeguarding-referral';
    rows.contact.push({
      id: contactId,
      hub_id: hub.id,
      reference,
      channel,
      received_at: receivedAt,
      out_of_hours: outOfHours,
      recorded_at: recordedAt,
      recorded_by: recorder?.id ?? null,
      recorded_by_agency_id: recorder?.agencyId ?? null,
      referrer_kind: referrerKind,
      referrer_name: referrerName,
      referrer_role: referrerKind === 'professional' ? r.pick(REFERRER_ROLES) : null,
      referrer_organisation: referrerKind === 'professional' ? r.pick(REFERRER_ORGS) : null,
      referrer_phone: referrerKind === 'anonymous' ? null : `01632 96${String(r.int(0, 9999)).padStart(4, '0')}`,
      referrer_email: referrerKind === 'professional' ? `referrer${r.int(1, 5000)}@bench.example.org` : null,
      referrer_address: null,
      referrer_relationship: referrerKind === 'public' ? r.pick(['Neighbour', 'Relative', 'Family friend']) : null,
      anonymity_note: referrerKind === 'anonymous' ? 'Synthetic: feedback cannot be given.' : null,
      concern_categories: scenario ? ['other'] : concernList,
      concern_summary: summary,
      parents_informed: r.pick(['yes', 'no', 'not-known']),
      child_spoken_to: r.pick(['yes', 'no', 'not-known']),
      written_referral_owed: writtenOwed,
      written_referral_received_at: null as Date | null,
      consultation_kind: channel === 'consultation-line' ? (scenario ? 'scenario' : 'named-child') : null,
      consultation_advice: scenario ? 'Synthetic: advice given on thresholds and next steps.' : null,
      status,
      classification: screened ? classification : null,
      threshold_level: screened ? THRESHOLD_BY_BRAG[brag] : null,
      initial_brag: screened ? brag : null,
      brag_rationale: screened ? 'Synthetic: rating reflects the concern and what is known of the family.' : null,
      police_crime_suspected: screened ? (police ? r.pick(['yes', 'no', 'not-known']) : 'not-consulted') : null,
      police_referred_to_cait: null,
      screened_at: screened ? screenedAt : null,
      screened_by: screened ? screener.id : null,
      allocated_to: allocated ? worker.id : null,
      allocated_at: allocated ? new Date(screenedAt!.getTime() + MIN) : null,
      allocated_by: allocated ? dm.id : null,
      submission_key: null,
      closed_at: status === 'closed' ? closedAt : null,
      updated_at: version > 1 ? (happened(closedAt) ? closedAt : decided ? decidedAt : screenedAt) : null,
      version,
      created_at: recordedAt,
      next_due_at: null,
    });
    const contactRow = rows.contact[rows.contact.length - 1];
    event(recordedAt, recorder, scenario ? 'consultation.record' : 'contact.create', 'contact', contactId, {
      channel, subjects: subjects.length, outOfHours, clocks: scenario ? 0 : 1 + (writtenOwed ? 1 : 0) + (concerns.has('allegation-against-professional') ? 1 : 0), via: recorder ? 'worker' : 'public-form',
    });

    // clocks
    if (!scenario) {
      const closing = happened(closedAt) ? closedAt : null;
      const settle = (c: Clock, metAt: Date | null): Clock => {
        if (metAt && happened(metAt)) return { ...c, status: 'met', metAt: metAt < c.startedAt ? c.startedAt : metAt };
        if (closing) return { ...c, status: 'stopped', stoppedAt: closing, stoppedReason: 'Contact closed' };
        return c;
      };
      const clocks: Clock[] = [settle(startClock('decision', decisionRule, receivedAt, cal), decided ? decidedAt : null)];
      if (screened) clocks.push(settle(startClock(`brag-${brag}`, rules[`brag-${brag}`], receivedAt, cal), decided ? decidedAt : null));
      if (writtenOwed) {
        const arrived = r.chance(0.9) ? new Date(receivedAt.getTime() + r.int(1, 30) * HOUR) : null;
        if (happened(arrived)) {
          contactRow.written_referral_received_at = arrived;
          contactRow.version = (contactRow.version as number) + 1;
        }
        clocks.push(settle(startClock('written-referral', rules['written-referral'], receivedAt, cal), arrived));
      }
      if (concerns.has('allegation-against-professional')) clocks.push(settle(startClock('lado-allegation', rules['lado-allegation'], receivedAt, cal), null));
      clocks.forEach((c, k) => rows.contact_clock.push(clockRow(ctx, ids('contact_clock', n * 8 + k), contactId, c)));
      // loading runs without triggers: the queue order the clock triggers would keep
      contactRow.next_due_at = queueKey(clocks, asOf).nextDueAt;
    }

    // screening and allocation
    if (screenedAt) {
      event(new Date(screenedAt.getTime() - 4 * MIN), screener, 'contact.read', 'contact', contactId, { subjects: subjects.length, for: 'screening' });
      event(screenedAt, screener, 'contact.screen', 'contact', contactId, { classification, initialBrag: brag, rescreen: false, clocksStarted: 1, clocksStopped: 0 });
      if (allocated) event(new Date(screenedAt.getTime() + MIN), dm, 'contact.allocate', 'contact', contactId, { allocatedTo: worker.id });
    }

    // requests, responses, share decisions
    enquiries.forEach((e, k) => {
      if (!happened(e.sentAt)) return;
      rows.enquiry_subject.push(...enquirySubjects.get(e.id)!);
      const agency = hub.agencies.find((a) => a.id === e.agencyId)!;
      const responded = happened(e.respondedAt);
      const closedEarly = e.fate === 'closed' && decided;
      const withdrawn = e.fate === 'withdrawn' && happened(new Date(e.sentAt.getTime() + 2 * HOUR));
      const acknowledged = r.chance(0.5) ? new Date(e.sentAt.getTime() + r.int(10, 240) * MIN) : null;
      const ackDone = happened(acknowledged) && (!e.respondedAt || acknowledged! < e.respondedAt);
      const status = responded ? 'responded' : closedEarly ? 'closed' : withdrawn ? 'withdrawn' : ackDone ? 'acknowledged' : 'sent';
      const withdrawnAt = new Date(e.sentAt.getTime() + 2 * HOUR);
      rows.enquiry.push({
        id: e.id,
        hub_id: hub.id,
        contact_id: contactId,
        agency_id: agency.id,
        agency_name: agency.name,
        question: 'Synthetic: what does your agency know about the children and their household?',
        reason: 'Synthetic: to assess the level of risk and the right response.',
        consent_basis: overrideId ? 'override' : 'consent',
        consent_ids: consentIds,
        override_id: overrideId,
        brag,
        due_rule: JSON.stringify(rules[`brag-${brag}`]),
        due_at: e.dueAt,
        status,
        sent_at: e.sentAt,
        sent_by: dm.id,
        acknowledged_at: ackDone ? acknowledged : null,
        acknowledged_by: ackDone ? e.practitioner.id : null,
        closed_at: status === 'closed' ? decidedAt : null,
        closed_by: status === 'closed' ? dm.id : null,
        close_reason: status === 'closed' ? 'decision-made-before-response' : null,
        withdrawn_at: status === 'withdrawn' ? withdrawnAt : null,
        withdrawn_by: status === 'withdrawn' ? dm.id : null,
        withdraw_reason: status === 'withdrawn' ? 'Synthetic: asked in error.' : null,
        version: 1 + (ackDone ? 1 : 0) + (status === 'responded' || status === 'closed' || status === 'withdrawn' ? 1 : 0),
      });
      const evt = (type: string, st: string, at: Date, by: UserPlan, idx: number) =>
        rows.enquiry_event.push({ id: ids('enquiry_event', (n * 8 + k) * 4 + idx), hub_id: hub.id, enquiry_id: e.id, type, status: st, at, by_user_id: by.id, by_agency_id: by.agencyId, details: JSON.stringify({ subjects: asked.length }) });
      evt('enquiry-sent', 'sent', e.sentAt, dm, 0);
      if (ackDone) evt('enquiry-acknowledged', 'acknowledged', acknowledged!, e.practitioner, 1);
      if (responded) evt('enquiry-responded', 'responded', e.respondedAt!, e.practitioner, 2);
      if (status === 'closed') evt('enquiry-closed', 'closed', decidedAt!, dm, 3);
      if (status === 'withdrawn') evt('enquiry-withdrawn', 'withdrawn', withdrawnAt, dm, 3);

      const disclosureId = ids('disclosure', n * 8 + k);
      rows.disclosure.push({
        id: disclosureId,
        hub_id: hub.id,
        contact_id: contactId,
        person_ids: ctx.linkPersons ? asked.map((s) => population.personId(s.personIndex)) : [],
        recipient_kind: 'agency',
        recipient_agency_id: agency.id,
        recipient_name: agency.name,
        recipient_email: null,
        channel: 'enquiry',
        shared: true,
        what: `Names, dates of birth and addresses of ${asked.length} ${asked.length === 1 ? 'person' : 'people'}`,
        purpose: 'Synthetic: to assess the level of risk and the right response.',
        legal_basis: 'uk-gdpr-6-1-e',
        consent_basis: overrideId ? 'override' : 'consent',
        items: '[]',
        reason_not_shared: null,
        decided_by: dm.id,
        decided_at: e.sentAt,
        source_type: 'enquiry',
        source_id: e.id,
      });
      const shareId = ids('share_decision', n * 8 + k);
      rows.share_decision.push({
        id: shareId,
        hub_id: hub.id,
        contact_id: contactId,
        enquiry_id: e.id,
        decision: 'share',
        what: `Names, dates of birth and addresses of ${asked.length} ${asked.length === 1 ? 'person' : 'people'}`,
        recipient_agency_id: agency.id,
        recipient_name: agency.name,
        purpose: 'Synthetic: to assess the level of risk and the right response.',
        answers: JSON.stringify({ when: { necessary: 'yes', proportionate: 'yes' }, checklist: { relevant: 'yes', adequate: 'yes', accurate: 'yes', timely: 'yes', secure: 'yes' } }),
        evaluation: JSON.stringify({ route: overrideId ? 'override' : 'consent', conditions: [], blockers: [], reasons: [] }),
        legal_bases: ['uk-gdpr-6-1-e', 'dpa-sch1-p2-18'],
        rationale: 'Synthetic: sharing is necessary and proportionate to safeguard the children.',
        consent_override_id: overrideId,
        decided_by: dm.id,
        decided_by_agency_id: dm.agencyId,
        decided_at: e.sentAt,
        disclosure_id: disclosureId,
      });
      event(e.sentAt, dm, 'enquiry.send', 'enquiry', e.id, { contactId, agencyId: agency.id, subjects: asked.length, consentBasis: overrideId ? 'override' : 'consent' });
      event(e.sentAt, dm, 'share-decision.record', 'share-decision', shareId, { contactId, decision: 'share', enquiryId: e.id, disclosureId });
      const looked = ackDone ? acknowledged! : responded ? new Date(e.respondedAt!.getTime() - r.int(20, 120) * MIN) : null;
      if (looked) {
        event(new Date(looked.getTime() - 2 * MIN), e.practitioner, 'enquiry.list', 'enquiry', undefined, { count: r.int(1, 30) });
        event(looked, e.practitioner, 'enquiry.read', 'enquiry', e.id);
      }
      if (ackDone) event(acknowledged!, e.practitioner, 'enquiry.acknowledge', 'enquiry', e.id);
      if (responded) {
        const responseId = ids('enquiry_response', n * 8 + k);
        const nothing = r.chance(0.35);
        rows.enquiry_response.push({
          id: responseId,
          hub_id: hub.id,
          enquiry_id: e.id,
          origin_agency_id: agency.id,
          responded_at: e.respondedAt,
          responded_by: e.practitioner.id,
          no_information_held: nothing,
          agency_brag: nothing ? null : r.pick(['red', 'amber', 'green', 'blue']),
          last_added_at: e.respondedAt,
        });
        const items = nothing ? 0 : r.int(1, 3);
        for (let j = 0; j < items; j++) {
          const held = r.chance(0.05);
          rows.enquiry_response_item.push({
            id: ids('enquiry_response_item', (n * 8 + k) * 4 + j),
            hub_id: hub.id,
            response_id: responseId,
            enquiry_id: e.id,
            origin_agency_id: agency.id,
            position: j + 1,
            batch: 0,
            kind: r.chance(0.7) ? 'fact' : 'opinion',
            text: r.chance(0.7) ? 'Synthetic: the agency holds records of previous contact with the household.' : 'Synthetic: the practitioner is worried about the children’s attendance.',
            held_back: held,
            held_back_reason: held ? 'Synthetic: an investigation is ongoing.' : null,
            added_at: e.respondedAt,
            added_by: e.practitioner.id,
          });
        }
        event(e.respondedAt!, e.practitioner, 'enquiry.respond', 'enquiry', e.id, { items, noInformationHeld: nothing });
      }
      if (status === 'closed') event(decidedAt!, dm, 'enquiry.close', 'enquiry', e.id, { reason: 'decision-made-before-response' });
      if (status === 'withdrawn') event(withdrawnAt, dm, 'enquiry.withdraw', 'enquiry', e.id);
    });
    if (sentAt && happened(sentAt)) event(sentAt, dm, 'contact.start-checks', 'contact', contactId, { enquiries: enquiries.length });

    // decision, feedback, strategy discussion
    if (decided && decidedAt) {
      const decisionId = ids('decision', n);
      const closedCount = enquiries.filter((e) => e.fate === 'closed' && happened(e.sentAt)).length;
      if (enquiries.length > 0) {
        event(new Date(decidedAt.getTime() - 25 * MIN), dm, 'checks.read', 'contact', contactId);
        event(new Date(decidedAt.getTime() - 20 * MIN), dm, 'enquiry.responses.read', 'contact', contactId, { responses: enquiries.filter((e) => happened(e.respondedAt)).length });
      }
      event(new Date(decidedAt.getTime() - 10 * MIN), dm, 'decision.read', 'contact', contactId);
      rows.decision.push({
        id: decisionId,
        hub_id: hub.id,
        contact_id: contactId,
        final_brag: finalBrag,
        outcome,
        summary: 'Synthetic: summary of what the agencies hold and of the concern.',
        recommendation: 'Synthetic: recommendation in line with the outcome.',
        nfa_rationale: outcome === 'nfa' ? 'Synthetic: no safeguarding concern identified; advice given.' : null,
        other_service_name: outcome === 'other-service' ? 'Bench 0-19 service' : null,
        other_service_person_ids: outcome === 'other-service' ? subjects.filter((s) => s.child).map((s) => s.id) : null,
        decided_by: dm.id,
        decided_at: decidedAt,
        contact_version: Math.max(1, (contactRow.version as number) - 1),
        closed_enquiry_count: closedCount,
      });
      event(decidedAt, dm, 'decision.record', 'contact', contactId, { decisionId, outcome, finalBrag, closedEnquiries: closedCount });

      const feedbackDue = dueAt(rules['feedback-to-referrer'], decidedAt, cal);
      const anonymous = referrerKind === 'anonymous';
      const late = r.chance(0.12);
      const sent = anonymous ? null : new Date(late ? feedbackDue.getTime() + r.int(1, 48) * HOUR : decidedAt.getTime() + (feedbackDue.getTime() - decidedAt.getTime()) * r.next());
      const recordedFeedback = anonymous ? decidedAt : sent;
      if (happened(recordedFeedback)) {
        const method = referrerKind === 'professional' ? r.pick(['secure-email', 'phone'] as const) : r.pick(['phone', 'letter'] as const);
        rows.referrer_feedback.push({
          id: ids('referrer_feedback', n),
          hub_id: hub.id,
          contact_id: contactId,
          decision_id: decisionId,
          status: anonymous ? 'not-possible' : 'sent',
          method: anonymous ? null : method,
          to_address: anonymous ? null : method === 'secure-email' ? contactRow.referrer_email ?? 'referrer@bench.example.org' : method === 'phone' ? contactRow.referrer_phone : 'Synthetic address',
          outcome,
          nfa_rationale: outcome === 'nfa' ? 'Synthetic: no safeguarding concern identified; advice given.' : null,
          due_at: feedbackDue,
          sent_at: anonymous ? null : sent,
          sent_by: anonymous ? null : worker.id,
          late: anonymous ? null : sent!.getTime() > feedbackDue.getTime(),
          not_possible_reason: anonymous ? 'anonymous-referrer' : null,
          outbox_email_id: null,
          recorded_by: worker.id,
          recorded_at: recordedFeedback,
        });
        event(recordedFeedback, worker, anonymous ? 'feedback.not-possible' : 'feedback.record', 'contact', contactId, { method: anonymous ? null : method, late: anonymous ? null : sent!.getTime() > feedbackDue.getTime() });
      }
      if (happened(closedAt)) event(closedAt!, dm, 'contact.close', 'contact', contactId, { status: 'closed' });

      if (outcome === 's47-strategy-discussion') {
        const meetingId = ids('meeting', n);
        const startsAt = new Date(decidedAt.getTime() + r.int(1, 24) * HOUR);
        const heldAt = new Date(startsAt.getTime() + HOUR);
        const held = happened(heldAt);
        const minutesRule = rules['strategy-minutes'];
        const minutesDue = held ? dueAt(minutesRule, heldAt, cal) : null;
        const circulated = minutesDue ? new Date(r.chance(0.85) ? heldAt.getTime() + (minutesDue.getTime() - heldAt.getTime()) * r.next() : minutesDue.getTime() + r.int(1, 48) * HOUR) : null;
        const isCirculated = happened(circulated);
        const attendeeAgencies = ['csc', 'police', 'health', 'education'].map((key) => hub.agency(key));
        if (happened(startsAt) || happened(decidedAt)) {
          rows.meeting.push({
            id: meetingId,
            hub_id: hub.id,
            kind: 'strategy-discussion',
            status: isCirculated ? 'minutes-circulated' : held ? 'held' : 'scheduled',
            starts_at: startsAt,
            venue: 'Synthetic: MASH meeting room / Teams',
            slot_id: null,
            urgent_reason: 'Synthetic: the concern could not wait for the next slot.',
            chair_user_id: dm.id,
            scheduled_by: dm.id,
            scheduled_at: decidedAt,
            held_at: held ? heldAt : null,
            held_recorded_by: held ? dm.id : null,
            decisions: held ? 'Synthetic: information to be shared with the family after the S47 visit.' : null,
            minutes_rule: held ? JSON.stringify(minutesRule) : null,
            minutes_due_at: minutesDue,
            minutes_circulated_at: isCirculated ? circulated : null,
            minutes_circulated_by: isCirculated ? dm.id : null,
            minutes_circulated_to: isCirculated ? attendeeAgencies.map((a) => a.id) : null,
            minutes_late: isCirculated ? circulated!.getTime() > minutesDue!.getTime() : null,
            cancelled_at: null,
            cancelled_by: null,
            cancel_reason: null,
            version: 1 + (held ? 1 : 0) + (isCirculated ? 1 : 0),
            created_at: decidedAt,
          });
          const s47 = r.chance(0.7);
          rows.meeting_contact.push({ hub_id: hub.id, meeting_id: meetingId, contact_id: contactId, position: 0, s47_begin: held ? s47 : null, s47_reason: held ? (s47 ? 'Synthetic: reasonable cause to suspect significant harm.' : 'Synthetic: threshold for S47 not met.') : null });
          attendeeAgencies.forEach((a, k) => {
            for (const list of held ? ['invited', 'attended'] : ['invited']) {
              rows.meeting_attendee.push({ id: ids('meeting_attendee', n * 16 + k * 2 + (list === 'attended' ? 1 : 0)), hub_id: hub.id, meeting_id: meetingId, list, position: k, agency_id: a.id, agency_kind: a.type, name: `Synthetic attendee ${k + 1}`, capacity: k === 0 ? 'chair' : 'representative', email: null });
            }
          });
          if (held) {
            attendeeAgencies.slice(1, 3).forEach((a, k) => rows.meeting_information.push({ id: ids('meeting_information', n * 4 + k), hub_id: hub.id, meeting_id: meetingId, position: k, agency_id: a.id, summary: 'Synthetic: what the agency shared at the discussion.' }));
            rows.meeting_action.push({ id: ids('meeting_action', n), hub_id: hub.id, meeting_id: meetingId, position: 0, description: 'Synthetic: joint visit to the family.', owner_name: 'Synthetic owner', owner_agency_id: attendeeAgencies[0].id, due_at: new Date(heldAt.getTime() + 2 * DAY) });
          }
          event(decidedAt, dm, 'meeting.schedule', 'meeting', meetingId, { contacts: 1, kind: 'strategy-discussion' });
          if (held) event(heldAt, dm, 'meeting.hold', 'meeting', meetingId, { attended: attendeeAgencies.length });
          if (isCirculated) event(circulated!, dm, 'meeting.circulate-minutes', 'meeting', meetingId, { to: attendeeAgencies.length, late: circulated!.getTime() > minutesDue!.getTime() });
        }
      }
    }

    // other reads of the contact over the following weeks
    const reads = r.int(0, 3);
    for (let k = 0; k < reads; k++) {
      const reader = pickUser(r, r.chance(0.5) ? sws : r.chance(0.5) ? mso : dms);
      event(new Date(receivedAt.getTime() + r.int(1, 20 * 24) * HOUR), reader, 'contact.read', 'contact', contactId, { subjects: subjects.length });
    }
  });

  return { month: m, rows, events };
}

/** Sign-ins and queue reads of the front-door team on each working day of month m. */
export function dailyEvents(ctx: FrontDoorContext, m: number): GeneratedEvent[] {
  const rng = createRng(`${ctx.seed}/daily/${m}`);
  const start = monthDate(ctx, m);
  const out: GeneratedEvent[] = [];
  const team = [...ctx.hub.byRole('mso'), ...ctx.hub.byRole('social-worker'), ...ctx.hub.byRole('decision-maker')];
  let req = 0;
  for (let d = 0; d < daysInMonth(start); d++) {
    const date = addDays(start, d);
    if (!ctx.cal.isWorkingDay(date)) continue;
    for (const u of team) {
      if (rng.chance(0.12)) continue; // leave, training
      const signIn = londonInstant(date, rng.int(8 * 60 + 30, 9 * 60 + 40));
      if (signIn.getTime() > ctx.asOf.getTime()) continue;
      const actor = { id: u.id, role: u.role as Role, agencyId: u.agencyId };
      out.push({ at: signIn, actor, action: 'auth.sign-in', recordType: 'user', recordId: u.id, requestId: `day-${m}-${req++}` });
      for (let k = 0; k < 3; k++) {
        const at = londonInstant(date, rng.int(9 * 60 + 45, 16 * 60 + 50));
        if (at.getTime() <= ctx.asOf.getTime()) out.push({ at, actor, action: 'queue.read', recordType: 'contact', details: { queue: rng.pick(['mine', 'team', 'unallocated']), page: 0, count: rng.int(5, 50) }, requestId: `day-${m}-${req++}` });
      }
    }
  }
  return out;
}

/** The London month [start, end) of month m, as instants. */
export function monthBounds(ctx: FrontDoorContext, m: number): { from: Date; to: Date } {
  const start = monthDate(ctx, m);
  return { from: londonInstant(start, 0), to: londonInstant(addDays(start, daysInMonth(start)), 0) };
}
