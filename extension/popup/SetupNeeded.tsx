import type { PhoneHealth } from '../../shared/phone-state';
import { browser } from '../lib/browser';
import { t } from '../lib/i18n';
import { SessionEndedNotice } from '../ui/SessionEndedNotice';

/** Signed out or without a microphone: the one thing to do next, in the options page. */
export function SetupNeeded({ health }: { health: PhoneHealth }) {
  return (
    <section className="setup-needed">
      {health.status === 'signed_out' && <SessionEndedNotice />}
      <p>{health.status === 'signed_out' ? t('popupSignInFirst') : t('popupAllowMicrophoneFirst')}</p>
      <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
        {t('openSettings')}
      </button>
    </section>
  );
}
