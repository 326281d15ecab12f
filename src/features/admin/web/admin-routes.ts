import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../../composition';
import { AGENCY_TYPE_LABELS, AGENCY_TYPES, ROLE_LABELS, ROLES } from '../../../platform/access/roles';
import { DomainError } from '../../../platform/errors';
import type { NavItem } from '../../../platform/http/navigation';
import { parseDomains } from '../domain/admin-validation';

export const adminNav: NavItem[] = [
  { text: 'Hub', href: '/admin/hub', permission: 'hub.manage' },
  { text: 'Agencies', href: '/admin/agencies', permission: 'agency.manage' },
  { text: 'Users', href: '/admin/users', permission: 'user.manage' },
];

type Body = Record<string, string | string[] | undefined>;
const str = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] ?? '' : v ?? '');
const version = (v: string | string[] | undefined) => Number.parseInt(str(v), 10) || 0;

const agencyTypeItems = AGENCY_TYPES.map((t) => ({ value: t, text: AGENCY_TYPE_LABELS[t] }));
const roleItems = ROLES.map((r) => ({ value: r, text: ROLE_LABELS[r] }));
const agreementItems = [
  { value: 'active', text: 'Active agreement' },
  { value: 'suspended', text: 'Suspended' },
  { value: 'terminated', text: 'Terminated' },
  { value: 'none', text: 'No agreement' },
];

/** Re-render the form with the answers kept when the service says what is wrong. */
async function withFormErrors(reply: FastifyReply, work: () => Promise<unknown>, render: (errors: Array<{ field: string; text: string }>, conflict: boolean) => unknown) {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError && (error.code === 'validation' || error.code === 'conflict')) {
      reply.status(error.code === 'conflict' ? 409 : 400);
      const errors = error.code === 'conflict' ? [{ field: 'version', text: error.message }] : error.fields;
      return render(errors, error.code === 'conflict');
    }
    throw error;
  }
}

