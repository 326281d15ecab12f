import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { migrations } from '../../db/migrations';

/** Migrations come from an append-only index in code, not a folder scan: bundling-safe and reviewable. */
class IndexProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  // keep Kysely's own tables in the schema we work in: without this it looks for its lock
  // table across schemas, and two test runs migrating side by side trip over each other
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  // unordered: two branches may each add a migration; whichever lands second must still run
  const migrator = new Migrator({ db, provider: new IndexProvider(), migrationTableSchema: rows[0]?.schema ?? 'public', allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
