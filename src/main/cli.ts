import { Command, Option } from 'commander';
import { randomUUID } from 'node:crypto';
import { ConfigError, loadConfig, type Config } from '../config/config';
import { readEnv } from '../config/env';
import { createDemoHub, DEMO_USERS } from '../features/demo/demo-hub';
import { hashPassword } from '../features/auth/passwords';
import { generatePassword } from '../features/admin/admin-service';
import { validateUser } from '../features/admin/domain/admin-validation';
import { isRole } from '../platform/access/roles';
import { appendAuditEvents } from '../platform/audit/audit-log';
import { verifyAuditChains } from '../platform/audit/audit-verify';
import { migrateToLatest } from '../platform/db/migrate';
import { openConfiguredDatabase, startHub } from './start';
import { registerFeatureCommands } from './cli-features';

/** Operators' command line. Settings come from the same environment variables as the server. */
const program = new Command('openmash').description('OpenMASH: the multi-agency safeguarding hub').showHelpAfterError();

const config = (): Config => loadConfig(readEnv());

async function withDatabase<T>(fn: (db: Awaited<ReturnType<typeof openConfiguredDatabase>>) => Promise<T>, options: { migrate?: boolean } = {}): Promise<T> {
  const database = await openConfiguredDatabase(config());
  try {
    if (options.migrate !== false) await migrateToLatest(database.db);
    return await fn(database);
  } finally {
    await database.close();
  }
}

const cliAudit = { hubId: null, actorUserId: null, actorRole: 'operator', actorAgencyId: null, requestId: 'cli', sourceAddress: null };

program
  .command('serve')
  .description('serve the hub over HTTP (PORT, DATA_DIR or DATABASE_URL); creates the demo hub on a first start outside production')
  .action(async () => {
    await startHub(config());
  });

program
  .command('migrate')
  .description('apply database migrations and exit')
  .action(async () => {
    await withDatabase(async ({ db }) => {
      const applied = await migrateToLatest(db);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date');
    }, { migrate: false });
  });

program
  .command('demo')
  .description('create a demo hub with one user per role (<role>@demo.test); refused in production')
  .option('--name <name>', 'hub name', 'Demo MASH')
  .option('--email-suffix <suffix>', 'added before @ in each demo email, for a second demo hub', '')
  .action(async (opts: { name: string; emailSuffix: string }) => {
    const c = config();
    if (c.mode === 'production') throw new ConfigError('Demo data is not allowed in production mode');
    await withDatabase(async ({ db }) => {
      const result = await createDemoHub(db, { password: c.demoPassword, now: new Date(), name: opts.name, emailSuffix: opts.emailSuffix || undefined });
      console.log(`Created "${opts.name}": ${DEMO_USERS.map((u) => u.email.replace('@', `${opts.emailSuffix}@`)).join(', ')}`);
      if (result.passwordGenerated) console.log(`Password (shown once): ${result.password}`);
    });
  });

const users = program.command('users').description('manage user accounts (starters and leavers)');
users
  .command('list')
  .description('list the users of every hub, or of one')
  .option('--hub <id>', 'only this hub')
  .action(async (opts: { hub?: string }) => {
    await withDatabase(async ({ db }) => {
      let q = db
        .selectFrom('app_user')
        .innerJoin('hub', 'hub.id', 'app_user.hub_id')
        .innerJoin('agency', 'agency.id', 'app_user.agency_id')
        .select(['app_user.id', 'app_user.hub_id', 'app_user.email', 'app_user.role', 'app_user.active', 'hub.name as hub', 'agency.name as agency']);
      if (opts.hub) q = q.where('app_user.hub_id', '=', opts.hub);
      const rows = await q.orderBy('hub.name').orderBy('app_user.email').execute();
      console.table(rows.map((r) => ({ id: r.id, email: r.email, role: r.role, agency: r.agency, hub: r.hub, active: r.active })));
      // an operator listing accounts is audited on each hub's chain it read from
      const hubIds = [...new Set(rows.map((r) => r.hub_id))];
      await db.transaction().execute(async (tx) => {
        for (const hubId of hubIds) {
          await appendAuditEvents(tx, { ...cliAudit, hubId }, [{ action: 'user.list', recordType: 'user', details: { count: rows.filter((r) => r.hub_id === hubId).length, via: 'cli' } }], new Date());
        }
      });
    });
  });
