import type { AgentKey } from '../../shared/settings';
import { isOwnedBy } from '../lib/agent-key';
import { t } from '../lib/i18n';
import { sendToBackground } from '../lib/messaging';
import { useStorageItem } from '../lib/use-storage';

/**
 * The signed-in agent's notes saved but not yet at the worker (it is down, or the call is not
 * known there yet), and those it refused, with a way to send them again: nothing the agent wrote
 * is dropped silently. Other agents' notes on this browser are theirs: not shown here.
 */
export function OutboxNotice({ agent }: { agent: AgentKey }) {
  const outbox = useStorageItem('local', 'outbox');
  if (!outbox.loaded) return null;
  const mine = outbox.value?.filter((item) => isOwnedBy(item, agent)) ?? [];
  if (mine.length === 0) return null;
  const refused = mine.filter((item) => item.failed);
  const waiting = mine.length - refused.length;
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
