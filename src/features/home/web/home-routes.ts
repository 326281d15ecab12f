import type { FastifyInstance } from 'fastify';
import { hasPermission } from '../../../platform/access/policy';
import type { HomeTile } from '../../../platform/http/feature-module';

/** Start page: what this person can do, by their role; tiles come from the features. */
export function registerHomeRoutes(app: FastifyInstance, allTiles: HomeTile[]) {
  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const actor = request.actor!;
    const tiles = allTiles.filter((t) => hasPermission(actor.role, t.permission));
    return reply.page('home/home.njk', { pageTitle: 'Home', tiles });
  });
}
