/**
 * What makes a contact complete enough to record (PRODUCT.md C1, C14). Returns every problem at
 * once, named by field in the API's terms (`subjects[1].dateOfBirth`); the pages map those
 * names to their inputs.
 */
import type { FieldError } from '../../../platform/errors';
import { londonDate } from '../../clocks/domain/london-time';
import {
  isEmail,
  normaliseNhsNumber,
  normalisePhone,
  normalisePostcode,
  parseDateParts,
  parseIsoInstant,
  parseLondonDateTime,
  type DateParts,
  type DateTimeParts,
} from './formats';
import {
  ANSWERS,
  CHANNELS,
  CONCERN_CATEGORIES,
  CONSULTATION_KINDS,
  REFERRER_KINDS,
  SEXES,
  STAFF_CHANNELS,
  SUBJECT_ROLES,
  isOneOf,
  type Answer,
  type Channel,
  type ConcernCategory,
  type ConsultationKind,
  type ReferrerKind,
  type Sex,
  type SubjectRole,
} from './vocabulary';

export interface SubjectInput {
  role?: string;
  givenName?: string;
  familyName?: string;
  /** YYYY-MM-DD (API) or the three boxes of a date input (pages) */
  dateOfBirth?: string | DateParts;
  sex?: string;
  address?: string;
  postcode?: string;
  school?: string;
  nhsNumber?: string;
}

export interface ReferrerInput {
  kind?: string;
  name?: string;
  role?: string;
  organisation?: string;
  phone?: string;
  email?: string;
  address?: string;
  /** a member of the public's relationship to the child */
  relationship?: string;
}

export interface ContactInput {
  channel?: string;
  /** an ISO 8601 instant (API) or a London date and time typed on a page */
  receivedAt?: string | DateTimeParts;
  referrer?: ReferrerInput;
  anonymityNote?: string;
  subjects?: SubjectInput[];
  concernCategories?: string[];
  concernSummary?: string;
  parentsInformed?: string;
  childSpokenTo?: string;
  writtenReferralOwed?: boolean;
  consultationKind?: string;
  consultationAdvice?: string;
  submissionKey?: string;
}

export interface ValidSubject {
  role: SubjectRole;
  givenName: string | null;
  familyName: string | null;
  dateOfBirth: string | null;
  sex: Sex | null;
  address: string | null;
  postcode: string | null;
  school: string | null;
  nhsNumber: string | null;
}

export interface ValidReferrer {
  kind: ReferrerKind;
  name: string | null;
  role: string | null;
  organisation: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  relationship: string | null;
}

export interface ValidContact {
  channel: Channel;
  receivedAt: Date;
  referrer: ValidReferrer;
  anonymityNote: string | null;
  subjects: ValidSubject[];
  concernCategories: ConcernCategory[];
  concernSummary: string;
  parentsInformed: Answer;
  childSpokenTo: Answer;
  writtenReferralOwed: boolean;
  consultationKind: ConsultationKind | null;
  consultationAdvice: string | null;
  submissionKey: string | null;
}

/** staff record contacts from any channel; the public use the online form */
export type ContactSource = 'staff' | 'public';

/** the server clock and a caller's may differ a little; a minute's grace is not "the future" */
export const FUTURE_TOLERANCE_MS = 60_000;
export const EARLIEST_RECEIPT = new Date('2000-01-01T00:00:00Z');
export const MAX_SUBJECTS = 20;

const LIMITS = { name: 100, text: 200, address: 500, summary: 10_000, note: 2_000, advice: 10_000 } as const;
const SUBMISSION_KEY = /^[A-Za-z0-9_-]{16,100}$/;

const clean = (value: string | undefined): string | null => {
  const trimmed = (value ?? '').trim();
  return trimmed.length > 0 ? trimmed : null;
};

