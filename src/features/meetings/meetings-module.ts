import type { FeatureModule } from '../../platform/http/feature-module';
import { registerMeetingsApi } from './api/meetings-api';
import { meetingsNav, registerMeetingsRoutes } from './web/meetings-routes';

/** MASH meetings and strategy discussions. */
export const meetingsModule: FeatureModule = {
  name: 'meetings',
  nav: meetingsNav,
  tiles: [
    {
      title: 'Meetings and strategy discussions',
      href: '/meetings',
      text: 'Convene MASH meetings and strategy discussions, record S47 decisions and actions, circulate minutes.',
      permission: 'meeting.read',
    },
  ],
  register(app, services) {
    registerMeetingsRoutes(app, services);
    registerMeetingsApi(app, services);
  },
};
