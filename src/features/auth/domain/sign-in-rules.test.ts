import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { afterFailedSignIn, isLockedOut, passwordProblems, sessionValidity, shouldTouchSession } from './sign-in-rules';

const at = (iso: string) => new Date(iso);

describe('lock-out after repeated failures', () => {
  const policy = { maxFailedSignIns: 5, lockoutMinutes: 15 };
  it('counts failures below the limit without locking', () => {
    assert.deepEqual(afterFailedSignIn(3, policy, at('2026-11-23T10:00:00Z')), { failed: 4, lockedUntil: null });
  });
  it('locks for the lock-out time at the fifth failure and resets the count', () => {
    const result = afterFailedSignIn(4, policy, at('2026-11-23T10:00:00Z'));
    assert.equal(result.failed, 0);
    assert.equal(result.lockedUntil?.toISOString(), '2026-11-23T10:15:00.000Z');
  });
  it('is locked until the end time, and free after it', () => {
    const until = at('2026-11-23T10:15:00Z');
    assert.equal(isLockedOut(until, at('2026-11-23T10:14:59Z')), true);
    assert.equal(isLockedOut(until, at('2026-11-23T10:15:00Z')), false);
    assert.equal(isLockedOut(null, at('2026-11-23T10:15:00Z')), false);
  });
});

describe('session time-outs', () => {
  const timeouts = { idleMinutes: 30 };
  const session = { lastSeenAt: at('2026-11-23T10:00:00Z'), expiresAt: at('2026-11-23T22:00:00Z') };
  it('is valid within the idle time', () => {
    assert.equal(sessionValidity(session, timeouts, at('2026-11-23T10:29:59Z')), 'valid');
  });
  it('expires after 30 idle minutes', () => {
    assert.equal(sessionValidity(session, timeouts, at('2026-11-23T10:30:00Z')), 'idle-expired');
  });
  it('expires at the absolute limit even when active', () => {
    assert.equal(sessionValidity({ ...session, lastSeenAt: at('2026-11-23T21:59:00Z') }, timeouts, at('2026-11-23T22:00:00Z')), 'expired');
  });
  it('touches the session at most once a minute', () => {
    assert.equal(shouldTouchSession(at('2026-11-23T10:00:00Z'), at('2026-11-23T10:00:30Z')), false);
    assert.equal(shouldTouchSession(at('2026-11-23T10:00:00Z'), at('2026-11-23T10:01:01Z')), true);
  });
});

describe('password strength', () => {
  it('accepts a long passphrase', () => assert.deepEqual(passwordProblems('correct horse battery staple'), []));
  it('refuses short and common passwords', () => {
    assert.ok(passwordProblems('short').length > 0);
    assert.ok(passwordProblems('password12345').length > 0);
    assert.ok(passwordProblems('aaaaaaaaaaaaaa').length > 0);
  });
});
