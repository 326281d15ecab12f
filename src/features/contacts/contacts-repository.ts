import { sql, type Transaction, type Updateable } from 'kysely';
import type { DB } from '../../db/schema';
import { AUDIT_COLUMN_TYPES, type AuditRow } from '../../platform/audit/audit-log';
import type { ContactClockTable, ContactSubjectTable, ContactTable } from '../../db/schema/contact';
import type { Clock } from '../clocks/domain/clock';
import type { ClockRule } from '../clocks/domain/clock-rules';
import type { ClockType } from '../clocks/domain/timescales';
import { OPEN_STATUSES } from './domain/status';
import type { QueueFilter } from './domain/queue';

/**
 * The front door's queries: one query per method, rows in, rows out. `get…` throws when
 * missing, `find…` may return undefined.
 */
export type Tx = Transaction<DB>;

export type ContactRow = Omit<ContactTable, 'parents_informed' | 'child_spoken_to' | 'written_referral_owed' | 'status' | 'version' | 'created_at' | 'concern_categories' | 'next_due_at'> & {
  parents_informed: string;
  child_spoken_to: string;
  written_referral_owed: boolean;
  status: string;
  version: number;
  created_at: Date;
  concern_categories: string[];
  next_due_at: Date | null;
};

export type ContactWithNames = ContactRow & {
  recorded_by_name: string | null;
  allocated_to_name: string | null;
  screened_by_name: string | null;
};

export type SubjectRow = Omit<ContactSubjectTable, 'position'> & { position: number };
export type ClockRow = Omit<ContactClockTable, 'rule'> & { rule: Record<string, unknown> };


/** Columns written at intake, with their SQL types (parameters inside INSERT … SELECT need casts). */
const CONTACT_COLUMNS = {
  id: 'uuid',
  hub_id: 'uuid',
  channel: 'text',
  received_at: 'timestamptz',
  out_of_hours: 'boolean',
  recorded_at: 'timestamptz',
  recorded_by: 'uuid',
  recorded_by_agency_id: 'uuid',
  referrer_kind: 'text',
  referrer_name: 'text',
  referrer_role: 'text',
  referrer_organisation: 'text',
  referrer_phone: 'text',
  referrer_email: 'text',
  referrer_address: 'text',
  referrer_relationship: 'text',
  anonymity_note: 'text',
  concern_categories: 'text[]',
  concern_summary: 'text',
  parents_informed: 'text',
  child_spoken_to: 'text',
  written_referral_owed: 'boolean',
  consultation_kind: 'text',
  consultation_advice: 'text',
  status: 'text',
  closed_at: 'timestamptz',
  submission_key: 'text',
  // given with the clocks, so the clock triggers find it right and leave the row alone
  next_due_at: 'timestamptz',
} as const;

const SUBJECT_COLUMNS = {
  id: 'uuid',
  hub_id: 'uuid',
  contact_id: 'uuid',
  position: 'integer',
  role: 'text',
  given_name: 'text',
  family_name: 'text',
  date_of_birth: 'date',
  sex: 'text',
  address: 'text',
  postcode: 'text',
  school: 'text',
  nhs_number: 'text',
} as const;

const NOTIFICATION_COLUMNS = {
  id: 'uuid',
  hub_id: 'uuid',
  user_id: 'uuid',
  agency_id: 'uuid',
  role: 'text',
  kind: 'text',
  topic: 'text',
  message: 'text',
  record_type: 'text',
  record_id: 'uuid',
  due_at: 'timestamptz',
  created_at: 'timestamptz',
} as const;

export type IntakeNotification = { [K in keyof typeof NOTIFICATION_COLUMNS]: string | Date | null };

const CLOCK_COLUMNS = {
  id: 'uuid',
  hub_id: 'uuid',
  contact_id: 'uuid',
  type: 'text',
  rule: 'jsonb',
  started_at: 'timestamptz',
  due_at: 'timestamptz',
  status: 'text',
  met_at: 'timestamptz',
  paused_at: 'timestamptz',
  pause_reason: 'text',
  stopped_at: 'timestamptz',
  stopped_reason: 'text',
} as const;

