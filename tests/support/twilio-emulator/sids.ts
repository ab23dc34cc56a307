import { randomBytes } from 'node:crypto';

/** Twilio resource SIDs are a two-letter type prefix and 32 lowercase hex digits. */
export type SidPrefix = 'CA' | 'RE';

export function newSid(prefix: SidPrefix): string {
  return prefix + randomBytes(16).toString('hex');
}
