import type { FeatureModule } from '../../platform/http/feature-module';

/** MASH meetings and strategy discussions. */
export const meetingsModule: FeatureModule = {
  name: 'meetings',
  nav: [],
  tiles: [],
  register() {},
};
