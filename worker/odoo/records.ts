/**
 * Odoo records a call can be about. The extension passes the record it was started from as the
 * custom parameters `OdooModel` / `OdooId`; they reach the worker through Twilio, so they are
 * checked like any outside input before they are stored.
 */

/** Models whose chatter receives call notes. */
export const CALL_RECORD_MODELS = ['crm.lead', 'res.partner'] as const;
export type CallRecordModel = (typeof CALL_RECORD_MODELS)[number];

export interface CallRecordRef {
  model: CallRecordModel;
  id: number;
}

export const isCallRecordModel = (model: string): model is CallRecordModel =>
  (CALL_RECORD_MODELS as readonly string[]).includes(model);

/** The record, if both parameters are well-formed (a known model, a positive 32-bit id); else null. */
export function parseRecordRef(model: string | undefined, id: string | undefined): CallRecordRef | null {
  if (model === undefined || id === undefined || !isCallRecordModel(model)) return null;
  if (!/^[1-9]\d{0,9}$/.test(id)) return null;
  const recordId = Number(id);
  return recordId <= 2_147_483_647 ? { model, id: recordId } : null;
}
