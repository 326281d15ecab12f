import type { FeatureModule } from '../../platform/http/feature-module';

/** The person index: search, link, family and household, merge, import. */
export const personsModule: FeatureModule = {
  name: 'persons',
  nav: [],
  tiles: [],
  register() {},
};
