/** Pure rules of signing in: lock-out, session expiry, password strength. */

export interface LockoutPolicy {
  maxFailedSignIns: number;
  lockoutMinutes: number;
}

export const isLockedOut = (lockedUntil: Date | null, now: Date): boolean => lockedUntil !== null && lockedUntil > now;

/** After a failure: the new count, and the lock-out end when the limit is reached. */
export function afterFailedSignIn(failedSoFar: number, policy: LockoutPolicy, now: Date): { failed: number; lockedUntil: Date | null } {
  const failed = failedSoFar + 1;
  if (failed >= policy.maxFailedSignIns) {
    return { failed: 0, lockedUntil: new Date(now.getTime() + policy.lockoutMinutes * 60_000) };
  }
  return { failed, lockedUntil: null };
}

export interface SessionTimeouts {
  idleMinutes: number;
}

export type SessionValidity = 'valid' | 'idle-expired' | 'expired';

export function sessionValidity(session: { lastSeenAt: Date; expiresAt: Date }, timeouts: SessionTimeouts, now: Date): SessionValidity {
  if (session.expiresAt <= now) return 'expired';
  if (session.lastSeenAt.getTime() + timeouts.idleMinutes * 60_000 <= now.getTime()) return 'idle-expired';
  return 'valid';
}

/** Touch last-seen at most once a minute: every request writing a row would be waste. */
export const shouldTouchSession = (lastSeenAt: Date, now: Date): boolean => now.getTime() - lastSeenAt.getTime() > 60_000;

/** NCSC guidance: length over complexity rules; refuse the obviously weak. */
export function passwordProblems(password: string): string[] {
  const problems: string[] = [];
  if (password.length < 12) problems.push('Password must be at least 12 characters');
  if (password.length > 256) problems.push('Password must be 256 characters or fewer');
  if (/^(.)\1+$/.test(password)) problems.push('Password must not be one character repeated');
  if (/^(password|openmash|123456)/i.test(password)) problems.push('Password must not start with a common word or sequence');
  return problems;
}

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

export const isEmailAddress = (email: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && email.length <= 254;
