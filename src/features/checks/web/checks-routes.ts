/**
 * The decision maker's pages for a contact's checks: the overview with every response side by
 * side, recording consent per person, authorising checks without consent, sending requests,
 * recording a decision not to share, and withdrawing consent.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../composition';
import { DomainError, type FieldError } from '../../../platform/errors';
import type { ChecksOverview } from '../checks-service';
import { type Body, consentForm, proportionalityForm, shareChecklistForm, str, strs, int } from './forms';
import { vocabulary } from './labels';

type Params = { id: string; subjectId?: string; consentId?: string };

/** Re-render the form with the answers kept when the service says what is wrong. */
export async function withFormErrors(reply: FastifyReply, work: () => Promise<unknown>, render: (errors: FieldError[]) => unknown) {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError && (error.code === 'validation' || error.code === 'conflict' || error.code === 'invalid-state')) {
      reply.status(error.code === 'validation' ? 400 : 409);
      const errors = error.code === 'validation' ? error.fields : [{ field: 'form', text: error.message }];
      return render(errors.length > 0 ? errors : [{ field: 'form', text: error.message }]);
    }
    throw error;
  }
}

const checksPath = (id: string) => `/contacts/${id}/checks`;

/** The people of the contact as checkbox items, each with its consent position as the hint. */
const personItems = (o: ChecksOverview) =>
  o.people.map((p) => ({
    value: p.id,
    text: `${p.name} (${p.roleLabel.toLowerCase()})`,
    hint: { text: p.consent ? `Consent ${vocabulary.consentStatusLabels[p.consent.status].toLowerCase()}${p.coveredByOverride ? '; checks without consent authorised' : ''}` : 'Consent position not recorded' },
  }));

