import { describe, expect, it } from 'vitest';
import { recordFromUrl } from '../../../extension/content/odoo-page';

const LEAD_14 = { model: 'crm.lead', id: 14 };
const CONTACT_7 = { model: 'res.partner', id: 7 };

describe('the record a web-client URL shows (recordFromUrl)', () => {
  describe('Odoo 16 and 17.0 hash URLs', () => {
    it.each([
      ['https://acme.odoo.com/web#id=14&model=crm.lead&view_type=form', LEAD_14],
      [
        'https://acme.odoo.com/web#id=14&cids=1&menu_id=120&action=209&model=crm.lead&view_type=form',
        LEAD_14,
      ],
      ['https://acme.odoo.com/web?debug=1#model=crm.lead&id=14', LEAD_14],
      ['https://erp.acme.fr:8443/web/#id=7&model=res.partner&view_type=form', CONTACT_7],
    ])('%s → a record', (url, record) => {
      expect(recordFromUrl(url)).toEqual(record);
    });

    it.each([
      'https://acme.odoo.com/web#action=209&model=crm.lead&view_type=kanban',
      'https://acme.odoo.com/web#action=208&model=crm.lead&view_type=list',
      'https://acme.odoo.com/web#id=14&model=crm.lead&view_type=list',
      'https://acme.odoo.com/web#model=crm.lead&view_type=form',
      'https://acme.odoo.com/web#id=&model=crm.lead&view_type=form',
      'https://acme.odoo.com/web#id=0&model=crm.lead&view_type=form',
      'https://acme.odoo.com/web#id=14abc&model=crm.lead&view_type=form',
      'https://acme.odoo.com/web#id=14&model=CRM.Lead%22&view_type=form',
      'https://acme.odoo.com/web#id=14&view_type=form',
      'https://acme.odoo.com/web',
    ])('%s → none', (url) => {
      expect(recordFromUrl(url)).toBeNull();
    });
  });

  describe('Odoo 17.2+ and 18 path URLs', () => {
    it.each([
      ['https://acme.odoo.com/odoo/crm/14', LEAD_14],
      ['https://acme.odoo.com/odoo/crm.lead/14', LEAD_14],
      ['https://acme.odoo.com/odoo/action-crm.crm_lead_action_pipeline/14', LEAD_14],
      ['https://acme.odoo.com/odoo/action-crm.crm_lead_all_leads/14?debug=1', LEAD_14],
      ['https://acme.odoo.com/odoo/contacts/7', CONTACT_7],
      ['https://acme.odoo.com/odoo/res.partner/7', CONTACT_7],
      ['https://acme.odoo.com/odoo/m-x_phone_book/3', { model: 'x_phone_book', id: 3 }],
      // Breadcrumbs become path segments: the last view is the one on screen.
      ['https://acme.odoo.com/odoo/crm/14/res.partner/7', CONTACT_7],
      ['https://acme.odoo.com/odoo/contacts/7/action-crm.crm_lead_opportunities/14', LEAD_14],
    ])('%s → a record', (url, record) => {
      expect(recordFromUrl(url)).toEqual(record);
    });

    it.each([
      // An action by number: its model is not in the URL.
      'https://acme.odoo.com/odoo/action-123/14',
      // An app path that is not in the table.
      'https://acme.odoo.com/odoo/sales/14',
      // Lists and kanbans, new records, a form left for a sub-view.
      'https://acme.odoo.com/odoo/crm',
      'https://acme.odoo.com/odoo/action-crm.crm_lead_all_leads',
      'https://acme.odoo.com/odoo/crm/new',
      'https://acme.odoo.com/odoo/crm/14/action-mail.action_discuss',
      'https://acme.odoo.com/odoo/14/contacts',
      'https://acme.odoo.com/odoo',
      // `constructor`, `__proto__`: object keys, not app paths.
      'https://acme.odoo.com/odoo/constructor/14',
      'https://acme.odoo.com/odoo/__proto__/14',
    ])('%s → none', (url) => {
      expect(recordFromUrl(url)).toBeNull();
    });
  });

  it.each([
    'https://acme.odoo.com/',
    'https://acme.odoo.com/contactus',
    'https://acme.odoo.com/my/leads/14',
    'not a url',
  ])('pages that are not the web client (%s) → none', (url) => {
    expect(recordFromUrl(url)).toBeNull();
  });
});
