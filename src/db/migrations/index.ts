import type { Migration } from 'kysely';
import * as platform from './20261123T001500Z-platform';
import * as notifications from './20261123T003000Z-notifications';
import * as contacts from './20261123T004000Z-contacts';
import * as disclosures from './20261123T005500Z-disclosures';
import * as contacts2 from './20261123T005000Z-contacts-2';
import * as decisions from './20261123T007000Z-decisions';
import * as checks from './20261123T006000Z-checks';
import * as persons from './20261123T008000Z-persons';
import * as auditSeal from './20261123T010000Z-audit-seal';
import * as queueNextDue from './20261123T011000Z-queue-next-due';
import * as measuresIndexes from './20261123T011500Z-measures-indexes';

/** Append-only: add new migrations at the end, never edit or reorder one that has shipped. */
export const migrations: Record<string, Migration> = {
  '20261123T001500Z-platform': platform,
  '20261123T003000Z-notifications': notifications,
  '20261123T004000Z-contacts': contacts,
  '20261123T005500Z-disclosures': disclosures,
  '20261123T005000Z-contacts-2': contacts2,
  '20261123T007000Z-decisions': decisions,
  '20261123T006000Z-checks': checks,
  '20261123T008000Z-persons': persons,
  '20261123T010000Z-audit-seal': auditSeal,
  '20261123T011000Z-queue-next-due': queueNextDue,
  '20261123T011500Z-measures-indexes': measuresIndexes,
};
