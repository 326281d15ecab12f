/**
 * JSON shapes of the MASH checks API. Responses are serialised through these schemas, so a
 * property the schema does not name is never sent: the views already hold only what visibility.ts
 * allows, and the schemas are a second wall (an agency-level subject has no role in the contact).
 */
import { Type } from '@sinclair/typebox';

// no NUL characters: PostgreSQL text and jsonb cannot hold them
const Str = (max = 20_000) => Type.String({ maxLength: max, pattern: '^[^\\u0000]*$' });
const Id = Type.String({ maxLength: 36 });
const DateTime = Type.String({ format: 'date-time' });
const Brag = Type.Union([Type.Literal('blue'), Type.Literal('red'), Type.Literal('amber'), Type.Literal('green')]);
const EnquiryStatus = Type.Union(['sent', 'acknowledged', 'responded', 'supplemented', 'closed', 'withdrawn'].map((s) => Type.Literal(s)));

// --- requests in ---

export const ShareChecklistBody = Type.Object(
  {
    when: Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 3 }), { description: '003 "When?" answers by question id (yes/no); "consent" is answered from the records' }),
    checklist: Type.Record(
      Type.String({ maxLength: 40 }),
      Type.Object({ answer: Type.Optional(Str(40)), detail: Type.Optional(Str(5_000)) }, { additionalProperties: false }),
      { description: '001 App. D answers by question id' },
    ),
    legalBases: Type.Array(Str(40), { maxItems: 20, description: 'LEGAL_BASES codes' }),
  },
  { additionalProperties: false },
);

const CapacityBody = Type.Object(
  {
    status: Type.Union([Type.Literal('assumed'), Type.Literal('in-doubt-not-assessed'), Type.Literal('has-capacity'), Type.Literal('lacks-capacity')]),
    reasonNotAssessed: Type.Optional(Str(5_000)),
    decision: Type.Optional(Str(500)),
    assessedBy: Type.Optional(Str(200)),
    assessedAt: Type.Optional(Str(40)),
    impairment: Type.Optional(Str(5_000)),
    reasons: Type.Optional(Type.Array(Str(40), { maxItems: 4 })),
    bestInterests: Type.Optional(Str(5_000)),
  },
  { additionalProperties: false },
);

export const ConsentBody = Type.Object(
  {
    subjectId: Id,
    answer: Str(20),
    soughtFrom: Type.Optional(Type.Object({ kind: Str(40), names: Type.Array(Str(200), { maxItems: 10 }), description: Type.Optional(Str(500)) }, { additionalProperties: false })),
    soughtAt: Type.Optional(Type.String({ maxLength: 40, description: 'ISO 8601 instant' })),
    notSoughtReasons: Type.Optional(Type.Array(Str(40), { maxItems: 10 })),
    rationale: Type.Optional(Str(10_000)),
    capacity: Type.Optional(CapacityBody),
    scope: Str(500),
  },
  { additionalProperties: false },
);

export const WithdrawConsentBody = Type.Object({ receivedByAgencyId: Id, version: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false });

export const OverrideBody = Type.Object(
  {
    subjectIds: Type.Array(Id, { maxItems: 50 }),
    scope: Str(500),
    criteria: Type.Array(Str(60), { maxItems: 10 }),
    proportionality: Type.Record(Type.String({ maxLength: 60 }), Type.Object({ answer: Type.Optional(Str(3)), detail: Type.Optional(Str(5_000)) }, { additionalProperties: false })),
    justification: Str(10_000),
    confidenceHolderViews: Type.Optional(Type.Array(Type.Object({ agencyId: Id, views: Str(5_000) }, { additionalProperties: false }), { maxItems: 20 })),
    confirmed: Type.Boolean({ description: 'the decision maker authorises ("signs") the override' }),
  },
  { additionalProperties: false },
);

export const SendBody = Type.Object(
  {
    agencyIds: Type.Array(Id, { maxItems: 30 }),
    subjectIds: Type.Array(Id, { maxItems: 50 }),
    question: Str(5_000),
    reason: Str(5_000),
    share: ShareChecklistBody,
    rationale: Str(10_000),
  },
  { additionalProperties: false },
);

