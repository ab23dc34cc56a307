/**
 * Markup for the demo pages, built with one tagged template that escapes every interpolated
 * value unless it is markup made by this same template: page data (a lead's name, a note typed
 * by a user) can never become HTML by accident.
 *
 *   html`<td name="phone">${lead.phone}</td>`   // `<` in the data arrives as `&lt;`
 */

/** A piece of markup that is safe to insert as it is. Only `html` and `trustedHtml` make one. */
export class SafeHtml {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text as it must appear in HTML text or in a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

/** Nothing for `null`, `undefined` and `false` (Odoo's empty field), lists joined. */
function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.markup;
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let markup = strings[0] ?? '';
  values.forEach((value, index) => {
    markup += render(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(markup);
}

/** Markup that was made safe elsewhere (the chatter's sanitised message bodies). */
export function trustedHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
