import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../composition';
import { hasPermission } from '../../../platform/access/policy';
import { isUuid, type FieldError } from '../../../platform/errors';
import type { NavItem } from '../../../platform/http/navigation';
import { LEGAL_BASES } from '../../enquiries/domain/legal-basis';
import { BRAGS } from '../../enquiries/domain/types';
import { int, list, londonDateTimeFrom, londonParts, str, toPageErrors, withFormErrors, type Body } from '../../meetings/web/form-fields';
import { CHANNEL_LABELS, CONSENT_BASES, DISSEMINATION_CHANNELS, RECIPIENT_KIND_LABELS, type DecisionOverview } from '../decisions-service';
import { OUTCOMES } from '../domain/decision';
import { DISAGREEMENT_SUBJECTS } from '../domain/disagreement';
import { PERMISSION_PURPOSES } from '../domain/dissemination';
import { FEEDBACK_METHODS } from '../domain/feedback';

export const decisionsNav: NavItem[] = [
  { text: 'Disagreements', href: '/disagreements', permission: 'disagreement.record' },
  { text: 'Disclosure ledger', href: '/disclosures', permission: 'disclosure.read' },
];

const BRAG_LABELS: Record<string, string> = { blue: 'Blue', red: 'Red', amber: 'Amber', green: 'Green' };
const bragItems = BRAGS.map((b) => ({ value: b, text: BRAG_LABELS[b] }));
const outcomeItems = Object.entries(OUTCOMES).map(([value, text]) => ({ value, text }));
const methodItems = Object.entries(FEEDBACK_METHODS).map(([value, text]) => ({ value, text }));
const subjectItems = Object.entries(DISAGREEMENT_SUBJECTS).map(([value, text]) => ({ value, text }));
const purposeItems = Object.entries(PERMISSION_PURPOSES).map(([value, text]) => ({ value, text }));
const channelItems = Object.entries(DISSEMINATION_CHANNELS).map(([value, text]) => ({ value, text }));
const consentItems = Object.entries(CONSENT_BASES).map(([value, text]) => ({ value, text }));
const legalBasisItems = Object.entries(LEGAL_BASES).map(([value, text]) => ({ value, text }));

type Params = { id: string };

