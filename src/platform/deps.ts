import type { Kysely } from 'kysely';
import type { Config } from '../config/config';
import type { DB } from '../db/schema';
import type { UnitOfWork } from './db/unit-of-work';
import type { SystemClock } from './time/clock';

/** The long-lived dependencies every feature service is built from. */
export interface PlatformDeps {
  db: Kysely<DB>;
  uow: UnitOfWork;
  clock: SystemClock;
  config: Config;
}
