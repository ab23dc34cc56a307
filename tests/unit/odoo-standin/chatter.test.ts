import { describe, expect, it } from 'vitest';
import type { OdooRpcError } from '../../support/odoo-standin/client';
import { SEED } from '../../support/odoo-standin/index';
import { rejection, useStandin } from './use-standin';

const NOTE = { message_type: 'comment', subtype_xmlid: 'mail.mt_note' };

describe('Odoo stand-in: message_post and the chatter', () => {
  const odoo = useStandin();

  it('returns the new mail.message id, readable back with search_read as the worker does', async () => {
    const id = await odoo.service.messagePost('crm.lead', SEED.leads.officeDesign, {
      ...NOTE,
      body: 'Outbound call, answered, 2 min 5 s',
      author_id: SEED.partners.marc,
    });
    expect(typeof id).toBe('number');
    const messages = await odoo.service.searchRead(
      'mail.message',
      [
        ['model', '=', 'crm.lead'],
        ['res_id', '=', SEED.leads.officeDesign],
      ],
      { fields: ['body', 'author_id', 'message_type', 'subtype_id', 'is_internal', 'create_uid'] },
    );
    expect(messages[0]).toEqual({
      id,
      body: '<p>Outbound call, answered, 2 min 5 s</p>',
      author_id: [SEED.partners.marc, 'YourCompany, Marc Demo'],
      message_type: 'comment',
      subtype_id: [SEED.subtypes.note, 'Note'],
      is_internal: true,
      create_uid: [SEED.users.service, 'Click-to-Call Worker'],
    });
    expect(odoo.standin.messagesOn('crm.lead', SEED.leads.officeDesign)[0]?.id).toBe(id);
  });

  it('escapes a plain body like Odoo 17 and keeps HTML with body_is_html', async () => {
    const text = 'Caller said: <b>"call me back"</b> & hung up\nNext: Friday';
    const plain = await odoo.service.messagePost('crm.lead', SEED.leads.clubOffice, { ...NOTE, body: text });
    const html = await odoo.service.messagePost('crm.lead', SEED.leads.clubOffice, {
      ...NOTE,
      body: '<p>Outcome: <b>answered</b></p><p>Note: call back<br>on Friday</p>',
      body_is_html: true,
    });
    const [htmlMessage, plainMessage] = odoo.standin.messagesOn('crm.lead', SEED.leads.clubOffice);
    expect(plainMessage).toMatchObject({
      id: plain,
      body: '<p>Caller said: &lt;b&gt;"call me back"&lt;/b&gt; &amp; hung up\nNext: Friday</p>',
    });
    expect(htmlMessage).toMatchObject({
      id: html,
      body: '<p>Outcome: <b>answered</b></p><p>Note: call back<br>on Friday</p>',
    });
  });

  it('authors the message as the calling user when no author_id is given, and posts on contacts too', async () => {
    const { camille } = odoo.standin.credentials.agents;
    const asCamille = odoo.client.session(camille.uid, camille.apiKey);
    const id = await asCamille.messagePost('res.partner', SEED.partners.decoAddict, {
      ...NOTE,
      body: 'Missed call',
    });
    const [message] = odoo.standin.messagesOn('res.partner', SEED.partners.decoAddict);
    expect(message).toMatchObject({
      id,
      model: 'res.partner',
      res_id: SEED.partners.decoAddict,
      author_id: [SEED.partners.camille, 'YourCompany, Camille Martin'],
      email_from: '"Camille Martin" <camille.martin@example.com>',
    });
  });

  it('defaults to a notification in the Note subtype, like message_post without options', async () => {
    await odoo.service.messagePost('crm.lead', SEED.leads.clubOffice, { body: 'x' });
    expect(odoo.standin.messagesOn('crm.lead', SEED.leads.clubOffice)[0]).toMatchObject({
      message_type: 'notification',
      subtype_id: [SEED.subtypes.note, 'Note'],
    });
  });

  it('answers the errors Odoo answers for bad posts, and posts nothing', async () => {
    const before = odoo.standin.messagesOn('crm.lead', SEED.leads.officeDesign).length;
    const failures: [Promise<unknown>, string, string | RegExp][] = [
      [
        odoo.service.messagePost('crm.lead', 999, { ...NOTE, body: 'x' }),
        'odoo.exceptions.MissingError',
        'Record does not exist or has been deleted.\n(Record: crm.lead(999,), User: 11)',
      ],
      [
        odoo.service.executeKw(
          'crm.lead',
          'message_post',
          [[SEED.leads.officeDesign, SEED.leads.decoShowroom]],
          {
            body: 'x',
          },
        ),
        'builtins.ValueError',
        'Expected singleton: crm.lead(14, 15)',
      ],
      [
        odoo.service.executeKw('crm.lead', 'message_post', [[SEED.leads.officeDesign], 'x']),
        'builtins.TypeError',
        'MailThread.message_post() takes 1 positional argument but 2 were given',
      ],
      [
        odoo.service.messagePost('crm.lead', SEED.leads.officeDesign, { ...NOTE, body: 'x', colour: 'red' }),
        'builtins.ValueError',
        "Invalid field 'colour' on model 'mail.message'",
      ],
      [
        odoo.service.messagePost('crm.lead', SEED.leads.officeDesign, {
          body: 'x',
          subtype_xmlid: 'mail.mt_nope',
        }),
        'builtins.ValueError',
        'External ID not found in the system: mail.mt_nope',
      ],
      [
        odoo.service.messagePost('crm.lead', SEED.leads.officeDesign, { body: 'x', author_id: 9999 }),
        'odoo.exceptions.ValidationError',
        /another model requires the record/,
      ],
      [
        odoo.service.messagePost('crm.lead', SEED.leads.officeDesign, { body: 'x', message_type: 'sms' }),
        'builtins.ValueError',
        "Wrong value for mail.message.message_type: 'sms'",
      ],
      [
        odoo.service.messagePost('crm.stage', SEED.stages.new, { body: 'x' }),
        'builtins.AttributeError',
        "The method 'message_post' does not exist on the model 'crm.stage'",
      ],
    ];
    for (const [promise, name, message] of failures) {
      const error = (await rejection(promise)) as OdooRpcError;
      expect(error.data.name).toBe(name);
      expect(error.data.message).toMatch(message);
    }
    expect(odoo.standin.messagesOn('crm.lead', SEED.leads.officeDesign)).toHaveLength(before);
  });

  it('lets a test await a message instead of polling', async () => {
    const waiting = odoo.standin.waitForMessage('crm.lead', SEED.leads.thamesDistributor, {
      match: (message) => String(message.body).includes('voicemail'),
    });
    await odoo.service.messagePost('crm.lead', SEED.leads.thamesDistributor, {
      ...NOTE,
      body: 'Left a voicemail',
    });
    expect((await waiting).body).toBe('<p>Left a voicemail</p>');
  });
});

