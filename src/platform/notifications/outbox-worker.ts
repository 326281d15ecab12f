import { sql, type Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { DB } from '../../db/schema';

export interface OutboxWorker {
  start(): void;
  /** one pass: send what is pending; returns how many were sent */
  poll(): Promise<number>;
  stop(): Promise<void>;
}

const MAX_ATTEMPTS = 5;

/**
 * Sends pending outbox emails, one transaction per email, skipping rows another worker holds
 * (FOR UPDATE SKIP LOCKED). Without SMTP_URL, mail goes to a JSON transport: the email is marked
 * sent and nothing leaves the machine (demo and tests).
 */
export function createOutboxWorker(db: Kysely<DB>, options: { smtpUrl?: string; from: string; intervalMs?: number; log?: (msg: string) => void }): OutboxWorker {
  const transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : nodemailer.createTransport({ jsonTransport: true });
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;

  async function sendOne(): Promise<boolean> {
    return db.transaction().execute(async (tx) => {
      const row = await tx
        .selectFrom('outbox_email')
        .selectAll()
        .where('status', '=', 'pending')
        .orderBy('created_at')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!row) return false;
      try {
        await transport.sendMail({ from: options.from, to: row.to_address, subject: row.subject, text: row.body });
        await tx.updateTable('outbox_email').set({ status: 'sent', sent_at: new Date(), attempts: sql`attempts + 1` }).where('id', '=', row.id).execute();
      } catch (error) {
        const attempts = row.attempts + 1;
        await tx
          .updateTable('outbox_email')
          .set({ attempts, status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending', last_error: (error as Error).message.slice(0, 200) })
          .where('id', '=', row.id)
          .execute();
        options.log?.('outbox: an email could not be sent; it will be retried');
        return false;
      }
      return true;
    });
  }

  const worker: OutboxWorker = {
    async poll() {
      let sent = 0;
      // bounded: a long backlog is drained over several polls
      for (let i = 0; i < 50; i++) {
        if (!(await sendOne())) break;
        sent += 1;
      }
      return sent;
    },
    start() {
      const tick = () => {
        running = worker.poll().catch(() => 0);
        void running.finally(() => {
          timer = setTimeout(tick, options.intervalMs ?? 5000);
        });
      };
      timer = setTimeout(tick, options.intervalMs ?? 5000);
    },
    async stop() {
      if (timer) clearTimeout(timer);
      await running;
    },
  };
  return worker;
}