export const NotShareBody = Type.Object(
  {
    agencyId: Type.Optional(Id),
    recipientName: Type.Optional(Str(200)),
    subjectIds: Type.Array(Id, { maxItems: 50 }),
    what: Str(1_000),
    purpose: Str(1_000),
    share: ShareChecklistBody,
    rationale: Str(10_000),
  },
  { additionalProperties: false },
);

const ItemBody = Type.Object(
  { kind: Str(20), text: Str(20_000), heldBack: Type.Optional(Type.Boolean()), heldBackReason: Type.Optional(Str(5_000)) },
  { additionalProperties: false },
);

export const ResponseBodySchema = Type.Object(
  {
    noInformationHeld: Type.Boolean(),
    agencyBrag: Type.Optional(Str(10)),
    items: Type.Array(ItemBody, { maxItems: 50 }),
    version: Type.Optional(Type.Integer({ minimum: 1, description: 'the version you read; a mismatch answers 409' })),
  },
  { additionalProperties: false },
);

export const AdditionBodySchema = Type.Object(
  { items: Type.Array(ItemBody, { maxItems: 50 }), agencyBrag: Type.Optional(Str(10)), version: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);

export const WithdrawEnquiryBody = Type.Object({ reason: Str(5_000), version: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false });
export const VersionOnlyBody = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false });

// --- views out ---

const Item = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  text: Type.String(),
  heldBack: Type.Boolean(),
  heldBackReason: Type.Optional(Type.String()),
  addedAt: DateTime,
  later: Type.Boolean(),
});

const answered = {
  enquiryId: Type.String(),
  agencyId: Type.String(),
  agencyName: Type.String(),
  respondedAt: DateTime,
};

export const ResponseView = Type.Union(
  [
    Type.Object({ level: Type.Literal('none') }),
    Type.Object({ level: Type.Literal('status'), ...answered }),
    Type.Object({ level: Type.Literal('shared'), ...answered, noInformationHeld: Type.Boolean(), agencyBrag: Type.Optional(Brag), items: Type.Array(Item), signpost: Type.Optional(Type.String()) }),
    Type.Object({ level: Type.Literal('full'), ...answered, noInformationHeld: Type.Boolean(), agencyBrag: Type.Optional(Brag), items: Type.Array(Item) }),
  ],
  { description: 'visibility.ts: none | status | shared (held-back parts sign-posted, not shown) | full (held-back parts marked)' },
);

const Household = Type.Object({ name: Type.String(), dateOfBirth: Type.Optional(Type.String()), relationship: Type.String() });
const minimalSubject = { personId: Type.String(), name: Type.String(), dateOfBirth: Type.Optional(Type.String()), address: Type.Optional(Type.String()), household: Type.Array(Household) };
const Request = Type.Object({
  question: Type.String(),
  reason: Type.String(),
  consent: Type.Object({ basis: Type.Union([Type.Literal('consent'), Type.Literal('override')]), consentIds: Type.Array(Type.String()), overrideId: Type.Optional(Type.String()) }),
});
const sentFacts = { id: Type.String(), agencyId: Type.String(), agencyName: Type.String(), status: EnquiryStatus, sentAt: DateTime, dueAt: DateTime };

export const EnquiryView = Type.Union([
  Type.Object({ level: Type.Literal('summary'), ...sentFacts, contactId: Type.String() }),
  Type.Object({ level: Type.Literal('agency'), ...sentFacts, brag: Brag, subjects: Type.Array(Type.Object(minimalSubject)), request: Request, response: ResponseView }),
  Type.Object({
    level: Type.Literal('full'),
    ...sentFacts,
    contactId: Type.String(),
    sentBy: Type.String(),
    brag: Brag,
    subjects: Type.Array(Type.Object({ ...minimalSubject, roleInContact: Type.Optional(Type.String()) })),
    request: Request,
    response: ResponseView,
  }),
]);

export const EnquiryList = Type.Object({
  agencyName: Type.String(),
  entries: Type.Array(Type.Object({ view: EnquiryView, overdue: Type.Boolean(), contactReference: Type.Optional(Type.String()) })),
});