export function validateContact(input: ContactInput, options: { now: Date; source: ContactSource }): { value?: ValidContact; errors: FieldError[] } {
  const { now, source } = options;
  const errors: FieldError[] = [];
  const err = (field: string, text: string) => errors.push({ field, text });
  const tooLong = (field: string, value: string | null, max: number, label: string) => {
    if (value && value.length > max) err(field, `${label} must be ${max} characters or fewer`);
  };

  // channel
  const channelList = source === 'public' ? (['online-form'] as const) : STAFF_CHANNELS;
  const channel = input.channel;
  if (!channel) err('channel', 'Select how the contact was received');
  else if (!isOneOf(CHANNELS, channel) || !channelList.includes(channel)) err('channel', 'Select how the contact was received from the list');
  const channelOk = isOneOf(CHANNELS, channel) && channelList.includes(channel);
  const isConsultation = channel === 'consultation-line';

  // received at: as it really was, never in the future
  const receivedAt = parseReceivedAt(input.receivedAt);
  if (receivedAt.kind === 'empty') err('receivedAt', 'Enter the date and time the contact was received');
  else if (receivedAt.kind === 'error') err('receivedAt', receivedAt.text);
  else if (receivedAt.at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) err('receivedAt', 'The date and time received must be now or in the past');
  else if (receivedAt.at < EARLIEST_RECEIPT) err('receivedAt', 'The date received must be in the year 2000 or later');

  // consultation line (C14): a named child becomes a contact; a scenario records no person
  let consultationKind: ConsultationKind | null = null;
  if (isConsultation) {
    if (!input.consultationKind) err('consultationKind', 'Select whether the call is about a named child or a scenario');
    else if (!isOneOf(CONSULTATION_KINDS, input.consultationKind)) err('consultationKind', 'Select whether the call is about a named child or a scenario');
    else consultationKind = input.consultationKind;
  } else if (input.consultationKind) {
    err('consultationKind', 'Only a consultation line call can be a consultation');
  }
  const scenario = consultationKind === 'scenario';
  const consultationAdvice = isConsultation ? clean(input.consultationAdvice) : null;
  if (scenario && !consultationAdvice) err('consultationAdvice', 'Enter the advice given');
  tooLong('consultationAdvice', consultationAdvice, LIMITS.advice, 'Advice given');

  // referrer
  const referrer = validateReferrer(input.referrer ?? {}, { isConsultation, source }, err, tooLong);
  const anonymityNote = referrer?.kind === 'anonymous' ? clean(input.anonymityNote) : null;
  tooLong('anonymityNote', anonymityNote, LIMITS.note, 'How anonymity affects the contact');

  // people
  const rawSubjects = input.subjects ?? [];
  const subjects: ValidSubject[] = [];
  if (scenario) {
    if (rawSubjects.length > 0) err('subjects', 'A scenario consultation records no person: remove the people, or choose a named child');
  } else {
    if (rawSubjects.length > MAX_SUBJECTS) err('subjects', `Record at most ${MAX_SUBJECTS} people on one contact`);
    rawSubjects.slice(0, MAX_SUBJECTS).forEach((s, i) => {
      const valid = validateSubject(s, i, { now, source }, err, tooLong);
      if (valid) subjects.push(valid);
    });
    const hasChild = rawSubjects.some((s) => (source === 'public' ? true : s.role === 'subject'));
    if (!hasChild) {
      err(
        rawSubjects.length === 0 ? 'subjects' : 'subjects[0].role',
        source === 'public' ? 'Enter the details of at least one child' : 'Add at least one child the contact is about',
      );
    }
  }

  // the concern
  const categories = [...new Set(input.concernCategories ?? [])];
  const badCategory = categories.some((c) => !isOneOf(CONCERN_CATEGORIES, c));
  if (badCategory) err('concernCategories', 'Select concerns from the list');
  else if (categories.length === 0 && source === 'staff' && !scenario) err('concernCategories', 'Select at least one concern');
  const concernSummary = clean(input.concernSummary);
  if (!concernSummary) err('concernSummary', source === 'public' ? 'Tell us what happened' : 'Enter a summary of the concern');
  tooLong('concernSummary', concernSummary, LIMITS.summary, source === 'public' ? 'What happened' : 'Summary of the concern');

  const you = source === 'public';
  const parentsInformed = answer(input.parentsInformed, 'parentsInformed', source, you ? 'Select whether you have told the child’s parents or carers' : 'Select whether the parents or carers were told', err);
  const childSpokenTo = answer(input.childSpokenTo, 'childSpokenTo', source, you ? 'Select whether you have spoken to the child' : 'Select whether the child was spoken to', err);

  // a phone (or other spoken) contact needing an immediate response owes the written form within 24 hours (000 §6.1)
  const writtenReferralOwed = input.writtenReferralOwed === true;
  if (writtenReferralOwed && channel === 'online-form') err('writtenReferralOwed', 'A referral made through the online form is already written');
  if (writtenReferralOwed && scenario) err('writtenReferralOwed', 'A scenario consultation does not owe a written referral');

  const submissionKey = clean(input.submissionKey);
  if (submissionKey && !SUBMISSION_KEY.test(submissionKey)) err('submissionKey', 'The form has expired: reload the page and try again');

  if (errors.length > 0 || !channelOk || receivedAt.kind !== 'instant' || !referrer || !concernSummary) return { errors };
  return {
    errors,
    value: {
      channel: channel as Channel,
      receivedAt: receivedAt.at,
      referrer,
      anonymityNote,
      subjects,
      concernCategories: categories as ConcernCategory[],
      concernSummary,
      parentsInformed,
      childSpokenTo,
      writtenReferralOwed,
      consultationKind,
      consultationAdvice,
      submissionKey,
    },
  };
}

