/**
 * Bodies for the access matrix's writes. An API body is built from the route's own OpenAPI
 * schema so that it passes the schema (Fastify validates before any access check runs) but
 * fails the service's own validation: empty texts and lists, and a version nobody has read
 * (999999). So an allowed write answers 400, 409 or 422 and changes nothing, and only access can
 * turn it into 401, 403 or 404. A page form is empty but for that version: pages pass the form
 * to the same services.
 */
import { randomUUID } from 'node:crypto';

type Schema = {
  type?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minItems?: number;
  minLength?: number;
  minimum?: number;
};

export const UNREAD_VERSION = 999_999;

/** A value that passes `schema` and carries as little as it can. */
export function sampleOf(schema: Schema | undefined, key = ''): unknown {
  if (!schema) return undefined;
  if (schema.anyOf) return sampleOf(schema.anyOf[0], key);
  if (schema.oneOf) return sampleOf(schema.oneOf[0], key);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => sampleOf(s, key) as object));
  if ('const' in schema) return schema.const;
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, p] of Object.entries(schema.properties ?? {})) {
        // the version is sent even where optional, so that a write that is let through conflicts
        if ((schema.required ?? []).includes(k) || k === 'version') out[k] = sampleOf(p, k);
      }
      return out;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sampleOf(schema.items));
    case 'string':
      if (schema.format === 'uuid') return randomUUID();
      if (schema.format === 'date-time') return new Date().toISOString();
      if (schema.format === 'date') return '2020-01-01';
      return 'x'.repeat(schema.minLength ?? 0);
    case 'integer':
    case 'number':
      return key === 'version' ? UNREAD_VERSION : schema.minimum ?? 1;
    case 'boolean':
      return false;
    default:
      return undefined;
  }
}

interface OpenApi {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
}

/** `METHOD /api/v1/x/:id` → the request body schema the API documents for it. */
export function requestSchemas(doc: OpenApi): Map<string, Schema> {
  const out = new Map<string, Schema>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const schema = op.requestBody?.content?.['application/json']?.schema;
      if (schema) out.set(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`, schema);
    }
  }
  return out;
}

/** A page form: only the unread version, and what a page checks before it calls the service. */
export function formFor(path: string): Record<string, string> {
  const form: Record<string, string> = { version: String(UNREAD_VERSION) };
  // the answer page refuses an empty "do you hold information?" itself, before asking the service
  if (path.endsWith('/respond')) form.informationHeld = 'no';
  return form;
}
