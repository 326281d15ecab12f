import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition';
import type { Permission } from '../access/policy';
import type { NavItem } from './navigation';

export interface HomeTile {
  title: string;
  href: string;
  text: string;
  permission: Permission;
}

/**
 * What a feature contributes to the web application: its pages and API routes, its navigation
 * and start-page tiles. Its templates live in `src/features/<name>/web/views`.
 */
export interface FeatureModule {
  name: string;
  nav: NavItem[];
  tiles: HomeTile[];
  register(app: FastifyInstance, services: Services): void;
}
