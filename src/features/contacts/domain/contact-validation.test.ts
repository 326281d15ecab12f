import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateContact, type ContactInput } from './contact-validation';

const now = new Date('2026-11-23T12:00:00Z');

/** a complete phone contact about two children: synthetic */
const phone = (over: Partial<ContactInput> = {}): ContactInput => ({
  channel: 'phone',
  receivedAt: '2026-11-23T10:15:00Z',
  referrer: { kind: 'professional', name: 'Pat Example', role: 'Designated safeguarding lead', organisation: 'Example Primary School', phone: '01632 960 001' },
  subjects: [
    { role: 'subject', givenName: 'Alex', familyName: 'Example', dateOfBirth: '2016-04-01', postcode: 'zz99 9zz' },
    { role: 'sibling', givenName: 'Sam', familyName: 'Example' },
  ],
  concernCategories: ['neglect'],
  concernSummary: 'Synthetic: came to school hungry three days running.',
  ...over,
});

const fields = (input: ContactInput, source: 'staff' | 'public' = 'staff') => validateContact(input, { now, source }).errors.map((e) => e.field);
const messages = (input: ContactInput, source: 'staff' | 'public' = 'staff') => validateContact(input, { now, source }).errors.map((e) => e.text);

describe('a contact recorded by a worker', () => {
  it('accepts a complete phone contact and tidies what was typed', () => {
    const { value, errors } = validateContact(phone(), { now, source: 'staff' });
    assert.deepEqual(errors, []);
    assert.equal(value?.channel, 'phone');
    assert.equal(value?.receivedAt.toISOString(), '2026-11-23T10:15:00.000Z');
    assert.equal(value?.subjects.length, 2);
    assert.equal(value?.subjects[0].postcode, 'ZZ99 9ZZ');
    assert.equal(value?.subjects[1].dateOfBirth, null);
    assert.equal(value?.parentsInformed, 'not-known', 'a worker may not know yet');
    assert.equal(value?.writtenReferralOwed, false);
    assert.equal(value?.consultationKind, null);
  });

  it('requires a channel a worker records, and refuses the online form', () => {
    assert.deepEqual(fields(phone({ channel: '' })), ['channel']);
    assert.deepEqual(fields(phone({ channel: 'pigeon' })), ['channel']);
    assert.deepEqual(fields(phone({ channel: 'online-form' })), ['channel']);
  });

  for (const channel of ['phone', 'email', 'police-notification', 'edt', 'letter', 'walk-in', 'court', 'other-la']) {
    it(`accepts the ${channel} channel`, () => assert.deepEqual(fields(phone({ channel })), []));
  }

  describe('received time', () => {
    it('is required', () => assert.deepEqual(fields(phone({ receivedAt: undefined })), ['receivedAt']));
    it('must be a real instant with an offset', () => {
      assert.deepEqual(fields(phone({ receivedAt: '23/11/2026' })), ['receivedAt']);
      assert.deepEqual(fields(phone({ receivedAt: '2026-11-23T10:15:00' })), ['receivedAt']);
    });
    it('may not be in the future, beyond a minute of clock skew', () => {
      assert.deepEqual(fields(phone({ receivedAt: '2026-11-23T12:00:59Z' })), []);
      assert.deepEqual(fields(phone({ receivedAt: '2026-11-23T12:01:01Z' })), ['receivedAt']);
      assert.match(messages(phone({ receivedAt: '2026-11-24T09:00:00Z' }))[0], /now or in the past/);
    });
    it('is not before 2000', () => assert.deepEqual(fields(phone({ receivedAt: '1999-12-31T23:59:00Z' })), ['receivedAt']));
    it('reads the boxes of a page as London time', () => {
      const { value } = validateContact(phone({ receivedAt: { day: '23', month: '11', year: '2026', time: '09:30' } }), { now, source: 'staff' });
      assert.equal(value?.receivedAt.toISOString(), '2026-11-23T09:30:00.000Z');
    });
    it('says what is missing from the boxes', () => {
      assert.deepEqual(messages(phone({ receivedAt: { day: '23', month: '11', year: '2026' } })), ['Date received must include a time']);
    });
  });

  describe('referrer', () => {
    it('needs a kind', () => assert.deepEqual(fields(phone({ referrer: {} })), ['referrer.kind']));
    it('needs a professional’s name, organisation and a way to reach them', () => {
      assert.deepEqual(fields(phone({ referrer: { kind: 'professional' } })), ['referrer.name', 'referrer.organisation', 'referrer.phone']);
    });
    it('needs a member of the public’s name and a phone or email, not an organisation', () => {
      assert.deepEqual(fields(phone({ referrer: { kind: 'public', name: 'Jo Example', email: 'jo@example.com', organisation: 'ignored' } })), []);
      const { value } = validateContact(phone({ referrer: { kind: 'public', name: 'Jo Example', email: 'JO@Example.com', organisation: 'ignored' } }), { now, source: 'staff' });
      assert.equal(value?.referrer.organisation, null);
      assert.equal(value?.referrer.email, 'jo@example.com');
    });
    it('checks phone and email formats', () => {
      assert.deepEqual(fields(phone({ referrer: { kind: 'public', name: 'Jo', phone: 'abc', email: 'not-an-email' } })), ['referrer.phone', 'referrer.email']);
    });
    it('keeps nothing that identifies an anonymous referrer, but keeps the note on anonymity', () => {
      const { value, errors } = validateContact(phone({ referrer: { kind: 'anonymous', name: 'Should go', phone: '01632 960 001' }, anonymityNote: 'Cannot be called back' }), { now, source: 'staff' });
      assert.deepEqual(errors, []);
      assert.deepEqual(value?.referrer, { kind: 'anonymous', name: null, role: null, organisation: null, phone: null, email: null, address: null, relationship: null });
      assert.equal(value?.anonymityNote, 'Cannot be called back');
    });
    it('drops an anonymity note for a named referrer', () => {
      assert.equal(validateContact(phone({ anonymityNote: 'n/a' }), { now, source: 'staff' }).value?.anonymityNote, null);
    });
    it('limits lengths', () => assert.deepEqual(fields(phone({ referrer: { kind: 'public', name: 'x'.repeat(101), phone: '01632 960 001' } })), ['referrer.name']));
  });

  describe('people', () => {
    it('needs at least one child the contact is about', () => {
      assert.deepEqual(fields(phone({ subjects: [] })), ['subjects']);
      assert.deepEqual(fields(phone({ subjects: [{ role: 'parent-carer', givenName: 'Jo' }] })), ['subjects[0].role']);
      assert.equal(messages(phone({ subjects: [] }))[0], 'Add at least one child the contact is about');
    });
    it('needs a role and a first or last name for each person', () => {
      assert.deepEqual(fields(phone({ subjects: [{ role: 'subject', givenName: 'Alex' }, { role: 'uncle', familyName: 'X' }, { role: 'witness' }] })), ['subjects[1].role', 'subjects[2].givenName']);
    });
    it('accepts every role', () => {
      for (const role of ['sibling', 'parent-carer', 'alleged-perpetrator', 'victim', 'witness', 'professional', 'other-adult']) {
        assert.deepEqual(fields(phone({ subjects: [{ role: 'subject', familyName: 'A' }, { role, familyName: 'B' }] })), [], role);
      }
    });
    it('checks the date of birth: real, not in the future, not before 1900', () => {
      const dob = (dateOfBirth: string | { day?: string; month?: string; year?: string }) =>
        fields(phone({ subjects: [{ role: 'subject', givenName: 'A', dateOfBirth }] }));
      assert.deepEqual(dob('2016-02-30'), ['subjects[0].dateOfBirth']);
      assert.deepEqual(dob('01/02/2016'), ['subjects[0].dateOfBirth']);
      assert.deepEqual(dob('2026-11-24'), ['subjects[0].dateOfBirth']);
      assert.deepEqual(dob('2026-11-23'), [], 'born today');
      assert.deepEqual(dob('1899-12-31'), ['subjects[0].dateOfBirth']);
      assert.deepEqual(dob({ day: '1', month: '13', year: '2016' }), ['subjects[0].dateOfBirth']);
      assert.deepEqual(dob({ day: '1', year: '2016' }), ['subjects[0].dateOfBirth']);
      assert.deepEqual(dob({}), []);
      assert.deepEqual(dob(''), []);
    });
    it('checks postcode, NHS number and sex', () => {
      assert.deepEqual(fields(phone({ subjects: [{ role: 'subject', givenName: 'A', postcode: 'nope', nhsNumber: '123', sex: 'x' }] })), ['subjects[0].sex', 'subjects[0].postcode', 'subjects[0].nhsNumber']);
      const { value } = validateContact(phone({ subjects: [{ role: 'subject', givenName: 'A', nhsNumber: '943 476 5919', sex: 'female' }] }), { now, source: 'staff' });
      assert.equal(value?.subjects[0].nhsNumber, '9434765919');
      assert.equal(value?.subjects[0].sex, 'female');
    });
    it('allows at most 20 people', () => {
      const many = Array.from({ length: 21 }, () => ({ role: 'subject', givenName: 'A' }));
      assert.deepEqual(fields(phone({ subjects: many })), ['subjects']);
    });
  });

  describe('the concern', () => {
    it('needs at least one known category and a summary', () => {
      assert.deepEqual(fields(phone({ concernCategories: [], concernSummary: '  ' })), ['concernCategories', 'concernSummary']);
      assert.deepEqual(fields(phone({ concernCategories: ['neglect', 'gossip'] })), ['concernCategories']);
    });
    it('removes repeated categories', () => {
      assert.deepEqual(validateContact(phone({ concernCategories: ['neglect', 'neglect', 'fgm'] }), { now, source: 'staff' }).value?.concernCategories, ['neglect', 'fgm']);
    });
    it('checks the answers about parents and the child', () => {
      assert.deepEqual(fields(phone({ parentsInformed: 'maybe', childSpokenTo: 'sometimes' })), ['parentsInformed', 'childSpokenTo']);
      const { value } = validateContact(phone({ parentsInformed: 'yes', childSpokenTo: 'no' }), { now, source: 'staff' });
      assert.equal(value?.parentsInformed, 'yes');
      assert.equal(value?.childSpokenTo, 'no');
    });
    it('limits the summary', () => assert.deepEqual(fields(phone({ concernSummary: 'x'.repeat(10_001) })), ['concernSummary']));
  });

  describe('written referral owed', () => {
    it('may be owed after a phone contact', () => assert.equal(validateContact(phone({ writtenReferralOwed: true }), { now, source: 'staff' }).value?.writtenReferralOwed, true));
  });

  it('refuses a consultation kind on another channel', () => assert.deepEqual(fields(phone({ consultationKind: 'scenario' })), ['consultationKind']));

  it('checks a submission key', () => {
    assert.deepEqual(fields(phone({ submissionKey: 'short' })), ['submissionKey']);
    assert.deepEqual(fields(phone({ submissionKey: 'abcdefghijklmnop_-12' })), []);
  });
});

