import './support/install';

import { beforeEach, describe, expect, it } from 'vitest';
import {
  flushOutbox,
  queueWrapUp,
  readOutbox,
  retryDelay,
  retryFailed,
} from '../../../extension/background/outbox';
import { localDate } from '../../../extension/lib/follow-up-dates';
import { createWorkerClient } from '../../../extension/lib/worker-client';
import { createFakeWorker, error, type FakeWorker } from './support/fake-worker';
import { fakeChrome } from './support/install';

const T0 = 1_700_000_000_000;
const MARC = { workerUrl: 'https://calls.example.test', uid: 7 };
const ANNE = { workerUrl: 'https://calls.example.test', uid: 8 };

describe('wrap-up outbox', () => {
  let worker: FakeWorker;
  const client = () => createWorkerClient(worker.url, 'session-abc', worker.fetch);

  beforeEach(() => {
    fakeChrome.reset();
    worker = createFakeWorker();
  });

  it('keeps a saved wrap-up in storage until the worker has it', async () => {
    await queueWrapUp('CA1', 'interested', 'Wants a demo on Tuesday', MARC, T0);
    expect(fakeChrome.storage.local.data.outbox).toMatchObject([
      { callSid: 'CA1', note: 'Wants a demo on Tuesday' },
    ]);
    worker.on('POST /calls/CA1/wrap-up', () => ({ status: 204 }));

    expect(await flushOutbox(client(), MARC, T0)).toBeNull();
    expect(await readOutbox()).toEqual([]);
    expect(worker.to('/calls/CA1/wrap-up')).toEqual([
      {
        method: 'POST',
        path: '/calls/CA1/wrap-up',
        authorization: 'Bearer session-abc',
        body: { disposition: 'interested', note: 'Wants a demo on Tuesday' },
      },
    ]);
  });

  it('keeps the call back with the wrap-up and sends it with it', async () => {
    const followUp = { date: localDate(T0 + 86_400_000), note: 'Budget' };
    await queueWrapUp('CA1', 'callback_requested', 'Busy', MARC, T0, followUp);
    expect(fakeChrome.storage.local.data.outbox).toMatchObject([{ callSid: 'CA1', followUp }]);
    worker.on('POST /calls/CA1/wrap-up', () => ({ status: 204 }));
    await flushOutbox(client(), MARC, T0);
    expect(worker.to('/calls/CA1/wrap-up').map((request) => request.body)).toEqual([
      { disposition: 'callback_requested', note: 'Busy', followUp },
    ]);
  });

  it('sends a call back whose day went by while it waited as due today, not refused with its note', async () => {
    await queueWrapUp('CA1', 'no_answer', '', MARC, T0, { date: localDate(T0 + 86_400_000) });
    worker.on('POST /calls/CA1/wrap-up', () => ({ status: 204 }));
    const later = T0 + 3 * 86_400_000;
    await flushOutbox(client(), MARC, later);
    expect(worker.to('/calls/CA1/wrap-up').map((request) => request.body)).toEqual([
      { disposition: 'no_answer', note: '', followUp: { date: localDate(later) } },
    ]);
  });

  it('replaces the wrap-up of a call saved twice instead of sending two', async () => {
    await queueWrapUp('CA1', 'interested', 'first', MARC, T0);
    await queueWrapUp('CA1', 'meeting_booked', 'second', MARC, T0 + 1);
    expect(await readOutbox()).toHaveLength(1);
    worker.on('POST /calls/CA1/wrap-up', () => ({ status: 200, body: { ok: true } }));
    await flushOutbox(client(), MARC, T0 + 2);
    expect(worker.to('/calls/CA1/wrap-up').map((request) => request.body)).toEqual([
      { disposition: 'meeting_booked', note: 'second' },
    ]);
  });

  it('retries with growing delays while the worker is down or lacks the route, then delivers', async () => {
    await queueWrapUp('CA1', 'no_answer', '', MARC, T0);
    let reply: 'down' | 'missing' | 'up' = 'down';
    worker.on('POST /calls/CA1/wrap-up', () =>
      reply === 'down'
        ? 'network-error'
        : reply === 'missing'
          ? error(404, 'not_found', 'no')
          : { status: 204 },
    );

    expect(await flushOutbox(client(), MARC, T0)).toBe(T0 + retryDelay(1));
    // Not due yet: nothing is sent.
    expect(await flushOutbox(client(), MARC, T0 + 5_000)).toBe(T0 + retryDelay(1));
    expect(worker.to('/calls/CA1/wrap-up')).toHaveLength(1);

    reply = 'missing';
    const second = T0 + retryDelay(1);
    expect(await flushOutbox(client(), MARC, second)).toBe(second + retryDelay(2));
    expect(await readOutbox()).toMatchObject([{ attempts: 2, failed: false, lastError: 'no' }]);

    reply = 'up';
    expect(await flushOutbox(client(), MARC, second + retryDelay(2))).toBeNull();
    expect(await readOutbox()).toEqual([]);
  });

  it('keeps a wrap-up the worker refuses for good, without retrying it on its own', async () => {
    await queueWrapUp('CA1', 'other', 'x'.repeat(10), MARC, T0);
    worker.on('POST /calls/CA1/wrap-up', () => error(400, 'bad_request', 'Note too long.'));
    expect(await flushOutbox(client(), MARC, T0)).toBeNull();
    expect(await readOutbox()).toMatchObject([{ callSid: 'CA1', failed: true, lastError: 'Note too long.' }]);
    await flushOutbox(client(), MARC, T0 + 3_600_000);
    expect(worker.to('/calls/CA1/wrap-up')).toHaveLength(1);

    await retryFailed(MARC, T0 + 3_600_000);
    worker.on('POST /calls/CA1/wrap-up', () => ({ status: 204 }));
    await flushOutbox(client(), MARC, T0 + 3_600_000);
    expect(await readOutbox()).toEqual([]);
  });

  it('keeps a wrap-up refused because a different one is in Odoo already (409), says where to fix it, never retries it', async () => {
    await queueWrapUp('CA1', 'interested', 'second thoughts', MARC, T0);
    worker.on('POST /calls/CA1/wrap-up', () =>
      error(409, 'conflict', 'This call’s outcome and note are in Odoo already: change the note there.'),
    );
    expect(await flushOutbox(client(), MARC, T0)).toBeNull();
    expect(await readOutbox()).toMatchObject([
      {
        callSid: 'CA1',
        note: 'second thoughts',
        failed: true,
        lastError: 'A different outcome and note for this call are already in Odoo: change the note there.',
      },
    ]);
    await flushOutbox(client(), MARC, T0 + 3_600_000);
    expect(worker.to('/calls/CA1/wrap-up')).toHaveLength(1);
  });

  it('waits as long as the worker says after a 429, then sends, without marking it refused', async () => {
    await queueWrapUp('CA1', 'interested', 'a', MARC, T0);
    let limited = true;
    worker.on('POST /calls/CA1/wrap-up', () =>
      limited
        ? error(429, 'rate_limited', 'Too many wrap-ups in a short time. Wait and try again.', {
            details: { retryAfterSeconds: 420 },
            headers: { 'Retry-After': '420' },
          })
        : { status: 200, body: {} },
    );
    expect(await flushOutbox(client(), MARC, T0)).toBe(T0 + 420_000);
    expect(await readOutbox()).toMatchObject([{ failed: false, attempts: 1 }]);
    // The usual backoff would have tried again after 10 s: the worker asked for 7 minutes.
    expect(await flushOutbox(client(), MARC, T0 + retryDelay(1))).toBe(T0 + 420_000);
    expect(worker.to('/calls/CA1/wrap-up')).toHaveLength(1);
    limited = false;
    expect(await flushOutbox(client(), MARC, T0 + 420_000)).toBeNull();
    expect(await readOutbox()).toEqual([]);
  });

  it('stops when Odoo no longer allows the agent (403 about their standing) and keeps everything', async () => {
    await queueWrapUp('CA1', 'interested', 'a', MARC, T0);
    await queueWrapUp('CA2', 'interested', 'b', MARC, T0);
    worker.on('POST *', () =>
      error(403, 'forbidden', 'Odoo no longer accepts this user’s password.', {
        details: { standing: 'refused' },
      }),
    );
    await flushOutbox(client(), MARC, T0);
    expect(worker.requests).toHaveLength(1);
    expect((await readOutbox()).map((item) => item.failed)).toEqual([false, false]);
  });

  it('stops at a 401 and keeps everything for the next sign-in', async () => {
    await queueWrapUp('CA1', 'interested', 'a', MARC, T0);
    await queueWrapUp('CA2', 'interested', 'b', MARC, T0);
    worker.on('POST *', () => error(401, 'unauthorized', 'Session expired.'));
    await flushOutbox(client(), MARC, T0);
    expect(worker.requests).toHaveLength(1);
    expect(await readOutbox()).toMatchObject([
      { callSid: 'CA1', failed: false },
      { callSid: 'CA2', failed: false },
    ]);
  });

  it('does not lose a wrap-up saved while another is being sent', async () => {
    await queueWrapUp('CA1', 'interested', 'a', MARC, T0);
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    worker.on('POST /calls/CA1/wrap-up', () => ({ status: 204 }));
    const slowClient = createWorkerClient(worker.url, 'session-abc', async (...args) => {
      await held;
      return worker.fetch(...(args as Parameters<typeof worker.fetch>));
    });
    const flushing = flushOutbox(slowClient, MARC, T0);
    await queueWrapUp('CA2', 'callback_requested', 'b', MARC, T0 + 1);
    release();
    await flushing;
    expect(await readOutbox()).toMatchObject([{ callSid: 'CA2', note: 'b' }]);
  });

  it('sends an item once even when the alarm and a save flush at the same time', async () => {
    await queueWrapUp('CA1', 'interested', 'a', MARC, T0);
    worker.on('POST /calls/CA1/wrap-up', () => ({ status: 204 }));
    await Promise.all([flushOutbox(client(), MARC, T0), flushOutbox(client(), MARC, T0)]);
    expect(worker.to('/calls/CA1/wrap-up')).toHaveLength(1);
  });
});

