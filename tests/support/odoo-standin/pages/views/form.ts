/**
 * A form view's skeleton as Odoo 17 renders it: control panel, status bar, the sheet with its
 * title and two inner groups, whatever comes below (a notebook), and the chatter beside it.
 */
import { html, type SafeHtml } from '../html';

export interface FormParts {
  /** Classes of the view controller, e.g. `o_crm_form_view o_lead_opportunity_form`. */
  viewClass: string;
  panel: SafeHtml;
  statusbar?: SafeHtml;
  title: SafeHtml;
  left: SafeHtml[];
  right: SafeHtml[];
  below?: SafeHtml;
  chatter: SafeHtml;
}

export function formView(parts: FormParts): SafeHtml {
  return html`<div class="o_form_view ${parts.viewClass} o_view_controller o_action">
<div class="o_form_view_container">
${parts.panel}
<div class="o_content">
<div class="o_form_renderer o_form_editable d-flex o_form_saved">
<div class="o_form_sheet_bg">
${parts.statusbar ? html`<div class="o_form_statusbar position-relative d-flex justify-content-between">${parts.statusbar}</div>` : ''}
<div class="o_form_sheet position-relative">
${parts.title}
<div class="o_group row align-items-start">
<div class="o_inner_group grid col-lg-6">${parts.left}</div>
<div class="o_inner_group grid col-lg-6">${parts.right}</div>
</div>
${parts.below ?? ''}
</div>
</div>
${parts.chatter}
</div>
</div>
</div>
</div>`;
}

/** Where a record sits in the list it was opened from: `3 / 18`, with its neighbours. */
export function pagerOf(ids: number[], id: number, pathOf: (id: number) => string) {
  const index = ids.indexOf(id);
  if (index === -1) return undefined;
  const previous = ids[index - 1];
  const next = ids[index + 1];
  return {
    value: String(index + 1),
    limit: ids.length,
    ...(previous !== undefined ? { previous: pathOf(previous) } : {}),
    ...(next !== undefined ? { next: pathOf(next) } : {}),
  };
}
