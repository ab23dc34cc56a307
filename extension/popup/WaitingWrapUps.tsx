import { useState } from 'react';
import type { WrapUp } from '../../shared/phone-state';
import type { AgentKey } from '../../shared/settings';
import { isOwnedBy } from '../lib/agent-key';
import { t, uiLanguage } from '../lib/i18n';
import { sendToBackground } from '../lib/messaging';

/**
 * Wrap-ups set aside because another call started before they were saved (issue 13, item 2):
 * how many, whose and when, oldest first, each with a button that opens it (its draft comes
 * with it). All of them are listed, however many: the list scrolls rather than hide any.
 * Another agent's (a call that outlived a sign-out) are theirs: not shown here.
 */
export function WaitingWrapUps({ waiting, agent }: { waiting: readonly WrapUp[]; agent: AgentKey | null }) {
  const [problem, setProblem] = useState<string | null>(null);
  const mine = agent ? waiting.filter((wrapUp) => isOwnedBy(wrapUp, agent)) : waiting;
  if (mine.length === 0) return null;
  const time = new Intl.DateTimeFormat(uiLanguage(), { timeStyle: 'short' });
  const title = t('waitingWrapUps', String(mine.length));

  async function open(callSid: string) {
    const result = await sendToBackground('openWrapUp', { callSid });
    setProblem(result.ok ? null : result.error.message);
  }

  return (
    <section className="waiting-wrap-ups" aria-label={title}>
      <h2>{title}</h2>
      <ul>
        {mine.map((wrapUp) => {
          const who = wrapUp.party.name ?? wrapUp.party.display;
          const at = time.format(new Date(wrapUp.endedAt));
          return (
            <li key={wrapUp.callSid}>
              <span className="who">{who}</span>
              <span className="when">{t('waitingEndedAt', at)}</span>
              <button
                type="button"
                aria-label={t('waitingFinish', [who, at])}
                onClick={() => void open(wrapUp.callSid)}
              >
                {t('waitingFinishButton')}
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
