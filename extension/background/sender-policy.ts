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
 * the toast, never sign out, read recent calls or ask for a token. Only the offscreen document
 * reports Device events. Messages from other extensions are refused outright.
 */
export function allowMessage(
  type: string,
  sender: Runtime.MessageSender,
  extensionId: string,
  baseUrl: string,
): boolean {
  if (sender.id !== extensionId) return false;
  const fromExtensionPage = sender.url?.startsWith(baseUrl) ?? false;
  if (!fromExtensionPage) return (CONTENT_SCRIPT_MESSAGES as readonly string[]).includes(type);
  if ((OFFSCREEN_MESSAGES as readonly string[]).includes(type))
    return sender.url === `${baseUrl}${OFFSCREEN_PATH}`;
  return true;
}
