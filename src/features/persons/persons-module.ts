import type { FeatureModule } from '../../platform/http/feature-module';
import { registerPersonsApi } from './api/persons-api';
import { registerImportRoutes } from './web/import-routes';
import { registerLinkRoutes } from './web/link-routes';
import { personsNav, registerPersonsRoutes } from './web/persons-routes';

/** The person index: search, link, family and household, merge, import. */
export const personsModule: FeatureModule = {
  name: 'persons',
  nav: personsNav,
  tiles: [
    { title: 'Search the person index', href: '/persons/search', text: 'Find a child or adult by name, date of birth, address or an agency ID; see their family and household.', permission: 'person.search' },
    { title: 'Import persons', href: '/admin/persons/import', text: 'Load persons from another system’s CSV export, with a report of rows rejected and why.', permission: 'person.import' },
  ],
  register(app, services) {
    registerPersonsRoutes(app, services);
    registerLinkRoutes(app, services);
    registerImportRoutes(app, services);
    registerPersonsApi(app, services);
  },
};
