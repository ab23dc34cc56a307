import type { OdooRecordRef } from '../../shared/api';
import type { CallParty } from '../../shared/phone-state';
import { formatInternational } from '../lib/phone-number';

/**
 * Names of the `<Client><Parameter>`s the worker's inbound TwiML sets for the caller's matched
 * Odoo record (DESIGN.md: "the caller's name and record travel to the toast"). Outbound calls
 * use the same `OdooModel` / `OdooId` names.
 */
export const INCOMING_PARAMS = {
  name: 'CallerName',
  model: 'OdooModel',
  id: 'OdooId',
  recordName: 'OdooName',
  url: 'OdooUrl',
} as const;

/** The caller as the toast and popup show them, from the SDK's `From` and custom parameters. */
export function partyFromIncoming(from: string, params: Record<string, string>): CallParty {
  const party: CallParty = { number: from, display: from.startsWith('+') ? formatInternational(from) : from };
  const name = params[INCOMING_PARAMS.name] || params[INCOMING_PARAMS.recordName];
  if (name) party.name = name;
  const record = recordFromParams(params);
  if (record) party.record = record;
  return party;
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
