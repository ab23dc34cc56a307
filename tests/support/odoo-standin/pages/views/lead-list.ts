/** The CRM pipeline as a list, with the Phone and Mobile columns shown (issue 6). */
import type { OdooStandinCore } from '../../core';
import { html, type SafeHtml } from '../html';
import { controlPanel } from '../layout';
import { pathOfView } from '../urls';
import { type ListColumn, listTable, many2oneName, text } from './widgets';

const money = (value: unknown) =>
  typeof value === 'number' ? `${value.toLocaleString('en-US', { maximumFractionDigits: 0 })} €` : '';

/** Whether this Odoo's leads have `mobile` (17.0 yes; 18.2+ no). */
export function leadsHaveMobile(core: OdooStandinCore): boolean {
  return Boolean(core.database.model('crm.lead')?.fields.mobile);
}

export function leadListView(core: OdooStandinCore): SafeHtml {
  const columns: ListColumn[] = [
    { name: 'name', label: 'Opportunity', cell: (lead) => text(lead.name) },
    {
      name: 'partner_id',
      label: 'Customer',
      cell: (lead) => many2oneName(lead.partner_id) || text(lead.partner_name),
    },
    { name: 'email_from', label: 'Email', cell: (lead) => text(lead.email_from) },
    { name: 'phone', label: 'Phone', cell: (lead) => text(lead.phone), phone: true },
    ...(leadsHaveMobile(core)
      ? [
          {
            name: 'mobile',
            label: 'Mobile',
            cell: (lead) => text(lead.mobile),
            phone: true,
          } satisfies ListColumn,
        ]
      : []),
    { name: 'user_id', label: 'Salesperson', cell: (lead) => many2oneName(lead.user_id) },
    { name: 'stage_id', label: 'Stage', cell: (lead) => many2oneName(lead.stage_id) },
    { name: 'expected_revenue', label: 'Expected Revenue', cell: (lead) => money(lead.expected_revenue) },
  ];
  const leads = core.searchRead(
    'crm.lead',
    [],
    ['id', ...columns.map((column) => column.name), 'partner_name'],
  );
  return html`<div class="o_list_view o_crm_lead_list o_view_controller o_action">
${controlPanel([{ label: 'Pipeline' }], { value: `1-${leads.length}`, limit: leads.length })}
<div class="o_content">${listTable(columns, leads, (lead) => pathOfView({ kind: 'form', model: 'crm.lead', id: lead.id }))}</div>
</div>`;
}
