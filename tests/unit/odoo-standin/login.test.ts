import { describe, expect, it } from 'vitest';
import { OdooRpcError } from '../../support/odoo-standin/client';
import { SEED } from '../../support/odoo-standin/index';
import { rejection, useStandin } from './use-standin';

describe('Odoo stand-in: common service and credentials', () => {
  const odoo = useStandin();

  it('answers version like Odoo 17', async () => {
    expect(await odoo.client.version()).toEqual({
      server_version: '17.0',
      server_version_info: [17, 0, 0, 'final', 0, ''],
      server_serie: '17.0',
      protocol_version: 1,
    });
  });

  it('logs an agent in with the password and with the API key', async () => {
    const { camille } = odoo.standin.credentials.agents;
    expect(await odoo.client.login(camille.login, camille.password!)).toBe(SEED.users.camille);
    expect(await odoo.client.login(camille.login, camille.apiKey)).toBe(SEED.users.camille);
  });

  it('logs the service account in with its API key only', async () => {
    const { service } = odoo.standin.credentials;
    expect(service.password).toBeNull();
    expect(await odoo.client.login(service.login, service.apiKey)).toBe(SEED.users.service);
  });

  it('answers false, not an error, for bad credentials', async () => {
    const { camille, sarah } = odoo.standin.credentials.agents;
    expect(await odoo.client.login(camille.login, 'wrong password')).toBe(false);
    expect(await odoo.client.login(camille.login, sarah.apiKey)).toBe(false);
    expect(await odoo.client.login('nobody@example.com', camille.password!)).toBe(false);
    expect(await odoo.client.login(camille.login, '')).toBe(false);
  });

  it('logs in the portal user and the employee outside sales: logging in checks no group', async () => {
    const { portal, accountant } = odoo.standin.credentials;
    for (const user of [portal, accountant]) {
      expect(await odoo.client.login(user.login, user.password!)).toBe(user.uid);
      expect(await odoo.client.login(user.login, user.apiKey)).toBe(user.uid);
    }
  });

  it('refuses an archived user even with the right password', async () => {
    const { archived } = odoo.standin.credentials;
    expect(await odoo.client.login(archived.login, archived.password!)).toBe(false);
    const session = odoo.client.session(archived.uid, archived.apiKey);
    const error = await rejection(session.searchRead('crm.lead', [], { limit: 1 }));
    expect((error as OdooRpcError).data.name).toBe('odoo.exceptions.AccessDenied');
  });

  it('supports authenticate with a user agent env', async () => {
    const { lucas } = odoo.standin.credentials.agents;
    expect(
      await odoo.client.call('common', 'authenticate', [odoo.standin.db, lucas.login, lucas.password, {}]),
    ).toBe(SEED.users.lucas);
  });

  it('fails a login on a database that does not exist as Odoo does', async () => {
    const { marc } = odoo.standin.credentials.agents;
    const error = await rejection(
      odoo.client.call('common', 'login', ['no_such_db', marc.login, marc.password]),
    );
    expect(error).toBeInstanceOf(OdooRpcError);
    expect((error as OdooRpcError).data.name).toBe('psycopg2.OperationalError');
    expect((error as OdooRpcError).data.message).toContain('database "no_such_db" does not exist');
  });

  it('accepts execute_kw with the uid and either secret, and refuses the wrong pairing', async () => {
    const { marc, sarah } = odoo.standin.credentials.agents;
    const read = (uid: number | string, secret: string) =>
      odoo.client.call('object', 'execute_kw', [
        odoo.standin.db,
        uid,
        secret,
        'res.users',
        'read',
        [[uid]],
        { fields: ['name'] },
      ]);
    expect(await read(marc.uid, marc.password!)).toEqual([{ id: marc.uid, name: 'Marc Demo' }]);
    expect(await read(marc.uid, marc.apiKey)).toEqual([{ id: marc.uid, name: 'Marc Demo' }]);
    for (const [uid, secret] of [
      [marc.uid, sarah.apiKey],
      [sarah.uid, marc.password!],
      [999, marc.apiKey],
    ] as const) {
      const error = await rejection(read(uid, secret));
      expect((error as OdooRpcError).data).toMatchObject({
        name: 'odoo.exceptions.AccessDenied',
        message: 'Access Denied',
      });
    }
  });

  it('reads the users the worker needs: language, partner, time zone', async () => {
    const users = await odoo.service.searchRead('res.users', [['share', '=', false]], {
      fields: ['name', 'login', 'lang', 'partner_id', 'tz'],
      order: 'id',
    });
    // Active internal users: not the archived ones, not the portal user.
    expect(users.map((user) => user.id)).toEqual([
      SEED.users.admin,
      SEED.users.marc,
      SEED.users.camille,
      SEED.users.lucas,
      SEED.users.sarah,
      SEED.users.service,
      SEED.users.hugo,
      SEED.users.claire,
    ]);
    expect(users.find((user) => user.id === SEED.users.camille)).toEqual({
      id: SEED.users.camille,
      name: 'Camille Martin',
      login: 'camille.martin@example.com',
      lang: 'fr_FR',
      partner_id: [SEED.partners.camille, 'YourCompany, Camille Martin'],
      tz: 'Europe/Paris',
    });
    expect(new Set(users.map((user) => user.lang))).toEqual(new Set(['en_US', 'fr_FR']));
  });

  it('never logs a password or an API key', async () => {
    const { camille } = odoo.standin.credentials.agents;
    await odoo.client.login(camille.login, camille.password!);
    await odoo.service.searchRead('crm.lead', [], { limit: 1 });
    const logged = JSON.stringify(odoo.standin.calls);
    expect(logged).not.toContain(camille.password);
    expect(logged).not.toContain(odoo.standin.credentials.service.apiKey);
    expect(odoo.standin.calls[0]).toMatchObject({ service: 'common', method: 'login', login: camille.login });
  });
});
