import type { MessageOf, MessageResult, MessageTarget } from '../../shared/messages';
import type { Runtime } from './browser';

/**
 * An error a handler throws on purpose: its `code` travels back to the sender, which branches
 * on it (`busy`, `not_signed_in`, `invalid_number`, a worker error code…).
 */
export class MessageError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'MessageError';
  }
}

/** A reply's data, or its error thrown again as a MessageError (same code) on this side. */
export function unwrap<D>(result: MessageResult<D>): D {
  if (!result.ok) throw new MessageError(result.error.code, result.error.message);
  return result.data;
}

export type Handlers<P> = {
  [T in keyof P & string]: (
    message: MessageOf<P, T>,
    sender: Runtime.MessageSender,
  ) => Promise<P[T] extends { response: infer R } ? R : never>;
};

export interface RouterOptions {
  /**
   * Refuses a message type from a sender (e.g. a content script asking to sign out, or one on a
   * page that is not the configured Odoo). May answer later; a failure to answer refuses.
   */
  allow?: (type: string, sender: Runtime.MessageSender) => boolean | Promise<boolean>;
}

/**
 * A `runtime.onMessage` listener (webextension-polyfill style: it returns a promise of the
 * answer) that answers the messages addressed to `target` with the typed handlers and ignores
 * the rest, so several receivers can share the runtime channel. Every answer is a `MessageResult`.
 */
export function createRouter<P>(target: MessageTarget, handlers: Handlers<P>, options: RouterOptions = {}) {
  return (message: unknown, sender: Runtime.MessageSender): Promise<MessageResult<unknown>> | undefined => {
    if (!isAddressedTo(target, message)) return undefined;
    const type = message.type;
    if (!Object.hasOwn(handlers, type)) {
      return Promise.resolve(failure('unknown_message', `No handler for "${type}".`));
    }
    const handler = handlers[type as keyof P & string] as (
      message: unknown,
      sender: Runtime.MessageSender,
    ) => Promise<unknown>;
    const forbidden = failure('forbidden', `"${type}" is not allowed from this sender.`);
    let allowed: boolean | Promise<boolean>;
    try {
      allowed = options.allow ? options.allow(type, sender) : true;
    } catch {
      allowed = false;
    }
    // The handler runs only once the sender is known to be allowed: a refusal has no effect.
    if (typeof allowed === 'boolean')
      return allowed ? answer(handler(message, sender)) : Promise.resolve(forbidden);
    return allowed.then(
      (ok) => (ok ? answer(handler(message, sender)) : forbidden),
      () => forbidden,
    );
  };
}

/** A handler's outcome as a `MessageResult`: thrown errors become data, never a rejection. */
function answer(outcome: Promise<unknown>): Promise<MessageResult<unknown>> {
  return outcome.then(
    (data): MessageResult<unknown> => ({ ok: true, data: data ?? null }),
    (error: unknown) =>
      error instanceof MessageError
        ? failure(error.code, error.message)
        : failure('internal', error instanceof Error ? error.message : String(error)),
  );
}

function isAddressedTo(target: MessageTarget, message: unknown): message is { target: string; type: string } {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { target?: unknown }).target === target &&
    typeof (message as { type?: unknown }).type === 'string'
  );
}

function failure(code: string, message: string): MessageResult<never> {
  return { ok: false, error: { code, message } };
}
