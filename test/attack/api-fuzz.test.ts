import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { Role } from '../../src/platform/access/roles';
import { createTestContext, type TestContext } from '../harness';
import { WebClient } from '../support/web-client';

/**
 * Fuzzes every API route from its OpenAPI schema with malformed and hostile input: SQL
 * fragments, script tags, huge strings, wrong types, unicode. Expects 0 server errors, and that
 * no script stored through the API comes back unescaped in a page.
 */
const HOSTILE_STRINGS = [
  "' OR 1=1 --",
  "'; drop table contact; --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '{{ 7*7 }}',
  '${7*7}',
  '\u0000',
  '\u202e\u0644\u0644',
  '😀'.repeat(50),
  'x'.repeat(100_000),
  '../../../../etc/passwd',
  '%00',
  'NaN',
  '-1',
  '00000000-0000-0000-0000-000000000000',
];
const HOSTILE_VALUES: unknown[] = [...HOSTILE_STRINGS, null, true, 0, -1, 1e308, [], {}, [1, 2], { $ne: 1 }];

interface Operation {
  method: string;
  path: string;
  schema: Record<string, unknown>;
}

function operations(doc: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, schema] of Object.entries(methods)) {
      if (['get', 'post', 'put', 'patch', 'delete'].includes(method)) ops.push({ method: method.toUpperCase(), path, schema });
    }
  }
  return ops;
}

/** A body shaped like the schema, with one field replaced by a hostile value. */
function bodiesFor(schema: Record<string, unknown> | undefined): unknown[] {
  const bodies: unknown[] = [undefined, 'not json', [], HOSTILE_STRINGS[2]];
  const props = collectProperties(schema);
  const base: Record<string, unknown> = {};
  for (const [k, p] of Object.entries(props)) base[k] = sampleFor(p);
  bodies.push(base);
  for (const key of Object.keys(props)) {
    for (const value of HOSTILE_VALUES) bodies.push({ ...base, [key]: value });
  }
  return bodies;
}

function collectProperties(schema: Record<string, unknown> | undefined): Record<string, Record<string, unknown>> {
  if (!schema) return {};
  const all = (schema.allOf as Record<string, unknown>[] | undefined) ?? [];
  const own = (schema.properties as Record<string, Record<string, unknown>> | undefined) ?? {};
  return Object.assign({}, own, ...all.map((s) => collectProperties(s)));
}

function sampleFor(p: Record<string, unknown>): unknown {
  switch (p.type) {
    case 'string':
      return p.format === 'uuid' ? '00000000-0000-4000-8000-000000000000' : p.format === 'date' ? '2020-01-01' : p.format === 'date-time' ? '2026-01-01T10:00:00Z' : 'synthetic';
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      return 'synthetic';
  }
}

describe('API fuzzing from the OpenAPI schema', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext();
  });
  after(async () => t.close());

  it('answers every hostile request without a server error', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const ops = operations(doc);
    const roles: Role[] = ['admin', 'decision-maker', 'mso', 'police', 'auditor'];
    let requests = 0;
    const failures: string[] = [];
    for (const op of ops) {
      const body = (op.schema.requestBody as { content?: Record<string, { schema?: Record<string, unknown> }> } | undefined)?.content?.['application/json']?.schema;
      const pathValues = ['00000000-0000-4000-8000-000000000000', "1' OR '1'='1", '<script>', 'x'.repeat(300), '%F0%9F%98%80'];
      for (const role of roles) {
        for (const idValue of pathValues) {
          const url = op.path.replace(/\{[^}]+\}/g, encodeURIComponent(idValue));
          // every hostile body for the first role and path value; a well-formed body for the rest (bounded run time)
          const all = op.method === 'GET' || op.method === 'DELETE' ? [undefined] : bodiesFor(body);
          const payloads = role === roles[0] && idValue === pathValues[0] ? all : all.slice(0, 5);
          for (const payload of payloads) {
            const query = op.method === 'GET' ? `?${new URLSearchParams({ recordId: "' OR 1=1 --", q: '<script>', limit: '-1', before: 'NaN' })}` : '';
            const res = await t.api(role, {
              method: op.method as 'GET',
              url: url + query,
              ...(payload === undefined ? {} : typeof payload === 'string' ? { payload, headers: { 'content-type': 'application/json' } } : { payload: payload as object }),
            });
            requests += 1;
            if (res.statusCode >= 500) failures.push(`${op.method} ${op.path} as ${role}: ${res.statusCode} ${res.body.slice(0, 200)}`);
            else if (res.statusCode >= 400) {
              assert.match(String(res.headers["content-type"]), /application\/problem\+json/, `${op.method} ${url} ${res.statusCode} ${String(res.headers["content-type"])} ${res.body.slice(0, 120)}`);
            }
          }
          if (!op.path.includes('{')) break; // no path parameter: one pass is enough
        }
      }
    }
    console.log(`api fuzz: ${ops.length} operations, ${requests} requests, ${failures.length} server errors`);
    assert.deepEqual(failures, []);
  });

  it('random JSON bodies never cause a server error (property)', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const writes = operations(doc).filter((o) => o.method !== 'GET' && !o.path.includes('{') && !o.path.includes('/auth/'));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...writes), fc.jsonValue({ maxDepth: 3 }), async (op, body) => {
        const res = await t.api('admin', { method: op.method as 'POST', url: op.path, payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
        return res.statusCode < 500;
      }),
      { numRuns: 300 },
    );
  });

  it('a script stored through the API is rendered escaped in pages', async () => {
    const script = '<script>alert("stored")</script>';
    const created = await t.api('admin', {
      method: 'POST',
      url: '/api/v1/agencies',
      payload: { name: `Agency ${script}`, type: 'voluntary', secureEmailDomains: [], agreementStatus: 'active' },
    });
    assert.equal(created.statusCode, 201);
    const admin = await WebClient.signedInAs(t, 'admin');
    const html = (await admin.get('/admin/agencies')).body;
    assert.ok(!html.includes(script), 'the raw script tag must not appear');
    assert.ok(html.includes('&lt;script&gt;'), 'the text is shown escaped');
  });
});
