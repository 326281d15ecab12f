import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { checksInTransaction } from '../../src/features/checks/checks-service';
import { DomainError } from '../../src/platform/errors';
import { fixedClock } from '../../src/platform/time/clock';
import { createTestContext, type TestContext } from '../harness';
import { auditEvents, newUser } from '../platform/support/fixtures';
import { consentGiven, consentGivenByAdult, contactWithRequests, noInformationHeld, responseWithHeldBack, screenedContact, sendInput, shareChecklist } from './builders';

const code = (c: string) => (e: unknown) => e instanceof DomainError && e.code === c;
const field = (c: string, f: string) => (e: unknown) => e instanceof DomainError && e.code === c && e.fields.some((x) => x.field === f);
const fieldText = (e: unknown) => (e instanceof DomainError ? e.fields.map((f) => `${f.field}: ${f.text}`).join('\n') : String(e));

describe('information requests and responses (on the real database)', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext();
  });
  after(async () => t.close());
  const dm = () => t.hub.actors['decision-maker'];
  const status = async (id: string) => (await t.database.db.selectFrom('enquiry').select(['status', 'version']).where('id', '=', id).executeTakeFirstOrThrow());

  describe('sending', () => {
    it('sends one request per agency with minimum details, records each decision to share in the ledger, and moves the contact into checks', async () => {
      const { contact, enquiryIds } = await contactWithRequests(t, ['police', 'health']);
      assert.equal(enquiryIds.length, 2);
      const rows = await t.database.db.selectFrom('enquiry').selectAll().where('contact_id', '=', contact.id).orderBy('agency_name').execute();
      assert.deepEqual(rows.map((r) => [r.agency_id, r.status, r.brag, r.consent_basis]), [
        [t.hub.agencyIds.health, 'sent', 'amber', 'consent'],
        [t.hub.agencyIds.police, 'sent', 'amber', 'consent'],
      ]);
      assert.equal(rows[0].consent_ids.length, 4);
      const subjects = await t.database.db.selectFrom('enquiry_subject').selectAll().where('enquiry_id', '=', enquiryIds[0]).orderBy('position').execute();
      assert.deepEqual(subjects.map((s) => s.name), ['Alex Testchild', 'Sam Testchild', 'Morgan Testparent', 'Frankie Testparent']);
      const events = await t.database.db.selectFrom('enquiry_event').select(['type', 'status', 'by_user_id']).where('enquiry_id', '=', enquiryIds[0]).execute();
      assert.deepEqual(events, [{ type: 'enquiry-sent', status: 'sent', by_user_id: dm().userId }]);

      const decisions = await t.database.db.selectFrom('share_decision').selectAll().where('contact_id', '=', contact.id).execute();
      assert.equal(decisions.length, 2);
      assert.ok(decisions.every((d) => d.decision === 'share' && d.legal_bases.length === 3));
      const ledger = await t.database.db.selectFrom('disclosure').selectAll().where('contact_id', '=', contact.id).orderBy('recipient_name').execute();
      assert.deepEqual(
        ledger.map((l) => [l.recipient_kind, l.recipient_agency_id, l.channel, l.shared, l.legal_basis, l.consent_basis, l.source_type]),
        [
          ['agency', t.hub.agencyIds.health, 'enquiry', true, 'uk-gdpr-6-1-e,uk-gdpr-9-2-g,dpa-sch1-p2-18', 'consent', 'enquiry'],
          ['agency', t.hub.agencyIds.police, 'enquiry', true, 'uk-gdpr-6-1-e,uk-gdpr-9-2-g,dpa-sch1-p2-18', 'consent', 'enquiry'],
        ],
      );
      assert.ok(decisions.every((d) => ledger.some((l) => l.id === d.disclosure_id)));
      const c = await t.database.db.selectFrom('contact').select(['status', 'version']).where('id', '=', contact.id).executeTakeFirstOrThrow();
      assert.deepEqual(c, { status: 'in-checks', version: 2 });
      const sent = await auditEvents(t, { action: 'enquiry.send', record_id: enquiryIds[0] });
      assert.deepEqual(sent[0].details, { contactId: contact.id, agencyId: t.hub.agencyIds.police, subjects: 4, consentBasis: 'consent' });
      assert.equal((await auditEvents(t, { action: 'share-decision.record' })).filter((e) => e.details.contactId === contact.id).length, 2);
      assert.equal((await auditEvents(t, { action: 'contact.start-checks', record_id: contact.id })).length, 1);
    });

    it('refuses agencies without an active agreement, agencies that do not answer requests, and a second open request', async () => {
      const { contact } = await contactWithRequests(t, ['police']);
      await t.database.db.updateTable('agency').set({ agreement_status: 'suspended' }).where('id', '=', t.hub.agencyIds.probation).execute();
      await t.database.db.updateTable('agency').set({ agreement_status: 'none' }).where('id', '=', t.hub.agencyIds.housing).execute();
      try {
        const s = contact.subjects;
        const attempt = (agencyIds: string[]) => t.services.checks.sendEnquiries(dm(), t.ctx, contact.id, sendInput(agencyIds, [s.child]));
        await assert.rejects(attempt([t.hub.agencyIds.probation]), (e) => /suspended/.test(fieldText(e)));
        await assert.rejects(attempt([t.hub.agencyIds.housing]), (e) => /no information sharing agreement/.test(fieldText(e)));
        await assert.rejects(attempt([t.hub.agencyIds['childrens-social-care']]), field('validation', 'agencyIds'));
        await assert.rejects(attempt([t.hub.agencyIds.police]), (e) => /already has an open request/.test(fieldText(e)));
        await assert.rejects(attempt([t.otherHub.agencyIds.health]), field('validation', 'agencyIds'));
        // the overview says which can be asked and why not
        const o = await t.services.checks.getChecks(dm(), t.ctx, contact.id);
        assert.equal(o.agencies.find((a) => a.id === t.hub.agencyIds.probation)?.requestable, false);
        assert.equal(o.agencies.find((a) => a.id === t.hub.agencyIds.police)?.hasOpenRequest, true);
        assert.equal(o.agencies.some((a) => a.id === t.hub.agencyIds['childrens-social-care']), false);
      } finally {
        await t.database.db.updateTable('agency').set({ agreement_status: 'active' }).where('id', 'in', [t.hub.agencyIds.probation, t.hub.agencyIds.housing]).execute();
      }
    });

    it('needs a consent position for each person, the checklist walked and a lawful basis; nothing is stored when refused', async () => {
      const c = await screenedContact(t.database.db, t.hub);
      const police = [t.hub.agencyIds.police];
      await assert.rejects(t.services.checks.sendEnquiries(dm(), t.ctx, c.id, sendInput(police, [c.subjects.child])), field('validation', 'subjectIds'));
      await t.services.checks.recordConsent(dm(), t.ctx, c.id, consentGiven(c.subjects.child));
      const unjustified = shareChecklist({ checklist: { ...shareChecklist().checklist, 'lawful-basis': { answer: 'no', detail: 'none' } }, legalBases: [] });
      await assert.rejects(t.services.checks.sendEnquiries(dm(), t.ctx, c.id, sendInput(police, [c.subjects.child], { share: unjustified })), (e) => {
        assert.ok(e instanceof DomainError && e.code === 'validation');
        assert.ok(e.fields.some((f) => f.field === 'checklist.lawful-basis'));
        assert.ok(e.fields.some((f) => f.field === 'legalBases'));
        return true;
      });
      await assert.rejects(t.services.checks.sendEnquiries(dm(), t.ctx, c.id, sendInput(police, [c.subjects.child], { question: ' ', rationale: '' })), (e) => {
        assert.ok(e instanceof DomainError);
        assert.ok(['question', 'rationale'].every((f) => e.fields.some((x) => x.field === f)));
        return true;
      });
      assert.equal((await t.database.db.selectFrom('enquiry').select('id').where('contact_id', '=', c.id).execute()).length, 0);
      assert.equal((await t.database.db.selectFrom('disclosure').select('id').where('contact_id', '=', c.id).execute()).length, 0);
    });

    it('is for decision makers of the contact’s hub, on a screened contact', async () => {
      const c = await screenedContact(t.database.db, t.hub);
      await t.services.checks.recordConsent(dm(), t.ctx, c.id, consentGiven(c.subjects.child));
      const input = sendInput([t.hub.agencyIds.police], [c.subjects.child]);
      await assert.rejects(t.services.checks.sendEnquiries(t.hub.actors.mso, t.ctx, c.id, input), code('forbidden'));
      await assert.rejects(t.services.checks.sendEnquiries(t.hub.actors.police, t.ctx, c.id, input), code('not-found'));
      await assert.rejects(t.services.checks.sendEnquiries(t.otherHub.actors['decision-maker'], t.ctx, c.id, input), code('not-found'));
      const fresh = await screenedContact(t.database.db, t.hub, { status: 'new' });
      await assert.rejects(t.services.checks.sendEnquiries(dm(), t.ctx, fresh.id, sendInput([t.hub.agencyIds.police], [fresh.subjects.child])), code('invalid-state'));
    });

    it('records a decision not to share in the ledger too (golden rule 7)', async () => {
      const c = await screenedContact(t.database.db, t.hub);
      await t.services.checks.recordConsent(dm(), t.ctx, c.id, consentGiven(c.subjects.child));
      const { id } = await t.services.checks.recordDecisionNotToShare(dm(), t.ctx, c.id, {
        agencyId: t.hub.agencyIds.housing,
        subjectIds: [c.subjects.child],
        what: 'The concern and the family’s address',
        purpose: 'Housing asked whether the family is known',
        share: { when: { 'legitimate-purpose': 'no' }, checklist: {}, legalBases: [] },
        rationale: 'No legitimate purpose: housing is not involved with the family',
      });
      const d = await t.database.db.selectFrom('share_decision').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(d.decision, 'not-share');
      assert.equal(d.enquiry_id, null);
      assert.equal((d.evaluation as { route: string }).route, 'no-legitimate-purpose');
      const l = await t.database.db.selectFrom('disclosure').selectAll().where('id', '=', d.disclosure_id).executeTakeFirstOrThrow();
      assert.deepEqual([l.shared, l.recipient_agency_id, l.reason_not_shared, l.legal_basis, l.consent_basis, l.channel], [false, t.hub.agencyIds.housing, 'No legitimate purpose: housing is not involved with the family', 'none', 'consent', 'enquiry']);
      await assert.rejects(
        t.services.checks.recordDecisionNotToShare(dm(), t.ctx, c.id, { subjectIds: [], what: '', purpose: '', share: { when: {}, checklist: {}, legalBases: [] }, rationale: '' }),
        (e) => e instanceof DomainError && ['subjectIds', 'what', 'purpose', 'rationale', 'recipientName'].every((f) => (e as DomainError).fields.some((x) => x.field === f)),
      );
      await assert.rejects(
        t.services.checks.recordDecisionNotToShare(t.hub.actors['social-worker'], t.ctx, c.id, { recipientName: 'X', subjectIds: [c.subjects.child], what: 'x', purpose: 'x', share: { when: {}, checklist: {}, legalBases: [] }, rationale: 'x' }),
        code('forbidden'),
      );
    });
  });

  describe('the state machine, each transition stored, evented and audited', () => {
    it('sent → acknowledged → responded → supplemented, with held-back parts and later additions', async () => {
      const { contact, enquiryIds } = await contactWithRequests(t, ['police']);
      const [id] = enquiryIds;
      const police = t.hub.actors.police;
      const ack = await t.services.checks.acknowledgeEnquiry(police, t.ctx, id, { version: 1 });
      assert.deepEqual(await status(id), { status: 'acknowledged', version: 2 });
      assert.equal(ack.version, 2);
      await assert.rejects(t.services.checks.acknowledgeEnquiry(police, t.ctx, id), code('invalid-state'));

      await t.services.checks.respondToEnquiry(police, t.ctx, id, { ...responseWithHeldBack, version: 2 });
      assert.equal((await status(id)).status, 'responded');
      const items = await t.database.db.selectFrom('enquiry_response_item').selectAll().where('enquiry_id', '=', id).orderBy('position').execute();
      assert.deepEqual(items.map((i) => [i.position, i.batch, i.kind, i.held_back, i.origin_agency_id]), [
        [1, 0, 'fact', false, police.agencyId],
        [2, 0, 'opinion', false, police.agencyId],
        [3, 0, 'fact', true, police.agencyId],
      ]);
      assert.equal(items[2].held_back_reason, 'Disclosure would prejudice a live investigation');

      await t.services.checks.addToResponse(police, t.ctx, id, { items: [{ kind: 'fact', text: 'Synthetic: a later call-out' }], agencyBrag: 'red' });
      await t.services.checks.addToResponse(police, t.ctx, id, { items: [{ kind: 'opinion', text: 'Synthetic: more held back', heldBack: true, heldBackReason: 'Source protection' }] });
      const after = await t.database.db.selectFrom('enquiry_response_item').select(['position', 'batch', 'held_back']).where('enquiry_id', '=', id).orderBy('position').execute();
      assert.deepEqual(after.slice(3), [
        { position: 4, batch: 1, held_back: false },
        { position: 5, batch: 2, held_back: true },
      ]);
      const response = await t.database.db.selectFrom('enquiry_response').selectAll().where('enquiry_id', '=', id).executeTakeFirstOrThrow();
      assert.equal(response.agency_brag, 'red');
      assert.equal((await status(id)).status, 'supplemented');

      const events = await t.database.db.selectFrom('enquiry_event').select(['type', 'details']).where('enquiry_id', '=', id).orderBy('at').orderBy('type').execute();
      assert.deepEqual(events.map((e) => e.type).sort(), ['enquiry-acknowledged', 'enquiry-responded', 'enquiry-sent', 'enquiry-supplemented', 'enquiry-supplemented'].sort());
      for (const action of ['enquiry.acknowledge', 'enquiry.respond', 'enquiry.supplement']) {
        assert.ok((await auditEvents(t, { action, record_id: id })).length >= 1, action);
      }
      const respondEvent = (await auditEvents(t, { action: 'enquiry.respond', record_id: id }))[0];
      assert.deepEqual(respondEvent.details, { contactId: contact.id, agencyId: police.agencyId, status: 'responded', items: 3, heldBack: 1, noInformationHeld: false });

      // out of order: answering twice, withdrawing an answered request
      await assert.rejects(t.services.checks.respondToEnquiry(police, t.ctx, id, responseWithHeldBack), code('invalid-state'));
      await assert.rejects(t.services.checks.withdrawEnquiry(dm(), t.ctx, id, { reason: 'No longer needed' }), code('invalid-state'));
    });

    it('"no information held" is an answer; information added later needs the agency BRAG', async () => {
      const { enquiryIds } = await contactWithRequests(t, ['health']);
      const health = t.hub.actors.health;
      await t.services.checks.respondToEnquiry(health, t.ctx, enquiryIds[0], noInformationHeld);
      const r = await t.database.db.selectFrom('enquiry_response').selectAll().where('enquiry_id', '=', enquiryIds[0]).executeTakeFirstOrThrow();
      assert.deepEqual([r.no_information_held, r.agency_brag], [true, null]);
      await assert.rejects(t.services.checks.addToResponse(health, t.ctx, enquiryIds[0], { items: [{ kind: 'fact', text: 'Synthetic: found a record' }] }), field('validation', 'agencyBrag'));
      await t.services.checks.addToResponse(health, t.ctx, enquiryIds[0], { items: [{ kind: 'fact', text: 'Synthetic: found a record' }], agencyBrag: 'green' });
      const r2 = await t.database.db.selectFrom('enquiry_response').selectAll().where('enquiry_id', '=', enquiryIds[0]).executeTakeFirstOrThrow();
      assert.deepEqual([r2.no_information_held, r2.agency_brag], [false, 'green']);
    });

    it('validates the answer: information or "none held", a BRAG, fact or opinion, a reason for each held-back part', async () => {
      const { enquiryIds } = await contactWithRequests(t, ['police']);
      const police = t.hub.actors.police;
      await assert.rejects(t.services.checks.respondToEnquiry(police, t.ctx, enquiryIds[0], { noInformationHeld: false, items: [] }), (e) =>
        ['items', 'agencyBrag'].every((f) => (e as DomainError).fields.some((x) => x.field === f)),
      );
      await assert.rejects(
        t.services.checks.respondToEnquiry(police, t.ctx, enquiryIds[0], { noInformationHeld: false, agencyBrag: 'amber', items: [{ kind: 'rumour', text: 'x' }, { kind: 'fact', text: 'y', heldBack: true }] }),
        (e) => ['items[0].kind', 'items[1].heldBackReason'].every((f) => (e as DomainError).fields.some((x) => x.field === f)),
      );
      await assert.rejects(t.services.checks.respondToEnquiry(police, t.ctx, enquiryIds[0], { noInformationHeld: true, items: [{ kind: 'fact', text: 'x' }] }), field('validation', 'items'));
      assert.equal((await status(enquiryIds[0])).status, 'sent');
    });

    it('the decision maker withdraws an open request; the agency can then no longer answer', async () => {
      const { enquiryIds } = await contactWithRequests(t, ['education']);
      await assert.rejects(t.services.checks.withdrawEnquiry(dm(), t.ctx, enquiryIds[0], { reason: ' ' }), field('validation', 'reason'));
      await assert.rejects(t.services.checks.withdrawEnquiry(t.hub.actors.education, t.ctx, enquiryIds[0], { reason: 'x' }), code('forbidden'));
      await t.services.checks.withdrawEnquiry(dm(), t.ctx, enquiryIds[0], { reason: 'Synthetic: the family moved away' });
      const row = await t.database.db.selectFrom('enquiry').selectAll().where('id', '=', enquiryIds[0]).executeTakeFirstOrThrow();
      assert.equal(row.status, 'withdrawn');
      assert.equal(row.withdrawn_by, dm().userId);
      await assert.rejects(t.services.checks.respondToEnquiry(t.hub.actors.education, t.ctx, enquiryIds[0], noInformationHeld), code('invalid-state'));
    });

    it('a decision closes the open requests (for the decisions service, inside its own unit of work)', async () => {
      const { contact, enquiryIds } = await contactWithRequests(t, ['police', 'health']);
      await t.services.checks.respondToEnquiry(t.hub.actors.health, t.ctx, enquiryIds[1], noInformationHeld);
      const closed = await t.services.uow.run(dm(), t.ctx, (work) => checksInTransaction.closeOpenEnquiries(work, contact.id));
      assert.deepEqual(closed, [enquiryIds[0]]);
      const row = await t.database.db.selectFrom('enquiry').selectAll().where('id', '=', enquiryIds[0]).executeTakeFirstOrThrow();
      assert.deepEqual([row.status, row.close_reason], ['closed', 'decision-made-before-response']);
      assert.equal((await status(enquiryIds[1])).status, 'responded');
      assert.equal((await auditEvents(t, { action: 'enquiry.close', record_id: enquiryIds[0] })).length, 1);
      await assert.rejects(t.services.checks.respondToEnquiry(t.hub.actors.police, t.ctx, enquiryIds[0], noInformationHeld), code('invalid-state'));
      // the decisions engineer reads requests, consents and responses through the same helpers
      const [enquiries, consents, responses] = await t.services.uow.run(dm(), t.ctx, async (work) => [
        await checksInTransaction.loadContactEnquiries(work.tx, t.hub.hubId, contact.id),
        await checksInTransaction.loadContactConsents(work.tx, t.hub.hubId, contact.id),
        await checksInTransaction.contactResponses(work, { id: contact.id, hubId: t.hub.hubId }),
      ]);
      assert.equal(enquiries.length, 2);
      assert.equal(consents.length, 4);
      assert.equal(responses.find((r) => r.agencyId === t.hub.agencyIds.health)?.response.level, 'full');
    });
  });

  describe('concurrency', () => {
    it('two responders at once: one wins, the other is told and nothing of theirs is stored', async () => {
      const { enquiryIds } = await contactWithRequests(t, ['police']);
      const second = await newUser(t, 'police');
      const results = await Promise.allSettled([
        t.services.checks.respondToEnquiry(t.hub.actors.police, t.ctx, enquiryIds[0], responseWithHeldBack),
        t.services.checks.respondToEnquiry(second.actor, t.ctx, enquiryIds[0], { noInformationHeld: false, agencyBrag: 'green', items: [{ kind: 'fact', text: 'Synthetic: the second answer' }] }),
      ]);
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      assert.ok(refused.reason instanceof DomainError && ['conflict', 'invalid-state'].includes(refused.reason.code), String(refused.reason));
      assert.match(refused.reason.message, /Nothing you entered was saved/);
      assert.equal((await t.database.db.selectFrom('enquiry_response').select('id').where('enquiry_id', '=', enquiryIds[0]).execute()).length, 1);
      const items = await t.database.db.selectFrom('enquiry_response_item').select('text').where('enquiry_id', '=', enquiryIds[0]).execute();
      assert.ok(items.length === 3 || items.length === 1);
    });

    it('a stale version is refused with conflict', async () => {
      const { enquiryIds } = await contactWithRequests(t, ['police']);
      await t.services.checks.acknowledgeEnquiry(t.hub.actors.police, t.ctx, enquiryIds[0], { version: 1 });
      await assert.rejects(t.services.checks.respondToEnquiry(t.hub.actors.police, t.ctx, enquiryIds[0], { ...noInformationHeld, version: 1 }), code('conflict'));
    });
  });

  describe('reading, and who may read what', () => {
    it('each read is audited: the list, one request, a contact’s responses', async () => {
      const { contact, enquiryIds } = await contactWithRequests(t, ['police']);
      const police = t.hub.actors.police;
      const list = await t.services.checks.listEnquiries(police, t.ctx);
      assert.ok(list.entries.some((e) => e.view.level !== 'none' && e.view.id === enquiryIds[0]));
      assert.equal(list.agencyName, 'Demo Police');
      await t.services.checks.getEnquiry(police, t.ctx, enquiryIds[0]);
      await t.services.checks.listResponsesForContact(dm(), t.ctx, contact.id);
      await t.services.checks.getChecks(dm(), t.ctx, contact.id);
      assert.ok((await auditEvents(t, { action: 'enquiry.list', actor_user_id: police.userId })).length >= 1);
      const read = await auditEvents(t, { action: 'enquiry.read', record_id: enquiryIds[0] });
      assert.deepEqual(read.at(-1)!.details, { contactId: contact.id, level: 'agency', responseLevel: 'none' });
      assert.equal((await auditEvents(t, { action: 'enquiry.responses.read', record_id: contact.id })).length, 1);
      assert.equal((await auditEvents(t, { action: 'checks.read', record_id: contact.id })).length, 1);
    });

    it('held-back parts: the decision maker and the originating agency read them; a MASH social worker gets the sign-post; a support officer only the status', async () => {
      const { contact, enquiryIds } = await contactWithRequests(t, ['police', 'health']);
      await t.services.checks.respondToEnquiry(t.hub.actors.police, t.ctx, enquiryIds[0], responseWithHeldBack);
      const of = async (role: 'decision-maker' | 'social-worker' | 'mso') =>
        (await t.services.checks.listResponsesForContact(t.hub.actors[role], t.ctx, contact.id)).find((r) => r.enquiryId === enquiryIds[0])!.response;
      const full = await of('decision-maker');
      assert.equal(full.level, 'full');
      assert.equal(full.level === 'full' && full.items.filter((i) => i.heldBack).length, 1);
      const shared = await of('social-worker');
      assert.equal(shared.level, 'shared');
      assert.ok(shared.level === 'shared' && shared.items.every((i) => !i.heldBack) && shared.items.length === 2);
      assert.match(shared.level === 'shared' ? shared.signpost ?? '' : '', /held back within the MASH/);
      assert.equal((await of('mso')).level, 'status');
      const own = await t.services.checks.getEnquiry(t.hub.actors.police, t.ctx, enquiryIds[0]);
      assert.ok(own.view.level === 'agency' && own.view.response.level === 'full');
      // another agency: not even that the request exists
      await assert.rejects(t.services.checks.getEnquiry(t.hub.actors.health, t.ctx, enquiryIds[0]), code('not-found'));
      await assert.rejects(t.services.checks.listResponsesForContact(t.hub.actors.health, t.ctx, contact.id), code('not-found'));
    });
  });
});

