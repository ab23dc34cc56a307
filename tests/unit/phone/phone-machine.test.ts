import { describe, expect, it } from 'vitest';
import { type PhoneAction, reducePhone } from '../../../extension/background/phone-machine';
import type { CallParty, LiveCall, PhoneState, UnansweredOutcome } from '../../../shared/phone-state';
import { INITIAL_PHONE_STATE } from '../../../shared/phone-state';

/**
 * The phone's state machine, table-driven: every event in every state. A cell is either SAME
 * (the event does not apply: the very same object comes back, so nothing is written) or the
 * state expected after it.
 */
const NOW = 1_700_000_100_000;
const ANSWERED = NOW - 65_000;
const SAME = Symbol('same');

const lead: CallParty = {
  number: '+3210588558',
  display: '+32 10 588 558',
  record: { model: 'crm.lead', id: 14 },
};
const caller: CallParty = { number: '+33612345678', display: '+33 6 12 34 56 78', name: 'Azure Interior' };
const other: CallParty = { number: '+33100000000', display: '+33 1 00 00 00 00' };

const ready: PhoneState = { ...INITIAL_PHONE_STATE, health: { status: 'ready' } };
const call = (fields: Partial<LiveCall>): LiveCall => ({
  callSid: null,
  direction: 'outbound',
  party: lead,
  phase: 'connecting',
  answeredAt: null,
  muted: false,
  warnings: [],
  ...fields,
});

const STATES = {
  idle: ready,
  wrappingUp: {
    ...ready,
    wrapUp: { callSid: 'CA1', direction: 'outbound', party: lead, endedAt: NOW - 5000, durationSeconds: 60 },
  },
  incomingRinging: { ...ready, incoming: { callSid: 'CA9', party: caller, receivedAt: NOW - 2000 } },
  outboundConnecting: { ...ready, call: call({}) },
  outboundRinging: { ...ready, call: call({ callSid: 'CA1', phase: 'ringing' }) },
  inboundConnecting: { ...ready, call: call({ callSid: 'CA9', direction: 'inbound', party: caller }) },
  open: {
    ...ready,
    call: call({ callSid: 'CA1', phase: 'open', answeredAt: ANSWERED, warnings: ['high-rtt'] }),
  },
  reconnecting: { ...ready, call: call({ callSid: 'CA1', phase: 'reconnecting', answeredAt: ANSWERED }) },
} satisfies Record<string, PhoneState>;
type StateName = keyof typeof STATES;

const EVENTS = {
  health: { type: 'health', health: { status: 'error', code: 31005, message: 'Connection error' } },
  availability: { type: 'availability', availability: 'dnd' },
  signedOut: { type: 'signed-out' },
  phoneRestarted: { type: 'phone-restarted', health: { status: 'starting' } },
  dial: { type: 'dial', party: other },
  answer: { type: 'answer', callSid: 'CA9' },
  outgoingRinging: { type: 'outgoing-ringing', callSid: 'CA1' },
  accepted: { type: 'accepted', callSid: 'CA1' },
  reconnecting: { type: 'reconnecting' },
  reconnected: { type: 'reconnected' },
  muted: { type: 'muted', muted: true },
  warning: { type: 'warning', name: 'low-mos' },
  warningCleared: { type: 'warning-cleared', name: 'high-rtt' },
  ended: { type: 'ended', callSid: 'CA1' },
  endedWithError: { type: 'ended', callSid: null, error: { code: 31005, message: 'Connection error' } },
  incoming: { type: 'incoming', callSid: 'CA7', from: '+33699999999', params: { CallerName: 'Deco Addict' } },
  incomingEnded: { type: 'incoming-ended', callSid: 'CA9' },
  wrapUpClosed: { type: 'wrap-up-closed', callSid: 'CA1' },
} satisfies Record<string, PhoneAction>;
type EventName = keyof typeof EVENTS;

type Cell = typeof SAME | ((before: PhoneState) => PhoneState);

const withHealth = (s: PhoneState): PhoneState => ({
  ...s,
  health: EVENTS.health.health as PhoneState['health'],
});
const withDnd = (s: PhoneState): PhoneState => ({ ...s, availability: 'dnd' });
const signedOut = (s: PhoneState): PhoneState => ({ ...s, health: { status: 'signed_out' }, incoming: null });
const restarted =
  (wrapUp: PhoneState['wrapUp'] | 'keep') =>
  (s: PhoneState): PhoneState => ({
    ...s,
    health: { status: 'starting' },
    call: null,
    incoming: null,
    wrapUp: wrapUp === 'keep' ? s.wrapUp : wrapUp,
  });
