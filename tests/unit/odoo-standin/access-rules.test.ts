import { describe, expect, it } from 'vitest';
import type { OdooRpcError, OdooSession } from '../../support/odoo-standin/client';
import { SEED, type StandinUser } from '../../support/odoo-standin/index';
import { rejection, useStandin } from './use-standin';

const LEAD_ACCESS_ERROR =
  "You are not allowed to access 'Lead/Opportunity' (crm.lead) records.\n\n" +
  'This operation is allowed for the following groups:\n\t- Sales/Administrator\n\t- Sales/User: Own Documents Only\n\n' +
  'Contact your administrator to request access if necessary.';

const hugoRuleError = (operation: string, description = 'Lead/Opportunity', model = 'crm.lead') =>
  'Uh-oh! Looks like you have stumbled upon some top-secret records.\n\n' +
  `Sorry, Hugo Petit (id=${SEED.users.hugo}) doesn't have '${operation}' access to:\n` +
  `- ${description} (${model})\n\n` +
  'If you really, really need access, perhaps you can win over your friendly administrator with a batch of freshly baked cookies.';

const ids = (records: { id: number }[]) => records.map((record) => record.id);

describe('Odoo stand-in: access rights (ir.model.access) as Odoo 17 applies them', () => {
  const odoo = useStandin();
  const as = (user: StandinUser): OdooSession => odoo.client.session(user.uid, user.apiKey);

  it('refuses leads to a portal user and to an employee outside sales, with AccessError', async () => {
    const { portal, accountant } = odoo.standin.credentials;
    for (const user of [portal, accountant]) {
      for (const call of [
        as(user).searchRead('crm.lead', [], { fields: ['name'] }),
        as(user).executeKw('crm.lead', 'search', [[]]),
        as(user).executeKw('crm.lead', 'search_count', [[]]),
        as(user).read('crm.lead', [SEED.leads.officeDesign], ['name']),
      ]) {
        const error = (await rejection(call)) as OdooRpcError;
        expect(error.data).toMatchObject({ name: 'odoo.exceptions.AccessError', message: LEAD_ACCESS_ERROR });
      }
    }
  });

  it('refuses a note, a write or an activity on a lead to them, and changes nothing', async () => {
    const { portal, accountant } = odoo.standin.credentials;
    const before = odoo.standin.messagesOn('crm.lead', SEED.leads.officeDesign).length;
    for (const user of [portal, accountant]) {
      for (const call of [
        as(user).messagePost('crm.lead', SEED.leads.officeDesign, { body: 'I was here' }),
        as(user).write('crm.lead', [SEED.leads.officeDesign], { name: 'Mine now' }),
        as(user).executeKw('crm.lead', 'activity_schedule', [
          [SEED.leads.officeDesign],
          'mail.mail_activity_data_call',
        ]),
      ]) {
        const error = (await rejection(call)) as OdooRpcError;
        expect(error.data.name).toBe('odoo.exceptions.AccessError');
        expect(error.data.message).toMatch(
          /^You are not allowed to modify 'Lead\/Opportunity' \(crm\.lead\) records\./,
        );
      }
    }
    expect(odoo.standin.messagesOn('crm.lead', SEED.leads.officeDesign)).toHaveLength(before);
    expect(odoo.standin.read('crm.lead', SEED.leads.officeDesign, ['name'])[0]?.name).toBe(
      'Office Design Project',
    );
    expect(odoo.standin.activitiesOn('crm.lead', SEED.leads.officeDesign)).toHaveLength(2);
  });

  it('lets every employee read contacts, and a portal user only their own company', async () => {
    const { portal, accountant, agents } = odoo.standin.credentials;
    const phone = [['phone_mobile_search', '=', SEED.numbers.decoAddict]];
    for (const user of [accountant, agents.hugo]) {
      expect(ids(await as(user).searchRead('res.partner', phone, { fields: ['name'] }))).toEqual([
        SEED.partners.decoAddict,
      ]);
    }
    // Addison Olson works at Deco Addict: her company and its contacts, nothing else.
    const visible = ids(await as(portal).searchRead('res.partner', [], { fields: ['name'], order: 'id' }));
    expect(visible).toEqual([SEED.partners.decoAddict, SEED.partners.addisonOlson]);
    const error = (await rejection(
      as(portal).read('res.partner', [SEED.partners.boulangerieMoreau], ['name']),
    )) as OdooRpcError;
    expect(error.data.name).toBe('odoo.exceptions.AccessError');
    expect(error.data.message).toContain("doesn't have 'read' access to:\n- Contact (res.partner)");
  });

  it("lets a portal user read their own user record's safe fields, and no other user", async () => {
    const { portal } = odoo.standin.credentials;
    const own = await as(portal).read(
      'res.users',
      [portal.uid],
      ['name', 'login', 'partner_id', 'lang', 'tz'],
    );
    expect(own).toEqual([
      {
        id: portal.uid,
        name: 'Addison Olson',
        login: portal.login,
        partner_id: [SEED.partners.addisonOlson, 'Deco Addict, Addison Olson'],
        lang: 'en_US',
        tz: 'America/New_York',
      },
    ]);
    for (const call of [
      as(portal).read('res.users', [SEED.users.camille], ['name']),
      as(portal).read('res.users', [portal.uid], ['name', 'active']),
      as(portal).searchRead('res.users', [], { fields: ['name'] }),
    ]) {
      const error = (await rejection(call)) as OdooRpcError;
      expect(error.data.name).toBe('odoo.exceptions.AccessError');
      expect(error.data.message).toMatch(/^You are not allowed to access 'User' \(res\.users\) records\./);
    }
  });

  it('answers check_access_rights for the caller, with or without raising', async () => {
    const { portal, agents } = odoo.standin.credentials;
    expect(await as(agents.hugo).executeKw('crm.lead', 'check_access_rights', ['read'])).toBe(true);
    expect(await as(agents.hugo).executeKw('crm.lead', 'check_access_rights', ['unlink', false])).toBe(false);
    expect(
      await as(portal).executeKw('crm.lead', 'check_access_rights', ['read'], { raise_exception: false }),
    ).toBe(false);
    const error = (await rejection(
      as(portal).executeKw('crm.lead', 'check_access_rights', ['read']),
    )) as OdooRpcError;
    expect(error.data).toMatchObject({ name: 'odoo.exceptions.AccessError', message: LEAD_ACCESS_ERROR });
    const bad = (await rejection(
      as(portal).executeKw('crm.lead', 'check_access_rights', ['peek']),
    )) as OdooRpcError;
    expect(bad.data).toMatchObject({ name: 'builtins.AssertionError', message: 'Invalid access mode' });
  });
});

