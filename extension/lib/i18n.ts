import type messages from '../public/_locales/en/messages.json';
import { browser } from './browser';

/** Every key of `_locales/en/messages.json`: a missing string does not compile. */
export type MessageKey = keyof typeof messages;

/**
 * A user-facing string in the browser's language (`_locales/en` or `_locales/fr`). Falls back
 * to the key itself so a missing translation shows up instead of an empty label.
 */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

/** The browser UI language, e.g. `fr` or `en-US`. */
export function uiLanguage(): string {
  return browser.i18n.getUILanguage();
}

/**
 * The browser's languages, most preferred first (the person's Accept-Language list, which
 * usually names their region, e.g. `fr-BE`), then Chrome's own UI language.
 */
export function preferredLanguages(): string[] {
  const languages = typeof navigator === 'undefined' ? [] : [...(navigator.languages ?? [])];
  return [...languages, uiLanguage()];
}
