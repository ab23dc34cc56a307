import { INITIAL_PHONE_STATE, type PhoneState } from '../../shared/phone-state';

/**
 * The phone state before the background stored any (a fresh browser session): signed out, or
 * starting when a session is kept. The background and the views derive it the same way.
 */
export function phoneStateOrInitial(stored: PhoneState | undefined, signedIn: boolean): PhoneState {
  if (stored) return stored;
  return signedIn ? { ...INITIAL_PHONE_STATE, health: { status: 'starting' } } : INITIAL_PHONE_STATE;
}
