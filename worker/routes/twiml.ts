import { Hono } from 'hono/tiny';
import type { InboundCallParams } from '../../shared/api';
import { uidOfClientAddress } from '../agent-identity';
import type { AppEnv } from '../app-env';
import { type AgentRow, findAgent, reachableAgentsQuery } from '../db/agents';
import { insertAgentCall, insertCallStatement } from '../db/calls';
import { listSetting } from '../env';
import { requireSettings } from '../middleware/require-settings';
import { twilioSignature } from '../middleware/twilio-signature';
import { parseRecordRef } from '../odoo/records';
import { checkDialable } from '../phone';
import { publicUrlOf } from '../public-url';
import { voiceRequest } from '../twilio/params';
import { languageOf, spoken, spokenInEveryLanguage } from '../twilio/spoken';
import {
  dial,
  dialClient,
  dialNumber,
  hangup,
  type StatusCallbackAttributes,
  twimlResponse,
} from '../twilio/twiml';
import { parseOrThrow } from '../validation';

/** How many agents an inbound call rings at once (Twilio allows 10 nouns in a `<Dial>`). */
export const MAX_AGENTS_RUNG = 10;

const twimlHeaders = { 'Content-Type': 'text/xml; charset=utf-8' };

function statusCallbackOf(publicUrl: string): StatusCallbackAttributes {
  return {
    statusCallback: publicUrlOf(publicUrl, '/webhooks/call-status'),
    statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
    statusCallbackMethod: 'POST',
  };
}

/**
 * `POST /twiml/outbound` and `POST /twiml/inbound`: the TwiML Twilio runs for a call placed from
 * an agent's browser (TwiML App voice URL) and for a call to one of the company's numbers.
 */
export const twiml = new Hono<AppEnv>()
  .post(
    '/outbound',
    requireSettings('TWILIO_AUTH_TOKEN', 'PUBLIC_URL', 'TWILIO_CALLER_ID', 'DIAL_ALLOWED_COUNTRIES'),
    twilioSignature(),
    async (c) => {
      const settings = c.var.settings;
      const params = parseOrThrow(voiceRequest, c.var.twilioParams, 'Twilio parameters');
      const refuse = (...says: Parameters<typeof twimlResponse>) =>
        c.body(twimlResponse(...says, hangup()), 200, twimlHeaders);

      // The browser leg is `client:odoo_<uid>`; anyone else has no business calling out.
      const uid = uidOfClientAddress(params.From);
      if (uid === null) return refuse(spoken('unknown_agent', 'en'));
      const allowedCountries = listSetting(settings.DIAL_ALLOWED_COUNTRIES).map((code) => code.toUpperCase());
      const check = checkDialable(params.To ?? '', allowedCountries);
      if (!check.ok) {
        // Refused either way; the agent, if known, hears why in their language.
        const agent = await findAgent(c.env.DB, uid);
        return refuse(agent ? spoken(check.reason, languageOf(agent.lang)) : spoken('unknown_agent', 'en'));
      }

      // One round trip on the hot path: the call is stored only if the agent exists.
      const agent = await insertAgentCall(
        c.env.DB,
        {
          sid: params.CallSid,
          direction: 'outbound',
          agentUid: uid,
          from: settings.TWILIO_CALLER_ID,
          to: check.e164,
          otherNumber: check.e164,
          record: parseRecordRef(params.OdooModel, params.OdooId),
        },
        Date.now(),
      );
      if (!agent) return refuse(spoken('unknown_agent', 'en'));
      const xml = twimlResponse(
        dial({ callerId: settings.TWILIO_CALLER_ID, answerOnBridge: true }, [
          dialNumber(check.e164, statusCallbackOf(settings.PUBLIC_URL)),
        ]),
      );
      return c.body(xml, 200, twimlHeaders);
    },
  )
  .post('/inbound', requireSettings('TWILIO_AUTH_TOKEN', 'PUBLIC_URL'), twilioSignature(), async (c) => {
    const { PUBLIC_URL } = c.var.settings;
    const params = parseOrThrow(voiceRequest, c.var.twilioParams, 'Twilio parameters');
    const caller = params.From ?? 'anonymous';
    const now = Date.now();

    // One round trip: store the call (even if nobody can answer: a missed call is still a call
    // to log) and find whom to ring.
    const [, reachable] = await c.env.DB.batch([
      insertCallStatement(
        c.env.DB,
        {
          sid: params.CallSid,
          direction: 'inbound',
          agentUid: null,
          from: caller,
          to: params.To ?? '',
          otherNumber: caller,
          record: null,
        },
        now,
      ),
      reachableAgentsQuery(c.env.DB, now, MAX_AGENTS_RUNG),
    ]);
    const agents = (reachable?.results ?? []) as AgentRow[];
    if (agents.length === 0) {
      return c.body(twimlResponse(...spokenInEveryLanguage('nobody_available'), hangup()), 200, twimlHeaders);
    }
    // The agent's Device sees its own (child) CallSid; the parent one lets it name the call.
    const parameters: InboundCallParams = { ParentCallSid: params.CallSid, CallerNumber: caller };
    const callback = statusCallbackOf(PUBLIC_URL);
    const xml = twimlResponse(
      dial(
        { answerOnBridge: true },
        agents.map((agent) => dialClient(agent.identity, { ...parameters }, callback)),
      ),
    );
    return c.body(xml, 200, twimlHeaders);
  });
