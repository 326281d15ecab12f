import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../composition';
import { DomainError } from '../../../platform/errors';
import { IMPORT_BODY_LIMIT } from '../api/persons-api';
import { MAX_ROWS_PER_REQUEST } from '../import/import-rows';
import { IMPORT_COLUMNS_HTML } from './import-columns';
import { str, type Body } from './forms';

/** An administrator loads persons from a legacy system's CSV (pasted; big files use the CLI). */
export function registerImportRoutes(app: FastifyInstance, services: Services) {
  const { persons } = services;
  const page = { pageTitle: 'Import persons', maxRows: MAX_ROWS_PER_REQUEST.toLocaleString('en-GB'), columnsHtml: IMPORT_COLUMNS_HTML };

  app.get('/admin/persons/import', { schema: { hide: true } }, async (request, reply) => {
    await persons.startImport(request.actor!, request.auditContext);
    return reply.page('persons/import.njk', { ...page, values: {} });
  });

  app.post('/admin/persons/import', { schema: { hide: true }, bodyLimit: IMPORT_BODY_LIMIT }, async (request, reply) => {
    const csv = str((request.body as Body).csv);
    try {
      const report = await persons.importPersonsCsv(request.actor!, request.auditContext, csv);
      // the pasted file is not shown again: it holds personal data, and it has been read
      return reply.page('persons/import.njk', { ...page, report, values: {} });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'validation') {
        return reply.status(400).page('persons/import.njk', { ...page, errors: error.fields, values: { csv } });
      }
      throw error;
    }
  });
}
