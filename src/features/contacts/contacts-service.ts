import type { PlatformDeps } from '../../platform/deps';

export function createContactsService(_deps: PlatformDeps) {
  return {};
}

export type ContactsService = ReturnType<typeof createContactsService>;
