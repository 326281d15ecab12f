import { Type, type TSchema } from '@sinclair/typebox';
import { RULE_KINDS } from '../../clocks/domain/clock-rules';
import { CONTACT_STATUSES } from '../domain/status';
import { QUEUES } from '../domain/queue';
import {
  ANSWERS,
  BRAGS,
  CLASSIFICATIONS,
  CONCERN_CATEGORIES,
  CONSULTATION_KINDS,
  CRIME_ANSWERS,
  REFERRER_KINDS,
  SEXES,
  STAFF_CHANNELS,
  SUBJECT_ROLES,
} from '../domain/vocabulary';

/** A string from a fixed list: one clear "must be equal to one of the allowed values" when wrong. */
const oneOf = <T extends string>(values: readonly T[], description?: string) => Type.Unsafe<T>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
const text = (maxLength: number, description?: string) => Type.String({ maxLength, ...(description ? { description } : {}) });
const opt = <T extends TSchema>(schema: T) => Type.Optional(schema);
const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const instant = (description?: string) => Type.String({ format: 'date-time', ...(description ? { description } : {}) });

export const SubjectInput = Type.Object(
  {
    role: oneOf(SUBJECT_ROLES, 'the person’s role in the contact; at least one `subject` (the child it is about)'),
    givenName: opt(text(200)),
    familyName: opt(text(200)),
    dateOfBirth: opt(text(10, 'YYYY-MM-DD')),
    sex: opt(oneOf(SEXES)),
    address: opt(text(1000)),
    postcode: opt(text(10)),
    school: opt(text(300)),
    nhsNumber: opt(text(12)),
  },
  { additionalProperties: false },
);

export const ReferrerInput = Type.Object(
  {
    kind: oneOf(REFERRER_KINDS),
    name: opt(text(200)),
    role: opt(text(300)),
    organisation: opt(text(300)),
    phone: opt(text(40)),
    email: opt(text(254)),
    address: opt(text(1000)),
    relationship: opt(text(300, 'a member of the public’s relationship to the child')),
  },
  { additionalProperties: false },
);

const contactFields = {
  receivedAt: instant('when the contact really arrived, with its offset (never in the future)'),
  referrer: ReferrerInput,
  anonymityNote: opt(text(4000, 'anonymous referrers only: whether anonymity affects how the contact can be handled')),
  subjects: Type.Array(SubjectInput, { maxItems: 20 }),
  concernCategories: Type.Array(oneOf(CONCERN_CATEGORIES), { maxItems: 20 }),
  concernSummary: text(20_000),
  parentsInformed: opt(oneOf(ANSWERS, 'did the referrer discuss it with the parents')),
  childSpokenTo: opt(oneOf(ANSWERS)),
  writtenReferralOwed: opt(Type.Boolean({ description: 'a written referral form is still owed (due within 24 hours)' })),
};

export const ContactInput = Type.Object(
  {
    channel: oneOf(STAFF_CHANNELS),
    ...contactFields,
    consultationKind: opt(oneOf(CONSULTATION_KINDS, 'consultation line calls only')),
    consultationAdvice: opt(text(20_000)),
  },
  { additionalProperties: false },
);

export const ConsultationInput = Type.Object(
  {
    ...contactFields,
    subjects: Type.Array(SubjectInput, { maxItems: 20, description: 'empty for a scenario consultation' }),
    consultationKind: oneOf(CONSULTATION_KINDS),
    consultationAdvice: opt(text(20_000, 'required for a scenario')),
  },
  { additionalProperties: false },
);

