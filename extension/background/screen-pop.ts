import type { OdooRecordRef } from '../../shared/api';
import type { PhoneState } from '../../shared/phone-state';
import type { ScreenPopMode } from '../../shared/settings';
import { browser } from '../lib/browser';
import { recordUrl, showsRecord } from '../lib/odoo-record-url';

/**
 * The record to bring to the front after a state change, per the agent's screen-pop setting:
 * when an incoming call starts ringing (`ring`) or when the agent answers it (`answer`).
 */
export function screenPopRecord(
  before: PhoneState,
  after: PhoneState,
  mode: ScreenPopMode,
): OdooRecordRef | null {
  if (mode === 'ring') {
    const ringing = after.incoming;
    return ringing && ringing.callSid !== before.incoming?.callSid ? (ringing.party.record ?? null) : null;
  }
  if (mode === 'answer') {
    const call = after.call;
    const justAnswered =
      call?.direction === 'inbound' && call.phase === 'open' && before.call?.phase !== 'open';
    return justAnswered ? (call.party.record ?? null) : null;
  }
  return null;
}

/** Focuses a tab already showing the record, else opens it in a new tab. */
export async function openRecord(record: OdooRecordRef, odooUrl: string): Promise<void> {
  const href = record.url ?? (odooUrl ? recordUrl(odooUrl, record) : null);
  if (!href) return;
  const origin = new URL(href).origin;
  // Tabs expose their URL only for hosts the extension may access: the Odoo origins.
  const tabs = await browser.tabs.query({});
  const open = tabs.find((tab) => tab.url !== undefined && showsRecord(tab.url, record, origin));
  if (open?.id !== undefined) {
    await browser.tabs.update(open.id, { active: true });
    if (open.windowId !== undefined) await browser.windows.update(open.windowId, { focused: true });
    return;
  }
  await browser.tabs.create({ url: href, active: true });
}
