import { describe, expect, it } from 'vitest';
import { HOME_VIEW, pathOfView, viewOfHash, viewOfPath } from '../../support/odoo-standin/pages/urls';

describe('demo pages: which view an address shows', () => {
  it.each([
    ['/odoo', HOME_VIEW],
    ['/odoo/crm', { kind: 'list', model: 'crm.lead' }],
    ['/odoo/action-crm.crm_lead_all_leads', { kind: 'list', model: 'crm.lead' }],
    ['/odoo/crm/14', { kind: 'form', model: 'crm.lead', id: 14 }],
    ['/odoo/crm.lead/14', { kind: 'form', model: 'crm.lead', id: 14 }],
    ['/odoo/action-crm.crm_lead_action_pipeline/14', { kind: 'form', model: 'crm.lead', id: 14 }],
    ['/odoo/contacts', { kind: 'list', model: 'res.partner' }],
    ['/odoo/contacts/9', { kind: 'form', model: 'res.partner', id: 9 }],
    ['/odoo/res.partner/9/', { kind: 'form', model: 'res.partner', id: 9 }],
    // Breadcrumbs in the path: the last view is the one shown.
    ['/odoo/crm/14/res.partner/9', { kind: 'form', model: 'res.partner', id: 9 }],
  ])('%s', (path, view) => {
    expect(viewOfPath(path)).toEqual(view);
  });

  it.each([
    '/odoo/sales/3',
    '/odoo/crm/0',
    '/odoo/crm/007',
    '/odoo/crm/14/edit',
    '/odoo/crm/99999999999',
    '/web',
  ])('%s is not a demo view', (path) => {
    expect(viewOfPath(path)).toBeNull();
  });

  it.each([
    ['', HOME_VIEW],
    ['id=14&model=crm.lead&view_type=form', { kind: 'form', model: 'crm.lead', id: 14 }],
    [
      'action=209&cids=1&id=14&menu_id=139&model=crm.lead&view_type=form',
      { kind: 'form', model: 'crm.lead', id: 14 },
    ],
    ['action=209&model=crm.lead&view_type=kanban', { kind: 'list', model: 'crm.lead' }],
    ['model=res.partner&view_type=list', { kind: 'list', model: 'res.partner' }],
    ['id=9&model=res.partner&view_type=form', { kind: 'form', model: 'res.partner', id: 9 }],
    ['id=9&model=res.partner', { kind: 'form', model: 'res.partner', id: 9 }],
  ])('17.0 hash #%s', (hash, view) => {
    expect(viewOfHash(new URLSearchParams(hash))).toEqual(view);
  });

  it.each(['id=14&model=sale.order&view_type=form', 'id=abc&model=crm.lead&view_type=form', 'id=14'])(
    '17.0 hash #%s is not a demo view',
    (hash) => {
      expect(viewOfHash(new URLSearchParams(hash))).toBeNull();
    },
  );

  it('links point at 17.2+ paths that read back as the same view', () => {
    for (const view of [
      { kind: 'list', model: 'crm.lead' },
      { kind: 'form', model: 'crm.lead', id: 14 },
      { kind: 'list', model: 'res.partner' },
      { kind: 'form', model: 'res.partner', id: 9 },
    ] as const) {
      expect(viewOfPath(pathOfView(view))).toEqual(view);
    }
  });
});
