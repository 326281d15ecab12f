import type { FieldError } from '../../../platform/errors';
import type { ContactInput, SubjectInput } from '../domain/contact-validation';

/**
 * Between the contact forms' flat fields (`subjects-1-dateOfBirth-day`) and the service's
 * input; and back from the service's field names (`subjects[1].dateOfBirth`) to the ids of
 * the inputs, so that the error summary links to the right box. People are added and removed
 * without JavaScript: the form posts back with `action=add-subject` or `remove-subject-N`.
 */
export type Body = Record<string, string | string[] | undefined>;

export const str = (v: string | string[] | undefined): string => (Array.isArray(v) ? v[0] ?? '' : v ?? '');
export const list = (v: string | string[] | undefined): string[] => (Array.isArray(v) ? v : v ? [v] : []);
export const version = (v: string | string[] | undefined): number => Number.parseInt(str(v), 10) || 0;

export interface SubjectBlock {
  role: string;
  givenName: string;
  familyName: string;
  dobDay: string;
  dobMonth: string;
  dobYear: string;
  sex: string;
  address: string;
  postcode: string;
  school: string;
  nhsNumber: string;
}

export const MAX_BLOCKS = 20;

export const emptyBlock = (role = 'subject'): SubjectBlock => ({
  role,
  givenName: '',
  familyName: '',
  dobDay: '',
  dobMonth: '',
  dobYear: '',
  sex: '',
  address: '',
  postcode: '',
  school: '',
  nhsNumber: '',
});

export function readBlocks(b: Body): SubjectBlock[] {
  const count = Math.min(MAX_BLOCKS, Math.max(1, Number.parseInt(str(b.subjectCount), 10) || 1));
  const blocks: SubjectBlock[] = [];
  for (let i = 0; i < count; i++) {
    const f = (name: string) => str(b[`subjects-${i}-${name}`]);
    blocks.push({
      role: f('role') || 'subject',
      givenName: f('givenName'),
      familyName: f('familyName'),
      dobDay: f('dateOfBirth-day'),
      dobMonth: f('dateOfBirth-month'),
      dobYear: f('dateOfBirth-year'),
      sex: f('sex'),
      address: f('address'),
      postcode: f('postcode'),
      school: f('school'),
      nhsNumber: f('nhsNumber'),
    });
  }
  return blocks;
}

/** a block left empty (e.g. the spare one of "add another") is not a person */
export const isBlankBlock = (s: SubjectBlock): boolean =>
  ![s.givenName, s.familyName, s.dobDay, s.dobMonth, s.dobYear, s.address, s.postcode, s.school, s.nhsNumber].some((v) => v.trim() !== '');

/** the "add another" and "remove" buttons: the blocks after the action, or undefined for a real submit */
export function blockAction(b: Body, blocks: SubjectBlock[], defaultRole: string): SubjectBlock[] | undefined {
  const action = str(b.action);
  if (action === 'add-subject') return blocks.length >= MAX_BLOCKS ? blocks : [...blocks, emptyBlock(defaultRole)];
  const remove = /^remove-subject-(\d+)$/.exec(action);
  if (remove) {
    const index = Number(remove[1]);
    const rest = blocks.filter((_, i) => i !== index);
    return rest.length > 0 ? rest : [emptyBlock(defaultRole)];
  }
  return undefined;
}

export interface FormInput {
  input: ContactInput;
  /** which block each of input.subjects came from */
  blockOf: number[];
}

export function contactInputFromBody(b: Body, blocks: SubjectBlock[], options: { public: boolean }): FormInput {
  const used = blocks.map((block, i) => ({ block, i })).filter(({ block }) => !isBlankBlock(block));
  const subjects: SubjectInput[] = used.map(({ block }) => ({
    role: options.public ? 'subject' : block.role,
    givenName: block.givenName,
    familyName: block.familyName,
    dateOfBirth: { day: block.dobDay, month: block.dobMonth, year: block.dobYear },
    sex: block.sex,
    address: block.address,
    postcode: block.postcode,
    school: block.school,
    nhsNumber: block.nhsNumber,
  }));
  const input: ContactInput = {
    channel: str(b.channel),
    receivedAt: { day: str(b['receivedAt-day']), month: str(b['receivedAt-month']), year: str(b['receivedAt-year']), time: str(b['receivedAt-time']) },
    referrer: {
      kind: str(b['referrer-kind']),
      name: str(b['referrer-name']),
      role: str(b['referrer-role']),
      organisation: str(b['referrer-organisation']),
      phone: str(b['referrer-phone']),
      email: str(b['referrer-email']),
      address: str(b['referrer-address']),
      relationship: str(b['referrer-relationship']),
    },
    anonymityNote: str(b.anonymityNote),
    subjects,
    concernCategories: list(b.concernCategories),
    concernSummary: str(b.concernSummary),
    parentsInformed: str(b.parentsInformed),
    childSpokenTo: str(b.childSpokenTo),
    writtenReferralOwed: str(b.writtenReferralOwed) === 'yes',
    consultationKind: str(b.consultationKind) || undefined,
    consultationAdvice: str(b.consultationAdvice),
    submissionKey: str(b.submissionKey) || undefined,
  };
  return { input, blockOf: used.map(({ i }) => i) };
}

/** the id of the input an error should link to */
export function fieldId(field: string, blockOf: number[]): string {
  if (field === 'receivedAt') return 'receivedAt-day';
  if (field === 'subjects') return `subjects-${blockOf[0] ?? 0}-givenName`;
  const subject = /^subjects\[(\d+)\]\.(\w+)$/.exec(field);
  if (subject) {
    const block = blockOf[Number(subject[1])] ?? Number(subject[1]);
    return `subjects-${block}-${subject[2]}${subject[2] === 'dateOfBirth' ? '-day' : ''}`;
  }
  if (field.startsWith('referrer.')) return `referrer-${field.slice('referrer.'.length)}`;
  return field;
}

export const pageErrors = (errors: FieldError[], blockOf: number[]): FieldError[] => errors.map((e) => ({ field: fieldId(e.field, blockOf), text: e.text }));

/** the typed answers, as the form shows them again */
export function keptValues(b: Body): Record<string, unknown> {
  return { ...b, concernCategories: list(b.concernCategories) };
}
