import type { PlatformDeps } from '../../platform/deps';

export function createChecksService(_deps: PlatformDeps) {
  return {};
}

export type ChecksService = ReturnType<typeof createChecksService>;
