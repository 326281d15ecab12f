import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DomainError } from '../../src/platform/errors';
import { createTestContext, type TestContext } from '../harness';
import { auditEvents } from '../platform/support/fixtures';
import { consentGiven, consentGivenByAdult, consentNotSought, consentRefused, contactWithRequests, overrideFor, screenedContact, sendInput } from './builders';

const code = (c: string) => (e: unknown) => e instanceof DomainError && e.code === c;
const field = (c: string, f: string) => (e: unknown) => e instanceof DomainError && e.code === c && e.fields.some((x) => x.field === f);

describe('consent service (on the real database)', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext();
  });
  after(async () => t.close());
  const dm = () => t.hub.actors['decision-maker'];

  describe('recording a consent position per person', () => {
    it('records given, refused and not sought, each audited with ids only', async () => {
      const c = await screenedContact(t.database.db, t.hub);
      const given = await t.services.checks.recordConsent(dm(), t.ctx, c.id, consentGiven(c.subjects.child));
      await t.services.checks.recordConsent(t.hub.actors.mso, t.ctx, c.id, consentRefused(c.subjects.mother));
      await t.services.checks.recordConsent(t.hub.actors['social-worker'], t.ctx, c.id, consentNotSought(c.subjects.father));
      const rows = await t.database.db.selectFrom('consent_record').select(['contact_subject_id', 'status', 'subject_is_adult', 'not_sought_reasons', 'sought_from_names']).where('contact_id', '=', c.id).execute();
      assert.deepEqual(
        rows.map((r) => [r.contact_subject_id, r.status, r.subject_is_adult]).sort(),
        [
          [c.subjects.child, 'given', false],
          [c.subjects.mother, 'refused', true],
          [c.subjects.father, 'not-sought', true],
        ].sort(),
      );
      assert.deepEqual(rows.find((r) => r.status === 'not-sought')?.not_sought_reasons, ['prejudice-criminal-investigation']);
      const [event] = await auditEvents(t, { action: 'consent.record', record_id: given.id });
      assert.deepEqual(event.details, { contactId: c.id, subjectId: c.subjects.child, status: 'given' });
    });

    it('a later position supersedes the earlier one, and both are kept', async () => {
      const c = await screenedContact(t.database.db, t.hub);
      await t.services.checks.recordConsent(dm(), t.ctx, c.id, consentRefused(c.subjects.mother));
      await t.services.checks.recordConsent(dm(), t.ctx, c.id, consentGivenByAdult(c.subjects.mother));
      const o = await t.services.checks.getChecks(dm(), t.ctx, c.id);
      const mother = o.people.find((p) => p.id === c.subjects.mother)!;
      assert.equal(mother.consent?.status, 'given');
      assert.equal(mother.history, 1);
    });

    it('refuses what the domain refuses, with field errors', async () => {
      const c = await screenedContact(t.database.db, t.hub);
      await assert.rejects(t.services.checks.recordConsent(dm(), t.ctx, c.id, { ...consentNotSought(c.subjects.child), rationale: '' }), field('validation', 'rationale'));
      // a child's consent comes from holders of parental responsibility, not "the adult"
      await assert.rejects(t.services.checks.recordConsent(dm(), t.ctx, c.id, consentGivenByAdult(c.subjects.child)), field('validation', 'soughtFrom.kind'));
      await assert.rejects(t.services.checks.recordConsent(dm(), t.ctx, c.id, consentGiven(randomUUID())), field('validation', 'subjectId'));
      await assert.rejects(t.services.checks.recordConsent(dm(), t.ctx, c.id, { ...consentGiven(c.subjects.child), soughtAt: new Date(Number.NaN) }), field('validation', 'soughtAt'));
    });

    it('records an adult’s capacity assessment, and refuses capacity for a child', async () => {
      const c = await screenedContact(t.database.db, t.hub);
      await t.services.checks.recordConsent(dm(), t.ctx, c.id, {
        ...consentNotSought(c.subjects.father),
        capacity: { status: 'lacks-capacity', decision: 'To agree to MASH checks', assessedBy: 'Synthetic assessor', assessedAt: new Date(Date.now() - 86_400_000), impairment: 'Synthetic', reasons: ['cannot-retain'], bestInterests: 'Synthetic' },
      });
      const row = await t.database.db.selectFrom('consent_record').select('capacity').where('contact_subject_id', '=', c.subjects.father).executeTakeFirstOrThrow();
      assert.equal((row.capacity as { status: string }).status, 'lacks-capacity');
      await assert.rejects(t.services.checks.recordConsent(dm(), t.ctx, c.id, { ...consentGiven(c.subjects.child), capacity: { status: 'in-doubt-not-assessed', reasonNotAssessed: 'x' } }), field('validation', 'capacity'));
    });

    it('is refused before screening and after the decision (invalid-state)', async () => {
      const fresh = await screenedContact(t.database.db, t.hub, { status: 'new' });
      await assert.rejects(t.services.checks.recordConsent(dm(), t.ctx, fresh.id, consentGiven(fresh.subjects.child)), code('invalid-state'));
      const decided = await screenedContact(t.database.db, t.hub, { status: 'decided' });
      await assert.rejects(t.services.checks.recordConsent(dm(), t.ctx, decided.id, consentGiven(decided.subjects.child)), code('invalid-state'));
    });

    it('hides the contact from partner agencies and other hubs; read-only roles may not record', async () => {
      const c = await screenedContact(t.database.db, t.hub);
      await assert.rejects(t.services.checks.recordConsent(t.hub.actors.police, t.ctx, c.id, consentGiven(c.subjects.child)), code('not-found'));
      await assert.rejects(t.services.checks.recordConsent(t.otherHub.actors['decision-maker'], t.ctx, c.id, consentGiven(c.subjects.child)), code('not-found'));
      await assert.rejects(t.services.checks.recordConsent(t.hub.actors.auditor, t.ctx, c.id, consentGiven(c.subjects.child)), code('not-found'));
      const refusals = await auditEvents(t, { action: 'access.refused', record_id: c.id });
      assert.ok(refusals.length >= 3);
    });
  });

  describe('checks without consent (override)', () => {
    it('only a decision maker can authorise: the server refuses anyone else', async () => {
      const c = await screenedContact(t.database.db, t.hub);
      await t.services.checks.recordConsent(dm(), t.ctx, c.id, consentRefused(c.subjects.mother));
      for (const role of ['mso', 'social-worker'] as const) {
        await assert.rejects(t.services.checks.authoriseOverride(t.hub.actors[role], t.ctx, c.id, overrideFor([c.subjects.mother])), code('forbidden'));
      }
      const { id } = await t.services.checks.authoriseOverride(dm(), t.ctx, c.id, overrideFor([c.subjects.mother]));
      const row = await t.database.db.selectFrom('consent_override').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.consent_position, 'refused');
      assert.equal(row.authorised_by, dm().userId);
      assert.deepEqual(row.criteria, ['protection-of-vulnerable-people', 'prevention-of-crime-and-disorder']);
      assert.equal((row.proportionality as Record<string, { answer?: string }>)['proportionate-to-aim'].answer, 'yes');
      const [event] = await auditEvents(t, { action: 'consent.override', record_id: id });
      assert.deepEqual(event.details, { contactId: c.id, subjects: 1, criteria: row.criteria });
    });

    it('needs criteria, proportionate answers, a justification and the signature', async () => {
      const c = await screenedContact(t.database.db, t.hub);
      await t.services.checks.recordConsent(dm(), t.ctx, c.id, consentRefused(c.subjects.mother));
      const bad = overrideFor([c.subjects.mother], {
        criteria: [],
        justification: '',
        confirmed: false,
        proportionality: { ...overrideFor([]).proportionality, 'proportionate-to-aim': { answer: 'no' } },
      });
      await assert.rejects(t.services.checks.authoriseOverride(dm(), t.ctx, c.id, bad), (e: unknown) => {
        assert.ok(e instanceof DomainError && e.code === 'validation');
        const fields = e.fields.map((f) => f.field);
        for (const f of ['criteria', 'justification', 'confirmed', 'proportionality.proportionate-to-aim']) assert.ok(fields.includes(f), `missing ${f} in ${fields.join(', ')}`);
        return true;
      });
    });

    it('is not needed for someone who consented, and needs a recorded position first', async () => {
      const c = await screenedContact(t.database.db, t.hub);
      await t.services.checks.recordConsent(dm(), t.ctx, c.id, consentGiven(c.subjects.child));
      await assert.rejects(t.services.checks.authoriseOverride(dm(), t.ctx, c.id, overrideFor([c.subjects.child])), field('validation', 'subjectIds'));
      await assert.rejects(t.services.checks.authoriseOverride(dm(), t.ctx, c.id, overrideFor([c.subjects.sibling])), field('validation', 'subjectIds'));
    });

    it('lets checks go ahead for the people it covers', async () => {
      const c = await screenedContact(t.database.db, t.hub);
      await t.services.checks.recordConsent(dm(), t.ctx, c.id, consentGiven(c.subjects.child));
      await t.services.checks.recordConsent(dm(), t.ctx, c.id, consentRefused(c.subjects.mother));
      const send = sendInput([t.hub.agencyIds.police], [c.subjects.child, c.subjects.mother]);
      await assert.rejects(t.services.checks.sendEnquiries(dm(), t.ctx, c.id, send), field('validation', 'subjectIds'));
      const { id: overrideId } = await t.services.checks.authoriseOverride(dm(), t.ctx, c.id, overrideFor([c.subjects.mother]));
      const { enquiryIds } = await t.services.checks.sendEnquiries(dm(), t.ctx, c.id, send);
      const row = await t.database.db.selectFrom('enquiry').select(['consent_basis', 'override_id']).where('id', '=', enquiryIds[0]).executeTakeFirstOrThrow();
      assert.deepEqual(row, { consent_basis: 'override', override_id: overrideId });
      const decision = await t.database.db.selectFrom('share_decision').select(['consent_override_id']).where('enquiry_id', '=', enquiryIds[0]).executeTakeFirstOrThrow();
      assert.equal(decision.consent_override_id, overrideId);
      const ledger = await t.database.db.selectFrom('disclosure').select('consent_basis').where('source_id', '=', enquiryIds[0]).executeTakeFirstOrThrow();
      assert.equal(ledger.consent_basis, 'override');
    });
  });

  describe('withdrawal of consent', () => {
    it('raises a task for every agency that received the person’s information, which the decision maker sees to completion', async () => {
      const { contact, enquiryIds } = await contactWithRequests(t, ['police', 'health']);
      // a disclosure recorded elsewhere (e.g. a referral on) to education, naming nobody in particular
      await t.database.db
        .insertInto('disclosure')
        .values({
          id: randomUUID(),
          hub_id: t.hub.hubId,
          contact_id: contact.id,
          recipient_kind: 'agency',
          recipient_agency_id: t.hub.agencyIds.education,
          recipient_name: 'Demo education services',
          recipient_email: null,
          channel: 'referral-on',
          shared: true,
          what: 'Synthetic',
          purpose: 'Synthetic',
          legal_basis: 'uk-gdpr-6-1-e',
          consent_basis: 'consent',
          reason_not_shared: null,
          decided_by: dm().userId,
          decided_at: new Date(),
          source_type: 'test',
          source_id: null,
        })
        .execute();
      const o = await t.services.checks.getChecks(dm(), t.ctx, contact.id);
      const consent = o.people.find((p) => p.id === contact.subjects.mother)!.consent!;
      const { tasks } = await t.services.checks.withdrawConsent(dm(), t.ctx, consent.id, { receivedByAgencyId: t.hub.agencyIds.police, version: consent.version });
      assert.equal(tasks, 3);

      // tasks go to the practitioner role of each agency that received the information
      const tasksOf = (role: string) =>
        t.database.db.selectFrom('notification').selectAll().where('hub_id', '=', t.hub.hubId).where('role', '=', role).where('agency_id', '=', t.hub.actors[role as 'police'].agencyId).where('topic', '=', 'consent-withdrawn').execute();
      const policeTasks = await tasksOf('police');
      assert.equal(policeTasks.length, 1);
      assert.equal((await tasksOf('health')).length, 1);
      assert.equal((await tasksOf('education')).length, 1);
      assert.equal(policeTasks[0].kind, 'task');
      assert.equal(policeTasks[0].record_type, 'enquiry');
      assert.equal(policeTasks[0].record_id, enquiryIds[0]);
      // the tasks name nobody
      assert.ok(!policeTasks[0].message.includes('Morgan'));
      // an agency that received nothing has no task
      assert.equal((await tasksOf('probation')).length, 0);

      let view = await t.services.checks.getChecks(dm(), t.ctx, contact.id);
      assert.equal(view.withdrawalTasks.length, 3);
      assert.ok(view.withdrawalTasks.every((x) => x.completedAt === null));
      // the police mark theirs done (through the tasks feature; see the report on its policy call for partner roles)
      await t.database.db.updateTable('notification').set({ completed_at: new Date(), completed_by: t.hub.actors.police.userId }).where('id', '=', policeTasks[0].id).execute();
      view = await t.services.checks.getChecks(dm(), t.ctx, contact.id);
      assert.equal(view.withdrawalTasks.filter((x) => x.completedAt !== null).length, 1);
      assert.equal(view.people.find((p) => p.id === contact.subjects.mother)!.consent!.status, 'withdrawn');

      // the police see on the request that consent was withdrawn for someone in it
      const detail = await t.services.checks.getEnquiry(t.hub.actors.police, t.ctx, enquiryIds[0]);
      assert.deepEqual(detail.consentWithdrawnFor, [contact.subjects.mother]);

      const [event] = await auditEvents(t, { action: 'consent.withdraw', record_id: consent.id });
      assert.deepEqual(event.details, { contactId: contact.id, tasks: 3 });
      assert.equal((await auditEvents(t, { action: 'consent.withdrawal-task.raise' })).filter((e) => e.details.consentId === consent.id).length, 3);
    });

    it('only consent given can be withdrawn, once, and only the current position', async () => {
      const c = await screenedContact(t.database.db, t.hub);
      const refused = await t.services.checks.recordConsent(dm(), t.ctx, c.id, consentRefused(c.subjects.mother));
      await assert.rejects(t.services.checks.withdrawConsent(dm(), t.ctx, refused.id, { receivedByAgencyId: t.hub.agencyIds.police }), code('invalid-state'));
      const given = await t.services.checks.recordConsent(dm(), t.ctx, c.id, consentGivenByAdult(c.subjects.father));
      await assert.rejects(t.services.checks.withdrawConsent(dm(), t.ctx, given.id, { receivedByAgencyId: '' }), field('validation', 'receivedByAgencyId'));
      await assert.rejects(t.services.checks.withdrawConsent(dm(), t.ctx, given.id, { receivedByAgencyId: t.hub.agencyIds.police, version: 7 }), code('conflict'));
      const done = await t.services.checks.withdrawConsent(dm(), t.ctx, given.id, { receivedByAgencyId: t.hub.agencyIds.police });
      assert.equal(done.tasks, 0);
      await assert.rejects(t.services.checks.withdrawConsent(dm(), t.ctx, given.id, { receivedByAgencyId: t.hub.agencyIds.police }), code('invalid-state'));
      await assert.rejects(t.services.checks.withdrawConsent(t.otherHub.actors['decision-maker'], t.ctx, given.id, { receivedByAgencyId: t.hub.agencyIds.police }), code('not-found'));
      await assert.rejects(t.services.checks.withdrawConsent(dm(), t.ctx, 'not-an-id', { receivedByAgencyId: t.hub.agencyIds.police }), code('not-found'));
    });
  });
});
