import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import { portTaken } from '../support/local-stack/ports';
import { freePort, REPO_ROOT } from '../support/wrangler-dev';
import { descendants, stillRunning } from './support/process-tree';

/**
 * `npm start` as a person runs it (npm → start.mjs → launcher), headless as on this machine, on free
 * ports and a throw-away state folder: every piece answers, the extension is signed in on the
 * demo lead, a customer calls in with `npm run call-in`, and Ctrl-C (SIGINT) leaves no process
 * and no port behind.
 */

const CALL_IN = join(REPO_ROOT, 'tests/support/local-stack/call-in.ts');
const TSX = join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs');

interface Launched {
  child: ChildProcess;
  output(): string;
  /** npm's exit: its code, or the signal it re-raised on itself after a Ctrl-C. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * `npm start -- args` in its own process group, as a terminal runs it, so that `interrupt()`
 * is a real Ctrl-C: SIGINT to the whole group (npm, and the launcher, which npm forwards it to
 * as well).
 */
function launch(args: string[]): Launched {
  // No DISPLAY: the launcher must choose headless by itself, as it does here.
  const { DISPLAY: _display, WAYLAND_DISPLAY: _wayland, ...env } = process.env;
  const child = spawn('npm', ['start', '--', ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

/** Ctrl-C: SIGINT to the terminal's foreground process group. */
function interrupt(launched: Launched, signal: NodeJS.Signals = 'SIGINT'): void {
  process.kill(-launched.child.pid!, signal);
}

async function untilReady(launched: Launched, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exit: unknown;
  void launched.exited.then((how) => {
    exit = how;
  });
  while (!/\nReady in /.test(launched.output())) {
    if (exit !== undefined) {
      throw new Error(`npm start exited (${JSON.stringify(exit)}) before ready:\n${launched.output()}`);
    }
    if (Date.now() > deadline)
      throw new Error(`npm start not ready in ${timeoutMs} ms:\n${launched.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function run(command: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, command, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.once('exit', (code) => resolve({ code, output }));
  });
}

/** After a failure: stop it as Ctrl-C would (it then stops its children), SIGKILL as a last resort. */
async function stopIfRunning(launched: Launched): Promise<void> {
  if (launched.child.exitCode !== null || launched.child.signalCode !== null) return;
  interrupt(launched, 'SIGTERM');
  const timer = setTimeout(() => interrupt(launched, 'SIGKILL'), 40_000);
  await launched.exited;
  clearTimeout(timer);
}

let stateDir: string;

test.beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'c2c-local-stack-'));
});

test.afterEach(async () => {
  await rm(stateDir, { recursive: true, force: true, maxRetries: 5 });
});

test('npm start brings up the signed-in stack headless, takes a call in, and Ctrl-C leaves nothing running', async () => {
  test.setTimeout(240_000);
  const ports = {
    worker: await freePort(),
    odoo: await freePort(),
    twilio: await freePort(),
    control: await freePort(),
    debug: await freePort(),
  };
  const launched = launch([
    ...['--worker-port', String(ports.worker), '--odoo-port', String(ports.odoo)],
    ...['--twilio-port', String(ports.twilio), '--twilio-control-port', String(ports.control)],
    ...['--debug-port', String(ports.debug), '--state-dir', stateDir],
  ]);
  try {
    await untilReady(launched, 180_000);
    const odoo = `http://127.0.0.1:${ports.odoo}`;
    const leadUrl = `${odoo}/odoo/crm/14`;
    expect(launched.output()).toContain('Chromium runs headless');
    expect(launched.output()).toContain(`add 127.0.0.1:${ports.debug}`);
    expect(launched.output()).toContain('Marc Demo: login demo, password marc-standin-password');

    // Every piece answers on the port it was given.
    const health = await fetch(`http://127.0.0.1:${ports.worker}/health`);
    expect(await health.json()).toMatchObject({ ok: true, missing: [], invalid: [] });
    // The worker's cron can run (the launcher runs it every minute, as Cloudflare does).
    expect((await fetch(`http://127.0.0.1:${ports.worker}/__scheduled?cron=*+*+*+*+*`)).status).toBe(200);
    const lead = await fetch(leadUrl);
    expect(lead.status).toBe(200);
    expect(await lead.text()).toContain('Office Design Project');
    expect((await fetch(`http://127.0.0.1:${ports.control}/health`)).status).toBe(200);
    // The agent's phone is registered at the emulator: the extension is signed in.
    const registrations = (await (await fetch(`http://127.0.0.1:${ports.control}/registrations`)).json()) as {
      identity: string;
      registered: boolean;
    }[];
    expect(registrations).toContainEqual(expect.objectContaining({ identity: 'odoo_6', registered: true }));

    // The headless browser is reachable the way the launcher says (remote debugging): the lead
    // page is open there, with the call buttons, and the incoming toast appears on it.
    const targets = (await (await fetch(`http://127.0.0.1:${ports.debug}/json/list`)).json()) as {
      url: string;
    }[];
    expect(targets.map((target) => target.url)).toContain(leadUrl);
    const browser = await chromium.connectOverCDP(`http://127.0.0.1:${ports.debug}`);
    try {
      const page = browser
        .contexts()
        .flatMap((context) => context.pages())
        .find((candidate) => candidate.url() === leadUrl);
      if (!page) throw new Error('the lead page is not open');
      await expect(page.getByRole('button', { name: 'Call +32 10 588 558' }).first()).toBeVisible();

      const callIn = await run([TSX, CALL_IN, '--state-dir', stateDir, '+32 10 588 558'], REPO_ROOT);
      expect(callIn.output).toContain('+3210588558 calls +33100000000');
      expect(callIn.code).toBe(0);
      const toast = page.getByRole('dialog', { name: 'Incoming call' });
      await expect(toast).toBeVisible();
      await expect(toast).toContainText('+32 10 58 85 58');
    } finally {
      await browser.close();
    }

    const started = descendants(launched.child.pid!);
    expect(started.length).toBeGreaterThan(3);
    interrupt(launched);
    // npm re-raises Ctrl-C on itself once its script has exited, as in a terminal.
    expect([
      { code: 0, signal: null },
      { code: null, signal: 'SIGINT' },
    ]).toContainEqual(await launched.exited);
    expect(launched.output()).toContain('Stopping (SIGINT)');
    expect(launched.output()).toContain('Stopped: nothing this npm start started is running.');
    expect(launched.output()).not.toContain('Stopping now');
    await expect.poll(() => stillRunning(started), { timeout: 15_000 }).toEqual([]);
    for (const port of Object.values(ports)) expect(await portTaken(port)).toBe(false);
    expect(existsSync(join(stateDir, 'running.json'))).toBe(false);
    // What is kept for the next start: the worker's calls and the browser profile.
    expect(existsSync(join(stateDir, 'worker'))).toBe(true);
    expect(existsSync(join(stateDir, 'chromium'))).toBe(true);
  } finally {
    await stopIfRunning(launched);
  }
});

test('npm start names a port already taken and the flag to choose another, and starts nothing', async () => {
  const taken: Server = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const port = (taken.address() as { port: number }).port;
  try {
    const launched = launch(['--odoo-port', String(port), '--no-browser', '--state-dir', stateDir]);
    expect((await launched.exited).code).toBe(1);
    expect(launched.output()).toContain(
      `port ${port} for the Odoo stand-in is taken: choose another with --odoo-port <port>`,
    );
    expect(existsSync(join(stateDir, 'worker'))).toBe(false);
  } finally {
    taken.close();
  }
});
