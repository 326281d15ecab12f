/**
 * Information requests as an agency sees them — "Requests to <agency>", overdue ones first —
 * and as MASH staff see them; one request with the agency's answer form, additions, and the
 * decision maker's withdrawal. What each viewer sees is decided by visibility.ts in the service.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../composition';
import { isPartnerRole } from '../../../platform/access/roles';
import { validationError } from '../../../platform/errors';
import type { EnquiryDetail } from '../../enquiries/enquiries-service';
import { type Body, filledItems, int, ITEM_SLOTS, itemSlots, str, toSlotField } from './forms';
import { vocabulary } from './labels';
import { withFormErrors } from './checks-routes';

type Params = { id: string };

const enquiryPath = (id: string) => `/enquiries/${id}`;

export function registerEnquiryRoutes(app: FastifyInstance, services: Services) {
  const { checks } = services;
  const page = (reply: FastifyReply, template: string, model: Record<string, unknown>) => reply.page(template, { v: vocabulary, ...model });
  const detail = (request: FastifyRequest) => checks.getEnquiry(request.actor!, request.auditContext, (request.params as Params).id);
  const titleOf = (d: EnquiryDetail) => (d.view.level === 'none' ? 'Information request' : `Information request to ${d.view.agencyName}`);
  const emptySlots = () => Array.from({ length: ITEM_SLOTS }, () => ({ kind: '', text: '', heldBack: false, heldBackReason: '' }));

  app.get('/enquiries', { schema: { hide: true } }, async (request, reply) => {
    const { agencyName, entries } = await checks.listEnquiries(request.actor!, request.auditContext);
    const partner = isPartnerRole(request.actor!.role);
    return page(reply, 'checks/enquiries.njk', {
      pageTitle: partner ? `Requests to ${agencyName}` : 'Information requests',
      partner,
      entries,
      overdueCount: entries.filter((e) => e.overdue).length,
    });
  });

  app.get('/enquiries/:id', { schema: { hide: true } }, async (request, reply) => {
    const d = await detail(request);
    return page(reply, 'checks/enquiry.njk', { pageTitle: titleOf(d), d });
  });

  app.post('/enquiries/:id/acknowledge', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as Params;
    const b = request.body as Body;
    return withFormErrors(
      reply,
      async () => {
        await checks.acknowledgeEnquiry(request.actor!, request.auditContext, id, { version: int(b.version) });
        return reply.flash('Request acknowledged').redirect(enquiryPath(id));
      },
      async (errors) => {
        const d = await detail(request);
        return page(reply, 'checks/enquiry.njk', { pageTitle: titleOf(d), d, errors });
      },
    );
  });

  // --- the answer, and additions after it ---
  for (const mode of ['respond', 'add'] as const) {
    const heading = mode === 'respond' ? 'Answer the request' : 'Add information';
    app.get(`/enquiries/:id/${mode}`, { schema: { hide: true } }, async (request, reply) => {
      await checks.requireTo(request.actor!, request.auditContext, 'enquiry.respond');
      const d = await detail(request);
      return page(reply, 'checks/respond.njk', { pageTitle: heading, mode, d, values: { version: d.version, slots: emptySlots() } });
    });
    app.post(`/enquiries/:id/${mode}`, { schema: { hide: true } }, async (request, reply) => {
      const { id } = request.params as Params;
      const b = request.body as Body;
      const slots = itemSlots(b);
      const { items, slotOf } = filledItems(slots);
      const noInformationHeld = str(b.informationHeld) === 'no';
      return withFormErrors(
        reply,
        async () => {
          if (mode === 'respond') {
            if (str(b.informationHeld) === '') throw validationError([{ field: 'informationHeld', text: 'Select whether your agency holds information about these people' }]);
            await checks.respondToEnquiry(request.actor!, request.auditContext, id, {
              noInformationHeld,
              // "no information held" needs no BRAG; anything typed in the parts is refused by the domain
              ...(str(b.agencyBrag) ? { agencyBrag: str(b.agencyBrag) } : {}),
              items,
              version: int(b.version),
            });
          } else {
            await checks.addToResponse(request.actor!, request.auditContext, id, { items, ...(str(b.agencyBrag) ? { agencyBrag: str(b.agencyBrag) } : {}), version: int(b.version) });
          }
          return reply.flash(mode === 'respond' ? 'Answer sent to the MASH' : 'Information added').redirect(enquiryPath(id));
        },
        async (errors) => {
          const d = await detail(request);
          return page(reply, 'checks/respond.njk', {
            pageTitle: heading,
            mode,
            d,
            errors: errors.map((e) => ({ ...e, field: toSlotField(e.field, slotOf) })).map((e) => (e.field === 'items' ? { ...e, field: 'items[0].text' } : e)),
            values: { ...b, slots },
          });
        },
      );
    });
  }

  app.get('/enquiries/:id/withdraw', { schema: { hide: true } }, async (request, reply) => {
    await checks.requireTo(request.actor!, request.auditContext, 'enquiry.send');
    const d = await detail(request);
    return page(reply, 'checks/withdraw-enquiry.njk', { pageTitle: 'Withdraw the request', d, values: { version: d.version } });
  });
  app.post('/enquiries/:id/withdraw', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as Params;
    const b = request.body as Body;
    return withFormErrors(
      reply,
      async () => {
        await checks.withdrawEnquiry(request.actor!, request.auditContext, id, { reason: str(b.reason), version: int(b.version) });
        return reply.flash('Request withdrawn').redirect(enquiryPath(id));
      },
      async (errors) => {
        const d = await detail(request);
        return page(reply, 'checks/withdraw-enquiry.njk', { pageTitle: 'Withdraw the request', d, errors, values: b });
      },
    );
  });
}
