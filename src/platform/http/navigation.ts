import { hasPermission, type Actor, type Permission } from '../access/policy';

export interface NavItem {
  text: string;
  href: string;
  /** shown only to roles holding this permission */
  permission: Permission;
}

/** Items are contributed by features in app.ts; the policy decides who sees each. */
export function navigationFor(actor: Actor | null, items: NavItem[], currentPath: string) {
  if (!actor) return [];
  const seen = new Set<string>();
  return items
    .filter((i) => hasPermission(actor.role, i.permission))
    .filter((i) => (seen.has(i.href) ? false : (seen.add(i.href), true)))
    .map((i) => ({ text: i.text, href: i.href, active: currentPath === i.href || currentPath.startsWith(`${i.href}/`) }));
}
