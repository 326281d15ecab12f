import type { FeatureModule } from '../../platform/http/feature-module';

/** MASH checks and decisions: consent, information requests, responses, decisions, feedback, disclosures, meetings. */
export const checksModule: FeatureModule = {
  name: 'checks',
  nav: [],
  tiles: [],
  register() {},
};
