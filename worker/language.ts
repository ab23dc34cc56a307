/** The languages the worker writes and speaks in: English, and French for French-speaking users. */
export type Language = 'en' | 'fr';

/** French for Odoo's `fr_*` languages (and `fr`), English for everything else. */
export function languageOf(code: string | null | undefined): Language {
  return code?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}
