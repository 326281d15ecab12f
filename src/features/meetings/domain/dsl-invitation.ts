/**
 * The email inviting a school's designated safeguarding lead to a strategy discussion
 * (002 §4.3.3; wording adapted from 002 Appendix 7 so that any hub can use it). The subject
 * carries no personal data: subjects travel in mail headers and logs. Sending it only to an
 * approved secure domain is the caller's check (decisions/domain/secure-domain.ts).
 */
import { DomainError, invalidState, validationError, type FieldError } from '../../../platform/errors';
import { isBlank, isIsoDateString } from '../../enquiries/domain/types';
import type { Meeting } from './meeting';

export interface InvitationChild {
  name: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  homeAddress: string;
  /** "Parent/Carer address and contact details" */
  parentCarerDetails: string;
}

export interface DslInvitationInput {
  meeting: Meeting;
  school: { name: string };
  dslName: string;
  children: InvitationChild[];
  /** e.g. "Derby City Council" */
  localAuthorityName: string;
  /** e.g. "Children’s Social Care MASH Team" */
  teamName: string;
  senderName: string;
  /** the date the email is written */
  now: Date;
}

const LONDON = 'Europe/London';

export function formatLondonDate(instant: Date): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })
    .format(instant)
    .replace(',', '');
}

/** GOV.UK style: 9am, 10:30am, 2:15pm, midday. */
export function formatLondonTime(instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, hour: 'numeric', minute: '2-digit', hourCycle: 'h23' }).formatToParts(instant);
  const hour = Number(parts.find((p) => p.type === 'hour')!.value);
  const minute = parts.find((p) => p.type === 'minute')!.value;
  if (hour === 12 && minute === '00') return 'midday';
  if (hour === 0 && minute === '00') return 'midnight';
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  return `${h12}${minute === '00' ? '' : `:${minute}`}${hour < 12 ? 'am' : 'pm'}`;
}

function formatDob(iso: string): string {
  const d = new Date(`${iso}T12:00:00Z`);
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(d);
}

export function validateInvitation(input: DslInvitationInput): FieldError[] {
  const errors: FieldError[] = [];
  if (isBlank(input.school.name)) errors.push({ field: 'school.name', text: 'Enter the school or nursery' });
  if (isBlank(input.dslName)) errors.push({ field: 'dslName', text: 'Enter the designated safeguarding lead’s name' });
  if (input.children.length === 0) errors.push({ field: 'children', text: 'Add at least one child' });
  for (const [i, c] of input.children.entries()) {
    if (isBlank(c.name)) errors.push({ field: `children[${i}].name`, text: 'Enter the child’s name' });
    if (!isIsoDateString(c.dateOfBirth)) errors.push({ field: `children[${i}].dateOfBirth`, text: 'Enter the date of birth' });
    if (isBlank(c.homeAddress)) errors.push({ field: `children[${i}].homeAddress`, text: 'Enter the home address' });
  }
  if (isBlank(input.localAuthorityName)) errors.push({ field: 'localAuthorityName', text: 'Enter the local authority' });
  if (isBlank(input.teamName)) errors.push({ field: 'teamName', text: 'Enter the team' });
  if (isBlank(input.senderName)) errors.push({ field: 'senderName', text: 'Enter who the invitation is from' });
  return errors;
}

export function renderDslInvitation(input: DslInvitationInput): { subject: string; body: string } {
  const m = input.meeting;
  if (m.kind !== 'strategy-discussion') throw invalidState('Only a strategy discussion has a school invitation');
  switch (m.status) {
    case 'scheduled':
      break;
    case 'held':
    case 'minutes-circulated':
    case 'cancelled':
      throw invalidState(`The strategy discussion is ${m.status}; no invitation can be sent`);
    default: {
      const unknown: never = m;
      throw new DomainError('invalid-state', `unknown meeting status ${(unknown as Meeting).status}`);
    }
  }
  const errors = validateInvitation(input);
  if (errors.length > 0) throw validationError(errors);

  const several = input.children.length > 1;
  const child = several ? 'children' : 'child';
  const when = `${formatLondonDate(m.startsAt)} at ${formatLondonTime(m.startsAt)}`;
  const children = input.children
    .map((c) =>
      [
        `Child’s name: ${c.name.trim()}`,
        `Date of birth: ${formatDob(c.dateOfBirth)}`,
        `Home address: ${c.homeAddress.trim()}`,
        `Parent/carer address and contact details: ${isBlank(c.parentCarerDetails) ? 'not known' : c.parentCarerDetails.trim()}`,
      ].join('\n'),
    )
    .join('\n\n');

  const body = [
    `Date: ${formatLondonDate(input.now)}`,
    `Dear ${input.dslName.trim()},`,
    `This email is being sent to you, as designated safeguarding lead at ${input.school.name.trim()}, because a strategy ` +
      `discussion has been convened by the ${input.teamName.trim()} at ${input.localAuthorityName.trim()} to decide whether to ` +
      `initiate section 47 enquiries. The strategy discussion is in relation to:`,
    children,
    `The meeting has been set up as there is a concern that the ${child} may be suffering significant harm. This discussion ` +
      `allows us, as a group of professionals, to freely share information under section 47 of the Children Act 1989. We will ` +
      `share information about the ${child} to inform a decision as to whether we believe the ${child} ${several ? 'are' : 'is'} ` +
      `suffering or likely to suffer significant harm.`,
    `At the end of the discussion a multi-agency plan will be drawn up to put safeguards in place for the ${child}.`,
    `Please be mindful that this is a confidential meeting and the minutes should not be shared with anyone outside of your ` +
      `agency without prior permission from children’s social care. It is also important to note that the information you ` +
      `share may form part of the single ${several ? 'assessments' : 'assessment'} and parents will be made aware of this.`,
    `The strategy discussion will take place at ${m.venue} on ${when}.`,
    `Police and a health representative will be present and it is hoped that you will be able to join this meeting. It is ` +
      `imperative that the representative you send knows the ${child} and family; this does not have to be the designated ` +
      `safeguarding lead. It is appreciated that at times the invitation will be at short notice, given the urgency of ` +
      `safeguarding. If you are unable to attend, please reply by email confirming that the details we have for the ${child} ` +
      `are the same as your records, and detailing any concerns or issues that you may have about the ${child}.`,
    `Many thanks`,
    `${input.senderName.trim()}\nStrategy Meeting Manager`,
  ].join('\n\n');

  return { subject: `Invitation to a strategy discussion on ${when}`, body };
}
