import { foundInText, looksLikePhoneNumber } from '../phone-text';
import { SELECTORS } from '../selectors';
import type { Adapter } from './adapter';

const HANDLED_ELSEWHERE = `${SELECTORS.fieldWidget.css}, ${SELECTORS.telLink.css}`;

/**
 * Numbers on Odoo 16 kanban cards, where fields without a widget are bare spans: recognised by
 * their shape only (see looksLikePhoneNumber). Odoo 17+ wraps every card field in a named
 * widget, which phoneFieldAdapter handles.
 */
export const kanbanTextAdapter: Adapter = {
  id: 'kanban-text',
  selector: SELECTORS.kanbanSpan.css,
  accepts: (span) => span.childElementCount === 0 && span.closest(HANDLED_ELSEWHERE) === null,
  read(span) {
    const text = span.textContent ?? '';
    return looksLikePhoneNumber(text) ? foundInText(text) : null;
  },
  place: (span, host) => span.after(host),
};
