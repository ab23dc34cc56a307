import { describe, expect, it } from 'vitest';
import type { OdooRpcError, OdooSession } from '../../support/odoo-standin/client';
import { SEED, type StandinUser } from '../../support/odoo-standin/index';
import { rejection, useStandin } from './use-standin';

const SALESMAN = 'sales_team.group_sale_salesman';
const ALL_LEADS = 'sales_team.group_sale_salesman_all_leads';

describe('Odoo stand-in: groups, share and has_group as in Odoo 17.0', () => {
  const odoo = useStandin();
  const as = (user: StandinUser): OdooSession => odoo.client.session(user.uid, user.apiKey);
  const groupIdOf = async (xmlid: string): Promise<number> => {
    const [module, name] = xmlid.split('.');
    const [entry] = await odoo.service.searchRead<{ res_id: number }>(
      'ir.model.data',
      [
        ['model', '=', 'res.groups'],
        ['module', '=', module],
        ['name', '=', name],
      ],
      { fields: ['res_id'] },
    );
    return entry!.res_id;
  };

  it("has Odoo's sales groups under their xml ids, each implying the one below", async () => {
    const groups = await odoo.service.searchRead<{
      id: number;
      full_name: string;
      implied_ids: number[];
      trans_implied_ids: number[];
    }>('res.groups', [['full_name', 'ilike', 'Sales /']], {
      fields: ['full_name', 'implied_ids', 'trans_implied_ids'],
      order: 'id',
    });
    const own = await groupIdOf(SALESMAN);
    const all = await groupIdOf(ALL_LEADS);
    const manager = await groupIdOf('sales_team.group_sale_manager');
    const internal = await groupIdOf('base.group_user');
    expect(groups).toEqual([
      {
        id: own,
        full_name: 'Sales / User: Own Documents Only',
        implied_ids: [internal],
        trans_implied_ids: [internal],
      },
      {
        id: all,
        full_name: 'Sales / User: All Documents',
        implied_ids: [own],
        trans_implied_ids: [own, internal],
      },
      {
        id: manager,
        full_name: 'Sales / Administrator',
        implied_ids: [all],
        trans_implied_ids: [all, own, internal],
      },
    ]);
    for (const xmlid of ['base.group_portal', 'base.group_public', 'base.group_system']) {
      expect(await groupIdOf(xmlid)).toEqual(expect.any(Number));
    }
  });

  it('stores the implied groups in groups_id, as Odoo 17 does', async () => {
    const [hugo, camille, admin] = await odoo.service.read<{ id: number; groups_id: number[] }>(
      'res.users',
      [SEED.users.hugo, SEED.users.camille, SEED.users.admin],
      ['groups_id'],
    );
    const [own, all, manager, internal, system] = await Promise.all(
      [SALESMAN, ALL_LEADS, 'sales_team.group_sale_manager', 'base.group_user', 'base.group_system'].map(
        groupIdOf,
      ),
    );
    expect(hugo!.groups_id).toEqual(expect.arrayContaining([own, internal]));
    expect(hugo!.groups_id).not.toContain(all);
    expect(camille!.groups_id).toEqual(expect.arrayContaining([all, own, internal]));
    expect(camille!.groups_id).not.toContain(manager);
    expect(admin!.groups_id).toEqual(expect.arrayContaining([manager, all, own, internal, system]));
    // Searching by group finds members through implied groups too (the Own Documents group).
    const members = await odoo.service.executeKw<number[]>(
      'res.users',
      'search',
      [[['groups_id', 'in', [own]]]],
      {
        order: 'id',
      },
    );
    expect(members).toEqual([
      SEED.users.admin,
      SEED.users.marc,
      SEED.users.camille,
      SEED.users.lucas,
      SEED.users.sarah,
      SEED.users.service,
      SEED.users.hugo,
    ]);
  });

  it('computes share (stored, searchable): true only for users who are not Internal Users', async () => {
    const users = await odoo.service.searchRead<{ id: number; share: boolean }>('res.users', [], {
      fields: ['share'],
      order: 'id',
      context: { active_test: false },
    });
    const shared = users.filter((user) => user.share).map((user) => user.id);
    expect(shared).toEqual([SEED.users.addison]);
    expect(await odoo.service.executeKw('res.users', 'search', [[['share', '=', true]]])).toEqual([
      SEED.users.addison,
    ]);
  });

  it("lets the service account read any user's active, share and login; archived users by id only", async () => {
    const { archived, portal } = odoo.standin.credentials;
    const fields = ['active', 'share', 'login'];
    expect(await odoo.service.read('res.users', [archived.uid, portal.uid], fields)).toEqual([
      { id: archived.uid, active: false, share: false, login: archived.login },
      { id: portal.uid, active: true, share: true, login: portal.login },
    ]);
    const byLogin = [['login', '=', archived.login]];
    expect(await odoo.service.searchRead('res.users', byLogin, { fields })).toEqual([]);
    expect(
      await odoo.service.executeKw('res.users', 'search', [byLogin], { context: { active_test: false } }),
    ).toEqual([archived.uid]);
  });

  it('answers has_group about the calling user, for the group and the groups it implies', async () => {
    const { agents, accountant, portal, service } = odoo.standin.credentials;
    const hasGroup = (user: StandinUser, xmlid: string) =>
      as(user).executeKw('res.users', 'has_group', [xmlid]);
    expect(await hasGroup(agents.hugo, SALESMAN)).toBe(true);
    expect(await hasGroup(agents.hugo, ALL_LEADS)).toBe(false);
    expect(await hasGroup(agents.hugo, 'base.group_user')).toBe(true);
    expect(await hasGroup(agents.camille, SALESMAN)).toBe(true);
    expect(await hasGroup(service, ALL_LEADS)).toBe(true);
    expect(await hasGroup(accountant, 'base.group_user')).toBe(true);
    expect(await hasGroup(accountant, SALESMAN)).toBe(false);
    // A portal user may ask (about themselves): 17.0 has no guard on has_group.
    expect(await hasGroup(portal, 'base.group_portal')).toBe(true);
    expect(await hasGroup(portal, 'base.group_user')).toBe(false);
  });

  it('answers false for a well-formed xml id that names no group (17.0 looks it up with SQL)', async () => {
    expect(await odoo.service.executeKw('res.users', 'has_group', ['sales_team.group_sale_typo'])).toBe(
      false,
    );
    expect(await odoo.service.executeKw('res.users', 'has_group', ['base.main_partner'])).toBe(false);
  });

  it('fails like Odoo 17.0 for an xml id without module, and for the 17.2+ call with ids', async () => {
    const unqualified = (await rejection(
      odoo.service.executeKw('res.users', 'has_group', ['group_sale_salesman']),
    )) as OdooRpcError;
    expect(unqualified.data).toMatchObject({
      name: 'builtins.AssertionError',
      message: "External ID 'group_sale_salesman' must be fully qualified",
    });
    const withIds = (await rejection(
      odoo.service.executeKw('res.users', 'has_group', [[SEED.users.hugo], SALESMAN]),
    )) as OdooRpcError;
    expect(withIds.data).toMatchObject({
      name: 'builtins.TypeError',
      message: 'Users.has_group() takes 2 positional arguments but 3 were given',
    });
    const twoDots = (await rejection(
      odoo.service.executeKw('res.users', 'has_group', ['sales_team.group.x']),
    )) as OdooRpcError;
    expect(twoDots.data.name).toBe('builtins.ValueError');
  });
});

