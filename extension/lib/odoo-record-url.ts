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

/** Actions of the `/odoo/<action>/<id>` style whose model is known. */
const ACTION_MODELS: Record<string, string> = {
  crm: 'crm.lead',
  'action-crm.crm_lead_all_leads': 'crm.lead',
  'action-crm.crm_lead_action_pipeline': 'crm.lead',
  contacts: 'res.partner',
};

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
  const model =
    parent.includes('.') && !parent.startsWith('action-') ? parent : (ACTION_MODELS[parent] ?? null);
  return { origin: url.origin, model, id };
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
