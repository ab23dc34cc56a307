import type { FoundNumber } from '../phone-text';

/**
 * One kind of place where Odoo shows a phone number (a form field, a list cell, a link…).
 * Adapters are tried in order; each `accepts` leaves alone what an earlier one handles, so a
 * number never gets two buttons.
 */
export interface Adapter {
  /** Short name, used in tests and docs. */
  readonly id: string;
  /** Elements that may show a number (a SELECTORS entry). */
  readonly selector: string;
  /** Checks the selector cannot express; every element of `selector` is accepted without it. */
  accepts?(element: Element): boolean;
  /** The number the element shows right now, or null (empty field, not a number). */
  read(element: Element): FoundNumber | null;
  /** Puts the button's host element next to the number, without touching Odoo's own nodes. */
  place(element: Element, host: HTMLElement): void;
}
