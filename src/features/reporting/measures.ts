/**
 * The steering group's performance measures (PRODUCT.md C13; 000 §7) for one hub and period,
 * as plain SQL: contact volume, referral source, outcome, contacts progressing to assessment and
 * to early help, the re-referral rate within 12 months, missing children notifications, and the
 * timeliness of decisions and of agency responses against their clocks — by month, source,
 * agency and BRAG.
 *
 * Counting rules, so that every chart, table and export agrees:
 * - a contact belongs to the London month it was received in; a scenario consultation (advice
 *   with no person) is counted apart, never as a contact;
 * - outcomes, progression and decision timeliness are of the contacts received in the period,
 *   whenever they were decided (a contact not yet decided at `asOf` is "undecided");
 * - a referral is a decision to progress to a child and family assessment or to a section 47
 *   strategy discussion; a re-referral is a referral about a child (a linked person, role
 *   "subject") who had an earlier referral received within the 365 days before it — only
 *   children linked to the person index can be counted;
 * - agency response timeliness is of the information requests sent in the period: on time
 *   means a response at or before the request's due instant; withdrawn requests are left out;
 * - a clock is "overdue" when it still runs (or was stopped) past its due instant at `asOf`.
 *
 * Aggregates only: no names, no record ids. Runs in one read-only transaction on either backend.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';

export interface MeasuresQuery {
  hubId: string;
  /** inclusive */
  from: Date;
  /** exclusive */
  to: Date;
  /** the instant the figures describe (clocks still running are judged against it) */
  asOf: Date;
}

export interface VolumeByMonth {
  month: string;
  contacts: number;
  outOfHours: number;
  scenarioConsultations: number;
}

export interface CountBy<K extends string> {
  key: K | null;
  contacts: number;
}

export interface OutcomeRow {
  outcome: string;
  finalBrag: string | null;
  contacts: number;
}

export interface ProgressionByMonth {
  month: string;
  decided: number;
  undecided: number;
  toAssessment: number;
  toEarlyHelp: number;
}

export interface ReReferrals {
  /** referrals about linked children in the period (one per child per referral) */
  referrals: number;
  /** of those, children with an earlier referral received within 365 days */
  reReferrals: number;
  rate: number | null;
  /** contacts in the period about a linked child already the subject of a contact in the 365 days before */
  repeatContacts: number;
  contactsAboutLinkedChildren: number;
  repeatContactRate: number | null;
}

export interface MissingByMonth {
  month: string;
  notifications: number;
  fromPolice: number;
}

export interface ClockTimeliness {
  /** decision, or brag-red / brag-amber / brag-green / brag-blue */
  clock: string;
  brag: string | null;
  metOnTime: number;
  metLate: number;
  running: number;
  overdue: number;
  stopped: number;
  /** median hours from start to met, for clocks met */
  medianHoursToMet: number | null;
}

export interface AgencyTimeliness {
  agency: string;
  brag: string;
  sent: number;
  onTime: number;
  late: number;
  outstanding: number;
  outstandingOverdue: number;
  closedBeforeResponse: number;
  medianHoursToRespond: number | null;
}

export interface FeedbackTimeliness {
  sent: number;
  onTime: number;
  late: number;
  notPossible: number;
}

export interface Measures {
  hubId: string;
  from: Date;
  to: Date;
  asOf: Date;
  volume: { total: number; byMonth: VolumeByMonth[]; byChannel: CountBy<string>[]; byReferrerKind: CountBy<string>[]; byInitialBrag: CountBy<string>[] };
  source: Array<{ channel: string; referrerKind: string; recordingAgency: string | null; contacts: number }>;
  outcomes: OutcomeRow[];
  progression: ProgressionByMonth[];
  reReferrals: ReReferrals;
  missing: MissingByMonth[];
  decisionTimeliness: ClockTimeliness[];
  agencyTimeliness: AgencyTimeliness[];
  feedback: FeedbackTimeliness;
}

type Db = Kysely<DB> | Transaction<DB>;

const REFERRAL_OUTCOMES = sql`('assessment', 's47-strategy-discussion')`;

