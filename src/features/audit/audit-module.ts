import type { FeatureModule } from '../../platform/http/feature-module';
import { registerAuditApi } from './api/audit-api';
import { auditNav, registerAuditRoutes } from './web/audit-routes';

export const auditModule: FeatureModule = {
  name: 'audit',
  nav: auditNav,
  tiles: [{ title: 'Audit log', href: '/audit', text: 'Who has looked at a record; verify the audit chain.', permission: 'audit.read' }],
  register(app, services) {
    registerAuditRoutes(app, services);
    registerAuditApi(app, services);
  },
};
