/**
 * Odoo web-client URLs of a record, both styles (notes/odoo.md, "Web client URLs"):
 * 17.0 `/web#id=14&model=crm.lead&view_type=form`, 17.2+ `/odoo/crm.lead/14`, `/odoo/crm/14`.
 */
export interface RecordLocation {
  origin: string;
  /** `null` when the URL names an action whose model is not known here. */
  model: string | null;
  id: number;
}

/**
 * Odoo 17.2+/18 action paths (`ir.actions.*.path`, the first segment after `/odoo/`) whose
 * records we know the model of. Extend it when users open records from other apps.
 *
 * | path       | action (XML id)             | model         |
 * |------------|-----------------------------|---------------|
 * | `crm`      | `crm.action_your_pipeline`  | `crm.lead`    |
 * | `contacts` | `contacts.action_contacts`  | `res.partner` |
 */
export const APP_PATH_MODELS: Readonly<Record<string, string>> = {
  crm: 'crm.lead',
  contacts: 'res.partner',
};

/** Actions addressed by XML id (`/odoo/action-crm.crm_lead_action_pipeline/14`). */
export const ACTION_XMLID_MODELS: Readonly<Record<string, string>> = {
  'crm.action_your_pipeline': 'crm.lead',
  'crm.crm_lead_action_pipeline': 'crm.lead',
  'crm.crm_lead_all_leads': 'crm.lead',
  'crm.crm_lead_opportunities': 'crm.lead',
  'crm.crm_lead_action_my_activities': 'crm.lead',
  'contacts.action_contacts': 'res.partner',
  'base.action_partner_form': 'res.partner',
};

/** An Odoo model name: `crm.lead`, `res.partner`. */
export const MODEL_NAME = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;

/** A table's own entry (never `constructor` & co. from Object's prototype). */
function ownValue(table: Readonly<Record<string, string>>, key: string): string | null {
  return Object.hasOwn(table, key) ? (table[key] ?? null) : null;
}

/** The model a path segment opens: `crm.lead`, `m-model`, `action-<xmlid>`, or an app path. */
export function modelOfSegment(segment: string): string | null {
  if (segment.startsWith('action-')) return ownValue(ACTION_XMLID_MODELS, segment.slice('action-'.length));
  if (segment.startsWith('m-')) {
    const model = segment.slice(2);
    return /^[a-z][a-z0-9_]*$/.test(model) ? model : null;
  }
  if (MODEL_NAME.test(segment)) return segment;
  return ownValue(APP_PATH_MODELS, segment);
}

export function recordInUrl(href: string): RecordLocation | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.pathname.startsWith('/web')) {
    const params = new URLSearchParams(url.hash.replace(/^#/, ''));
    const id = Number(params.get('id'));
    const model = params.get('model');
    return model && Number.isInteger(id) && id > 0 ? { origin: url.origin, model, id } : null;
  }
  const segments = url.pathname.split('/').filter(Boolean);
  if (segments[0] !== 'odoo') return null;
  const last = segments.at(-1) ?? '';
  const parent = segments.at(-2) ?? '';
  const id = Number(last);
  if (!/^\d+$/.test(last) || id <= 0 || parent === 'odoo') return null;
  return { origin: url.origin, model: modelOfSegment(parent), id };
}

/** Whether a tab's URL shows the record. */
export function showsRecord(href: string, record: { model: string; id: number }, origin?: string): boolean {
  const location = recordInUrl(href);
  if (!location || location.id !== record.id) return false;
  if (origin && location.origin !== origin) return false;
  return location.model === null || location.model === record.model;
}

/** A link that opens the record in any Odoo version (newer ones redirect `/web#…`). */
export function recordUrl(odooOrigin: string, record: { model: string; id: number }): string {
  const params = new URLSearchParams({ id: String(record.id), model: record.model, view_type: 'form' });
  return `${odooOrigin}/web#${params.toString()}`;
}
