import type { FeatureModule } from '../../platform/http/feature-module';
import { registerAdminApi } from './api/admin-api';
import { adminNav, registerAdminRoutes } from './web/admin-routes';

export const adminModule: FeatureModule = {
  name: 'admin',
  nav: adminNav,
  tiles: [
    { title: 'Manage the hub', href: '/admin/hub', text: 'Hub name, local authorities and working hours.', permission: 'hub.manage' },
    { title: 'Agencies', href: '/admin/agencies', text: 'Partner agencies, ICO registration and secure email domains.', permission: 'agency.manage' },
    { title: 'Users', href: '/admin/users', text: 'Starters, leavers, roles and agency membership.', permission: 'user.manage' },
  ],
  register(app, services) {
    registerAdminRoutes(app, services);
    registerAdminApi(app, services);
  },
};