interface ContactPass {
  by_month: Array<{ month: string; contacts: number; out_of_hours: number; scenario: number; decided: number; undecided: number; assessment: number; early_help: number; missing: number; missing_police: number }> | null;
  by_channel: CountBy<string>[] | null;
  by_referrer_kind: CountBy<string>[] | null;
  by_brag: CountBy<string>[] | null;
  source: Array<{ channel: string; referrer_kind: string; agency: string | null; contacts: number }> | null;
  outcomes: Array<{ outcome: string; final_brag: string | null; contacts: number }> | null;
}

/**
 * Everything counted from the period's contacts and their decisions, in one pass: the rows are
 * read once into a CTE and each table of the report is an aggregate of it.
 */
export async function contactMeasures(db: Db, q: MeasuresQuery) {
  const r = await sql<ContactPass>`
    with c as materialized (
      select to_char(c.received_at at time zone 'Europe/London', 'YYYY-MM') as month,
        c.channel, c.referrer_kind, c.initial_brag, c.out_of_hours,
        c.consultation_kind is not distinct from 'scenario' as scenario,
        'missing' = any (c.concern_categories) as missing,
        a.name as agency, d.outcome, d.final_brag
      from contact c
      -- a contact is decided after it is received: only decisions from the period's start on
      -- can be these contacts', and the bound lets the hub's decisions be read by date
      left join decision d on d.contact_id = c.id and d.hub_id = ${q.hubId} and d.decided_at >= ${q.from} and d.decided_at <= ${q.asOf}
      left join agency a on a.id = c.recorded_by_agency_id
      where c.hub_id = ${q.hubId} and c.received_at >= ${q.from} and c.received_at < ${q.to}
    ),
    counted as (select * from c where not scenario)
    select
      (select json_agg(m order by m.month) from (
        select month,
          count(*) filter (where not scenario) as contacts,
          count(*) filter (where out_of_hours and not scenario) as out_of_hours,
          count(*) filter (where scenario) as scenario,
          count(outcome) filter (where not scenario) as decided,
          count(*) filter (where outcome is null and not scenario) as undecided,
          count(*) filter (where outcome in ${REFERRAL_OUTCOMES} and not scenario) as assessment,
          count(*) filter (where outcome = 'early-help' and not scenario) as early_help,
          count(*) filter (where missing) as missing,
          count(*) filter (where missing and channel = 'police-notification') as missing_police
        from c group by month) m) as by_month,
      (select json_agg(x order by x.contacts desc, x.key) from (select channel as key, count(*) as contacts from counted group by 1) x) as by_channel,
      (select json_agg(x order by x.contacts desc, x.key) from (select referrer_kind as key, count(*) as contacts from counted group by 1) x) as by_referrer_kind,
      (select json_agg(x order by x.contacts desc, x.key) from (select initial_brag as key, count(*) as contacts from counted group by 1) x) as by_brag,
      (select json_agg(x order by x.contacts desc, x.channel, x.referrer_kind, x.agency) from (select channel, referrer_kind, agency, count(*) as contacts from counted group by 1, 2, 3) x) as source,
      (select json_agg(x order by x.outcome, x.final_brag) from (select coalesce(outcome, 'undecided') as outcome, final_brag, count(*) as contacts from counted group by 1, 2) x) as outcomes`.execute(db);
  const x = r.rows[0];
  const byMonth = x.by_month ?? [];
  return {
    volume: {
      total: byMonth.reduce((n, m) => n + m.contacts, 0),
      byMonth: byMonth.map((m): VolumeByMonth => ({ month: m.month, contacts: m.contacts, outOfHours: m.out_of_hours, scenarioConsultations: m.scenario })),
      byChannel: x.by_channel ?? [],
      byReferrerKind: x.by_referrer_kind ?? [],
      byInitialBrag: x.by_brag ?? [],
    },
    source: (x.source ?? []).map((s) => ({ channel: s.channel, referrerKind: s.referrer_kind, recordingAgency: s.agency, contacts: s.contacts })),
    outcomes: (x.outcomes ?? []).map((o): OutcomeRow => ({ outcome: o.outcome, finalBrag: o.final_brag, contacts: o.contacts })),
    progression: byMonth.filter((m) => m.contacts > 0).map((m): ProgressionByMonth => ({ month: m.month, decided: m.decided, undecided: m.undecided, toAssessment: m.assessment, toEarlyHelp: m.early_help })),
    missing: byMonth.filter((m) => m.missing > 0).map((m): MissingByMonth => ({ month: m.month, notifications: m.missing, fromPolice: m.missing_police })),
  };
}

