import type { OdooRecordRef } from '../../shared/api';
import type { IncomingCall } from '../../shared/phone-state';
import { sendToBackground } from '../lib/messaging';
import { t } from './i18n';
import { type Overlay, textElement } from './overlay';

/** Only web addresses become links (never `javascript:` or the like from a caller's record). */
function webAddress(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The record's name, as a link when the worker gave a web address for it. */
function recordLine(record: OdooRecordRef): HTMLElement {
  const line = textElement('p', 'detail', '');
  const name = record.name || `${record.model} #${record.id}`;
  const href = webAddress(record.url);
  if (href) {
    const link = textElement('a', '', name);
    link.href = href;
    line.append(link);
  } else {
    line.textContent = name;
  }
  return line;
}

/**
 * The in-page incoming-call toast, drawn from the phone state's `incoming` (issue 5): who is
 * calling, the matched record, **Accept** / **Decline**. It shows in every open Odoo tab and
 * disappears when `incoming` becomes null (answered anywhere, declined, or the caller hung up).
 * It never takes the focus: an agent typing in Odoo must not answer by pressing Enter.
 */
export class IncomingToast {
  private shown: { callSid: string; card: HTMLElement } | undefined;

  constructor(private readonly overlay: Overlay) {}

  render(incoming: IncomingCall | null): void {
    if (incoming?.callSid === this.shown?.callSid) return;
    this.shown?.card.remove();
    this.shown = incoming ? { callSid: incoming.callSid, card: this.build(incoming) } : undefined;
    if (this.shown) this.overlay.add(this.shown.card);
  }

  private build(incoming: IncomingCall): HTMLElement {
    const { party } = incoming;
    const card = document.createElement('section');
    card.className = 'card';
    card.setAttribute('role', 'dialog');
    card.setAttribute('aria-label', t('pageIncomingTitle'));
    card.setAttribute('aria-live', 'assertive');
    card.append(
      textElement('p', 'title', t('pageIncomingTitle')),
      textElement('p', 'caller', party.name || party.display || party.number || t('pageUnknownCaller')),
    );
    if (party.name) card.append(textElement('p', 'detail', party.display || party.number));
    if (party.record) card.append(recordLine(party.record));
    const status = textElement('p', 'status', '');
    status.setAttribute('role', 'alert');
    const accept = textElement('button', 'accept', t('pageAccept'));
    const decline = textElement('button', 'decline', t('pageDecline'));
    const actions = textElement('div', 'actions', '');
    actions.append(accept, decline);
    card.append(status, actions);

    const answer = async (type: 'acceptIncoming' | 'declineIncoming') => {
      accept.disabled = decline.disabled = true;
      status.textContent = '';
      const result = await sendToBackground(type, { callSid: incoming.callSid });
      // On success the background clears `incoming` and this card goes away with it.
      if (!result.ok) {
        status.textContent = t('pageAnswerFailed', result.error.message);
        accept.disabled = decline.disabled = false;
      }
    };
    for (const button of [accept, decline]) button.type = 'button';
    // Only the agent answers (issue 12, item 14): the toast's shadow root is open, so a page
    // script can reach these buttons, but its `click()` is not a trusted event.
    accept.addEventListener('click', (event) => {
      if (event.isTrusted) void answer('acceptIncoming');
    });
    decline.addEventListener('click', (event) => {
      if (event.isTrusted) void answer('declineIncoming');
    });
    return card;
  }
}
