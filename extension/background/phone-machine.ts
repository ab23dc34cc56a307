import type { DeviceEvent } from '../../shared/messages';
import type {
  Availability,
  CallParty,
  IncomingCall,
  LiveCall,
  PhoneHealth,
  PhoneState,
  WrapUp,
} from '../../shared/phone-state';
import type { AgentKey } from '../../shared/settings';
import { parentCallSidFrom, partyFromIncoming } from './incoming-party';

/**
 * Everything that moves the phone's state: what the offscreen document reports (DeviceEvent)
 * and what the agent or the background decided.
 */
export type PhoneAction =
  | DeviceEvent
  /** The agent placed a call; the Device is asked to connect right after. */
  | { type: 'dial'; party: CallParty; owner?: AgentKey }
  /** The agent accepted the ringing incoming call. */
  | { type: 'answer'; callSid: string; owner?: AgentKey }
  /** The offscreen document was (re)created: no call of the old one survives. */
  | { type: 'phone-restarted'; health: PhoneHealth }
  | { type: 'signed-out' }
  | { type: 'availability'; availability: Availability }
  /** The wrap-up was saved to the outbox, dismissed, or parked for its agent (who signed out). */
  | { type: 'wrap-up-closed'; callSid: string }
  /** An agent signed in again: their parked wrap-up is pending again, unless another one is. */
  | { type: 'wrap-up-restored'; wrapUp: WrapUp };

/**
 * The phone's state machine: a pure function, so every event can be tried in every state
 * (tests/unit/phone/phone-machine.test.ts). An event that does not apply to the current state
 * returns the same object, and the background then writes nothing.
 */
export function reducePhone(state: PhoneState, action: PhoneAction, now: number): PhoneState {
  const { call, incoming } = state;
  switch (action.type) {
    case 'health':
      return sameHealth(state.health, action.health) ? state : { ...state, health: action.health };
    case 'availability':
      return state.availability === action.availability
        ? state
        : { ...state, availability: action.availability };
    case 'signed-out':
      return { ...state, health: { status: 'signed_out' }, incoming: null };
    case 'phone-restarted':
      return {
        ...state,
        health: action.health,
        call: null,
        incoming: null,
        wrapUp: call ? (wrapUpFor(call, now) ?? state.wrapUp) : state.wrapUp,
      };
    case 'dial':
      if (call || incoming) return state;
      return { ...state, call: newCall('outbound', action.party, null, action.owner), callError: null };
    case 'answer': {
      if (call || incoming?.callSid !== action.callSid) return state;
      const answered = newCall('inbound', incoming.party, incoming.callSid, action.owner);
      if (incoming.parentCallSid) answered.parentCallSid = incoming.parentCallSid;
      return { ...state, call: answered, incoming: null, callError: null };
    }
    case 'outgoing-ringing':
      if (call?.direction !== 'outbound' || (call.phase !== 'connecting' && call.phase !== 'ringing'))
        return state;
      return withCall(state, { ...call, phase: 'ringing', callSid: action.callSid });
    case 'accepted':
      if (!call || (call.phase !== 'connecting' && call.phase !== 'ringing')) return state;
      return withCall(state, {
        ...call,
        phase: 'open',
        answeredAt: now,
        callSid: action.callSid ?? call.callSid,
      });
    case 'reconnecting':
      return call?.phase === 'open' ? withCall(state, { ...call, phase: 'reconnecting' }) : state;
    case 'reconnected':
      return call?.phase === 'reconnecting' ? withCall(state, { ...call, phase: 'open' }) : state;
    case 'muted':
      return call && call.muted !== action.muted ? withCall(state, { ...call, muted: action.muted }) : state;
    case 'warning':
      return call && !call.warnings.includes(action.name)
        ? withCall(state, { ...call, warnings: [...call.warnings, action.name] })
        : state;
    case 'warning-cleared':
      return call?.warnings.includes(action.name)
        ? withCall(state, { ...call, warnings: call.warnings.filter((name) => name !== action.name) })
        : state;
    case 'ended': {
      if (!call || (action.callSid && call.callSid && action.callSid !== call.callSid)) return state;
      const ended = { ...call, callSid: call.callSid ?? action.callSid };
      return {
        ...state,
        call: null,
        wrapUp: wrapUpFor(ended, now) ?? state.wrapUp,
        callError: action.error ? { ...action.error, at: now } : null,
      };
    }
    case 'incoming': {
      if (call || incoming) return state;
      const ringing: IncomingCall = {
        callSid: action.callSid,
        party: partyFromIncoming(action.from, action.params),
        receivedAt: now,
      };
      const parentCallSid = parentCallSidFrom(action.params);
      if (parentCallSid) ringing.parentCallSid = parentCallSid;
      return { ...state, incoming: ringing };
    }
    case 'incoming-ended':
      return incoming?.callSid === action.callSid ? { ...state, incoming: null } : state;
    case 'wrap-up-closed':
      return state.wrapUp?.callSid === action.callSid ? { ...state, wrapUp: null } : state;
    case 'wrap-up-restored':
      return state.wrapUp ? state : { ...state, wrapUp: action.wrapUp };
  }
}

function newCall(
  direction: LiveCall['direction'],
  party: CallParty,
  callSid: string | null,
  owner: AgentKey | undefined,
): LiveCall {
  const call: LiveCall = {
    callSid,
    direction,
    party,
    phase: 'connecting',
    answeredAt: null,
    muted: false,
    warnings: [],
  };
  if (owner) call.owner = owner;
  return call;
}

function withCall(state: PhoneState, call: LiveCall): PhoneState {
  return { ...state, call };
}

/**
 * A call gets a wrap-up when Twilio knows it (it has a CallSid) and there is something to say:
 * it was answered, or it was an outgoing attempt (no answer, voicemail…). A declined or missed
 * incoming call never became a live call here, so it has none.
 */
function wrapUpFor(call: LiveCall, now: number): WrapUp | null {
  if (!call.callSid || call.callSid.startsWith('TJ')) return null;
  if (call.answeredAt === null && call.direction === 'inbound') return null;
  const wrapUp: WrapUp = {
    callSid: call.parentCallSid ?? call.callSid,
    direction: call.direction,
    party: call.party,
    endedAt: now,
    durationSeconds: call.answeredAt === null ? 0 : Math.max(0, Math.round((now - call.answeredAt) / 1000)),
  };
  // The wrap-up is the agent's who was on the call, even if they signed out before it ended.
  if (call.owner) wrapUp.owner = call.owner;
  return wrapUp;
}

function sameHealth(a: PhoneHealth, b: PhoneHealth): boolean {
  if (a.status !== b.status) return false;
  if (a.status === 'error' && b.status === 'error') return a.code === b.code && a.message === b.message;
  return true;
}
