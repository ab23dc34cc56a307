/**
 * `npm run call-in -- [+32 10 588 558]`: a customer calls the company number of the running
 * `npm start` (through the Twilio emulator's control API), so the signed-in agent's phone rings.
 * Without a number, the demo lead's customer calls, as the lead page's "Simulate an incoming
 * call" button does. `--state-dir <dir>` when npm start was given one.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../wrangler-dev.ts';
import { DEMO_LEAD } from './demo.ts';
import { readRunning, statePaths } from './state.ts';

/** `+32 10 588 558`, `0032 10 588 558`, `+32 (10) 58.85.58` → `+3210588558`; null if not international. */
export function callerNumber(input: string): string | null {
  const compact = input.replace(/[\s().\-/]/g, '').replace(/^00/, '+');
  return /^\+[1-9]\d{5,14}$/.test(compact) ? compact : null;
}

async function postJson(
  url: string,
  body: unknown,
): Promise<{ status: number; data: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const data = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  return { status: response.status, data };
}

function errorMessage(data: Record<string, unknown>): string {
  const error = data.error as { message?: unknown } | undefined;
  return typeof error?.message === 'string' ? error.message : JSON.stringify(data);
}

export async function callIn(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'state-dir': { type: 'string' } },
  });
  const running = await readRunning(statePaths(resolve(REPO_ROOT, values['state-dir'] ?? '.local-stack')));
  if (!running) {
    console.error('No local stack is running: start it with npm start (in another terminal), then call in.');
    return 1;
  }
  if (positionals.length === 0) {
    const { status, data } = await postJson(`${running.odooUrl}/__demo/incoming-call`, DEMO_LEAD);
    if (status !== 201) {
      console.error(`The call was not placed: ${errorMessage(data)}`);
      return 1;
    }
    console.log(
      `${String(data.name)} (${String(data.from)}) calls ${running.companyNumber}: call ${String(data.callSid)}.`,
    );
    return 0;
  }
  const from = callerNumber(positionals.join(' '));
  if (!from) {
    console.error(`"${positionals.join(' ')}" is not a number in international form, e.g. +32 10 588 558.`);
    return 2;
  }
  const { status, data } = await postJson(`${running.emulatorControlUrl}/calls`, {
    from,
    to: running.companyNumber,
  });
  if (status !== 201) {
    console.error(`The call was not placed: ${errorMessage(data)}`);
    return 1;
  }
  console.log(`${from} calls ${running.companyNumber}: call ${String(data.sid)}.`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await callIn(process.argv.slice(2));
}
