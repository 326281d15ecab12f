import type { FeatureModule } from '../../platform/http/feature-module';

/** The front door: contacts, public referral form, consultation line, screening, queues. */
export const contactsModule: FeatureModule = {
  name: 'contacts',
  nav: [],
  tiles: [],
  register() {},
};
