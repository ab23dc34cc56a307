import { Hono } from 'hono/tiny';
import { uidOfClientAddress } from '../agent-identity';
import type { AppEnv } from '../app-env';
import { inBackground } from '../background';
import { chooseRecordEarly } from '../calls/choose-record';
import { findAgent } from '../db/agents';
import { insertAgentCall } from '../db/calls';
import { listSetting } from '../env';
import { languageOf } from '../language';
import { requireSettings } from '../middleware/require-settings';
import { twilioSignature } from '../middleware/twilio-signature';
import { parseRecordRef } from '../odoo/records';
import { checkDialable } from '../phone';
import { callStatusCallback } from '../twilio/call-status-callback';
import { voiceRequest } from '../twilio/params';
import { spoken } from '../twilio/spoken';
import { dial, dialNumber, hangup, TWIML_HEADERS, twimlResponse } from '../twilio/twiml';
import { parseOrThrow } from '../validation';
import { inbound } from './inbound';

/**
 * `POST /twiml/outbound` and `POST /twiml/inbound…` (routes/inbound.ts): the TwiML Twilio runs
 * for a call placed from an agent's browser (TwiML App voice URL) and for a call to one of the
 * company's numbers.
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
        c.body(twimlResponse(...says, hangup()), 200, TWIML_HEADERS);

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
      // Which record the call may be logged on, as the agent sees Odoo, while they are signed in.
      inBackground(() => c.executionCtx, chooseRecordEarly(c.env, params.CallSid));
      const xml = twimlResponse(
        dial({ callerId: settings.TWILIO_CALLER_ID, answerOnBridge: true }, [
          dialNumber(check.e164, callStatusCallback(settings.PUBLIC_URL)),
        ]),
      );
      return c.body(xml, 200, TWIML_HEADERS);
    },
  )
  .route('/inbound', inbound);
