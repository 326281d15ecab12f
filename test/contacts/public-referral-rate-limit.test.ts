import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PUBLIC_REFERRAL_RATE_LIMIT } from '../../src/features/contacts/web/public-referral-routes';
import { createTestContext, type TestContext } from '../harness';
import { WebClient } from '../support/web-client';

describe('the public referral form is rate-limited', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext();
  });
  after(async () => t.close());

  it(`the page allows ${PUBLIC_REFERRAL_RATE_LIMIT.max} posts from one address, then answers 429`, async () => {
    const visitor = new WebClient(t.app);
    await visitor.get('/refer');
    for (let i = 0; i < PUBLIC_REFERRAL_RATE_LIMIT.max; i++) {
      const res = await visitor.post('/refer', { concernSummary: 'x' });
      assert.equal(res.statusCode, 400, `post ${i + 1}`);
    }
    const limited = await visitor.post('/refer', { concernSummary: 'x' });
    assert.equal(limited.statusCode, 429);
    assert.match(limited.body, /Too many attempts/);
    // another address is not held up
    const elsewhere = await t.app.inject({ method: 'GET', url: '/refer', remoteAddress: '192.0.2.10' });
    assert.equal(elsewhere.statusCode, 200);
  });

  it('so does the API', async () => {
    let last = 0;
    for (let i = 0; i <= PUBLIC_REFERRAL_RATE_LIMIT.max; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/referrals', remoteAddress: '192.0.2.20', payload: { referrer: { kind: 'anonymous' }, subjects: [], concernSummary: '', parentsInformed: 'no', childSpokenTo: 'no' } });
      last = res.statusCode;
      if (i < PUBLIC_REFERRAL_RATE_LIMIT.max) assert.equal(res.statusCode, 400);
    }
    assert.equal(last, 429);
  });
});
