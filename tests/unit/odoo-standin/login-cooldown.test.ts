import { describe, expect, it } from 'vitest';
import { createOdooClient, type OdooRpcError } from '../../support/odoo-standin/client';
import {
  COOLDOWN_MESSAGE,
  FETCH_REMOTE_ADDRESS,
  OdooStandinCore,
  type OdooStandinCoreOptions,
  REMOTE_ADDRESS_HEADER,
  SEED,
} from '../../support/odoo-standin/index';
import { rejection, useStandin } from './use-standin';

/** A stand-in without a port whose clock the test moves, and clients from two addresses. */
function standinAt(options: OdooStandinCoreOptions = {}) {
  let now = new Date('2026-12-07T10:00:00Z');
  const core = new OdooStandinCore({ ...options, clock: () => now });
  const from =
    (address: string): typeof fetch =>
    (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set(REMOTE_ADDRESS_HEADER, address);
      return core.fetch(input, { ...init, headers });
    };
  const worker = createOdooClient({ url: 'https://odoo.example.com', db: core.db, fetch: core.fetch });
  const elsewhere = createOdooClient({
    url: 'https://odoo.example.com',
    db: core.db,
    fetch: from('198.51.100.9'),
  });
  const { uid, apiKey } = core.credentials.service;
  return {
    core,
    worker,
    elsewhere,
    service: worker.session(uid, apiKey),
    passSeconds: (seconds: number) => {
      now = new Date(now.getTime() + seconds * 1000);
    },
  };
}

const failLogins = async (client: ReturnType<typeof createOdooClient>, times: number) => {
  for (let attempt = 0; attempt < times; attempt += 1) {
    expect(await client.login('nobody@example.com', `guess ${attempt}`)).toBe(false);
  }
};