/**
 * Re-referrals: each child's contacts in time order (from a year before the period, so the
 * first contact of the period can look back), each compared with the child's previous contact
 * and previous referral — one sort and one window pass (the latest earlier referral is the
 * previous referral), no grouping.
 */
export async function reReferrals(db: Db, q: MeasuresQuery): Promise<ReReferrals> {
  const r = await sql<{ referrals: number; re_referrals: number; contacts: number; repeats: number }>`
    with child_contact as (
      select s.person_id, c.id as contact_id, c.received_at,
        coalesce(d.outcome in ${REFERRAL_OUTCOMES}, false) as referral
      from contact c
      join contact_subject s on s.contact_id = c.id and s.role = 'subject' and s.person_id is not null
      -- decided after received (see contactMeasures), so from the look-back's start on
      left join decision d on d.contact_id = c.id and d.hub_id = ${q.hubId} and d.decided_at >= ${q.from}::timestamptz - interval '365 days' and d.decided_at <= ${q.asOf}
      where c.hub_id = ${q.hubId} and c.received_at >= ${q.from}::timestamptz - interval '365 days' and c.received_at < ${q.to}
    ),
    seq as (
      select received_at, referral,
        -- a child named twice on one contact: the rows are adjacent, count the first
        contact_id is not distinct from lag(contact_id) over earlier as repeated,
        max(received_at) over earlier as previous_contact,
        max(received_at) filter (where referral) over earlier as previous_referral
      from child_contact
      -- one window for all three (lag ignores the frame), so one pass
      window earlier as (partition by person_id order by received_at, contact_id rows between unbounded preceding and 1 preceding)
    )
    select
      count(*) filter (where referral) as referrals,
      count(*) filter (where referral and previous_referral >= received_at - interval '365 days') as re_referrals,
      count(*) as contacts,
      count(*) filter (where previous_contact >= received_at - interval '365 days') as repeats
    from seq where received_at >= ${q.from} and not repeated`.execute(db);
  const x = r.rows[0];
  const rate = (n: number, d: number) => (d === 0 ? null : n / d);
  return {
    referrals: x.referrals,
    reReferrals: x.re_referrals,
    rate: rate(x.re_referrals, x.referrals),
    contactsAboutLinkedChildren: x.contacts,
    repeatContacts: x.repeats,
    repeatContactRate: rate(x.repeats, x.contacts),
  };
}

/** The decision clock and the BRAG action clocks of the period's contacts, by initial BRAG. */
export async function decisionTimeliness(db: Db, q: MeasuresQuery): Promise<ClockTimeliness[]> {
  const r = await sql<{ clock: string; brag: string | null; on_time: number; late: number; running: number; overdue: number; stopped: number; median_hours: number | null }>`
    select k.type as clock, c.initial_brag as brag,
      count(*) filter (where k.status = 'met' and k.met_at <= k.due_at) as on_time,
      count(*) filter (where k.status = 'met' and k.met_at > k.due_at) as late,
      count(*) filter (where k.status in ('running', 'paused') and k.due_at >= ${q.asOf}) as running,
      count(*) filter (where (k.status in ('running', 'paused') and k.due_at < ${q.asOf}) or (k.status = 'stopped' and k.stopped_at > k.due_at)) as overdue,
      count(*) filter (where k.status = 'stopped' and k.stopped_at <= k.due_at) as stopped,
      percentile_cont(0.5) within group (order by extract(epoch from (k.met_at - k.started_at)) / 3600) filter (where k.status = 'met') as median_hours
    from contact c join contact_clock k on k.contact_id = c.id
    where c.hub_id = ${q.hubId} and c.received_at >= ${q.from} and c.received_at < ${q.to}
      and k.type in ('decision', 'brag-red', 'brag-amber', 'brag-green', 'brag-blue')
      -- these clocks start at receipt (contact-clocks.ts): the bounds leave the other hubs' and
      -- years' clocks out before the join rather than after it
      and k.hub_id = ${q.hubId} and k.started_at >= ${q.from}
    group by 1, 2 order by 1, 2`.execute(db);
  return r.rows.map((x) => ({ clock: x.clock, brag: x.brag, metOnTime: x.on_time, metLate: x.late, running: x.running, overdue: x.overdue, stopped: x.stopped, medianHoursToMet: x.median_hours === null ? null : Number(x.median_hours) }));
}

