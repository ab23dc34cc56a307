import { useState } from 'react';
import type { IncomingCall } from '../../shared/phone-state';
import { t } from '../lib/i18n';
import { sendToBackground } from '../lib/messaging';
import { PartyView } from './PartyView';

/** A call ringing in: who it is (the matched lead when the worker found one), **Accept**, **Decline**. */
export function IncomingPanel({ incoming }: { incoming: IncomingCall }) {
  const [problem, setProblem] = useState<string | null>(null);
  async function answer(type: 'acceptIncoming' | 'declineIncoming') {
    const result = await sendToBackground(type, { callSid: incoming.callSid });
    setProblem(result.ok ? null : result.error.message);
  }
  return (
    <section className="incoming-panel" aria-label={t('notificationIncomingTitle')}>
      <p className="incoming-title">{t('notificationIncomingTitle')}</p>
      <PartyView party={incoming.party} />
      <div className="call-controls">
        <button type="button" className="primary" onClick={() => void answer('acceptIncoming')}>
          {t('accept')}
        </button>
        <button type="button" className="danger" onClick={() => void answer('declineIncoming')}>
          {t('decline')}
        </button>
      </div>
      {problem && (
        <p role="alert" className="field-error">
          {problem}
        </p>
      )}
    </section>
  );
}
