import { Hono } from 'hono/tiny';
import type { AppEnv } from '../app-env';
import { inBackground } from '../background';
import { callSetting, companyLanguage } from '../call-settings';
import { type AgentRow, ringableAgentsQuery } from '../db/agents';
import { type InboundCallRow, inboundCallQuery, insertCallStatement, saveCallerStatement } from '../db/calls';
import { type Env, missingSettings, ODOO_SERVICE_SETTINGS } from '../env';
import { type LookupResult, lookUpCaller } from '../inbound/caller-lookup';
import {
  hangUp,
  INBOUND_STEPS,
  type InboundCall,
  MAX_AGENTS_RUNG,
  type RoutingContext,
  ringAgents,
  voicemail,
  voicemailDone,
} from '../inbound/routing';
import { requireSettings } from '../middleware/require-settings';
import { twilioSignature } from '../middleware/twilio-signature';
import { isSearchableNumber, recordUrl } from '../odoo/match';
import { dialAction, voiceRequest } from '../twilio/params';
import { TWIML_HEADERS } from '../twilio/twiml';
import { parseOrThrow } from '../validation';

function routingContext(env: Env, publicUrl: string): RoutingContext {
  return { publicUrl, language: companyLanguage(env) };
}

function inboundCall(env: Env, row: InboundCallRow): InboundCall {
  const odooUrl = env.ODOO_URL?.trim();
  return {
    sid: row.sid,
    caller: row.from_number,
    record:
      row.record_model && row.record_id && odooUrl
        ? {
            model: row.record_model,
            id: row.record_id,
            name: row.record_name ?? '',
            callerName: row.caller_name ?? row.record_name ?? '',
            url: recordUrl(odooUrl, row.record_model, row.record_id),
          }
        : null,
  };
}

/** Whoever can take the call now, but `except` (who just did not answer). */
function agentsOf(result: D1Result | undefined, except?: number | null): AgentRow[] {
  return ((result?.results ?? []) as AgentRow[]).filter((agent) => agent.uid !== except);
}

/** The caller's record in time, or nothing: an unknown number, no Odoo settings, a slow Odoo. */
function lookUp(
  env: Env,
  executionCtx: () => { waitUntil(promise: Promise<unknown>): void },
  caller: string,
  now: number,
): Promise<LookupResult> {
  if (!isSearchableNumber(caller) || missingSettings(env, ODOO_SERVICE_SETTINGS).length > 0) {
    return Promise.resolve({ kind: 'none', cached: false });
  }
  return lookUpCaller(env, (promise) => inBackground(executionCtx, promise), caller, now);
}

/** The next step once a `<Dial>` ended: hang up if someone answered (or the caller left). */
function dialEnded(params: { CallStatus?: string; DialCallStatus?: string }): boolean {
  return (
    params.DialCallStatus === 'completed' ||
    params.DialCallStatus === 'answered' ||
    params.CallStatus === 'completed'
  );
}

/**
 * `POST /twiml/inbound` (the phone number's voice URL) and the steps after it: ring the caller's
 * salesperson alone (`OWNER_RING_SECONDS`) if they are an agent who can take it, then every agent
 * who can, then voicemail. Every step is a signed Twilio request.
 */
export const inbound = new Hono<AppEnv>()
  .use(requireSettings('TWILIO_AUTH_TOKEN', 'PUBLIC_URL'), twilioSignature())
  .post('/', async (c) => {
    const params = parseOrThrow(voiceRequest, c.var.twilioParams, 'Twilio parameters');
    const caller = params.From ?? 'anonymous';
    const now = Date.now();
    const lookup = await lookUp(c.env, () => c.executionCtx, caller, now);
    const match = lookup.kind === 'found' ? lookup.match : null;
    c.var.logFields.callerLookup =
      lookup.kind === 'unknown' ? lookup.reason : `${lookup.kind}${lookup.cached ? ':cached' : ''}`;

    // One round trip: store the call (a missed call is still a call to log) with who is calling,
    // and find whom to ring.
    const [, , reachable] = await c.env.DB.batch([
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
      match ? saveCallerStatement(c.env.DB, params.CallSid, match, caller) : c.env.DB.prepare('SELECT 1'),
      ringableAgentsQuery(c.env.DB, now, MAX_AGENTS_RUNG + 1),
    ]);
    const call = inboundCall(c.env, {
      sid: params.CallSid,
      from_number: caller,
      record_model: match?.model ?? null,
      record_id: match?.id ?? null,
      record_name: match?.name ?? null,
      caller_name: match?.callerName ?? null,
      owner_uid: match?.ownerUid ?? null,
    });
    const context = routingContext(c.env, c.var.settings.PUBLIC_URL);
    const agents = agentsOf(reachable);
    const owner = agents.find((agent) => agent.uid === match?.ownerUid);
    let xml: string;
    if (owner) {
      xml = ringAgents(
        context,
        call,
        [owner],
        INBOUND_STEPS.afterOwner,
        callSetting(c.env, 'OWNER_RING_SECONDS'),
      );
    } else if (agents.length > 0) {
      xml = ringAgents(context, call, agents, INBOUND_STEPS.afterEveryone);
    } else {
      xml = voicemail(context);
    }
    return c.body(xml, 200, TWIML_HEADERS);
  })
  .post('/after-owner', async (c) => {
    const params = parseOrThrow(dialAction, c.var.twilioParams, 'Twilio parameters');
    if (dialEnded(params)) return c.body(hangUp(), 200, TWIML_HEADERS);
    const [callResult, reachable] = await c.env.DB.batch([
      inboundCallQuery(c.env.DB, params.CallSid),
      ringableAgentsQuery(c.env.DB, Date.now(), MAX_AGENTS_RUNG + 1),
    ]);
    const row = callResult?.results[0] as InboundCallRow | undefined;
    const context = routingContext(c.env, c.var.settings.PUBLIC_URL);
    const others = agentsOf(reachable, row?.owner_uid);
    if (!row || others.length === 0) return c.body(voicemail(context), 200, TWIML_HEADERS);
    return c.body(
      ringAgents(context, inboundCall(c.env, row), others, INBOUND_STEPS.afterEveryone),
      200,
      TWIML_HEADERS,
    );
  })
  .post('/after-everyone', (c) => {
    const params = parseOrThrow(dialAction, c.var.twilioParams, 'Twilio parameters');
    const context = routingContext(c.env, c.var.settings.PUBLIC_URL);
    return c.body(dialEnded(params) ? hangUp() : voicemail(context), 200, TWIML_HEADERS);
  })
  .post('/voicemail-done', (c) => {
    parseOrThrow(dialAction, c.var.twilioParams, 'Twilio parameters');
    return c.body(voicemailDone(routingContext(c.env, c.var.settings.PUBLIC_URL)), 200, TWIML_HEADERS);
  });