/** Information requests sent in the period, by agency and BRAG, against their due instants. */
export async function agencyTimeliness(db: Db, q: MeasuresQuery): Promise<AgencyTimeliness[]> {
  const r = await sql<{ agency: string; brag: string; sent: number; on_time: number; late: number; outstanding: number; overdue: number; closed: number; median_hours: number | null }>`
    select e.agency_name as agency, e.brag, count(*) as sent,
      count(*) filter (where rsp.responded_at <= e.due_at) as on_time,
      count(*) filter (where rsp.responded_at > e.due_at) as late,
      count(*) filter (where rsp.id is null and e.status in ('sent', 'acknowledged')) as outstanding,
      count(*) filter (where rsp.id is null and e.status in ('sent', 'acknowledged') and e.due_at < ${q.asOf}) as overdue,
      count(*) filter (where e.status = 'closed') as closed,
      percentile_cont(0.5) within group (order by extract(epoch from (rsp.responded_at - e.sent_at)) / 3600) filter (where rsp.id is not null) as median_hours
    -- a response follows its request: the lower bound leaves earlier years' responses out before the join
    from enquiry e left join enquiry_response rsp on rsp.enquiry_id = e.id and rsp.hub_id = ${q.hubId} and rsp.responded_at >= ${q.from} and rsp.responded_at <= ${q.asOf}
    where e.hub_id = ${q.hubId} and e.sent_at >= ${q.from} and e.sent_at < ${q.to} and e.status <> 'withdrawn'
    group by 1, 2 order by 1, 2`.execute(db);
  return r.rows.map((x) => ({
    agency: x.agency,
    brag: x.brag,
    sent: x.sent,
    onTime: x.on_time,
    late: x.late,
    outstanding: x.outstanding,
    outstandingOverdue: x.overdue,
    closedBeforeResponse: x.closed,
    medianHoursToRespond: x.median_hours === null ? null : Number(x.median_hours),
  }));
}

/** Feedback to referrers about decisions made in the period. */
export async function feedbackTimeliness(db: Db, q: MeasuresQuery): Promise<FeedbackTimeliness> {
  const r = await sql<{ sent: number; on_time: number; late: number; not_possible: number }>`
    select count(*) filter (where f.status = 'sent') as sent,
      count(*) filter (where f.status = 'sent' and not f.late) as on_time,
      count(*) filter (where f.status = 'sent' and f.late) as late,
      count(*) filter (where f.status = 'not-possible') as not_possible
    from referrer_feedback f join decision d on d.id = f.decision_id
    where f.hub_id = ${q.hubId} and d.hub_id = ${q.hubId} and d.decided_at >= ${q.from} and d.decided_at < ${q.to}
      -- feedback follows its decision: the lower bound lets the hub's feedback be read by date
      and f.recorded_at >= ${q.from} and f.recorded_at <= ${q.asOf}`.execute(db);
  const x = r.rows[0];
  return { sent: x.sent, onTime: x.on_time, late: x.late, notPossible: x.not_possible };
}

/** Every measure for the period, read in one repeatable-read transaction so that they agree. */
export async function computeMeasures(db: Kysely<DB>, q: MeasuresQuery): Promise<Measures> {
  if (!(q.from < q.to)) throw new RangeError('the period must end after it starts');
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => {
      await sql`set transaction read only`.execute(tx);
      // a few sorts and hashes over a year's rows: in memory, not spilled to disk; and no JIT,
      // whose compiling costs more than these sub-second statements gain from it
      await sql`set local work_mem = '64MB'`.execute(tx);
      await sql`set local jit = off`.execute(tx);
      const contacts = await contactMeasures(tx, q);
      return {
        hubId: q.hubId,
        from: q.from,
        to: q.to,
        asOf: q.asOf,
        ...contacts,
        reReferrals: await reReferrals(tx, q),
        decisionTimeliness: await decisionTimeliness(tx, q),
        agencyTimeliness: await agencyTimeliness(tx, q),
        feedback: await feedbackTimeliness(tx, q),
      };
    });
}
