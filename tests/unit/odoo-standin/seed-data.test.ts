import { describe, expect, it } from 'vitest';
import { ACTIVITIES, LEADS, PARTNERS, SEED, USERS } from '../../support/odoo-standin/data';
import { useStandin } from './use-standin';

const customerPartners = PARTNERS.filter(
  (partner) => partner.email && !USERS.some((user) => user.partnerId === partner.id),
);

describe('Odoo stand-in: seed data', () => {
  const odoo = useStandin();

  it('has the size the brief asks for: 15-25 leads, about 10 contacts, companies and people', () => {
    expect(LEADS.length).toBeGreaterThanOrEqual(15);
    expect(LEADS.length).toBeLessThanOrEqual(25);
    const contacts = customerPartners.filter((partner) => partner.id !== SEED.partners.yourCompany);
    expect(contacts.length).toBeGreaterThanOrEqual(10);
    expect(contacts.some((partner) => partner.isCompany)).toBe(true);
    expect(contacts.some((partner) => !partner.isCompany)).toBe(true);
  });

  it('uses stable, unique ids, and SEED names only records that exist', () => {
    for (const rows of [LEADS, PARTNERS, USERS, ACTIVITIES]) {
      const ids = rows.map((row) => row.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
    for (const [group, model] of [
      ['leads', 'crm.lead'],
      ['partners', 'res.partner'],
      ['users', 'res.users'],
      ['activities', 'mail.activity'],
      ['stages', 'crm.stage'],
      ['activityTypes', 'mail.activity.type'],
    ] as const) {
      for (const id of Object.values(SEED[group])) {
        expect(odoo.standin.database.get(model, id), `${group} ${id}`).toBeDefined();
      }
    }
  });

  it('covers numbers from many countries, written the ways people write them', () => {
    const countries = new Set(LEADS.flatMap((lead) => (lead.phone || lead.mobile ? [lead.country] : [])));
    for (const code of ['FR', 'BE', 'CH', 'DE', 'GB', 'US', 'ES']) expect(countries).toContain(code);
    const written = LEADS.flatMap((lead) => [lead.phone, lead.mobile]).filter(Boolean);
    expect(written).toEqual(
      expect.arrayContaining(['+33 6 12 34 56 78', '0032 10 588 558', '(415) 555-0132']),
    );
  });

  it('has lead 14 "Office Design Project" at +32 10 588 558 as in the real demo data', () => {
    expect(LEADS.find((lead) => lead.id === 14)).toMatchObject({
      name: 'Office Design Project',
      phone: '+32 10 588 558',
    });
  });

  it('has the edge cases: no number, lost, won, unassigned', () => {
    const rows = odoo.standin.read(
      'crm.lead',
      [
        SEED.leads.websiteInquiry,
        SEED.leads.decoCarpetLost,
        SEED.leads.schmidtBarStools,
        SEED.leads.infoServices,
      ],
      ['phone', 'mobile', 'active', 'won_status', 'probability', 'stage_id', 'user_id'],
    );
    expect(rows).toMatchObject([
      { phone: false, mobile: false },
      { active: false, won_status: 'lost', probability: 0 },
      { active: true, won_status: 'won', probability: 100, stage_id: [SEED.stages.won, 'Won'] },
      { user_id: false },
    ]);
  });

  it('gives every agent a password and an API key, in French or English', () => {
    const agents = Object.values(odoo.standin.credentials.agents);
    for (const agent of agents) {
      expect(agent.password).toMatch(/standin-password$/);
      expect(agent.apiKey).toMatch(/^0{30}[0-9]{10}$/);
    }
    expect(new Set(agents.map((agent) => agent.lang))).toEqual(new Set(['en_US', 'fr_FR']));
    for (const agent of agents) {
      const [partner] = odoo.standin.read('res.partner', agent.partnerId, ['name']);
      expect(partner?.name).toBe(agent.name);
    }
  });

  it('restores the seed on reset(), with times relative to the reset', async () => {
    odoo.standin.database.delete('crm.lead', SEED.leads.officeDesign);
    await odoo.standin.reset();
    const [lead] = odoo.standin.read('crm.lead', SEED.leads.officeDesign, ['write_date']);
    const minutesAgo = (Date.now() - Date.parse(`${String(lead?.write_date).replace(' ', 'T')}Z`)) / 60_000;
    expect(Math.round(minutesAgo)).toBe(90);
  });
});
