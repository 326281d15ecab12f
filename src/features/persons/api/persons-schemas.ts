import { Type } from '@sinclair/typebox';
import { CASE_STATUSES, type RoutingOutcome } from '../rules/link-routing';
import { RELATIONSHIP_KINDS } from '../rules/relationships';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Str = (maxLength: number, description?: string) => Type.String({ maxLength, ...(description ? { description } : {}) });
const Id = Type.String({ format: 'uuid' });
const Instant = Type.String({ format: 'date-time' });
const IsoDate = Type.String({ description: 'YYYY-MM-DD' });
const literalUnion = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

const Identifier = Type.Object({ source: Type.String({ description: "who issued it: 'la' (the local authority's ID), 'police', 'education', …" }), value: Type.String() });
const OtherName = Type.Object({ givenName: Type.Optional(Type.String()), familyName: Type.Optional(Type.String()) });
const CaseStatus = literalUnion(CASE_STATUSES);
const Band = Type.Union([Type.Literal('strong'), Type.Literal('possible'), Type.Literal('weak')]);

export const SearchBody = Type.Object(
  {
    givenName: Type.Optional(Str(100)),
    familyName: Type.Optional(Str(100)),
    dateOfBirth: Type.Optional(Str(10, 'YYYY-MM-DD or DD/MM/YYYY')),
    postcode: Type.Optional(Str(10, 'a full postcode, or its first part ("DE22")')),
    address: Type.Optional(Str(300)),
    nhsNumber: Type.Optional(Str(14)),
    laId: Type.Optional(Str(40, "the local authority's child or adult ID")),
    identifiers: Type.Optional(
      Type.Array(Type.Object({ source: Type.Optional(Str(30, 'leave out to match an ID from any agency')), value: Str(40) }, { additionalProperties: false }), { maxItems: 5 }),
    ),
    sex: Type.Optional(Type.Union([Type.Literal('female'), Type.Literal('male'), Type.Literal('unknown'), Type.Literal('')])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, description: 'candidates to return (10 unless given)' })),
  },
  { additionalProperties: false },
);

const PersonSummary = Type.Object({
  id: Id,
  givenName: Nullable(Type.String()),
  familyName: Nullable(Type.String()),
  otherNames: Type.Array(OtherName),
  dateOfBirth: Nullable(IsoDate),
  sex: Nullable(Type.String()),
  address: Nullable(Type.String()),
  postcode: Nullable(Type.String()),
  nhsNumber: Nullable(Type.String()),
  identifiers: Type.Array(Identifier),
  caseStatus: CaseStatus,
});

export const SearchResult = Type.Object({
  candidates: Type.Array(
    Type.Object({
      person: PersonSummary,
      score: Type.Integer({ description: '0-100, the same evidence for every search' }),
      band: Band,
      reasons: Type.Array(Type.Object({ code: Type.String(), text: Type.String(), weight: Type.Number({ description: 'score points, signed' }) })),
    }),
  ),
  candidateCount: Type.Integer({ description: 'persons that shared a block with the search' }),
  capped: Type.Boolean({ description: 'a great many persons shared a block; only those sharing the most were scored: add detail' }),
  broad: Type.Boolean({ description: 'too little to block on: a broad single-field search' }),
  thresholds: Type.Object({ strong: Type.Integer(), possible: Type.Integer() }),
});

const Brief = Type.Object({
  id: Id,
  givenName: Nullable(Type.String()),
  familyName: Nullable(Type.String()),
  dateOfBirth: Nullable(IsoDate),
  sex: Nullable(Type.String()),
  caseStatus: Type.String(),
  age: Type.Union([Type.Integer(), Type.Null()]),
});

export const Person = Type.Intersect([
  PersonSummary,
  Type.Object({
    version: Type.Integer(),
    age: Type.Union([Type.Integer(), Type.Null()]),
    origin: Type.Union([Type.Literal('front-door'), Type.Literal('import')]),
    allocatedWorker: Type.Union([Type.Object({ id: Id, name: Type.String() }), Type.Null()]),
    mergedInto: Nullable(Id),
    createdAt: Instant,
    relationships: Type.Array(Type.Object({ id: Id, kind: literalUnion(RELATIONSHIP_KINDS), words: Type.String({ description: 'what the other person is to this one' }), household: Type.Boolean(), other: Brief })),
    household: Type.Object({ children: Type.Array(Brief), adults: Type.Array(Brief), ageNotKnown: Type.Array(Brief) }),
    sameAddress: Type.Array(Brief),
    contacts: Type.Array(
      Type.Object({
        contactId: Id,
        subjectId: Id,
        reference: Type.String(),
        receivedAt: Instant,
        status: Type.String(),
        role: Type.String(),
        linkedAt: Type.Union([Instant, Type.Null()]),
        concernCategories: Type.Array(Type.String()),
      }),
    ),
    merges: Type.Array(
      Type.Object({
        id: Id,
        keptId: Id,
        keptName: Type.String(),
        duplicateId: Id,
        duplicateName: Type.String(),
        mergedAt: Instant,
        mergedBy: Type.String(),
        undoneAt: Type.Union([Instant, Type.Null()]),
        undoneBy: Nullable(Type.String()),
        canUndo: Type.Boolean(),
      }),
    ),
  }),
]);

