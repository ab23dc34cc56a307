import type { InboundCallParams, OdooRecordRef } from '../../shared/api';
import type { CallParty } from '../../shared/phone-state';
import { formatInternational } from '../lib/phone-number';

/**
 * Names of the `<Client><Parameter>`s the worker's inbound TwiML sets (`InboundCallParams` in
 * shared/api.ts for the first two): the caller's leg and number, and, once the worker matches
 * the caller in Odoo, their name and record (DESIGN.md: "the caller's name and record travel to
 * the toast"). The record uses the same `OdooModel` / `OdooId` names as outbound calls.
 */
export const INCOMING_PARAMS = {
  parentCallSid: 'ParentCallSid' satisfies keyof InboundCallParams,
  number: 'CallerNumber' satisfies keyof InboundCallParams,
  name: 'CallerName',
  model: 'OdooModel',
  id: 'OdooId',
  recordName: 'OdooName',
  url: 'OdooUrl',
} as const;

/** The caller as the toast and popup show them, from the SDK's `From` and custom parameters. */
export function partyFromIncoming(from: string, params: Record<string, string>): CallParty {
  const number = params[INCOMING_PARAMS.number] || from;
  const party: CallParty = { number, display: number.startsWith('+') ? formatInternational(number) : number };
  const name = params[INCOMING_PARAMS.name] || params[INCOMING_PARAMS.recordName];
  if (name) party.name = name;
  const record = recordFromParams(params);
  if (record) party.record = record;
  return party;
}

/** The id the worker logs an incoming call under: the caller's leg, when the worker says it. */
export function parentCallSidFrom(params: Record<string, string>): string | undefined {
  const sid = params[INCOMING_PARAMS.parentCallSid];
  return sid && /^CA[0-9a-f]{32}$/i.test(sid) ? sid : undefined;
}

function recordFromParams(params: Record<string, string>): OdooRecordRef | null {
  const model = params[INCOMING_PARAMS.model];
  const id = Number(params[INCOMING_PARAMS.id]);
  if (!model || !Number.isInteger(id) || id <= 0) return null;
  const record: OdooRecordRef = { model, id };
  const recordName = params[INCOMING_PARAMS.recordName];
  if (recordName) record.name = recordName;
  const url = params[INCOMING_PARAMS.url];
  // Only a web link may be opened by the screen pop.
  if (url && /^https?:\/\//i.test(url)) record.url = url;
  return record;
}
