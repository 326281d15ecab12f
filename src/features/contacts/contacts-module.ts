import type { FeatureModule } from '../../platform/http/feature-module';
import { registerContactsApi } from './api/contacts-api';
import { contactsNav, registerContactsRoutes } from './web/contacts-routes';
import { registerPublicReferralRoutes } from './web/public-referral-routes';
import { registerSettingsRoutes } from './web/settings-routes';

/** The front door: contacts, public referral form, consultation line, screening, queues. */
export const contactsModule: FeatureModule = {
  name: 'contacts',
  nav: contactsNav,
  tiles: [
    { title: 'Contacts and queues', href: '/contacts', text: 'Contacts allocated to you and your team, and those waiting, with what falls due first.', permission: 'queue.read' },
    { title: 'Record a contact', href: '/contacts/new', text: 'A phone call, email, police notification, EDT report, letter, walk-in, court or another local authority.', permission: 'contact.create' },
    { title: 'Consultation line', href: '/consultations/new', text: 'Advice to a professional: about a named child, or a scenario.', permission: 'consultation.record' },
    { title: 'Front door settings', href: '/admin/front-door-settings', text: 'Threshold levels, contact references and the front door’s timescales.', permission: 'hub.manage' },
  ],
  register(app, services) {
    registerPublicReferralRoutes(app, services);
    registerContactsRoutes(app, services);
    registerSettingsRoutes(app, services);
    registerContactsApi(app, services);
  },
};
