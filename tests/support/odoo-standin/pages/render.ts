/**
 * One demo view → a whole web-client page, from the stand-in's live data (read at each request,
 * so a note posted by the worker shows after a reload). No server here: unit tests render pages
 * straight from an `OdooStandinCore`.
 */
import type { OdooStandinCore } from '../core';
import { html } from './html';
import { missingRecordView, webClientPage } from './layout';
import type { DemoView } from './urls';
import { contactFormView } from './views/contact-form';
import { contactListView } from './views/contact-list';
import { leadFormView } from './views/lead-form';
import { leadListView } from './views/lead-list';

export interface RenderedPage {
  status: 200 | 404;
  html: string;
}

export function renderDemoPage(core: OdooStandinCore, view: DemoView | null): RenderedPage {
  const missing = (): RenderedPage => ({
    status: 404,
    html: webClientPage({
      title: 'Missing Record',
      app: view?.model ?? 'crm.lead',
      view: missingRecordView(),
    }).markup,
  });
  if (view === null) return missing();
  if (view.kind === 'list') {
    const title = view.model === 'crm.lead' ? 'Pipeline' : 'Contacts';
    const content = view.model === 'crm.lead' ? leadListView(core) : contactListView(core);
    return { status: 200, html: webClientPage({ title, app: view.model, view: content }).markup };
  }
  const form = view.model === 'crm.lead' ? leadFormView(core, view.id) : contactFormView(core, view.id);
  if (!form) return missing();
  return { status: 200, html: webClientPage({ title: form.title, app: view.model, view: form.view }).markup };
}

/**
 * The 17.0 web client's `/web` page: its address says what to show in the hash, which the server
 * never sees, so the frame comes empty and the page's script asks `/__demo/view` for the view.
 */
export function webShellPage(): string {
  return webClientPage({ title: '', app: 'crm.lead', view: html`` }).markup;
}
