/**
 * What a Twilio call's id (CallSid, ParentCallSid) looks like: `CA` and 32 lowercase hex digits.
 * The worker checks ids against it before they reach D1 or Odoo; the extension before it logs
 * an incoming call under one.
 */
export const CALL_SID_PATTERN = /^CA[0-9a-f]{32}$/;