const dialed = (s: PhoneState): PhoneState => ({ ...s, call: call({ party: other }), callError: null });
const ringingIncoming = (s: PhoneState): PhoneState => ({
  ...s,
  incoming: {
    callSid: 'CA7',
    party: { number: '+33699999999', display: '+33 6 99 99 99 99', name: 'Deco Addict' },
    receivedAt: NOW,
  },
});
const patchCall =
  (fields: Partial<LiveCall>) =>
  (s: PhoneState): PhoneState => ({ ...s, call: { ...s.call!, ...fields } });
const wrapUpOf = (
  s: PhoneState,
  durationSeconds: number,
  unanswered?: UnansweredOutcome,
): PhoneState['wrapUp'] => ({
  callSid: s.call!.callSid ?? 'CA1',
  direction: s.call!.direction,
  party: s.call!.party,
  endedAt: NOW,
  durationSeconds,
  ...(unanswered ? { unanswered } : {}),
});
const endedWith =
  (wrapUp: 'none' | number, error?: { code: number; message: string }, unanswered?: UnansweredOutcome) =>
  (s: PhoneState): PhoneState => ({
    ...s,
    call: null,
    wrapUp: wrapUp === 'none' ? s.wrapUp : wrapUpOf(s, wrapUp, unanswered),
    callError: error ? { ...error, at: NOW } : null,
  });
const connectionError = EVENTS.endedWithError.error;

/** Events that apply the same way whatever the call is doing. */
const common = {
  health: withHealth,
  availability: withDnd,
  signedOut,
} as const;

