import { appendFileSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { HealthResponse } from '../../../shared/api';
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

/** A stand-in for the deployed worker's `GET /health`. */
export interface HealthStandIn {
  url: string;
  hits: number;
  answer: { status: number; body: HealthResponse };
  close(): Promise<void>;
}

export async function startHealthStandIn(
  answer: { status: number; body: HealthResponse } = {
    status: 200,
    body: { ok: true, missing: [], invalid: [] },
  },
): Promise<HealthStandIn> {
  const standIn: HealthStandIn = {
    url: '',
    hits: 0,
    answer,
    close: () => closeServer(server),
  };
  const server: Server = createServer((req, res) => {
    if (req.url !== '/health') {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end('{"error":{"code":"not_found","message":"no"}}');
      return;
    }
    standIn.hits += 1;
    res.writeHead(standIn.answer.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(standIn.answer.body));
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
