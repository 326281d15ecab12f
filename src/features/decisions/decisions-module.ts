import type { FeatureModule } from '../../platform/http/feature-module';

/** The decision on a contact, feedback to the referrer, disagreements, dissemination and the disclosure ledger. */
export const decisionsModule: FeatureModule = {
  name: 'decisions',
  nav: [],
  tiles: [],
  register() {},
};
