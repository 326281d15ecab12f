import type { Generated } from 'kysely';

export interface AppUserTable {
  id: string;
  hub_id: string;
  agency_id: string;
  /** always lower case; unique across the deployment (sign-in does not ask for the hub) */
  email: string;
  display_name: string;
  role: string;
  /** argon2id hash */
  password_hash: string;
  /** base32 TOTP secret; NULL until set up */
  totp_secret: string | null;
  totp_enabled: Generated<boolean>;
  /** false for a leaver: no session or token survives deactivation */
  active: Generated<boolean>;
  failed_sign_ins: Generated<number>;
  /** NULL when not locked out */
  locked_until: Date | null;
  last_sign_in_at: Date | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  deactivated_at: Date | null;
}

export interface PartialDB {
  app_user: AppUserTable;
}
