import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { verifyAuditChains } from '../../src/platform/audit/audit-verify';
import { DEMO_PASSWORD, cliDatabase, runCli } from './support/cli';

/** The operators' command line, run as a child process exactly as `openmash …` would be. */
describe('the command line (openmash)', () => {
  it('explains itself: --help and every subcommand --help exit 0', async () => {
    const commands = [[], ['serve'], ['migrate'], ['demo'], ['users'], ['users', 'list'], ['users', 'add'], ['users', 'deactivate'], ['audit'], ['audit', 'verify']];
    // two at a time: each is a Node process compiling TypeScript
    const results: Awaited<ReturnType<typeof runCli>>[] = [];
    for (let i = 0; i < commands.length; i += 2) results.push(...(await Promise.all(commands.slice(i, i + 2).map((c) => runCli([...c, '--help'])))));
    results.forEach((res, i) => {
      const name = ['openmash', ...commands[i]].join(' ');
      assert.equal(res.code, 0, `${name} --help: ${res.stderr}`);
      assert.match(res.stdout, new RegExp(`^Usage: ${name}`), name);
    });
    const top = results[0].stdout;
    for (const command of ['serve', 'migrate', 'demo', 'users', 'audit']) assert.match(top, new RegExp(`\\n  ${command}\\b`), `lists ${command}`);
  });

  it('refuses an unknown command with a non-zero exit', async () => {
    const res = await runCli(['frobnicate']);
    assert.notEqual(res.code, 0);
    assert.match(res.stderr, /unknown command 'frobnicate'/);
  });

  describe('users, against a database of its own', () => {
    const cli = cliDatabase();
    before(async () => {
      // `demo` migrates the empty database first, as every database command does
      const demo = await runCli(['demo'], cli.env);
      assert.equal(demo.code, 0, demo.stderr);
    });
    after(async () => cli.cleanup());

    it('adds a starter with a first password shown once, lists them, and deactivates a leaver', async () => {
      const add = await runCli(['users', 'add', '--email', 'Cli.Starter@Synthetic.test', '--name', 'Cli Starter', '--role', 'mso', '--agency', "demo children's social care"], cli.env);
      assert.equal(add.code, 0, add.stderr);
      assert.match(add.stdout, /^Added cli\.starter@synthetic\.test \(mso\) to Demo MASH: [0-9a-f-]{36}$/m);
      const password = /First password \(shown once\): (\S+)/.exec(add.stdout)?.[1];
      assert.ok(password && password.length >= 12, 'a first password is printed');

      const chosen = await runCli(['users', 'add', '--email', 'cli.chosen@synthetic.test', '--name', 'Cli Chosen', '--role', 'police', '--agency', 'Demo Police', '--password', DEMO_PASSWORD], cli.env);
      assert.equal(chosen.code, 0, chosen.stderr);
      assert.doesNotMatch(chosen.stdout, /First password/, 'a given password is not echoed');

      const list = await runCli(['users', 'list'], cli.env);
      assert.equal(list.code, 0, list.stderr);
      assert.match(list.stdout, /cli\.starter@synthetic\.test/);
      assert.match(list.stdout, /admin@demo\.test/);

      const gone = await runCli(['users', 'deactivate', 'CLI.STARTER@synthetic.test'], cli.env);
      assert.equal(gone.code, 0, gone.stderr);
      assert.match(gone.stdout, /Deactivated; 0 session\(s\) and token\(s\) revoked/);

      const database = await cli.open();
      try {
        const row = await database.db.selectFrom('app_user').select(['active', 'role']).where('email', '=', 'cli.starter@synthetic.test').executeTakeFirstOrThrow();
        assert.equal(row.active, false);
        const events = await database.db.selectFrom('audit_event').select(['action', 'actor_role', 'details']).where('action', 'in', ['user.create', 'user.deactivate']).orderBy('id').execute();
        assert.deepEqual(events.map((e) => [e.action, e.actor_role]), [['user.create', 'operator'], ['user.create', 'operator'], ['user.deactivate', 'operator']]);
        assert.ok(events.every((e) => (e.details as { via?: string }).via === 'cli'));
        const verified = await verifyAuditChains(database.db);
        assert.equal(verified.ok, true, "the CLI's own audit events keep the chains intact");
      } finally {
        await database.close();
      }
    });

    it('refuses bad input with a message and a non-zero exit, changing nothing', async () => {
      const pairing = await runCli(['users', 'add', '--email', 'cli.pairing@synthetic.test', '--name', 'Cli Pairing', '--role', 'police', '--agency', "Demo children's social care"], cli.env);
      assert.notEqual(pairing.code, 0);
      assert.match(pairing.stderr, /role: A member of Children's social care cannot be Police practitioner/);
      const weak = await runCli(['users', 'add', '--email', 'cli.weak@synthetic.test', '--name', 'Cli Weak', '--role', 'mso', '--agency', "Demo children's social care", '--password', 'short'], cli.env);
      assert.notEqual(weak.code, 0);
      assert.match(weak.stderr, /password: Password must be at least 12 characters/);
      const missing = await runCli(['users', 'add', '--email', 'cli.missing@synthetic.test'], cli.env);
      assert.notEqual(missing.code, 0);
      assert.match(missing.stderr, /required option/);
      const nobody = await runCli(['users', 'deactivate', 'nobody.here@synthetic.test'], cli.env);
      assert.notEqual(nobody.code, 0);
      assert.match(nobody.stderr, /No user with that email address/);

      const database = await cli.open();
      try {
        const made = await database.db.selectFrom('app_user').select('email').where('email', 'in', ['cli.pairing@synthetic.test', 'cli.weak@synthetic.test', 'cli.missing@synthetic.test']).execute();
        assert.deepEqual(made, []);
      } finally {
        await database.close();
      }
    });
  });
});
