#!/usr/bin/env node
// Node 20's test runner takes no globs: find the test files, then run them all in one `node --test`.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const roots = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const flags = process.argv.slice(2).filter((a) => a.startsWith('--'));
const dirs = roots.length ? roots : ['src', 'test', 'e2e'];
const files = [];
// fault tests (kill -9, database outages) run apart: `npm run test:faults`
const SEPARATE = new Set([path.join('test', 'faults')]);
const walk = (dir, explicit = false) => {
  if (!explicit && SEPARATE.has(path.normalize(dir))) return;
  let entries = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    if (name === 'node_modules') continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full);
    else if (name.endsWith('.test.ts')) files.push(full);
  }
};
for (const d of dirs) {
  if (d.endsWith('.test.ts')) files.push(d);
  else walk(d, true);
}
files.sort();
const concurrency = process.env.TEST_CONCURRENCY ?? '2';
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...flags, ...files],
  { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test', TZ: process.env.TZ ?? 'Europe/London' } },
);
process.exit(result.status ?? 1);
