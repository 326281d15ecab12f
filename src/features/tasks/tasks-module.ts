import { Type } from '@sinclair/typebox';
import type { FeatureModule } from '../../platform/http/feature-module';
import { IdParams, problemResponses } from '../../platform/http/api-schemas';

const Notification = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.Union([Type.Literal('alert'), Type.Literal('task')]),
  topic: Type.String(),
  message: Type.String(),
  recordType: Type.Union([Type.String(), Type.Null()]),
  recordId: Type.Union([Type.String(), Type.Null()]),
  dueAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  completedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

/** Where a record lives in the web application, for the link on an alert. */
const RECORD_PATHS: Record<string, string> = { contact: '/contacts', person: '/persons', enquiry: '/enquiries', meeting: '/meetings' };

/** Alerts and tasks: routing alerts, consent-withdrawal tasks, deadline warnings. */
export const tasksModule: FeatureModule = {
  name: 'tasks',
  nav: [{ text: 'Tasks', href: '/tasks', permission: 'notification.read' }],
  tiles: [],
  register(app, services) {
    app.get('/tasks', { schema: { hide: true } }, async (request, reply) => {
      const items = await services.tasks.listMine(request.actor!, request.auditContext);
      return reply.page('tasks/tasks.njk', {
        pageTitle: 'Your alerts and tasks',
        items: items.map((i) => ({ ...i, href: i.recordType && i.recordId && RECORD_PATHS[i.recordType] ? `${RECORD_PATHS[i.recordType]}/${i.recordId}` : undefined })),
      });
    });
    app.post('/tasks/:id/complete', { schema: { hide: true } }, async (request, reply) => {
      await services.tasks.complete(request.actor!, request.auditContext, (request.params as { id: string }).id);
      return reply.flash('Marked as done').redirect('/tasks');
    });
    app.get(
      '/api/v1/tasks',
      { schema: { tags: ['tasks'], summary: 'Your open alerts and tasks', response: { 200: Type.Array(Notification), ...problemResponses } } },
      async (request) => services.tasks.listMine(request.actor!, request.auditContext),
    );
    app.post(
      '/api/v1/tasks/:id/complete',
      { schema: { tags: ['tasks'], summary: 'Mark an alert or task done', params: IdParams, response: { 204: Type.Null(), ...problemResponses } } },
      async (request, reply) => {
        await services.tasks.complete(request.actor!, request.auditContext, (request.params as { id: string }).id);
        return reply.status(204).send();
      },
    );
  },
};