describe('wrap-up outbox: every item belongs to its agent', () => {
  let worker: FakeWorker;
  const clientOf = (session: string) => createWorkerClient(worker.url, session, worker.fetch);

  beforeEach(() => {
    fakeChrome.reset();
    worker = createFakeWorker();
    worker.on('POST *', () => ({ status: 204 }));
  });

  it("sends only the agent's own items, and leaves another agent's untouched", async () => {
    await queueWrapUp('CA1', 'interested', "Marc's note", MARC, T0);
    await queueWrapUp('CA2', 'no_answer', "Anne's note", ANNE, T0);
    const marcsItem = (await readOutbox())[0];

    // Nothing of Marc's is due for Anne: her next attempt is hers alone.
    expect(await flushOutbox(clientOf('session-anne'), ANNE, T0)).toBeNull();
    expect(worker.requests.map((request) => [request.path, request.authorization])).toEqual([
      ['/calls/CA2/wrap-up', 'Bearer session-anne'],
    ]);
    expect(await readOutbox()).toEqual([marcsItem]);

    await flushOutbox(clientOf('session-marc'), MARC, T0);
    expect(worker.to('/calls/CA1/wrap-up').map((request) => request.authorization)).toEqual([
      'Bearer session-marc',
    ]);
    expect(await readOutbox()).toEqual([]);
  });

  it('treats the same Odoo user at another worker as another agent', async () => {
    await queueWrapUp('CA1', 'interested', 'a', MARC, T0);
    await flushOutbox(
      clientOf('session-elsewhere'),
      { ...MARC, workerUrl: 'https://other.example.test' },
      T0,
    );
    expect(worker.requests).toEqual([]);
    expect(await readOutbox()).toHaveLength(1);
  });

  it('puts back in line only the refused items of the agent who asked', async () => {
    await queueWrapUp('CA1', 'interested', 'a', MARC, T0);
    await queueWrapUp('CA2', 'interested', 'b', ANNE, T0);
    fakeChrome.storage.local.data.outbox = (await readOutbox()).map((item) => ({ ...item, failed: true }));
    await retryFailed(ANNE, T0);
    expect((await readOutbox()).map((item) => [item.callSid, item.failed])).toEqual([
      ['CA1', true],
      ['CA2', false],
    ]);
  });

  it("gives an older version's item (no owner) to the first agent who sends, then keeps it theirs", async () => {
    fakeChrome.storage.local.data.outbox = [
      {
        callSid: 'CA1',
        disposition: 'interested',
        note: 'queued before owners existed',
        queuedAt: T0,
        attempts: 0,
        nextAttemptAt: T0,
        lastError: null,
        failed: false,
      },
    ];
    worker.on('POST /calls/CA1/wrap-up', () => 'network-error');
    await flushOutbox(clientOf('session-marc'), MARC, T0);
    expect(await readOutbox()).toMatchObject([{ callSid: 'CA1', owner: MARC, attempts: 1 }]);

    await flushOutbox(clientOf('session-anne'), ANNE, T0 + 3_600_000);
    expect(worker.to('/calls/CA1/wrap-up').map((request) => request.authorization)).toEqual([
      'Bearer session-marc',
    ]);
  });
});
