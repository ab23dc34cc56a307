import { type FoundNumber, foundInText, isDialable, numberFromTelHref, tidy } from '../phone-text';
import { SELECTORS } from '../selectors';
import type { Adapter } from './adapter';

/** A `tel:` link's number: the link target is what to dial, its text is what the user sees. */
export function foundInTelLink(link: Element): FoundNumber | null {
  const number = numberFromTelHref(link.getAttribute('href') ?? '');
  if (!isDialable(number)) return null;
  // Icon-only links ("Call") show no number: name the button after the link's target instead.
  const display = tidy(link.textContent ?? '');
  return isDialable(display) ? { number, display } : (foundInText(number) ?? null);
}

const HANDLED_ELSEWHERE = `${SELECTORS.phoneField.css}, ${SELECTORS.listPhoneCell.css}`;

/** `tel:` links anywhere: chatter notes, custom views, read-only fields not using the phone widget. */
export const telLinkAdapter: Adapter = {
  id: 'tel-link',
  selector: SELECTORS.telLink.css,
  accepts: (link) => link.closest(HANDLED_ELSEWHERE) === null,
  read: foundInTelLink,
  place: (link, host) => link.after(host),
};