describe('a consultation line call (C14)', () => {
  const consultation = (over: Partial<ContactInput> = {}) => phone({ channel: 'consultation-line', consultationKind: 'named-child', ...over });
  it('about a named child is a contact with its people', () => {
    const { value, errors } = validateContact(consultation({ consultationAdvice: 'Advised to refer' }), { now, source: 'staff' });
    assert.deepEqual(errors, []);
    assert.equal(value?.consultationKind, 'named-child');
    assert.equal(value?.consultationAdvice, 'Advised to refer');
  });
  it('needs its kind', () => assert.deepEqual(fields(consultation({ consultationKind: undefined })), ['consultationKind']));
  it('needs the caller’s details: a professional, never anonymous', () => {
    assert.deepEqual(fields(consultation({ referrer: { kind: 'anonymous' } })), ['referrer.kind']);
    assert.deepEqual(fields(consultation({ referrer: { kind: 'public', name: 'Jo', phone: '01632 960 001' } })), ['referrer.kind']);
  });
  it('as a scenario records no person, needs the advice given, and owes no written referral', () => {
    const scenario = consultation({ consultationKind: 'scenario', subjects: [], concernCategories: [], consultationAdvice: 'Explained the threshold document' });
    const { value, errors } = validateContact(scenario, { now, source: 'staff' });
    assert.deepEqual(errors, []);
    assert.deepEqual(value?.subjects, []);
    assert.deepEqual(fields({ ...scenario, subjects: [{ role: 'subject', givenName: 'A' }] }), ['subjects']);
    assert.deepEqual(fields({ ...scenario, consultationAdvice: '' }), ['consultationAdvice']);
    assert.deepEqual(fields({ ...scenario, writtenReferralOwed: true }), ['writtenReferralOwed']);
  });
});

