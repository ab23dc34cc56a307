import type { InboundCallParams, OdooRecordRef } from '../../shared/api';
import { CALL_SID_PATTERN } from '../../shared/call-sid';
import type { CallParty } from '../../shared/phone-state';
import { formatInternational } from '../lib/phone-number';

/**
 * The `<Client><Parameter>`s the worker's inbound TwiML sets (`InboundCallParams` in
 * shared/api.ts): the caller's leg and number, and, once the worker matches the caller in Odoo,
 * their name and record (DESIGN.md: "the caller's name and record travel to the toast"). Read as
 * plain strings: they arrive through Twilio, so each is checked here before use.
 */
type IncomingParams = Partial<Record<keyof InboundCallParams, string>>;

/** The caller as the toast and popup show them, from the SDK's `From` and custom parameters. */
export function partyFromIncoming(from: string, params: IncomingParams): CallParty {
  const number = params.CallerNumber || from;
  const party: CallParty = { number, display: number.startsWith('+') ? formatInternational(number) : number };
  const name = params.CallerName || params.OdooName;
  if (name) party.name = name;
  const record = recordFromParams(params);
  if (record) party.record = record;
  return party;
}

/** The id the worker logs an incoming call under: the caller's leg, when the worker says it. */
export function parentCallSidFrom(params: IncomingParams): string | undefined {
  const sid = params.ParentCallSid;
  return sid && CALL_SID_PATTERN.test(sid) ? sid : undefined;
}

function recordFromParams(params: IncomingParams): OdooRecordRef | null {
  const model = params.OdooModel;
  const id = Number(params.OdooId);
  if (!model || !Number.isInteger(id) || id <= 0) return null;
  const record: OdooRecordRef = { model, id };
  const recordName = params.OdooName;
  if (recordName) record.name = recordName;
  const url = params.OdooUrl;
  // Only a web link may be opened by the screen pop.
  if (url && /^https?:\/\//i.test(url)) record.url = url;
  return record;
}
