/**
 * The synthetic hubs of a benchmark database: the main hub (a large MASH, years of contacts)
 * and a backlog hub whose only purpose is a queue of 100 000 open contacts. Staff, agencies
 * and ids follow from the seed alone, so a resumed generation needs nothing from the database.
 */
import type { AgencyType, Role } from '../../src/platform/access/roles';
import { drawGivenName, drawSurname } from '../synthetic/names';
import { createRng } from '../synthetic/rng';
import type { IdMaker } from '../lib/ids';

export const BENCH_PASSWORD_DEFAULT = 'bench-synthetic-password-1';

export interface AgencyPlan {
  id: string;
  key: string;
  name: string;
  type: AgencyType;
  ico: string;
  domains: string[];
  /** its practitioners answer information requests */
  answers: boolean;
}

export interface UserPlan {
  id: string;
  email: string;
  name: string;
  role: Role;
  agencyId: string;
  agencyKey: string;
}

export interface HubPlan {
  id: string;
  name: string;
  /** email domain of its users */
  domain: string;
  agencies: AgencyPlan[];
  users: UserPlan[];
  byRole(role: Role): UserPlan[];
  agency(key: string): AgencyPlan;
  /** the practitioners of an agency */
  practitioners(agencyId: string): UserPlan[];
}

const AGENCIES: Array<{ key: string; name: string; type: AgencyType; domains: string[]; answers: boolean }> = [
  { key: 'csc', name: "Bench children's social care", type: 'childrens-social-care', domains: ['bench-council.gov.uk'], answers: false },
  { key: 'police', name: 'Bench Police', type: 'police', domains: ['bench.pnn.police.uk'], answers: true },
  { key: 'health', name: 'Bench NHS Trust', type: 'health', domains: ['nhs.net'], answers: true },
  { key: 'education', name: 'Bench education services', type: 'education', domains: ['bench-council.gov.uk'], answers: true },
  { key: 'probation', name: 'Bench Probation Service', type: 'probation', domains: ['bench.cjsm.net'], answers: true },
  { key: 'housing', name: 'Bench housing', type: 'housing', domains: ['bench-council.gov.uk'], answers: true },
  { key: 'substance', name: 'Bench substance misuse service', type: 'substance-misuse', domains: [], answers: true },
  { key: 'da', name: 'Bench domestic abuse service', type: 'domestic-abuse-service', domains: [], answers: true },
  { key: 'earlyhelp', name: 'Bench early help', type: 'early-help', domains: ['bench-council.gov.uk'], answers: true },
  { key: 'yot', name: 'Bench youth offending team', type: 'youth-offending', domains: ['bench-council.gov.uk'], answers: true },
  { key: 'lado', name: 'Bench LADO', type: 'lado', domains: ['bench-council.gov.uk'], answers: false },
];

/** A large hub's establishment: about 120 people. */
const STAFF: Array<{ role: Role; agency: string; count: number }> = [
  { role: 'admin', agency: 'csc', count: 2 },
  { role: 'mso', agency: 'csc', count: 14 },
  { role: 'social-worker', agency: 'csc', count: 18 },
  { role: 'decision-maker', agency: 'csc', count: 6 },
  { role: 'ig-lead', agency: 'csc', count: 1 },
  { role: 'auditor', agency: 'csc', count: 1 },
  { role: 'performance', agency: 'csc', count: 2 },
  { role: 'lado', agency: 'lado', count: 2 },
  { role: 'police', agency: 'police', count: 10 },
  { role: 'health', agency: 'health', count: 8 },
  { role: 'education', agency: 'education', count: 8 },
  { role: 'probation', agency: 'probation', count: 4 },
  { role: 'housing', agency: 'housing', count: 4 },
  { role: 'agency-practitioner', agency: 'substance', count: 3 },
  { role: 'agency-practitioner', agency: 'da', count: 4 },
  { role: 'agency-practitioner', agency: 'earlyhelp', count: 6 },
  { role: 'agency-practitioner', agency: 'yot', count: 3 },
];

export function planHub(ids: IdMaker, seed: string, which: 0 | 1): HubPlan {
  const rng = createRng(`${seed}/hub/${which}`);
  const id = ids('hub', which);
  const domain = which === 0 ? 'bench.test' : 'backlog.bench.test';
  const agencies: AgencyPlan[] = AGENCIES.map((a, i) => ({ ...a, id: ids('agency', which * 100 + i), ico: `Z9${which}${String(i).padStart(5, '0')}` }));
  const users: UserPlan[] = [];
  for (const s of STAFF) {
    const agency = agencies.find((a) => a.key === s.agency)!;
    for (let i = 1; i <= s.count; i++) {
      const sex = rng.chance(0.6) ? 'female' : 'male';
      users.push({
        id: ids('user', which * 1000 + users.length),
        email: `${s.role}-${s.agency}-${i}@${domain}`,
        name: `${drawGivenName(rng, sex, 'classic')} ${drawSurname(rng)}`,
        role: s.role,
        agencyId: agency.id,
        agencyKey: agency.key,
      });
    }
  }
  const byRole = new Map<Role, UserPlan[]>();
  const byAgency = new Map<string, UserPlan[]>();
  for (const u of users) {
    byRole.set(u.role, [...(byRole.get(u.role) ?? []), u]);
    byAgency.set(u.agencyId, [...(byAgency.get(u.agencyId) ?? []), u]);
  }
  return {
    id,
    name: which === 0 ? 'Bench MASH' : 'Bench backlog MASH',
    domain,
    agencies,
    users,
    byRole: (role) => byRole.get(role) ?? [],
    agency: (key) => agencies.find((a) => a.key === key)!,
    practitioners: (agencyId) => (byAgency.get(agencyId) ?? []).filter((u) => !['admin', 'ig-lead', 'auditor'].includes(u.role)),
  };
}

/** The hub's stored settings: the default calendar (as the demo hub). */
export const HUB_SETTINGS = { calendar: { division: 'england-and-wales', openingTime: '09:00', closingTime: '17:00' } };
