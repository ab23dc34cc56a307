/**
 * The web client's frame around every demo view: Odoo's navbar, the banner that says this is a
 * local stand-in, the action manager (the one part a view replaces) and the main components
 * container (dialogs, notifications). `body.o_web_client` and those two children of `body` are
 * what the content script looks for (extension/content/selectors.ts).
 */
import { html, type SafeHtml } from './html';
import type { DemoModel } from './urls';

export const DEMO_ASSETS = { css: '/__demo/odoo.css', script: '/__demo/client.js' } as const;

const APPS: Record<DemoModel, { name: string; menu: SafeHtml }> = {
  'crm.lead': {
    name: 'CRM',
    menu: html`<a class="o_nav_entry" href="/odoo/crm">Pipeline</a><a class="o_nav_entry" href="/odoo/contacts">Customers</a>`,
  },
  'res.partner': {
    name: 'Contacts',
    menu: html`<a class="o_nav_entry" href="/odoo/contacts">Contacts</a><a class="o_nav_entry" href="/odoo/crm">CRM</a>`,
  },
};

export interface PageFrame {
  title: string;
  /** The app whose navbar is shown. */
  app: DemoModel;
  /** What goes in the action manager; empty for the 17.0 `/web` shell (its script loads it). */
  view: SafeHtml;
}

export function webClientPage({ title, app, view }: PageFrame): SafeHtml {
  const { name, menu } = APPS[app];
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title ? `${title} - Odoo` : 'Odoo'}</title>
<link rel="stylesheet" href="${DEMO_ASSETS.css}">
<script src="${DEMO_ASSETS.script}" defer></script>
</head>
<body class="o_web_client">
<header class="o_navbar"><nav class="o_main_navbar">
<a class="o_menu_toggle" href="/odoo" aria-label="Home menu">⋮⋮⋮</a>
<a class="o_menu_brand" href="${app === 'crm.lead' ? '/odoo/crm' : '/odoo/contacts'}">${name}</a>
<div class="o_menu_sections">${menu}</div>
</nav></header>
<div class="o_demo_banner" role="note"><strong>Local Odoo stand-in</strong>: demo data, no real Odoo behind this page. <span lang="fr">Odoo simulé en local : données de démonstration.</span></div>
<div class="o_action_manager">${view}</div>
<div class="o-main-components-container"><div class="o-overlay-container"></div><div class="o_notification_manager"></div></div>
</body>
</html>
`;
}

/** The control panel above a view: breadcrumbs, and a pager when there is one. */
export function controlPanel(
  breadcrumbs: { label: string; href?: string }[],
  pager?: { value: string; limit: number; previous?: string; next?: string },
  extra?: SafeHtml,
): SafeHtml {
  const last = breadcrumbs.at(-1);
  return html`<div class="o_control_panel d-flex flex-column gap-3 px-3 pt-2 pb-3">
<div class="o_control_panel_main d-flex">
<div class="o_control_panel_breadcrumbs d-flex"><ol class="breadcrumb">${breadcrumbs
    .slice(0, -1)
    .map(
      (crumb) =>
        html`<li class="breadcrumb-item o_back_button"><a href="${crumb.href ?? '#'}">${crumb.label}</a></li>`,
    )}</ol><div class="o_last_breadcrumb_item active"><span>${last?.label}</span></div></div>
${extra ?? ''}
${
  pager
    ? html`<nav class="o_pager" aria-label="Pager">${pager.previous ? html`<a class="o_pager_previous" href="${pager.previous}" aria-label="Previous">‹</a>` : ''}<span class="o_pager_value">${pager.value}</span> / <span class="o_pager_limit">${pager.limit}</span>${pager.next ? html`<a class="o_pager_next" href="${pager.next}" aria-label="Next">›</a>` : ''}</nav>`
    : ''
}
</div>
</div>`;
}

/** Odoo's "record not found" answer, inside the frame (HTTP 404). */
export function missingRecordView(): SafeHtml {
  return html`<div class="o_view_controller o_action"><div class="o_content o_demo_missing"><h2>Missing Record</h2><p>Record does not exist or has been deleted.</p><p><a href="/odoo/crm">Back to the pipeline</a></p></div></div>`;
}
