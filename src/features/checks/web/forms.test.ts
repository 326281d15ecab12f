import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consentForm, filledItems, itemSlots, londonDateTime, proportionalityForm, shareChecklistForm, strs, toSlotField } from './forms';

const now = new Date('2026-07-15T13:20:00Z'); // 14:20 in London (BST)

describe('londonDateTime', () => {
  it('reads a London date and time (summer time)', () => {
    assert.equal(londonDateTime({ day: '1', month: '7', year: '2026', time: '09:30' }, now)?.toISOString(), '2026-07-01T08:30:00.000Z');
  });
  it('without a time: now for today, midday otherwise', () => {
    assert.equal(londonDateTime({ day: '15', month: '7', year: '2026' }, now)?.toISOString(), now.toISOString());
    assert.equal(londonDateTime({ day: '2', month: '1', year: '2026' }, now)?.toISOString(), '2026-01-02T12:00:00.000Z');
  });
  it('blank is undefined; nonsense is an invalid date for the domain to report', () => {
    assert.equal(londonDateTime({ day: '', month: '', year: '' }, now), undefined);
    for (const parts of [
      { day: '31', month: '2', year: '2026' },
      { day: 'x', month: '1', year: '2026' },
      { day: '1', month: '1', year: '26' },
      { day: '1', month: '1', year: '2026', time: '25:00' },
    ]) {
      assert.ok(Number.isNaN(londonDateTime(parts, now)!.getTime()), JSON.stringify(parts));
    }
  });
});

describe('consentForm', () => {
  it('reads consent sought, names one per line', () => {
    const input = consentForm({ subjectId: 's', answer: 'refused', soughtFromKind: 'adult', soughtFromNames: 'A Person\r\n\r\nB Person ', 'soughtAt-day': '1', 'soughtAt-month': '7', 'soughtAt-year': '2026', scope: ' MASH checks ' }, now);
    assert.deepEqual(input.soughtFrom, { kind: 'adult', names: ['A Person', 'B Person'], description: undefined });
    assert.equal(input.scope, 'MASH checks');
    assert.equal(input.notSoughtReasons, undefined);
  });
  it('reads not sought with reasons, and leaves out who was asked', () => {
    const input = consentForm({ answer: 'not-sought', notSoughtReasons: ['immediate-danger', 'public-protection'], soughtFromKind: 'adult', rationale: 'r', scope: 's' }, now);
    assert.deepEqual(input.notSoughtReasons, ['immediate-danger', 'public-protection']);
    assert.equal(input.soughtFrom, undefined);
  });
  it('reads the capacity position; "assumed" records nothing', () => {
    assert.equal(consentForm({ answer: 'given', capacityStatus: 'assumed', scope: 's' }, now).capacity, undefined);
    const lacks = consentForm({ answer: 'not-sought', capacityStatus: 'lacks-capacity', capacityReasons: 'cannot-retain', capacityDecision: 'd', 'capacityAssessedAt-day': '1', 'capacityAssessedAt-month': '7', 'capacityAssessedAt-year': '2026', scope: 's' }, now).capacity;
    assert.equal(lacks?.status, 'lacks-capacity');
    assert.deepEqual(lacks?.status === 'lacks-capacity' && lacks.reasons, ['cannot-retain']);
    const missingDate = consentForm({ answer: 'given', capacityStatus: 'has-capacity', scope: 's' }, now).capacity;
    assert.ok(missingDate?.status === 'has-capacity' && Number.isNaN(missingDate.assessedAt.getTime()));
  });
});

describe('checklist and proportionality forms', () => {
  it('reads "When?" answers (never consent, which the record answers) and the checklist', () => {
    const share = shareChecklistForm({ 'when.legitimate-purpose': 'yes', 'when.consent': 'yes', 'checklist.lawful-basis': 'yes', 'checklist.lawful-basis.detail': 'Children Act', 'checklist.how-much.detail': 'Minimum', legalBases: 'uk-gdpr-6-1-e' });
    assert.deepEqual(share.when, { 'legitimate-purpose': 'yes' });
    assert.deepEqual(share.checklist['lawful-basis'], { answer: 'yes', detail: 'Children Act' });
    assert.deepEqual(share.checklist['how-much'], { detail: 'Minimum' });
    assert.equal('decision-recorded' in share.checklist, false);
    assert.deepEqual(share.legalBases, ['uk-gdpr-6-1-e']);
  });
  it('reads proportionality answers and reasoning', () => {
    const p = proportionalityForm({ 'proportionality.proportionate-to-aim': 'yes', 'proportionality.proportionate-to-aim.detail': 'why', 'proportionality.impact-on-individual.detail': 'limited', 'proportionality.other-equally-effective-means': 'maybe' });
    assert.deepEqual(p['proportionate-to-aim'], { answer: 'yes', detail: 'why' });
    assert.deepEqual(p['impact-on-individual'], { detail: 'limited' });
    assert.deepEqual(p['other-equally-effective-means'], {});
  });
});

describe('response parts', () => {
  it('keeps the filled slots, and maps the domain’s item numbers back to slots', () => {
    const slots = itemSlots({ 'items[0].text': '', 'items[1].kind': 'fact', 'items[1].text': 'A fact', 'items[3].heldBack': 'yes', 'items[3].text': 'Secret' });
    const { items, slotOf } = filledItems(slots);
    assert.deepEqual(items, [
      { kind: 'fact', text: 'A fact' },
      { kind: '', text: 'Secret', heldBack: true },
    ]);
    assert.deepEqual(slotOf, [1, 3]);
    assert.equal(toSlotField('items[1].heldBackReason', slotOf), 'items[3].heldBackReason');
    assert.equal(toSlotField('agencyBrag', slotOf), 'agencyBrag');
  });
  it('strs reads one or many values', () => {
    assert.deepEqual(strs(undefined), []);
    assert.deepEqual(strs(''), []);
    assert.deepEqual(strs('a'), ['a']);
    assert.deepEqual(strs(['a', ' ', 'b ']), ['a', 'b']);
  });
});
