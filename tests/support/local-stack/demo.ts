/** The demo's fixed facts: the lead the browser opens on, and whose customer calls in. */
import { SEED } from '../odoo-standin/data.ts';

/** Marc Demo's "Office Design Project", for the customer Deco Addict. */
export const DEMO_LEAD = { model: 'crm.lead', id: SEED.leads.officeDesign } as const;
/** Deco Addict's number (E.164), the one its calls present. */
export const DEMO_CUSTOMER_NUMBER = SEED.numbers.decoAddict;
