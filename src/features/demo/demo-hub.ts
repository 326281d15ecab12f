import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { AgencyType, Role } from '../../platform/access/roles';
import { appendAuditEvents } from '../../platform/audit/audit-log';
import { hashPassword } from '../auth/passwords';

/** Synthetic demo hub: every name, domain and address here is invented. */
export const DEMO_HUB_NAME = 'Demo MASH';

const AGENCIES: Array<{ key: string; name: string; type: AgencyType; ico: string; domains: string[] }> = [
  { key: 'csc', name: "Demo children's social care", type: 'childrens-social-care', ico: 'Z1000001', domains: ['demo-council.gov.uk'] },
  { key: 'police', name: 'Demo Police', type: 'police', ico: 'Z1000002', domains: ['demo.pnn.police.uk'] },
  { key: 'health', name: 'Demo NHS Trust', type: 'health', ico: 'Z1000003', domains: ['nhs.net'] },
  { key: 'education', name: 'Demo education services', type: 'education', ico: 'Z1000004', domains: ['demo-council.gov.uk'] },
  { key: 'probation', name: 'Demo Probation Service', type: 'probation', ico: 'Z1000005', domains: ['demo.cjsm.net'] },
  { key: 'housing', name: 'Demo housing', type: 'housing', ico: 'Z1000006', domains: ['demo-council.gov.uk'] },
  { key: 'substance', name: 'Demo substance misuse service', type: 'substance-misuse', ico: 'Z1000007', domains: [] },
  { key: 'da', name: 'Demo domestic abuse service', type: 'domestic-abuse-service', ico: 'Z1000008', domains: [] },
  { key: 'earlyhelp', name: 'Demo early help', type: 'early-help', ico: 'Z1000009', domains: ['demo-council.gov.uk'] },
  { key: 'yot', name: 'Demo youth offending team', type: 'youth-offending', ico: 'Z1000010', domains: ['demo-council.gov.uk'] },
  { key: 'lado', name: 'Demo LADO', type: 'lado', ico: 'Z1000011', domains: ['demo-council.gov.uk'] },
];

/** One demo user per role, `<role>@demo.test`. */
export const DEMO_USERS: Array<{ role: Role; agency: string; name: string; email: string }> = [
  { role: 'admin', agency: 'csc', name: 'Ada Admin' },
  { role: 'mso', agency: 'csc', name: 'Sam Support' },
  { role: 'social-worker', agency: 'csc', name: 'Sol Worker' },
  { role: 'decision-maker', agency: 'csc', name: 'Dana Decider' },
  { role: 'police', agency: 'police', name: 'Pat Constable' },
  { role: 'health', agency: 'health', name: 'Hari Nurse' },
  { role: 'education', agency: 'education', name: 'Eve Teacher' },
  { role: 'probation', agency: 'probation', name: 'Priya Officer' },
  { role: 'housing', agency: 'housing', name: 'Hal Housing' },
  { role: 'lado', agency: 'lado', name: 'Lee Designated' },
  { role: 'ig-lead', agency: 'csc', name: 'Iggy Governance' },
  { role: 'auditor', agency: 'csc', name: 'Audrey Auditor' },
  { role: 'performance', agency: 'csc', name: 'Percy Performance' },
  { role: 'agency-practitioner', agency: 'earlyhelp', name: 'Ellis Early' },
].map((u) => ({ ...u, role: u.role as Role, email: `${u.role}@demo.test` }));

export interface DemoResult {
  created: boolean;
  hubId: string;
  password?: string;
  passwordGenerated: boolean;
}

/** Creates the demo hub when the database has no hub at all. */
export async function ensureDemoHub(db: Kysely<DB>, options: { password?: string; now: Date }): Promise<DemoResult> {
  const existing = await db.selectFrom('hub').select(['id', 'name']).orderBy('created_at').limit(1).executeTakeFirst();
  if (existing) return { created: false, hubId: existing.id, passwordGenerated: false };
  return createDemoHub(db, options);
}

export async function createDemoHub(db: Kysely<DB>, options: { password?: string; now: Date; name?: string; emailSuffix?: string }): Promise<DemoResult> {
  const password = options.password ?? randomBytes(9).toString('base64url');
  const passwordHash = await hashPassword(password);
  const hubId = randomUUID();
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('hub')
      .values({
        id: hubId,
        name: options.name ?? DEMO_HUB_NAME,
        local_authorities: ['Demo City Council'],
        settings: JSON.stringify({ calendar: { division: 'england-and-wales', openingTime: '09:00', closingTime: '17:00' } }),
      })
      .execute();
    const agencyIds = new Map<string, string>();
    for (const a of AGENCIES) {
      const id = randomUUID();
      agencyIds.set(a.key, id);
      await tx
        .insertInto('agency')
        .values({ id, hub_id: hubId, name: a.name, type: a.type, ico_registration: a.ico, secure_email_domains: a.domains })
        .execute();
    }
    for (const u of DEMO_USERS) {
      const email = options.emailSuffix ? u.email.replace('@', `${options.emailSuffix}@`) : u.email;
      await tx
        .insertInto('app_user')
        .values({ id: randomUUID(), hub_id: hubId, agency_id: agencyIds.get(u.agency)!, email, display_name: u.name, role: u.role, password_hash: passwordHash })
        .execute();
    }
    await appendAuditEvents(
      tx,
      { hubId, actorUserId: null, actorRole: null, actorAgencyId: null, requestId: 'demo', sourceAddress: null },
      [{ action: 'hub.create', recordType: 'hub', recordId: hubId, details: { demo: true, users: DEMO_USERS.length } }],
      options.now,
    );
  });
  return { created: true, hubId, password, passwordGenerated: options.password === undefined };
}
