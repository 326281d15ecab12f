/**
 * Where a contact goes once one of its people is linked to the person index (C2; 000 §6.2):
 * - the person has an open case with an allocated social worker → the contact is attached and
 *   the worker and their team manager are alerted;
 * - an open case without an allocated worker → the team managers are alerted;
 * - known to children's social care, no open case → the contact goes on the person's file;
 * - not known → a new record (or an existing one with no history), to be linked to family members;
 * - and whatever the above, an allegation against a professional also goes to the LADO.
 */

export const CASE_STATUSES = ['not-known', 'known', 'open'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const isCaseStatus = (value: string): value is CaseStatus => (CASE_STATUSES as readonly string[]).includes(value);

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  'not-known': 'Not known to children’s social care',
  known: 'Known to children’s social care (no open case)',
  open: 'Open case',
};

export type RoutingOutcome = 'open-case-allocated' | 'open-case-unallocated' | 'attached-to-file' | 'not-known' | 'new-record';

export interface RoutingFacts {
  caseStatus: CaseStatus;
  allocatedWorkerId: string | null;
  /** the person was created from the contact's details in this same step */
  newPerson: boolean;
  /** the contact's concerns include an allegation against a professional */
  allegationAgainstProfessional: boolean;
  /** who is linking: they are not alerted about their own work */
  actorUserId: string;
}

/** One alert to raise: its text is fixed and never names anyone. */
export type RoutingAlert =
  | { to: 'user'; userId: string; topic: 'contact-on-open-case'; message: string }
  | { to: 'team-managers'; topic: 'contact-on-open-case'; message: string };

export interface Routing {
  outcome: RoutingOutcome;
  /** what happened, for the worker who linked */
  text: string;
  alerts: RoutingAlert[];
  /** start the LADO clock (if not already running) and task the LADO */
  lado: boolean;
}

export const WORKER_MESSAGE = 'A new contact has been linked to a person on your open case. Open the contact to act.';
export const MANAGER_MESSAGE = 'A new contact has been linked to a person with an open case. Open the contact to act.';
export const UNALLOCATED_MESSAGE = 'A new contact concerns a person with an open case that has no allocated worker. Open the contact to allocate it.';
export const LADO_MESSAGE = 'An allegation against a professional has been received. Open the contact to act within one working day.';

const LADO_TEXT = ' The allegation goes to the LADO, due in one working day.';

export function routeLinkedContact(facts: RoutingFacts): Routing {
  const lado = facts.allegationAgainstProfessional;
  const withLado = (text: string) => (lado ? text + LADO_TEXT : text);
  const status = facts.caseStatus;
  switch (status) {
    case 'open': {
      if (facts.allocatedWorkerId) {
        const alerts: RoutingAlert[] = [];
        if (facts.allocatedWorkerId !== facts.actorUserId) {
          alerts.push({ to: 'user', userId: facts.allocatedWorkerId, topic: 'contact-on-open-case', message: WORKER_MESSAGE });
        }
        alerts.push({ to: 'team-managers', topic: 'contact-on-open-case', message: MANAGER_MESSAGE });
        return {
          outcome: 'open-case-allocated',
          text: withLado('Open case: the allocated social worker and the team manager have been alerted.'),
          alerts,
          lado,
        };
      }
      return {
        outcome: 'open-case-unallocated',
        text: withLado('Open case with no allocated worker: the team managers have been alerted.'),
        alerts: [{ to: 'team-managers', topic: 'contact-on-open-case', message: UNALLOCATED_MESSAGE }],
        lado,
      };
    }
    case 'known':
      return { outcome: 'attached-to-file', text: withLado('Known to children’s social care: the contact is on their file.'), alerts: [], lado };
    case 'not-known':
      return facts.newPerson
        ? { outcome: 'new-record', text: withLado('New record created and linked. Record their family and household links.'), alerts: [], lado }
        : { outcome: 'not-known', text: withLado('Not known to children’s social care: check their family and household links.'), alerts: [], lado };
    default: {
      const unknown: never = status;
      throw new Error(`unknown case status ${String(unknown)}`);
    }
  }
}
