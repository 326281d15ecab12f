import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { after, before, describe, it } from 'node:test';
import type { DecisionsService, RecordDecisionInput } from '../../src/features/decisions/decisions-service';
import { DomainError } from '../../src/platform/errors';
import { fixedClock } from '../../src/platform/time/clock';
import { createTestContext, type TestContext } from '../harness';
import { auditEvents, newUser } from '../platform/support/fixtures';
import { giveConsent, newContact, newEnquiry, newPerson, relate } from './builders';

// Monday 2 March 2026, 10:00 London (GMT)
const NOW = new Date('2026-03-02T10:00:00Z');

const rejects = async (p: Promise<unknown>, code: string, field?: string) => {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof DomainError, `expected a DomainError, got ${String(e)}`);
    assert.equal(e.code, code, `${e.code}: ${e.message} ${JSON.stringify(e.fields)}`);
    if (field) assert.ok(e.fields.some((f) => f.field === field), `expected field ${field} in ${JSON.stringify(e.fields)}`);
    return true;
  });
};

const s47 = (over: Partial<RecordDecisionInput> = {}): RecordDecisionInput => ({
  version: 1,
  finalBrag: 'red',
  outcome: 's47-strategy-discussion',
  summary: 'Police and health information gathered',
  recommendation: 'Strategy discussion today',
  ...over,
});

