/**
 * The chatter beside a record's form: its planned activities and its `mail.message`s, newest
 * first, read from the stand-in at each page load, so a note the worker posts appears after a
 * reload, as in Odoo. Message bodies are HTML (Odoo's notes are), shown through the sanitiser.
 */
import type { OdooStandinCore } from '../../core';
import { html, type SafeHtml, trustedHtml } from '../html';
import { sanitizeMessageBody } from '../sanitize';
import { many2oneId, many2oneName, text } from './widgets';

/** `2026-11-20 09:14:03` (UTC, as Odoo stores it) → `2026-11-20 09:14 UTC`. */
function shownDate(value: unknown): string {
  const date = text(value);
  return date ? `${date.slice(0, 16)} UTC` : '';
}

function initials(name: string): string {
  return (
    name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((word) => word[0]?.toUpperCase())
      .join('') || '?'
  );
}

function activities(core: OdooStandinCore, model: string, resId: number): SafeHtml {
  const planned = core.activitiesOn(model, resId);
  if (planned.length === 0) return html``;
  return html`<div class="o-mail-ActivityList"><div class="o-mail-Chatter-sectionTitle">Planned Activities</div>${planned.map(
    (activity) =>
      html`<div class="o-mail-Activity" data-state="${text(activity.state)}"><span class="o-mail-Activity-type">${many2oneName(activity.activity_type_id)}</span> <strong>${text(activity.summary)}</strong> <small class="text-muted">due ${text(activity.date_deadline)} · ${many2oneName(activity.user_id)}</small></div>`,
  )}</div>`;
}

export function chatter(core: OdooStandinCore, model: string, resId: number): SafeHtml {
  const messages = core.messagesOn(model, resId);
  return html`<div class="o-mail-ChatterContainer o-mail-Form-chatter oe_chatter">
<div class="o-mail-Chatter w-100 h-100 flex-grow-1 d-flex flex-column">
<div class="o-mail-Chatter-topbar d-flex"><button type="button" class="o-mail-Chatter-sendMessage btn btn-primary" disabled>Send message</button><button type="button" class="o-mail-Chatter-logNote btn btn-secondary" disabled>Log note</button></div>
<div class="o-mail-Chatter-content">${activities(core, model, resId)}
<div class="o-mail-Thread position-relative flex-grow-1 d-flex flex-column">${messages.map((message) => {
    const authorId = many2oneId(message.author_id);
    const author =
      (authorId === null ? '' : text(core.read('res.partner', authorId, ['name'])[0]?.name)) ||
      text(message.email_from) ||
      'OdooBot';
    const body = text(message.body);
    const kind = many2oneName(message.subtype_id) === 'Discussions' ? 'Message' : 'Note';
    return html`<div class="o-mail-Message position-relative" role="group" aria-label="${kind}" data-message-id="${message.id}">
<div class="o-mail-Message-core d-flex"><div class="o-mail-Message-sidebar"><span class="o-mail-Message-avatar" aria-hidden="true">${initials(author)}</span></div>
<div class="w-100"><div class="o-mail-Message-header"><span class="o-mail-Message-author"><strong class="me-1">${author}</strong></span><small class="o-mail-Message-date text-muted" title="${text(message.date)}">- ${shownDate(message.date)}</small></div>
<div class="o-mail-Message-content"><div class="o-mail-Message-body text-break mb-0 w-100">${body ? trustedHtml(sanitizeMessageBody(body)) : html`<p class="o-mail-Message-tracking">${many2oneName(message.subtype_id)}</p>`}</div></div></div></div>
</div>`;
  })}</div>
</div>
</div>
</div>`;
}
