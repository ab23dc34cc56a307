import { type BackgroundProtocol, CONTENT_SCRIPT_MESSAGES } from '../../shared/messages';
import type { Runtime } from '../lib/browser';
import { OFFSCREEN_PATH } from './offscreen-document';

/** Messages only the offscreen document sends (it asks for tokens and reports the Device). */
const OFFSCREEN_MESSAGES: readonly (keyof BackgroundProtocol)[] = [
  'phoneConfig',
  'fetchToken',
  'deviceEvent',
];

/**
 * Who may send what. A content script runs inside Odoo's pages: it may only dial and answer
 * the toast, never sign out, read recent calls or ask for a token, and only from a page of the
 * configured Odoo (issue 12, item 14: defence in depth, should the script ever run elsewhere, or
 * a renderer that is not ours speak for it). Only the offscreen document reports Device events.
 * Messages from other extensions are refused outright.
 *
 * What Chrome says about a sender: an extension page (popup, options, offscreen document) has
 * `url` under the extension's base URL (`chrome-extension://<id>/…`), and the options page in
 * a tab also `tab`; a content script has the page's `url`, `origin` and `tab`. Chrome fills
 * these in the browser process: a page cannot choose them.
 */
export function allowMessage(
  type: string,
  sender: Runtime.MessageSender,
  extensionId: string,
  baseUrl: string,
  isOdooPage: (origin: string) => Promise<boolean>,
): boolean | Promise<boolean> {
  if (sender.id !== extensionId) return false;
  const fromExtensionPage = sender.url?.startsWith(baseUrl) ?? false;
  if (!fromExtensionPage) {
    if (!(CONTENT_SCRIPT_MESSAGES as readonly string[]).includes(type)) return false;
    const origin = senderOrigin(sender);
    return origin !== null && isOdooPage(origin);
  }
  if ((OFFSCREEN_MESSAGES as readonly string[]).includes(type))
    return sender.url === `${baseUrl}${OFFSCREEN_PATH}`;
  return true;
}

/**
 * The origin of the page a content script runs in: Chrome's `origin` (the frame's real origin,
 * Chrome 80+), else that of its `url`. Null when there is none to check.
 */
function senderOrigin(sender: Runtime.MessageSender & { origin?: string }): string | null {
  if (sender.origin) return sender.origin;
  try {
    return new URL(sender.url ?? '').origin;
  } catch {
    return null;
  }
}
