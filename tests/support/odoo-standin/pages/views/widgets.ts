/**
 * Odoo 17's field widgets and list table, as the web client renders them (the same elements and
 * classes as shared/reference/odoo17 and tests/fixtures/odoo, which the content script's
 * selectors are tested against). Values come from records read over the stand-in's ORM: empty
 * fields are `false`, many2one fields `[id, name]`.
 */
import type { OdooRecord } from '../../orm';
import { html, type SafeHtml } from '../html';

export type FieldValue = unknown;

/** Text of a char field (empty for `false`). */
export function text(value: FieldValue): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** The name of a many2one value `[id, name]`, or ''. */
export function many2oneName(value: FieldValue): string {
  return Array.isArray(value) && typeof value[1] === 'string' ? value[1] : '';
}

/** The id of a many2one value, or null. */
export function many2oneId(value: FieldValue): number | null {
  return Array.isArray(value) && typeof value[0] === 'number' ? value[0] : null;
}

/** A label and its field, one line of a form's inner group. */
export function formRow(label: string, fieldId: string, field: SafeHtml): SafeHtml {
  return html`<div class="o_wrap_field d-flex d-sm-contents flex-column mb-3 mb-sm-0">
  <div class="o_cell o_wrap_label"><label class="o_form_label" for="${fieldId}">${label}</label></div>
  <div class="o_cell o_wrap_input">${field}</div>
</div>`;
}

export function charField(name: string, fieldId: string, value: FieldValue): SafeHtml {
  return html`<div name="${name}" class="o_field_widget o_field_char"><input class="o_input" type="text" id="${fieldId}" value="${text(value)}"></div>`;
}

export function emailField(name: string, fieldId: string, value: FieldValue): SafeHtml {
  const email = text(value);
  return html`<div name="${name}" class="o_field_widget o_field_email"><div class="d-inline-flex w-100"><input class="o_input" type="email" id="${fieldId}" value="${email}">${
    email
      ? html`<a class="ms-3 d-inline-flex align-items-center" href="mailto:${email}"><i class="fa fa-envelope"></i></a>`
      : ''
  }</div></div>`;
}

/**
 * Odoo's phone widget: the number in the input's value, then the `tel:` and `sms:` links Odoo
 * shows only while the field is hovered (their targets without spaces, as Odoo writes them).
 */
export function phoneField(name: string, fieldId: string, value: FieldValue): SafeHtml {
  const number = text(value);
  const target = number.replace(/\s+/g, '');
  return html`<div class="o_row o_row_readonly"><div name="${name}" class="o_field_widget o_field_phone"><div class="o_phone_content d-inline-flex w-100"><input class="o_input" type="tel" autocomplete="off" id="${fieldId}" value="${number}">${
    number
      ? html`<a class="o_phone_form_link ms-3 d-inline-flex align-items-center" href="tel:${target}"><i class="fa fa-phone"></i><small class="fw-bold ms-1">Call</small></a><a class="ms-3 d-inline-flex align-items-center o_field_phone_sms" title="Send SMS Text Message" href="sms:${target}"><i class="fa fa-mobile"></i><small class="fw-bold ms-1">SMS</small></a>`
      : ''
  }</div></div></div>`;
}

/** A many2one shown read-only, as a link to the record when the demo has a page for it. */
export function many2oneField(name: string, value: FieldValue, href?: string): SafeHtml {
  const label = many2oneName(value);
  return html`<div name="${name}" class="o_field_widget o_field_many2one">${
    label && href ? html`<a class="o_form_uri" href="${href}">${label}</a>` : html`<span>${label}</span>`
  }</div>`;
}

export interface ListColumn {
  /** The field name: `th[data-name]` and `td[name]`, which the content script reads. */
  name: string;
  label: string;
  cell(record: OdooRecord): string;
  /** Numbers are shown left-to-right whatever the language (Odoo's `o_force_ltr`). */
  phone?: boolean;
}

/**
 * A list view's table: plain-text cells under named headers (Odoo's `o_list_char`), rows that
 * carry no record id (as in Odoo); a click on a row opens `rowHref` (the demo's script).
 */
export function listTable(
  columns: ListColumn[],
  records: OdooRecord[],
  rowHref: (record: OdooRecord) => string,
) {
  return html`<div class="o_list_renderer o_renderer table-responsive" tabindex="-1">
<table class="o_list_table table table-sm table-hover position-relative mb-0 o_list_table_ungrouped table-striped">
<thead><tr><th class="o_list_record_selector o_list_controller align-middle pe-1" tabindex="-1"><div class="o-checkbox form-check d-flex m-0"><input type="checkbox" class="form-check-input"></div></th>${columns.map(
    (column) =>
      html`<th data-name="${column.name}" class="align-middle o_column_sortable"><div class="d-flex"><span class="d-block min-w-0 text-truncate flex-grow-1">${column.label}</span></div></th>`,
  )}</tr></thead>
<tbody class="ui-sortable">${records.map(
    (record, index) =>
      html`<tr class="o_data_row" data-id="datapoint_${index + 1}" data-demo-href="${rowHref(record)}"><td class="o_list_record_selector user-select-none" tabindex="-1"><div class="o-checkbox form-check"><input type="checkbox" class="form-check-input"></div></td>${columns.map(
        (column) => {
          const value = column.cell(record);
          return html`<td class="o_data_cell cursor-pointer o_field_cell${column.phone ? ' o_force_ltr' : ''} o_list_char" tabindex="-1" name="${column.name}" data-tooltip="${value}">${value}</td>`;
        },
      )}</tr>`,
  )}</tbody>
</table>
</div>`;
}
