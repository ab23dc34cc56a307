import { callParams, endCall, hangUpStatus } from './call-control.ts';
import type { CallRecord, CallSnapshot, VoicemailBehaviour } from './calls.ts';
import type { EmulatorContext } from './context.ts';
import { acceptClientLeg, recordDigit } from './dial.ts';
import { signalingDigits } from './dtmf.ts';
import { FarEnd } from './far-end.ts';
import type { CallSignalingHandlers, InvitePayload, SignalingSession } from './signaling.ts';
import { followTwiml } from './twiml-runner.ts';

export interface InboundCallRequest {
  /** The caller's number, E.164. */
  from: string;
  /** One of the emulator's `numbers`. */
  to: string;
  /** Sent as `CallerName` (caller ID name lookup). */
  callerName?: string;
  /** What the caller does if the TwiML leads to `<Record>`. */
  voicemail?: VoicemailBehaviour;
}

/** A mistake in what a test asked of the control API (unknown call, unknown number…). */
export class ControlError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Where calls start and where the Devices' call messages land: it creates parent calls (from a
 * Device's `invite` or the simulated PSTN) and hands them to the TwiML runner, and routes each
 * signaling message to the call it is about.
 */
export class Switchboard implements CallSignalingHandlers {
  private context: EmulatorContext | undefined;
  private readonly graceTimers = new Map<CallRecord, NodeJS.Timeout>();

  /** The context includes the signaling server, which needs these handlers first. */
  attach(context: EmulatorContext): void {
    this.context = context;
  }

  invite(session: SignalingSession, invite: InvitePayload): void {
    const context = this.ctx();
    if (invite.reconnect !== undefined) {
      this.resume(session, invite);
      return;
    }
    const app = context.options.twimlApp;
    if (session.outgoingApplicationSid !== app.sid) {
      session.send('hangup', {
        callsid: invite.callsid,
        error: { code: 31002, message: `Access token has no outgoing grant for TwiML App ${app.sid}` },
      });
      return;
    }
    const parameters = Object.fromEntries(new URLSearchParams(invite.params));
    const call = context.calls.create(
      'client-originated',
      `client:${session.identity}`,
      parameters.To ?? '',
      undefined,
      'ringing',
    );
    call.identity = session.identity;
    call.clientSid = invite.callsid;
    call.parameters = parameters;
    call.session = session;
    call.applicationSid = app.sid;
    if (app.statusCallback) {
      call.statusCallback = {
        url: app.statusCallback,
        method: app.statusCallbackMethod ?? 'POST',
        events: ['completed'],
      };
    }
    call.farEndReady = FarEnd.answering(invite.sdp, context.options).then((farEnd) => {
      farEnd.onDigit = (digit) => recordDigit(context, call, digit, 'rtp');
      if (call.isFinal) void farEnd.close();
      return farEnd;
    });
    call.farEndReady.catch((error: unknown) => {
      endCall(context, call, 'failed', 'emulator', {
        code: 31000,
        message: `Far end could not answer: ${error}`,
      });
    });
    session.send('ringing', { callsid: call.sid });
    context.calls.changed(call);
    // Standard parameters win over custom ones of the same name, except To, which the Device sets.
    const params = { ...parameters, ...callParams(context, call), To: call.to };
    void followTwiml(context, call, { url: app.voiceUrl, method: app.voiceMethod ?? 'POST', params }).catch(
      (error: unknown) => this.crashed(call, error),
    );
  }

  answer(session: SignalingSession, callSid: string, sdp: string): void {
    const call = this.ctx().calls.get(callSid);
    if (call?.kind !== 'client-leg') return;
    void acceptClientLeg(this.ctx(), call, session, sdp).catch((error: unknown) => this.crashed(call, error));
  }

  hangup(session: SignalingSession, callSid: string): void {
    const call = this.ctx().calls.bySidOrClientSid(callSid);
    if (!call || call.isFinal) return;
    if (call.ringingSessions.has(session)) {
      this.reject(session, callSid);
      return;
    }
    if (call.session !== session) return;
    endCall(this.ctx(), call, hangUpStatus(call), 'client');
  }

  /** A Device declined a ringing leg: the leg ends `busy` and stops ringing everywhere. */
  reject(session: SignalingSession, callSid: string): void {
    const call = this.ctx().calls.get(callSid);
    if (!call?.ringingSessions.has(session)) return;
    const farEnd = call.ringingSessions.get(session);
    call.ringingSessions.delete(session);
    void farEnd?.close();
    endCall(this.ctx(), call, 'busy', 'client');
  }

  dtmf(session: SignalingSession, callSid: string, digits: string): void {
    const call = this.ctx().calls.bySidOrClientSid(callSid);
    if (!call || call.session !== session) return;
    for (const digit of signalingDigits(digits)) recordDigit(this.ctx(), call, digit, 'signaling');
  }

  /** ICE restart: the browser's new offer, our new answer. */
  reinvite(session: SignalingSession, callSid: string, sdp: string): void {
    const call = this.ctx().calls.bySidOrClientSid(callSid);
    if (!call?.farEnd || call.session !== session) return;
    void call.farEnd.renegotiate(sdp).then(
      (answer) => session.send('answer', { callsid: call.sid, sdp: answer }),
      (error: unknown) => this.ctx().log(`[call ${call.sid}] reinvite failed: ${error}`),
    );
  }

