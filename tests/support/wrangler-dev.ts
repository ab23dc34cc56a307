/**
 * Runs the worker under `wrangler dev` (local workerd, local D1) for end-to-end tests, benchmarks
 * and the local demo. Each instance gets free ports, its own temporary directory for settings
 * and D1 state, and no network: nothing is written into the repository except wrangler's own
 * build cache under the git-ignored `.wrangler/`.
 *
 *   const worker = await startWranglerDev({ vars: { PUBLIC_URL: '…', … } });
 *   await fetch(`${worker.url}/health`);
 *   await worker.stop();
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WRANGLER = createRequire(import.meta.url).resolve('wrangler/bin/wrangler.js');

/** Keeps wrangler off the network: no telemetry, no error reports, no Cloudflare look-ups. */
export const OFFLINE_ENV = {
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_SEND_ERROR_REPORTS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
} as const;

export interface WranglerDevOptions {
  /** Worker settings (vars and secrets alike), e.g. the fixed names of DESIGN.md. */
  vars: Record<string, string>;
  /** D1 (and other) local state; default: a fresh directory removed by `stop()`. */
  persistTo?: string;
  /** Wrangler configuration; default: the repository's wrangler.toml. */
  configPath?: string;
  /** Apply the D1 migrations of binding `DB` before starting (default true). */
  applyMigrations?: boolean;
  /** Path that answers once the worker is up (any HTTP status counts); default `/health`. */
  readyPath?: string;
  /** Default 90 s: two cold starts of wrangler on a busy 2-core machine take a while. */
  startTimeoutMs?: number;
  /** Wrangler's `--log-level` (default `warn`); `debug` tells why a worker reloads. */
  logLevel?: 'debug' | 'info' | 'log' | 'warn' | 'error';
  /**
   * The port to listen on (default: a free one). A fixed port lets the worker's public URL be
   * known before it starts (`npm start`: 8787; tests: a free port chosen first).
   */
  port?: number;
  /** `--test-scheduled`: the cron runs on `GET /__scheduled?cron=…` (wrangler dev never runs it by itself). */
  testScheduled?: boolean;
}

export interface WranglerDev {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** The last lines wrangler printed (warnings and errors), to tell why something failed. */
  output(): string;
  /** Kills wrangler and workerd (the whole process group) and removes the temporary files. */
  stop(): Promise<void>;
}

/** A TCP port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port assigned'));
      });
    });
  });
}

/** dotenv syntax, which wrangler reads for `--env-file`; refuses what it cannot quote. */
function envFileContent(vars: Record<string, string>): string {
  return Object.entries(vars)
    .map(([name, value]) => {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`Invalid setting name: ${name}`);
      if (/[\r\n]/.test(value)) throw new Error(`Setting ${name} must fit on one line`);
      if (!value.includes("'")) return `${name}='${value}'`;
      if (!value.includes('"')) return `${name}="${value}"`;
      throw new Error(`Setting ${name} contains both quote characters`);
    })
    .join('\n');
}

/** The last lines a process printed, for error messages. */
class OutputTail {
  private lines: string[] = [];
  add(chunk: Buffer): void {
    this.lines.push(...chunk.toString('utf8').split('\n'));
    this.lines = this.lines.slice(-60);
  }
  toString(): string {
    return this.lines.join('\n').trim();
  }
}

function spawnWrangler(args: string[], workDir: string): { child: ChildProcess; output: OutputTail } {
  const child = spawn(process.execPath, [WRANGLER, ...args], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      ...OFFLINE_ENV,
      CI: '1',
      NO_COLOR: '1',
      FORCE_COLOR: '0',
      // Wrangler's dev registry is shared by every `wrangler dev` on the machine, and each one
      // reloads its worker when the registry changes ("Your worker restarted mid-request"): give
      // this instance its own, and no config watching, so other runs cannot restart it.
      WRANGLER_REGISTRY_PATH: join(workDir, 'registry'),
      WRANGLER_CI_DISABLE_CONFIG_WATCHING: 'true',
      WRANGLER_LOG_PATH: join(workDir, 'logs'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so stop() reaches workerd too.
    detached: true,
  });
  const output = new OutputTail();
  child.stdout?.on('data', (chunk: Buffer) => output.add(chunk));
  child.stderr?.on('data', (chunk: Buffer) => output.add(chunk));
  return { child, output };
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Processes still running, killed if the test process exits without stopping them. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

async function stopProcess(child: ChildProcess): Promise<void> {
  killGroup(child, 'SIGTERM');
  const gone = await Promise.race([
    exited(child).then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5000)),
  ]);
  if (!gone) {
    killGroup(child, 'SIGKILL');
    await exited(child);
  }
  // workerd may outlive wrangler by a moment: make sure the group is gone.
  killGroup(child, 'SIGKILL');
  running.delete(child);
}

async function applyMigrations(configPath: string, persistTo: string, workDir: string): Promise<void> {
  const { child, output } = spawnWrangler(
    ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistTo, '--config', configPath],
    workDir,
  );
  running.add(child);
  const code = await exited(child);
  running.delete(child);
  if (code !== 0) throw new Error(`wrangler d1 migrations apply failed (${code}):\n${output}`);
}

async function waitUntilAnswering(url: string, child: ChildProcess, output: OutputTail, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let exit: number | null | undefined;
  void exited(child).then((code) => {
    exit = code;
  });
  while (Date.now() < deadline) {
    if (exit !== undefined) throw new Error(`wrangler dev exited (${exit}) before answering:\n${output}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(2000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  throw new Error(`wrangler dev did not answer ${url} within ${timeoutMs} ms:\n${output}`);
}

export async function startWranglerDev(options: WranglerDevOptions): Promise<WranglerDev> {
  const configPath = options.configPath ?? join(REPO_ROOT, 'wrangler.toml');
  const workDir = await mkdtemp(join(tmpdir(), 'c2c-wrangler-'));
  const persistTo = options.persistTo ?? join(workDir, 'state');
  const envFile = join(workDir, 'settings.env');
  // A file, not --var flags: values stay out of `ps`, and it replaces any .dev.vars in the repo.
  await writeFile(envFile, envFileContent(options.vars), { mode: 0o600 });

  try {
    if (options.applyMigrations ?? true) await applyMigrations(configPath, persistTo, workDir);
    const [port, inspectorPort] = [options.port ?? (await freePort()), await freePort()];
    const { child, output } = spawnWrangler(
      [
        'dev',
        '--local',
        '--config',
        configPath,
        '--ip',
        '127.0.0.1',
        '--port',
        String(port),
        '--inspector-port',
        String(inspectorPort),
        '--persist-to',
        persistTo,
        '--env-file',
        envFile,
        '--show-interactive-dev-session=false',
        '--log-level',
        options.logLevel ?? 'warn',
        ...(options.testScheduled ? ['--test-scheduled'] : []),
      ],
      workDir,
    );
    running.add(child);
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitUntilAnswering(
        `${url}${options.readyPath ?? '/health'}`,
        child,
        output,
        options.startTimeoutMs ?? 90_000,
      );
    } catch (error) {
      await stopProcess(child);
      throw error;
    }
    return {
      url,
      port,
      output: () => output.toString(),
      async stop() {
        await stopProcess(child);
        await rm(workDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(workDir, { recursive: true, force: true });
    throw error;
  }
}