describe('Odoo stand-in: the "Personal Leads" record rule of "Own Documents Only"', () => {
  const odoo = useStandin();
  const hugo = () => {
    const { uid, apiKey } = odoo.standin.credentials.agents.hugo;
    return odoo.client.session(uid, apiKey);
  };

  it('shows Hugo his leads and unassigned ones in search, search_read and search_count', async () => {
    const mine = [SEED.leads.infoServices, SEED.leads.lumiereShowroom];
    expect(await hugo().executeKw('crm.lead', 'search', [[]], { order: 'id' })).toEqual(mine);
    expect(ids(await hugo().searchRead('crm.lead', [], { fields: ['user_id'], order: 'id' }))).toEqual(mine);
    expect(await hugo().executeKw('crm.lead', 'search_count', [[]])).toBe(2);
    // Limits count what he may see, as Odoo's SQL does: the rule comes before LIMIT.
    expect(await hugo().executeKw('crm.lead', 'search', [[]], { order: 'id desc', limit: 1 })).toEqual([
      SEED.leads.lumiereShowroom,
    ]);
  });

  it('finds by number only the leads he may read; the service account finds them all', async () => {
    const byNumber = (session: OdooSession, number: string) =>
      session.executeKw<number[]>('crm.lead', 'search', [[['phone_mobile_search', '=', number]]], {
        order: 'id',
      });
    expect(await byNumber(hugo(), SEED.numbers.lumiere)).toEqual([SEED.leads.lumiereShowroom]);
    expect(await byNumber(odoo.service, SEED.numbers.lumiere)).toEqual([
      SEED.leads.lumiereShowroom,
      SEED.leads.lumiereReception,
    ]);
    expect(await byNumber(hugo(), SEED.numbers.globalSolutions)).toEqual([]);
    expect(await byNumber(odoo.service, SEED.numbers.globalSolutions)).toEqual([SEED.leads.globalSolutions]);
    // Deco Addict's leads are Marc's and Camille's, but its contact card is everyone's.
    expect(await byNumber(hugo(), SEED.numbers.decoAddict)).toEqual([]);
    expect(
      await hugo().executeKw('res.partner', 'search', [
        [['phone_mobile_search', '=', SEED.numbers.decoAddict]],
      ]),
    ).toEqual([SEED.partners.decoAddict]);
  });

  it("refuses to read a lead that is someone else's, as Odoo's check_access_rule does", async () => {
    for (const leadIds of [
      [SEED.leads.lumiereReception],
      [SEED.leads.lumiereShowroom, SEED.leads.officeDesign],
    ]) {
      const error = (await rejection(hugo().read('crm.lead', leadIds, ['name']))) as OdooRpcError;
      expect(error.data).toMatchObject({
        name: 'odoo.exceptions.AccessError',
        message: hugoRuleError('read'),
      });
    }
  });

  it('reads his own and unassigned leads, and leaves out ids that do not exist', async () => {
    expect(
      await hugo().read('crm.lead', [SEED.leads.lumiereShowroom, 999, SEED.leads.infoServices], ['name']),
    ).toEqual([
      { id: SEED.leads.lumiereShowroom, name: 'Lumière & Co: Showroom lighting' },
      { id: SEED.leads.infoServices, name: 'Info about services' },
    ]);
  });

  it('refuses write, message_post and activity_schedule on a lead he may not read, and changes nothing', async () => {
    const target = SEED.leads.lumiereReception;
    const messages = odoo.standin.messagesOn('crm.lead', target).length;
    for (const call of [
      hugo().write('crm.lead', [target], { name: 'Mine now' }),
      hugo().messagePost('crm.lead', target, { body: 'Appel sortant' }),
      hugo().executeKw('crm.lead', 'activity_schedule', [[target], 'mail.mail_activity_data_call']),
    ]) {
      const error = (await rejection(call)) as OdooRpcError;
      expect(error.data).toMatchObject({
        name: 'odoo.exceptions.AccessError',
        message: hugoRuleError('write'),
      });
    }
    expect(odoo.standin.read('crm.lead', target, ['name'])[0]?.name).toBe('Lumière & Co: Reception desks');
    expect(odoo.standin.messagesOn('crm.lead', target)).toHaveLength(messages);
    expect(odoo.standin.activitiesOn('crm.lead', target)).toEqual([]);
  });

  it('lets him write, post and schedule on his own lead', async () => {
    const own = SEED.leads.lumiereShowroom;
    expect(await hugo().write('crm.lead', [own], { priority: '2' })).toBe(true);
    const messageId = await hugo().messagePost('crm.lead', own, { body: 'Appel sortant, 3 min' });
    expect(odoo.standin.messagesOn('crm.lead', own)[0]).toMatchObject({
      id: messageId,
      author_id: [SEED.partners.hugo, 'YourCompany, Hugo Petit'],
    });
    await hugo().executeKw('crm.lead', 'activity_schedule', [[own], 'mail.mail_activity_data_call']);
    expect(odoo.standin.activitiesOn('crm.lead', own)).toHaveLength(1);
  });

  it('answers check_access_rule for his leads, someone else’s, and deleted ones', async () => {
    expect(
      await hugo().executeKw('crm.lead', 'check_access_rule', [[SEED.leads.lumiereShowroom], 'write']),
    ).toBeNull();
    const forbidden = (await rejection(
      hugo().executeKw('crm.lead', 'check_access_rule', [[SEED.leads.officeDesign], 'read']),
    )) as OdooRpcError;
    expect(forbidden.data).toMatchObject({
      name: 'odoo.exceptions.AccessError',
      message: hugoRuleError('read'),
    });
    expect(await hugo().executeKw('crm.lead', 'check_access_rule', [[999], 'read'])).toBeNull();
    const deleted = (await rejection(
      hugo().executeKw('crm.lead', 'check_access_rule', [[999], 'write']),
    )) as OdooRpcError;
    expect(deleted.data).toMatchObject({
      name: 'odoo.exceptions.MissingError',
      message:
        'One of the documents you are trying to access has been deleted, please try again after refreshing.\n\n' +
        `(Document type: crm.lead, Operation: write, Records: [999], User: ${SEED.users.hugo})`,
    });
  });

  it('shows the service account, the admin and "All Documents" salespeople every lead', async () => {
    const { admin, agents } = odoo.standin.credentials;
    const total = odoo.standin.searchRead('crm.lead', [], ['id']).length;
    for (const user of [odoo.standin.credentials.service, admin, agents.marc, agents.camille]) {
      const session = odoo.client.session(user.uid, user.apiKey);
      expect(await session.executeKw('crm.lead', 'search_count', [[]])).toBe(total);
      expect(await session.read('crm.lead', [SEED.leads.lumiereShowroom], ['id'])).toHaveLength(1);
    }
  });
});

