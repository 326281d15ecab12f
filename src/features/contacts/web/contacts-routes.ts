import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../composition';
import { hasPermission, type Actor } from '../../../platform/access/policy';
import { ROLE_LABELS, type Role } from '../../../platform/access/roles';
import { DomainError, type FieldError } from '../../../platform/errors';
import type { NavItem } from '../../../platform/http/navigation';
import { londonDate, londonMinutes } from '../../clocks/domain/london-time';
import { isQueueName, QUEUES, QUEUE_LABELS, type QueueName } from '../domain/queue';
import { STATUS_LABELS } from '../domain/status';
import {
  ANSWERS,
  ANSWER_LABELS,
  BRAGS,
  BRAG_HINTS,
  BRAG_LABELS,
  CHANNEL_LABELS,
  CLASSIFICATIONS,
  CLASSIFICATION_LABELS,
  CONCERN_CATEGORIES,
  CONCERN_CATEGORY_LABELS,
  CONSULTATION_KINDS,
  CONSULTATION_KIND_LABELS,
  CRIME_ANSWERS,
  CRIME_ANSWER_LABELS,
  REFERRER_KINDS,
  REFERRER_KIND_LABELS,
  SEXES,
  SEX_LABELS,
  STAFF_CHANNELS,
  SUBJECT_ROLES,
  SUBJECT_ROLE_LABELS,
} from '../domain/vocabulary';
import type { ContactView } from '../contacts-service';
import { blockAction, contactInputFromBody, emptyBlock, keptValues, pageErrors, readBlocks, str, version, type Body, type SubjectBlock } from './contact-form';

export const contactsNav: NavItem[] = [
  { text: 'Contacts', href: '/contacts', permission: 'queue.read' },
  { text: 'Front door settings', href: '/admin/front-door-settings', permission: 'hub.manage' },
];

const items = <T extends string>(values: readonly T[], labels: Record<T, string>) => values.map((value) => ({ value, text: labels[value] }));

/** the labels the templates look codes up in */
export const LABELS = {
  channel: CHANNEL_LABELS,
  role: SUBJECT_ROLE_LABELS,
  category: CONCERN_CATEGORY_LABELS,
  answer: ANSWER_LABELS,
  referrerKind: REFERRER_KIND_LABELS,
  sex: SEX_LABELS,
  status: STATUS_LABELS,
  brag: BRAG_LABELS,
  classification: CLASSIFICATION_LABELS,
  crime: CRIME_ANSWER_LABELS,
  consultationKind: CONSULTATION_KIND_LABELS,
  queue: QUEUE_LABELS,
  staffRole: ROLE_LABELS,
};

const FORM_ITEMS = {
  channelItems: items(STAFF_CHANNELS.filter((c) => c !== 'consultation-line'), CHANNEL_LABELS),
  roleItems: items(SUBJECT_ROLES, SUBJECT_ROLE_LABELS),
  categoryItems: items(CONCERN_CATEGORIES, CONCERN_CATEGORY_LABELS),
  answerItems: items(ANSWERS, ANSWER_LABELS),
  referrerKindItems: items(REFERRER_KINDS, REFERRER_KIND_LABELS),
  sexItems: items(SEXES, SEX_LABELS),
  consultationKindItems: items(CONSULTATION_KINDS, CONSULTATION_KIND_LABELS),
};

const SCREEN_ITEMS = {
  classificationItems: items(CLASSIFICATIONS, CLASSIFICATION_LABELS),
  bragItems: BRAGS.map((b) => ({ value: b, text: BRAG_LABELS[b], hint: { text: BRAG_HINTS[b] } })),
  crimeItems: items(CRIME_ANSWERS, CRIME_ANSWER_LABELS),
  caitItems: [
    { value: 'yes', text: 'Yes, referred to CAIT or the PPD' },
    { value: 'no', text: 'No' },
  ],
};

