import { useEffect, useState } from 'react';
import type { CallSummary, FollowUpSummary } from '../../shared/api';
import { type MessageKey, t, uiLanguage } from '../lib/i18n';
import { sendToBackground } from '../lib/messaging';
import { formatInternational } from '../lib/phone-number';
import { DISPOSITION_KEYS } from './dispositions';

const OUTCOME_KEYS: Record<NonNullable<CallSummary['outcome']>, MessageKey> = {
  answered: 'outcomeAnswered',
  no_answer: 'outcomeNoAnswer',
  busy: 'outcomeBusy',
  failed: 'outcomeFailed',
  canceled: 'outcomeCanceled',
  voicemail: 'outcomeVoicemail',
};

/** Where the call back of the call's wrap-up stands (a "Call" activity in Odoo, or why not). */
function followUpText(followUp: FollowUpSummary, logStatus: CallSummary['logStatus']): string {
  if (followUp.status === 'scheduled') return t('followUpScheduled', followUp.date);
  if (followUp.status === 'pending') return t('followUpPending', followUp.date);
  if (logStatus === 'unmatched') return t('followUpNoRecord', followUp.date);
  return t('followUpNotScheduled', [followUp.date, followUp.reason ?? '']);
}

type Loaded =
  | { status: 'loading' }
  | { status: 'unavailable' }
  | { status: 'error'; message: string }
  | { status: 'ready'; calls: CallSummary[] };

/**
 * The agent's recent calls (worker `GET /calls`) with a redial button each. A worker that does
 * not have the route yet shows nothing rather than an error. Loaded once per mount: the popup
 * re-keys it when a call ends, so the list includes that call.
 */
export function RecentCalls({ canCall }: { canCall: boolean }) {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void sendToBackground('recentCalls', {}).then((result) => {
      if (!live) return;
      if (!result.ok) setLoaded({ status: 'error', message: result.error.message });
      else if (result.data === null) setLoaded({ status: 'unavailable' });
      else setLoaded({ status: 'ready', calls: result.data });
    });
    return () => {
      live = false;
    };
  }, []);

  if (loaded.status === 'loading' || loaded.status === 'unavailable') return null;

  async function redial(call: CallSummary) {
    const display = formatInternational(call.number);
    const result = await sendToBackground(
      'dial',
      call.record
        ? { number: call.number, display, record: { model: call.record.model, id: call.record.id } }
        : { number: call.number, display },
    );
    setProblem(result.ok ? null : result.error.message);
  }

  const time = new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'short', timeStyle: 'short' });
  return (
    <section className="recent-calls" aria-label={t('recentCalls')}>
      <h2>{t('recentCalls')}</h2>
      {loaded.status === 'error' ? (
        <p className="muted">{t('recentCallsUnavailable', loaded.message)}</p>
      ) : loaded.calls.length === 0 ? (
        <p className="muted">{t('recentCallsEmpty')}</p>
      ) : (
        <ul>
          {loaded.calls.map((call) => {
            const who = call.record?.name ?? formatInternational(call.number);
            return (
              <li key={call.callSid}>
                <span className="direction" aria-hidden="true">
                  {call.direction === 'inbound' ? '↙' : '↗'}
                </span>
                <span className="visually-hidden">
                  {t(call.direction === 'inbound' ? 'directionInbound' : 'directionOutbound')}
                </span>
                <span className="who">{who}</span>
                <span className="when">{time.format(new Date(call.startedAt))}</span>
                <span className="what">
                  {call.disposition
                    ? t(DISPOSITION_KEYS[call.disposition])
                    : call.outcome
                      ? t(OUTCOME_KEYS[call.outcome])
                      : ''}
                </span>
                <button type="button" disabled={!canCall} onClick={() => void redial(call)}>
                  {t('redial', who)}
                </button>
                {call.followUp && (
                  <span className="follow-up">{followUpText(call.followUp, call.logStatus)}</span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {problem && (
        <p role="alert" className="field-error">
          {problem}
        </p>
      )}
    </section>
  );
}
