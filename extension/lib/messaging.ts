import type {
  BackgroundProtocol,
  MessageOf,
  MessageResult,
  MessageTarget,
  OffscreenProtocol,
} from '../../shared/messages';

/** Each receiver's protocol map. */
export interface Protocols {
  background: BackgroundProtocol;
  offscreen: OffscreenProtocol;
}

/**
 * Sends a typed message to one receiver and returns its `MessageResult`. A receiver that cannot
 * be reached (extension reloaded, context gone) comes back as data too, never as a throw, so
 * callers have one path for every failure. Uses `chrome.runtime` directly: the content script
 * shares this file and does not carry the polyfill.
 */
export async function sendMessage<Target extends MessageTarget, T extends keyof Protocols[Target] & string>(
  target: Target,
  type: T,
  fields: Omit<MessageOf<Protocols[Target], T>, 'target' | 'type'>,
): Promise<MessageResult<ResponseOf<Protocols[Target], T>>> {
  try {
    const response = (await chrome.runtime.sendMessage({ target, type, ...fields })) as
      | MessageResult<ResponseOf<Protocols[Target], T>>
      | undefined;
    return (
      response ?? { ok: false, error: { code: 'no_response', message: 'The extension did not answer.' } }
    );
  } catch (error) {
    return {
      ok: false,
      error: { code: 'unreachable', message: error instanceof Error ? error.message : String(error) },
    };
  }
}

export type ResponseOf<P, T extends keyof P> = P[T] extends { response: infer R } ? R : never;

export function sendToBackground<T extends keyof BackgroundProtocol & string>(
  type: T,
  fields: Omit<MessageOf<BackgroundProtocol, T>, 'target' | 'type'>,
): Promise<MessageResult<ResponseOf<BackgroundProtocol, T>>> {
  return sendMessage('background', type, fields);
}

export function sendToOffscreen<T extends keyof OffscreenProtocol & string>(
  type: T,
  fields: Omit<MessageOf<OffscreenProtocol, T>, 'target' | 'type'>,
): Promise<MessageResult<ResponseOf<OffscreenProtocol, T>>> {
  return sendMessage('offscreen', type, fields);
}
