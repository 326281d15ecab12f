import type { PartialDB as Agency } from './agency';
import type { PartialDB as AppUser } from './app-user';
import type { PartialDB as AuditEvent } from './audit-event';
import type { PartialDB as Hub } from './hub';
import type { PartialDB as Session } from './session';
import type { PartialDB as Notification } from './notification';
import type { PartialDB as Contact } from './contact';
import type { PartialDB as Disclosure } from './disclosure';
import type { PartialDB as Decisions } from './decisions';
import type { PartialDB as Checks } from './checks';
import type { PartialDB as Persons } from './persons';

/** The whole database: one file per table, joined by intersection. */
export type DB = Hub & Agency & AppUser & Session & AuditEvent & Notification & Contact & Disclosure & Decisions & Checks & Persons;
