/**
 * The contact as MASH checks need it: its hub, status, initial BRAG and the people named in it.
 * Contacts belong to the contacts feature; this reads the rows it needs, and moves a screened
 * contact into checks with the contacts domain's own transition rule.
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { DomainError, invalidState } from '../../platform/errors';
import type { Work } from '../../platform/db/unit-of-work';
import { transition, type ContactStatus } from '../contacts/domain/status';
import { involvesLado, SUBJECT_ROLE_LABELS, type SubjectRole } from '../contacts/domain/vocabulary';
import { londonDate } from '../clocks/domain/london-time';
import type { Brag } from '../enquiries/domain/types';

type Tx = Transaction<DB>;

export interface ChecksSubject {
  /** the contact_subject id: the "person" of consent records and requests */
  id: string;
  personId: string | null;
  name: string;
  role: string;
  roleLabel: string;
  dateOfBirth: string | null;
  address: string | null;
  isAdult: boolean;
}

export interface ChecksContact {
  id: string;
  hubId: string;
  reference: string;
  status: ContactStatus;
  initialBrag: Brag | null;
  receivedAt: Date;
  version: number;
  subjects: ChecksSubject[];
}

/** Roles that are adults when no date of birth says otherwise. */
const ADULT_ROLES = new Set(['parent-carer', 'alleged-perpetrator', 'professional', 'other-adult']);

export function isAdultOn(dateOfBirth: string | null, role: string, now: Date): boolean {
  if (!dateOfBirth) return ADULT_ROLES.has(role);
  const today = londonDate(now);
  const [y, m, d] = dateOfBirth.split('-').map(Number);
  const eighteenth = `${String(y + 18).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return eighteenth <= today;
}

export const subjectName = (s: { given_name: string | null; family_name: string | null }): string =>
  [s.given_name, s.family_name].filter((p) => p && p.trim()).join(' ') || 'Name not known';

const roleLabel = (role: string): string => SUBJECT_ROLE_LABELS[role as SubjectRole] ?? role;

/**
 * Loads the contact after asking the policy: `contact.read` for the contact's hub (and, for the
 * LADO, whether it is an allegation against a professional). A contact of
 * another hub, or none at all, is "not found" (hide).
 */
export async function loadChecksContact(
  work: Pick<Work, 'tx' | 'require' | 'now'>,
  contactId: string,
  options: { forUpdate?: boolean } = {},
): Promise<ChecksContact> {
  const { tx, require, now } = work;
  let query = tx.selectFrom('contact').select(['id', 'hub_id', 'reference', 'status', 'initial_brag', 'received_at', 'version', 'concern_categories']).where('id', '=', contactId);
  // writers hold the contact row so that a decision cannot slip in between the check and the write
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  // the allegation fact: the LADO reads contacts with an allegation against a professional (C1)
  require('contact.read', { hubId: row?.hub_id ?? '-', ladoInvolved: row ? involvesLado(row.concern_categories) : false, recordType: 'contact', recordId: contactId }, { hide: true });
  if (!row) throw new DomainError('not-found', 'Not found');
  const subjects = await tx
    .selectFrom('contact_subject')
    .selectAll()
    .where('hub_id', '=', row.hub_id)
    .where('contact_id', '=', contactId)
    .orderBy(sql`position`)
    .orderBy('id')
    .execute();
  return {
    id: row.id,
    hubId: row.hub_id,
    reference: row.reference,
    status: row.status as ContactStatus,
    initialBrag: row.initial_brag,
    receivedAt: row.received_at,
    version: row.version,
    subjects: subjects.map((s) => ({
      id: s.id,
      personId: s.person_id,
      name: subjectName(s),
      role: s.role,
      roleLabel: roleLabel(s.role),
      dateOfBirth: s.date_of_birth ? String(s.date_of_birth).slice(0, 10) : null,
      address: [s.address, s.postcode].filter((p) => p && p.trim()).join(', ') || null,
      isAdult: isAdultOn(s.date_of_birth ? String(s.date_of_birth).slice(0, 10) : null, s.role, now),
    })),
  };
}

/** Consent and requests are for contacts that have been screened and not yet decided. */
export function assertInChecksStage(contact: ChecksContact, doing: string): void {
  switch (contact.status) {
    case 'screened':
    case 'in-checks':
      return;
    case 'new':
      throw invalidState(`Screen the contact before you ${doing}`);
    case 'decided':
    case 'closed':
      throw invalidState(`The contact has been decided: you can no longer ${doing}`);
    default: {
      const unknown: never = contact.status;
      throw invalidState(`unknown contact status ${String(unknown)}`);
    }
  }
}

/** screened → in-checks when the first request goes (contacts/domain/status.ts "start-checks"). */
export async function startChecks(tx: Tx, contact: ChecksContact, now: Date): Promise<boolean> {
  if (contact.status !== 'screened') return false;
  const next = transition(contact.status, 'start-checks');
  // the row is held (loadChecksContact forUpdate), so the status read is still the status
  await tx.updateTable('contact').set({ status: next, updated_at: now, version: sql`version + 1` }).where('id', '=', contact.id).execute();
  return true;
}
