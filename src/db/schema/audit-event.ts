import type { ColumnType, Generated } from 'kysely';

export interface AuditEventTable {
  id: Generated<number>;
  /** 'hub:<uuid>' or 'deployment' */
  chain_id: string;
  /** 1, 2, 3 ... within the chain: a gap or a repeat is tampering; NULL until sealed */
  chain_seq: number | null;
  /** NULL only on the deployment chain */
  hub_id: string | null;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_role: string | null;
  actor_agency_id: string | null;
  action: string;
  outcome: 'succeeded' | 'failed' | 'refused';
  record_type: string | null;
  record_id: string | null;
  reason: string | null;
  request_id: string | null;
  source_address: string | null;
  details: ColumnType<Record<string, unknown>, string, string>;
  /** NULL until sealed (see platform/audit/audit-seal.ts) */
  prev_hash: string | null;
  hash: string | null;
}

export interface PartialDB {
  audit_event: AuditEventTable;
}
