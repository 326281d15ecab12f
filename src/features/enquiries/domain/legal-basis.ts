/**
 * The lawful bases the London MAS agreement names for MASH sharing (001 "Lawful Basis"): UK GDPR
 * Article 6(1) and 9(2) conditions, DPA 2018 Schedule 1 conditions, and Schedule 8 conditions
 * for law enforcement processing by competent authorities. Consent (6(1)(a), 9(2)(a)) is listed
 * because some parties (e.g. voluntary groups) may rely on it (001 "Consent").
 */
export const LEGAL_BASES = {
  'uk-gdpr-6-1-a': 'UK GDPR Article 6(1)(a): consent',
  'uk-gdpr-6-1-c': 'UK GDPR Article 6(1)(c): legal obligation',
  'uk-gdpr-6-1-d': 'UK GDPR Article 6(1)(d): vital interests',
  'uk-gdpr-6-1-e': 'UK GDPR Article 6(1)(e): public task',
  'uk-gdpr-9-2-a': 'UK GDPR Article 9(2)(a): explicit consent',
  'uk-gdpr-9-2-b': 'UK GDPR Article 9(2)(b): social protection law',
  'uk-gdpr-9-2-c': 'UK GDPR Article 9(2)(c): vital interests where the person cannot consent',
  'uk-gdpr-9-2-g': 'UK GDPR Article 9(2)(g): substantial public interest',
  'uk-gdpr-9-2-h': 'UK GDPR Article 9(2)(h): provision of health or social care',
  'uk-gdpr-9-2-i': 'UK GDPR Article 9(2)(i): public health',
  'dpa-sch1-p1-2': 'DPA 2018 Schedule 1 Part 1 para 2: health or social care purposes',
  'dpa-sch1-p1-3': 'DPA 2018 Schedule 1 Part 1 para 3: public health',
  'dpa-sch1-p2-6': 'DPA 2018 Schedule 1 Part 2 para 6: statutory and government purposes',
  'dpa-sch1-p2-10': 'DPA 2018 Schedule 1 Part 2 para 10: preventing or detecting unlawful acts',
  'dpa-sch1-p2-18': 'DPA 2018 Schedule 1 Part 2 para 18: safeguarding of children and individuals at risk',
  'dpa-sch8-1': 'DPA 2018 Schedule 8 para 1: statutory purposes',
  'dpa-sch8-2': 'DPA 2018 Schedule 8 para 2: administration of justice',
  'dpa-sch8-3': 'DPA 2018 Schedule 8 para 3: protecting individual’s vital interests',
  'dpa-sch8-4': 'DPA 2018 Schedule 8 para 4: safeguarding of children and individuals at risk',
} as const;

export type LegalBasis = keyof typeof LEGAL_BASES;

export const isLegalBasis = (value: unknown): value is LegalBasis => typeof value === 'string' && value in LEGAL_BASES;
