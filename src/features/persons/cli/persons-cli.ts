import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import type { Config } from '../../../config/config';
import { isRole } from '../../../platform/access/roles';
import type { Actor } from '../../../platform/access/policy';
import { appendAuditEvents } from '../../../platform/audit/audit-log';
import type { Database } from '../../../platform/db/database';
import { UnitOfWork } from '../../../platform/db/unit-of-work';
import { systemClock } from '../../../platform/time/clock';
import { readImportFile } from '../import/import-rows';
import { personsRepository } from '../persons-repository';
import { createPersonsService } from '../persons-service';
import type { ImportReport } from '../persons-views';

export interface PersonsCliDeps {
  withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T>;
  config(): Config;
}

/** Rows a transaction of the command-line import takes: a failure loses at most one chunk. */
export const IMPORT_CHUNK = 2000;

/** A refusal the command line prints as a message (cli.ts prints any error's message). */
class CliError extends Error {}

/**
 * `openmash persons import FILE --as <email>`: a legacy system's CSV export into the person
 * index, in chunks, as an administrator of the hub (their permission is checked and the import
 * audited under their name). Prints counts and the rejected rows' line numbers and reasons —
 * never a name.
 * `openmash persons reindex [--hub <id>]`: re-derive the blocking keys after the matching rules
 * change.
 */
export function registerPersonsCommands(program: Command, deps: PersonsCliDeps): void {
  const persons = program.command('persons').description('the person index: import from CSV, rebuild search keys');

  persons
    .command('import')
    .description('import persons from a CSV file (given_name, family_name, date_of_birth, postcode, address, sex, nhs_number, external_id, source)')
    .argument('<file>', 'the CSV file')
    .requiredOption('--as <email>', 'the administrator the import is done as (needs person.import)')
    .option('--json', 'print the report as JSON')
    .action(async (file: string, opts: { as: string; json?: boolean }) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        throw new CliError(`Cannot read ${file}`);
      }
      const parsed = readImportFile(text);
      if (!parsed.ok) throw new CliError(parsed.errors.map((e) => e.text).join('\n'));
      await deps.withDatabase(async ({ db }) => {
        const user = await db.selectFrom('app_user').selectAll().where('email', '=', opts.as.trim().toLowerCase()).executeTakeFirst();
        if (!user || !user.active || !isRole(user.role)) throw new CliError('No active user with that email address');
        const actor: Actor = { userId: user.id, hubId: user.hub_id, agencyId: user.agency_id, role: user.role, displayName: user.display_name };
        const service = createPersonsService({ db, uow: new UnitOfWork(db, systemClock), clock: systemClock, config: deps.config() });
        const ctx = { requestId: `cli-import-${Date.now()}`, sourceAddress: null };
        const total: ImportReport = { rows: 0, imported: 0, rejected: [], ignoredColumns: parsed.ignoredColumns };
        for (let i = 0; i < parsed.rows.length; i += IMPORT_CHUNK) {
          const report = await service.importPersonRows(actor, ctx, { rows: parsed.rows.slice(i, i + IMPORT_CHUNK), columns: parsed.columns, ignoredColumns: parsed.ignoredColumns });
          total.rows += report.rows;
          total.imported += report.imported;
          total.rejected.push(...report.rejected);
          if (!opts.json && parsed.rows.length > IMPORT_CHUNK) process.stderr.write(`\r${total.rows} of ${parsed.rows.length} rows read`);
        }
        if (!opts.json && parsed.rows.length > IMPORT_CHUNK) process.stderr.write('\n');
        if (opts.json) {
          console.log(JSON.stringify(total, null, 2));
          return;
        }
        console.log(`${total.rows} rows read: ${total.imported} imported, ${total.rejected.length} rejected`);
        if (total.ignoredColumns.length > 0) console.log(`Columns not used: ${total.ignoredColumns.join(', ')}`);
        for (const r of total.rejected) console.log(`  line ${r.line}: ${r.reasons.join('; ')}`);
        if (total.rejected.length > 0) process.exitCode = 1;
      });
    });

  persons
    .command('reindex')
    .description('re-derive every person’s search keys (after the matching rules change)')
    .option('--hub <id>', 'only this hub')
    .action(async (opts: { hub?: string }) => {
      await deps.withDatabase(async ({ db }) => {
        let hubs = db.selectFrom('hub').select(['id', 'name']);
        if (opts.hub) hubs = hubs.where('id', '=', opts.hub);
        for (const hub of await hubs.orderBy('name').execute()) {
          const done = await personsRepository.rebuildBlockKeys(db, hub.id, (n) => process.stderr.write(`\r${hub.name}: ${n} persons`));
          process.stderr.write('\n');
          await db.transaction().execute((tx) =>
            appendAuditEvents(tx, { hubId: hub.id, actorUserId: null, actorRole: 'operator', actorAgencyId: null, requestId: 'cli', sourceAddress: null }, [{ action: 'person.reindex', recordType: 'person', details: { persons: done, via: 'cli' } }], new Date()),
          );
          console.log(`${hub.name}: search keys rebuilt for ${done} persons`);
        }
      });
    });
}
