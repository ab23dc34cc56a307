import { readEffectiveSettings } from '../lib/settings';
import { showBadge } from './badge';
import { trackMissedCalls } from './missed-calls';
import { syncIncomingNotification } from './notifications';
import type { Transition } from './phone-store';
import { reportPresence } from './presence';
import { openRecord, screenPopRecord } from './screen-pop';

/**
 * What follows a change of the phone state. Badge and notification are awaited (quick, and
 * their order matters); presence and screen pop talk to the network or other tabs, so they run
 * on their own and never hold up the next state change.
 */
export async function applyTransition(transition: Transition): Promise<void> {
  const { before, after } = transition;
  // The missed calls first: the badge then counts the call that just stopped ringing.
  await trackMissedCalls(transition).catch((error: unknown) => console.warn('missed calls failed', error));
  await Promise.all([showBadge(), syncIncomingNotification(before, after)]);
  void reportPresence(after).catch((error: unknown) => console.info('presence report failed', error));
  if (after.incoming !== before.incoming || after.call !== before.call) {
    void screenPop(before, after).catch((error: unknown) => console.warn('screen pop failed', error));
  }
}

async function screenPop(before: Transition['before'], after: Transition['after']): Promise<void> {
  const settings = await readEffectiveSettings();
  const record = screenPopRecord(before, after, settings.screenPop);
  if (record) await openRecord(record, settings.odooUrl);
}
