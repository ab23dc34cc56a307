import { describe, expect, it } from 'vitest';
import { createWorkerClient } from '../../../extension/lib/worker-client';
import { AGENT, createFakeWorker, error } from './support/fake-worker';

describe('worker client', () => {
  it('logs in without a bearer and sends the session on agent routes', async () => {
    const worker = createFakeWorker();
    worker.on('POST /auth/login', () => ({
      status: 200,
      body: { session: 's1', expiresAt: '2099-01-01T00:00:00Z', agent: AGENT },
    }));
    worker.on('POST /token', () => ({
      status: 200,
      body: { token: 'jwt', identity: 'odoo_7', expiresAt: '2099-01-01T00:00:00Z' },
    }));
    await createWorkerClient(worker.url, null, worker.fetch).login({ login: 'marc', password: 'pw' });
    await createWorkerClient(worker.url, 's1', worker.fetch).token();
    expect(worker.requests.map(({ path, authorization }) => ({ path, authorization }))).toEqual([
      { path: '/auth/login', authorization: null },
      { path: '/token', authorization: 'Bearer s1' },
    ]);
  });

  it('returns the worker’s error code and message as data', async () => {
    const worker = createFakeWorker();
    worker.on('POST /auth/login', () => error(401, 'unauthorized', 'Bad credentials.'));
    expect(
      await createWorkerClient(worker.url, null, worker.fetch).login({ login: 'x', password: 'y' }),
    ).toEqual({
      ok: false,
      status: 401,
      code: 'unauthorized',
      message: 'Bad credentials.',
    });
  });

  it('calls an unreachable worker `network` and a non-API answer `bad_response`', async () => {
    const worker = createFakeWorker();
    worker.on('POST /token', () => 'network-error');
    worker.on('GET /calls', () => ({ status: 200, body: { nope: true } }));
    const client = createWorkerClient(worker.url, 's1', worker.fetch);
    expect(await client.token()).toMatchObject({ ok: false, status: 0, code: 'network' });
    expect(await client.recentCalls()).toMatchObject({ ok: false, code: 'bad_response' });
  });

  it('maps a bare 404 (a worker without the route) to not_found', async () => {
    const worker = createFakeWorker();
    const plain404 = async () => new Response('Not Found', { status: 404 });
    expect(
      await createWorkerClient(worker.url, 's1', plain404).presence({
        status: 'available',
        registered: true,
      }),
    ).toEqual({
      ok: false,
      status: 404,
      code: 'not_found',
      message: 'HTTP 404',
    });
  });

  it('escapes the CallSid in the wrap-up path', async () => {
    const worker = createFakeWorker();
    worker.on('POST *', () => ({ status: 204 }));
    await createWorkerClient(worker.url, 's1', worker.fetch).wrapUp('CA1/../x', {
      disposition: 'other',
      note: '',
    });
    expect(worker.requests[0]?.path).toBe('/calls/CA1%2F..%2Fx/wrap-up');
  });
});