describe('due times from the BRAG, on the hub’s working calendar', () => {
  let t: TestContext;
  const monday10 = new Date('2026-03-02T10:00:00Z'); // 10:00 in London (GMT)
  before(async () => {
    t = await createTestContext({ clock: fixedClock(monday10) });
  });
  after(async () => t.close());

  for (const [brag, due] of [
    ['red', '2026-03-02T17:00:00.000Z'],
    ['amber', '2026-03-04T17:00:00.000Z'],
    ['green', '2026-03-06T17:00:00.000Z'],
    ['blue', '2026-03-11T17:00:00.000Z'],
  ] as const) {
    it(`${brag}: due ${due}`, async () => {
      const dm = t.hub.actors['decision-maker'];
      const c = await screenedContact(t.database.db, t.hub, { brag, receivedAt: new Date('2026-03-02T09:30:00Z') });
      await t.services.checks.recordConsent(dm, t.ctx, c.id, consentGiven(c.subjects.child, { soughtAt: new Date('2026-03-02T09:45:00Z') }));
      await t.services.checks.recordConsent(dm, t.ctx, c.id, consentGivenByAdult(c.subjects.mother, { soughtAt: new Date('2026-03-02T09:45:00Z') }));
      const { enquiryIds } = await t.services.checks.sendEnquiries(dm, t.ctx, c.id, sendInput([t.hub.agencyIds.police], [c.subjects.child, c.subjects.mother]));
      const row = await t.database.db.selectFrom('enquiry').select(['due_at', 'due_rule', 'sent_at']).where('id', '=', enquiryIds[0]).executeTakeFirstOrThrow();
      assert.equal(row.due_at.toISOString(), due);
      assert.equal(row.sent_at.toISOString(), monday10.toISOString());
      assert.ok((row.due_rule as { kind: string }).kind);
    });
  }
});
