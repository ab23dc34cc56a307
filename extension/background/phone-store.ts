import { PHONE_STATE_KEY, type PhoneState } from '../../shared/phone-state';
import { SESSION_KEY } from '../../shared/settings';
import { phoneStateOrInitial } from '../lib/phone-state';
import { createSerialQueue } from '../lib/serial';
import { readItem, writeItem } from '../lib/storage';
import { type PhoneAction, reducePhone } from './phone-machine';

export interface Transition {
  before: PhoneState;
  after: PhoneState;
  action: PhoneAction;
}

type TransitionListener = (transition: Transition) => Promise<void> | void;

const serial = createSerialQueue();
const listeners: TransitionListener[] = [];

/** Runs after every change of the phone state (badge, notifications, presence, screen pop). */
export function onPhoneTransition(listener: TransitionListener): void {
  listeners.push(listener);
}

/**
 * The phone state in `chrome.storage.session`. Before anything was stored (a fresh browser
 * session) it is derived: signed out, or starting when a session is kept.
 */
export async function readPhoneState(): Promise<PhoneState> {
  const stored = await readItem('session', PHONE_STATE_KEY);
  if (stored) return stored;
  return phoneStateOrInitial(undefined, (await readItem('local', SESSION_KEY)) !== undefined);
}

/**
 * Applies an action to the stored state, one at a time, and tells the listeners when it changed.
 * Resolves with the transition; `changed` is false when the action did not apply.
 */
export function dispatch(action: PhoneAction, now = Date.now()): Promise<Transition & { changed: boolean }> {
  return serial(async () => {
    const before = await readPhoneState();
    const after = reducePhone(before, action, now);
    const changed = after !== before;
    if (changed) {
      await writeItem('session', PHONE_STATE_KEY, after);
      for (const listener of listeners) {
        try {
          await listener({ before, after, action });
        } catch (error) {
          // An effect failing (a notification, the badge) must not undo or block the state change.
          console.warn('phone transition effect failed', error);
        }
      }
    }
    return { before, after, action, changed };
  });
}