export const PublicReferralInput = Type.Object(
  {
    hubId: opt(Type.String({ format: 'uuid', description: 'from GET /api/v1/public/referral-areas; may be left out when there is only one' })),
    referrer: ReferrerInput,
    subjects: Type.Array(
      Type.Object(
        {
          givenName: opt(text(200)),
          familyName: opt(text(200)),
          dateOfBirth: opt(text(10, 'YYYY-MM-DD')),
          address: opt(text(1000)),
          postcode: opt(text(10)),
          school: opt(text(300)),
        },
        { additionalProperties: false },
      ),
      { maxItems: 20 },
    ),
    concernCategories: opt(Type.Array(oneOf(CONCERN_CATEGORIES), { maxItems: 20 })),
    concernSummary: text(20_000),
    parentsInformed: oneOf(ANSWERS),
    childSpokenTo: oneOf(ANSWERS),
    submissionKey: opt(Type.String({ minLength: 16, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$', description: 'idempotency key: a repeat with the same key returns the same reference' })),
  },
  { additionalProperties: false },
);

export const ScreeningInput = Type.Object(
  {
    classification: oneOf(CLASSIFICATIONS),
    thresholdLevel: text(60, 'one of the hub’s threshold levels (GET /api/v1/front-door/options)'),
    initialBrag: oneOf(BRAGS),
    bragRationale: text(10_000),
    policeCrimeSuspected: opt(oneOf(CRIME_ANSWERS)),
    policeReferredToCait: opt(nullable(Type.Boolean())),
    version: Type.Integer({ minimum: 1, description: 'the version you read; a mismatch answers 409' }),
  },
  { additionalProperties: false },
);

export const AllocationInput = Type.Object(
  {
    userId: nullable(Type.String({ format: 'uuid', description: 'a member of the front-door team; null to unallocate' })),
    version: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);

export const WrittenReferralInput = Type.Object(
  { receivedAt: instant('when the written referral arrived'), version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

export const Clock = Type.Object({
  type: Type.String(),
  label: Type.String(),
  rule: Type.String({ description: 'e.g. "1 working day"' }),
  startedAt: instant(),
  dueAt: instant('ISO 8601 instant'),
  state: Type.String({ description: 'on-track, due-soon, breached, met, met-late, paused or stopped' }),
  stateLabel: Type.String(),
  metAt: nullable(instant()),
  stoppedReason: nullable(Type.String()),
});

const PersonRef = Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String() });

export const ContactRecorded = Type.Object({
  id: Type.String({ format: 'uuid' }),
  reference: Type.String(),
  status: oneOf(CONTACT_STATUSES),
  outOfHours: Type.Boolean(),
  clocks: Type.Array(Clock),
});

export const Contact = Type.Object({
  id: Type.String({ format: 'uuid' }),
  hubId: Type.String({ format: 'uuid' }),
  reference: Type.String(),
  channel: Type.String(),
  receivedAt: instant(),
  outOfHours: Type.Boolean(),
  recordedAt: instant(),
  recordedBy: nullable(PersonRef),
  recordedByAgencyId: nullable(Type.String()),
  referrer: Type.Object({
    kind: Type.String(),
    name: nullable(Type.String()),
    role: nullable(Type.String()),
    organisation: nullable(Type.String()),
    phone: nullable(Type.String()),
    email: nullable(Type.String()),
    address: nullable(Type.String()),
    relationship: nullable(Type.String()),
  }),
  anonymityNote: nullable(Type.String()),
  subjects: Type.Array(
    Type.Object({
      id: Type.String({ format: 'uuid' }),
      position: Type.Integer(),
      role: Type.String(),
      givenName: nullable(Type.String()),
      familyName: nullable(Type.String()),
      dateOfBirth: nullable(Type.String()),
      sex: nullable(Type.String()),
      address: nullable(Type.String()),
      postcode: nullable(Type.String()),
      school: nullable(Type.String()),
      nhsNumber: nullable(Type.String()),
      personId: nullable(Type.String({ description: 'the person in the index; null until linked' })),
      linkedAt: nullable(instant()),
    }),
  ),
  concernCategories: Type.Array(Type.String()),
  concernSummary: Type.String(),
  parentsInformed: Type.String(),
  childSpokenTo: Type.String(),
  writtenReferralOwed: Type.Boolean(),
  writtenReferralReceivedAt: nullable(instant()),
  consultationKind: nullable(Type.String()),
  consultationAdvice: nullable(Type.String()),
  status: oneOf(CONTACT_STATUSES),
  screening: nullable(
    Type.Object({
      classification: Type.String(),
      thresholdLevel: Type.String(),
      initialBrag: Type.String(),
      bragRationale: Type.String(),
      policeCrimeSuspected: nullable(Type.String()),
      policeReferredToCait: nullable(Type.Boolean()),
      screenedAt: instant(),
      screenedBy: nullable(PersonRef),
      routing: Type.String(),
    }),
  ),
  allocatedTo: nullable(PersonRef),
  allocatedAt: nullable(instant()),
  ladoInvolved: Type.Boolean(),
  clocks: Type.Array(Clock),
  closedAt: nullable(instant()),
  version: Type.Integer(),
});

export const QueueParams = Type.Object({ queue: oneOf(QUEUES) });
export const QueueQuery = Type.Object(
  {
    agencyId: opt(Type.String({ format: 'uuid', description: 'queue "agency" only: the recording agency (yours by default)' })),
    page: opt(Type.Integer({ minimum: 0, maximum: 10_000 })),
  },
  { additionalProperties: false },
);

export const Queue = Type.Object({
  queue: Type.String(),
  agencyId: nullable(Type.String()),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  hasMore: Type.Boolean(),
  items: Type.Array(
    Type.Object({
      id: Type.String({ format: 'uuid' }),
      reference: Type.String(),
      channel: Type.String(),
      receivedAt: instant(),
      outOfHours: Type.Boolean(),
      status: Type.String(),
      initialBrag: nullable(Type.String()),
      allocatedTo: nullable(PersonRef),
      ladoInvolved: Type.Boolean(),
      children: Type.Array(Type.Object({ givenName: nullable(Type.String()), familyName: nullable(Type.String()), dateOfBirth: nullable(Type.String()) })),
      clocks: Type.Array(Clock),
      nextDueAt: nullable(instant('the earliest running clock')),
      breached: Type.Boolean(),
    }),
  ),
});

export const FrontDoorOptions = Type.Object({
  thresholds: Type.Array(Type.String()),
  agencies: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  workers: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), role: Type.String() })),
});

const RuleOut = Type.Object({ kind: Type.String(), n: opt(Type.Integer()) });
export const FrontDoorSettings = Type.Object({
  thresholds: Type.Array(Type.String()),
  referencePrefix: Type.String(),
  timescales: Type.Array(Type.Object({ type: Type.String(), rule: RuleOut, overridden: Type.Boolean() })),
  version: Type.Integer(),
});

export const FrontDoorSettingsInput = Type.Object(
  {
    thresholds: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 }),
    referencePrefix: Type.String({ maxLength: 20 }),
    timescales: Type.Record(
      Type.String(),
      Type.Object({ kind: Type.Unsafe<string>({ type: 'string', enum: ['default', ...RULE_KINDS] }), n: opt(nullable(Type.Integer())) }, { additionalProperties: false }),
      { description: 'per front-door clock (decision, brag-red, brag-amber, brag-green, brag-blue, written-referral, lado-allegation); kind "default" restores the default' },
    ),
    version: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);

export const ReferralAreas = Type.Array(Type.Object({ hubId: Type.String(), name: Type.String(), localAuthorities: Type.Array(Type.String()) }));
export const ReferralReceipt = Type.Object({ reference: Type.String(), repeated: Type.Boolean({ description: 'true when this submission key was seen before' }) });
