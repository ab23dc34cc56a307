import { browser } from '../lib/browser';
import { sendToOffscreen } from '../lib/messaging';
import { showBadge } from './badge';
import { OUTBOX_ALARM, sendOutbox } from './outbox-sender';
import { ensurePhoneDocument } from './phone-control';
import { dispatch, readPhoneState } from './phone-store';
import { reportPresence } from './presence';
import { readSession } from './session';
import { checkWorkerHealth } from './worker-health';

/** Every minute: the phone is alive, registered, its token fresh, the worker up and told, notes go out. */
export const WATCHDOG_ALARM = 'phone-watchdog';
const WATCHDOG_PERIOD_MINUTES = 1;

/**
 * Runs whenever the service worker starts (browser start, install, or a wake-up after Chrome
 * stopped it). Cheap and idempotent: it must not disturb a call the offscreen document holds.
 */
export async function onWorkerStart(): Promise<void> {
  // Content scripts read the phone state (toast, buttons) from session storage.
  await chrome.storage.session.setAccessLevel({ accessLevel: 'TRUSTED_AND_UNTRUSTED_CONTEXTS' });
  if (!(await browser.alarms.get(WATCHDOG_ALARM))) {
    browser.alarms.create(WATCHDOG_ALARM, { periodInMinutes: WATCHDOG_PERIOD_MINUTES });
  }
  await showBadge();
  if (await readSession()) await ensurePhoneDocument();
}

export async function onAlarm(name: string): Promise<void> {
  if (name === OUTBOX_ALARM) return sendOutbox();
  if (name !== WATCHDOG_ALARM) return;
  await watchdog();
}

async function watchdog(): Promise<void> {
  if (!(await readSession())) return;
  await ensurePhoneDocument();
  // The document re-checks registration and token age, and reports what it finds as events.
  const status = await sendToOffscreen('checkHealth', {});
  const state = await readPhoneState();
  if (status.ok && status.data.calls === 0 && (state.call || state.incoming)) {
    // The Device holds no call, yet the state shows one: the end was lost (the worker was being
    // stopped as it came). Say it is over rather than show a call that is not there.
    if (state.call) await dispatch({ type: 'ended', callSid: state.call.callSid });
    // A ringing call whose end was lost was not answered here (that would be the live call) nor
    // declined (that ends it first): the caller gave up, so it counts as missed.
    if (state.incoming)
      await dispatch({ type: 'incoming-ended', callSid: state.incoming.callSid, reason: 'canceled' });
  }
  await Promise.all([
    // The phone is not "ready" while the server is down: calls could neither start nor be logged.
    checkWorkerHealth(),
    reportPresence(await readPhoneState(), { heartbeat: true }).catch((error: unknown) =>
      console.info('presence heartbeat failed', error),
    ),
    sendOutbox().catch((error: unknown) => console.info('outbox: will retry', error)),
  ]);
}
