import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '../../../platform/errors';
import { CONTACT_STATUSES, OPEN_STATUSES, canTransition, transition, type ContactEvent, type ContactStatus } from './status';

const EVENTS: ContactEvent[] = ['screen', 'start-checks', 'decide', 'close'];

/** every allowed step; everything else is refused */
const ALLOWED: Record<ContactStatus, Partial<Record<ContactEvent, ContactStatus>>> = {
  new: { screen: 'screened' },
  screened: { screen: 'screened', 'start-checks': 'in-checks', decide: 'decided' },
  'in-checks': { decide: 'decided' },
  decided: { close: 'closed' },
  closed: {},
};

describe('contact status', () => {
  for (const status of CONTACT_STATUSES) {
    for (const event of EVENTS) {
      const to = ALLOWED[status][event];
      if (to) {
        it(`${status} --${event}--> ${to}`, () => {
          assert.equal(transition(status, event), to);
          assert.equal(canTransition(status, event), true);
        });
      } else {
        it(`${status} refuses ${event} with invalid-state`, () => {
          assert.throws(() => transition(status, event), (e: unknown) => e instanceof DomainError && e.code === 'invalid-state');
          assert.equal(canTransition(status, event), false);
        });
      }
    }
  }
  it('explains a refusal in words', () => assert.throws(() => transition('new', 'decide'), /A new contact cannot be decided/));
  it('keeps new, screened and in-checks on the queues', () => assert.deepEqual(OPEN_STATUSES, ['new', 'screened', 'in-checks']));
});
