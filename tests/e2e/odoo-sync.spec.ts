/**
 * Call logging with real processes (issue 3): the worker under `wrangler dev` with its local
 * Queue and cron, the Odoo stand-in over HTTP. What the workerd tests cannot show: the real
 * queue's retries and delays, and a worker process killed in the middle of writing a note.
 * No browser: Twilio's side is signed HTTP (tests/support/worker-driver.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { type OdooStandin, SEED, startOdooStandin } from '../support/odoo-standin/index.ts';
import type { TestCall } from '../support/twilio-calls.ts';
import {
  endCall,
  eventually,
  history,
  placeCall,
  signIn,
  type WorkerTarget,
  wrapUp,
} from '../support/worker-driver.ts';
import { startWranglerDev, type WranglerDev } from '../support/wrangler-dev.ts';
import { TEST_SETTINGS } from '../worker/settings.ts';

test.describe.configure({ mode: 'serial', timeout: 240_000 });

let odoo: OdooStandin;
const running: WranglerDev[] = [];

test.beforeAll(async () => {
  odoo = await startOdooStandin();
});

test.afterEach(async () => {
  for (const worker of running.splice(0)) await worker.stop();
  await odoo.reset();
});

test.afterAll(async () => {
  await odoo?.close();
});

async function startWorker(vars: Record<string, string>, persistTo?: string): Promise<WorkerTarget> {
  const { service } = odoo.credentials;
  const worker = await startWranglerDev({
    vars: {
      ...TEST_SETTINGS,
      ODOO_URL: odoo.url,
      ODOO_DB: odoo.db,
      ODOO_LOGIN: service.login,
      ODOO_API_KEY: service.apiKey,
      DIAL_ALLOWED_COUNTRIES: 'FR,BE,DE,ES,GB,US',
      ...vars,
    },
    testScheduled: true,
    ...(persistTo ? { persistTo } : {}),
  });
  running.push(worker);
  return { url: worker.url, publicUrl: TEST_SETTINGS.PUBLIC_URL, authToken: TEST_SETTINGS.TWILIO_AUTH_TOKEN };
}

/** The notes (and follow-ups) the stand-in holds for a call, by its marker. */
const notesOf = (call: TestCall) =>
  odoo.database
    .all('mail.message')
    .filter((message) => String(message.body).includes(`c2c:${call.sid}:note`));

const postsRun = () =>
  odoo.calls.filter((rpc) => rpc.method === 'message_post' && rpc.outcome.kind === 'result').length;

const NUMBERS = [SEED.numbers.decoAddict, SEED.numbers.brauhausSchmidt, '+33142685300', '+4915123456789'];

test('Odoo down for a while, then back: every note delivered exactly once through the real queue', async () => {
  const worker = await startWorker({ ODOO_RETRY_SECONDS: '1', WRAP_UP_WINDOW_SECONDS: '0' });
  const marc = odoo.credentials.agents.marc;
  await signIn(worker, marc.login, marc.password!);

  await odoo.fail({ kind: 'down', forMs: 6000 });
  const calls: TestCall[] = [];
  for (let i = 0; i < 12; i += 1) {
    const call = await placeCall(worker, marc.uid, NUMBERS[i % NUMBERS.length]!);
    await endCall(worker, call);
    calls.push(call);
  }
  await eventually(() => calls.every((call) => notesOf(call).length > 0), 60_000, 'every note in Odoo');

  for (const call of calls) expect(notesOf(call), call.sid).toHaveLength(1);
  expect(postsRun()).toBe(calls.length);
  // Odoo was really down for some of the attempts: the queue retried them.
  expect(odoo.calls.filter((rpc) => rpc.outcome.kind === 'dropped').length).toBeGreaterThan(0);
});

test('the worker killed while Odoo takes the note, then restarted: still one note, on the right lead', async () => {
  const state = await mkdtemp(join(tmpdir(), 'c2c-restart-'));
  try {
    const first = await startWorker({ WRAP_UP_WINDOW_SECONDS: '0' }, state);
    const marc = odoo.credentials.agents.marc;
    const { session } = await signIn(first, marc.login, marc.password!);
    // Odoo takes 4 s to write the note: the worker dies meanwhile, Odoo writes it anyway.
    await odoo.fail({ kind: 'slow', delayMs: 4000, only: { methods: ['message_post'] }, times: 1 });
    const call = await placeCall(first, marc.uid, SEED.numbers.brauhausSchmidt);
    await wrapUp(first, session, call.sid, { disposition: 'interested', note: 'Restart test' });
    await endCall(first, call);
    await eventually(() => odoo.failure() === null, 20_000, 'message_post under way');
    await running.pop()!.stop();
    await eventually(() => notesOf(call).length === 1, 10_000, 'Odoo wrote the note');

    // The worker comes back with the same D1 (the queue's message died with it): the call is
    // still claimed by the dead attempt, and the cron takes it over once the claim's lease ends.
    const second = await startWorker({ WRAP_UP_WINDOW_SECONDS: '0' }, state);
    const logged = await eventually(
      async () => {
        await fetch(`${second.url}/__scheduled?cron=*+*+*+*+*`);
        const [summary] = await history(second, session);
        return summary?.logStatus === 'logged' ? summary : null;
      },
      120_000,
      'the call logged after the restart',
    );
    expect(logged).toMatchObject({
      callSid: call.sid,
      record: { model: 'crm.lead', id: SEED.leads.schmidtTables },
      disposition: 'interested',
    });
    expect(notesOf(call)).toHaveLength(1);
    expect(postsRun()).toBe(1);
  } finally {
    await rm(state, { recursive: true, force: true });
  }
});
