import { foundInText } from '../phone-text';
import { SELECTORS } from '../selectors';
import type { Adapter } from './adapter';
import { foundInTelLink } from './tel-link';

/**
 * Odoo's phone fields (form, kanban card, editable list row). Odoo hides its own tel: link
 * until the field is hovered; this button stays visible. When the field is editable the input's
 * current value is the number, so the button follows what the user types.
 */
export const phoneFieldAdapter: Adapter = {
  id: 'phone-field',
  selector: SELECTORS.phoneField.css,
  read(field) {
    const input = field.querySelector<HTMLInputElement>(SELECTORS.phoneFieldInput.css);
    if (input) return foundInText(input.value);
    const link = field.querySelector(SELECTORS.telLink.css);
    if (link) return foundInTelLink(link);
    return foundInText(field.textContent ?? '');
  },
  place(field, host) {
    // Right after the number, before Odoo's hover-only links (they keep their space when hidden).
    const number =
      field.querySelector(SELECTORS.phoneFieldInput.css) ?? field.querySelector(SELECTORS.telLink.css);
    if (number) number.after(host);
    else (field.querySelector(SELECTORS.phoneFieldSlot.css) ?? field).append(host);
  },
};