const TABLE: Record<StateName, Record<EventName, Cell>> = {
  idle: {
    ...common,
    phoneRestarted: restarted('keep'),
    dial: dialed,
    answer: SAME,
    outgoingRinging: SAME,
    accepted: SAME,
    reconnecting: SAME,
    reconnected: SAME,
    muted: SAME,
    warning: SAME,
    warningCleared: SAME,
    ended: SAME,
    endedWithError: SAME,
    incoming: ringingIncoming,
    incomingEnded: SAME,
    wrapUpClosed: SAME,
  },
  wrappingUp: {
    ...common,
    phoneRestarted: restarted('keep'),
    // The pending wrap-up waits for the agent rather than vanish under the new call.
    dial: (s) => ({ ...dialed(s), wrapUp: null, waitingWrapUps: [s.wrapUp!] }),
    answer: SAME,
    outgoingRinging: SAME,
    accepted: SAME,
    reconnecting: SAME,
    reconnected: SAME,
    muted: SAME,
    warning: SAME,
    warningCleared: SAME,
    ended: SAME,
    endedWithError: SAME,
    incoming: ringingIncoming,
    incomingEnded: SAME,
    wrapUpClosed: (s) => ({ ...s, wrapUp: null }),
  },
  incomingRinging: {
    ...common,
    phoneRestarted: restarted('keep'),
    dial: SAME,
    answer: (s) => ({
      ...s,
      incoming: null,
      call: call({ callSid: 'CA9', direction: 'inbound', party: caller }),
      callError: null,
    }),
    outgoingRinging: SAME,
    accepted: SAME,
    reconnecting: SAME,
    reconnected: SAME,
    muted: SAME,
    warning: SAME,
    warningCleared: SAME,
    ended: SAME,
    endedWithError: SAME,
    incoming: SAME,
    incomingEnded: (s) => ({ ...s, incoming: null }),
    wrapUpClosed: SAME,
  },
  outboundConnecting: {
    ...common,
    // No CallSid yet: Twilio never knew the call, there is nothing to wrap up.
    phoneRestarted: restarted('keep'),
    dial: SAME,
    answer: SAME,
    outgoingRinging: patchCall({ phase: 'ringing', callSid: 'CA1' }),
    accepted: patchCall({ phase: 'open', callSid: 'CA1', answeredAt: NOW }),
    reconnecting: SAME,
    reconnected: SAME,
    muted: patchCall({ muted: true }),
    warning: patchCall({ warnings: ['low-mos'] }),
    warningCleared: SAME,
    // The SDK's own CallSid arrives with the end: an attempt Twilio knew gets a wrap-up.
    ended: endedWith(0, undefined, 'no_answer'),
    endedWithError: endedWith('none', connectionError),
    incoming: SAME,
    incomingEnded: SAME,
    wrapUpClosed: SAME,
  },
  outboundRinging: {
    ...common,
    phoneRestarted: (s) => restarted(wrapUpOf(s, 0, 'failed'))(s),
    dial: SAME,
    answer: SAME,
    outgoingRinging: patchCall({ callSid: 'CA1' }),
    accepted: patchCall({ phase: 'open', answeredAt: NOW }),
    reconnecting: SAME,
    reconnected: SAME,
    muted: patchCall({ muted: true }),
    warning: patchCall({ warnings: ['low-mos'] }),
    warningCleared: SAME,
    // Nobody answered: the wrap-up says how the attempt ended, its outcome filled in from it.
    ended: endedWith(0, undefined, 'no_answer'),
    endedWithError: endedWith(0, connectionError, 'failed'),
    incoming: SAME,
    incomingEnded: SAME,
    wrapUpClosed: SAME,
  },
  inboundConnecting: {
    ...common,
    // Accepted but never connected: no conversation took place, so no wrap-up.
    phoneRestarted: restarted('keep'),
    dial: SAME,
    answer: SAME,
    outgoingRinging: SAME,
    accepted: patchCall({ phase: 'open', callSid: 'CA1', answeredAt: NOW }),
    reconnecting: SAME,
    reconnected: SAME,
    muted: patchCall({ muted: true }),
    warning: patchCall({ warnings: ['low-mos'] }),
    warningCleared: SAME,
    // A different CallSid is another call's end.
    ended: SAME,
    endedWithError: endedWith('none', connectionError),
    incoming: SAME,
    incomingEnded: SAME,
    wrapUpClosed: SAME,
  },
  open: {
    ...common,
    phoneRestarted: (s) => restarted(wrapUpOf(s, 65))(s),
    dial: SAME,
    answer: SAME,
    outgoingRinging: SAME,
    accepted: SAME,
    reconnecting: patchCall({ phase: 'reconnecting' }),
    reconnected: SAME,
    muted: patchCall({ muted: true }),
    warning: patchCall({ warnings: ['high-rtt', 'low-mos'] }),
    warningCleared: patchCall({ warnings: [] }),
    ended: endedWith(65),
    endedWithError: endedWith(65, connectionError),
    incoming: SAME,
    incomingEnded: SAME,
    wrapUpClosed: SAME,
  },
  reconnecting: {
    ...common,
    phoneRestarted: (s) => restarted(wrapUpOf(s, 65))(s),
    dial: SAME,
    answer: SAME,
    outgoingRinging: SAME,
    accepted: SAME,
    reconnecting: SAME,
    reconnected: patchCall({ phase: 'open' }),
    muted: patchCall({ muted: true }),
    warning: patchCall({ warnings: ['low-mos'] }),
    warningCleared: SAME,
    ended: endedWith(65),
    endedWithError: endedWith(65, connectionError),
    incoming: SAME,
    incomingEnded: SAME,
    wrapUpClosed: SAME,
  },
};

