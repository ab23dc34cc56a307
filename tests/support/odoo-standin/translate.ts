/** Translated names (stages, activity types) for the `lang` of a call's context. */
import { TRANSLATIONS } from './data';

export function translate(term: string, lang: unknown): string {
  if (typeof lang !== 'string' || !(lang in TRANSLATIONS)) return term;
  return TRANSLATIONS[lang as keyof typeof TRANSLATIONS][term] ?? term;
}
