import type { CallParty, IncomingCall, LiveCall, PhoneState } from '../../../../shared/phone-state';
import { INITIAL_PHONE_STATE } from '../../../../shared/phone-state';

/** A ready phone, optionally in a call or ringing, as the background would store it. */
export function phoneState(overrides: Partial<PhoneState> = {}): PhoneState {
  return { ...INITIAL_PHONE_STATE, health: { status: 'ready' }, ...overrides };
}

export function liveCall(party: CallParty): LiveCall {
  return {
    callSid: `CA${'0'.repeat(32)}`,
    direction: 'outbound',
    party,
    phase: 'open',
    answeredAt: Date.now(),
    muted: false,
    warnings: [],
  };
}

export function incomingCall(party: CallParty, callSid = `CA${'1'.repeat(32)}`): IncomingCall {
  return { callSid, party, receivedAt: Date.now() };
}
