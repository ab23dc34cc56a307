import type { PhoneState } from '../../shared/phone-state';
import { t } from '../lib/i18n';

/** Why the last call failed (Twilio's code when there is one), until the next call. */
export function CallProblem({ error }: { error: NonNullable<PhoneState['callError']> }) {
  const detail = error.code > 0 ? `${error.message} (${error.code})` : error.message;
  return (
    <p role="alert" className="call-problem">
      {t('callFailed', detail)}
    </p>
  );
}