describe('decisions service (C7)', () => {
  let t: TestContext;
  let decisions: DecisionsService;
  const dm = () => t.hub.actors['decision-maker'];

  before(async () => {
    t = await createTestContext({ clock: fixedClock(NOW) });
    decisions = t.services.decisions;
  });
  after(async () => t.close());

  describe('the decision', () => {
    it('shows the decision maker every response side by side, held-back parts marked, and audits the read', async () => {
      const c = await newContact(t);
      await newEnquiry(t, c, 'police', { status: 'responded', agencyBrag: 'red', items: [{ text: 'Two call-outs this year' }, { text: 'Intelligence held back', heldBack: true }] });
      await newEnquiry(t, c, 'health', { status: 'sent' });
      const o = await decisions.getDecisionOverview(dm(), t.ctx, c.id);
      assert.equal(o.contact.reference, c.reference);
      assert.equal(o.responses.length, 2);
      const police = o.responses.find((r) => r.agencyId === t.hub.agencyIds.police)!;
      assert.equal(police.response.level, 'full');
      assert.ok(police.response.level === 'full' && police.response.items.some((i) => i.heldBack));
      assert.equal(o.responses.find((r) => r.agencyId === t.hub.agencyIds.health)!.status, 'sent');
      assert.equal(o.can.decide, true);
      assert.equal(o.items.length, 2);
      const read = await auditEvents(t, { action: 'decision.read', record_id: c.id });
      assert.equal(read.length, 1);
      assert.ok(!JSON.stringify(read[0].details).includes('call-outs'));
    });

    it('records the decision: closes open requests with a reason, meets the decision clock, starts the feedback clock', async () => {
      const c = await newContact(t);
      const open = await newEnquiry(t, c, 'health', { status: 'acknowledged' });
      const answered = await newEnquiry(t, c, 'police', { status: 'responded', items: [{ text: 'Known to police' }] });
      const d = await decisions.recordDecision(dm(), t.ctx, c.id, s47());
      assert.equal(d.outcome, 's47-strategy-discussion');
      assert.equal(d.closedEnquiryCount, 1);
      const contact = await t.database.db.selectFrom('contact').select(['status', 'version']).where('id', '=', c.id).executeTakeFirstOrThrow();
      assert.deepEqual(contact, { status: 'decided', version: 2 });
      const enquiries = await t.database.db.selectFrom('enquiry').select(['id', 'status', 'close_reason']).where('contact_id', '=', c.id).execute();
      assert.deepEqual(enquiries.find((e) => e.id === open.id), { id: open.id, status: 'closed', close_reason: 'decision-made-before-response' });
      assert.equal(enquiries.find((e) => e.id === answered.id)!.status, 'responded');
      assert.equal((await t.database.db.selectFrom('enquiry_event').select('type').where('enquiry_id', '=', open.id).execute()).map((e) => e.type).join(), 'enquiry-closed');
      const clocks = await t.database.db.selectFrom('contact_clock').selectAll().where('contact_id', '=', c.id).execute();
      const decisionClock = clocks.find((k) => k.type === 'decision')!;
      assert.equal(decisionClock.status, 'met');
      assert.equal(decisionClock.met_at!.toISOString(), NOW.toISOString());
      const feedback = clocks.find((k) => k.type === 'feedback-to-referrer')!;
      assert.equal(feedback.status, 'running');
      // 24 working hours from Monday 10:00 → Thursday 10:00
      assert.equal(feedback.due_at.toISOString(), '2026-03-05T10:00:00.000Z');
      const events = await auditEvents(t, { action: 'decision.record', record_id: c.id });
      assert.equal(events.length, 1);
      assert.equal(events[0].details.outcome, 's47-strategy-discussion');
      assert.deepEqual(events[0].details.closedEnquiries, [open.id]);
      assert.equal((await auditEvents(t, { action: 'enquiry.close', record_id: open.id })).length, 1);
      // out of order: a second decision is refused
      await rejects(decisions.recordDecision(dm(), t.ctx, c.id, s47({ version: 2 })), 'invalid-state');
    });

    it('lets one of two decision makers deciding at once win; the other is told, and nothing is overwritten', async () => {
      const c = await newContact(t);
      const second = await newUser(t, 'decision-maker');
      const results = await Promise.allSettled([
        decisions.recordDecision(dm(), t.ctx, c.id, s47()),
        decisions.recordDecision(second.actor, t.ctx, c.id, s47({ finalBrag: 'amber', outcome: 'early-help' })),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      assert.equal(won.length, 1);
      assert.equal(lost.length, 1);
      assert.ok(lost[0].reason instanceof DomainError && lost[0].reason.code === 'conflict', String(lost[0].reason));
      const rows = await t.database.db.selectFrom('decision').selectAll().where('contact_id', '=', c.id).execute();
      assert.equal(rows.length, 1);
      const winner = (won[0] as PromiseFulfilledResult<{ decidedBy: string; outcome: string }>).value;
      assert.equal(rows[0].decided_by, winner.decidedBy);
      assert.equal(rows[0].outcome, winner.outcome);
    });

    it('refuses a stale version, bad input with field errors, the wrong role and another hub', async () => {
      const c = await newContact(t);
      await rejects(decisions.recordDecision(dm(), t.ctx, c.id, s47({ version: 7 })), 'conflict');
      await rejects(decisions.recordDecision(dm(), t.ctx, c.id, s47({ summary: '' })), 'validation', 'summary');
      await rejects(decisions.recordDecision(dm(), t.ctx, c.id, s47({ finalBrag: 'red', outcome: 'nfa', nfaRationale: 'x' })), 'validation', 'outcome');
      await rejects(decisions.recordDecision(dm(), t.ctx, c.id, s47({ finalBrag: 'green', outcome: 'nfa' })), 'validation', 'nfaRationale');
      await rejects(decisions.recordDecision(dm(), t.ctx, c.id, s47({ finalBrag: 'purple' })), 'validation', 'finalBrag');
      await rejects(decisions.recordDecision(t.hub.actors['social-worker'], t.ctx, c.id, s47()), 'forbidden');
      await rejects(decisions.recordDecision(t.otherHub.actors['decision-maker'], t.ctx, c.id, s47()), 'not-found');
      await rejects(decisions.getDecisionOverview(t.otherHub.actors['decision-maker'], t.ctx, c.id), 'not-found');
      await rejects(decisions.recordDecision(dm(), t.ctx, 'not-an-id', s47()), 'not-found');
      const fresh = await newContact(t, { status: 'new' });
      await rejects(decisions.recordDecision(dm(), t.ctx, fresh.id, s47()), 'invalid-state');
      assert.equal((await t.database.db.selectFrom('decision').select('id').where('contact_id', '=', c.id).execute()).length, 0);
      assert.ok((await auditEvents(t, { action: 'access.refused', actor_user_id: t.hub.actors['social-worker'].userId })).length >= 1);
    });

    it('refers to another service only with consent (000 §8.1)', async () => {
      const c = await newContact(t);
      const other = (personIds: string[]) => s47({ finalBrag: 'green', outcome: 'other-service', otherService: { name: '0-19 hub', personIds } });
      await rejects(decisions.recordDecision(dm(), t.ctx, c.id, other([c.subjectIds[0]])), 'validation', 'otherService.personIds[0]');
      await giveConsent(t, c, 0);
      const d = await decisions.recordDecision(dm(), t.ctx, c.id, other([c.subjectIds[0]]));
      assert.deepEqual(d.otherService, { name: '0-19 hub', personIds: [c.subjectIds[0]] });
    });
  });

  describe('the LADO', () => {
    it('opens the decision on a contact with an allegation against a professional, and on no other contact', async () => {
      const lado = t.hub.actors.lado;
      const allegation = await newContact(t);
      await sql`update contact set concern_categories = ${sql.val(['allegation-against-professional'])}::text[] where id = ${allegation.id}`.execute(t.database.db);
      const other = await newContact(t);
      const o = await decisions.getDecisionOverview(lado, t.ctx, allegation.id);
      assert.equal(o.contact.reference, allegation.reference);
      assert.equal(o.can.decide, false);
      assert.equal(o.items.length, 0);
      await rejects(decisions.getDecisionOverview(lado, t.ctx, other.id), 'not-found');
      assert.equal((await auditEvents(t, { action: 'access.refused', record_id: other.id })).length, 1);
    });
  });

  describe('feedback to the referrer', () => {
    it('is refused before the decision, then sent by secure email through the outbox, meeting its clock, in the ledger', async () => {
      const c = await newContact(t);
      await rejects(decisions.recordFeedback(dm(), t.ctx, c.id, { method: 'secure-email' }), 'invalid-state');
      await decisions.recordDecision(dm(), t.ctx, c.id, s47({ finalBrag: 'green', outcome: 'nfa', nfaRationale: 'No concerns found by the agencies' }));
      await rejects(decisions.recordFeedback(dm(), t.ctx, c.id, { method: 'secure-email', email: 'someone@gmail.com' }), 'validation', 'email');
      await rejects(decisions.recordFeedback(dm(), t.ctx, c.id, { method: 'pigeon' }), 'validation', 'method');
      const f = await decisions.recordFeedback(t.hub.actors['social-worker'], t.ctx, c.id, { method: 'secure-email' });
      assert.equal(f.status, 'sent');
      assert.equal(f.to, 'riley.referrer@nhs.net');
      assert.equal(f.late, false);
      assert.equal(f.queued, true);
      const mail = await t.database.db.selectFrom('outbox_email').selectAll().where('record_id', '=', c.id).execute();
      assert.equal(mail.length, 1);
      assert.equal(mail[0].status, 'pending');
      assert.match(mail[0].body, /No further action/);
      assert.match(mail[0].body, /Why no further action: No concerns found by the agencies/);
      assert.ok(!mail[0].subject.includes('Ava'));
      const clock = await t.database.db.selectFrom('contact_clock').selectAll().where('contact_id', '=', c.id).where('type', '=', 'feedback-to-referrer').executeTakeFirstOrThrow();
      assert.equal(clock.status, 'met');
      const ledger = await t.database.db.selectFrom('disclosure').selectAll().where('contact_id', '=', c.id).where('channel', '=', 'feedback').execute();
      assert.equal(ledger.length, 1);
      assert.equal(ledger[0].recipient_kind, 'referrer');
      assert.equal(ledger[0].recipient_email, 'riley.referrer@nhs.net');
      assert.equal((await auditEvents(t, { action: 'feedback.record', record_id: c.id })).length, 1);
      await rejects(decisions.recordFeedback(dm(), t.ctx, c.id, { method: 'phone' }), 'invalid-state');
      await rejects(decisions.recordFeedback(t.hub.actors.police, t.ctx, c.id, { method: 'phone' }), 'not-found');
    });

    it('is marked late after 24 working hours, and by telephone needs no email', async () => {
      const c = await newContact(t, { referrer: { kind: 'public', name: 'Pat Public', phone: '01000 000002', email: null } });
      await decisions.recordDecision(dm(), t.ctx, c.id, s47({ finalBrag: 'amber', outcome: 'early-help' }));
      const clock = t.services.clock as ReturnType<typeof fixedClock>;
      clock.set(new Date('2026-03-05T11:00:00Z'));
      try {
        const f = await decisions.recordFeedback(dm(), t.ctx, c.id, { method: 'phone' });
        assert.equal(f.late, true);
        assert.equal(f.to, '01000 000002');
        assert.equal(f.queued, false);
      } finally {
        clock.set(NOW);
      }
    });

    it('records that an anonymous referrer cannot be told, and stops the clock with the reason', async () => {
      const c = await newContact(t, { referrer: { kind: 'anonymous' } });
      await decisions.recordDecision(dm(), t.ctx, c.id, s47({ finalBrag: 'amber', outcome: 'advice' }));
      const o = await decisions.getDecisionOverview(dm(), t.ctx, c.id);
      assert.equal(o.feedback?.status, 'not-possible');
      const clock = o.clocks.find((k) => k.type === 'feedback-to-referrer')!;
      assert.equal(clock.status, 'stopped');
      await rejects(decisions.recordFeedback(dm(), t.ctx, c.id, { method: 'phone' }), 'invalid-state');
    });
  });

  describe('disagreements between agencies', () => {
    it('are raised at the first level, escalated with reasons, and resolved; out of order and stale are refused', async () => {
      const c = await newContact(t);
      await rejects(decisions.raiseDisagreement(dm(), t.ctx, { contactId: c.id, subject: 'decision', description: '', withAgencyIds: [] }), 'validation', 'description');
      const d = await decisions.raiseDisagreement(dm(), t.ctx, {
        contactId: c.id,
        subject: 'decision',
        description: 'Police consider the BRAG should be red',
        withAgencyIds: [t.hub.agencyIds['childrens-social-care']],
        raisedByAgencyId: t.hub.agencyIds.police,
      });
      assert.equal(d.level, 'practitioners');
      assert.equal(d.raisedByAgencyName, 'Demo Police');
      const up = await decisions.escalateDisagreement(dm(), t.ctx, d.id, { version: d.version, reason: 'Not resolved between practitioners' });
      assert.equal(up.level, 'managers');
      await rejects(decisions.escalateDisagreement(dm(), t.ctx, d.id, { version: d.version, reason: 'again' }), 'conflict');
      const jump = await decisions.escalateDisagreement(dm(), t.ctx, d.id, { version: up.version, toLevel: 'head-of-service', reason: 'Urgent' });
      assert.equal(jump.level, 'head-of-service');
      assert.equal(jump.steps.length, 3);
      await rejects(decisions.escalateDisagreement(dm(), t.ctx, d.id, { version: jump.version, toLevel: 'managers', reason: 'down' }), 'validation', 'toLevel');
      const done = await decisions.resolveDisagreement(t.hub.actors['social-worker'], t.ctx, d.id, { version: jump.version, resolution: 'Agreed to hold a strategy discussion' });
      assert.equal(done.status, 'resolved');
      await rejects(decisions.resolveDisagreement(dm(), t.ctx, d.id, { version: done.version, resolution: 'x' }), 'invalid-state');
      await rejects(decisions.escalateDisagreement(dm(), t.ctx, d.id, { version: done.version, reason: 'x' }), 'invalid-state');
      await rejects(decisions.getDisagreement(t.otherHub.actors['decision-maker'], t.ctx, d.id), 'not-found');
      await rejects(decisions.raiseDisagreement(t.hub.actors.police, t.ctx, { subject: 'operations', description: 'x', withAgencyIds: [] }), 'forbidden');
      const list = await decisions.listDisagreements(t.hub.actors.auditor, t.ctx, { contactId: c.id });
      assert.equal(list.length, 1);
      assert.equal((await auditEvents(t, { action: 'disagreement.list', actor_user_id: t.hub.actors.auditor.userId })).length, 1);
      await decisions.getDisagreement(t.hub.actors.auditor, t.ctx, d.id);
      assert.equal((await auditEvents(t, { action: 'disagreement.read', record_id: d.id })).length, 1);
      for (const action of ['disagreement.raise', 'disagreement.escalate', 'disagreement.resolve']) {
        assert.ok((await auditEvents(t, { action, record_id: d.id })).length >= 1, action);
      }
    });
  });

  describe('dissemination outside the MASH and the ledger', () => {
    it('refuses without the originating agency’s permission, then shares what was permitted, writing the ledger', async () => {
      const c = await newContact(t);
      const police = await newEnquiry(t, c, 'police', { status: 'responded', items: [{ text: 'Two call-outs this year' }, { text: 'Held back intelligence', heldBack: true }] });
      const base = {
        channel: 'referral-on',
        recipientName: 'Demo 0-19 hub',
        itemIds: [police.itemIds[0]],
        subjectIds: [c.subjectIds[0]],
        what: 'Police summary of call-outs',
        purpose: 'Referral to early help',
        legalBases: ['uk-gdpr-6-1-e', 'dpa-sch1-p2-18'],
        consentBasis: 'not-required',
      };
      await rejects(decisions.disseminate(dm(), t.ctx, c.id, base), 'forbidden', 'items[0]');
      assert.equal((await auditEvents(t, { action: 'disclosure.refused', record_id: c.id })).length, 1);
      assert.equal((await t.database.db.selectFrom('disclosure').select('id').where('contact_id', '=', c.id).execute()).length, 0);

      // the police practitioner records their own agency's permission; not another agency's
      await rejects(
        decisions.recordPermission(t.hub.actors.police, t.ctx, c.id, { originAgencyId: t.hub.agencyIds.health, recipientName: 'Demo 0-19 hub', purpose: 'safeguarding', grantedByName: 'DS Example', grantedAt: NOW }),
        'not-found',
      );
      await rejects(
        decisions.recordPermission(t.hub.actors.police, t.ctx, c.id, { originAgencyId: t.hub.agencyIds.police, recipientName: 'Demo 0-19 hub', purpose: 'marketing', grantedByName: 'DS Example', grantedAt: NOW }),
        'validation',
        'purpose',
      );
      const p = await decisions.recordPermission(t.hub.actors.police, t.ctx, c.id, { originAgencyId: t.hub.agencyIds.police, recipientName: 'Demo 0-19 hub', purpose: 'safeguarding', grantedByName: 'DS Example', grantedAt: NOW });
      assert.equal(p.itemIds, null);
      const shared = await decisions.disseminate(dm(), t.ctx, c.id, base);
      assert.match(shared.document, /Two call-outs this year/);
      const entry = await t.database.db.selectFrom('disclosure').selectAll().where('id', '=', shared.disclosureId).executeTakeFirstOrThrow();
      assert.equal(entry.channel, 'referral-on');
      assert.equal(entry.recipient_kind, 'service');
      assert.equal(entry.decided_by, dm().userId);
      assert.equal(entry.legal_basis, 'uk-gdpr-6-1-e,dpa-sch1-p2-18');
      assert.deepEqual(entry.items, [{ responseId: police.responseId, itemId: police.itemIds[0], originAgencyId: police.agencyId, permissionId: p.id }]);

      // held back needs a permission naming it
      await rejects(decisions.disseminate(dm(), t.ctx, c.id, { ...base, itemIds: police.itemIds }), 'forbidden', 'items[1]');
      await decisions.recordPermission(dm(), t.ctx, c.id, { originAgencyId: t.hub.agencyIds.police, recipientName: 'Demo 0-19 hub', itemIds: [police.itemIds[1]], purpose: 'safeguarding', grantedByName: 'DI Example', grantedAt: NOW });
      await decisions.disseminate(dm(), t.ctx, c.id, { ...base, itemIds: police.itemIds });

      // withdrawn permission no longer covers
      await decisions.revokePermission(t.hub.actors.police, t.ctx, p.id);
      await rejects(decisions.disseminate(dm(), t.ctx, c.id, { ...base, channel: 'letter' }), 'forbidden');
      // a recipient not named in the permission is not covered
      await rejects(decisions.disseminate(dm(), t.ctx, c.id, { ...base, recipientName: 'Another service' }), 'forbidden');
      await rejects(decisions.disseminate(t.hub.actors['social-worker'], t.ctx, c.id, base), 'forbidden');
      await rejects(decisions.disseminate(dm(), t.ctx, c.id, { ...base, itemIds: [], what: '', legalBases: [] }), 'validation', 'what');
      await rejects(decisions.disseminate(dm(), t.ctx, c.id, { ...base, itemIds: [], channel: 'secure-email', recipientEmail: 'x@gmail.com' }), 'validation', 'recipient.email');
      assert.ok((await auditEvents(t, { action: 'dissemination-permission.record', record_id: c.id })).length === 2);
      assert.equal((await auditEvents(t, { action: 'dissemination-permission.revoke', record_id: c.id })).length, 1);
      assert.equal((await decisions.listPermissions(t.hub.actors.police, t.ctx, c.id)).length, 2);
      assert.equal((await auditEvents(t, { action: 'dissemination-permission.list', record_id: c.id })).length, 1);
      assert.ok((await auditEvents(t, { action: 'disclosure.record', record_id: c.id })).length === 2);
    });

    it('lets a partner practitioner record, list and open the form for permissions only on a contact their agency was asked about; refusals are audited, "not found"', async () => {
      const asked = await newContact(t);
      await newEnquiry(t, asked, 'police', { status: 'responded', items: [{ text: 'Police own item' }, { text: 'Police held back item', heldBack: true }] });
      await newEnquiry(t, asked, 'health', { status: 'responded', items: [{ text: 'Health item' }] });
      const unasked = await newContact(t);
      await newEnquiry(t, unasked, 'health', { status: 'sent' });
      const police = t.hub.actors.police;
      const input = { originAgencyId: t.hub.agencyIds.police, recipientName: 'Demo 0-19 hub', purpose: 'safeguarding', grantedByName: 'DS Example', grantedAt: NOW };
      // never asked, and no such contact, answer alike: nothing tells the partner the contact exists
      for (const id of [unasked.id, randomUUID()]) {
        await rejects(decisions.recordPermission(police, t.ctx, id, input), 'not-found');
        await rejects(decisions.listPermissions(police, t.ctx, id), 'not-found');
        await rejects(decisions.permissionForm(police, t.ctx, id), 'not-found');
        assert.equal((await auditEvents(t, { action: 'access.refused', record_id: id })).length, 3);
      }
      assert.equal((await t.database.db.selectFrom('dissemination_permission').select('id').where('contact_id', '=', unasked.id).execute()).length, 0);
      // the form shows the partner their own agency's information only (held-back parts are theirs), and them as the origin
      const form = await decisions.permissionForm(police, t.ctx, asked.id);
      assert.equal(form.originAgencyId, t.hub.agencyIds.police);
      assert.deepEqual(form.items.map((i) => i.text).sort(), ['Police held back item', 'Police own item']);
      const dmForm = await decisions.permissionForm(dm(), t.ctx, asked.id);
      assert.equal(dmForm.originAgencyId, null);
      assert.equal(dmForm.items.length, 3);
      await rejects(decisions.permissionForm(t.hub.actors['social-worker'], t.ctx, asked.id), 'forbidden');
      await decisions.recordPermission(police, t.ctx, asked.id, input);
      assert.equal((await decisions.listPermissions(police, t.ctx, asked.id)).length, 1);
      // health was asked too, but records only its own agency's permission
      await rejects(decisions.recordPermission(t.hub.actors.health, t.ctx, asked.id, input), 'not-found');
    });

    it('audits a ledger search for another hub’s contact or person, answered "not found"', async () => {
      const other = await newContact(t, { which: 'other' });
      const person = await newPerson(t, { which: 'other' });
      await rejects(decisions.searchDisclosures(dm(), t.ctx, { contactId: other.id }), 'not-found');
      await rejects(decisions.searchDisclosures(dm(), t.ctx, { personId: person }), 'not-found');
      assert.equal((await auditEvents(t, { action: 'access.refused', record_id: other.id })).length, 1);
      assert.equal((await auditEvents(t, { action: 'access.refused', record_id: person })).length, 1);
    });

    it('answers "what have we shared about this family, with whom and why" by contact, reference or person, with the family', async () => {
      const child = await newPerson(t, { givenName: 'Ava' });
      const parent = await newPerson(t, { givenName: 'Jo' });
      const sibling = await newPerson(t, { givenName: 'Ben' });
      const cousin = await newPerson(t, { givenName: 'Cal' });
      const a = await newContact(t, { subjects: [{ role: 'subject', givenName: 'Ava', familyName: 'Testington', personId: child }, { role: 'parent-carer', givenName: 'Jo', familyName: 'Testington', personId: parent }] });
      const b = await newContact(t, { subjects: [{ role: 'subject', givenName: 'Ben', familyName: 'Testington', personId: sibling }, { role: 'parent-carer', givenName: 'Jo', familyName: 'Testington', personId: parent }] });
      // a relative known to the person index only, named in a contact of their own
      const c = await newContact(t, { subjects: [{ role: 'subject', givenName: 'Cal', familyName: 'Testington', personId: cousin }] });
      await relate(t, child, cousin, 'other-relative');
      const unrelated = await newContact(t);
      for (const [contact, method] of [[a, 'phone'], [b, 'secure-email'], [c, 'phone'], [unrelated, 'phone']] as const) {
        await decisions.recordDecision(dm(), t.ctx, contact.id, s47({ finalBrag: 'amber', outcome: 'advice' }));
        await decisions.recordFeedback(dm(), t.ctx, contact.id, { method });
      }

      const ig = t.hub.actors['ig-lead'];
      const byContact = await decisions.searchDisclosures(ig, t.ctx, { contactId: a.id });
      assert.deepEqual(new Set(byContact.entries.map((e) => e.contactId)), new Set([a.id, b.id, c.id]), 'the family’s other contacts are included, the unrelated one is not');
      assert.equal(byContact.scope.familyIncluded, true);
      const e = byContact.entries.find((x) => x.contactId === a.id)!;
      assert.equal(e.channel, 'feedback');
      assert.ok(e.what && e.purpose && e.decidedByName === 'Dana Decider');
      assert.ok(e.legalBases.some((l) => l.label.startsWith('UK GDPR')));

      const byReference = await decisions.searchDisclosures(t.hub.actors.auditor, t.ctx, { contactReference: b.reference.toLowerCase() });
      assert.ok(byReference.entries.some((x) => x.contactId === b.id));
      const byPerson = await decisions.searchDisclosures(ig, t.ctx, { personId: sibling });
      assert.ok([a.id, b.id].every((id) => byPerson.entries.some((x) => x.contactId === id)));
      await rejects(decisions.searchDisclosures(ig, t.ctx, { personId: await newPerson(t, { which: 'other' }) }), 'not-found');

      await rejects(decisions.searchDisclosures(ig, t.ctx, { contactReference: 'NO-SUCH' }), 'validation', 'reference');
      await rejects(decisions.searchDisclosures(t.hub.actors['social-worker'], t.ctx, { contactId: a.id }), 'forbidden');
      await rejects(decisions.searchDisclosures(t.otherHub.actors['ig-lead'], t.ctx, { contactId: a.id }), 'not-found');
      const searches = await auditEvents(t, { action: 'disclosure.search', record_id: a.id });
      assert.equal(searches.length, 1);
    });
  });
});
