import type { ColumnType, Generated } from 'kysely';

export interface HubTable {
  id: string;
  name: string;
  /** member local authorities; a hub may serve several */
  local_authorities: ColumnType<string[], string[] | undefined, string[]>;
  /** per-hub calendar and timescale overrides (JSON); {} means the defaults */
  settings: ColumnType<Record<string, unknown>, string | undefined, string>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Generated<Date>;
}

export interface PartialDB {
  hub: HubTable;
}
