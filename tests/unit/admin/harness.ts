import { appendFileSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { DeepCheck, DeepCheckId, HealthResponse } from '../../../shared/api';
import type { ExitCode } from '../../../worker/admin/admin-error';
import { type CliIo, runCli } from '../../../worker/admin/cli-io';

/** Runs an admin CLI in this process, with its own environment and captured output. */

export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

export interface CliRun {
  code: ExitCode;
  stdout: string;
  stderr: string;
  /** Both streams, for "never printed" assertions. */
  output: string;
}

export async function runInProcess(
  main: (argv: string[], io: CliIo) => Promise<ExitCode>,
  argv: string[],
  env: Record<string, string | undefined>,
): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  const stdin = new PassThrough();
  stdin.end();
  // No TTY: nothing is ever asked, as in CI. Prompts are tested on their own.
  const io: CliIo = { env: { PATH: process.env.PATH, ...env }, stdin, stdout, stderr, cwd: repoRoot };
  const code = await runCli(io, () => main(argv, io));
  return { code, stdout: out, stderr: err, output: out + err };
}

/** A scratch copy of the repository's wrangler.toml (deploy writes into it), plus optional extra TOML. */
export function scratchWranglerToml(extra = ''): { path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'wrangler-toml-'));
  const path = join(dir, 'wrangler.toml');
  copyFileSync(join(repoRoot, 'wrangler.toml'), path);
  if (extra) appendFileSync(path, `\n${extra}\n`);
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface HealthAnswer {
  status: number;
  body: HealthResponse;
}

/** A stand-in for the deployed worker's `GET /health` (with or without `?deep=1`). */
export interface HealthStandIn {
  url: string;
  hits: number;
  /** The query string of each request (`deep=1`, or empty). */
  queries: string[];
  /** The answer to every request, unless `next` holds answers for the next ones. */
  answer: HealthAnswer;
  /** Answers for the next requests, in order, before `answer` applies again. */
  next: HealthAnswer[];
  close(): Promise<void>;
}

const DEEP_CHECK_IDS: DeepCheckId[] = [
  'twilio.auth_token',
  'twilio.api_key',
  'twilio.api_key_secret',
  'twilio.twiml_app',
  'twilio.caller_id',
  'odoo.login',
  'odoo.leads',
];

/**
 * A worker's answer with every deep check as given (`ok` by default), checked `ageSeconds` ago,
 * shaped like worker/routes/health.ts builds it.
 */
export function healthAnswer(
  {
    ageSeconds = 0,
    outdated = false,
    checks = {},
    missing = [],
  }: {
    ageSeconds?: number;
    outdated?: boolean;
    checks?: Partial<Record<DeepCheckId, Pick<DeepCheck, 'status' | 'detail'>>>;
    missing?: string[];
  } = {},
  now = Date.now(),
): HealthAnswer {
  const deepChecks = DEEP_CHECK_IDS.map((id) => ({
    id,
    status: 'ok' as const,
    detail: `${id} fine`,
    ...checks[id],
  }));
  const hasProblem = deepChecks.some((check) => check.status === 'problem');
  const checkedAt = now - ageSeconds * 1000;
  const ok = missing.length === 0 && (outdated || !hasProblem);
  return {
    status: ok ? 200 : 503,
    body: {
      ok,
      missing,
      invalid: [],
      deep: {
        checkedAt: new Date(checkedAt).toISOString(),
        ageSeconds,
        outdated,
        nextRefreshAt: new Date(
          Math.max(now, checkedAt + (hasProblem || outdated ? 60_000 : 300_000)),
        ).toISOString(),
        checks: deepChecks,
      },
    },
  };
}

export async function startHealthStandIn(answer: HealthAnswer = healthAnswer()): Promise<HealthStandIn> {
  const standIn: HealthStandIn = {
    url: '',
    hits: 0,
    queries: [],
    answer,
    next: [],
    close: () => closeServer(server),
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    if (url.pathname !== '/health') {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end('{"error":{"code":"not_found","message":"no"}}');
      return;
    }
    standIn.hits += 1;
    standIn.queries.push(url.search.slice(1));
    const { status, body } = standIn.next.shift() ?? standIn.answer;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  standIn.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return standIn;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.closeAllConnections();
    server.close((error) => (error ? reject(error) : resolve()));
  });
}

/** A loopback URL nothing listens on: a server is started, its port noted, and it is closed. */
export async function unusedLocalUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await closeServer(server);
  return `http://127.0.0.1:${port}`;
}
