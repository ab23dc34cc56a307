/**
 * The worker's HTTP API as the extension sees it (routes and names are fixed by DESIGN.md).
 * The worker validates every request body with zod; these types describe what goes over the wire.
 * Timestamps are ISO 8601 strings in UTC.
 */

/** `POST /auth/login` */
export interface LoginRequest {
  login: string;
  /** The Odoo password or an Odoo API key. Never stored anywhere. */
  password: string;
}

export interface Agent {
  uid: number;
  name: string;
  login: string;
  /** Twilio client identity: `odoo_<uid>`. */
  identity: string;
}

export interface LoginResponse {
  /** Opaque bearer token for the agent routes. */
  session: string;
  expiresAt: string;
  agent: Agent;
}

/** `POST /token` */
export interface TokenResponse {
  token: string;
  identity: string;
  expiresAt: string;
  /** Local development and tests only: `host:port` of a Twilio-compatible signaling endpoint. */
  signalingUrl?: string;
  /**
   * The countries outbound calls may go to (`DIAL_ALLOWED_COUNTRIES`, ISO codes, upper case), so
   * the extension refuses others before dialling, with a reason on screen. The worker's TwiML
   * still refuses them: this is a courtesy, not the guard. Absent when the setting is missing.
   */
  allowedCountries?: string[];
}

/** Custom parameters of `device.connect({ params })`, received by `POST /twiml/outbound`. */
export interface OutboundCallParams {
  To: string;
  OdooModel?: string;
  OdooId?: string;
}

/**
 * Custom parameters of an inbound call as an agent's Device receives it (`call.customParameters`),
 * set by `POST /twiml/inbound` as `<Client><Parameter>`s.
 */
export interface InboundCallParams {
  /** The caller's leg: the call's id in the worker. The Device's own CallSid is a child leg's. */
  ParentCallSid: string;
  /** The caller's number as Twilio gave it (E.164, or e.g. `anonymous`). */
  CallerNumber: string;
  /**
   * Who is calling, when Odoo answered the look-up in time: the person as the record names them
   * (a lead's contact or customer, else its title; a contact's name), then the record's model,
   * id, name (a lead's title) and address in the Odoo web client.
   */
  CallerName?: string;
  OdooModel?: 'crm.lead' | 'res.partner';
  OdooId?: string;
  OdooName?: string;
  OdooUrl?: string;
}

export type CallDirection = 'outbound' | 'inbound';

/** What happened to the call, from Twilio's point of view. */
export type CallOutcome = 'answered' | 'no_answer' | 'busy' | 'failed' | 'canceled' | 'voicemail';

/** What the agent says happened, picked after the call. */
export const DISPOSITIONS = [
  'interested',
  'not_interested',
  'callback_requested',
  'meeting_booked',
  'left_voicemail',
  'no_answer',
  'busy',
  'failed',
  'wrong_number',
  'other',
] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/**
 * A call back the wrap-up asks for: the worker schedules a "Call" activity for the agent on the
 * record the call note went to, due that day.
 */
export interface FollowUpRequest {
  /** `YYYY-MM-DD`, the agent's date in their Odoo time zone: today at the earliest, within a year. */
  date: string;
  /** Goes into the activity's note. */
  note?: string;
}

/** `POST /calls/:callSid/wrap-up` */
export interface WrapUpRequest {
  disposition: Disposition;
  note: string;
  followUp?: FollowUpRequest;
}

/** Where the call back a wrap-up asked for stands. */
export interface FollowUpSummary extends FollowUpRequest {
  /**
   * `pending`: not in Odoo yet; `scheduled`: the "Call" activity is in Odoo; `not_scheduled`:
   * there is none and there will be none (the call has no Odoo record, or Odoo refused it).
   */
  status: 'pending' | 'scheduled' | 'not_scheduled';
  /** Why, when `not_scheduled`. */
  reason?: string;
}

/** Where a call's Odoo note stands. */
export type LogStatus = 'pending' | 'logged' | 'failed' | 'unmatched';

export interface OdooRecordRef {
  model: string;
  id: number;
  name?: string;
  /** Link to the record in the Odoo web client. */
  url?: string;
}

/** One row of `GET /calls`. */
export interface CallSummary {
  callSid: string;
  direction: CallDirection;
  /** The other party's number, E.164. */
  number: string;
  startedAt: string;
  durationSeconds: number | null;
  outcome: CallOutcome | null;
  record: OdooRecordRef | null;
  logStatus: LogStatus;
  /** Why the note could not be written, when `logStatus` is `failed`. */
  logError?: string;
  disposition: Disposition | null;
  note: string | null;
  /** The call back the latest wrap-up asked for; absent when it asked for none. */
  followUp?: FollowUpSummary;
}

export interface CallsResponse {
  calls: CallSummary[];
}

/** `POST /calls/:callSid/wrap-up` answers with the call as `GET /calls` lists it. */
export type WrapUpResponse = CallSummary;

/** `POST /presence` */
export interface PresenceRequest {
  status: 'available' | 'dnd';
  /** Whether the agent's Twilio Device is registered for incoming calls right now. */
  registered: boolean;
}

/**
 * `POST /presence` answers with what the worker keeps, valid until `expiresAt`: send it again
 * before then (every minute or so), or inbound calls stop ringing this agent.
 */
export interface PresenceResponse extends PresenceRequest {
  expiresAt: string;
}

/** `GET /health` */
export interface HealthResponse {
  /** Settings complete and valid, D1 migrated, and the last deep check (if current) found no problem. */
  ok: boolean;
  /** Names of required settings that are not set (never their values). */
  missing: string[];
  /** Settings that are set but unusable, with the reason. */
  invalid: { name: string; reason: string }[];
  /**
   * The checks against Twilio and Odoo. Run by `GET /health?deep=1` (at most once a minute) and
   * stored; a plain `GET /health` shows the stored ones. Absent until they first ran.
   */
  deep?: DeepHealth;
}

/** Stable ids of the deep checks, in the order the answer lists them. */
export type DeepCheckId =
  | 'twilio.auth_token'
  | 'twilio.api_key'
  | 'twilio.api_key_secret'
  | 'twilio.twiml_app'
  | 'twilio.caller_id'
  | 'odoo.login'
  | 'odoo.leads';

export interface DeepCheck {
  id: DeepCheckId;
  /** `skipped`: not run, because a setting it needs is missing or invalid, or an earlier check failed. */
  status: 'ok' | 'problem' | 'skipped';
  /** What was found and, for a problem, how to fix it. Never a secret or a whole phone number. */
  detail: string;
}

export interface DeepHealth {
  /** When the checks ran (ISO 8601); null when they never finished yet (a first run is under way). */
  checkedAt: string | null;
  /** How old they are, in whole seconds; null with `checkedAt`. */
  ageSeconds: number | null;
  /** The worker's settings changed since: these results describe the previous settings. */
  outdated: boolean;
  /** The earliest time `?deep=1` may run them again. */
  nextRefreshAt: string;
  checks: DeepCheck[];
}