describe('Odoo stand-in: write', () => {
  const odoo = useStandin();

  it('writes a few fields, bumps write_date and returns true', async () => {
    const [before] = await odoo.service.read('crm.lead', [SEED.leads.decoShowroom], ['write_date']);
    expect(
      await odoo.service.write('crm.lead', [SEED.leads.decoShowroom], {
        phone: '+32 10 58 85 59',
        priority: '3',
      }),
    ).toBe(true);
    const [after] = await odoo.service.read(
      'crm.lead',
      [SEED.leads.decoShowroom],
      ['phone', 'phone_sanitized', 'priority', 'write_date', 'write_uid'],
    );
    expect(after).toMatchObject({
      phone: '+32 10 58 85 59',
      phone_sanitized: '+3210588559',
      priority: '3',
      write_uid: [SEED.users.service, 'Click-to-Call Worker'],
    });
    expect(String(after?.write_date) > String(before?.write_date)).toBe(true);
  });

  it('refuses unknown fields, wrong values, missing records and empty required fields', async () => {
    const cases: [Promise<unknown>, string][] = [
      [odoo.service.write('crm.lead', [SEED.leads.clubOffice], { nope: 1 }), 'builtins.ValueError'],
      [odoo.service.write('crm.lead', [SEED.leads.clubOffice], { type: 'deal' }), 'builtins.ValueError'],
      [odoo.service.write('crm.lead', [999], { phone: '1' }), 'odoo.exceptions.MissingError'],
      [
        odoo.service.write('crm.lead', [SEED.leads.clubOffice], { name: false }),
        'odoo.exceptions.ValidationError',
      ],
      [
        odoo.service.write('crm.lead', [SEED.leads.clubOffice], { user_id: 999 }),
        'odoo.exceptions.ValidationError',
      ],
    ];
    for (const [promise, name] of cases)
      expect(((await rejection(promise)) as OdooRpcError).data.name).toBe(name);
    const [lead] = await odoo.service.read('crm.lead', [SEED.leads.clubOffice], ['name', 'type', 'user_id']);
    expect(lead).toEqual({
      id: SEED.leads.clubOffice,
      name: 'Club Office Furnitures',
      type: 'lead',
      user_id: [SEED.users.camille, 'Camille Martin'],
    });
  });
});
