/**
 * An agent's Twilio client identity is `odoo_<uid>` (DESIGN.md): the Odoo user id is all the
 * worker needs to find the agent again when Twilio calls back with `From=client:odoo_<uid>`.
 */

export function identityOf(uid: number): string {
  return `odoo_${uid}`;
}

/** The Odoo user id in a Twilio client address (`client:odoo_12`), or null for anything else. */
export function uidOfClientAddress(address: string | null | undefined): number | null {
  const match = /^client:odoo_([1-9]\d{0,9})$/.exec(address ?? '');
  if (!match) return null;
  const uid = Number(match[1]);
  return Number.isSafeInteger(uid) && uid <= 2_147_483_647 ? uid : null;
}
