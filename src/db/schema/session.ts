import type { Generated } from 'kysely';

export interface SessionTable {
  /** sha-256 (hex) of the bearer or cookie token */
  id: string;
  hub_id: string;
  user_id: string;
  kind: 'web' | 'api';
  /** 'active', or half way through sign-in: 'totp-required' | 'totp-setup' */
  stage: Generated<'active' | 'totp-required' | 'totp-setup'>;
  csrf_secret: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  /** absolute expiry */
  expires_at: Date;
}

export interface PartialDB {
  user_session: SessionTable;
}
