/**
 * Synthetic wording and weights for generated front-door records. No text describes a real
 * person or event; every free-text field starts with "Synthetic".
 */
import { WeightedList } from '../synthetic/rng';

export const CHANNEL_WEIGHTS = new WeightedList(
  ['police-notification', 'phone', 'email', 'online-form', 'edt', 'letter', 'walk-in', 'consultation-line', 'court', 'other-la'] as const,
  [28, 22, 18, 7, 6, 2, 1, 8, 3, 5],
);

export const CONCERNS_POLICE = new WeightedList(
  ['domestic-abuse', 'missing', 'physical-abuse', 'neglect', 'sexual-abuse', 'cse', 'emotional-abuse', 'radicalisation', 'other'] as const,
  [50, 15, 10, 8, 4, 4, 5, 1, 3],
);

export const CONCERNS_OTHER = new WeightedList(
  ['neglect', 'emotional-abuse', 'physical-abuse', 'domestic-abuse', 'sexual-abuse', 'cse', 'missing', 'fgm', 'radicalisation', 'allegation-against-professional', 'other'] as const,
  [30, 15, 15, 14, 5, 3, 5, 0.5, 1, 2.5, 9],
);

export const SUMMARIES: Record<string, string[]> = {
  neglect: ['Synthetic: the child has come to school hungry and in unwashed clothes on several days.', 'Synthetic: home conditions reported as poor by a visiting professional.'],
  'emotional-abuse': ['Synthetic: the child appears withdrawn and describes being shouted at daily.', 'Synthetic: concerns about persistent belittling of the child by a carer.'],
  'physical-abuse': ['Synthetic: unexplained bruising noticed by staff; the explanation given was inconsistent.', 'Synthetic: the child said a carer hit them.'],
  'domestic-abuse': ['Synthetic: police attended a domestic incident at the address; children present.', 'Synthetic: verbal argument reported by neighbours; no injuries recorded.'],
  'sexual-abuse': ['Synthetic: disclosure made to a teacher; details recorded by the school.'],
  cse: ['Synthetic: the young person is seen with older adults and has unexplained gifts.'],
  missing: ['Synthetic: reported missing overnight and returned the next morning.', 'Synthetic: third missing episode this month.'],
  fgm: ['Synthetic: a professional is concerned about planned travel and FGM risk.'],
  radicalisation: ['Synthetic: concerns about online material the young person has shared.'],
  'allegation-against-professional': ['Synthetic: an allegation about the conduct of a member of staff at a setting.'],
  other: ['Synthetic: the referrer is worried about the family and asks for advice.'],
};

export const REFERRER_ROLES = ['Designated safeguarding lead', 'Health visitor', 'GP', 'School nurse', 'Police constable', 'Midwife', 'Housing officer', 'Youth worker', 'Nursery manager', 'Probation officer'];
export const REFERRER_ORGS = ['Bench Primary School', 'Bench Academy', 'Bench Medical Practice', 'Bench Police', 'Bench NHS Trust', 'Bench Housing Association', 'Bench Nursery', 'Bench Youth Service'];

export const CLASSIFICATION_BY_CONCERN: Record<string, string> = {
  'domestic-abuse': 'domestic-abuse-notification',
  'allegation-against-professional': 'allegation-lado',
};

export const OUTCOMES_BY_BRAG = {
  red: new WeightedList(['s47-strategy-discussion', 'assessment', 'early-help', 'other-service'] as const, [35, 55, 5, 5]),
  amber: new WeightedList(['assessment', 'early-help', 's47-strategy-discussion', 'advice', 'nfa', 'other-service'] as const, [40, 30, 5, 10, 10, 5]),
  green: new WeightedList(['early-help', 'advice', 'nfa', 'assessment', 'other-service'] as const, [40, 25, 20, 10, 5]),
  blue: new WeightedList(['nfa', 'advice', 'early-help', 'other-service'] as const, [45, 40, 10, 5]),
};

export const INITIAL_BRAG = {
  police: new WeightedList(['red', 'amber', 'green', 'blue'] as const, [8, 32, 38, 22]),
  other: new WeightedList(['red', 'amber', 'green', 'blue'] as const, [10, 28, 34, 28]),
};

/** Share of contacts of each BRAG that go for MASH checks. */
export const CHECKS_RATE = { red: 0.7, amber: 0.6, green: 0.3, blue: 0.05 } as const;

export const THRESHOLD_BY_BRAG = { red: 'Specialist', amber: 'Intensive', green: 'Emerging needs', blue: 'Universal' } as const;

export const NOT_SOUGHT = ['immediate-danger', 'risk-to-child', 'prejudice-criminal-investigation', 'public-protection', 'unjustifiable-delay'];
export const CRITERIA = ['protection-of-vulnerable-people', 'prevention-of-crime-and-disorder', 'public-safety', 'detection-of-crime'];
