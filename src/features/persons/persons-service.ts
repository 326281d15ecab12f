import type { PlatformDeps } from '../../platform/deps';

export function createPersonsService(_deps: PlatformDeps) {
  return {};
}

export type PersonsService = ReturnType<typeof createPersonsService>;
