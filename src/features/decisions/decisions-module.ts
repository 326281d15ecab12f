import type { FeatureModule } from '../../platform/http/feature-module';
import { registerDecisionsApi } from './api/decisions-api';
import { decisionsNav, registerDecisionsRoutes } from './web/decisions-routes';

/** The decision on a contact, feedback to the referrer, disagreements, dissemination and the disclosure ledger. */
export const decisionsModule: FeatureModule = {
  name: 'decisions',
  nav: decisionsNav,
  tiles: [
    {
      title: 'Disclosure ledger',
      href: '/disclosures',
      text: 'What has been shared about a family, with whom, why and on what basis.',
      permission: 'disclosure.read',
    },
    {
      title: 'Disagreements between agencies',
      href: '/disagreements',
      text: 'Record disagreements, their escalation level and how they were resolved.',
      permission: 'disagreement.record',
    },
  ],
  register(app, services) {
    registerDecisionsRoutes(app, services);
    registerDecisionsApi(app, services);
  },
};
