import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RELATIONSHIP_KINDS, relationshipWords, validateRelationship } from './relationships';

describe('family and household links', () => {
  it('read from either end in its own words', () => {
    assert.equal(relationshipWords('parent', 'person'), 'child');
    assert.equal(relationshipWords('parent', 'related'), 'parent');
    assert.equal(relationshipWords('grandparent', 'person'), 'grandchild');
    assert.equal(relationshipWords('sibling', 'person'), 'sibling');
    assert.equal(relationshipWords('sibling', 'related'), 'sibling');
    for (const kind of RELATIONSHIP_KINDS) for (const end of ['person', 'related'] as const) assert.ok(relationshipWords(kind, end).length > 0);
  });
  it('needs a person, a kind and whether they share the household', () => {
    assert.deepEqual(validateRelationship({}).errors.map((e) => e.field), ['relatedPersonId', 'kind', 'household']);
    assert.deepEqual(validateRelationship({ relatedPersonId: 'x', kind: 'cousin', household: 'maybe' }).errors.map((e) => e.field), ['kind', 'household']);
    assert.deepEqual(validateRelationship({ relatedPersonId: 'x', kind: 'parent', household: 'yes' }).value, { relatedPersonId: 'x', kind: 'parent', household: true });
    assert.equal(validateRelationship({ relatedPersonId: 'x', kind: 'sibling', household: false }).value?.household, false);
  });
  it('a household member lives in the household', () => {
    assert.deepEqual(validateRelationship({ relatedPersonId: 'x', kind: 'household-member', household: 'no' }).errors.map((e) => e.field), ['household']);
  });
});
