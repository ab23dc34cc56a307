/**
 * `npm run test:guards [-- id…]`: shows that every guard of the threat model (docs/security.md)
 * has a test that fails when the guard is gone. For each guard of guards.ts, in a scratch copy of
 * the working tree (node_modules linked, the real tree never touched): the tests meant to catch
 * it are run as they are (they must pass), then with the guard broken (they must fail). Prints
 * caught/survived per guard, writes the table into docs/security.md, and exits non-zero when a
 * guard survived, when its `find` text is not exactly once in its file (the guard moved: update
 * guards.ts), or when its tests fail even with the guard in place.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OFFLINE_ENV } from '../support/wrangler-dev';
import { GUARDS, type Guard, type GuardTests } from './guards';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SECURITY_DOC = join(root, 'docs/security.md');

type Verdict = 'caught' | 'survived' | 'stale' | 'tests fail unbroken';

function scratchCopy(): string {
  const copy = mkdtempSync(join(tmpdir(), 'guards-'));
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    if (!existsSync(join(root, file))) continue; // deleted in the working tree
    cpSync(join(root, file), join(copy, file), { recursive: true });
  }
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
  return copy;
}

function command(tests: GuardTests): [string, string[]] {
  const names = tests.name ? ['-t', tests.name] : [];
  switch (tests.suite) {
    case 'unit':
      return ['npx', ['vitest', 'run', '--config', 'tests/unit/vitest.config.ts', ...names, ...tests.files]];
    case 'worker':
      return [
        'npx',
        ['vitest', 'run', '--config', 'tests/worker/vitest.config.ts', ...names, ...tests.files],
      ];
    case 'e2e':
      return [
        'sh',
        [
          '-c',
          `npx vite build --config extension/vite.config.ts --logLevel error && npx playwright test --config tests/e2e/playwright.config.ts ${tests.name ? `-g ${JSON.stringify(tests.name)} ` : ''}${tests.files.join(' ')}`,
        ],
      ];
  }
}

/** Runs the guard's tests in the copy; true when they pass. */
function testsPass(copy: string, tests: GuardTests): boolean {
  const [program, args] = command(tests);
  const run = spawnSync(program, args, {
    cwd: copy,
    encoding: 'utf8',
    env: { ...process.env, ...OFFLINE_ENV },
    maxBuffer: 64 * 1024 * 1024,
  });
  return run.status === 0;
}

const key = (tests: GuardTests) => JSON.stringify(tests);

function judge(copy: string, guard: Guard, passing: Map<string, boolean>): Verdict {
  const path = join(copy, guard.file);
  const original = readFileSync(path, 'utf8');
  if (original.split(guard.find).length !== 2) return 'stale';
  if (!passing.has(key(guard.tests))) passing.set(key(guard.tests), testsPass(copy, guard.tests));
  if (!passing.get(key(guard.tests))) return 'tests fail unbroken';
  writeFileSync(
    path,
    original.replace(guard.find, () => guard.replace),
  );
  try {
    return testsPass(copy, guard.tests) ? 'survived' : 'caught';
  } finally {
    writeFileSync(path, original);
  }
}

function table(results: { guard: Guard; verdict: Verdict }[]): string {
  const lines = [
    '| guard | broken in | caught by | result |',
    '|---|---|---|---|',
    ...results.map(({ guard, verdict }) => {
      const tests = `${guard.tests.files.join(', ')}${guard.tests.name ? ` › “${guard.tests.name}”` : ''}`;
      return `| ${guard.what} | \`${guard.file}\` | ${tests} | ${verdict === 'caught' ? 'caught' : `**${verdict}**`} |`;
    }),
  ];
  return lines.join('\n');
}

function writeSection(markdown: string, date: string): void {
  if (!existsSync(SECURITY_DOC)) return;
  const text = readFileSync(SECURITY_DOC, 'utf8');
  const section = `<!-- guards -->\nRun ${date} by \`npm run test:guards\`.\n\n${markdown}\n<!-- /guards -->`;
  const replaced = text.replace(/<!-- guards -->[\s\S]*?<!-- \/guards -->/, () => section);
  if (replaced !== text) writeFileSync(SECURITY_DOC, replaced);
}

const only = process.argv.slice(2);
const chosen = GUARDS.filter((guard) => only.length === 0 || only.includes(guard.id));
if (chosen.length === 0) {
  console.error(`No guard is named ${only.join(', ')}.`);
  process.exit(1);
}
const copy = scratchCopy();
const passing = new Map<string, boolean>();
const results: { guard: Guard; verdict: Verdict }[] = [];
try {
  for (const guard of chosen) {
    const started = Date.now();
    const verdict = judge(copy, guard, passing);
    results.push({ guard, verdict });
    console.log(`${verdict.padEnd(19)} ${guard.id} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
} finally {
  rmSync(copy, { recursive: true, force: true });
}
const markdown = table(results);
console.log(`\n${markdown}\n`);
const caught = results.filter((result) => result.verdict === 'caught').length;
console.log(`${caught} of ${results.length} guards caught.`);
if (only.length === 0) writeSection(markdown, new Date().toISOString().slice(0, 10));
if (caught !== results.length) process.exit(1);
