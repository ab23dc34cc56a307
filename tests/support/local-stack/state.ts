/**
 * What `npm start` keeps between runs, all under one git-ignored folder (default `.local-stack/`):
 *
 *   worker/          the worker's local D1 and queue (wrangler dev --persist-to): calls survive a restart
 *   session-secret   the worker's SESSION_SECRET, so the browser stays signed in across restarts
 *   chromium/        the browser profile (settings, session, wrap-ups waiting in the outbox)
 *   extension/       the extension built for this stack's origins (rebuilt at every start)
 *   running.json     where the running stack listens (for `npm run call-in`); removed on exit
 *
 * `--reset` removes the folder first. The Odoo stand-in keeps its data in memory: it starts from
 * its seed every time.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

export interface StatePaths {
  root: string;
  workerState: string;
  browserProfile: string;
  extension: string;
  running: string;
  sessionSecret: string;
}

export function statePaths(root: string): StatePaths {
  return {
    root,
    workerState: join(root, 'worker'),
    browserProfile: join(root, 'chromium'),
    extension: join(root, 'extension'),
    running: join(root, 'running.json'),
    sessionSecret: join(root, 'session-secret'),
  };
}

/** Creates the folder (emptied first with `reset`) and returns the kept session secret. */
export async function prepareState(paths: StatePaths, reset: boolean): Promise<{ sessionSecret: string }> {
  if (reset) await rm(paths.root, { recursive: true, force: true });
  await mkdir(paths.root, { recursive: true });
  const kept = await readFile(paths.sessionSecret, 'utf8').catch(() => '');
  if (kept.trim().length >= 32) return { sessionSecret: kept.trim() };
  const sessionSecret = randomBytes(32).toString('base64');
  await writeFile(paths.sessionSecret, `${sessionSecret}\n`, { mode: 0o600 });
  return { sessionSecret };
}

/** Where the running stack answers: written once it is ready, read by `npm run call-in`. */
export const runningStack = z.object({
  pid: z.number().int(),
  workerUrl: z.string(),
  odooUrl: z.string(),
  emulatorControlUrl: z.string(),
  companyNumber: z.string(),
  leadUrl: z.string(),
});
export type RunningStack = z.infer<typeof runningStack>;

export async function writeRunning(paths: StatePaths, running: RunningStack): Promise<void> {
  await writeFile(paths.running, `${JSON.stringify(running, null, 2)}\n`);
}

/** The running stack's file, or null when none is running (no file, or its process is gone). */
export async function readRunning(paths: StatePaths): Promise<RunningStack | null> {
  const text = await readFile(paths.running, 'utf8').catch(() => null);
  if (text === null) return null;
  let parsed: ReturnType<typeof runningStack.safeParse>;
  try {
    parsed = runningStack.safeParse(JSON.parse(text));
  } catch {
    return null;
  }
  if (!parsed.success) return null;
  try {
    process.kill(parsed.data.pid, 0);
  } catch {
    return null;
  }
  return parsed.data;
}

export async function removeRunning(paths: StatePaths): Promise<void> {
  await rm(paths.running, { force: true });
}
