import { describe, expect, it } from 'vitest';
import { recordInUrl, recordUrl, showsRecord } from '../../../extension/lib/odoo-record-url';

describe('Odoo record URLs (screen pop)', () => {
  it.each([
    ['https://acme.odoo.com/web#id=14&model=crm.lead&view_type=form', { model: 'crm.lead', id: 14 }],
    [
      'https://acme.odoo.com/web#action=209&cids=1&id=14&menu_id=139&model=crm.lead&view_type=form',
      { model: 'crm.lead', id: 14 },
    ],
    ['https://acme.odoo.com/odoo/crm.lead/14', { model: 'crm.lead', id: 14 }],
    ['https://acme.odoo.com/odoo/crm/14', { model: 'crm.lead', id: 14 }],
    ['https://acme.odoo.com/odoo/contacts/7', { model: 'res.partner', id: 7 }],
    ['https://acme.odoo.com/odoo/action-123/14', { model: null, id: 14 }],
  ])('reads %s', (url, record) => {
    expect(recordInUrl(url)).toEqual({ origin: 'https://acme.odoo.com', ...record });
  });

  it.each([
    'https://acme.odoo.com/web#action=209&model=crm.lead&view_type=kanban',
    'https://acme.odoo.com/odoo/crm',
    'https://acme.odoo.com/odoo/14',
    'https://acme.odoo.com/shop/product/14',
    'not a url',
  ])('finds no record in %s', (url) => {
    expect(recordInUrl(url)).toBeNull();
  });

  it('matches a tab by origin, model and id', () => {
    const lead = { model: 'crm.lead', id: 14 };
    expect(showsRecord('https://acme.odoo.com/odoo/crm/14', lead, 'https://acme.odoo.com')).toBe(true);
    expect(showsRecord('https://acme.odoo.com/odoo/action-9/14', lead)).toBe(true);
    expect(showsRecord('https://acme.odoo.com/odoo/contacts/14', lead)).toBe(false);
    expect(showsRecord('https://other.odoo.com/odoo/crm/14', lead, 'https://acme.odoo.com')).toBe(false);
    expect(showsRecord('https://acme.odoo.com/odoo/crm/15', lead)).toBe(false);
  });

  it('builds a link that every Odoo version opens', () => {
    expect(recordUrl('https://acme.odoo.com', { model: 'crm.lead', id: 14 })).toBe(
      'https://acme.odoo.com/web#id=14&model=crm.lead&view_type=form',
    );
  });
});
