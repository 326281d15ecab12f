import type { FastifyInstance } from 'fastify';
import { createApp } from '../app';
import { buildServices, type Services } from '../composition';
import type { Config } from '../config/config';
import { DEMO_USERS, ensureDemoHub } from '../features/demo/demo-hub';
import { openDatabase, type Database } from '../platform/db/database';
import { migrateToLatest } from '../platform/db/migrate';
import { createOutboxWorker } from '../platform/notifications/outbox-worker';

export async function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase({ databaseUrl: config.databaseUrl, schema: config.databaseSchema, dataDir: config.dataDir });
}

/** Open the database, migrate, create the demo hub on a first start, and serve. */
export async function startHub(config: Config, print: (line: string) => void = console.log): Promise<{ app: FastifyInstance; services: Services }> {
  const database = await openConfiguredDatabase(config);
  const applied = await migrateToLatest(database.db);
  if (applied.length > 0) print(`Applied ${applied.length} migration(s)`);
  if (config.loadDemo && config.mode !== 'production') {
    const demo = await ensureDemoHub(database.db, { password: config.demoPassword, now: new Date() });
    if (demo.created) {
      print('Created the demo hub "Demo MASH" with one user per role:');
      print(`  ${DEMO_USERS.map((u) => u.email).join(', ')}`);
      if (demo.passwordGenerated) print(`  Demo password (shown once; set OPENMASH_DEMO_PASSWORD to choose it): ${demo.password}`);
      else print('  Demo password: the value of OPENMASH_DEMO_PASSWORD');
    }
  }
  const services = buildServices(config, database);
  const app = await createApp(services);
  if (config.runJobs) {
    // in-process jobs by default; production may run them in separate workers instead
    const outbox = createOutboxWorker(database.db, { smtpUrl: config.smtpUrl, from: config.mailFrom, log: (m) => app.log.warn(m) });
    outbox.start();
    app.addHook('onClose', async () => outbox.stop());
  }
  app.addHook('onClose', async () => {
    // the last sealing needs the database: stop the sealer first, whatever order hooks run in
    await services.auditSealer.stop();
    await database.close();
  });
  // events left unsealed by a crash are sealed now, not at the first audited work
  services.auditSealer.kick();
  await app.listen({ port: config.port, host: config.host });
  print(`OpenMASH is serving on http://localhost:${config.port} (database: ${database.backend}${database.backend === 'pglite' ? ` in ${config.dataDir}` : ''})`);
  return { app, services };
}
