import type { ColumnType, Generated } from 'kysely';

export interface AgencyTable {
  id: string;
  hub_id: string;
  name: string;
  /** see AGENCY_TYPES in features/admin/domain */
  type: string;
  /** ICO registration number; NULL until given */
  ico_registration: string | null;
  /** approved secure email domains for outbound mail */
  secure_email_domains: ColumnType<string[], string[] | undefined, string[]>;
  /** 'active' | 'suspended' | 'terminated' | 'none': only active agencies may be sent requests */
  agreement_status: Generated<string>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Generated<Date>;
}

export interface PartialDB {
  agency: AgencyTable;
}
