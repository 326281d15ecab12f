import type { Command } from 'commander';
import type { Config } from '../config/config';
import type { Database } from '../platform/db/database';
import { registerPersonsCommands } from '../features/persons/cli/persons-cli';
import { registerContactsCommands } from '../features/contacts/cli/contacts-commands';

export interface CliDeps {
  withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T>;
  config(): Config;
}

/** Feature commands (persons import, returns, retention, ...) register here. */
export function registerFeatureCommands(program: Command, deps: CliDeps): void {
  registerContactsCommands(program, deps);
  registerPersonsCommands(program, deps);
}