export interface Intake {
  contact: { [K in keyof typeof CONTACT_COLUMNS]: K extends keyof ContactRow ? ContactRow[K] : never };
  prefix: string;
  year: number;
  /** the hub's settings version the clocks were worked out with: nothing is written if it moved on */
  hubVersion: number;
  /** a number reserved ahead for this hub and year; without it the counter row is taken */
  number?: number;
  /** tasks and alerts the contact raises (the LADO's task) */
  notifications: IntakeNotification[];
  /** the work's audit events, written by the same statement (work.takeAuditRows) */
  audit: AuditRow[];
  subjects: Array<{ [K in keyof typeof SUBJECT_COLUMNS]: K extends keyof SubjectRow ? SubjectRow[K] : never }>;
  clocks: ReadonlyArray<{ id: string; clock: Clock }>;
}

export function clockFromRow(row: ClockRow): Clock {
  return {
    type: row.type as ClockType,
    rule: row.rule as unknown as ClockRule,
    startedAt: row.started_at,
    dueAt: row.due_at,
    status: row.status,
    ...(row.met_at ? { metAt: row.met_at } : {}),
    ...(row.paused_at ? { pausedAt: row.paused_at } : {}),
    ...(row.pause_reason ? { pauseReason: row.pause_reason } : {}),
    ...(row.stopped_at ? { stoppedAt: row.stopped_at } : {}),
    ...(row.stopped_reason ? { stoppedReason: row.stopped_reason } : {}),
  };
}

function clockValues(hubId: string, contactId: string, id: string, c: Clock) {
  return {
    id,
    hub_id: hubId,
    contact_id: contactId,
    type: c.type,
    rule: JSON.stringify(c.rule),
    started_at: c.startedAt,
    due_at: c.dueAt,
    status: c.status,
    met_at: c.metAt ?? null,
    paused_at: c.pausedAt ?? null,
    pause_reason: c.pauseReason ?? null,
    stopped_at: c.stoppedAt ?? null,
    stopped_reason: c.stoppedReason ?? null,
  };
}

