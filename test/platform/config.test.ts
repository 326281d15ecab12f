import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, DEFAULT_SESSION_SECRET, loadConfig } from '../../src/config/config';
import { runCli } from './support/cli';

const STRONG_SECRET = 'a-synthetic-session-secret-of-more-than-32-characters';
/** what an operator sets for a sound production start */
const PRODUCTION = { NODE_ENV: 'production', SESSION_SECRET: STRONG_SECRET, DATABASE_URL: 'postgres://openmash@db.example.invalid:5432/openmash' };

/** The message of the ConfigError that loadConfig throws for this environment. */
function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `a ConfigError, not ${String(error)}`);
    return error.message;
  }
  assert.fail(`expected production mode to refuse ${JSON.stringify(env)}`);
}

describe('configuration', () => {
  describe('production mode refuses to start with unsafe settings', () => {
    it('starts with a strong secret and PostgreSQL, and then always requires a second factor', () => {
      const config = loadConfig({ ...PRODUCTION, REQUIRE_TOTP: 'false' });
      assert.equal(config.mode, 'production');
      assert.equal(config.requireTotp, true, 'REQUIRE_TOTP=false cannot switch it off');
      assert.equal(config.loadDemo, false, 'no demo data by default');
      assert.equal(config.sessionSecretIsDefault, false);
    });

    it('refuses the default session secret, or none', () => {
      const message = refusal({ ...PRODUCTION, SESSION_SECRET: DEFAULT_SESSION_SECRET });
      assert.match(message, /^Refusing to start in production mode:/);
      assert.match(message, /SESSION_SECRET must be set to a random value of at least 32 characters/);
      const { SESSION_SECRET: _unused, ...withoutSecret } = PRODUCTION;
      assert.match(refusal(withoutSecret), /SESSION_SECRET must be set/);
    });

    it('refuses a short session secret', () => {
      assert.match(refusal({ ...PRODUCTION, SESSION_SECRET: 'too-short-a-secret' }), /SESSION_SECRET must be set to a random value of at least 32 characters/);
    });

    it('refuses demo data and a demo password', () => {
      assert.match(refusal({ ...PRODUCTION, OPENMASH_DEMO: 'true' }), /OPENMASH_DEMO must not be enabled: demo data and demo passwords are not allowed/);
      assert.match(refusal({ ...PRODUCTION, OPENMASH_DEMO_PASSWORD: 'synthetic-demo-password' }), /OPENMASH_DEMO_PASSWORD must not be set in production/);
    });

    it('refuses the embedded database unless the operator accepts the risk', () => {
      const { DATABASE_URL: _unused, ...withoutDatabase } = PRODUCTION;
      const message = refusal(withoutDatabase);
      assert.match(message, /DATABASE_URL must point at PostgreSQL/);
      assert.match(message, /OPENMASH_ALLOW_PGLITE=true only if you accept that risk/);
      const accepted = loadConfig({ ...withoutDatabase, OPENMASH_ALLOW_PGLITE: 'true' });
      assert.equal(accepted.allowPglite, true);
      assert.equal(accepted.databaseUrl, undefined);
    });

    it('lists every problem at once, one per line', () => {
      const message = refusal({ NODE_ENV: 'production', OPENMASH_DEMO: 'true' });
      const lines = message.split('\n').filter((l) => l.startsWith(' - '));
      assert.equal(lines.length, 3, message);
    });

    it('`openmash serve` exits non-zero with the message, before opening anything', async () => {
      const res = await runCli(['serve'], { NODE_ENV: 'production', PORT: '0' });
      assert.notEqual(res.code, 0);
      assert.match(res.stderr, /Refusing to start in production mode/);
      assert.match(res.stderr, /SESSION_SECRET/);
      assert.doesNotMatch(res.stdout, /OpenMASH is serving/);
    });
  });

  describe('development defaults', () => {
    it('runs with nothing set: embedded database in ./data, demo hub, generated secret', () => {
      const config = loadConfig({});
      assert.equal(config.mode, 'development');
      assert.equal(config.port, 3000);
      assert.equal(config.host, '0.0.0.0');
      assert.equal(config.dataDir, path.resolve('./data'));
      assert.equal(config.databaseUrl, undefined);
      assert.equal(config.loadDemo, true);
      assert.equal(config.requireTotp, false);
      assert.equal(config.sessionSecretIsDefault, false);
      assert.match(config.sessionSecret, /^[0-9a-f]{64}$/);
      assert.notEqual(loadConfig({}).sessionSecret, config.sessionSecret, 'a fresh secret each start');
      assert.equal(config.idleTimeoutMinutes, 30);
      assert.equal(config.absoluteTimeoutHours, 12);
      assert.equal(config.apiTokenMinutes, 15);
      assert.equal(config.maxFailedSignIns, 5);
      assert.equal(config.lockoutMinutes, 15);
      assert.equal(config.logLevel, 'info');
      assert.equal(config.trustProxy, false);
      assert.equal(config.runJobs, true);
    });

    it('tests are quiet', () => {
      assert.equal(loadConfig({ NODE_ENV: 'test' }).logLevel, 'silent');
      assert.equal(loadConfig({ NODE_ENV: 'test' }).mode, 'test');
    });

    it('reads the settings an operator gives', () => {
      const config = loadConfig({ PORT: '8080', DATA_DIR: '/var/lib/openmash', SESSION_IDLE_MINUTES: '20', REQUIRE_TOTP: 'yes', OPENMASH_DEMO: 'no', TRUST_PROXY: '1', DATABASE_URL: 'postgres://x@y/z', DATABASE_SCHEMA: 'pilot' });
      assert.equal(config.port, 8080);
      assert.equal(config.dataDir, '/var/lib/openmash');
      assert.equal(config.idleTimeoutMinutes, 20);
      assert.equal(config.requireTotp, true);
      assert.equal(config.loadDemo, false);
      assert.equal(config.trustProxy, true);
      assert.equal(config.databaseUrl, 'postgres://x@y/z');
      assert.equal(config.databaseSchema, 'pilot');
    });

    it('says which setting is malformed', () => {
      assert.throws(() => loadConfig({ PORT: 'eighty' }), (e: unknown) => e instanceof ConfigError && e.message === 'PORT must be a whole number, got "eighty"');
      assert.throws(() => loadConfig({ SESSION_IDLE_MINUTES: '-5' }), /SESSION_IDLE_MINUTES must be a whole number/);
      assert.throws(() => loadConfig({ OPENMASH_DEMO: 'maybe' }), (e: unknown) => e instanceof ConfigError && e.message === 'OPENMASH_DEMO must be true or false, got "maybe"');
    });
  });
});
