/**
 * The default timescale of every clock (PRODUCT.md C4 table). Sources cite the MASH documents
 * by number and section, as the spec does. A hub may override any rule; clocks already running
 * keep the rule they started with.
 */
import { validationError } from '../../../platform/errors';
import { assertValidRule, type ClockRule } from './clock-rules';
import { defaultWarningLead, type WarningLead } from './warning';

export const CLOCK_TYPES = [
  'decision',
  'brag-red',
  'brag-amber',
  'brag-green',
  'brag-blue',
  'feedback-to-referrer',
  'written-referral',
  'lado-allegation',
  'csc-referral-progressed',
  'strategy-minutes',
  'strategy-handover',
  'icpc',
  'assessment',
  'da-high',
  'da-medium',
  'da-standard',
  'subject-access',
  'erasure',
  'breach-partners',
  'breach-ico',
  'suspended-agreement-risk-meeting',
  'termination-notice',
  'agreement-review',
] as const;

export type ClockType = (typeof CLOCK_TYPES)[number];

export type TimescaleRules = Readonly<Record<ClockType, ClockRule>>;

const wd = (n: number): ClockRule => ({ kind: 'working-days', n });
const ch = (n: number): ClockRule => ({ kind: 'calendar-hours', n });
const cd = (n: number): ClockRule => ({ kind: 'calendar-days', n });
const cm = (n: number): ClockRule => ({ kind: 'calendar-months', n });

export const DEFAULT_TIMESCALES: TimescaleRules = deepFreeze({
  decision: wd(1),
  'brag-red': { kind: 'end-of-working-day' },
  'brag-amber': wd(2),
  'brag-green': wd(4),
  'brag-blue': wd(7),
  'feedback-to-referrer': { kind: 'working-hours', n: 24 },
  'written-referral': ch(24),
  'lado-allegation': wd(1),
  'csc-referral-progressed': wd(1),
  'strategy-minutes': wd(2),
  'strategy-handover': wd(1),
  icpc: wd(15),
  assessment: wd(45),
  'da-high': ch(24),
  'da-medium': cd(3),
  'da-standard': cd(7),
  'subject-access': cm(1),
  erasure: cm(1),
  'breach-partners': ch(48),
  'breach-ico': ch(72),
  'suspended-agreement-risk-meeting': cd(14),
  'termination-notice': cd(30),
  'agreement-review': cm(12),
});

export interface ClockTypeInfo {
  label: string;
  /** where the timescale comes from, e.g. "000 §6.3" */
  source: string;
  /** what the clock runs from, and any alternative a hub may choose */
  note?: string;
}

export const CLOCK_TYPE_INFO: Readonly<Record<ClockType, ClockTypeInfo>> = deepFreeze({
  decision: { label: 'Decision on a contact', source: '000 §6.3; Working Together', note: 'from receipt ("24 hours")' },
  'brag-red': {
    label: 'Red: action',
    source: '000 BRAG table',
    note: 'end of the working day of receipt; to children’s social care without delay',
  },
  'brag-amber': { label: 'Amber: action', source: '000 BRAG table', note: '"48 hours"' },
  'brag-green': { label: 'Green: action', source: '000 BRAG table' },
  'brag-blue': { label: 'Blue: action', source: '000 BRAG table' },
  'feedback-to-referrer': { label: 'Feedback to the referrer', source: '000 §6.3', note: 'from the decision' },
  'written-referral': { label: 'Written referral after a phone contact', source: '000 §6.1' },
  'lado-allegation': { label: 'Allegation passed to the LADO', source: '000 §8.2' },
  'csc-referral-progressed': {
    label: 'Referral to children’s social care progressed',
    source: '000 §6 (2)',
    note: 'when child protection concerns are found',
  },
  'strategy-minutes': { label: 'Strategy discussion minutes circulated', source: '004 protocol 4', note: '"48 hours"' },
  'strategy-handover': { label: 'Strategy manager hands over to the assessment team', source: '002 §4.3.5' },
  icpc: {
    label: 'Initial child protection conference',
    source: '004; Working Together',
    note: 'from the strategy discussion that began section 47 enquiries',
  },
  assessment: { label: 'Assessment completed', source: '004; Working Together', note: 'from the referral' },
  'da-high': { label: 'Domestic abuse notification (high risk) sent', source: '002 §5.2.2' },
  'da-medium': {
    label: 'Domestic abuse notification (medium risk) sent',
    source: '002 §5.2.3, §5.3',
    note: 'and taken to the next triage meeting (twice weekly)',
  },
  'da-standard': { label: 'Domestic abuse notification (standard risk) reviewed', source: '002 §5.2.5' },
  'subject-access': {
    label: 'Subject access request answered',
    source: '001; 000 ISA 1.31',
    note: 'UK GDPR; ISA 1.31 gives 40 days under the DPA 1998',
  },
  erasure: { label: 'Erasure carried out', source: '002 App. 1', note: 'when the right to erasure is engaged' },
  'breach-partners': {
    label: 'Data breach: partners told',
    source: '003 §10; 002',
    note: '48 calendar hours (Thurrock); Derby uses 1 working day',
  },
  'breach-ico': { label: 'Data breach: decision to notify the ICO', source: '001; 003 §10' },
  'suspended-agreement-risk-meeting': { label: 'Suspended agreement: risk meeting', source: '000 ISA 1.84' },
  'termination-notice': {
    label: 'Withdrawal or termination notice',
    source: '003 §13; 000 ISA 1.85',
    note: '4 weeks (003) or 30 calendar days (000); the longer is the default',
  },
  'agreement-review': {
    label: 'Agreement review',
    source: '000, 001, 002',
    note: 'every 1 or 2 years; 1 year is the default',
  },
});

export interface Timescale extends ClockTypeInfo {
  type: ClockType;
  rule: ClockRule;
  warningLead: WarningLead;
}

/** A hub's timescales: the defaults with its overrides, each override checked. */
export function resolveTimescales(overrides: Partial<Record<ClockType, ClockRule>> = {}): TimescaleRules {
  const resolved = { ...DEFAULT_TIMESCALES } as Record<ClockType, ClockRule>;
  for (const [type, rule] of Object.entries(overrides)) {
    if (!isClockType(type)) {
      throw validationError([{ field: `timescales.${type}`, text: `Unknown clock type ${type}` }]);
    }
    if (rule === undefined) continue;
    assertValidRule(rule, `timescales.${type}`);
    resolved[type] = { ...rule };
  }
  return deepFreeze(resolved);
}

/** Everything a screen needs about one clock type under a hub's rules. */
export function timescale(type: ClockType, rules: TimescaleRules = DEFAULT_TIMESCALES): Timescale {
  const rule = rules[type];
  return { type, ...CLOCK_TYPE_INFO[type], rule, warningLead: defaultWarningLead(rule) };
}

export function isClockType(value: string): value is ClockType {
  return (CLOCK_TYPES as readonly string[]).includes(value);
}

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) {
    if (inner && typeof inner === 'object') Object.freeze(inner);
  }
  return Object.freeze(value);
}
