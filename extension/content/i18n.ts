/**
 * The in-page UI's strings, in extension/public/_locales/{en,fr}/messages.json (Chrome picks the
 * browser's language). Keys start with `page` so they cannot collide with the popup's.
 */
export type PageMessage =
  | 'pageCallButton'
  | 'pageCallInProgress'
  | 'pageCallBusy'
  | 'pageDialFailed'
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
