import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../composition';
import { hasPermission, type Permission } from '../../../platform/access/policy';

/** Start page: what this person can do, by their role. Features add tiles here. */
export const HOME_TILES: Array<{ title: string; href: string; text: string; permission: Permission }> = [
  { title: 'Manage the hub', href: '/admin/hub', text: 'Hub name, local authorities and working hours.', permission: 'hub.manage' },
  { title: 'Agencies', href: '/admin/agencies', text: 'Partner agencies, ICO registration and secure email domains.', permission: 'agency.manage' },
  { title: 'Users', href: '/admin/users', text: 'Starters, leavers, roles and agency membership.', permission: 'user.manage' },
  { title: 'Audit log', href: '/audit', text: 'Who has looked at a record; verify the audit chain.', permission: 'audit.read' },
];

export function registerHomeRoutes(app: FastifyInstance, _services: Services) {
  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const actor = request.actor!;
    const tiles = HOME_TILES.filter((t) => hasPermission(actor.role, t.permission));
    return reply.page('home/home.njk', { pageTitle: 'Home', tiles });
  });
}
