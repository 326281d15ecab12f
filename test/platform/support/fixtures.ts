import { randomBytes } from 'node:crypto';
import type { Actor } from '../../../src/platform/access/policy';
import type { AgencyType, Role } from '../../../src/platform/access/roles';
import { TEST_PASSWORD, type TestContext, type TestHub } from '../../harness';

/** The agency a demo member of each role belongs to. */
export const HOME_AGENCY: Record<Role, AgencyType> = {
  admin: 'childrens-social-care',
  mso: 'childrens-social-care',
  'social-worker': 'childrens-social-care',
  'decision-maker': 'childrens-social-care',
  'ig-lead': 'childrens-social-care',
  auditor: 'childrens-social-care',
  performance: 'childrens-social-care',
  police: 'police',
  health: 'health',
  education: 'education',
  probation: 'probation',
  housing: 'housing',
  lado: 'lado',
  'agency-practitioner': 'early-help',
};

export interface NewUser {
  id: string;
  email: string;
  password: string;
  actor: Actor;
}

/** A fresh user of the given role (fresh ids per test rather than shared fixtures). */
export async function newUser(t: TestContext, role: Role, which: 'hub' | 'other' = 'hub'): Promise<NewUser> {
  const hub: TestHub = which === 'hub' ? t.hub : t.otherHub;
  const email = `${role}.${randomBytes(4).toString('hex')}@synthetic.test`;
  const agencyId = hub.agencyIds[HOME_AGENCY[role]];
  const { user } = await t.services.admin.createUser(hub.actors.admin, t.ctx, { email, displayName: `Test ${role}`, role, agencyId, password: TEST_PASSWORD });
  return { id: user.id, email, password: TEST_PASSWORD, actor: { userId: user.id, hubId: hub.hubId, agencyId, role, displayName: user.displayName } };
}

export interface AuditRow {
  id: number;
  hub_id: string | null;
  chain_id: string;
  action: string;
  outcome: string;
  actor_user_id: string | null;
  record_type: string | null;
  record_id: string | null;
  request_id: string | null;
  details: Record<string, unknown>;
}

/** Audit events, oldest first, filtered by any of the given columns. */
export async function auditEvents(t: TestContext, where: Partial<Pick<AuditRow, 'action' | 'record_id' | 'request_id' | 'actor_user_id' | 'outcome' | 'hub_id'>>): Promise<AuditRow[]> {
  let q = t.database.db.selectFrom('audit_event').select(['id', 'hub_id', 'chain_id', 'action', 'outcome', 'actor_user_id', 'record_type', 'record_id', 'request_id', 'details']);
  for (const [column, value] of Object.entries(where)) {
    q = value === null ? q.where(column as 'action', 'is', null) : q.where(column as 'action', '=', value as string);
  }
  const rows = await q.orderBy('id').execute();
  return rows.map((r) => ({ ...r, details: (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as Record<string, unknown> }));
}

export const uniqueRequestId = (label: string) => `${label}-${randomBytes(6).toString('hex')}`;
