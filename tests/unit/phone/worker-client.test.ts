import { describe, expect, it } from 'vitest';
import { createWorkerClient, endsSession } from '../../../extension/lib/worker-client';
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

  it('takes a token answer whose allowed countries are not a list of codes as a bad response', async () => {
    const worker = createFakeWorker();
    const token = { token: 'jwt', identity: 'odoo_7', expiresAt: '2099-01-01T00:00:00Z' };
    const client = createWorkerClient(worker.url, 's1', worker.fetch);
    worker.on('POST /token', () => ({ status: 200, body: { ...token, allowedCountries: 'FR,BE' } }));
    expect(await client.token()).toMatchObject({ ok: false, code: 'bad_response' });
    worker.on('POST /token', () => ({ status: 200, body: { ...token, allowedCountries: ['FR', 32] } }));
    expect(await client.token()).toMatchObject({ ok: false, code: 'bad_response' });
    worker.on('POST /token', () => ({ status: 200, body: { ...token, allowedCountries: ['FR', 'BE'] } }));
    expect(await client.token()).toMatchObject({ ok: true, data: { allowedCountries: ['FR', 'BE'] } });
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

  it('passes on the worker’s details and when to ask again (body first, else Retry-After)', async () => {
    const worker = createFakeWorker();
    const client = createWorkerClient(worker.url, null, worker.fetch);
    // Chrome hides Retry-After from the extension unless the worker exposes it: the body counts.
    worker.on('POST /auth/login', () =>
      error(429, 'rate_limited', 'Too many failed sign-ins from here. Wait and try again.', {
        details: { retryAfterSeconds: 299.5 },
      }),
    );
    expect(await client.login({ login: 'x', password: 'y' })).toEqual({
      ok: false,
      status: 429,
      code: 'rate_limited',
      message: 'Too many failed sign-ins from here. Wait and try again.',
      details: { retryAfterSeconds: 299.5 },
      retryAfterSeconds: 300,
    });
    worker.on('POST /auth/login', () =>
      error(503, 'odoo_unreachable', 'Odoo refuses sign-ins.', { headers: { 'Retry-After': '60' } }),
    );
    expect(await client.login({ login: 'x', password: 'y' })).toMatchObject({ retryAfterSeconds: 60 });
  });

  it('ends the session at the worker with POST /auth/logout and the bearer', async () => {
    const worker = createFakeWorker();
    worker.on('POST /auth/logout', () => ({ status: 204 }));
    expect(await createWorkerClient(worker.url, 's1', worker.fetch).logout()).toEqual({
      ok: true,
      data: null,
    });
    expect(worker.to('/auth/logout')).toMatchObject([{ method: 'POST', authorization: 'Bearer s1' }]);
  });

  it('tells a session the worker ended (401, a 403 about the agent) from a refused request', () => {
    const failure = (status: number, details?: unknown) => ({
      ok: false as const,
      status,
      code: 'forbidden' as const,
      message: 'm',
      ...(details === undefined ? {} : { details }),
    });
    expect(endsSession(failure(401))).toBe(true);
    expect(endsSession(failure(403, { standing: 'not_in_group' }))).toBe(true);
    // Another agent's call: that request only.
    expect(endsSession(failure(403))).toBe(false);
    expect(endsSession(failure(409))).toBe(false);
  });
});
