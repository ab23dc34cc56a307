import { useEffect, useState } from 'react';
import type { AgentKey } from '../../shared/settings';
import { t, uiLanguage } from '../lib/i18n';
import { sendToBackground } from '../lib/messaging';
import { canCallBack, missedCaller, missedCallsOf } from '../lib/missed-calls';
import type { MissedCall } from '../lib/storage';
import { useStorageItem } from '../lib/use-storage';

/**
 * Calls that rang here and were not answered (issue 13, item 3), newest first, above the recent
 * calls: known callers by name and record, unknown ones by their number. **Call back** dials as
 * the dialer does; each can be dismissed. Shown means seen: the badge stops counting them.
 */
export function MissedCalls({ agent, canCall }: { agent: AgentKey; canCall: boolean }) {
  const stored = useStorageItem('local', 'missedCalls');
  const [problem, setProblem] = useState<string | null>(null);
  const missed = missedCallsOf(stored.loaded ? stored.value : undefined, agent);
  const unseen = missed.some((entry) => !entry.seen);

  useEffect(() => {
    if (unseen) void sendToBackground('missedCallsSeen', {});
  }, [unseen]);

  if (missed.length === 0) return null;

  async function callBack(entry: MissedCall) {
    const { number, display, record } = entry.party;
    const result = await sendToBackground(
      'dial',
      record ? { number, display, record: { model: record.model, id: record.id } } : { number, display },
    );
    setProblem(result.ok ? null : result.error.message);
  }

  const time = new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'short', timeStyle: 'short' });
  return (
    <section className="missed-calls" aria-label={t('missedCalls')}>
      <h2>{t('missedCalls')}</h2>
      <ul>
        {missed.map((entry) => {
          const who = missedCaller(entry);
          const { party } = entry;
          return (
            <li key={entry.id}>
              <span className="who">{who}</span>
              {party.name && <span className="number">{party.display}</span>}
              {party.record?.name && party.record.name !== party.name && (
                <span className="record">{party.record.name}</span>
              )}
              <span className="when">{time.format(new Date(entry.at))}</span>
              <span className="what">
                {t(entry.voicemail ? 'missedVoicemail' : 'missedMayHaveVoicemail')}
              </span>
              {canCallBack(entry) && (
                <button type="button" disabled={!canCall} onClick={() => void callBack(entry)}>
                  {t('callBackWho', who)}
                </button>
              )}
              <button
                type="button"
                aria-label={t('dismissMissed', who)}
                onClick={() => void sendToBackground('dismissMissedCall', { id: entry.id })}
              >
                {t('dismissMissedLabel')}
              </button>
            </li>
          );
        })}
      </ul>
      {problem && (
        <p role="alert" className="field-error">
          {problem}
        </p>
      )}
    </section>
  );
}
