import { describe, expect, it } from 'vitest';
import type { OdooRpcError } from '../../support/odoo-standin/client';
import { LEADS } from '../../support/odoo-standin/data';
import { SEED } from '../../support/odoo-standin/index';
import { matchesPhoneMobileSearch, sanitizePhone } from '../../support/odoo-standin/phone';
import { rejection, useStandin } from './use-standin';

describe('Odoo stand-in: phone_mobile_search over JSON-RPC', () => {
  const odoo = useStandin();
  const leadsFor = async (number: string, context?: Record<string, unknown>) =>
    (
      await odoo.service.searchRead('crm.lead', [['phone_mobile_search', '=', number]], {
        fields: ['id'],
        order: 'id',
        ...(context ? { context } : {}),
      })
    ).map((lead) => lead.id);

  it('finds the same leads for +32 10 588 558, +3210588558 and 0032 10 588 558 (notes/odoo.md)', async () => {
    const expected = [SEED.leads.officeDesign, SEED.leads.decoShowroom];
    expect(await leadsFor('+32 10 588 558')).toEqual(expected);
    expect(await leadsFor('+3210588558')).toEqual(expected);
    expect(await leadsFor('0032 10 588 558')).toEqual(expected);
    expect(await leadsFor('+32 (10) 58.85-58')).toEqual(expected);
  });

  it('finds the lost lead with the same number only with active_test false', async () => {
    expect(await leadsFor(SEED.numbers.decoAddict, { active_test: false })).toEqual([
      SEED.leads.officeDesign,
      SEED.leads.decoShowroom,
      SEED.leads.decoCarpetLost,
    ]);
  });

  it('finds a number shared by a lead and a contact on both models', async () => {
    const partners = await odoo.service.searchRead(
      'res.partner',
      [['phone_mobile_search', '=', SEED.numbers.decoAddict]],
      {
        fields: ['display_name', 'is_company', 'user_id'],
      },
    );
    expect(partners).toEqual([
      {
        id: SEED.partners.decoAddict,
        display_name: 'Deco Addict',
        is_company: true,
        user_id: [SEED.users.marc, 'Marc Demo'],
      },
    ]);
    expect(await leadsFor(SEED.numbers.brauhausSchmidt)).toEqual([
      SEED.leads.schmidtTables,
      SEED.leads.schmidtBarStools,
    ]);
  });

  it('matches mobile as well as phone, and a number two leads share', async () => {
    expect(await leadsFor(SEED.numbers.sharedFrenchMobile)).toEqual([
      SEED.leads.designSoftware,
      SEED.leads.patisserieStools,
    ]);
    const contacts = await odoo.service.searchRead(
      'res.partner',
      [['phone_mobile_search', '=', '+41 79 123 45 67']],
      {
        fields: ['name'],
      },
    );
    expect(contacts).toEqual([{ id: SEED.partners.lucaBernasconi, name: 'Luca Bernasconi' }]);
  });

  it('lets the most recently updated open lead be picked by ordering on write_date', async () => {
    const [first] = await odoo.service.searchRead(
      'crm.lead',
      [
        ['phone_mobile_search', '=', SEED.numbers.brauhausSchmidt],
        ['won_status', '=', 'pending'],
      ],
      { fields: ['name'], order: 'write_date desc, id desc', limit: 1 },
    );
    expect(first).toEqual({ id: SEED.leads.schmidtTables, name: 'Brauhaus Schmidt: Quote for 12 Tables' });
  });

  it('compares whole normalised strings as Odoo does: a number stored in national form is not found by E.164', async () => {
    // Boulangerie Moreau's lead is stored as "01 42 68 53 00" (country France).
    expect(await leadsFor('+33 1 42 68 53 00')).toEqual([]);
    expect(await leadsFor('01 42 68 53 00')).toEqual([SEED.leads.moreauDesks]);
    // …but phone_sanitized holds its E.164 form.
    const bySanitized = await odoo.service.searchRead(
      'crm.lead',
      [['phone_sanitized', '=', '+33142685300']],
      {
        fields: ['id'],
      },
    );
    expect(bySanitized).toEqual([{ id: SEED.leads.moreauDesks }]);
    // "+49 (0)89 1234 5678": the trunk "0" stays once brackets are removed.
    expect(await leadsFor(SEED.numbers.bueromoebel)).toEqual([]);
  });

  it('looks for the digits anywhere with ilike, and after the prefix when it starts with + or 00', async () => {
    const search = (operator: string, value: string) =>
      odoo.service.executeKw<number[]>('crm.lead', 'search', [[['phone_mobile_search', operator, value]]], {
        order: 'id',
      });
    expect(await search('ilike', '588 558')).toEqual([SEED.leads.officeDesign, SEED.leads.decoShowroom]);
    expect(await search('ilike', '+3210')).toEqual([SEED.leads.officeDesign, SEED.leads.decoShowroom]);
    expect(await search('ilike', '+4930')).toEqual([SEED.leads.schmidtTables, SEED.leads.schmidtBarStools]);
  });

  it('finds records with or without any number with = False / != False', async () => {
    const noNumber = await odoo.service.executeKw<number[]>('crm.lead', 'search', [
      [['phone_mobile_search', '=', false]],
    ]);
    expect(noNumber).toEqual([SEED.leads.websiteInquiry]);
    const count = await odoo.service.executeKw<number>('crm.lead', 'search_count', [
      [['phone_mobile_search', '!=', false]],
    ]);
    // Every open lead but the one without a number.
    expect(count).toBe(LEADS.filter((lead) => lead.lostReasonId === undefined).length - 1);
  });

  it("refuses fewer than 3 characters with Odoo's UserError", async () => {
    const error = (await rejection(leadsFor('+3'))) as OdooRpcError;
    expect(error.data).toMatchObject({
      name: 'odoo.exceptions.UserError',
      message: 'Please enter at least 3 characters when searching a Phone/Mobile number.',
    });
  });

  it('is not a field of res.users', async () => {
    const error = (await rejection(
      odoo.service.searchRead('res.users', [['phone_mobile_search', '=', '+3210588558']]),
    )) as OdooRpcError;
    expect(error.data.name).toBe('builtins.ValueError');
  });
});

describe('Odoo stand-in: phone helpers', () => {
  it('sanitizes to E.164 with the record country, 00 as +, and false for invalid numbers', () => {
    expect(sanitizePhone('0478/22.33.44', 'BE')).toBe('+32478223344');
    expect(sanitizePhone('0032 10 588 558', 'US')).toBe('+3210588558');
    expect(sanitizePhone('(415) 555-0132', 'US')).toBe('+14155550132');
    expect(sanitizePhone('+1 555 754 3010', 'US')).toBe(false);
    expect(sanitizePhone(false, 'FR')).toBe(false);
  });

  it('treats a missing number as SQL NULL: kept by negative operators, never by positive ones', () => {
    expect(matchesPhoneMobileSearch([false, '+32 10 588 558'], '=', '+3210588558')).toBe(true);
    expect(matchesPhoneMobileSearch([false, false], 'not ilike', '588')).toBe(true);
    expect(matchesPhoneMobileSearch(['+32 10 588 558', false], 'not ilike', '588')).toBe(false);
  });
});
