import type { PhoneState } from '../../shared/phone-state';
import { healthText } from '../lib/health-text';
import { t } from '../lib/i18n';

export interface Badge {
  text: string;
  color: string;
  title: string;
}

const GREEN = '#1b7f3a';
const RED = '#c62828';
const GREY = '#6b6b6b';
const BLUE = '#1565c0';

/**
 * The toolbar badge for a phone state: nothing to see when ready, the call when there is one,
 * and a red `!` when the phone cannot take calls, with the reason in the tooltip, so a phone
 * that stopped ringing never goes unnoticed.
 */
export function badgeFor(state: PhoneState): Badge {
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

export async function showBadge(state: PhoneState): Promise<void> {
  const badge = badgeFor(state);
  await Promise.all([
    chrome.action.setBadgeText({ text: badge.text }),
    chrome.action.setBadgeBackgroundColor({ color: badge.color }),
    chrome.action.setTitle({ title: badge.title }),
  ]);
}
