import './support/install';

import { beforeEach, describe, expect, it } from 'vitest';
import {
  flushOutbox,
  queueWrapUp,
  readOutbox,
  retryDelay,
  retryFailed,
} from '../../../extension/background/outbox';
import { createWorkerClient } from '../../../extension/lib/worker-client';
import { createFakeWorker, error, type FakeWorker } from './support/fake-worker';
import { fakeChrome } from './support/install';

const T0 = 1_700_000_000_000;

describe('wrap-up outbox', () => {
  let worker: FakeWorker;
  const client = () => createWorkerClient(worker.url, 'session-abc', worker.fetch);

  beforeEach(() => {
    fakeChrome.reset();
    worker = createFakeWorker();
  });

  it('keeps a saved wrap-up in storage until the worker has it', async () => {
    await queueWrapUp('CA1', 'interested', 'Wants a demo on Tuesday', T0);
    expect(fakeChrome.storage.local.data.outbox).toMatchObject([
      { callSid: 'CA1', note: 'Wants a demo on Tuesday' },
    ]);
    worker.on('POST /calls/CA1/wrap-up', () => ({ status: 204 }));

    expect(await flushOutbox(client(), T0)).toBeNull();
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

  it('replaces the wrap-up of a call saved twice instead of sending two', async () => {
    await queueWrapUp('CA1', 'interested', 'first', T0);
    await queueWrapUp('CA1', 'meeting_booked', 'second', T0 + 1);
    expect(await readOutbox()).toHaveLength(1);
    worker.on('POST /calls/CA1/wrap-up', () => ({ status: 200, body: { ok: true } }));
    await flushOutbox(client(), T0 + 2);
    expect(worker.to('/calls/CA1/wrap-up').map((request) => request.body)).toEqual([
      { disposition: 'meeting_booked', note: 'second' },
    ]);
  });

  it('retries with growing delays while the worker is down or lacks the route, then delivers', async () => {
    await queueWrapUp('CA1', 'no_answer', '', T0);
    let reply: 'down' | 'missing' | 'up' = 'down';
    worker.on('POST /calls/CA1/wrap-up', () =>
      reply === 'down'
        ? 'network-error'
        : reply === 'missing'
          ? error(404, 'not_found', 'no')
          : { status: 204 },
    );

    expect(await flushOutbox(client(), T0)).toBe(T0 + retryDelay(1));
    // Not due yet: nothing is sent.
    expect(await flushOutbox(client(), T0 + 5_000)).toBe(T0 + retryDelay(1));
    expect(worker.to('/calls/CA1/wrap-up')).toHaveLength(1);

    reply = 'missing';
    const second = T0 + retryDelay(1);
    expect(await flushOutbox(client(), second)).toBe(second + retryDelay(2));
    expect(await readOutbox()).toMatchObject([{ attempts: 2, failed: false, lastError: 'no' }]);

    reply = 'up';
    expect(await flushOutbox(client(), second + retryDelay(2))).toBeNull();
    expect(await readOutbox()).toEqual([]);
  });

  it('keeps a wrap-up the worker refuses for good, without retrying it on its own', async () => {
    await queueWrapUp('CA1', 'other', 'x'.repeat(10), T0);
    worker.on('POST /calls/CA1/wrap-up', () => error(400, 'bad_request', 'Note too long.'));
    expect(await flushOutbox(client(), T0)).toBeNull();
    expect(await readOutbox()).toMatchObject([{ callSid: 'CA1', failed: true, lastError: 'Note too long.' }]);
    await flushOutbox(client(), T0 + 3_600_000);
    expect(worker.to('/calls/CA1/wrap-up')).toHaveLength(1);

    await retryFailed(T0 + 3_600_000);
    worker.on('POST /calls/CA1/wrap-up', () => ({ status: 204 }));
    await flushOutbox(client(), T0 + 3_600_000);
    expect(await readOutbox()).toEqual([]);
  });

  it('stops at a 401 and keeps everything for the next sign-in', async () => {
    await queueWrapUp('CA1', 'interested', 'a', T0);
    await queueWrapUp('CA2', 'interested', 'b', T0);
    worker.on('POST *', () => error(401, 'unauthorized', 'Session expired.'));
    await flushOutbox(client(), T0);
    expect(worker.requests).toHaveLength(1);
    expect(await readOutbox()).toMatchObject([
      { callSid: 'CA1', failed: false },
      { callSid: 'CA2', failed: false },
    ]);
  });

  it('does not lose a wrap-up saved while another is being sent', async () => {
    await queueWrapUp('CA1', 'interested', 'a', T0);
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    worker.on('POST /calls/CA1/wrap-up', () => ({ status: 204 }));
    const slowClient = createWorkerClient(worker.url, 'session-abc', async (...args) => {
      await held;
      return worker.fetch(...(args as Parameters<typeof worker.fetch>));
    });
    const flushing = flushOutbox(slowClient, T0);
    await queueWrapUp('CA2', 'callback_requested', 'b', T0 + 1);
    release();
    await flushing;
    expect(await readOutbox()).toMatchObject([{ callSid: 'CA2', note: 'b' }]);
  });

  it('sends an item once even when the alarm and a save flush at the same time', async () => {
    await queueWrapUp('CA1', 'interested', 'a', T0);
    worker.on('POST /calls/CA1/wrap-up', () => ({ status: 204 }));
    await Promise.all([flushOutbox(client(), T0), flushOutbox(client(), T0)]);
    expect(worker.to('/calls/CA1/wrap-up')).toHaveLength(1);
  });
});