type Err = (field: string, text: string) => void;
type TooLong = (field: string, value: string | null, max: number, label: string) => void;

function parseReceivedAt(value: ContactInput['receivedAt']): { kind: 'empty' } | { kind: 'instant'; at: Date } | { kind: 'error'; text: string } {
  if (value === undefined || value === '') return { kind: 'empty' };
  if (typeof value === 'string') {
    const at = parseIsoInstant(value.trim());
    return at ? { kind: 'instant', at } : { kind: 'error', text: 'Enter the date and time received as an ISO 8601 date and time with its offset, like 2026-11-23T14:30:00Z' };
  }
  return parseLondonDateTime(value, 'Date received');
}

function validateReferrer(
  input: ReferrerInput,
  context: { isConsultation: boolean; source: ContactSource },
  err: Err,
  tooLong: TooLong,
): ValidReferrer | undefined {
  const kind = input.kind;
  if (!kind || !isOneOf(REFERRER_KINDS, kind)) {
    err('referrer.kind', context.source === 'public' ? 'Select who you are, or that you want to stay anonymous' : 'Select who made the contact');
    return undefined;
  }
  // 002 §5.16: a consultation caller gives their details
  if (context.isConsultation && kind !== 'professional') {
    err('referrer.kind', 'A consultation line caller is a professional who gives their details');
    return undefined;
  }
  if (kind === 'anonymous') {
    // nothing that could identify them is kept
    return { kind, name: null, role: null, organisation: null, phone: null, email: null, address: null, relationship: null };
  }
  const name = clean(input.name);
  const role = clean(input.role);
  const organisation = clean(input.organisation);
  const phoneRaw = clean(input.phone);
  const emailRaw = clean(input.email)?.toLowerCase() ?? null;
  const address = clean(input.address);
  const relationship = clean(input.relationship);
  const you = context.source === 'public';
  if (!name) err('referrer.name', you ? 'Enter your name' : 'Enter the referrer’s name');
  if (kind === 'professional' && !organisation) err('referrer.organisation', you ? 'Enter the organisation you work for' : 'Enter the referrer’s organisation');
  const phone = phoneRaw ? normalisePhone(phoneRaw) : null;
  if (phoneRaw && !phone) err('referrer.phone', 'Enter a telephone number, like 01632 960 001 or +44 808 157 0192');
  if (emailRaw && !isEmail(emailRaw)) err('referrer.email', 'Enter an email address in the correct format, like name@example.com');
  if (!phoneRaw && !emailRaw) err('referrer.phone', you ? 'Enter a telephone number or email address so that we can tell you what happens next' : 'Enter the referrer’s telephone number or email address');
  tooLong('referrer.name', name, LIMITS.name, 'Name');
  tooLong('referrer.role', role, LIMITS.text, 'Role');
  tooLong('referrer.organisation', organisation, LIMITS.text, 'Organisation');
  tooLong('referrer.address', address, LIMITS.address, 'Address');
  tooLong('referrer.relationship', relationship, LIMITS.text, 'Relationship to the child');
  return { kind, name, role, organisation: kind === 'professional' ? organisation : null, phone: phone ?? null, email: emailRaw, address, relationship };
}