users
  .command('add')
  .description('add a user; prints a generated first password when --password is not given')
  .requiredOption('--email <email>', 'email address (their sign-in name)')
  .requiredOption('--name <name>', 'full name')
  .addOption(new Option('--role <role>', 'role').makeOptionMandatory())
  .requiredOption('--agency <name-or-id>', 'agency name or id (in the hub)')
  .option('--hub <id>', 'hub id (defaults to the only hub)')
  .option('--password <password>', 'first password (at least 12 characters)')
  .action(async (opts: { email: string; name: string; role: string; agency: string; hub?: string; password?: string }) => {
    await withDatabase(async ({ db }) => {
      const hubs = await db.selectFrom('hub').select(['id', 'name']).execute();
      const hub = opts.hub ? hubs.find((h) => h.id === opts.hub) : hubs.length === 1 ? hubs[0] : undefined;
      if (!hub) throw new ConfigError(opts.hub ? 'No hub with that id' : 'More than one hub: give --hub <id>');
      const agencies = await db.selectFrom('agency').select(['id', 'type', 'name']).where('hub_id', '=', hub.id).execute();
      const agency = agencies.find((a) => a.id === opts.agency || a.name.toLowerCase() === opts.agency.toLowerCase());
      const { value, errors } = validateUser(
        { email: opts.email, displayName: opts.name, role: opts.role, agencyId: agency?.id ?? '', password: opts.password },
        agencies,
        { passwordRequired: false },
      );
      if (!value || !isRole(value.role)) throw new ConfigError(errors.map((e) => `${e.field}: ${e.text}`).join('\n'));
      const password = value.password ?? generatePassword();
      const id = randomUUID();
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('app_user')
          .values({ id, hub_id: hub.id, agency_id: value.agencyId, email: value.email, display_name: value.displayName, role: value.role, password_hash: await hashPassword(password) })
          .execute();
        await appendAuditEvents(tx, { ...cliAudit, hubId: hub.id }, [{ action: 'user.create', recordType: 'user', recordId: id, details: { role: value.role, via: 'cli' } }], new Date());
      });
      console.log(`Added ${value.email} (${value.role}) to ${hub.name}: ${id}`);
      if (!value.password) console.log(`First password (shown once): ${password}`);
    });
  });
users
  .command('deactivate')
  .description('deactivate a leaver: every session and token is revoked at once')
  .argument('<email>', 'their email address')
  .action(async (email: string) => {
    await withDatabase(async ({ db }) => {
      await db.transaction().execute(async (tx) => {
        const user = await tx.selectFrom('app_user').select(['id', 'hub_id']).where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
        if (!user) throw new ConfigError('No user with that email address');
        await tx.updateTable('app_user').set({ active: false, deactivated_at: new Date() }).where('id', '=', user.id).execute();
        const revoked = await tx.deleteFrom('user_session').where('user_id', '=', user.id).executeTakeFirst();
        await appendAuditEvents(tx, { ...cliAudit, hubId: user.hub_id }, [{ action: 'user.deactivate', recordType: 'user', recordId: user.id, details: { via: 'cli', sessionsRevoked: Number(revoked.numDeletedRows) } }], new Date());
        console.log(`Deactivated; ${Number(revoked.numDeletedRows)} session(s) and token(s) revoked`);
      });
    });
  });

const audit = program.command('audit').description('the audit log');
audit
  .command('verify')
  .description('verify every hash chain; exits 0 when intact, 1 naming the first broken event')
  .option('--hub <id>', 'only this hub')
  .action(async (opts: { hub?: string }) => {
    await withDatabase(async ({ db }) => {
      const result = await verifyAuditChains(db, opts.hub);
      if (result.ok) {
        console.log(`Audit chain intact: ${result.events} events in ${result.chains} chain(s)`);
      } else {
        const b = result.firstBreak!;
        console.error(`Audit chain BROKEN at event id ${b.eventId} (chain ${b.chainId}, position ${b.chainSeq}): ${b.problem}`);
        process.exitCode = 1;
      }
    });
  });

registerFeatureCommands(program, { withDatabase, config });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error);
  process.exitCode = 2;
}