const BRAG_TAGS: Record<string, string> = { red: 'govuk-tag--red', amber: 'govuk-tag--orange', green: 'govuk-tag--green', blue: 'govuk-tag--blue' };
const STATUS_TAGS: Record<string, string> = { new: 'govuk-tag--light-blue', screened: 'govuk-tag--purple', 'in-checks': 'govuk-tag--yellow', decided: 'govuk-tag--green', closed: 'govuk-tag--grey' };

const pad = (n: number) => String(n).padStart(2, '0');
/** the date and time boxes, filled with "now" in London for a new contact */
function nowParts(now: Date) {
  const [year, month, day] = londonDate(now).split('-');
  const minutes = londonMinutes(now);
  return { 'receivedAt-day': String(Number(day)), 'receivedAt-month': String(Number(month)), 'receivedAt-year': year, 'receivedAt-time': `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}` };
}

type Mode = 'contact' | 'consultation';

/** what the signed-in person may do from a contact's page */
function abilities(actor: Actor, contact: ContactView) {
  const role: Role = actor.role;
  const open = contact.status === 'new' || contact.status === 'screened' || contact.status === 'in-checks';
  return {
    screen: hasPermission(role, 'contact.screen') && (contact.status === 'new' || contact.status === 'screened'),
    allocate: hasPermission(role, 'contact.allocate') && open,
    update: hasPermission(role, 'contact.update') && open,
    linkPersons: hasPermission(role, 'person.search'),
    queues: hasPermission(role, 'queue.read'),
    // MASH checks (consent, requests, responses) and the decision are pages of their own features
    checks: hasPermission(role, 'enquiry.read') && contact.status !== 'new',
    decide: hasPermission(role, 'decision.record') && contact.status !== 'new',
  };
}

