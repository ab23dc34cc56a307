/** The Contacts app as a list: customers (companies and people), not the company's own users. */
import type { OdooStandinCore } from '../../core';
import { SEED } from '../../data';
import { html, type SafeHtml } from '../html';
import { controlPanel } from '../layout';
import { pathOfView } from '../urls';
import { type ListColumn, listTable, many2oneName, text } from './widgets';

export function contactListView(core: OdooStandinCore): SafeHtml {
  const columns: ListColumn[] = [
    { name: 'complete_name', label: 'Name', cell: (partner) => text(partner.complete_name) },
    { name: 'phone', label: 'Phone', cell: (partner) => text(partner.phone), phone: true },
    { name: 'mobile', label: 'Mobile', cell: (partner) => text(partner.mobile), phone: true },
    { name: 'email', label: 'Email', cell: (partner) => text(partner.email) },
    { name: 'city', label: 'City', cell: (partner) => text(partner.city) },
    { name: 'country_id', label: 'Country', cell: (partner) => many2oneName(partner.country_id) },
    { name: 'user_id', label: 'Salesperson', cell: (partner) => many2oneName(partner.user_id) },
  ];
  const list = customers(
    core,
    columns.map((column) => column.name),
  );
  return html`<div class="o_list_view o_view_controller o_action">
${controlPanel([{ label: 'Contacts' }], { value: `1-${list.length}`, limit: list.length })}
<div class="o_content">${listTable(columns, list, (partner) => pathOfView({ kind: 'form', model: 'res.partner', id: partner.id }))}</div>
</div>`;
}

/** The contacts the Contacts app lists: customers, not the users' own partners nor the company's. */
export function customers(core: OdooStandinCore, fields: string[]) {
  return core
    .searchRead('res.partner', [], ['id', 'user_ids', ...fields])
    .filter((partner) => Array.isArray(partner.user_ids) && partner.user_ids.length === 0)
    .filter((partner) => partner.id !== SEED.partners.yourCompany);
}
