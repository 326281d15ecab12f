/**
 * Outbound email goes only to the hub's approved secure domains (PRODUCT C11; 000 ISA 1.58:
 * ".pnn, .gcsx, .cjsm, .gsi and nsh.net" [sic: nhs.net]; 003 §7). The seeds name the networks;
 * their real domains are the suffixes below. A hub adds its council's own domain.
 */

export const DEFAULT_SECURE_DOMAINS: readonly string[] = Object.freeze([
  'pnn.police.uk',
  'gcsx.gov.uk',
  'gsi.gov.uk',
  'cjsm.net',
  'nhs.net',
]);

/** lower-case, without a leading "*." or "." so "*.nhs.net", ".nhs.net" and "nhs.net" agree */
export function normaliseDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/^\*?\./, '').replace(/\.$/, '');
}

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** The domain part of a plain address (no display name, one "@"), or undefined. */
export function emailDomain(email: string): string | undefined {
  const trimmed = email.trim().toLowerCase();
  if (/\s/.test(trimmed)) return undefined;
  const at = trimmed.indexOf('@');
  if (at <= 0 || at !== trimmed.lastIndexOf('@')) return undefined;
  const domain = trimmed.slice(at + 1);
  return DOMAIN.test(domain) ? domain : undefined;
}

/**
 * True when the address's domain is an approved domain or a subdomain of one. Matching is on
 * whole labels, so "nhs.net.example.com" and "notnhs.net" are refused.
 */
export function isApprovedSecureDomain(email: string, domains: readonly string[]): boolean {
  const domain = emailDomain(email);
  if (!domain) return false;
  return domains.some((d) => {
    const approved = normaliseDomain(d);
    if (approved === '' || !approved.includes('.')) return false;
    return domain === approved || domain.endsWith(`.${approved}`);
  });
}
