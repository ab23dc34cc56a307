import { describe, expect, it } from 'vitest';
import type { OdooRpcError } from '../../support/odoo-standin/client';
import { SEED } from '../../support/odoo-standin/index';
import { rejection, useStandin } from './use-standin';

describe('Odoo stand-in: the 18.3 variant (crm.lead without mobile)', () => {
  const odoo = useStandin({ version: '18.3' });

  it('says it is saas~18.3', async () => {
    expect(await odoo.client.version()).toEqual({
      server_version: 'saas~18.3',
      server_version_info: ['saas~18', 3, 0, 'final', 0, ''],
      server_serie: 'saas~18.3',
      protocol_version: 1,
    });
  });

  it('has no mobile on crm.lead in fields_get, but keeps it on res.partner', async () => {
    const leadFields = await odoo.service.executeKw<Record<string, unknown>>('crm.lead', 'fields_get', [], {
      attributes: ['type'],
    });
    expect(leadFields).toHaveProperty('phone');
    expect(leadFields).not.toHaveProperty('mobile');
    const partnerFields = await odoo.service.executeKw<Record<string, unknown>>('res.partner', 'fields_get', [
      ['mobile'],
    ]);
    expect(partnerFields).toHaveProperty('mobile');
  });

  it('answers ValueError when a client still reads or searches crm.lead.mobile', async () => {
    const read = (await rejection(
      odoo.service.read('crm.lead', [SEED.leads.designSoftware], ['mobile']),
    )) as OdooRpcError;
    expect(read.data.message).toBe("Invalid field 'mobile' on model 'crm.lead'");
    const search = (await rejection(
      odoo.service.searchRead('crm.lead', [['mobile', '!=', false]]),
    )) as OdooRpcError;
    expect(search.data.name).toBe('builtins.ValueError');
  });

  it('keeps a mobile-only lead reachable through phone, as the upgrade moved it there', async () => {
    const [lead] = await odoo.service.read(
      'crm.lead',
      [SEED.leads.designSoftware],
      ['phone', 'phone_sanitized'],
    );
    expect(lead).toEqual({
      id: SEED.leads.designSoftware,
      phone: '+33 6 12 34 56 78',
      phone_sanitized: '+33612345678',
    });
    const found = await odoo.service.executeKw('crm.lead', 'search', [
      [['phone_mobile_search', '=', SEED.numbers.sharedFrenchMobile]],
    ]);
    // Default order: priority desc, id desc.
    expect(found).toEqual([SEED.leads.designSoftware, SEED.leads.patisserieStools]);
  });
});
