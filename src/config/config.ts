import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Env } from './env';

export interface Config {
  mode: 'production' | 'development' | 'test';
  port: number;
  host: string;
  /** folder of the embedded PGlite database; unused when databaseUrl is set */
  dataDir: string;
  /** PostgreSQL connection URL; when absent the embedded PGlite database is used */
  databaseUrl?: string;
  /** PostgreSQL schema to use (tests run one schema per run) */
  databaseSchema?: string;
  sessionSecret: string;
  sessionSecretIsDefault: boolean;
  /** password for demo users; generated and printed once when not set */
  demoPassword?: string;
  /** create the demo hub on an empty database (never in production) */
  loadDemo: boolean;
  /** production only: the operator accepts PGlite's risks (fsync off, one connection) */
  allowPglite: boolean;
  idleTimeoutMinutes: number;
  absoluteTimeoutHours: number;
  apiTokenMinutes: number;
  maxFailedSignIns: number;
  lockoutMinutes: number;
  /** require TOTP for every user; always true in production */
  requireTotp: boolean;
  logLevel: string;
  /** trust X-Forwarded-For from a load balancer */
  trustProxy: boolean;
  smtpUrl?: string;
  mailFrom: string;
  /** run in-process jobs (deadline warnings, outbox) */
  runJobs: boolean;
}

export const DEFAULT_SESSION_SECRET = 'openmash-development-secret-change-me';

export class ConfigError extends Error {}

const int = (env: Env, name: string, fallback: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  return n;
};

const bool = (env: Env, name: string, fallback: boolean): boolean => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
};

export function loadConfig(env: Env): Config {
  const mode = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const sessionSecret = env.SESSION_SECRET ?? (mode === 'production' ? DEFAULT_SESSION_SECRET : randomBytes(32).toString('hex'));
  const config: Config = {
    mode,
    port: int(env, 'PORT', 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    databaseSchema: env.DATABASE_SCHEMA || undefined,
    sessionSecret,
    sessionSecretIsDefault: sessionSecret === DEFAULT_SESSION_SECRET,
    demoPassword: env.OPENMASH_DEMO_PASSWORD || undefined,
    loadDemo: bool(env, 'OPENMASH_DEMO', mode !== 'production'),
    allowPglite: bool(env, 'OPENMASH_ALLOW_PGLITE', false),
    idleTimeoutMinutes: int(env, 'SESSION_IDLE_MINUTES', 30),
    absoluteTimeoutHours: int(env, 'SESSION_ABSOLUTE_HOURS', 12),
    apiTokenMinutes: int(env, 'API_TOKEN_MINUTES', 15),
    maxFailedSignIns: int(env, 'MAX_FAILED_SIGN_INS', 5),
    lockoutMinutes: int(env, 'LOCKOUT_MINUTES', 15),
    requireTotp: mode === 'production' || bool(env, 'REQUIRE_TOTP', false),
    logLevel: env.LOG_LEVEL ?? (mode === 'test' ? 'silent' : 'info'),
    trustProxy: bool(env, 'TRUST_PROXY', false),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'openmash@localhost',
    runJobs: bool(env, 'OPENMASH_JOBS', true),
  };
  assertSafeForProduction(config);
  return config;
}

/** Production mode refuses to start with settings that would put children's data at risk. */
export function assertSafeForProduction(config: Config): void {
  if (config.mode !== 'production') return;
  const problems: string[] = [];
  if (config.sessionSecretIsDefault || config.sessionSecret.length < 32) {
    problems.push('SESSION_SECRET must be set to a random value of at least 32 characters');
  }
  if (config.loadDemo) problems.push('OPENMASH_DEMO must not be enabled: demo data and demo passwords are not allowed');
  if (config.demoPassword) problems.push('OPENMASH_DEMO_PASSWORD must not be set in production');
  if (!config.databaseUrl && !config.allowPglite) {
    problems.push('DATABASE_URL must point at PostgreSQL; the embedded PGlite database runs with fsync off. Set OPENMASH_ALLOW_PGLITE=true only if you accept that risk');
  }
  if (problems.length > 0) {
    throw new ConfigError(`Refusing to start in production mode:\n - ${problems.join('\n - ')}`);
  }
}
