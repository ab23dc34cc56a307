import { t } from '../lib/i18n';
import { sendToBackground } from '../lib/messaging';
import { useStorageItem } from '../lib/use-storage';

/**
 * Notes saved but not yet at the worker (it is down, or the call is not known there yet), and
 * those it refused, with a way to send them again: nothing the agent wrote is dropped silently.
 */
export function OutboxNotice() {
  const outbox = useStorageItem('local', 'outbox');
  if (!outbox.loaded || !outbox.value?.length) return null;
  const refused = outbox.value.filter((item) => item.failed);
  const waiting = outbox.value.length - refused.length;
  return (
    <div className="outbox-notice" role="status">
      {waiting > 0 && <p>{t('outboxWaiting', String(waiting))}</p>}
      {refused.length > 0 && (
        <>
          <p>{t('outboxRefused', [String(refused.length), refused[0]?.lastError ?? ''])}</p>
          <button type="button" onClick={() => void sendToBackground('retryWrapUps', {})}>
            {t('outboxRetry')}
          </button>
        </>
      )}
    </div>
  );
}
