import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext } from '../harness';

describe('platform smoke', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext();
  });
  after(async () => t.close());

  it('answers health with the backend named', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().status, 'ok');
    assert.equal(res.json().database, process.env.DATABASE_URL ? 'postgres' : 'pglite');
  });

  it('issues a token and says who you are', async () => {
    const res = await t.api('decision-maker', { method: 'GET', url: '/api/v1/me' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().role, 'decision-maker');
    assert.equal(res.json().hubId, t.hub.hubId);
  });
});