export function registerChecksRoutes(app: FastifyInstance, services: Services) {
  const { checks } = services;
  const overview = (request: FastifyRequest) => checks.getChecks(request.actor!, request.auditContext, (request.params as Params).id);
  const page = (reply: FastifyReply, template: string, model: Record<string, unknown>) => {
    const o = model.o as ChecksOverview | undefined;
    return reply.page(template, { v: vocabulary, ...(o ? { personItems: personItems(o) } : {}), ...model });
  };

  app.get('/contacts/:id/checks', { schema: { hide: true } }, async (request, reply) => {
    const o = await overview(request);
    return page(reply, 'checks/checks.njk', { pageTitle: `MASH checks for contact ${o.contact.reference}`, o });
  });

  // --- consent per person ---
  const consentModel = (o: ChecksOverview, subjectId: string) => {
    const person = o.people.find((p) => p.id === subjectId);
    if (!person) throw new DomainError('not-found', 'Not found');
    return { o, person, pageTitle: `Consent: ${person.name}` };
  };
  app.get('/contacts/:id/checks/consent/:subjectId', { schema: { hide: true } }, async (request, reply) => {
    const o = await overview(request);
    const model = consentModel(o, (request.params as Params).subjectId!);
    return page(reply, 'checks/consent.njk', { ...model, values: { scope: 'MASH checks with partner agencies', capacityStatus: 'assumed', soughtFromKind: model.person.isAdult ? 'adult' : 'parental-responsibility' } });
  });
  app.post('/contacts/:id/checks/consent/:subjectId', { schema: { hide: true } }, async (request, reply) => {
    const { id, subjectId } = request.params as Params;
    const b = request.body as Body;
    return withFormErrors(
      reply,
      async () => {
        await checks.recordConsent(request.actor!, request.auditContext, id, consentForm({ ...b, subjectId }, new Date()));
        return reply.flash('Consent position recorded').redirect(checksPath(id));
      },
      async (errors) => {
        const o = await overview(request);
        return page(reply, 'checks/consent.njk', { ...consentModel(o, subjectId!), errors, values: { ...b, notSoughtReasons: strs(b.notSoughtReasons), capacityReasons: strs(b.capacityReasons) } });
      },
    );
  });

  // --- withdrawal of consent ---
  const withdrawModel = (o: ChecksOverview, consentId: string) => {
    const person = o.people.find((p) => p.consent?.id === consentId);
    if (!person || !person.consent) throw new DomainError('not-found', 'Not found');
    return { o, person, pageTitle: `Consent withdrawn: ${person.name}`, agencyItems: [] as Array<{ value: string; text: string }> };
  };
  const agencyItems = async (request: FastifyRequest) => {
    const agencies = await services.admin.listAgencies(request.actor!, request.auditContext).catch(() => []);
    return agencies.filter((a) => a.active).map((a) => ({ value: a.id, text: a.name }));
  };
  app.get('/contacts/:id/checks/consents/:consentId/withdraw', { schema: { hide: true } }, async (request, reply) => {
    const o = await overview(request);
    const model = withdrawModel(o, (request.params as Params).consentId!);
    return page(reply, 'checks/withdraw-consent.njk', { ...model, agencyItems: await agencyItems(request), values: { version: model.person.consent!.version } });
  });
  app.post('/contacts/:id/checks/consents/:consentId/withdraw', { schema: { hide: true } }, async (request, reply) => {
    const { id, consentId } = request.params as Params;
    const b = request.body as Body;
    return withFormErrors(
      reply,
      async () => {
        const { tasks } = await checks.withdrawConsent(request.actor!, request.auditContext, consentId!, { receivedByAgencyId: str(b.receivedByAgencyId), version: int(b.version) });
        return reply.flash(tasks === 1 ? 'Consent withdrawn: 1 recipient has a task to dispose of the information' : `Consent withdrawn: ${tasks} recipients have a task to dispose of the information`).redirect(checksPath(id));
      },
      async (errors) => {
        const o = await overview(request);
        return page(reply, 'checks/withdraw-consent.njk', { ...withdrawModel(o, consentId!), agencyItems: await agencyItems(request), errors, values: b });
      },
    );
  });

  // --- override ---
  app.get('/contacts/:id/checks/override', { schema: { hide: true } }, async (request, reply) => {
    await checks.requireTo(request.actor!, request.auditContext, 'consent.override');
    const o = await overview(request);
    return page(reply, 'checks/override.njk', { o, pageTitle: 'Authorise checks without consent', values: { subjectIds: o.people.filter((p) => p.needsOverride).map((p) => p.id) } });
  });
  app.post('/contacts/:id/checks/override', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as Params;
    const b = request.body as Body;
    return withFormErrors(
      reply,
      async () => {
        await checks.authoriseOverride(request.actor!, request.auditContext, id, {
          subjectIds: strs(b.subjectIds),
          scope: str(b.scope),
          criteria: strs(b.criteria),
          proportionality: proportionalityForm(b),
          justification: str(b.justification),
          confirmed: str(b.confirmed) === 'yes',
        });
        return reply.flash('Checks without consent authorised').redirect(checksPath(id));
      },
      async (errors) => {
        const o = await overview(request);
        return page(reply, 'checks/override.njk', { o, pageTitle: 'Authorise checks without consent', errors, values: { ...b, subjectIds: strs(b.subjectIds), criteria: strs(b.criteria), confirmed: strs(b.confirmed) } });
      },
    );
  });

  // --- send information requests ---
  const sendModel = (o: ChecksOverview) => ({
    o,
    pageTitle: 'Send information requests',
    agencyItems: o.agencies.map((a) => ({
      value: a.id,
      text: a.name,
      disabled: !a.requestable || a.hasOpenRequest,
      hint: { text: !a.requestable ? `${a.reasonNot ?? 'Cannot be asked'}: it cannot be asked` : a.hasOpenRequest ? 'Already has an open request about this contact' : 'Active information sharing agreement' },
    })),
  });
  app.get('/contacts/:id/checks/send', { schema: { hide: true } }, async (request, reply) => {
    await checks.requireTo(request.actor!, request.auditContext, 'enquiry.send');
    const o = await overview(request);
    return page(reply, 'checks/send.njk', { ...sendModel(o), values: { subjectIds: o.people.map((p) => p.id), legalBases: [] } });
  });
  app.post('/contacts/:id/checks/send', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as Params;
    const b = request.body as Body;
    return withFormErrors(
      reply,
      async () => {
        const { enquiryIds } = await checks.sendEnquiries(request.actor!, request.auditContext, id, {
          agencyIds: strs(b.agencyIds),
          subjectIds: strs(b.subjectIds),
          question: str(b.question),
          reason: str(b.reason),
          share: shareChecklistForm(b),
          rationale: str(b.rationale),
        });
        return reply.flash(enquiryIds.length === 1 ? 'Information request sent' : `${enquiryIds.length} information requests sent`).redirect(checksPath(id));
      },
      async (errors) => {
        const o = await overview(request);
        return page(reply, 'checks/send.njk', { ...sendModel(o), errors, values: { ...b, agencyIds: strs(b.agencyIds), subjectIds: strs(b.subjectIds), legalBases: strs(b.legalBases) } });
      },
    );
  });

  // --- a decision not to share ---
  const notShareModel = (o: ChecksOverview) => ({
    o,
    pageTitle: 'Record a decision not to share',
    agencyItems: [{ value: '', text: 'Someone outside the hub’s agencies' }, ...o.agencies.map((a) => ({ value: a.id, text: a.name }))],
  });
  app.get('/contacts/:id/checks/not-share', { schema: { hide: true } }, async (request, reply) => {
    await checks.requireTo(request.actor!, request.auditContext, 'disclosure.record');
    const o = await overview(request);
    return page(reply, 'checks/not-share.njk', { ...notShareModel(o), values: { subjectIds: o.people.map((p) => p.id), legalBases: [] } });
  });
  app.post('/contacts/:id/checks/not-share', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as Params;
    const b = request.body as Body;
    return withFormErrors(
      reply,
      async () => {
        await checks.recordDecisionNotToShare(request.actor!, request.auditContext, id, {
          ...(str(b.agencyId) ? { agencyId: str(b.agencyId) } : { recipientName: str(b.recipientName) }),
          subjectIds: strs(b.subjectIds),
          what: str(b.what),
          purpose: str(b.purpose),
          share: shareChecklistForm(b),
          rationale: str(b.rationale),
        });
        return reply.flash('Decision not to share recorded').redirect(checksPath(id));
      },
      async (errors) => {
        const o = await overview(request);
        return page(reply, 'checks/not-share.njk', { ...notShareModel(o), errors, values: { ...b, subjectIds: strs(b.subjectIds), legalBases: strs(b.legalBases) } });
      },
    );
  });
}
