import { sql, type Kysely } from 'kysely';

/**
 * The performance measures (C13) read one hub's period at a time — contacts by receipt,
 * decisions and feedback by when they were made, requests by when they were sent — and
 * without these indexes each read was a scan of every year the hub holds.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index contact_hub_received on contact (hub_id, received_at)`.execute(db);
  await sql`create index decision_hub_decided on decision (hub_id, decided_at)`.execute(db);
  await sql`create index referrer_feedback_hub_recorded on referrer_feedback (hub_id, recorded_at)`.execute(db);
  await sql`create index enquiry_hub_sent on enquiry (hub_id, sent_at)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
