import * as OTPAuth from 'otpauth';

const totpFor = (secret: string, label = 'OpenMASH') =>
  new OTPAuth.TOTP({ issuer: 'OpenMASH', label, algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secret) });

export const newTotpSecret = (): string => new OTPAuth.Secret({ size: 20 }).base32;

/** Accepts the code of the current 30-second step and one step either side (clock drift). */
export function verifyTotp(secret: string, code: string, now: Date): boolean {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return false;
  return totpFor(secret).validate({ token, timestamp: now.getTime(), window: 1 }) !== null;
}

export const totpCode = (secret: string, now: Date): string => totpFor(secret).generate({ timestamp: now.getTime() });

export const totpUri = (secret: string, label: string): string => totpFor(secret, label).toString();
