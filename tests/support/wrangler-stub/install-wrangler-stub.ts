import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import type { StubState } from './wrangler-stub';

/**
 * Puts the wrangler stub (wrangler-stub.ts) on a PATH of its own: the TypeScript is compiled once
 * to JavaScript (so each call starts as fast as plain `node`), next to the repository's
 * node_modules so it can import smol-toml, and a `wrangler` shell script runs it.
 */

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const stubSource = fileURLToPath(new URL('./wrangler-stub.ts', import.meta.url));

let compiled: string | null = null;

function compileStub(): string {
  if (compiled) return compiled;
  const output = ts.transpileModule(readFileSync(stubSource, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const dir = join(repoRoot, 'node_modules', '.cache', 'wrangler-stub');
  mkdirSync(dir, { recursive: true });
  const file = join(
    dir,
    `wrangler-stub-${createHash('sha256').update(output).digest('hex').slice(0, 12)}.mjs`,
  );
  // Test files run in parallel workers: write aside and rename, so no stub ever runs a half-written file.
  if (!existsSync(file)) {
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, output);
    renameSync(partial, file);
  }
  compiled = file;
  return file;
}

export interface WranglerStub {
  /** Merge into the environment of the CLI under test: the stub comes first on PATH. */
  env: { PATH: string; WRANGLER_STUB_STATE: string };
  state(): StubState;
  /** Deletes the stub's PATH directory and state. */
  remove(): void;
}

export function installWranglerStub(initial: Partial<StubState> = {}): WranglerStub {
  const script = compileStub();
  const dir = mkdtempSync(join(tmpdir(), 'wrangler-stub-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const launcher = join(bin, 'wrangler');
  writeFileSync(launcher, `#!/bin/sh\nexec "${process.execPath}" "${script}" "$@"\n`);
  chmodSync(launcher, 0o755);

  const statePath = join(dir, 'state.json');
  const state: StubState = {
    loggedIn: true,
    workerExists: false,
    secrets: {},
    d1: [],
    queues: [],
    migrationsApplied: [],
    deployments: 0,
    workersDevUrl: 'https://odoo-click-to-call.stub-account.workers.dev',
    calls: [],
    ...initial,
  };
  writeFileSync(statePath, JSON.stringify(state));
  return {
    env: { PATH: [bin, process.env.PATH].join(delimiter), WRANGLER_STUB_STATE: statePath },
    state: () => JSON.parse(readFileSync(statePath, 'utf8')) as StubState,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
