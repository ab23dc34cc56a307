/**
 * The TwiML of an inbound call, step by step: the record's salesperson alone first, then every
 * available agent, then voicemail. Each `<Dial>` names the next step as its `action`, which
 * Twilio requests when nobody answered (and also when someone did, to hang up cleanly).
 */
import type { InboundCallParams } from '../../shared/api';
import type { AgentRow } from '../db/agents';
import type { Language } from '../language';
import type { CallRecordModel } from '../odoo/records';
import { publicUrlOf } from '../public-url';
import { callStatusCallback } from '../twilio/call-status-callback';
import { spoken } from '../twilio/spoken';
import { dial, dialClient, hangup, record, twimlResponse } from '../twilio/twiml';

/** How many agents an inbound call rings at once (Twilio allows 10 nouns in a `<Dial>`). */
export const MAX_AGENTS_RUNG = 10;
/** The longest voicemail, in seconds. */
export const VOICEMAIL_MAX_SECONDS = 120;

export interface InboundCall {
  /** The caller's leg: the call's id in the worker. */
  sid: string;
  caller: string;
  /** The record the caller's number found, if Odoo answered in time. */
  record: {
    model: CallRecordModel;
    id: number;
    /** The record's name (a lead's title), and the person calling as the record names them. */
    name: string;
    callerName: string;
    url: string;
  } | null;
}

export interface RoutingContext {
  publicUrl: string;
  /** What callers hear (`COMPANY_LANGUAGE`). */
  language: Language;
}

export const INBOUND_STEPS = {
  afterOwner: '/twiml/inbound/after-owner',
  afterEveryone: '/twiml/inbound/after-everyone',
  voicemailDone: '/twiml/inbound/voicemail-done',
} as const;

/** What the agent's Device receives as `call.customParameters`: enough for the toast. */
export function clientParameters(call: InboundCall): InboundCallParams {
  return {
    ParentCallSid: call.sid,
    CallerNumber: call.caller,
    ...(call.record
      ? {
          CallerName: call.record.callerName,
          OdooModel: call.record.model,
          OdooId: String(call.record.id),
          OdooName: call.record.name,
          OdooUrl: call.record.url,
        }
      : {}),
  };
}

/** Rings these agents together; `ringSeconds` (else Twilio's 30), then `next`. */
export function ringAgents(
  context: RoutingContext,
  call: InboundCall,
  agents: readonly AgentRow[],
  next: `/${string}`,
  ringSeconds?: number,
): string {
  // Spread: an interface has no index signature, a fresh object literal fits Record<string, string>.
  const parameters = { ...clientParameters(call) };
  const callback = callStatusCallback(context.publicUrl);
  return twimlResponse(
    dial(
      {
        answerOnBridge: true,
        ...(ringSeconds ? { timeout: ringSeconds } : {}),
        action: publicUrlOf(context.publicUrl, next),
        method: 'POST',
      },
      agents.slice(0, MAX_AGENTS_RUNG).map((agent) => dialClient(agent.identity, parameters, callback)),
    ),
  );
}

/** A short greeting, then a recording that Twilio reports to /webhooks/recording. */
export function voicemail(context: RoutingContext): string {
  return twimlResponse(
    spoken('voicemail_greeting', context.language),
    record({
      action: publicUrlOf(context.publicUrl, INBOUND_STEPS.voicemailDone),
      method: 'POST',
      maxLength: VOICEMAIL_MAX_SECONDS,
      playBeep: true,
      recordingStatusCallback: publicUrlOf(context.publicUrl, '/webhooks/recording'),
      recordingStatusCallbackEvent: 'completed',
      recordingStatusCallbackMethod: 'POST',
    }),
  );
}

export function voicemailDone(context: RoutingContext): string {
  return twimlResponse(spoken('voicemail_thanks', context.language), hangup());
}

export function hangUp(): string {
  return twimlResponse(hangup());
}
