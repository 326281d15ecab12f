import type { Migration } from 'kysely';
import * as platform from './20261123T001500Z-platform';

/** Append-only: add new migrations at the end, never edit or reorder one that has shipped. */
export const migrations: Record<string, Migration> = {
  '20261123T001500Z-platform': platform,
};
