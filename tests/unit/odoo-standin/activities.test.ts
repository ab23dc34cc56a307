import { describe, expect, it } from 'vitest';
import type { OdooRpcError } from '../../support/odoo-standin/client';
import { addDays, odooDate } from '../../support/odoo-standin/clock';
import { SEED } from '../../support/odoo-standin/index';
import { rejection, useStandin } from './use-standin';

// A fixed "now" late in the evening UTC: already tomorrow in Paris, still today in London.
const NOW = new Date('2026-11-20T23:30:00Z');

describe('Odoo stand-in: scheduled activities', () => {
  const odoo = useStandin({ clock: () => NOW });

  it('seeds Call activities due today, overdue and in the future, in the assignee time zone', async () => {
    const calls = await odoo.service.searchRead(
      'mail.activity',
      [
        ['activity_type_id', '=', SEED.activityTypes.call],
        ['res_model', '=', 'crm.lead'],
      ],
      { fields: ['res_id', 'res_name', 'date_deadline', 'state', 'user_id', 'summary'] },
    );
    expect(calls.map(({ id, state }) => [id, state])).toEqual([
      [SEED.activities.decoShowroomCallOverdue, 'overdue'],
      [SEED.activities.moreauCallOverdue, 'overdue'],
      [SEED.activities.officeDesignCallToday, 'today'],
      [SEED.activities.schmidtCallFuture, 'planned'],
    ]);
    const today = calls.find((call) => call.id === SEED.activities.officeDesignCallToday);
    // Marc Demo is in Europe/Brussels, where it is already the 21st.
    expect(today).toMatchObject({
      res_id: SEED.leads.officeDesign,
      res_name: 'Office Design Project',
      date_deadline: '2026-11-21',
      user_id: [SEED.users.marc, 'Marc Demo'],
    });
  });

  it('finds the due Call activities of a record the way the worker will', async () => {
    const due = await odoo.service.searchRead(
      'mail.activity',
      [
        ['res_model', '=', 'crm.lead'],
        ['res_id', '=', SEED.leads.officeDesign],
        ['activity_type_id.category', '=', 'phonecall'],
        ['date_deadline', '<=', odooDate(NOW, 'Europe/Brussels')],
      ],
      { fields: ['summary'] },
    );
    expect(due).toEqual([{ id: SEED.activities.officeDesignCallToday, summary: 'Follow up on the quote' }]);
  });

  it('marks an activity done with feedback: posts the done message, removes it, returns the message id', async () => {
    const messageId = await odoo.service.executeKw<number>(
      'mail.activity',
      'action_feedback',
      [[SEED.activities.officeDesignCallToday]],
      { feedback: 'Outbound call, answered (3 min)\nWants the revised quote' },
    );
    expect(
      odoo.standin.activitiesOn('crm.lead', SEED.leads.officeDesign).map((activity) => activity.id),
    ).toEqual([SEED.activities.officeDesignCatalogEmail]);
    const [message] = odoo.standin.messagesOn('crm.lead', SEED.leads.officeDesign);
    expect(message).toMatchObject({
      id: messageId,
      message_type: 'notification',
      subtype_id: [SEED.subtypes.activities, 'Activities'],
      mail_activity_type_id: [SEED.activityTypes.call, 'Call'],
      // Odoo authors it as the user who marked it done.
      author_id: [SEED.partners.service, 'YourCompany, Click-to-Call Worker'],
    });
    expect(message?.body).toContain('Call</span> done (originally assigned to Marc Demo)');
    expect(message?.body).toContain('Follow up on the quote');
    expect(message?.body).toContain('Outbound call, answered (3 min)<br>Wants the revised quote');
  });

  it('answers MissingError for an activity already done, and action_done works without feedback', async () => {
    await odoo.service.executeKw('mail.activity', 'action_done', [[SEED.activities.moreauCallOverdue]]);
    const error = (await rejection(
      odoo.service.executeKw('mail.activity', 'action_feedback', [[SEED.activities.moreauCallOverdue]], {
        feedback: 'x',
      }),
    )) as OdooRpcError;
    expect(error.data.name).toBe('odoo.exceptions.MissingError');
    expect(error.data.message).toContain(`mail.activity(${SEED.activities.moreauCallOverdue},)`);
  });

  it('schedules a Call activity and answers the recordset as Odoo prints it', async () => {
    const result = await odoo.service.executeKw('crm.lead', 'activity_schedule', [[SEED.leads.chairs600]], {
      act_type_xmlid: 'mail.mail_activity_data_call',
      date_deadline: addDays('2026-11-21', 2),
      summary: 'Call back after the demo',
      note: 'Ask about the budget',
      user_id: SEED.users.marc,
    });
    expect(result).toMatch(/^mail\.activity\(\d+,\)$/);
    const [activity] = odoo.standin.activitiesOn('crm.lead', SEED.leads.chairs600);
    expect(activity).toMatchObject({
      activity_type_id: [SEED.activityTypes.call, 'Call'],
      date_deadline: '2026-11-23',
      summary: 'Call back after the demo',
      note: '<p>Ask about the budget</p>',
      user_id: [SEED.users.marc, 'Marc Demo'],
      automated: true,
      state: 'planned',
    });
    expect(result).toBe(`mail.activity(${activity?.id},)`);
  });

  it('defaults the deadline to today and the assignee to the caller', async () => {
    await odoo.service.executeKw('res.partner', 'activity_schedule', [[SEED.partners.thamesOffice]], {
      act_type_xmlid: 'mail.mail_activity_data_call',
    });
    const [activity] = odoo.standin.activitiesOn('res.partner', SEED.partners.thamesOffice);
    expect(activity).toMatchObject({
      date_deadline: '2026-11-20',
      user_id: [SEED.users.service, 'Click-to-Call Worker'],
      state: 'today',
    });
  });

  it('refuses a malformed deadline like Odoo', async () => {
    const error = (await rejection(
      odoo.service.executeKw('crm.lead', 'activity_schedule', [[SEED.leads.chairs600]], {
        act_type_xmlid: 'mail.mail_activity_data_call',
        date_deadline: '2026-02-30',
      }),
    )) as OdooRpcError;
    expect(error.data).toMatchObject({
      name: 'builtins.ValueError',
      message: "time data '2026-02-30' does not match format '%Y-%m-%d'",
    });
    expect(odoo.standin.activitiesOn('crm.lead', SEED.leads.chairs600)).toEqual([]);
  });
});
