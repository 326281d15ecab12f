import type { Generated } from 'kysely';

export interface NotificationTable {
  id: string;
  hub_id: string;
  /** one person, or NULL for everyone holding `role` (in `agency_id` when set) */
  user_id: string | null;
  agency_id: string | null;
  role: string | null;
  kind: 'alert' | 'task';
  topic: string;
  /** fixed text: never a person's details */
  message: string;
  record_type: string | null;
  record_id: string | null;
  due_at: Date | null;
  created_at: Date;
  read_at: Date | null;
  completed_at: Date | null;
  completed_by: string | null;
}

export interface OutboxEmailTable {
  id: string;
  hub_id: string;
  to_address: string;
  subject: string;
  body: string;
  status: 'pending' | 'sent' | 'failed' | 'refused';
  attempts: Generated<number>;
  last_error: string | null;
  record_type: string | null;
  record_id: string | null;
  created_at: Date;
  sent_at: Date | null;
}

export interface PartialDB {
  notification: NotificationTable;
  outbox_email: OutboxEmailTable;
}
