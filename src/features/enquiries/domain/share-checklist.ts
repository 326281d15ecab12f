/**
 * The questions walked for every decision to share or not share (PRODUCT C5), as data:
 * - 001 Appendix D "Information Sharing Checklist", word for word: "The following questions must
 *   be considered when deciding whether to share information."
 * - 003 "When and how to share information", the "When?" questions, whose answers lead to
 *   "you can share", "see next question" or "do not share".
 */

export type AnswerKind = 'yes-no' | 'text' | 'choice';

export interface ChecklistOption {
  value: string;
  label: string;
  blocks: boolean;
}

export interface ChecklistQuestion {
  id: string;
  text: string;
  answer: AnswerKind;
  /** for yes/no: the answer with which sharing must not go ahead */
  blocksWhen?: 'yes' | 'no';
  options?: readonly ChecklistOption[];
  /** a written answer is needed (the seed asks to justify or describe) */
  detailRequired: boolean;
  /** what a yes means beyond allowing sharing, recorded as a condition */
  conditionWhenYes?: string;
  /** answered by OpenMASH itself: the record being made is the answer (003 golden rule 7) */
  answeredByRecord?: true;
}

export const SHARE_CHECKLIST = [
  { id: 'whose-information', text: 'Whose information is this?', answer: 'text', detailRequired: true },
  {
    id: 'lawful-basis',
    text: 'Is there a lawful basis to share the information? Justify the purpose and identify relevant legislation that applies.',
    answer: 'yes-no',
    blocksWhen: 'no',
    detailRequired: true,
  },
  {
    id: 'pseudonymise',
    text: 'Can information be pseudonymised or anonymised ahead of sharing?',
    answer: 'yes-no',
    detailRequired: false,
    conditionWhenYes: 'Pseudonymise or anonymise the information before sharing',
  },
  {
    id: 'individuals-informed',
    text:
      'How have individuals been informed that the information will be shared eg via a privacy notice? Will they have the ' +
      'expectation that their information will be shared? Consider whether notifying the individual of the sharing may place ' +
      'someone at risk or prejudice a police or safeguarding investigation.',
    answer: 'text',
    detailRequired: true,
  },
  {
    id: 'requests-not-to-share',
    text: 'Have any requests not to share been received and considered?',
    answer: 'choice',
    options: [
      { value: 'none-received', label: 'No requests not to share have been received', blocks: false },
      { value: 'received-and-considered', label: 'Requests were received and have been considered', blocks: false },
      { value: 'received-not-considered', label: 'Requests were received but have not been considered', blocks: true },
    ],
    detailRequired: false,
  },
  { id: 'how-much', text: 'How much information is it necessary to share in this situation?', answer: 'text', detailRequired: true },
  {
    id: 'accurate-fact-opinion',
    text: 'Is the information accurate and up to date? Has the difference between fact and opinion been stated?',
    answer: 'yes-no',
    blocksWhen: 'no',
    detailRequired: false,
  },
  {
    id: 'access-limited',
    text: 'Is access to the information limited to only those who need it? Is it being given to the right person?',
    answer: 'yes-no',
    blocksWhen: 'no',
    detailRequired: false,
  },
  { id: 'secure', text: 'Is the information being shared in a secure way?', answer: 'yes-no', blocksWhen: 'no', detailRequired: false },
  {
    id: 'decision-recorded',
    text: 'Has the decision to share or not share, and the rationale for the decision, been recorded?',
    answer: 'yes-no',
    blocksWhen: 'no',
    detailRequired: false,
    answeredByRecord: true,
  },
] as const satisfies readonly ChecklistQuestion[];

export type ChecklistQuestionId = (typeof SHARE_CHECKLIST)[number]['id'];

export type WhenOutcome = 'next' | 'share' | 'do-not-share';

export interface WhenQuestion {
  id: string;
  text: string;
  onYes: WhenOutcome;
  onNo: WhenOutcome;
}

/** 003 "When?", in order; the first answer that is not "next" settles the question. */
export const WHEN_QUESTIONS = [
  { id: 'legitimate-purpose', text: 'Is there a clear and legitimate purpose for sharing information?', onYes: 'next', onNo: 'do-not-share' },
  { id: 'identifiable', text: 'Does the information enable an individual to be identified?', onYes: 'next', onNo: 'share' },
  { id: 'confidential', text: 'Is the information confidential?', onYes: 'next', onNo: 'share' },
  { id: 'consent', text: 'Do you have consent?', onYes: 'share', onNo: 'next' },
  {
    id: 'other-reason',
    text: 'Is there another reason to share information such as to fulfil a public function or to protect the vital interest of the individual?',
    onYes: 'share',
    onNo: 'do-not-share',
  },
] as const satisfies readonly WhenQuestion[];

export type WhenQuestionId = (typeof WHEN_QUESTIONS)[number]['id'];
