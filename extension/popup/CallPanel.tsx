import { useState } from 'react';
import type { LiveCall } from '../../shared/phone-state';
import { type MessageKey, t } from '../lib/i18n';
import { sendToBackground } from '../lib/messaging';
import { formatDuration, useNow } from '../lib/use-now';
import { Keypad } from './Keypad';
import { PartyView } from './PartyView';

const PHASE_KEYS: Record<LiveCall['phase'], MessageKey> = {
  connecting: 'phaseConnecting',
  ringing: 'phaseRinging',
  open: 'phaseOpen',
  reconnecting: 'phaseReconnecting',
};

/** The Voice SDK's call-quality warnings, grouped by what the agent can do about them. */
const WARNING_KEYS: Record<string, MessageKey> = {
  'high-rtt': 'warningNetwork',
  'high-jitter': 'warningNetwork',
  'high-packet-loss': 'warningNetwork',
  'high-packets-lost-fraction': 'warningNetwork',
  'low-mos': 'warningNetwork',
  'low-bytes-received': 'warningConnection',
  'low-bytes-sent': 'warningConnection',
  'ice-connectivity-lost': 'warningConnection',
  'constant-audio-input-level': 'warningMicrophone',
  'constant-audio-output-level': 'warningNoAudio',
};

export function qualityWarnings(names: readonly string[]): string[] {
  return [...new Set(names.map((name) => t(WARNING_KEYS[name] ?? 'warningNetwork')))];
}

/** The live call: who, how long, **Mute** or **Unmute**, **Keypad**, **Hang up**, quality warnings. */
export function CallPanel({ call }: { call: LiveCall }) {
  const [keypadOpen, setKeypadOpen] = useState(false);
  const now = useNow(call.answeredAt !== null);
  const [problem, setProblem] = useState<string | null>(null);
  const warnings = qualityWarnings(call.warnings);

  async function run(action: Promise<{ ok: boolean; error?: { message: string } }>) {
    const result = await action;
    setProblem(result.ok ? null : (result.error?.message ?? null));
  }

  return (
    <section className="call-panel" aria-label={t('callInProgress')}>
      <PartyView party={call.party} />
      <p className="call-phase">
        {t(PHASE_KEYS[call.phase])}
        {call.answeredAt !== null && (
          <>
            {' · '}
            <span className="visually-hidden">{t('callDuration')} </span>
            <time>{formatDuration((now - call.answeredAt) / 1000)}</time>
          </>
        )}
      </p>
      {warnings.length > 0 && (
        <ul className="quality-warnings" role="status">
          {warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      <div className="call-controls">
        <button
          type="button"
          aria-pressed={call.muted}
          onClick={() => void run(sendToBackground('setMuted', { muted: !call.muted }))}
        >
          {call.muted ? t('unmute') : t('mute')}
        </button>
        <button type="button" aria-expanded={keypadOpen} onClick={() => setKeypadOpen(!keypadOpen)}>
          {t('keypad')}
        </button>
        <button type="button" className="danger" onClick={() => void run(sendToBackground('hangUp', {}))}>
          {t('hangUp')}
        </button>
      </div>
      {keypadOpen && (
        <Keypad onDigit={(digit) => void run(sendToBackground('sendDigits', { digits: digit }))} />
      )}
      {problem && (
        <p role="alert" className="field-error">
          {problem}
        </p>
      )}
    </section>
  );
}