describe('phone state machine', () => {
  for (const [stateName, row] of Object.entries(TABLE) as [StateName, Record<EventName, Cell>][]) {
    describe(`in state ${stateName}`, () => {
      for (const [eventName, cell] of Object.entries(row) as [EventName, Cell][]) {
        const before = STATES[stateName];
        const action = EVENTS[eventName] as PhoneAction;
        it(cell === SAME ? `ignores ${eventName}` : `handles ${eventName}`, () => {
          const after = reducePhone(before, action, NOW);
          if (cell === SAME) expect(after).toBe(before);
          else expect(after).toEqual(cell(before));
        });
      }
    });
  }

  it('covers every event in every state', () => {
    for (const row of Object.values(TABLE))
      expect(Object.keys(row).sort()).toEqual(Object.keys(EVENTS).sort());
  });

  it('never replaces a pending wrap-up: the end of a call makes the older one wait', () => {
    const older = STATES.wrappingUp.wrapUp;
    // A wrap-up opened during the call is pending when the call ends.
    const during = {
      ...ready,
      wrapUp: older,
      call: call({ callSid: 'CA2', phase: 'open', answeredAt: ANSWERED }),
    };
    expect(reducePhone(during, { type: 'ended', callSid: 'CA2' }, NOW)).toMatchObject({
      wrapUp: { callSid: 'CA2', durationSeconds: 65 },
      waitingWrapUps: [older],
    });
  });

  it('restores a parked wrap-up as waiting when one is pending, and each only once', () => {
    const parked = { ...STATES.wrappingUp.wrapUp, callSid: 'CA4', endedAt: NOW - 60_000 };
    const after = reducePhone(STATES.wrappingUp, { type: 'wrap-up-restored', wrapUp: parked }, NOW);
    expect(after).toMatchObject({ wrapUp: { callSid: 'CA1' }, waitingWrapUps: [parked] });
    expect(reducePhone(after, { type: 'wrap-up-restored', wrapUp: parked }, NOW)).toBe(after);
    expect(reducePhone(after, { type: 'wrap-up-closed', callSid: 'CA4' }, NOW)).toEqual(STATES.wrappingUp);
  });

  it('marks the call the agent hangs up, once', () => {
    const hanging = reducePhone(STATES.outboundRinging, { type: 'hang-up' }, NOW);
    expect(hanging.call).toMatchObject({ hangingUp: true });
    expect(reducePhone(hanging, { type: 'hang-up' }, NOW)).toBe(hanging);
    expect(reducePhone(ready, { type: 'hang-up' }, NOW)).toBe(ready);
  });

  it('returns the same object for a health it already has, so nothing is written', () => {
    expect(reducePhone(ready, { type: 'health', health: { status: 'ready' } }, NOW)).toBe(ready);
  });

  it('keeps the record and name the worker sent with an incoming call', () => {
    const after = reducePhone(
      ready,
      {
        type: 'incoming',
        callSid: 'CA5',
        from: '+3210588558',
        params: {
          OdooModel: 'crm.lead',
          OdooId: '14',
          OdooName: 'Office Design Project',
          OdooUrl: 'https://acme.odoo.com/odoo/crm/14',
        },
      },
      NOW,
    );
    expect(after.incoming?.party).toEqual({
      number: '+3210588558',
      display: '+32 10 58 85 58',
      name: 'Office Design Project',
      record: {
        model: 'crm.lead',
        id: 14,
        name: 'Office Design Project',
        url: 'https://acme.odoo.com/odoo/crm/14',
      },
    });
  });

  it('wraps up an incoming call under the caller’s leg, the id the worker logs it under', () => {
    const parent = `CA${'a'.repeat(32)}`;
    const child = `CA${'b'.repeat(32)}`;
    let state = reducePhone(
      ready,
      {
        type: 'incoming',
        callSid: child,
        from: '+3210588558',
        params: { ParentCallSid: parent, CallerNumber: '+3210588558' },
      },
      NOW,
    );
    expect(state.incoming).toMatchObject({ callSid: child, parentCallSid: parent });
    state = reducePhone(state, { type: 'answer', callSid: child }, NOW);
    state = reducePhone(state, { type: 'accepted', callSid: child }, NOW);
    state = reducePhone(state, { type: 'ended', callSid: child }, NOW + 30_000);
    expect(state.wrapUp).toMatchObject({ callSid: parent, direction: 'inbound', durationSeconds: 30 });
  });

  it('shows the caller number the worker passes, not the leg’s From', () => {
    const after = reducePhone(
      ready,
      { type: 'incoming', callSid: 'CA5', from: '+33100000000', params: { CallerNumber: '+33612345678' } },
      NOW,
    );
    expect(after.incoming?.party).toEqual({ number: '+33612345678', display: '+33 6 12 34 56 78' });
  });

  it('does not trust a record link that is not a web address', () => {
    const after = reducePhone(
      ready,
      {
        type: 'incoming',
        callSid: 'CA5',
        from: '+3210588558',
        params: { OdooModel: 'crm.lead', OdooId: '14', OdooUrl: 'javascript:alert(1)' },
      },
      NOW,
    );
    expect(after.incoming?.party.record).toEqual({ model: 'crm.lead', id: 14 });
  });
});
