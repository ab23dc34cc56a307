import type { PhoneState } from '../../shared/phone-state';
import { headerStatus } from '../lib/header-status';
import { t } from '../lib/i18n';
import { sendToBackground } from '../lib/messaging';
import type { WorkerHealth } from '../lib/storage';

/**
 * Who is signed in, what the phone is doing (ringing, in a call, wrap-up, do not disturb, or
 * why it cannot take calls: the server's health included), and the availability switch.
 */
export function StatusBar({
  state,
  agentName,
  worker,
}: {
  state: PhoneState;
  agentName: string | null;
  worker?: WorkerHealth | undefined;
}) {
  const { health, availability } = state;
  const status = headerStatus(state, worker);
  return (
    <header className="status-bar">
      <p role="status" className={`health health-${status.tone}`}>
        {status.text}
      </p>
      {agentName && <p className="agent">{agentName}</p>}
      {health.status !== 'signed_out' && (
        <label className="availability">
          {/* One name, "Available": the switch's on/off state says whether it is on. */}
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
        </label>
      )}
    </header>
  );
}
