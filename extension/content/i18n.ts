/**
 * The in-page UI's strings, in extension/public/_locales/{en,fr}/messages.json (Chrome picks the
 * browser's language). Keys start with `page` so they cannot collide with the popup's.
 */
export type PageMessage =
  | 'pageCallButton'
  | 'pageCallInProgress'
  | 'pageCallBusy'
  | 'pageDialFailed'
  | 'pageCalling'
  | 'pageExtensionReloaded'
  | 'pageIncomingTitle'
  | 'pageUnknownCaller'
  | 'pageAccept'
  | 'pageDecline'
  | 'pageAnswerFailed'
  | 'pageDismiss';

export function t(key: PageMessage, ...substitutions: string[]): string {
  // An empty answer means a missing key: show the key rather than an unlabelled button.
  return chrome.i18n.getMessage(key, substitutions) || key;
}

/** Stands for the substitution while a message is cut around it (no message contains it). */
const SENTINEL = '\uE000';

/**
 * `t(key, value)` for many values: the message is looked up once and the value spliced in, so
 * labelling two thousand buttons costs two thousand string joins, not as many i18n calls.
 */
export function messageWith(key: PageMessage): (value: string) => string {
  const parts = t(key, SENTINEL).split(SENTINEL);
  if (parts.length !== 2) return (value) => t(key, value);
  const [before, after] = parts as [string, string];
  return (value) => before + value + after;
}
