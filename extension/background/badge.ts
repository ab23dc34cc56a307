import type { PhoneState } from '../../shared/phone-state';
import { agentKeyOf } from '../lib/agent-key';
import { healthText } from '../lib/health-text';
import { t } from '../lib/i18n';
import { unseenCount } from '../lib/missed-calls';
import { createSerialQueue } from '../lib/serial';
import { readItem } from '../lib/storage';
import { readPhoneState } from './phone-store';
import { readSession } from './session';

export interface Badge {
  text: string;
  color: string;
  title: string;
}

const GREEN = '#1b7f3a';
const RED = '#c62828';
const GREY = '#6b6b6b';
const BLUE = '#1565c0';
const ORANGE = '#e65100';

/**
 * The toolbar badge for a phone state and the agent's unseen missed calls. One text, so one
 * order (issue 13, item 3): the call ringing or live first (the agent acts on it now), then a
 * red `!` when the phone cannot take calls (calls are being lost), then the count of unseen
 * missed calls, then starting `…` and do-not-disturb `–`; nothing when ready. The tooltip
 * always says how many missed calls wait, whatever the badge shows.
 */
export function badgeFor(state: PhoneState, unseenMissed = 0): Badge {
  const badge = phoneBadge(state);
  if (unseenMissed === 0) return badge;
  const title = `${badge.title} · ${t('badgeMissed', String(unseenMissed))}`;
  if (state.incoming || state.call || badge.color === RED) return { ...badge, title };
  return { text: unseenMissed > 99 ? '99+' : String(unseenMissed), color: ORANGE, title };
}

function phoneBadge(state: PhoneState): Badge {
  const name = t('extensionName');
  if (state.incoming)
    return { text: '☎', color: BLUE, title: `${name}: ${t('badgeIncoming', display(state.incoming.party))}` };
  if (state.call)
    return { text: '●', color: GREEN, title: `${name}: ${t('badgeInCall', display(state.call.party))}` };
  switch (state.health.status) {
    case 'ready':
      return state.availability === 'dnd'
        ? { text: '–', color: GREY, title: `${name}: ${t('badgeDoNotDisturb')}` }
        : { text: '', color: GREEN, title: `${name}: ${t('healthReady')}` };
    case 'starting':
    case 'registering':
      return { text: '…', color: GREY, title: `${name}: ${healthText(state.health)}` };
    default:
      return {
        text: '!',
        color: RED,
        title: `${name}: ${t('badgeNotRegistered', healthText(state.health))}`,
      };
  }
}

function display(party: { name?: string; display: string }): string {
  return party.name ?? party.display;
}

const serial = createSerialQueue();

/**
 * Shows the badge for what is stored now. The phone state and the missed calls change apart
 * (a call rings, the popup marks calls seen): each update reads both, one at a time, so the
 * last one shown is never an older picture.
 */
export function showBadge(): Promise<void> {
  return serial(async () => {
    const [state, missed, session] = await Promise.all([
      readPhoneState(),
      readItem('local', 'missedCalls'),
      readSession(),
    ]);
    const badge = badgeFor(state, unseenCount(missed, session ? agentKeyOf(session) : undefined));
    await Promise.all([
      chrome.action.setBadgeText({ text: badge.text }),
      chrome.action.setBadgeBackgroundColor({ color: badge.color }),
      chrome.action.setTitle({ title: badge.title }),
    ]);
  });
}