describe('Odoo stand-in: messages and activities follow their document', () => {
  const odoo = useStandin();
  const as = (user: StandinUser): OdooSession => odoo.client.session(user.uid, user.apiKey);

  it("shows Hugo the chatter of his leads and contacts, not of someone else's lead", async () => {
    const { hugo } = odoo.standin.credentials.agents;
    const chatter = (model: string, resId: number) =>
      as(hugo).searchRead('mail.message', [
        ['model', '=', model],
        ['res_id', '=', resId],
      ]);
    expect(await chatter('crm.lead', SEED.leads.officeDesign)).toEqual([]);
    expect((await chatter('crm.lead', SEED.leads.lumiereShowroom)).length).toBeGreaterThan(0);
    const foreign = odoo.standin.messagesOn('crm.lead', SEED.leads.officeDesign)[0]!;
    const error = (await rejection(as(hugo).read('mail.message', [foreign.id], ['body']))) as OdooRpcError;
    expect(error.data).toMatchObject({
      name: 'odoo.exceptions.AccessError',
      message:
        'The requested operation cannot be completed due to security restrictions. Please contact your system ' +
        `administrator.\n\n(Document type: Message, Operation: read)\n\nRecords: [${foreign.id}], User: ${hugo.uid}`,
    });
  });

  it('shows Hugo the activities of the documents he may read only', async () => {
    const { hugo } = odoo.standin.credentials.agents;
    expect(await as(hugo).searchRead('mail.activity', [['res_model', '=', 'crm.lead']])).toEqual([]);
    // A contact's activity (Brauhaus Schmidt): contacts are everyone's.
    expect(ids(await as(hugo).searchRead('mail.activity', [['res_model', '=', 'res.partner']]))).toEqual([
      SEED.activities.brauhausPartnerCallOverdue,
    ]);
    const error = (await rejection(
      as(hugo).executeKw('mail.activity', 'action_feedback', [[SEED.activities.officeDesignCallToday]]),
    )) as OdooRpcError;
    expect(error.data.name).toBe('odoo.exceptions.AccessError');
    expect(error.data.message).toContain('(Document type: Activity, Operation: write)');
    expect(odoo.standin.activitiesOn('crm.lead', SEED.leads.officeDesign)).toHaveLength(2);
  });

  it("shows a portal user her company's public messages, not its internal notes, and no lead chatter", async () => {
    const { portal } = odoo.standin.credentials;
    const company = SEED.partners.decoAddict;
    const note = await odoo.service.messagePost('res.partner', company, { body: 'Internal: slow payer' });
    const comment = await odoo.service.messagePost('res.partner', company, {
      body: 'Your order has shipped',
      message_type: 'comment',
      subtype_xmlid: 'mail.mt_comment',
    });
    const onCompany = [
      ['model', '=', 'res.partner'],
      ['res_id', '=', company],
    ];
    expect(ids(await as(portal).searchRead('mail.message', onCompany, { fields: ['id'] }))).toEqual([
      comment,
    ]);
    const { hugo } = odoo.standin.credentials.agents;
    expect(ids(await as(hugo).searchRead('mail.message', onCompany, { fields: ['id'] }))).toEqual([
      comment,
      note,
    ]);
    expect(await as(portal).searchRead('mail.message', [['model', '=', 'crm.lead']])).toEqual([]);
    const error = (await rejection(as(portal).searchRead('mail.activity', []))) as OdooRpcError;
    expect(error.data.message).toMatch(
      /^You are not allowed to access 'Activity' \(mail\.activity\) records\./,
    );
  });

  it('keeps the service account reading every chatter', async () => {
    const all = odoo.standin.searchRead('mail.message', [], ['id']).length;
    expect(await odoo.service.executeKw('mail.message', 'search_count', [[]])).toBe(all);
  });
});
