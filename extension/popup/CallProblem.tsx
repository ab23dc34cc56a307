import type { PhoneState } from '../../shared/phone-state';
import { callErrorText } from '../lib/health-text';
import { t } from '../lib/i18n';

/** Why the last call failed, as a sentence (Twilio's code only inside it), until the next call. */
export function CallProblem({ error }: { error: NonNullable<PhoneState['callError']> }) {
  return (
    <p role="alert" className="call-problem">
      {t('callFailed', callErrorText(error))}
    </p>
  );
}
