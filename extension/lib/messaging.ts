import type { BackgroundProtocol, MessageOf, MessageResult } from '../../shared/messages';

/**
 * Sends a typed message to the background and returns its `MessageResult`. A background that
 * cannot be reached (extension reloaded, context gone) comes back as data too, never as a throw,
 * so callers have one path for every failure.
 */
export async function sendToBackground<T extends keyof BackgroundProtocol & string>(
  type: T,
  fields: Omit<MessageOf<BackgroundProtocol, T>, 'target' | 'type'>,
): Promise<MessageResult<BackgroundProtocol[T]['response']>> {
  try {
    const response = (await chrome.runtime.sendMessage({ target: 'background', type, ...fields })) as
      | MessageResult<BackgroundProtocol[T]['response']>
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
