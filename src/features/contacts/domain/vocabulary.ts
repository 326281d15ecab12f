/**
 * The words of the front door (PRODUCT.md C1, C3, C14; GLOSSARY.md): codes stored in the
 * database and sent over the API, with the labels shown on pages.
 */

export const CHANNELS = [
  'phone',
  'email',
  'online-form',
  'police-notification',
  'edt',
  'letter',
  'walk-in',
  'consultation-line',
  'court',
  'other-la',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Record<Channel, string> = {
  phone: 'Phone call',
  email: 'Email',
  'online-form': 'Online referral form',
  'police-notification': 'Police notification (MERLIN/PAC, CAIT)',
  edt: 'Emergency Duty Team (out of hours)',
  letter: 'Letter',
  'walk-in': 'Walk-in',
  'consultation-line': 'Professional consultation line',
  court: 'Court or solicitor',
  'other-la': 'Another local authority',
};

/** Channels a worker records; the online form arrives only through the public referral form. */
export const STAFF_CHANNELS: readonly Channel[] = CHANNELS.filter((c) => c !== 'online-form');

export const SUBJECT_ROLES = [
  'subject',
  'sibling',
  'parent-carer',
  'alleged-perpetrator',
  'victim',
  'witness',
  'professional',
  'other-adult',
] as const;
export type SubjectRole = (typeof SUBJECT_ROLES)[number];

export const SUBJECT_ROLE_LABELS: Record<SubjectRole, string> = {
  subject: 'Child the contact is about',
  sibling: 'Sibling',
  'parent-carer': 'Parent or carer',
  'alleged-perpetrator': 'Alleged perpetrator',
  victim: 'Victim',
  witness: 'Witness',
  professional: 'Professional',
  'other-adult': 'Other adult',
};

export const CONCERN_CATEGORIES = [
  'neglect',
  'physical-abuse',
  'sexual-abuse',
  'emotional-abuse',
  'domestic-abuse',
  'cse',
  'missing',
  'fgm',
  'radicalisation',
  'allegation-against-professional',
  'other',
] as const;
export type ConcernCategory = (typeof CONCERN_CATEGORIES)[number];

export const CONCERN_CATEGORY_LABELS: Record<ConcernCategory, string> = {
  neglect: 'Neglect',
  'physical-abuse': 'Physical abuse',
  'sexual-abuse': 'Sexual abuse',
  'emotional-abuse': 'Emotional abuse',
  'domestic-abuse': 'Domestic abuse',
  cse: 'Child sexual exploitation (CSE)',
  missing: 'Missing',
  fgm: 'Female genital mutilation (FGM)',
  radicalisation: 'Radicalisation',
  'allegation-against-professional': 'Allegation against a professional or volunteer',
  other: 'Other',
};

/** The concern that brings the LADO in (000 §6.2, §8.2). */
export const LADO_CATEGORY: ConcernCategory = 'allegation-against-professional';
export const involvesLado = (categories: readonly string[]): boolean => categories.includes(LADO_CATEGORY);

export const REFERRER_KINDS = ['professional', 'public', 'anonymous'] as const;
export type ReferrerKind = (typeof REFERRER_KINDS)[number];

export const REFERRER_KIND_LABELS: Record<ReferrerKind, string> = {
  professional: 'A professional',
  public: 'A member of the public',
  anonymous: 'Anonymous',
};

export const ANSWERS = ['yes', 'no', 'not-known'] as const;
export type Answer = (typeof ANSWERS)[number];
export const ANSWER_LABELS: Record<Answer, string> = { yes: 'Yes', no: 'No', 'not-known': 'Not known' };

export const SEXES = ['female', 'male', 'other', 'not-known'] as const;
export type Sex = (typeof SEXES)[number];
export const SEX_LABELS: Record<Sex, string> = { female: 'Female', male: 'Male', other: 'Other', 'not-known': 'Not known' };

export const CONSULTATION_KINDS = ['named-child', 'scenario'] as const;
export type ConsultationKind = (typeof CONSULTATION_KINDS)[number];
export const CONSULTATION_KIND_LABELS: Record<ConsultationKind, string> = {
  'named-child': 'About a named child: becomes a contact',
  scenario: 'A scenario: advice only, no person recorded',
};

/** Screening classification (C3; 000 §6.2; 002). */
export const CLASSIFICATIONS = [
  'information-request',
  'early-help-request',
  'safeguarding-referral',
  'allegation-lado',
  'domestic-abuse-notification',
  'adult-safeguarding-concern',
  'consultation',
] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const CLASSIFICATION_LABELS: Record<Classification, string> = {
  'information-request': 'Information request',
  'early-help-request': 'Request for early help',
  'safeguarding-referral': 'Safeguarding referral',
  'allegation-lado': 'Allegation against a professional (LADO)',
  'domestic-abuse-notification': 'Domestic abuse notification',
  'adult-safeguarding-concern': 'Adult safeguarding concern',
  consultation: 'Consultation',
};

/** Priority order: red first. */
export const BRAGS = ['red', 'amber', 'green', 'blue'] as const;
export type Brag = (typeof BRAGS)[number];

export const BRAG_LABELS: Record<Brag, string> = { red: 'Red', amber: 'Amber', green: 'Green', blue: 'Blue' };

/** What each rating means (000 §6.3 BRAG table), shown beside the choice. */
export const BRAG_HINTS: Record<Brag, string> = {
  red: 'High: immediate, same day. Passed to children’s social care without delay; MASH checks run in parallel.',
  amber: 'Medium high: within 48 hours. May need multi-agency checks.',
  green: 'Medium low: within 4 days. May need an early help response.',
  blue: 'Low: within 7 days. No welfare concerns identified, or an information request.',
};

/** Police consultation (000 ISA 1.42): was a crime committed? */
export const CRIME_ANSWERS = ['yes', 'no', 'not-known', 'not-consulted'] as const;
export type CrimeAnswer = (typeof CRIME_ANSWERS)[number];
export const CRIME_ANSWER_LABELS: Record<CrimeAnswer, string> = {
  yes: 'Yes, a crime may have been committed',
  no: 'No crime',
  'not-known': 'Not known yet',
  'not-consulted': 'Police not consulted',
};

/** Derby's threshold levels (002 "Processing of Information"); a hub may set its own. */
export const DEFAULT_THRESHOLDS: readonly string[] = ['Universal', 'Emerging needs', 'Intensive', 'Specialist'];

export const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);