const personFields = {
  givenName: Type.Optional(Nullable(Str(100))),
  familyName: Type.Optional(Nullable(Str(100))),
  otherNames: Type.Optional(Type.Array(Type.Object({ givenName: Type.Optional(Nullable(Str(100))), familyName: Type.Optional(Nullable(Str(100))) }, { additionalProperties: false }), { maxItems: 10 })),
  dateOfBirth: Type.Optional(Nullable(Str(10, 'YYYY-MM-DD'))),
  sex: Type.Optional(Nullable(Str(20, 'female, male or unknown'))),
  address: Type.Optional(Nullable(Str(300))),
  postcode: Type.Optional(Nullable(Str(10))),
  nhsNumber: Type.Optional(Nullable(Str(14))),
  identifiers: Type.Optional(Type.Array(Type.Object({ source: Str(30), value: Str(40) }, { additionalProperties: false }), { maxItems: 20 })),
  caseStatus: Type.Optional(CaseStatus),
  allocatedWorkerId: Type.Optional(Nullable(Type.String({ format: 'uuid', description: 'the social worker of an open case' }))),
};

export const PersonInput = Type.Object(personFields, { additionalProperties: false });
export const PersonUpdate = Type.Object(
  { ...personFields, version: Type.Integer({ minimum: 1, description: 'the version you read; a mismatch answers 409' }) },
  { additionalProperties: false },
);

export const RelationshipBody = Type.Object(
  {
    relatedPersonId: Type.String({ format: 'uuid' }),
    kind: literalUnion(RELATIONSHIP_KINDS),
    household: Type.Boolean({ description: 'they live in the same household' }),
  },
  { additionalProperties: false, description: '`kind` is what the related person is to this one (their parent, sibling, …)' },
);

export const LinkParams = Type.Object({ id: Type.String({ format: 'uuid' }), subjectId: Type.String({ format: 'uuid' }) });
export const RelationshipParams = Type.Object({ id: Type.String({ format: 'uuid' }), relationshipId: Type.String({ format: 'uuid' }) });

export const LinkBody = Type.Union([
  Type.Object({ personId: Type.String({ format: 'uuid', description: 'link to this person' }) }, { additionalProperties: false }),
  Type.Object({ newPerson: PersonInput }, { additionalProperties: false, description: 'create a new person from these details and link to them' }),
]);

const OUTCOMES: readonly RoutingOutcome[] = ['open-case-allocated', 'open-case-unallocated', 'attached-to-file', 'not-known', 'new-record'];
export const LinkResult = Type.Object({
  personId: Id,
  created: Type.Boolean(),
  outcome: literalUnion(OUTCOMES),
  text: Type.String(),
  alerts: Type.Integer(),
  lado: Type.Boolean({ description: 'the allegation against a professional goes to the LADO' }),
  ladoClockStarted: Type.Boolean({ description: 'the LADO clock started now (false when intake had started it)' }),
});

export const MergeBody = Type.Object(
  {
    duplicateId: Type.String({ format: 'uuid', description: 'the record merged into this one' }),
    version: Type.Integer({ minimum: 1, description: 'the version of this (kept) record you read' }),
    duplicateVersion: Type.Integer({ minimum: 1, description: 'the version of the duplicate you read' }),
  },
  { additionalProperties: false },
);

export const MergeResult = Type.Object({ mergeId: Id, person: Person });
export const UndoResult = Type.Object({ keptId: Id, duplicateId: Id, fieldsKept: Type.Array(Type.String(), { description: 'fields changed again since the merge, left as they are' }) });

export const ImportBody = Type.Object({ csv: Type.String({ maxLength: 3_000_000, description: 'the CSV file: a header row, then one person a row' }) }, { additionalProperties: false });
export const ImportReport = Type.Object({
  rows: Type.Integer(),
  imported: Type.Integer(),
  rejected: Type.Array(Type.Object({ line: Type.Integer(), reasons: Type.Array(Type.String()) })),
  ignoredColumns: Type.Array(Type.String()),
});
