import type { FeatureModule } from '../../platform/http/feature-module';
import { registerChecksApi } from './api/checks-api';
import { registerChecksRoutes } from './web/checks-routes';
import { registerEnquiryRoutes } from './web/enquiry-routes';

/** MASH checks: consent and decisions to share (C5), information requests and responses (C6). */
export const checksModule: FeatureModule = {
  name: 'checks',
  nav: [{ text: 'Information requests', href: '/enquiries', permission: 'enquiry.read' }],
  tiles: [
    { title: 'Information requests', href: '/enquiries', text: 'Requests to your agency from the MASH, overdue first; answer them from your own systems.', permission: 'enquiry.respond' },
    { title: 'Information requests', href: '/enquiries', text: 'Requests sent to partner agencies, overdue first.', permission: 'enquiry.send' },
  ],
  register(app, services) {
    registerChecksRoutes(app, services);
    registerEnquiryRoutes(app, services);
    registerChecksApi(app, services);
  },
};
