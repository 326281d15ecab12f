import type { Config } from './config/config';
import { createAdminService } from './features/admin/admin-service';
import { createAuditService } from './features/audit/audit-service';
import { createAuthService } from './features/auth/auth-service';
import { createChecksService } from './features/checks/checks-service';
import { createContactsService } from './features/contacts/contacts-service';
import { createDecisionsService } from './features/decisions/decisions-service';
import { createMeetingsService } from './features/meetings/meetings-service';
import { createPersonsService } from './features/persons/persons-service';
import { createTasksService } from './features/tasks/tasks-service';
import type { Database } from './platform/db/database';
import { createReadAuditWriter } from './platform/audit/audit-log';
import { createAuditSealer } from './platform/audit/audit-seal';
import { UnitOfWork } from './platform/db/unit-of-work';
import { systemClock, type SystemClock } from './platform/time/clock';

/** The object graph, built in one place; its type is derived from it. */
export function buildServices(config: Config, database: Database, clock: SystemClock = systemClock) {
  const { db } = database;
  // chains each commit's audit events moments after it; stopped when the app closes
  const auditSealer = createAuditSealer(db);
  const uow = new UnitOfWork(db, clock, () => auditSealer.kick(), createReadAuditWriter(db));
  const deps = { db, uow, clock, config };
  return {
    config,
    database,
    clock,
    uow,
    auditSealer,
    auth: createAuthService({
      db,
      uow,
      clock,
      settings: {
        idleTimeoutMinutes: config.idleTimeoutMinutes,
        absoluteTimeoutHours: config.absoluteTimeoutHours,
        apiTokenMinutes: config.apiTokenMinutes,
        maxFailedSignIns: config.maxFailedSignIns,
        lockoutMinutes: config.lockoutMinutes,
        requireTotp: config.requireTotp,
      },
    }),
    admin: createAdminService({ uow }),
    audit: createAuditService({ uow, db }),
    contacts: createContactsService(deps),
    persons: createPersonsService(deps),
    checks: createChecksService(deps),
    tasks: createTasksService(deps),
    decisions: createDecisionsService(deps),
    meetings: createMeetingsService(deps),
  };
}

export type Services = ReturnType<typeof buildServices>;