function validateSubject(
  s: SubjectInput,
  i: number,
  context: { now: Date; source: ContactSource },
  err: Err,
  tooLong: TooLong,
): ValidSubject | undefined {
  const at = (f: string) => `subjects[${i}].${f}`;
  const who = context.source === 'public' ? `child ${i + 1}` : `person ${i + 1}`;
  const before = { count: 0 };
  const e: Err = (field, text) => {
    before.count++;
    err(field, text);
  };
  const role = context.source === 'public' ? 'subject' : s.role;
  if (!role || !isOneOf(SUBJECT_ROLES, role)) e(at('role'), `Select the role of ${who}`);
  const givenName = clean(s.givenName);
  const familyName = clean(s.familyName);
  if (!givenName && !familyName) e(at('givenName'), `Enter a first name or last name for ${who}`);
  tooLong(at('givenName'), givenName, LIMITS.name, `First name of ${who}`);
  tooLong(at('familyName'), familyName, LIMITS.name, `Last name of ${who}`);

  let dateOfBirth: string | null = null;
  const label = `Date of birth of ${who}`;
  const dob = typeof s.dateOfBirth === 'string' ? (s.dateOfBirth.trim() ? { kind: 'text' as const, text: s.dateOfBirth.trim() } : { kind: 'empty' as const }) : parseDateParts(s.dateOfBirth ?? {}, label);
  if (dob.kind === 'text') {
    const parsed = /^\d{4}-\d{2}-\d{2}$/.test(dob.text) ? parseDateParts({ year: dob.text.slice(0, 4), month: dob.text.slice(5, 7), day: dob.text.slice(8, 10) }, label) : undefined;
    if (!parsed || parsed.kind !== 'date') e(at('dateOfBirth'), `${label} must be a real date in the form YYYY-MM-DD`);
    else dateOfBirth = parsed.date;
  } else if (dob.kind === 'error') e(at('dateOfBirth'), dob.text);
  else if (dob.kind === 'date') dateOfBirth = dob.date;
  if (dateOfBirth && dateOfBirth > londonDate(context.now)) {
    e(at('dateOfBirth'), `${label} must be today or in the past`);
    dateOfBirth = null;
  } else if (dateOfBirth && dateOfBirth < '1900-01-01') {
    e(at('dateOfBirth'), `${label} must be after 1900`);
    dateOfBirth = null;
  }

  const sexRaw = clean(s.sex);
  if (sexRaw && !isOneOf(SEXES, sexRaw)) e(at('sex'), `Select the sex of ${who} from the list`);
  const postcodeRaw = clean(s.postcode);
  const postcode = postcodeRaw ? normalisePostcode(postcodeRaw) : undefined;
  if (postcodeRaw && !postcode) e(at('postcode'), `Enter a real postcode for ${who}, like SW1A 1AA`);
  const nhsRaw = clean(s.nhsNumber);
  const nhsNumber = nhsRaw ? normaliseNhsNumber(nhsRaw) : undefined;
  if (nhsRaw && !nhsNumber) e(at('nhsNumber'), `Enter a valid 10-digit NHS number for ${who}`);
  const address = clean(s.address);
  const school = clean(s.school);
  tooLong(at('address'), address, LIMITS.address, `Address of ${who}`);
  tooLong(at('school'), school, LIMITS.text, `School of ${who}`);
  if (before.count > 0) return undefined;
  return {
    role: role as SubjectRole,
    givenName,
    familyName,
    dateOfBirth,
    sex: (sexRaw as Sex | null) ?? null,
    address,
    postcode: postcode ?? null,
    school,
    nhsNumber: nhsNumber ?? null,
  };
}

function answer(value: string | undefined, field: string, source: ContactSource, missing: string, err: Err): Answer {
  if (value === undefined || value === '') {
    // the public are asked outright; a worker may not know yet
    if (source === 'public') err(field, missing);
    return 'not-known';
  }
  if (!isOneOf(ANSWERS, value)) {
    err(field, missing);
    return 'not-known';
  }
  return value;
}
