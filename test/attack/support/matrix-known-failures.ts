/**
 * Cases of the all-routes access matrix that fail today because of the product, not the matrix.
 * Each group is a finding reported to the lead, who decides. When a finding is fixed its cases
 * pass, and the matrix asks for them to be taken out.
 * Key: `METHOD /path as role (relationship)`; a group's cases are usually written as
 * `roles.map((role) => \`${method} ${path} as ${role} (${relationship})\`)`.
 *
 * None today: the seven findings of the first run (a partner recording a permission on a contact
 * their agency was never asked about; the LADO reading every meeting; the permission page closed
 * to partners; the LADO's decision page on an allegation; the ledger page open to everyone; form
 * pages gated by read access; refusals answered "not found" without an audit event) are fixed.
 */
const FINDINGS: Array<{ finding: string; cases: string[] }> = [];

export const KNOWN_FAILURES = new Map<string, string>(FINDINGS.flatMap((f) => f.cases.map((c) => [c, f.finding] as [string, string])));
