import type { Command } from 'commander';
import type { Database } from '../../../platform/db/database';
import { OPEN_STATUSES } from '../domain/status';
import { summariseClocks, type ClockSummary } from './clock-summary';

/**
 * `openmash contacts clocks [--hub <id>] [--json]`: per hub, how many open contacts there are
 * and how many of their clocks are overdue or due soon, by clock type. Counts only: no names,
 * no references, nothing about a person — safe for an operator's terminal and for monitoring.
 */
export function registerContactsCommands(program: Command, deps: { withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> }): void {
  const contacts = program.command('contacts').description('the front door: contacts and their deadline clocks');
  contacts
    .command('clocks')
    .description('per hub: open contacts, and clocks overdue or due soon by type (counts only)')
    .option('--hub <id>', 'only this hub')
    .option('--json', 'print JSON (for monitoring) rather than a table')
    .action(async (opts: { hub?: string; json?: boolean }) => {
      await deps.withDatabase(async ({ db }) => {
        let hubs = db.selectFrom('hub').select(['id', 'name', 'settings']).where('active', '=', true);
        if (opts.hub) hubs = hubs.where('id', '=', opts.hub);
        const summaries: ClockSummary[] = [];
        const now = new Date();
        for (const hub of await hubs.orderBy('name').execute()) {
          const open = await db
            .selectFrom('contact')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('hub_id', '=', hub.id)
            .where('status', 'in', OPEN_STATUSES)
            .executeTakeFirstOrThrow();
          const clocks = await db
            .selectFrom('contact_clock')
            .innerJoin('contact', 'contact.id', 'contact_clock.contact_id')
            .select(['contact_clock.type', 'contact_clock.rule', 'contact_clock.started_at', 'contact_clock.due_at', 'contact_clock.status'])
            .where('contact_clock.hub_id', '=', hub.id)
            .where('contact_clock.status', '=', 'running')
            .where('contact.status', 'in', OPEN_STATUSES)
            .execute();
          summaries.push(summariseClocks({ hubId: hub.id, hubName: hub.name, settings: hub.settings, openContacts: Number(open.n), clocks }, now));
        }
        if (opts.json) {
          console.log(JSON.stringify({ at: now.toISOString(), hubs: summaries }, null, 2));
          return;
        }
        for (const s of summaries) {
          console.log(`${s.hubName} (${s.hubId}): ${s.openContacts} open contacts, ${s.overdue} clocks overdue, ${s.dueSoon} due soon`);
          if (s.byType.length > 0) console.table(s.byType);
        }
      });
    });
}
