import { type FormEvent, useId, useState } from 'react';
import type { EffectiveSettings, StoredSession } from '../../shared/settings';
import { t } from '../lib/i18n';
import { sendToBackground } from '../lib/messaging';
import { SessionEndedNotice } from '../ui/SessionEndedNotice';
import { type ConnectionDraft, saveConnection } from './connection';

/**
 * Who uses the phone: **Login**, **Password or API key**, **Sign in** (which first saves the
 * connection fields), or, once signed in, who and **Sign out**. The password goes to the worker
 * once and is never stored: only the session it returns is.
 */
export function AccountSection({
  settings,
  session,
  connection,
}: {
  settings: EffectiveSettings;
  session: StoredSession | null;
  connection: ConnectionDraft;
}) {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { title: useId(), login: useId(), password: useId() };

  async function onSignIn(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    setBusy(true);
    try {
      const saveProblem = await saveConnection(connection, settings);
      if (saveProblem) return setProblem(saveProblem);
      const result = await sendToBackground('signIn', { login, password });
      if (!result.ok) return setProblem(result.error.message);
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby={ids.title}>
      <h2 id={ids.title}>{t('accountTitle')}</h2>
      {session ? (
        <div className="stack">
          <p>{t('signedInAs', [session.agent.name, session.agent.login, session.workerUrl])}</p>
          <button type="button" onClick={() => void sendToBackground('signOut', {})}>
            {t('signOut')}
          </button>
        </div>
      ) : (
        <form onSubmit={onSignIn} className="stack">
          <SessionEndedNotice />
          <label htmlFor={ids.login}>{t('login')}</label>
          <input
            id={ids.login}
            type="text"
            autoComplete="username"
            value={login}
            onChange={(event) => setLogin(event.target.value)}
            required
          />
          <label htmlFor={ids.password}>{t('passwordOrApiKey')}</label>
          <input
            id={ids.password}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
          />
          <button type="submit" className="primary" disabled={busy}>
            {t('signIn')}
          </button>
          {problem && (
            <p role="alert" className="field-error">
              {problem}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
