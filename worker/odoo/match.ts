/**
 * Which Odoo record a call belongs to (issue 3), first rule that applies:
 * 1. the record the call was started from (`OdooModel`/`OdooId`), if it still exists;
 * 2. an open lead with the number (active, not won), the most recently updated one;
 * 3. a contact with the number, the most recently updated one;
 * else none: the call stays in D1 as unmatched.
 * Asked as the agent (odoo/agent-account.ts), every step sees only what the agent may read in
 * Odoo: a clicked record they may not read is not used, and the number finds only their records.
 * Numbers are searched both as Odoo stores them normalised (`phone_sanitized`, E.164) and with
 * `phone_mobile_search`, which matches the whole stored string once spaces, dots and the like
 * are removed: a number kept in national form is found only through the first.
 */

import { OdooResponseError } from './client';
import { type CallRecordModel, isCallRecordModel } from './records';
import type { OdooCall } from './service-account';

export interface RecordMatch {
  model: CallRecordModel;
  id: number;
  name: string;
  /** Who is calling, as the record names them: a lead's contact or customer, a contact's name. */
  callerName: string;
  /** The record's salesperson (`user_id`), when it has one. */
  ownerUid: number | null;
  /** Set when the record was found by number: the number, and how many records had it. */
  matchedNumber: string | null;
  matchedCount: number | null;
}

/** How many matches the worker reads to say how many records share a number. */
const SHARED_LIMIT = 20;
const E164 = /^\+[1-9]\d{4,14}$/;

/** Whether a number can be looked up in Odoo at all: E.164 of 5 digits or more (not `anonymous`). */
export const isSearchableNumber = (number: string): boolean => E164.test(number);

interface FoundRecord {
  id: number;
  display_name: string;
  user_id?: [number, string] | false;
  contact_name?: string | false;
  partner_id?: [number, string] | false;
  partner_name?: string | false;
}

/** What is read of a record: its name, salesperson and, on a lead, the person behind it. */
const FIELDS = {
  'crm.lead': ['display_name', 'user_id', 'contact_name', 'partner_id', 'partner_name'],
  'res.partner': ['display_name', 'user_id'],
};

function callerNameOf(record: FoundRecord): string {
  return (
    record.contact_name ||
    (Array.isArray(record.partner_id) ? record.partner_id[1] : '') ||
    record.partner_name ||
    record.display_name
  );
}

/**
 * What a read or search as someone returns, or nothing when Odoo says they may not see it
 * (AccessError: a record rule, a model they have no right on).
 */
async function visible(read: Promise<unknown>): Promise<unknown> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof OdooResponseError && error.exception === 'odoo.exceptions.AccessError') return [];
    throw error;
  }
}

function asRecords(result: unknown): FoundRecord[] {
  if (!Array.isArray(result)) return [];
  return result.filter(
    (row): row is FoundRecord =>
      typeof row === 'object' &&
      row !== null &&
      typeof row.id === 'number' &&
      typeof row.display_name === 'string',
  );
}

function toMatch(
  model: RecordMatch['model'],
  records: FoundRecord[],
  matchedNumber: string | null,
): RecordMatch | null {
  const [first] = records;
  if (!first) return null;
  return {
    model,
    id: first.id,
    name: first.display_name,
    callerName: callerNameOf(first),
    ownerUid: Array.isArray(first.user_id) ? first.user_id[0] : null,
    matchedNumber,
    matchedCount: matchedNumber === null ? null : records.length,
  };
}

/** The open lead, else the contact, that has this E.164 number; null when none (or no E.164). */
export async function findRecordByNumber(odoo: OdooCall, number: string): Promise<RecordMatch | null> {
  if (!isSearchableNumber(number)) return null;
  const byNumber = ['|', ['phone_sanitized', '=', number], ['phone_mobile_search', '=', number]];
  const options = (model: RecordMatch['model']) => ({
    fields: FIELDS[model],
    order: 'write_date desc, id desc',
    limit: SHARED_LIMIT,
  });
  // Archived (lost) leads are left out by Odoo itself; won ones by their stage.
  const notWon = ['|', ['stage_id', '=', false], ['stage_id.is_won', '=', false]];
  const leads = asRecords(
    await visible(odoo('crm.lead', 'search_read', [[...byNumber, ...notWon]], options('crm.lead'))),
  );
  if (leads.length > 0) return toMatch('crm.lead', leads, number);
  return toMatch(
    'res.partner',
    asRecords(await visible(odoo('res.partner', 'search_read', [byNumber], options('res.partner')))),
    number,
  );
}

export interface CallToMatch {
  /** The record the call started from, or the one an inbound look-up found. */
  record_model: string | null;
  record_id: number | null;
  /** Set when that record came from an inbound look-up by number. */
  matched_number: string | null;
  matched_count: number | null;
  other_number: string;
}

/**
 * The record a call is logged on: the one it was started from (or that answered the inbound
 * look-up) if Odoo still has it (`read` leaves out ids that no longer exist) and, asked as the
 * agent, they may read it; else the one found by the other party's number.
 */
export async function findRecordForCall(odoo: OdooCall, call: CallToMatch): Promise<RecordMatch | null> {
  if (call.record_model && isCallRecordModel(call.record_model) && call.record_id) {
    const [record] = asRecords(
      await visible(
        odoo(call.record_model, 'read', [[call.record_id]], { fields: FIELDS[call.record_model] }),
      ),
    );
    if (record) {
      return {
        ...toMatch(call.record_model, [record], null)!,
        matchedNumber: call.matched_number,
        matchedCount: call.matched_count,
      };
    }
  }
  return findRecordByNumber(odoo, call.other_number);
}

/** The record in Odoo's web client (17.0 hash URL; 17.2+ rewrites it to its path URL). */
export function recordUrl(odooUrl: string, model: string, id: number): string {
  return `${odooUrl.replace(/\/+$/, '')}/web#id=${id}&model=${model}&view_type=form`;
}