export const contactsRepository = {
  async findHub(tx: Tx, hubId: string) {
    return tx.selectFrom('hub').select(['id', 'name', 'settings', 'active', 'version', 'local_authorities']).where('id', '=', hubId).executeTakeFirst();
  },

  async listActiveHubs(tx: Tx) {
    return tx.selectFrom('hub').select(['id', 'name', 'local_authorities']).where('active', '=', true).orderBy('name').execute();
  },

  async findBySubmissionKey(tx: Tx, hubId: string, key: string) {
    return tx.selectFrom('contact').select(['id', 'reference']).where('hub_id', '=', hubId).where('submission_key', '=', key).executeTakeFirst();
  },

  /**
   * The whole intake in one statement, which is its own transaction: the year's next reference number (from a reserved block
   * when the service has one, see reference-blocks.ts), the contact, its people, its clocks, the
   * LADO's task and the audit event.
   * Without a reserved number the counter's row lock is held until commit, so the
   * statement comes as late as it can and does everything at once (PRODUCT: intake at
   * hundreds a second). `undefined` when a concurrent submit with the same key won the race.
   * The reference is formatted as domain/reference.ts formats it (tested against it).
   */
  async insertIntake(tx: Tx, intake: Intake): Promise<{ id: string; reference: string } | 'settings-changed' | undefined> {
    const { contact, prefix, year, subjects, clocks } = intake;
    const contactColumns = Object.keys(CONTACT_COLUMNS) as Array<keyof typeof CONTACT_COLUMNS>;
    const typed = (value: unknown, type: string) => sql`${value}::${sql.raw(type)}`;
    const parts = [
      sql`with settings_current as (
        select exists (select 1 from hub where id = ${contact.hub_id}::uuid and version = ${intake.hubVersion}::integer) as ok
      ), counter as (${
        intake.number !== undefined
          ? sql`select ${intake.number}::bigint as last_value from settings_current where ok`
          : sql`insert into contact_reference_counter (hub_id, year, last_value) select ${contact.hub_id}::uuid, ${year}::integer, 1 from settings_current where ok
        on conflict (hub_id, year) do update set last_value = contact_reference_counter.last_value + 1
        returning last_value`
      }), inserted as (
        insert into contact (${sql.join(contactColumns.map((c) => sql.ref(c)))}, reference)
        select ${sql.join(contactColumns.map((c) => typed(contact[c], CONTACT_COLUMNS[c])))},
          ${prefix}::text || '-' || ${String(year)}::text || '-' || (case when counter.last_value < 1000000 then lpad(counter.last_value::text, 6, '0') else counter.last_value::text end)
        from counter
        on conflict (hub_id, submission_key) where submission_key is not null do nothing
        returning id, reference
      )`,
    ];
    if (subjects.length > 0) {
      const cols = Object.keys(SUBJECT_COLUMNS) as Array<keyof typeof SUBJECT_COLUMNS>;
      const rows = subjects.map((row) => sql`(${sql.join(cols.map((c) => typed(row[c], SUBJECT_COLUMNS[c])))})`);
      parts.push(sql`, people as (
        insert into contact_subject (${sql.join(cols.map((c) => sql.ref(c)))})
        select v.* from inserted cross join (values ${sql.join(rows)}) as v (${sql.join(cols.map((c) => sql.ref(c)))})
      )`);
    }
    if (clocks.length > 0) {
      const cols = Object.keys(CLOCK_COLUMNS) as Array<keyof typeof CLOCK_COLUMNS>;
      const rows = clocks.map((c) => {
        const row = clockValues(contact.hub_id, contact.id, c.id, c.clock);
        return sql`(${sql.join(cols.map((col) => typed(row[col], CLOCK_COLUMNS[col])))})`;
      });
      parts.push(sql`, clocks as (
        insert into contact_clock (${sql.join(cols.map((c) => sql.ref(c)))})
        select v.* from inserted cross join (values ${sql.join(rows)}) as v (${sql.join(cols.map((c) => sql.ref(c)))})
      )`);
    }
    // each CTE below selects from `inserted`: a repeated submission writes nothing at all
    const valuesFrom = (name: string, columns: Record<string, string>, rows: ReadonlyArray<Record<string, unknown>>) => {
      if (rows.length === 0) return;
      const cols = Object.keys(columns);
      const values = rows.map((row) => sql`(${sql.join(cols.map((c) => typed(row[c], columns[c])))})`);
      parts.push(sql`, ${sql.raw(name)} as (
        insert into ${sql.table(name === 'audit' ? 'audit_event' : 'notification')} (${sql.join(cols.map((c) => sql.ref(c)))})
        select v.* from inserted cross join (values ${sql.join(values)}) as v (${sql.join(cols.map((c) => sql.ref(c)))})
      )`);
    };
    valuesFrom('notifications', NOTIFICATION_COLUMNS, intake.notifications);
    valuesFrom('audit', AUDIT_COLUMN_TYPES, intake.audit);
    // no row: a repeated submission, or the hub's settings changed since they were read
    parts.push(sql` select inserted.id, inserted.reference, settings_current.ok as settings_current from settings_current left join inserted on true`);
    const result = await sql<{ id: string | null; reference: string | null; settings_current: boolean }>`${sql.join(parts, sql``)}`.execute(tx);
    const row = result.rows[0];
    if (!row?.settings_current) return 'settings-changed';
    return row.id && row.reference ? { id: row.id, reference: row.reference } : undefined;
  },

  /** write clocks whether new or replacing one of the same type (a BRAG changed back) */
  async upsertClocks(tx: Tx, hubId: string, contactId: string, clocks: ReadonlyArray<{ id: string; clock: Clock }>): Promise<void> {
    if (clocks.length === 0) return;
    await tx
      .insertInto('contact_clock')
      .values(clocks.map((c) => clockValues(hubId, contactId, c.id, c.clock)))
      .onConflict((oc) =>
        oc.columns(['contact_id', 'type']).doUpdateSet((eb) => ({
          rule: eb.ref('excluded.rule'),
          started_at: eb.ref('excluded.started_at'),
          due_at: eb.ref('excluded.due_at'),
          status: eb.ref('excluded.status'),
          met_at: eb.ref('excluded.met_at'),
          paused_at: eb.ref('excluded.paused_at'),
          pause_reason: eb.ref('excluded.pause_reason'),
          stopped_at: eb.ref('excluded.stopped_at'),
          stopped_reason: eb.ref('excluded.stopped_reason'),
        })),
      )
      .execute();
  },

  async findContact(tx: Tx, id: string): Promise<ContactWithNames | undefined> {
    return tx
      .selectFrom('contact')
      .leftJoin('app_user as recorder', 'recorder.id', 'contact.recorded_by')
      .leftJoin('app_user as allocated', 'allocated.id', 'contact.allocated_to')
      .leftJoin('app_user as screener', 'screener.id', 'contact.screened_by')
      .selectAll('contact')
      .select(['recorder.display_name as recorded_by_name', 'allocated.display_name as allocated_to_name', 'screener.display_name as screened_by_name'])
      .where('contact.id', '=', id)
      .executeTakeFirst() as Promise<ContactWithNames | undefined>;
  },

  /** a contact to show, with its hub's settings (for the clocks' calendar): one round trip on the busiest read */
  async findContactWithHubSettings(tx: Tx, id: string): Promise<(ContactWithNames & { hub_settings: unknown }) | undefined> {
    return tx
      .selectFrom('contact')
      .innerJoin('hub', 'hub.id', 'contact.hub_id')
      .leftJoin('app_user as recorder', 'recorder.id', 'contact.recorded_by')
      .leftJoin('app_user as allocated', 'allocated.id', 'contact.allocated_to')
      .leftJoin('app_user as screener', 'screener.id', 'contact.screened_by')
      .selectAll('contact')
      .select(['recorder.display_name as recorded_by_name', 'allocated.display_name as allocated_to_name', 'screener.display_name as screened_by_name', 'hub.settings as hub_settings'])
      .where('contact.id', '=', id)
      .executeTakeFirst() as Promise<(ContactWithNames & { hub_settings: unknown }) | undefined>;
  },

  /** the little the policy needs before anything else is read */
  async findContactFacts(tx: Tx, id: string) {
    return tx.selectFrom('contact').select(['id', 'hub_id', 'status', 'version', 'concern_categories', 'received_at', 'written_referral_owed', 'consultation_kind']).where('id', '=', id).executeTakeFirst();
  },

  async listSubjects(tx: Tx, contactId: string): Promise<SubjectRow[]> {
    return tx.selectFrom('contact_subject').selectAll().where('contact_id', '=', contactId).orderBy('position').execute() as Promise<SubjectRow[]>;
  },

  async listClocks(tx: Tx, contactId: string): Promise<ClockRow[]> {
    return tx.selectFrom('contact_clock').selectAll().where('contact_id', '=', contactId).orderBy('due_at').execute() as Promise<ClockRow[]>;
  },

  async listClocksOf(tx: Tx, contactIds: readonly string[]): Promise<ClockRow[]> {
    if (contactIds.length === 0) return [];
    return tx.selectFrom('contact_clock').selectAll().where('contact_id', 'in', contactIds).orderBy('due_at').execute() as Promise<ClockRow[]>;
  },

  /** the children each contact is about, in the order given, for queue rows */
  async listChildrenOf(tx: Tx, contactIds: readonly string[]) {
    if (contactIds.length === 0) return [];
    return tx
      .selectFrom('contact_subject')
      .select(['contact_id', 'given_name', 'family_name', 'date_of_birth'])
      .where('contact_id', 'in', contactIds)
      .where('role', '=', 'subject')
      .orderBy('contact_id')
      .orderBy('position')
      .execute();
  },

  /** optimistic concurrency: undefined when the version moved on */
  async updateContact(tx: Tx, id: string, expectedVersion: number, changes: Omit<Updateable<ContactTable>, 'id' | 'hub_id' | 'version' | 'concern_categories'>): Promise<{ version: number } | undefined> {
    return tx
      .updateTable('contact')
      .set({ ...changes, version: sql`version + 1` })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .returning('version')
      .executeTakeFirst();
  },

  /**
   * One page of a queue in its order: what falls due first (a breached clock is the earliest
   * due, so it leads), no running clock last, then receipt and reference. Each queue has a
   * partial index in exactly this order (migration queue-next-due), so the page is the first
   * rows of an index scan whatever the backlog. The open statuses are literals so that the
   * planner can match the indexes' predicates.
   */
  async queue(tx: Tx, hubId: string, filter: QueueFilter, page: number, pageSize: number) {
    let q = tx
      .selectFrom('contact')
      .leftJoin('app_user as allocated', 'allocated.id', 'contact.allocated_to')
      .select([
        'contact.id',
        'contact.reference',
        'contact.channel',
        'contact.received_at',
        'contact.out_of_hours',
        'contact.status',
        'contact.initial_brag',
        'contact.allocated_to',
        'allocated.display_name as allocated_to_name',
        'contact.concern_categories',
        'contact.consultation_kind',
        'contact.next_due_at',
      ])
      .where('contact.hub_id', '=', hubId)
      .where(sql<boolean>`contact.status in (${sql.join(OPEN_STATUSES.map((s) => sql.lit(s)))})`);
    switch (filter.kind) {
      case 'allocated-to':
        q = q.where('contact.allocated_to', '=', filter.userId);
        break;
      case 'allocated':
        q = q.where('contact.allocated_to', 'is not', null);
        break;
      case 'unallocated':
        q = q.where('contact.allocated_to', 'is', null);
        break;
      case 'recorded-by-agency':
        q = q.where('contact.recorded_by_agency_id', '=', filter.agencyId);
        break;
      default: {
        const unknown: never = filter;
        throw new Error(`unknown queue filter ${JSON.stringify(unknown)}`);
      }
    }
    return q
      .orderBy(sql`contact.next_due_at asc nulls last`)
      .orderBy('contact.received_at')
      .orderBy('contact.reference')
      .limit(pageSize + 1)
      .offset(page * pageSize)
      .execute();
  },

  async findAgency(tx: Tx, agencyId: string) {
    return tx.selectFrom('agency').select(['id', 'hub_id', 'name']).where('id', '=', agencyId).executeTakeFirst();
  },

  async listAgencies(tx: Tx, hubId: string) {
    return tx.selectFrom('agency').select(['id', 'name']).where('hub_id', '=', hubId).where('active', '=', true).orderBy('name').execute();
  },

  /** the front-door team a contact can be allocated to */
  async listFrontDoorWorkers(tx: Tx, hubId: string, roles: readonly string[]) {
    return tx
      .selectFrom('app_user')
      .select(['id', 'display_name', 'role'])
      .where('hub_id', '=', hubId)
      .where('active', '=', true)
      .where('role', 'in', roles)
      .orderBy('display_name')
      .execute();
  },

  async findUser(tx: Tx, userId: string) {
    return tx.selectFrom('app_user').select(['id', 'hub_id', 'role', 'active', 'display_name']).where('id', '=', userId).executeTakeFirst();
  },

  async insertNotification(
    tx: Tx,
    row: { id: string; hub_id: string; user_id: string | null; agency_id: string | null; role: string | null; kind: 'alert' | 'task'; topic: string; message: string; record_type: string; record_id: string; due_at: Date | null; created_at: Date },
  ): Promise<void> {
    await tx.insertInto('notification').values({ ...row, read_at: null, completed_at: null, completed_by: null }).execute();
  },

  async updateHubSettings(tx: Tx, hubId: string, expectedVersion: number, settings: Record<string, unknown>) {
    return tx
      .updateTable('hub')
      .set({ settings: JSON.stringify(settings), version: sql`version + 1` })
      .where('id', '=', hubId)
      .where('version', '=', expectedVersion)
      .returning(['version'])
      .executeTakeFirst();
  },
};