export function registerContactsRoutes(app: FastifyInstance, services: Services) {
  const { contacts } = services;

  // --- queues ---
  app.get('/contacts', { schema: { hide: true } }, async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    const queue: QueueName = q.queue && isQueueName(q.queue) ? q.queue : 'mine';
    const page = Math.max(0, Number.parseInt(q.page ?? '0', 10) || 0);
    const view = await contacts.listQueue(request.actor!, request.auditContext, { queue, agencyId: queue === 'agency' ? q.agencyId || undefined : undefined, page });
    // only the agency queue offers a choice of agency
    const agencies = queue === 'agency' ? (await contacts.frontDoorOptions(request.actor!, request.auditContext)).agencies : [];
    const queueLink = (name: QueueName) => `/contacts?queue=${name}`;
    return reply.page('contacts/queue.njk', {
      pageTitle: `Contacts: ${QUEUE_LABELS[queue].toLowerCase()}`,
      queue,
      view,
      tabs: QUEUES.map((name) => ({ text: QUEUE_LABELS[name], href: queueLink(name), active: name === queue })),
      agencyItems: agencies.map((a) => ({ value: a.id, text: a.name, selected: a.id === view.agencyId })),
      prevHref: view.page > 0 ? `${queueLink(queue)}${view.agencyId ? `&agencyId=${view.agencyId}` : ''}&page=${view.page - 1}` : undefined,
      nextHref: view.hasMore ? `${queueLink(queue)}${view.agencyId ? `&agencyId=${view.agencyId}` : ''}&page=${view.page + 1}` : undefined,
      canCreate: hasPermission(request.actor!.role, 'contact.create'),
      canConsult: hasPermission(request.actor!.role, 'consultation.record'),
      labels: LABELS,
      bragTags: BRAG_TAGS,
      statusTags: STATUS_TAGS,
    });
  });

  // --- recording a contact, or a consultation line call ---
  const renderForm = (reply: FastifyReply, mode: Mode, model: { values: Record<string, unknown>; blocks: SubjectBlock[]; errors?: FieldError[] }) =>
    reply.page('contacts/contact-form.njk', {
      pageTitle: mode === 'contact' ? 'Record a contact' : 'Record a consultation line call',
      mode,
      action: mode === 'contact' ? '/contacts/new' : '/consultations/new',
      ...FORM_ITEMS,
      ...model,
    });

  for (const mode of ['contact', 'consultation'] as const) {
    const path = mode === 'contact' ? '/contacts/new' : '/consultations/new';
    app.get(path, { schema: { hide: true } }, async (request, reply) => {
      const { now } = await contacts.startRecording(request.actor!, request.auditContext, mode);
      const values = { ...nowParts(now), 'referrer-kind': mode === 'consultation' ? 'professional' : undefined, channel: mode === 'contact' ? 'phone' : undefined };
      return renderForm(reply, mode, { values, blocks: [emptyBlock()] });
    });
    app.post(path, { schema: { hide: true } }, async (request, reply) => {
      const b = (request.body ?? {}) as Body;
      const blocks = readBlocks(b);
      const values = keptValues(b);
      const moved = blockAction(b, blocks, 'subject');
      if (moved) {
        await contacts.startRecording(request.actor!, request.auditContext, mode);
        return renderForm(reply, mode, { values, blocks: moved });
      }
      const { input, blockOf } = contactInputFromBody(b, blocks, { public: false });
      try {
        const recorded =
          mode === 'contact'
            ? await contacts.recordContact(request.actor!, request.auditContext, input)
            : await contacts.recordConsultation(request.actor!, request.auditContext, { ...input, referrer: { ...input.referrer, kind: 'professional' } });
        const message = recorded.status === 'closed' ? 'Consultation recorded and closed with the advice given' : mode === 'contact' ? 'Contact recorded' : 'Consultation recorded as a contact';
        return reply.flash(message).redirect(`/contacts/${recorded.id}`);
      } catch (error) {
        if (error instanceof DomainError && error.code === 'validation') {
          reply.status(400);
          return renderForm(reply, mode, { values, blocks, errors: pageErrors(error.fields, blockOf) });
        }
        throw error;
      }
    });
  }

  // --- one contact ---
  const renderContact = async (request: FastifyRequest, reply: FastifyReply, contact: ContactView, extra: Record<string, unknown> = {}) => {
    const can = abilities(request.actor!, contact);
    const options = can.allocate ? await contacts.frontDoorOptions(request.actor!, request.auditContext) : undefined;
    return reply.page('contacts/contact.njk', {
      pageTitle: `Contact ${contact.reference}`,
      contact,
      can,
      labels: LABELS,
      bragTags: BRAG_TAGS,
      statusTags: STATUS_TAGS,
      workerItems: options?.workers.map((w) => ({ value: w.id, text: `${w.name} (${ROLE_LABELS[w.role as Role] ?? w.role})`, selected: w.id === contact.allocatedTo?.id })) ?? [],
      writtenValues: nowParts(services.clock.now()),
      categoriesText: contact.concernCategories.map((c) => (CONCERN_CATEGORY_LABELS as Record<string, string>)[c] ?? c).join(', '),
      ...extra,
    });
  };

  app.get('/contacts/:id', { schema: { hide: true } }, async (request, reply) => {
    const contact = await contacts.getContact(request.actor!, request.auditContext, (request.params as { id: string }).id);
    return renderContact(request, reply, contact);
  });

  // --- screening ---
  const renderScreen = (reply: FastifyReply, form: { contact: ContactView; thresholds: string[] }, values: Record<string, unknown>, errors?: FieldError[]) =>
    reply.page('contacts/screen.njk', {
      pageTitle: `Screen contact ${form.contact.reference}`,
      contact: form.contact,
      values,
      errors,
      labels: LABELS,
      thresholdItems: form.thresholds.map((t) => ({ value: t, text: t })),
      ...SCREEN_ITEMS,
    });

  app.get('/contacts/:id/screen', { schema: { hide: true } }, async (request, reply) => {
    const form = await contacts.getForScreening(request.actor!, request.auditContext, (request.params as { id: string }).id);
    const { contact } = form;
    const s = contact.screening;
    return renderScreen(reply, form, {
      version: contact.version,
      classification: s?.classification,
      thresholdLevel: s?.thresholdLevel,
      initialBrag: s?.initialBrag,
      bragRationale: s?.bragRationale,
      policeCrimeSuspected: s?.policeCrimeSuspected ?? undefined,
      policeReferredToCait: s?.policeReferredToCait === true ? 'yes' : s?.policeReferredToCait === false ? 'no' : undefined,
    });
  });

  app.post('/contacts/:id/screen', { schema: { hide: true } }, async (request, reply) => {
    const id = (request.params as { id: string }).id;
    const b = (request.body ?? {}) as Body;
    const cait = str(b.policeReferredToCait);
    const input = {
      classification: str(b.classification),
      thresholdLevel: str(b.thresholdLevel),
      initialBrag: str(b.initialBrag),
      bragRationale: str(b.bragRationale),
      policeCrimeSuspected: str(b.policeCrimeSuspected) || undefined,
      policeReferredToCait: cait === 'yes' ? true : cait === 'no' ? false : null,
    };
    try {
      const contact = await contacts.screenContact(request.actor!, request.auditContext, id, input, version(b.version));
      const red = contact.screening?.initialBrag === 'red';
      return reply.flash(red ? 'Screening saved. Red: pass this contact to children’s social care without delay.' : 'Screening saved').redirect(`/contacts/${contact.id}`);
    } catch (error) {
      if (error instanceof DomainError && (error.code === 'validation' || error.code === 'conflict')) {
        const form = await contacts.getForScreening(request.actor!, request.auditContext, id);
        reply.status(error.code === 'conflict' ? 409 : 400);
        const errors = error.code === 'conflict' ? [{ field: 'classification', text: error.message }] : error.fields;
        return renderScreen(reply, form, { ...b, version: error.code === 'conflict' ? form.contact.version : version(b.version) }, errors);
      }
      throw error;
    }
  });

  // --- allocation and the written referral: small forms on the contact's page ---
  app.post('/contacts/:id/allocate', { schema: { hide: true } }, async (request, reply) => {
    const id = (request.params as { id: string }).id;
    const b = (request.body ?? {}) as Body;
    const userId = str(b.userId);
    try {
      await contacts.allocateContact(request.actor!, request.auditContext, id, userId === '' ? null : userId, version(b.version));
      return reply.flash(userId === '' ? 'Contact unallocated' : 'Contact allocated').redirect(`/contacts/${id}`);
    } catch (error) {
      if (error instanceof DomainError && (error.code === 'validation' || error.code === 'conflict')) {
        const contact = await contacts.getContact(request.actor!, request.auditContext, id);
        reply.status(error.code === 'conflict' ? 409 : 400);
        const errors = error.code === 'conflict' ? [{ field: 'userId', text: error.message }] : error.fields;
        return renderContact(request, reply, contact, { errors });
      }
      throw error;
    }
  });

  app.post('/contacts/:id/written-referral', { schema: { hide: true } }, async (request, reply) => {
    const id = (request.params as { id: string }).id;
    const b = (request.body ?? {}) as Body;
    const parts = { day: str(b['written-day']), month: str(b['written-month']), year: str(b['written-year']), time: str(b['written-time']) };
    try {
      await contacts.recordWrittenReferral(request.actor!, request.auditContext, id, parts, version(b.version));
      return reply.flash('Written referral recorded').redirect(`/contacts/${id}`);
    } catch (error) {
      if (error instanceof DomainError && (error.code === 'validation' || error.code === 'conflict')) {
        const contact = await contacts.getContact(request.actor!, request.auditContext, id);
        reply.status(error.code === 'conflict' ? 409 : 400);
        const errors = (error.code === 'conflict' ? [{ field: 'writtenReferralReceivedAt', text: error.message }] : error.fields).map((e) => ({ ...e, field: e.field === 'writtenReferralReceivedAt' ? 'written-day' : e.field }));
        return renderContact(request, reply, contact, { errors, writtenValues: { 'written-day': parts.day, 'written-month': parts.month, 'written-year': parts.year, 'written-time': parts.time } });
      }
      throw error;
    }
  });
}
