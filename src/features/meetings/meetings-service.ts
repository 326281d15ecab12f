import type { PlatformDeps } from '../../platform/deps';

export function createMeetingsService(_deps: PlatformDeps) {
  return {};
}

export type MeetingsService = ReturnType<typeof createMeetingsService>;
