import type { Command } from 'commander';
import type { Config } from '../config/config';
import type { Database } from '../platform/db/database';

export interface CliDeps {
  withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T>;
  config(): Config;
}

/** Feature commands (persons import, returns, retention, ...) register here. */
export function registerFeatureCommands(_program: Command, _deps: CliDeps): void {}
