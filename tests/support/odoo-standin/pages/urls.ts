/**
 * Which demo view an Odoo web-client URL shows, for both URL styles (shared/notes/odoo.md):
 * 17.0 hash URLs (`/web#id=14&model=crm.lead&view_type=form`, the hash never reaches the server,
 * so the page's script sends its keys to `/__demo/view`) and 17.2+ paths (`/odoo/crm/14`,
 * `/odoo/contacts/9`, `/odoo/crm/14/res.partner/9`). This plays Odoo's router: it is written
 * apart from the content script's own URL parsing on purpose, so the two check each other.
 */

export type DemoModel = 'crm.lead' | 'res.partner';

export type DemoView = { kind: 'list'; model: DemoModel } | { kind: 'form'; model: DemoModel; id: number };

/** Where `/` and `/odoo` lead: the CRM pipeline. */
export const HOME_VIEW: DemoView = { kind: 'list', model: 'crm.lead' };

/** Path segments that name a model: app paths, model names, action XML ids (as Odoo 17.2+ writes them). */
const SEGMENT_MODELS: Record<string, DemoModel> = {
  crm: 'crm.lead',
  'crm.lead': 'crm.lead',
  'action-crm.crm_lead_action_pipeline': 'crm.lead',
  'action-crm.crm_lead_all_leads': 'crm.lead',
  'action-crm.crm_lead_opportunities': 'crm.lead',
  contacts: 'res.partner',
  'res.partner': 'res.partner',
  'action-contacts.action_contacts': 'res.partner',
  'action-base.action_partner_form': 'res.partner',
};

const MODELS = new Set<string>(['crm.lead', 'res.partner']);

function recordId(text: string | null | undefined): number | null {
  if (!text || !/^[1-9]\d{0,9}$/.test(text)) return null;
  return Number(text);
}

/** `/odoo/…` → the view of the last step of the path (breadcrumbs come first); null if unknown. */
export function viewOfPath(pathname: string): DemoView | null {
  const segments = pathname.split('/').filter(Boolean);
  if (segments[0] !== 'odoo') return null;
  let view: DemoView = HOME_VIEW;
  for (let index = 1; index < segments.length; index += 1) {
    const model = SEGMENT_MODELS[segments[index]!];
    if (!model) return null;
    const next = segments[index + 1];
    if (next === undefined || !/^\d+$/.test(next)) {
      view = { kind: 'list', model };
      continue;
    }
    const id = recordId(next);
    if (id === null) return null;
    view = { kind: 'form', model, id };
    index += 1;
  }
  return view;
}

/** The keys of a 17.0 hash (`id=14&model=crm.lead&view_type=form`) → view; null if unknown. */
export function viewOfHash(keys: URLSearchParams): DemoView | null {
  const model = keys.get('model');
  if (model === null || model === '') return keys.has('id') ? null : HOME_VIEW;
  if (!MODELS.has(model)) return null;
  const demoModel = model as DemoModel;
  if (!keys.has('id') || keys.get('view_type') === 'list' || keys.get('view_type') === 'kanban') {
    return { kind: 'list', model: demoModel };
  }
  const id = recordId(keys.get('id'));
  return id === null ? null : { kind: 'form', model: demoModel, id };
}

/** The 17.2+ address of a view: what the demo's links point to. */
export function pathOfView(view: DemoView): string {
  const app = view.model === 'crm.lead' ? 'crm' : 'contacts';
  return view.kind === 'list' ? `/odoo/${app}` : `/odoo/${app}/${view.id}`;
}
