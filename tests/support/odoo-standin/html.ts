/**
 * What Odoo 17 stores in an Html field. `message_post` escapes a plain `str` body with
 * `markupsafe.escape` and the sanitizer then wraps bare text in one `<p>`; line breaks stay
 * `\n` (so they collapse when the chatter shows them). HTML the client marks as such is kept.
 */

/** Escapes text the way lxml writes a text node: `&`, `<`, `>` (quotes stay as they are). */
export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** A plain-text `message_post` body, as stored. */
export function plaintextBody(text: string): string {
  return text === '' ? '' : `<p>${escapeHtml(text)}</p>`;
}

/** An Html field value given as HTML: bare text (no tag at all) gets the sanitizer's `<p>`. */
export function htmlFieldValue(value: string): string {
  if (value.trim() === '' || value.includes('<')) return value;
  return `<p>${value}</p>`;
}