export function registerDecisionsRoutes(app: FastifyInstance, services: Services) {
  const { decisions, meetings } = services;
  const act = (request: FastifyRequest) => [request.actor!, request.auditContext] as const;
  const agencyItems = async (request: FastifyRequest) => (await meetings.listAgencies(...act(request))).map((a) => ({ value: a.id, text: a.name }));

  // ---- the decision page ----
  const renderDecision = async (request: FastifyRequest, reply: FastifyReply, contactId: string, extra: { errors?: FieldError[]; values?: Record<string, unknown>; feedbackValues?: Record<string, unknown>; form?: 'decision' | 'feedback' } = {}) => {
    const overview: DecisionOverview = await decisions.getDecisionOverview(...act(request), contactId);
    const r = overview.contact.referrer;
    return reply.page('decisions/decision.njk', {
      pageTitle: `Decision on contact ${overview.contact.reference}`,
      o: overview,
      bragItems,
      outcomeItems,
      methodItems,
      bragLabels: BRAG_LABELS,
      personItems: overview.people.map((p) => ({ value: p.subjectId, text: p.name, hint: { text: `${p.roleLabel} – consent ${p.consent ?? 'not recorded'}` } })),
      canReadLedger: hasPermission(request.actor!.role, 'disclosure.read'),
      errors: extra.errors,
      form: extra.form,
      values: extra.values ?? { version: overview.contact.version, finalBrag: overview.contact.initialBrag ?? '' },
      feedbackValues: extra.feedbackValues ?? { method: r.kind === 'professional' && r.emailApproved ? 'secure-email' : r.phone ? 'phone' : r.address ? 'letter' : 'in-person', email: r.email ?? '', phone: r.phone ?? '', postalAddress: r.address ?? '' },
    });
  };
  app.get('/contacts/:id/decision', { schema: { hide: true } }, async (request, reply) => renderDecision(request, reply, (request.params as Params).id));
  app.post('/contacts/:id/decision', { schema: { hide: true } }, async (request, reply) => {
    const id = (request.params as Params).id;
    const b = request.body as Body;
    const outcome = str(b.outcome);
    const input = {
      version: int(b.version),
      finalBrag: str(b.finalBrag),
      outcome,
      summary: str(b.summary),
      recommendation: str(b.recommendation),
      ...(outcome === 'nfa' ? { nfaRationale: str(b.nfaRationale) } : {}),
      ...(outcome === 'other-service' ? { otherService: { name: str(b.otherServiceName), personIds: list(b.otherServicePersonIds) } } : {}),
    };
    return withFormErrors(
      reply,
      async () => {
        await decisions.recordDecision(...act(request), id, input);
        return reply.flash('Decision recorded').redirect(`/contacts/${id}/decision`);
      },
      (errors) =>
        renderDecision(request, reply, id, {
          form: 'decision',
          errors: inPageOrder(
            errors.map((e) => ({ ...e, field: e.field.replace(/^otherService-name$/, 'otherServiceName').replace(/^otherService-personIds(-\d+)?$/, 'otherServicePersonIds').replace(/^otherService$/, 'otherServiceName') })),
            DECISION_FIELDS,
          ),
          values: { ...b, otherServicePersonIds: list(b.otherServicePersonIds) },
        }),
    );
  });
  app.post('/contacts/:id/feedback', { schema: { hide: true } }, async (request, reply) => {
    const id = (request.params as Params).id;
    const b = request.body as Body;
    const input = { method: str(b.method), email: str(b.email) || undefined, phone: str(b.phone) || undefined, postalAddress: str(b.postalAddress) || undefined };
    return withFormErrors(
      reply,
      async () => {
        await decisions.recordFeedback(...act(request), id, input);
        return reply.flash('Feedback to the referrer recorded').redirect(`/contacts/${id}/decision`);
      },
      (errors) => renderDecision(request, reply, id, { form: 'feedback', errors: errors.map((e) => (e.field === 'version' ? { ...e, field: 'method' } : e)), feedbackValues: b }),
    );
  });

  // ---- disagreements ----
  app.get('/disagreements', { schema: { hide: true } }, async (request, reply) => {
    const all = await decisions.listDisagreements(...act(request));
    return reply.page('decisions/disagreements.njk', { pageTitle: 'Disagreements between agencies', disagreements: all });
  });
  const renderRaise = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown>, errors: FieldError[] = []) =>
    reply.page('decisions/disagreement-new.njk', { pageTitle: 'Record a disagreement between agencies', values, errors, subjectItems, agencyItems: await agencyItems(request) });
  app.get('/disagreements/new', { schema: { hide: true } }, async (request, reply) => {
    await decisions.requireTo(...act(request), 'disagreement.record');
    const q = request.query as Record<string, string | undefined>;
    return renderRaise(request, reply, { contactId: q.contactId ?? '', meetingId: q.meetingId ?? '', subject: q.contactId ? 'decision' : q.meetingId ? 'strategy-outcome' : '', raisedByAgencyId: request.actor!.agencyId, withAgencyIds: [] });
  });
  app.post('/disagreements/new', { schema: { hide: true } }, async (request, reply) => {
    const b = request.body as Body;
    const input = {
      ...(str(b.contactId) ? { contactId: str(b.contactId) } : {}),
      ...(str(b.meetingId) ? { meetingId: str(b.meetingId) } : {}),
      subject: str(b.subject),
      description: str(b.description),
      withAgencyIds: list(b.withAgencyIds),
      raisedByAgencyId: str(b.raisedByAgencyId) || undefined,
    };
    return withFormErrors(
      reply,
      async () => {
        const d = await decisions.raiseDisagreement(...act(request), input);
        return reply.flash('Disagreement recorded').redirect(`/disagreements/${d.id}`);
      },
      (errors) => renderRaise(request, reply, { ...b, withAgencyIds: input.withAgencyIds }, errors),
    );
  });
  const renderDisagreement = async (request: FastifyRequest, reply: FastifyReply, id: string, extra: Record<string, unknown> = {}) => {
    const d = await decisions.getDisagreement(...act(request), id);
    return reply.page('decisions/disagreement.njk', { pageTitle: 'Disagreement between agencies', d, canRecord: hasPermission(request.actor!.role, 'disagreement.record'), values: {}, ...extra });
  };
  app.get('/disagreements/:id', { schema: { hide: true } }, async (request, reply) => renderDisagreement(request, reply, (request.params as Params).id));
  app.post('/disagreements/:id/escalate', { schema: { hide: true } }, async (request, reply) => {
    const id = (request.params as Params).id;
    const b = request.body as Body;
    return withFormErrors(
      reply,
      async () => {
        await decisions.escalateDisagreement(...act(request), id, { version: int(b.version), toLevel: str(b.toLevel) || undefined, reason: str(b.reason) });
        return reply.flash('Disagreement escalated').redirect(`/disagreements/${id}`);
      },
      (errors) => renderDisagreement(request, reply, id, { errors, values: b }),
    );
  });
  app.post('/disagreements/:id/resolve', { schema: { hide: true } }, async (request, reply) => {
    const id = (request.params as Params).id;
    const b = request.body as Body;
    return withFormErrors(
      reply,
      async () => {
        await decisions.resolveDisagreement(...act(request), id, { version: int(b.version), resolution: str(b.resolution) });
        return reply.flash('Disagreement resolved').redirect(`/disagreements/${id}`);
      },
      (errors) => renderDisagreement(request, reply, id, { errors, values: b }),
    );
  });

  // ---- permissions and dissemination ----
  // the decision maker records any agency's permission on its word; a partner practitioner their own agency's, seeing only their own information
  const renderPermission = async (request: FastifyRequest, reply: FastifyReply, contactId: string, values: Record<string, unknown>, errors: FieldError[] = []) => {
    const o = await decisions.permissionForm(...act(request), contactId);
    const agencies = await agencyItems(request);
    return reply.page('decisions/permission-new.njk', {
      pageTitle: 'Record an agency’s permission to share',
      o,
      values: o.originAgencyId ? { ...values, originAgencyId: o.originAgencyId } : values,
      errors,
      purposeItems,
      agencyItems: agencies,
      originItems: o.originAgencyId ? agencies.filter((a) => a.value === o.originAgencyId) : agencies,
      backHref: hasPermission(request.actor!.role, 'contact.read') ? `/contacts/${o.contact.id}/decision` : '/enquiries',
      itemItems: o.items.map((i) => ({ value: i.itemId, text: `${i.agencyName}: ${i.text}`, hint: i.heldBack ? { text: 'Held back within the MASH' } : undefined })),
    });
  };
  app.get('/contacts/:id/permissions/new', { schema: { hide: true } }, async (request, reply) => {
    const p = londonParts(services.clock.now());
    return renderPermission(request, reply, (request.params as Params).id, { purpose: 'safeguarding', scope: 'all', 'grantedAt-day': p.day, 'grantedAt-month': p.month, 'grantedAt-year': p.year, grantedAtTime: p.time, itemIds: [] });
  });
  app.post('/contacts/:id/permissions/new', { schema: { hide: true } }, async (request, reply) => {
    const id = (request.params as Params).id;
    const b = request.body as Body;
    const parseErrors: FieldError[] = [];
    const grantedAt = londonDateTimeFrom(b, 'grantedAt', 'grantedAtTime', parseErrors, 9 * 60);
    const recipientAgencyId = str(b.recipientAgencyId);
    const input = {
      originAgencyId: str(b.originAgencyId),
      ...(recipientAgencyId ? { recipientAgencyId } : { recipientName: str(b.recipientName) }),
      ...(str(b.scope) === 'items' ? { itemIds: list(b.itemIds) } : {}),
      purpose: str(b.purpose),
      grantedByName: str(b.grantedByName),
      grantedAt,
    };
    return withFormErrors(
      reply,
      async () => {
        await decisions.recordPermission(...act(request), id, input);
        return reply.flash('Permission recorded').redirect(hasPermission(request.actor!.role, 'contact.read') ? `/contacts/${id}/decision` : '/enquiries');
      },
      (errors) => renderPermission(request, reply, id, { ...b, itemIds: list(b.itemIds) }, errors.map((e) => (e.field === 'recipient' ? { ...e, field: 'recipientName' } : e))),
      parseErrors,
    );
  });
  app.post('/dissemination-permissions/:id/revoke', { schema: { hide: true } }, async (request, reply) => {
    const b = request.body as Body;
    await decisions.revokePermission(...act(request), (request.params as Params).id);
    const contactId = str(b.contactId);
    return reply.flash('Permission withdrawn').redirect(isUuid(contactId) ? `/contacts/${contactId}/decision` : '/');
  });

  const renderDisseminate = async (request: FastifyRequest, reply: FastifyReply, contactId: string, values: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const o = await decisions.getDecisionOverview(...act(request), contactId);
    return reply.page('decisions/disseminate.njk', {
      pageTitle: 'Share information outside the MASH',
      o,
      values,
      channelItems,
      consentItems,
      legalBasisItems,
      agencyItems: await agencyItems(request),
      personItems: o.people.map((p) => ({ value: p.subjectId, text: p.name, hint: { text: p.roleLabel } })),
      itemItems: o.items.map((i) => ({ value: i.itemId, text: `${i.agencyName} (${i.kind}): ${i.text}`, hint: i.heldBack ? { text: 'Held back within the MASH: needs a permission naming it' } : undefined })),
      ...extra,
    });
  };
  app.get('/contacts/:id/disseminate', { schema: { hide: true } }, async (request, reply) => {
    await decisions.requireTo(...act(request), 'disclosure.record');
    return renderDisseminate(request, reply, (request.params as Params).id, { channel: 'referral-on', consentBasis: 'consent', legalBases: ['uk-gdpr-6-1-e', 'dpa-sch1-p2-18'], itemIds: [], subjectIds: [] });
  });
  app.post('/contacts/:id/disseminate', { schema: { hide: true } }, async (request, reply) => {
    const id = (request.params as Params).id;
    const b = request.body as Body;
    const recipientAgencyId = str(b.recipientAgencyId);
    const input = {
      channel: str(b.channel),
      ...(recipientAgencyId ? { recipientAgencyId } : { recipientName: str(b.recipientName) }),
      ...(str(b.recipientEmail) ? { recipientEmail: str(b.recipientEmail) } : {}),
      itemIds: list(b.itemIds),
      subjectIds: list(b.subjectIds),
      what: str(b.what),
      purpose: str(b.purpose),
      legalBases: list(b.legalBases),
      consentBasis: str(b.consentBasis),
    };
    const values = { ...b, itemIds: input.itemIds, subjectIds: input.subjectIds, legalBases: input.legalBases };
    try {
      return await withFormErrors(
        reply,
        async () => {
          const result = await decisions.disseminate(...act(request), id, input);
          return renderDisseminate(request, reply, id, values, { result });
        },
        (errors) => renderDisseminate(request, reply, id, values, { errors: errors.map(mapDisseminationField) }),
      );
    } catch (error) {
      // refused for want of the originating agencies' permission: say which items, on the form
      const e = error as { code?: string; fields?: FieldError[]; message?: string };
      if (e.code === 'forbidden' && e.fields && e.fields.length > 0) {
        reply.status(403);
        return renderDisseminate(request, reply, id, values, { refused: true, errors: [{ field: 'itemIds', text: e.message ?? 'Permission is needed' }, ...toPageErrors(e.fields).map(mapDisseminationField)] });
      }
      throw error;
    }
  });

  // ---- the disclosure ledger: no personal data in URLs, so a reference is searched by POST ----
  app.get('/disclosures', { schema: { hide: true } }, async (request, reply) => {
    await decisions.requireTo(...act(request), 'disclosure.read');
    return reply.page('decisions/disclosures.njk', { pageTitle: 'Disclosure ledger', values: {} });
  });
  app.post('/disclosures', { schema: { hide: true } }, async (request, reply) => {
    const b = request.body as Body;
    return withFormErrors(
      reply,
      async () => {
        const result = await decisions.searchDisclosures(...act(request), { contactReference: str(b.reference) });
        return reply.page('decisions/disclosures.njk', { pageTitle: 'Disclosure ledger', values: b, result, labels: { kinds: RECIPIENT_KIND_LABELS, channels: CHANNEL_LABELS, consent: CONSENT_BASES } });
      },
      (errors) => reply.page('decisions/disclosures.njk', { pageTitle: 'Disclosure ledger', values: b, errors }),
    );
  });
  for (const [path, key] of [
    ['/disclosures/contacts/:id', 'contactId'],
    ['/disclosures/persons/:id', 'personId'],
  ] as const) {
    app.get(path, { schema: { hide: true } }, async (request, reply) => {
      const result = await decisions.searchDisclosures(...act(request), { [key]: (request.params as Params).id });
      return reply.page('decisions/disclosures.njk', { pageTitle: 'Disclosure ledger', values: {}, result, labels: { kinds: RECIPIENT_KIND_LABELS, channels: CHANNEL_LABELS, consent: CONSENT_BASES } });
    });
  }
}

/** The decision form's fields, top to bottom: the error summary follows the page. */
const DECISION_FIELDS = ['version', 'finalBrag', 'outcome', 'nfaRationale', 'otherServiceName', 'otherServicePersonIds', 'summary', 'recommendation'];

function inPageOrder(errors: FieldError[], order: readonly string[]): FieldError[] {
  const rank = (f: string) => (order.includes(f) ? order.indexOf(f) : order.length);
  return [...errors].sort((a, b) => rank(a.field) - rank(b.field));
}

/** `items[2]` (the nth item chosen) → the item checkboxes; other service paths → the form's fields. */
function mapDisseminationField(e: FieldError): FieldError {
  const m = /^items-(\d+)$/.exec(e.field);
  if (m) return { field: 'itemIds', text: `${e.text} (item ${Number(m[1]) + 1} selected)` };
  if (e.field === 'recipient') return { ...e, field: 'recipientName' };
  if (e.field === 'recipient-email') return { ...e, field: 'recipientEmail' };
  if (e.field.startsWith('personIds')) return { ...e, field: 'subjectIds' };
  if (e.field.startsWith('legalBases')) return { ...e, field: 'legalBases' };
  return e;
}
