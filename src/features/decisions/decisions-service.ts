import type { PlatformDeps } from '../../platform/deps';

export function createDecisionsService(_deps: PlatformDeps) {
  return {};
}

export type DecisionsService = ReturnType<typeof createDecisionsService>;