export const EnquiryDetail = Type.Object({
  view: EnquiryView,
  overdue: Type.Boolean(),
  version: Type.Integer(),
  actions: Type.Object({ acknowledge: Type.Boolean(), respond: Type.Boolean(), add: Type.Boolean(), withdraw: Type.Boolean() }),
  consentWithdrawnFor: Type.Array(Type.String()),
  events: Type.Array(Type.Object({ type: Type.String(), status: Type.String(), at: DateTime, byName: Type.String() })),
});

export const ContactResponses = Type.Array(
  Type.Object({
    enquiryId: Type.String(),
    agencyId: Type.String(),
    agencyName: Type.String(),
    status: EnquiryStatus,
    sentAt: DateTime,
    dueAt: DateTime,
    overdue: Type.Boolean(),
    response: ResponseView,
  }),
);

const Consent = Type.Object({
  id: Type.String(),
  status: Type.String(),
  subjectIsAdult: Type.Boolean(),
  scope: Type.String(),
  soughtFrom: Type.Optional(Type.Object({ kind: Type.String(), names: Type.Array(Type.String()), description: Type.Optional(Type.String()) })),
  soughtAt: Type.Optional(DateTime),
  notSoughtReasons: Type.Optional(Type.Array(Type.String())),
  rationale: Type.Optional(Type.String()),
  capacity: Type.Optional(Type.Object({ status: Type.String() }, { additionalProperties: true })),
  recordedAt: DateTime,
  recordedByName: Type.String(),
  withdrawnAt: Type.Optional(DateTime),
  version: Type.Integer(),
});

export const ChecksOverview = Type.Object({
  contact: Type.Object({ id: Type.String(), reference: Type.String(), status: Type.String(), initialBrag: Type.Union([Brag, Type.Null()]), receivedAt: DateTime, version: Type.Integer() }),
  people: Type.Array(
    Type.Object({
      id: Type.String(),
      personId: Type.Union([Type.String(), Type.Null()]),
      name: Type.String(),
      role: Type.String(),
      roleLabel: Type.String(),
      dateOfBirth: Type.Union([Type.String(), Type.Null()]),
      address: Type.Union([Type.String(), Type.Null()]),
      isAdult: Type.Boolean(),
      consent: Type.Optional(Consent),
      history: Type.Integer(),
      needsOverride: Type.Boolean(),
      coveredByOverride: Type.Boolean(),
    }),
  ),
  overrides: Type.Array(
    Type.Object({
      id: Type.String(),
      personIds: Type.Array(Type.String()),
      subjectNames: Type.Array(Type.String()),
      consentPosition: Type.String(),
      scope: Type.String(),
      criteria: Type.Array(Type.String()),
      proportionality: Type.Record(Type.String(), Type.Object({ answer: Type.Optional(Type.String()), detail: Type.Optional(Type.String()) })),
      justification: Type.String(),
      authorisedByName: Type.String(),
      authorisedAt: DateTime,
    }),
  ),
  enquiries: Type.Array(Type.Object({ view: EnquiryView, overdue: Type.Boolean(), version: Type.Integer() })),
  shareDecisions: Type.Array(
    Type.Object({
      id: Type.String(),
      decision: Type.String(),
      enquiryId: Type.Union([Type.String(), Type.Null()]),
      recipientName: Type.String(),
      what: Type.String(),
      purpose: Type.String(),
      legalBases: Type.Array(Type.String()),
      route: Type.String(),
      conditions: Type.Array(Type.String()),
      rationale: Type.String(),
      decidedAt: DateTime,
      decidedByName: Type.String(),
      disclosureId: Type.String(),
    }),
  ),
  withdrawalTasks: Type.Array(Type.Object({ id: Type.String(), subjectName: Type.String(), recipientName: Type.String(), raisedAt: DateTime, completedAt: Type.Union([DateTime, Type.Null()]) })),
  agencies: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), requestable: Type.Boolean(), reasonNot: Type.Optional(Type.String()), hasOpenRequest: Type.Boolean() })),
  can: Type.Object({ recordConsent: Type.Boolean(), override: Type.Boolean(), send: Type.Boolean(), recordNotShare: Type.Boolean() }),
});
