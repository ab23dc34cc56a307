import type { DeviceEvent } from '../../shared/messages';
import type {
  Availability,
  CallParty,
  IncomingCall,
  LiveCall,
  PhoneHealth,
  PhoneState,
  UnansweredOutcome,
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
  /** The agent pressed **Hang up**; the Device's `ended` follows. */
  | { type: 'hang-up' }
  /** The offscreen document was (re)created: no call of the old one survives. */
  | { type: 'phone-restarted'; health: PhoneHealth }
  | { type: 'signed-out' }
  | { type: 'availability'; availability: Availability }
  /**
   * The wrap-up (pending or waiting) was saved to the outbox, dismissed, or parked for its agent
   * (who signed out).
   */
  | { type: 'wrap-up-closed'; callSid: string }
  /** The agent opened a waiting wrap-up: it is the pending one, the pending one waits instead. */
  | { type: 'wrap-up-opened'; callSid: string }
  /** An agent signed in again: their parked wrap-up is pending again, or waiting if one is. */
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
        ...withNewWrapUp(state, call ? wrapUpFor(call, now, 'failed') : null),
      };
    case 'dial':
      if (call || incoming) return state;
      return {
        ...setAside(state),
        call: newCall('outbound', action.party, null, action.owner),
        callError: null,
      };
    case 'answer': {
      if (call || incoming?.callSid !== action.callSid) return state;
      const answered = newCall('inbound', incoming.party, incoming.callSid, action.owner);
      if (incoming.parentCallSid) answered.parentCallSid = incoming.parentCallSid;
      return { ...setAside(state), call: answered, incoming: null, callError: null };
    }
    case 'hang-up':
      return call && !call.hangingUp ? withCall(state, { ...call, hangingUp: true }) : state;
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
      const unanswered = unansweredOutcome(ended, action.error);
      // Busy or no answer is how the attempt went, not a fault of the phone: the wrap-up says it.
      const phoneFault = action.error && unanswered !== 'busy' && unanswered !== 'no_answer';
      return {
        ...state,
        call: null,
        ...withNewWrapUp(state, wrapUpFor(ended, now, unanswered)),
        callError: phoneFault && action.error ? { ...action.error, at: now } : null,
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
    case 'wrap-up-closed': {
      if (state.wrapUp?.callSid === action.callSid) return { ...state, wrapUp: null };
      const waiting = state.waitingWrapUps ?? [];
      if (!waiting.some((wrapUp) => wrapUp.callSid === action.callSid)) return state;
      return withWaiting(
        state,
        waiting.filter((wrapUp) => wrapUp.callSid !== action.callSid),
      );
    }
    case 'wrap-up-opened': {
      const opened = state.waitingWrapUps?.find((wrapUp) => wrapUp.callSid === action.callSid);
      if (!opened) return state;
      const others = (state.waitingWrapUps ?? []).filter((wrapUp) => wrapUp !== opened);
      return {
        ...withWaiting(state, state.wrapUp ? waitingWith(others, state.wrapUp) : others),
        wrapUp: opened,
      };
    }
    case 'wrap-up-restored': {
      const known = [state.wrapUp, ...(state.waitingWrapUps ?? [])];
      if (known.some((wrapUp) => wrapUp?.callSid === action.wrapUp.callSid)) return state;
      return state.wrapUp
        ? withWaiting(state, waitingWith(state.waitingWrapUps ?? [], action.wrapUp))
        : { ...state, wrapUp: action.wrapUp };
    }
  }
}

/**
 * Another call starts while a wrap-up is pending (issue 13, item 2): the pending one waits,
 * rather than vanish under the new call or be replaced when it ends. Its draft is stored per
 * call, so it stays with it.
 */
function setAside(state: PhoneState): PhoneState {
  if (!state.wrapUp) return state;
  return { ...withWaiting(state, waitingWith(state.waitingWrapUps ?? [], state.wrapUp)), wrapUp: null };
}

/** The ended call's wrap-up is the pending one; one pending already (opened meanwhile) waits. */
function withNewWrapUp(
  state: PhoneState,
  wrapUp: WrapUp | null,
): Pick<PhoneState, 'wrapUp' | 'waitingWrapUps'> {
  if (!wrapUp) return { wrapUp: state.wrapUp, ...waitingOf(state) };
  const waiting = state.waitingWrapUps ?? [];
  if (!state.wrapUp || state.wrapUp.callSid === wrapUp.callSid) return { wrapUp, ...waitingOf(state) };
  return { wrapUp, waitingWrapUps: waitingWith(waiting, state.wrapUp) };
}

function waitingOf(state: PhoneState): Pick<PhoneState, 'waitingWrapUps'> {
  return state.waitingWrapUps ? { waitingWrapUps: state.waitingWrapUps } : {};
}

/** Adds a wrap-up to the waiting ones, oldest first, once per call. */
function waitingWith(waiting: readonly WrapUp[], wrapUp: WrapUp): WrapUp[] {
  return [...waiting.filter((other) => other.callSid !== wrapUp.callSid), wrapUp].sort(
    (a, b) => a.endedAt - b.endedAt,
  );
}

function withWaiting(state: PhoneState, waiting: WrapUp[]): PhoneState {
  const { waitingWrapUps: _, ...rest } = state;
  return waiting.length === 0 ? rest : { ...rest, waitingWrapUps: waiting };
}

/**
 * Twilio's codes for an attempt the far end turned down (issue 13, item 7): busy (SIP 486), or
 * declined (SIP 603, which Twilio reports as busy too); and one it could not reach (SIP 480).
 */
const BUSY_CODES = new Set([31486, 31603]);
const NO_ANSWER_CODES = new Set([31480]);

/** How an outgoing attempt that was never answered ended; nothing for any other call. */
function unansweredOutcome(
  call: LiveCall,
  error: { code: number } | undefined,
): UnansweredOutcome | undefined {
  if (call.direction !== 'outbound' || call.answeredAt !== null) return undefined;
  if (error)
    return BUSY_CODES.has(error.code) ? 'busy' : NO_ANSWER_CODES.has(error.code) ? 'no_answer' : 'failed';
  // Without a code the end came from Twilio's side (the dial timed out or was turned down) or
  // from the agent's **Hang up**; the phone cannot tell a busy line from a ring that timed out.
  return call.hangingUp ? 'canceled' : 'no_answer';
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
function wrapUpFor(call: LiveCall, now: number, unanswered?: UnansweredOutcome): WrapUp | null {
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
  if (unanswered && call.direction === 'outbound' && call.answeredAt === null) wrapUp.unanswered = unanswered;
  return wrapUp;
}

function sameHealth(a: PhoneHealth, b: PhoneHealth): boolean {
  if (a.status !== b.status) return false;
  if (a.status === 'error' && b.status === 'error') return a.code === b.code && a.message === b.message;
  return true;
}
