/**
 * C11 secure transfer: outbound email only to a hub's approved secure domains. A domain is
 * approved when the address's domain equals it or is a sub-domain of it.
 */
export function isApprovedSecureDomain(email: string, approvedDomains: readonly string[]): boolean {
  const at = email.lastIndexOf('@');
  if (at < 1) return false;
  const domain = email.slice(at + 1).trim().toLowerCase();
  if (!domain) return false;
  return approvedDomains.some((d) => {
    const approved = d.trim().toLowerCase().replace(/^@/, '');
    return approved.length > 0 && (domain === approved || domain.endsWith(`.${approved}`));
  });
}