export function registerAdminRoutes(app: FastifyInstance, services: Services) {
  const { admin } = services;

  // --- hub ---
  app.get('/admin/hub', { schema: { hide: true } }, async (request, reply) => {
    const hub = await admin.getHub(request.actor!, request.auditContext, request.actor!.hubId);
    return reply.page('admin/hub.njk', { pageTitle: 'Hub settings', values: { ...hub, localAuthorities: hub.localAuthorities.join('\n') } });
  });
  app.post('/admin/hub', { schema: { hide: true } }, async (request, reply) => {
    const b = request.body as Body;
    const input = { name: str(b.name), localAuthorities: str(b.localAuthorities).split(/\r?\n/), openingTime: str(b.openingTime), closingTime: str(b.closingTime) };
    return withFormErrors(
      reply,
      async () => {
        await admin.updateHub(request.actor!, request.auditContext, request.actor!.hubId, input, version(b.version));
        return reply.flash('Hub settings saved').redirect('/admin/hub');
      },
      (errors) => reply.page('admin/hub.njk', { pageTitle: 'Hub settings', errors, values: { ...input, localAuthorities: str(b.localAuthorities), version: version(b.version) } }),
    );
  });
  app.get('/admin/hubs/new', { schema: { hide: true } }, async (request, reply) => {
    await admin.requireManage(request.actor!, request.auditContext, 'hub.manage');
    return reply.page('admin/hub-new.njk', { pageTitle: 'Create a hub', values: { openingTime: '09:00', closingTime: '17:00' } });
  });
  app.post('/admin/hubs/new', { schema: { hide: true } }, async (request, reply) => {
    const b = request.body as Body;
    const input = {
      name: str(b.name),
      localAuthorities: str(b.localAuthorities).split(/\r?\n/),
      openingTime: str(b.openingTime),
      closingTime: str(b.closingTime),
      adminEmail: str(b.adminEmail),
      adminName: str(b.adminName),
    };
    return withFormErrors(
      reply,
      async () => {
        const created = await admin.createHub(request.actor!, request.auditContext, input);
        return reply.page('admin/password-once.njk', {
          pageTitle: 'Hub created',
          heading: 'Hub created',
          text: 'Give the new hub’s administrator this first password by a secure route. It is shown only once; they will set up a second factor at first sign-in.',
          password: created.adminPassword,
          backHref: '/admin/hub',
        });
      },
      (errors) => reply.page('admin/hub-new.njk', { pageTitle: 'Create a hub', errors, values: { ...input, localAuthorities: str(b.localAuthorities) } }),
    );
  });

  // --- agencies ---
  app.get('/admin/agencies', { schema: { hide: true } }, async (request, reply) => {
    const agencies = await admin.listAgencies(request.actor!, request.auditContext);
    return reply.page('admin/agencies.njk', { pageTitle: 'Agencies', agencies, typeLabels: AGENCY_TYPE_LABELS });
  });
  const agencyForm = (b: Body) => ({
    name: str(b.name),
    type: str(b.type),
    icoRegistration: str(b.icoRegistration),
    secureEmailDomains: parseDomains(str(b.secureEmailDomains)),
    agreementStatus: str(b.agreementStatus),
  });
  const renderAgency = (reply: FastifyReply, model: Record<string, unknown>) =>
    reply.page('admin/agency.njk', { agencyTypeItems, agreementItems, ...model });
  app.get('/admin/agencies/new', { schema: { hide: true } }, async (request, reply) => {
    await admin.requireManage(request.actor!, request.auditContext, 'agency.manage');
    return renderAgency(reply, { pageTitle: 'Add an agency', isNew: true, values: { agreementStatus: 'active' } });
  });
  app.post('/admin/agencies/new', { schema: { hide: true } }, async (request, reply) => {
    const b = request.body as Body;
    return withFormErrors(
      reply,
      async () => {
        await admin.createAgency(request.actor!, request.auditContext, agencyForm(b));
        return reply.flash('Agency added').redirect('/admin/agencies');
      },
      (errors) => renderAgency(reply, { pageTitle: 'Add an agency', isNew: true, errors, values: { ...b } }),
    );
  });
  app.get('/admin/agencies/:id', { schema: { hide: true } }, async (request, reply) => {
    const agency = await admin.getAgency(request.actor!, request.auditContext, (request.params as { id: string }).id);
    return renderAgency(reply, { pageTitle: 'Change agency', values: { ...agency, secureEmailDomains: agency.secureEmailDomains.join(', ') } });
  });
  app.post('/admin/agencies/:id', { schema: { hide: true } }, async (request, reply) => {
    const b = request.body as Body;
    const id = (request.params as { id: string }).id;
    return withFormErrors(
      reply,
      async () => {
        await admin.updateAgency(request.actor!, request.auditContext, id, { ...agencyForm(b), active: str(b.active) !== 'false' }, version(b.version));
        return reply.flash('Agency saved').redirect('/admin/agencies');
      },
      (errors) => renderAgency(reply, { pageTitle: 'Change agency', errors, values: { ...b, id } }),
    );
  });

  // --- users ---
  app.get('/admin/users', { schema: { hide: true } }, async (request, reply) => {
    const users = await admin.listUsers(request.actor!, request.auditContext);
    return reply.page('admin/users.njk', { pageTitle: 'Users', users, roleLabels: ROLE_LABELS });
  });
  const renderUser = async (request: import('fastify').FastifyRequest, reply: FastifyReply, model: Record<string, unknown>) => {
    const agencies = await admin.listAgencies(request.actor!, request.auditContext);
    return reply.page('admin/user.njk', { roleItems, agencyItems: agencies.filter((a) => a.active).map((a) => ({ value: a.id, text: a.name })), ...model });
  };
  const userForm = (b: Body) => ({ email: str(b.email), displayName: str(b.displayName), role: str(b.role), agencyId: str(b.agencyId) });
  app.get('/admin/users/new', { schema: { hide: true } }, async (request, reply) => {
    await admin.requireManage(request.actor!, request.auditContext, 'user.manage');
    return renderUser(request, reply, { pageTitle: 'Add a user', isNew: true, values: {} });
  });
  app.post('/admin/users/new', { schema: { hide: true } }, async (request, reply) => {
    const b = request.body as Body;
    return withFormErrors(
      reply,
      async () => {
        const { generatedPassword } = await admin.createUser(request.actor!, request.auditContext, { ...userForm(b), password: str(b.password) || undefined });
        if (generatedPassword) {
          return reply.page('admin/password-once.njk', {
            pageTitle: 'User added',
            heading: 'User added',
            text: 'Give them this first password by a secure route. It is shown only once.',
            password: generatedPassword,
            backHref: '/admin/users',
          });
        }
        return reply.flash('User added').redirect('/admin/users');
      },
      (errors) => renderUser(request, reply, { pageTitle: 'Add a user', isNew: true, errors, values: { ...userForm(b) } }),
    );
  });
  app.get('/admin/users/:id', { schema: { hide: true } }, async (request, reply) => {
    const user = await admin.getUser(request.actor!, request.auditContext, (request.params as { id: string }).id);
    return renderUser(request, reply, { pageTitle: 'Change user', user, values: user });
  });
  app.post('/admin/users/:id', { schema: { hide: true } }, async (request, reply) => {
    const b = request.body as Body;
    const id = (request.params as { id: string }).id;
    return withFormErrors(
      reply,
      async () => {
        await admin.updateUser(request.actor!, request.auditContext, id, userForm(b), version(b.version));
        return reply.flash('User saved').redirect('/admin/users');
      },
      async (errors) => {
        const user = await admin.getUser(request.actor!, request.auditContext, id);
        return renderUser(request, reply, { pageTitle: 'Change user', user, errors, values: { ...userForm(b), version: version(b.version) } });
      },
    );
  });
  for (const [action, label, run] of [
    ['deactivate', 'User deactivated: every session and token has been revoked', admin.deactivateUser],
    ['reactivate', 'User reactivated', admin.reactivateUser],
    ['reset-second-factor', 'Second factor reset: they will set up a new one at next sign-in', admin.resetSecondFactor],
  ] as const) {
    app.post(`/admin/users/:id/${action}`, { schema: { hide: true } }, async (request, reply) => {
      const id = (request.params as { id: string }).id;
      try {
        await run(request.actor!, request.auditContext, id);
      } catch (error) {
        if (error instanceof DomainError && error.code === 'validation') {
          return reply.flash(error.fields[0]?.text ?? error.message).redirect(`/admin/users/${id}`);
        }
        throw error;
      }
      return reply.flash(label).redirect('/admin/users');
    });
  }
}