describe('the public referral form', () => {
  const form = (over: Partial<ContactInput> = {}): ContactInput => ({
    channel: 'online-form',
    receivedAt: now.toISOString(),
    referrer: { kind: 'public', name: 'Jo Example', email: 'jo@example.com', relationship: 'Neighbour' },
    subjects: [{ givenName: 'Alex', school: 'Example Primary' }],
    concernSummary: 'Synthetic: heard shouting every night.',
    parentsInformed: 'no',
    childSpokenTo: 'not-known',
    submissionKey: 'k'.repeat(24),
    ...over,
  });
  it('accepts a referral with no categories; every person is a child the referral is about', () => {
    const { value, errors } = validateContact(form(), { now, source: 'public' });
    assert.deepEqual(errors, []);
    assert.equal(value?.subjects[0].role, 'subject');
    assert.deepEqual(value?.concernCategories, []);
    assert.equal(value?.referrer.relationship, 'Neighbour');
  });
  it('takes only the online form channel', () => assert.deepEqual(fields(form({ channel: 'phone' }), 'public'), ['channel']));
  it('asks outright about parents and the child', () => {
    assert.deepEqual(fields(form({ parentsInformed: undefined, childSpokenTo: '' }), 'public'), ['parentsInformed', 'childSpokenTo']);
    assert.equal(messages(form({ parentsInformed: undefined }), 'public')[0], 'Select whether you have told the child’s parents or carers');
  });
  it('needs at least one child, in words for the public', () => {
    assert.equal(messages(form({ subjects: [] }), 'public')[0], 'Enter the details of at least one child');
    assert.equal(messages(form({ subjects: [{}] }), 'public')[0], 'Enter a first name or last name for child 1');
  });
  it('lets the referrer stay anonymous', () => assert.deepEqual(fields(form({ referrer: { kind: 'anonymous' } }), 'public'), []));
  it('speaks to the referrer', () => {
    assert.deepEqual(messages(form({ referrer: { kind: 'public' }, concernSummary: '' }), 'public'), [
      'Enter your name',
      'Enter a telephone number or email address so that we can tell you what happens next',
      'Tell us what happened',
    ]);
    assert.equal(messages(form({ referrer: {} }), 'public')[0], 'Select who you are, or that you want to stay anonymous');
  });
  it('owes no written referral: it is one', () => assert.deepEqual(fields(form({ writtenReferralOwed: true }), 'public'), ['writtenReferralOwed']));
});
