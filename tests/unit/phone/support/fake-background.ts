import type { BackgroundProtocol, MessageResult } from '../../../../shared/messages';
import { fakeChrome } from './install';

type Answer = MessageResult<unknown> | (() => MessageResult<unknown> | Promise<MessageResult<unknown>>);

/**
 * A stand-in for the background as the popup and options page see it: it records every message
 * they send and answers what the test set (`{ ok: true, data: null }` by default).
 */
export function installFakeBackground() {
  const received: ({ type: keyof BackgroundProtocol } & Record<string, unknown>)[] = [];
  const answers = new Map<string, Answer>();
  fakeChrome.runtime.onMessage.addListener((message: unknown) => {
    const { target, ...rest } = message as { target: string; type: keyof BackgroundProtocol };
    if (target !== 'background') return undefined;
    received.push(rest);
    const answer = answers.get(rest.type) ?? { ok: true, data: null };
    return Promise.resolve(typeof answer === 'function' ? answer() : answer);
  });
  return {
    received,
    answer(type: keyof BackgroundProtocol, answer: Answer) {
      answers.set(type, answer);
    },
    of(type: keyof BackgroundProtocol) {
      return received.filter((message) => message.type === type);
    },
    reset() {
      received.length = 0;
      answers.clear();
    },
  };
}
