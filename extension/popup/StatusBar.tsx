import type { PhoneState } from '../../shared/phone-state';
import { healthText } from '../lib/health-text';
import { t } from '../lib/i18n';
import { sendToBackground } from '../lib/messaging';

/** Who is signed in, whether the phone can take calls (and if not, why), and availability. */
export function StatusBar({ state, agentName }: { state: PhoneState; agentName: string | null }) {
  const { health, availability } = state;
  const ready = health.status === 'ready';
  return (
    <header className="status-bar">
      <p role="status" className={ready ? 'health health-ready' : 'health health-problem'}>
        {health.status === 'offline' || health.status === 'error'
          ? t('notRegisteredBecause', healthText(health))
          : healthText(health)}
      </p>
      {agentName && <p className="agent">{agentName}</p>}
      {health.status !== 'signed_out' && (
        <label className="availability">
          <input
            type="checkbox"
            role="switch"
            checked={availability === 'available'}
            aria-checked={availability === 'available'}
            onChange={(event) =>
              void sendToBackground('setAvailability', {
                availability: event.target.checked ? 'available' : 'dnd',
              })
            }
          />
          {t('availableSwitch')}
          <span className="availability-state">
            {availability === 'available' ? t('availabilityAvailable') : t('availabilityDnd')}
          </span>
        </label>
      )}
    </header>
  );
}