  /** `call.sendMessage()`: kept on the call and acknowledged. */
  message(session: SignalingSession, payload: Record<string, unknown>): void {
    const call = this.ctx().calls.bySidOrClientSid(String(payload.callsid));
    if (!call || call.session !== session) return;
    const voiceEventSid = String(payload.voiceeventsid ?? '');
    call.messages.push({
      content: payload.content,
      contentType: String(payload.contenttype ?? ''),
      messageType: String(payload.messagetype ?? ''),
      voiceEventSid,
    });
    this.ctx().calls.changed(call);
    session.send('ack', { acktype: 'message', callsid: call.sid, voiceeventsid: voiceEventSid });
  }

  /**
   * A Device socket closed. Ringing legs stop ringing it; its calls wait for the SDK to resume
   * them from a new socket (`invite` with `reconnect`) and are hung up if it does not in time.
   */
  closed(session: SignalingSession): void {
    const context = this.ctx();
    for (const call of context.calls.all()) {
      if (call.isFinal) continue;
      const farEnd = call.ringingSessions.get(session);
      if (farEnd) {
        call.ringingSessions.delete(session);
        void farEnd.close();
        if (call.ringingSessions.size === 0) endCall(context, call, 'no-answer', 'emulator');
      }
      if (call.session === session) {
        const timer = setTimeout(() => {
          this.graceTimers.delete(call);
          if (call.session === session) endCall(context, call, hangUpStatus(call), 'client');
        }, context.options.signalingReconnectGraceMs);
        this.graceTimers.set(call, timer);
      }
    }
  }

  /** The simulated PSTN calls one of the numbers; the number's voice URL decides what happens. */
  placeInboundCall(request: InboundCallRequest): CallSnapshot {
    const context = this.ctx();
    if (typeof request?.from !== 'string' || !/^\+[1-9]\d{1,14}$/.test(request.from)) {
      throw new ControlError(400, '`from` must be an E.164 number such as +33612345678');
    }
    const number = context.options.numbers.find((candidate) => candidate.phoneNumber === request.to);
    if (!number) {
      throw new ControlError(404, `${String(request.to)} is not one of the emulator's numbers`);
    }
    const call = context.calls.create(
      'pstn-originated',
      request.from,
      number.phoneNumber,
      undefined,
      'ringing',
    );
    call.callerName = request.callerName;
    call.voicemail = { ...request.voicemail };
    if (number.statusCallback) {
      call.statusCallback = {
        url: number.statusCallback,
        method: number.statusCallbackMethod ?? 'POST',
        events: ['completed'],
      };
    }
    const params = callParams(context, call);
    void followTwiml(context, call, {
      url: number.voiceUrl,
      method: number.voiceMethod ?? 'POST',
      params,
    }).catch((error: unknown) => this.crashed(call, error));
    return call.snapshot();
  }

  /**
   * The far side hangs up: the PSTN caller (before answer, the ringing Devices get `cancel`),
   * a dialled callee, or Twilio itself ending a Device's call.
   */
  hangUpFromFarEnd(callSid: string): CallSnapshot {
    const call = this.ctx().calls.get(callSid);
    if (!call) throw new ControlError(404, `No call ${callSid}`);
    if (call.isFinal) throw new ControlError(409, `Call ${callSid} has already ended (${call.status})`);
    endCall(this.ctx(), call, hangUpStatus(call), 'far-end');
    return call.snapshot();
  }

  close(): void {
    for (const timer of this.graceTimers.values()) clearTimeout(timer);
    this.graceTimers.clear();
    const context = this.ctx();
    for (const call of context.calls.all()) {
      if (!call.isFinal) endCall(context, call, hangUpStatus(call), 'emulator');
      void call.farEnd?.close();
    }
  }

  /** The SDK resumes a call from a new socket after losing its signaling connection. */
  private resume(session: SignalingSession, invite: InvitePayload): void {
    const call = this.ctx().calls.bySidOrClientSid(invite.callsid);
    if (!call || call.isFinal || call.reconnectToken !== invite.reconnect || !call.farEnd) {
      session.send('hangup', {
        callsid: invite.callsid,
        error: { code: 31005, message: 'Call cannot be resumed' },
      });
      return;
    }
    clearTimeout(this.graceTimers.get(call));
    this.graceTimers.delete(call);
    call.session = session;
    session.send('answer', { callsid: call.sid, sdp: call.farEnd.localSdp, reconnect: call.reconnectToken });
  }

  private crashed(call: CallRecord, error: unknown): void {
    const context = this.ctx();
    context.log(`[call ${call.sid}] emulator error: ${error instanceof Error ? error.stack : error}`);
    endCall(context, call, hangUpStatus(call), 'emulator', {
      code: 31000,
      message: `Emulator error: ${error}`,
    });
  }

  private ctx(): EmulatorContext {
    if (!this.context) throw new Error('Switchboard used before attach()');
    return this.context;
  }
}