describe("Odoo stand-in: the login cooldown (res.users._assert_can_auth, Odoo 17's defaults)", () => {
  it('refuses every authentication from an address after 5 failures, before checking credentials', async () => {
    const { core, worker, service } = standinAt();
    const { marc } = core.credentials.agents;
    await failLogins(worker, 5);
    expect(core.loginCooldown()).toEqual({
      address: FETCH_REMOTE_ADDRESS,
      failures: 5,
      lastFailureAt: '2026-12-07T10:00:00.000Z',
      coolingDown: true,
      until: '2026-12-07T10:01:00.000Z',
    });
    // Right credentials, refused: login answers false, execute_kw Odoo's AccessDenied.
    expect(await worker.login(marc.login, marc.password!)).toBe(false);
    const error = (await rejection(service.searchRead('crm.lead', [], { limit: 1 }))) as OdooRpcError;
    expect(error.data).toMatchObject({
      name: 'odoo.exceptions.AccessDenied',
      message: COOLDOWN_MESSAGE,
      arguments: [COOLDOWN_MESSAGE],
    });
    expect(COOLDOWN_MESSAGE).toBe('Too many login failures, please wait a bit before trying again.');
    // Refusals are not failures: the count stays at 5.
    expect(core.loginCooldown().failures).toBe(5);
    expect(core.calls.slice(-2).map((call) => call.cooldown)).toEqual(['refused', 'refused']);
  });

  it('lets four failures pass, and a success clears the count', async () => {
    const { core, worker, service } = standinAt();
    await failLogins(worker, 4);
    expect(core.loginCooldown()).toMatchObject({ failures: 4, coolingDown: false, until: null });
    expect(await service.executeKw('crm.lead', 'search_count', [[]])).toEqual(expect.any(Number));
    expect(core.loginCooldown()).toEqual({
      address: FETCH_REMOTE_ADDRESS,
      failures: 0,
      lastFailureAt: null,
      coolingDown: false,
      until: null,
    });
    await failLogins(worker, 4);
    expect(core.loginCooldown().coolingDown).toBe(false);
  });

  it('counts what Odoo counts: unknown login, wrong password or key, wrong uid, archived user', async () => {
    const { core, worker } = standinAt();
    const { marc, sarah } = core.credentials.agents;
    const { archived } = core.credentials;
    const executeKw = (uid: unknown, secret: unknown) =>
      worker.call('object', 'execute_kw', [
        core.db,
        uid,
        secret,
        'res.users',
        'read',
        [[1]],
        { fields: ['name'] },
      ]);
    expect(await worker.login('nobody@example.com', marc.password!)).toBe(false);
    expect(await worker.login(marc.login, 'wrong password')).toBe(false);
    await rejection(executeKw(marc.uid, sarah.apiKey));
    await rejection(executeKw(999, marc.apiKey));
    await rejection(executeKw(archived.uid, archived.apiKey));
    expect(core.loginCooldown().failures).toBe(5);
    expect(core.calls.map((call) => call.cooldown)).toEqual([
      'counted',
      'counted',
      'counted',
      'counted',
      'counted',
    ]);
  });

  it('does not count what Odoo refuses before the cooldown: empty secrets, a uid that is no number', async () => {
    const { core, worker } = standinAt();
    const { marc } = core.credentials.agents;
    expect(await worker.login(marc.login, '')).toBe(false);
    const empty = (await rejection(
      worker.call('object', 'execute_kw', [core.db, marc.uid, '', 'crm.lead', 'search_count', [[]]]),
    )) as OdooRpcError;
    expect(empty.data.message).toBe('Access Denied');
    const notANumber = (await rejection(
      worker.call('object', 'execute_kw', [core.db, 'marc', marc.apiKey, 'crm.lead', 'search_count', [[]]]),
    )) as OdooRpcError;
    expect(notANumber.data.name).toBe('builtins.ValueError');
    expect(core.loginCooldown().failures).toBe(0);
  });

  it('lets the address try again once the minute has passed; one more failure refuses it again', async () => {
    const { core, worker, service, passSeconds } = standinAt();
    const { marc } = core.credentials.agents;
    await failLogins(worker, 5);
    passSeconds(59);
    expect(await worker.login(marc.login, marc.password!)).toBe(false);
    passSeconds(1);
    expect(core.loginCooldown().coolingDown).toBe(false);
    await failLogins(worker, 1);
    expect(core.loginCooldown()).toMatchObject({ failures: 6, coolingDown: true });
    passSeconds(60);
    expect(await worker.login(marc.login, marc.password!)).toBe(marc.uid);
    expect(core.loginCooldown().failures).toBe(0);
    expect(await service.executeKw('crm.lead', 'search_count', [[]])).toEqual(expect.any(Number));
  });

  it('counts each source address apart', async () => {
    const { core, worker, elsewhere, service } = standinAt();
    await failLogins(elsewhere, 5);
    expect(core.loginCooldown('198.51.100.9')).toMatchObject({ failures: 5, coolingDown: true });
    expect(core.loginCooldown()).toMatchObject({ failures: 0, coolingDown: false });
    // The worker's address is not cooling down: its calls go through.
    expect(await service.executeKw('crm.lead', 'search_count', [[]])).toEqual(expect.any(Number));
    const { marc } = core.credentials.agents;
    expect(await elsewhere.login(marc.login, marc.password!)).toBe(false);
    expect(await worker.login(marc.login, marc.password!)).toBe(marc.uid);
    expect(core.calls.map((call) => call.remoteAddress)).toEqual([
      ...Array(5).fill('198.51.100.9'),
      FETCH_REMOTE_ADDRESS,
      '198.51.100.9',
      FETCH_REMOTE_ADDRESS,
    ]);
  });

  it('takes its thresholds per stand-in, and turns off with loginCooldownAfter: 0', async () => {
    const strict = standinAt({ loginCooldownAfter: 2, loginCooldownSeconds: 10 });
    await failLogins(strict.worker, 2);
    expect(strict.core.loginCooldown()).toMatchObject({
      coolingDown: true,
      until: '2026-12-07T10:00:10.000Z',
    });
    strict.passSeconds(10);
    expect(strict.core.loginCooldown().coolingDown).toBe(false);

    const off = standinAt({ loginCooldownAfter: 0 });
    await failLogins(off.worker, 20);
    const { marc } = off.core.credentials.agents;
    expect(await off.worker.login(marc.login, marc.password!)).toBe(marc.uid);
    expect(() => new OdooStandinCore({ loginCooldownSeconds: -1 })).toThrow(RangeError);
  });

  it('forgets every failure on reset()', async () => {
    const { core, worker } = standinAt();
    await failLogins(worker, 5);
    await core.reset();
    expect(core.loginCooldown()).toMatchObject({ failures: 0, coolingDown: false });
    expect(core.cooldown.states()).toEqual([]);
  });
});

describe('Odoo stand-in: the login cooldown over HTTP and the control API', () => {
  const odoo = useStandin();
  const control = async (method: string, path: string) => {
    const response = await fetch(new URL(`/__standin/${path}`, odoo.standin.url), { method });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it("counts the socket's address, and reports it on /__standin/login-cooldown", async () => {
    await failLogins(odoo.client, 5);
    const { marc } = odoo.standin.credentials.agents;
    expect(await odoo.client.login(marc.login, marc.password!)).toBe(false);
    expect(odoo.standin.calls.at(-1)).toMatchObject({ remoteAddress: '127.0.0.1', cooldown: 'refused' });
    expect(await control('GET', 'login-cooldown?address=127.0.0.1')).toEqual({
      status: 200,
      body: { cooldown: expect.objectContaining({ address: '127.0.0.1', failures: 5, coolingDown: true }) },
    });
    expect((await control('GET', 'login-cooldown')).body).toEqual({
      cooldowns: [expect.objectContaining({ address: '127.0.0.1', failures: 5 })],
    });
    expect((await control('GET', 'info')).body).toMatchObject({ loginCooldown: { after: 5, seconds: 60 } });
    expect(await control('DELETE', 'login-cooldown')).toEqual({ status: 200, body: { cleared: true } });
    expect(await odoo.client.login(marc.login, marc.password!)).toBe(SEED.users.marc);
  });

  it('answers 400 for an empty address', async () => {
    expect(await control('GET', 'login-cooldown?address=')).toMatchObject({
      status: 400,
      body: { error: { code: 'bad_request' } },
    });
  });
});
