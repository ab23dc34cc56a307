/**
 * The typed message protocol between the extension's parts (chrome.runtime messages).
 * Each receiver has one protocol map: message type → request fields and response data, so a
 * wrong message does not compile. Errors travel back to the sender as data (`MessageResult`),
 * never as exceptions across contexts.
 *
 * Only the background's content-script-facing messages are fixed here so far; the phone
 * (background ↔ offscreen, popup, options) adds its own maps in this file.
 */

/** What the content script knows about the record a number was clicked on. */
export interface RecordContext {
  model: string;
  id: number;
}

/** Messages the background answers, by type. */
export interface BackgroundProtocol {
  /** A number was clicked in an Odoo page. The background normalises it to E.164 with the default country. */
  dial: { request: { number: string; display: string; record?: RecordContext }; response: null };
  /** The in-page toast's buttons. */
  acceptIncoming: { request: { callSid: string }; response: null };
  declineIncoming: { request: { callSid: string }; response: null };
}

export type MessageTarget = 'background';

export type MessageOf<P, T extends keyof P & string> = { target: MessageTarget; type: T } & (P[T] extends {
  request: infer R;
}
  ? R
  : never);

export type BackgroundMessage = {
  [T in keyof BackgroundProtocol & string]: MessageOf<BackgroundProtocol, T>;
}[keyof BackgroundProtocol & string];

export type MessageResult<D> =
  | { ok: true; data: D }
  | { ok: false; error: { code: string; message: string } };

export type BackgroundResponse<T extends keyof BackgroundProtocol> = MessageResult<
  BackgroundProtocol[T]['response']
>;
