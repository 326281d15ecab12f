import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { T0, actor, decisionMaker, throwsCode } from '../../enquiries/domain/test-builders';
import { formatLondonDate, formatLondonTime, renderDslInvitation, type DslInvitationInput } from './dsl-invitation';
import { cancelMeeting, scheduleMeeting } from './meeting';
import { scheduleInput } from './test-meeting-builders';

const manager = actor('strategy-meeting-manager');
// 10:30 London time in summer (BST): 09:30 UTC
const startsAt = new Date('2026-06-15T09:30:00Z');
const meeting = scheduleMeeting(
  scheduleInput({ slot: undefined, startsAt, urgentReason: 'Test urgency', contactIds: ['contact-1'] }),
  [],
  manager,
  new Date('2026-06-15T08:00:00Z'),
).meeting;

const input = (over: Partial<DslInvitationInput> = {}): DslInvitationInput => ({
  meeting,
  school: { name: 'Test Primary School' },
  dslName: 'DSL Example',
  children: [{ name: 'Child A Example', dateOfBirth: '2018-04-09', homeAddress: '1 Test Street', parentCarerDetails: 'Parent Example, 01000 000000' }],
  localAuthorityName: 'Test City Council',
  teamName: 'Children’s Social Care MASH Team',
  senderName: 'Manager Example',
  now: new Date('2026-06-15T08:00:00Z'),
  ...over,
});

describe('school DSL invitation (002 App. 7)', () => {
  it('renders subject and body from the meeting, school and DSL', () => {
    const { subject, body } = renderDslInvitation(input());
    assert.equal(subject, 'Invitation to a strategy discussion on Monday 15 June 2026 at 10:30am');
    assert.ok(!subject.includes('Child A'), 'no personal data in the subject');
    assert.ok(body.startsWith('Date: Monday 15 June 2026\n\nDear DSL Example,'));
    assert.ok(body.includes('designated safeguarding lead at Test Primary School'));
    assert.ok(body.includes('Test City Council to decide whether to initiate section 47 enquiries'));
    assert.ok(body.includes('Child’s name: Child A Example\nDate of birth: 9 April 2018\nHome address: 1 Test Street'));
    assert.ok(body.includes('there is a concern that the child may be suffering significant harm'));
    assert.ok(body.includes('the minutes should not be shared with anyone outside of your agency without prior permission from children’s social care'));
    assert.ok(body.includes('The strategy discussion will take place at MASH meeting room 1 on Monday 15 June 2026 at 10:30am.'));
    assert.ok(body.includes('Police and a health representative will be present'));
    assert.ok(body.endsWith('Manager Example\nStrategy Meeting Manager'));
  });

  it('speaks of children when there are several', () => {
    const two = [...input().children, { name: 'Child B Example', dateOfBirth: '2020-01-01', homeAddress: '1 Test Street', parentCarerDetails: '' }];
    const { body } = renderDslInvitation(input({ children: two }));
    assert.ok(body.includes('the children may be suffering significant harm'));
    assert.ok(body.includes('we believe the children are suffering'));
    assert.ok(body.includes('Parent/carer address and contact details: not known'));
  });

  it('is only for a scheduled strategy discussion', () => {
    const cancelled = cancelMeeting(meeting, { reason: 'x' }, manager, new Date('2026-06-15T08:30:00Z')).meeting;
    throwsCode(() => renderDslInvitation(input({ meeting: cancelled })), 'invalid-state');
    const mash = scheduleMeeting(scheduleInput({ kind: 'mash-meeting', slot: undefined, startsAt: T0 }), [], decisionMaker, T0).meeting;
    throwsCode(() => renderDslInvitation(input({ meeting: mash })), 'invalid-state');
  });

  it('validates what it needs', () => {
    throwsCode(() => renderDslInvitation(input({ dslName: '' })), 'validation', 'dslName');
    throwsCode(() => renderDslInvitation(input({ children: [] })), 'validation', 'children');
    throwsCode(() => renderDslInvitation(input({ school: { name: ' ' } })), 'validation', 'school.name');
  });

  it('formats London dates and times in GOV.UK style', () => {
    assert.equal(formatLondonTime(new Date('2026-01-05T09:00:00Z')), '9am');
    assert.equal(formatLondonTime(new Date('2026-01-05T14:15:00Z')), '2:15pm');
    assert.equal(formatLondonTime(new Date('2026-01-05T12:00:00Z')), 'midday');
    assert.equal(formatLondonDate(new Date('2026-10-25T23:30:00Z')), 'Sunday 25 October 2026');
  });
});
