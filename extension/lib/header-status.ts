/**
 * What the popup's header says the phone is doing, from the phone state and the server's last
 * health check: one line, one tone. The order is the answer to "what matters most right now":
 * a ringing or live call first (whatever else is wrong, it is happening), then anything that
 * stops calls (the server down, the phone not registered), then the pending wrap-up, then do
 * not disturb, and only then "Ready for calls". Signed out is a state, not an error.
 */
import type { PhoneState } from '../../shared/phone-state';
import { healthText } from './health-text';
import { t } from './i18n';
import type { WorkerHealth } from './storage';

/** `ready` green, `active` a call or wrap-up, `paused` neutral, `problem` calls cannot work. */
export type HeaderTone = 'ready' | 'active' | 'paused' | 'problem';

export interface HeaderStatus {
  tone: HeaderTone;
  text: string;
}

export function headerStatus(state: PhoneState, worker: WorkerHealth | undefined): HeaderStatus {
  const { health, call, incoming, wrapUp, availability } = state;
  if (health.status === 'signed_out') return { tone: 'paused', text: healthText(health) };
  if (incoming && !call) return { tone: 'active', text: t('headerIncoming') };
  if (call) {
    if (call.phase === 'open') return { tone: 'active', text: t('headerInCall') };
    if (call.phase === 'reconnecting') return { tone: 'problem', text: t('headerReconnecting') };
    return { tone: 'active', text: t('headerCalling') };
  }
  if (worker && !worker.reachable) return { tone: 'problem', text: t('healthServerDown') };
  if (health.status === 'starting' || health.status === 'registering')
    return { tone: 'paused', text: healthText(health) };
  if (health.status !== 'ready') {
    const text =
      health.status === 'offline' || health.status === 'error'
        ? t('notRegisteredBecause', healthText(health))
        : healthText(health);
    return { tone: 'problem', text };
  }
  if (wrapUp) return { tone: 'active', text: t('headerWrapUp') };
  if (availability === 'dnd') return { tone: 'paused', text: t('headerDnd') };
  return { tone: 'ready', text: t('healthReady') };
}
