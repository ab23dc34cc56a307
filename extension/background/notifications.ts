import type { IncomingCall, PhoneState } from '../../shared/phone-state';
import { t } from '../lib/i18n';

// chrome.notifications rather than the polyfill: buttons and requireInteraction are Chrome-only,
// so the polyfill's (Firefox-shaped) types do not have them.

/** Notification IDs carry the CallSid, so a button click says which call it is about. */
const PREFIX = 'incoming:';

export function notificationIdFor(callSid: string): string {
  return `${PREFIX}${callSid}`;
}

export function callSidOfNotification(notificationId: string): string | null {
  return notificationId.startsWith(PREFIX) ? notificationId.slice(PREFIX.length) : null;
}

/** Button order of the incoming-call notification. */
export const ACCEPT_BUTTON = 0;
export const DECLINE_BUTTON = 1;

/**
 * Makes the system notifications match the state: one for the ringing incoming call, none
 * otherwise, so the notification goes away when the caller hangs up or the call is answered
 * (here or elsewhere). Reconciles instead of tracking what was shown: the worker may have slept.
 */
export async function syncIncomingNotification(before: PhoneState, after: PhoneState): Promise<void> {
  const ringing = after.incoming;
  if (ringing && ringing.callSid !== before.incoming?.callSid) await showIncoming(ringing);
  const shown = Object.keys(await chrome.notifications.getAll());
  await Promise.all(
    shown
      .filter((id) => id.startsWith(PREFIX) && id !== (ringing ? notificationIdFor(ringing.callSid) : null))
      .map((id) => chrome.notifications.clear(id)),
  );
}

async function showIncoming(incoming: IncomingCall): Promise<void> {
  const { party } = incoming;
  const options: chrome.notifications.NotificationCreateOptions = {
    type: 'basic',
    iconUrl: chrome.runtime.getURL('icons/icon-128.png'),
    title: t('notificationIncomingTitle'),
    message: party.name ? `${party.name}\n${party.display}` : party.display,
    buttons: [{ title: t('accept') }, { title: t('decline') }],
    requireInteraction: true,
    priority: 2,
  };
  if (party.record?.name && party.record.name !== party.name) options.contextMessage = party.record.name;
  await chrome.notifications.create(notificationIdFor(incoming.callSid), options);
}
