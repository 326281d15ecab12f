import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_ITEM_LENGTH, validateResponse, type ResponseInput } from './response';

const fields = (r: ResponseInput) => validateResponse(r).map((e) => e.field);

describe('response validation', () => {
  it('accepts facts and opinion with an agency BRAG', () => {
    assert.deepEqual(fields({ noInformationHeld: false, agencyBrag: 'green', items: [{ kind: 'fact', text: 'F' }, { kind: 'opinion', text: 'O' }] }), []);
  });

  it('accepts "no information held" with no items and no BRAG', () => {
    assert.deepEqual(fields({ noInformationHeld: true, items: [] }), []);
  });

  it('refuses items with "no information held", and no items without it', () => {
    assert.deepEqual(fields({ noInformationHeld: true, items: [{ kind: 'fact', text: 'F' }] }), ['items']);
    assert.deepEqual(fields({ noInformationHeld: false, agencyBrag: 'red', items: [] }), ['items']);
  });

  it('needs the agency BRAG when information is held (000 §6.3)', () => {
    assert.deepEqual(fields({ noInformationHeld: false, items: [{ kind: 'fact', text: 'F' }] }), ['agencyBrag']);
    assert.deepEqual(fields({ noInformationHeld: false, agencyBrag: 'purple' as never, items: [{ kind: 'fact', text: 'F' }] }), ['agencyBrag']);
  });

  it('checks each item: fact or opinion, text, held-back reason', () => {
    const r = (item: object) => fields({ noInformationHeld: false, agencyBrag: 'amber', items: [item as never] });
    assert.deepEqual(r({ kind: 'rumour', text: 'x' }), ['items[0].kind']);
    assert.deepEqual(r({ kind: 'fact', text: ' ' }), ['items[0].text']);
    assert.deepEqual(r({ kind: 'fact', text: 'x'.repeat(MAX_ITEM_LENGTH + 1) }), ['items[0].text']);
    assert.deepEqual(r({ kind: 'fact', text: 'x', heldBack: true }), ['items[0].heldBackReason']);
    assert.deepEqual(r({ kind: 'fact', text: 'x', heldBackReason: 'why' }), ['items[0].heldBackReason']);
    assert.deepEqual(r({ kind: 'fact', text: 'x', heldBack: true, heldBackReason: 'why' }), []);
  });
});
