import { describe, expect, it } from 'vitest';
import type { OdooRpcError } from '../../support/odoo-standin/client';
import { LEADS } from '../../support/odoo-standin/data';
import { SEED } from '../../support/odoo-standin/index';
import { rejection, useStandin } from './use-standin';

const ids = (records: { id: number }[]) => records.map((record) => record.id);
/** Lost leads are archived: searches leave them out by default. */
const OPEN_LEADS = LEADS.filter((lead) => lead.lostReasonId === undefined);

describe('Odoo stand-in: search_read, read, search, search_count, fields_get', () => {
  const odoo = useStandin();

  it('renders a lead like Odoo: many2one as [id, name] or false, E.164 phone_sanitized, Odoo dates', async () => {
    const [lead] = await odoo.service.read(
      'crm.lead',
      [SEED.leads.officeDesign],
      [
        'name',
        'type',
        'active',
        'stage_id',
        'probability',
        'user_id',
        'partner_id',
        'email_from',
        'phone',
        'mobile',
        'phone_sanitized',
        'write_date',
        'create_date',
        'lost_reason_id',
      ],
    );
    expect(lead).toMatchObject({
      id: SEED.leads.officeDesign,
      name: 'Office Design Project',
      type: 'opportunity',
      active: true,
      stage_id: [SEED.stages.new, 'New'],
      user_id: [SEED.users.marc, 'Marc Demo'],
      partner_id: [SEED.partners.decoAddict, 'Deco Addict'],
      email_from: 'deco_addict@yourcompany.example.com',
      phone: '+32 10 588 558',
      mobile: false,
      phone_sanitized: '+3210588558',
      lost_reason_id: false,
    });
    expect(lead?.write_date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(lead?.create_date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it('gives false for phone_sanitized when the number is not valid, and parses national numbers with the country', async () => {
    const leads = await odoo.service.read(
      'crm.lead',
      [
        SEED.leads.infoServices,
        SEED.leads.moreauDesks,
        SEED.leads.nadiaHomeOffice,
        SEED.leads.websiteInquiry,
      ],
      ['phone', 'mobile', 'phone_sanitized'],
    );
    expect(leads.map((lead) => lead.phone_sanitized)).toEqual([false, '+33142685300', '+32478223344', false]);
  });

  it('returns only the ids asked for, skipping ids that do not exist, as read does', async () => {
    const records = await odoo.service.read('crm.lead', [SEED.leads.clubOffice, 999], ['name']);
    expect(records).toEqual([{ id: SEED.leads.clubOffice, name: 'Club Office Furnitures' }]);
  });

  it('leaves archived (lost) leads out unless asked for', async () => {
    const lost = [['partner_id', '=', SEED.partners.decoAddict]];
    expect(ids(await odoo.service.searchRead('crm.lead', lost, { fields: ['id'] }))).not.toContain(
      SEED.leads.decoCarpetLost,
    );
    expect(
      ids(
        await odoo.service.searchRead('crm.lead', lost, { fields: ['id'], context: { active_test: false } }),
      ),
    ).toContain(SEED.leads.decoCarpetLost);
    expect(
      ids(await odoo.service.searchRead('crm.lead', [['active', '=', false]], { fields: ['id'] })),
    ).toEqual([SEED.leads.decoCarpetLost]);
  });

  it('evaluates =, !=, in, not in, ilike, like, <, >, <=, >= and prefix & | !', async () => {
    const search = (domain: unknown[]) =>
      odoo.service.executeKw<number[]>('crm.lead', 'search', [domain], { order: 'id' });
    expect(await search([['user_id', '=', SEED.users.sarah]])).toEqual([
      SEED.leads.schmidtTables,
      SEED.leads.schmidtBarStools,
      SEED.leads.thamesDistributor,
      SEED.leads.websiteInquiry,
      SEED.leads.freemanCarpets,
    ]);
    expect(await search([['user_id', '=', false]])).toEqual([SEED.leads.infoServices]);
    expect(
      await search([
        ['user_id', 'in', [SEED.users.marc, SEED.users.lucas]],
        ['type', '!=', 'lead'],
      ]),
    ).toEqual([
      SEED.leads.helvetiaOpenSpace,
      SEED.leads.chairs600,
      SEED.leads.azureVpChairs,
      SEED.leads.officeDesign,
      SEED.leads.globalSolutions,
    ]);
    expect(await search([['name', 'ilike', 'deco addict']])).toEqual([SEED.leads.decoShowroom]);
    expect(await search([['name', 'like', 'deco addict']])).toEqual([]);
    expect(
      await search([
        ['probability', '>=', 60],
        ['probability', '<', 100],
      ]),
    ).toEqual([SEED.leads.schmidtTables, SEED.leads.thamesDistributor, SEED.leads.azureVpChairs]);
    expect(await search(['|', ['stage_id', '=', SEED.stages.won], ['expected_revenue', '>', 70000]])).toEqual(
      [SEED.leads.schmidtBarStools, SEED.leads.thamesDistributor],
    );
    expect(
      await search([
        '!',
        ['type', '=', 'opportunity'],
        ['country_id.code', 'not in', ['FR', 'BE', 'CH', 'DE']],
      ]),
    ).toEqual([SEED.leads.websiteInquiry, SEED.leads.infoServices]);
    expect(await search([['stage_id.is_won', '=', true]])).toEqual([SEED.leads.schmidtBarStools]);
  });

  it('orders by write_date desc, id desc and applies limit and offset', async () => {
    const byUpdate = await odoo.service.searchRead(
      'crm.lead',
      [['partner_id', '=', SEED.partners.decoAddict]],
      {
        fields: ['write_date'],
        order: 'write_date desc',
        context: { active_test: false },
      },
    );
    expect(ids(byUpdate)).toEqual([
      SEED.leads.decoCarpetLost,
      SEED.leads.officeDesign,
      SEED.leads.decoShowroom,
    ]);
    const dates = byUpdate.map((lead) => lead.write_date as string);
    expect([...dates].sort().reverse()).toEqual(dates);

    const page = await odoo.service.searchRead('crm.lead', [], {
      fields: ['id'],
      order: 'id desc',
      limit: 3,
      offset: 2,
    });
    const openIdsDescending = OPEN_LEADS.map((lead) => lead.id).sort((a, b) => b - a);
    expect(ids(page)).toEqual(openIdsDescending.slice(2, 5));
  });

  it('sorts by the default order of the model when none is given (crm.lead: priority desc, id desc)', async () => {
    const leads = await odoo.service.searchRead('crm.lead', [['priority', '=', '3']], {
      fields: ['priority'],
    });
    expect(ids(leads)).toEqual([SEED.leads.helvetiaOpenSpace]);
    const all = await odoo.service.searchRead('crm.lead', [], { fields: ['priority'] });
    const priorities = all.map((lead) => lead.priority as string);
    expect([...priorities].sort().reverse()).toEqual(priorities);
  });

  it('counts with search_count', async () => {
    expect(await odoo.service.executeKw('crm.lead', 'search_count', [[]])).toBe(OPEN_LEADS.length);
    expect(
      await odoo.service.executeKw('crm.lead', 'search_count', [[]], { context: { active_test: false } }),
    ).toBe(LEADS.length);
    expect(await odoo.service.executeKw('res.partner', 'search_count', [[['is_company', '=', true]]])).toBe(
      8,
    );
  });

  it('shows translatable names in the language of the context', async () => {
    const [lead] = await odoo.service.searchRead('crm.lead', [['id', '=', SEED.leads.moreauDesks]], {
      fields: ['stage_id'],
      context: { lang: 'fr_FR' },
    });
    expect(lead?.stage_id).toEqual([SEED.stages.qualified, 'Qualifié']);
    const types = await odoo.service.searchRead(
      'mail.activity.type',
      [['id', '=', SEED.activityTypes.call]],
      {
        fields: ['name', 'category'],
        context: { lang: 'fr_FR' },
      },
    );
    expect(types).toEqual([{ id: SEED.activityTypes.call, name: 'Appel', category: 'phonecall' }]);
  });

  it('finds the Call activity type through ir.model.data', async () => {
    const [entry] = await odoo.service.searchRead(
      'ir.model.data',
      [
        ['module', '=', 'mail'],
        ['name', '=', 'mail_activity_data_call'],
      ],
      { fields: ['model', 'res_id'] },
    );
    expect(entry).toMatchObject({ model: 'mail.activity.type', res_id: SEED.activityTypes.call });
  });

  it('describes fields with fields_get, filtered by attributes', async () => {
    const fields = await odoo.service.executeKw<Record<string, Record<string, unknown>>>(
      'crm.lead',
      'fields_get',
      [],
      {
        attributes: ['type', 'string', 'relation'],
      },
    );
    expect(fields.phone).toEqual({ type: 'char', string: 'Phone' });
    expect(fields.mobile).toEqual({ type: 'char', string: 'Mobile' });
    expect(fields.user_id).toEqual({ type: 'many2one', string: 'Salesperson', relation: 'res.users' });
    const some = await odoo.service.executeKw<Record<string, unknown>>('res.partner', 'fields_get', [
      ['phone', 'nope'],
    ]);
    expect(Object.keys(some)).toEqual(['phone']);
  });

  it('refuses unknown fields in fields, domains and orders with ValueError', async () => {
    const cases = [
      odoo.service.searchRead('crm.lead', [], { fields: ['nope'] }),
      odoo.service.searchRead('crm.lead', [['nope', '=', 1]]),
      odoo.service.searchRead('crm.lead', [], { order: 'nope desc' }),
      odoo.service.searchRead('crm.lead', [['name', 'equals', 'x']]),
      odoo.service.searchRead('crm.lead', [], { order: 'name sideways' }),
    ];
    const messages = [];
    for (const promise of cases) {
      const error = (await rejection(promise)) as OdooRpcError;
      expect(error.data.name).toBe('builtins.ValueError');
      messages.push(error.data.message);
    }
    expect(messages).toEqual([
      "Invalid field 'nope' on model 'crm.lead'",
      "Invalid field crm.lead.nope in leaf ('nope', '=', 1)",
      "Invalid field 'nope' on model 'crm.lead'",
      "Invalid leaf ('name', 'equals', 'x')",
      expect.stringContaining('Invalid "order" specified (name sideways)'),
    ]);
  });
});
