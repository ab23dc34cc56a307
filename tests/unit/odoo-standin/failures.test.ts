import { request } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOdooClient, OdooHttpError, type OdooRpcError } from '../../support/odoo-standin/client';
import { FailureInjector } from '../../support/odoo-standin/failures';
import { SEED } from '../../support/odoo-standin/index';
import { rejection, useStandin } from './use-standin';

const NOTE = { message_type: 'comment', subtype_xmlid: 'mail.mt_note', body: 'Call logged' };

/** One POST on a fresh connection (no keep-alive pool): the HTTP status, or the socket error code. */
function freshConnectionStatus(url: string): Promise<number | string> {
  return new Promise((resolve) => {
    const req = request(new URL('/jsonrpc', url), {
      method: 'POST',
      agent: false,
      headers: { 'Content-Type': 'application/json' },
    });
    req.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    req.end(
      JSON.stringify({
        jsonrpc: '2.0',
        method: 'call',
        params: { service: 'common', method: 'version', args: [] },
        id: 1,
      }),
    );
  });
}

describe('Odoo stand-in: failure injection and recovery', () => {
  const odoo = useStandin();
  const notesOnOfficeDesign = () =>
    odoo.standin
      .messagesOn('crm.lead', SEED.leads.officeDesign)
      .filter((message) => message.body === '<p>Call logged</p>');
  const post = () => odoo.service.messagePost('crm.lead', SEED.leads.officeDesign, NOTE);

  it('down (drop): connections close without an answer and nothing runs; recover() brings it back', async () => {
    await odoo.standin.fail({ kind: 'down' });
    const error = await rejection(post());
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe('fetch failed');
    expect(notesOnOfficeDesign()).toEqual([]);
    expect(odoo.standin.calls.at(-1)).toMatchObject({
      method: 'message_post',
      injected: 'down',
      outcome: { kind: 'dropped' },
    });

    await odoo.standin.recover();
    await post();
    expect(notesOnOfficeDesign()).toHaveLength(1);
  });

  it('down (refuse): the port refuses connections until recovered, then answers on the same URL', async () => {
    const url = odoo.standin.url;
    await odoo.standin.fail({ kind: 'down', how: 'refuse' });
    expect(await freshConnectionStatus(url)).toBe('ECONNREFUSED');
    await rejection(odoo.client.version());

    await odoo.standin.recover();
    expect(odoo.standin.url).toBe(url);
    expect(await freshConnectionStatus(url)).toBe(200);
    expect((await odoo.client.version()).server_version).toBe('17.0');
  });

  it('slow: a client that gives up still gets its write applied, as with a real slow Odoo', async () => {
    await odoo.standin.fail({ kind: 'slow', delayMs: 400 });
    const { uid, apiKey } = odoo.standin.credentials.service;
    const impatient = createOdooClient({ url: odoo.standin.url, db: odoo.standin.db, timeoutMs: 50 }).session(
      uid,
      apiKey,
    );
    const error = await rejection(impatient.messagePost('crm.lead', SEED.leads.officeDesign, NOTE));
    expect((error as Error).name).toBe('TimeoutError');

    const call = await odoo.standin.waitForCall((candidate) => candidate.method === 'message_post', {
      timeoutMs: 5_000,
    });
    expect(call).toMatchObject({ injected: 'slow', outcome: { kind: 'result' } });
    expect(notesOnOfficeDesign()).toHaveLength(1);

    // A patient client gets its answer.
    expect(await odoo.client.version()).toMatchObject({ server_version: '17.0' });
  });

  it('http-error: answers an HTML error page with the status (500 by default, 503 like a proxy)', async () => {
    await odoo.standin.fail({ kind: 'http-error' });
    const error = (await rejection(post())) as OdooHttpError;
    expect(error).toBeInstanceOf(OdooHttpError);
    expect(error.status).toBe(500);
    expect(error.body).toContain('<title>500 Internal Server Error</title>');

    await odoo.standin.fail({ kind: 'http-error', status: 503 });
    expect(((await rejection(odoo.client.version())) as OdooHttpError).status).toBe(503);
    expect(notesOnOfficeDesign()).toEqual([]);
  });

  it('odoo-error: every call answers an AccessError (or the exception asked for) and nothing runs', async () => {
    await odoo.standin.fail({ kind: 'odoo-error' });
    for (const call of [post(), odoo.client.version(), odoo.service.searchRead('crm.lead', [])]) {
      expect(((await rejection(call)) as OdooRpcError).data.name).toBe('odoo.exceptions.AccessError');
    }
    await odoo.standin.fail({
      kind: 'odoo-error',
      exception: 'MissingError',
      message: 'Record does not exist or has been deleted.',
    });
    expect(((await rejection(post())) as OdooRpcError).data).toMatchObject({
      name: 'odoo.exceptions.MissingError',
      message: 'Record does not exist or has been deleted.',
    });
    expect(notesOnOfficeDesign()).toEqual([]);
  });

  it('only: fails message_post alone while look-ups keep working', async () => {
    await odoo.standin.fail({ kind: 'odoo-error', only: { methods: ['message_post'] } });
    const leads = await odoo.service.searchRead(
      'crm.lead',
      [['phone_mobile_search', '=', SEED.numbers.decoAddict]],
      {
        fields: ['id'],
      },
    );
    expect(leads).toHaveLength(2);
    expect(((await rejection(post())) as OdooRpcError).data.name).toBe('odoo.exceptions.AccessError');
    // Another model's message_post is not in scope when models are limited.
    await odoo.standin.fail({ kind: 'down', only: { models: ['res.partner'], methods: ['message_post'] } });
    await post();
    await rejection(odoo.service.messagePost('res.partner', SEED.partners.decoAddict, NOTE));
    expect(notesOnOfficeDesign()).toHaveLength(1);
  });

  it('times: fails the next N matching calls, then clears itself', async () => {
    await odoo.standin.fail({
      kind: 'http-error',
      status: 502,
      times: 2,
      only: { methods: ['message_post'] },
    });
    await odoo.service.searchRead('crm.lead', [], { limit: 1 });
    expect(odoo.standin.failure()?.remaining).toBe(2);
    await rejection(post());
    await rejection(post());
    expect(odoo.standin.failure()).toBeNull();
    await post();
    expect(notesOnOfficeDesign()).toHaveLength(1);
  });

  it('lose-response: the call runs but the answer never arrives (a retry would post twice)', async () => {
    await odoo.standin.fail({ kind: 'lose-response', only: { methods: ['message_post'] }, times: 1 });
    await rejection(post());
    expect(notesOnOfficeDesign()).toHaveLength(1);
    expect(odoo.standin.calls.at(-1)).toMatchObject({
      method: 'message_post',
      injected: 'lose-response',
      responseLost: true,
      outcome: { kind: 'result' },
    });
  });

  it('applies to other routes too, except the control API', async () => {
    odoo.standin.route('GET', '/web/login', ({ res }) => {
      res.end('login page');
    });
    await odoo.standin.fail({ kind: 'http-error', status: 503 });
    expect((await fetch(new URL('/web/login', odoo.standin.url))).status).toBe(503);
    expect((await fetch(new URL('/__standin/failure', odoo.standin.url))).status).toBe(200);
    await odoo.standin.recover();
    expect(await (await fetch(new URL('/web/login', odoo.standin.url))).text()).toBe('login page');
  });

  it('refuses modes that make no sense', async () => {
    for (const mode of [
      { kind: 'slow' },
      { kind: 'teapot' },
      { kind: 'down', how: 'refuse', only: { methods: ['message_post'] } },
      { kind: 'odoo-error', exception: 'KeyboardInterrupt' },
      { kind: 'down', times: 0 },
    ]) {
      await expect(odoo.standin.fail(mode as never)).rejects.toThrow();
    }
    expect(odoo.standin.failure()).toBeNull();
  });
});

describe('FailureInjector timing', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('clears a mode given forMs once that time has passed', () => {
    vi.useFakeTimers();
    const injector = new FailureInjector();
    const changes: unknown[] = [];
    injector.onChange((failure) => changes.push(failure?.mode.kind ?? null));
    const active = injector.set({ kind: 'down', forMs: 30_000 });
    expect(active.until).toBeDefined();
    vi.advanceTimersByTime(29_999);
    expect(injector.take({ service: 'object', method: 'message_post' })?.kind).toBe('down');
    vi.advanceTimersByTime(1);
    expect(injector.current()).toBeNull();
    expect(injector.take({ service: 'object', method: 'message_post' })).toBeNull();
    expect(changes).toEqual(['down', null]);
  });
});