describe('Odoo stand-in 18.3: has_group on a user record, group_ids and all_group_ids', () => {
  const odoo = useStandin({ version: '18.3' });
  const as = (user: StandinUser): OdooSession => odoo.client.session(user.uid, user.apiKey);

  it('answers has_group for the user whose id is given, implied groups included', async () => {
    const hasGroup = (uid: number, xmlid: string) =>
      odoo.service.executeKw('res.users', 'has_group', [[uid], xmlid]);
    expect(await hasGroup(SEED.users.hugo, SALESMAN)).toBe(true);
    expect(await hasGroup(SEED.users.hugo, ALL_LEADS)).toBe(false);
    expect(await hasGroup(SEED.users.camille, SALESMAN)).toBe(true);
    expect(await hasGroup(SEED.users.addison, 'base.group_user')).toBe(false);
    expect(await hasGroup(SEED.users.julien, SALESMAN)).toBe(true);
    expect(await hasGroup(SEED.users.hugo, 'sales_team.no_such_group')).toBe(false);
  });

  it('lets a portal user ask about themselves only', async () => {
    const { portal } = odoo.standin.credentials;
    expect(await as(portal).executeKw('res.users', 'has_group', [[portal.uid], 'base.group_portal'])).toBe(
      true,
    );
    const error = (await rejection(
      as(portal).executeKw('res.users', 'has_group', [[SEED.users.camille], SALESMAN]),
    )) as OdooRpcError;
    expect(error.data).toMatchObject({
      name: 'odoo.exceptions.AccessError',
      message: 'You can ony call user.has_group() with your current user.',
    });
  });

  it('needs exactly one user', async () => {
    const error = (await rejection(
      odoo.service.executeKw('res.users', 'has_group', [[SEED.users.hugo, SEED.users.camille], SALESMAN]),
    )) as OdooRpcError;
    expect(error.data).toMatchObject({
      name: 'builtins.ValueError',
      message: 'Expected singleton: res.users(12, 7)',
    });
  });

  it('has group_ids (given) and all_group_ids (with implied ones), no groups_id', async () => {
    const [hugo] = await odoo.service.read<{ group_ids: number[]; all_group_ids: number[] }>(
      'res.users',
      [SEED.users.hugo],
      ['group_ids', 'all_group_ids'],
    );
    expect(hugo!.group_ids).toEqual(expect.arrayContaining([SEED.groups.salesOwnDocuments]));
    expect(hugo!.group_ids).not.toContain(SEED.groups.internalUser);
    expect(hugo!.all_group_ids).toEqual(
      expect.arrayContaining([SEED.groups.salesOwnDocuments, SEED.groups.internalUser]),
    );
    const error = (await rejection(
      odoo.service.read('res.users', [SEED.users.hugo], ['groups_id']),
    )) as OdooRpcError;
    expect(error.data).toMatchObject({
      name: 'builtins.ValueError',
      message: "Invalid field 'groups_id' on model 'res.users'",
    });
  });
});
