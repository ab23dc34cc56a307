/**
 * A lead's form: status bar, the phone widget with the number in its input, mobile (17.0),
 * customer, salesperson, and the chatter with the lead's real messages.
 */
import type { OdooStandinCore } from '../../core';
import { html, type SafeHtml } from '../html';
import { controlPanel } from '../layout';
import { pathOfView } from '../urls';
import { callInButton } from './call-in';
import { chatter } from './chatter';
import { formView, pagerOf } from './form';
import { leadsHaveMobile } from './lead-list';
import {
  charField,
  emailField,
  formRow,
  many2oneField,
  many2oneId,
  many2oneName,
  phoneField,
  text,
} from './widgets';

const leadPath = (id: number) => pathOfView({ kind: 'form', model: 'crm.lead', id });
const contactPath = (id: number | null) =>
  id === null ? undefined : pathOfView({ kind: 'form', model: 'res.partner', id });

function statusbar(core: OdooStandinCore, stageId: number | null): SafeHtml {
  const stages = core.searchRead('crm.stage', [], ['name']);
  return html`<div name="stage_id" class="o_field_widget o_field_statusbar"><div class="o_statusbar_status" role="radiogroup">${stages.map(
    (stage) =>
      html`<button type="button" class="btn btn-secondary o_arrow_button${stage.id === stageId ? ' o_arrow_button_current' : ''}" role="radio" aria-checked="${stage.id === stageId}" disabled>${text(stage.name)}</button>`,
  )}</div></div>`;
}

export function leadFormView(core: OdooStandinCore, id: number): { title: string; view: SafeHtml } | null {
  const hasMobile = leadsHaveMobile(core);
  const [lead] = core.read('crm.lead', id, [
    'name',
    'partner_id',
    'partner_name',
    'contact_name',
    'email_from',
    'phone',
    ...(hasMobile ? ['mobile'] : []),
    'phone_sanitized',
    'user_id',
    'stage_id',
    'expected_revenue',
    'probability',
    'city',
    'country_id',
  ]);
  if (!lead) return null;
  const name = text(lead.name);
  const ids = core.searchRead('crm.lead', [], ['id']).map((record) => record.id);
  const revenue = typeof lead.expected_revenue === 'number' ? lead.expected_revenue.toFixed(2) : '0.00';
  const probability = typeof lead.probability === 'number' ? lead.probability.toFixed(2) : '0.00';
  const view = formView({
    viewClass: 'o_crm_form_view o_lead_opportunity_form',
    panel: controlPanel(
      [{ label: 'Pipeline', href: '/odoo/crm' }, { label: name }],
      pagerOf(ids, id, leadPath),
      callInButton('crm.lead', id, lead.phone_sanitized),
    ),
    statusbar: statusbar(core, many2oneId(lead.stage_id)),
    title: html`<div class="oe_title"><h1><div name="name" class="o_field_widget o_required_modifier o_field_text"><textarea class="o_input" id="name_0" rows="1">${name}</textarea></div></h1>
<div class="o_lead_revenue d-flex"><span class="o_form_label">Expected Revenue</span> <span name="expected_revenue" class="o_field_widget o_field_monetary">${revenue} €</span> <span class="o_form_label">at</span> <span name="probability" class="o_field_widget o_field_float">${probability} %</span></div></div>`,
    left: [
      formRow(
        'Customer',
        'partner_id_0',
        many2oneField('partner_id', lead.partner_id, contactPath(many2oneId(lead.partner_id))),
      ),
      formRow('Email', 'email_from_0', emailField('email_from', 'email_from_0', lead.email_from)),
      formRow('Phone', 'phone_0', phoneField('phone', 'phone_0', lead.phone)),
      ...(hasMobile ? [formRow('Mobile', 'mobile_0', phoneField('mobile', 'mobile_0', lead.mobile))] : []),
    ],
    right: [
      formRow('Salesperson', 'user_id_0', many2oneField('user_id', lead.user_id)),
      formRow(
        'Contact Name',
        'contact_name_0',
        charField('contact_name', 'contact_name_0', lead.contact_name),
      ),
      formRow('City', 'city_0', charField('city', 'city_0', lead.city)),
      formRow('Country', 'country_id_0', many2oneField('country_id', lead.country_id)),
    ],
    chatter: chatter(core, 'crm.lead', id),
  });
  return { title: name || many2oneName(lead.partner_id), view };
}
