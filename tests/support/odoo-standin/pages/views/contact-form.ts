/**
 * A contact's form: phone widgets, company, salesperson, the company's contacts in a kanban
 * (their numbers belong to them, not to the form's record: Odoo's `o_field_x2many`), and the
 * chatter with the contact's real messages.
 */
import type { OdooStandinCore } from '../../core';
import { html, type SafeHtml } from '../html';
import { controlPanel } from '../layout';
import { pathOfView } from '../urls';
import { callInButton } from './call-in';
import { chatter } from './chatter';
import { customers } from './contact-list';
import { formView, pagerOf } from './form';
import { charField, emailField, formRow, many2oneField, many2oneId, phoneField, text } from './widgets';

const contactPath = (id: number) => pathOfView({ kind: 'form', model: 'res.partner', id });

/** The company's contacts, as the "Contacts & Addresses" tab shows them: read-only tel: links. */
function childContacts(core: OdooStandinCore, childIds: unknown): SafeHtml {
  if (!Array.isArray(childIds) || childIds.length === 0) return html``;
  const children = core.read('res.partner', childIds as number[], [
    'name',
    'function',
    'phone',
    'mobile',
    'email',
  ]);
  return html`<div class="o_notebook d-flex w-100 horizontal flex-column">
<div class="o_notebook_headers"><ul class="nav nav-tabs"><li class="nav-item"><a class="nav-link active" href="#contacts">Contacts &amp; Addresses</a></li></ul></div>
<div class="o_notebook_content tab-content"><div class="tab-pane active">
<div name="child_ids" class="o_field_widget o_field_one2many"><div class="o_field_x2many o_field_x2many_kanban"><div class="o_kanban_renderer o_renderer d-flex o_kanban_ungrouped">${children.map(
    (child) => {
      const number = text(child.phone) || text(child.mobile);
      return html`<div role="article" class="o_kanban_record d-flex flex-grow-1" data-id="datapoint_${child.id}" tabindex="0"><div class="oe_kanban_global_click"><div class="oe_kanban_details">
<strong class="o_kanban_record_title"><div name="name" class="o_field_widget o_field_char"><a href="${contactPath(child.id)}">${text(child.name)}</a></div></strong>
${child.function ? html`<div name="function" class="o_field_widget o_field_char"><span>${text(child.function)}</span></div>` : ''}
${number ? html`<div name="phone" class="o_field_widget o_field_phone"><div class="o_phone_content d-inline-flex w-100"><a class="o_form_uri" href="tel:${number.replace(/\s+/g, '')}">${number}</a></div></div>` : ''}
</div></div></div>`;
    },
  )}</div></div></div>
</div></div>
</div>`;
}

export function contactFormView(core: OdooStandinCore, id: number): { title: string; view: SafeHtml } | null {
  const [partner] = core.read('res.partner', id, [
    'name',
    'is_company',
    'parent_id',
    'function',
    'phone',
    'mobile',
    'phone_sanitized',
    'email',
    'city',
    'country_id',
    'user_id',
    'child_ids',
  ]);
  if (!partner) return null;
  const name = text(partner.name);
  const ids = customers(core, []).map((record) => record.id);
  const parentId = many2oneId(partner.parent_id);
  const view = formView({
    viewClass: 'o_res_partner_form',
    panel: controlPanel(
      [{ label: 'Contacts', href: '/odoo/contacts' }, { label: name }],
      pagerOf(ids, id, contactPath),
      callInButton('res.partner', id, partner.phone_sanitized),
    ),
    title: html`<div class="oe_title"><span class="o_demo_company_type">${partner.is_company ? 'Company' : 'Individual'}</span><h1><div name="name" class="o_field_widget o_required_modifier o_field_char"><input class="o_input" id="name_0" type="text" value="${name}"></div></h1>
${parentId === null ? '' : many2oneField('parent_id', partner.parent_id, contactPath(parentId))}</div>`,
    left: [
      formRow('Job Position', 'function_0', charField('function', 'function_0', partner.function)),
      formRow('Phone', 'phone_0', phoneField('phone', 'phone_0', partner.phone)),
      formRow('Mobile', 'mobile_0', phoneField('mobile', 'mobile_0', partner.mobile)),
      formRow('Email', 'email_0', emailField('email', 'email_0', partner.email)),
    ],
    right: [
      formRow('City', 'city_0', charField('city', 'city_0', partner.city)),
      formRow('Country', 'country_id_0', many2oneField('country_id', partner.country_id)),
      formRow('Salesperson', 'user_id_0', many2oneField('user_id', partner.user_id)),
    ],
    below: childContacts(core, partner.child_ids),
    chatter: chatter(core, 'res.partner', id),
  });
  return { title: name, view };
}
