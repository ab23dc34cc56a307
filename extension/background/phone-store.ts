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
 * Resolves with the transition as soon as it is stored (`changed` is false when the action did
 * not apply); the listeners' effects run after that, still in order with later actions, so a
 * caller (placing a call) is not held up by the badge or the notifications.
 */
export function dispatch(action: PhoneAction, now = Date.now()): Promise<Transition & { changed: boolean }> {
  return new Promise((resolve, reject) => {
    void serial(async () => {
      let transition: Transition & { changed: boolean };
      try {
        const before = await readPhoneState();
        const after = reducePhone(before, action, now);
        const changed = after !== before;
        if (changed) await writeItem('session', PHONE_STATE_KEY, after);
        transition = { before, after, action, changed };
      } catch (error) {
        reject(error);
        return;
      }
      resolve(transition);
      if (transition.changed) await runListeners(transition);
    });
  });
}

/**
 * Resolves once every action dispatched so far has been applied and its effects have run (the
 * tests wait for the badge and notifications this way rather than for a fixed time).
 */
export function settled(): Promise<void> {
  return serial(async () => undefined);
}

async function runListeners(transition: Transition): Promise<void> {
  for (const listener of listeners) {
    try {
      await listener(transition);
    } catch (error) {
      // An effect failing (a notification, the badge) must not undo or block the state change.
      console.warn('phone transition effect failed', error);
    }
  }
}
