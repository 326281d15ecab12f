/**
 * The life of a contact: new → screened → in-checks → decided → closed (PRODUCT.md C1-C7).
 * Not every contact is "MASHed" (000 §6.3): a screened contact may be decided without checks,
 * and a Red one goes to children's social care with checks in parallel. Anything else out of
 * order is refused.
 */
import { DomainError } from '../../../platform/errors';

export const CONTACT_STATUSES = ['new', 'screened', 'in-checks', 'decided', 'closed'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];

export const STATUS_LABELS: Record<ContactStatus, string> = {
  new: 'New',
  screened: 'Screened',
  'in-checks': 'In MASH checks',
  decided: 'Decided',
  closed: 'Closed',
};

/** Statuses that sit on the front door's queues. */
export const OPEN_STATUSES: readonly ContactStatus[] = ['new', 'screened', 'in-checks'];

/** screen: first screening, or a correction before checks start; close: after the decision (or a scenario consultation's advice) */
export type ContactEvent = 'screen' | 'start-checks' | 'decide' | 'close';

export const isContactStatus = (value: string): value is ContactStatus => (CONTACT_STATUSES as readonly string[]).includes(value);

const EVENT_TEXT: Record<ContactEvent, string> = {
  screen: 'screened',
  'start-checks': 'sent for MASH checks',
  decide: 'decided',
  close: 'closed',
};

/** The status after `event`, or `invalid-state` when the contact is not ready for it. */
export function transition(status: ContactStatus, event: ContactEvent): ContactStatus {
  const to = next(status, event);
  if (!to) throw new DomainError('invalid-state', `A ${STATUS_LABELS[status].toLowerCase()} contact cannot be ${EVENT_TEXT[event]}`);
  return to;
}

export function canTransition(status: ContactStatus, event: ContactEvent): boolean {
  return next(status, event) !== undefined;
}

function next(status: ContactStatus, event: ContactEvent): ContactStatus | undefined {
  switch (event) {
    case 'screen':
      return status === 'new' || status === 'screened' ? 'screened' : undefined;
    case 'start-checks':
      return status === 'screened' ? 'in-checks' : undefined;
    case 'decide':
      return status === 'screened' || status === 'in-checks' ? 'decided' : undefined;
    case 'close':
      return status === 'decided' ? 'closed' : undefined;
    default: {
      const unknown: never = event;
      throw new DomainError('validation', `unknown contact event ${String(unknown)}`);
    }
  }
}
