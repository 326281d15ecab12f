import { Type } from '@sinclair/typebox';

/** RFC 9457 problem details, as every API error is answered. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    requestId: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), detail: Type.String() }))),
  },
  { $id: 'Problem' },
);

export const problemResponses = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
} as const;

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const VersionBody = { version: Type.Integer({ minimum: 1, description: 'the version you read; a mismatch answers 409' }) };
