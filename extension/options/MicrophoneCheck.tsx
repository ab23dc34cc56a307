import { useEffect, useId, useState } from 'react';
import { type MessageKey, t } from '../lib/i18n';
import { sendToBackground } from '../lib/messaging';
import { useStorageItem } from '../lib/use-storage';

type MicrophoneState = 'unknown' | 'granted' | 'prompt' | 'denied';

/**
 * **Allow microphone**: the offscreen document that holds the phone cannot show Chrome's
 * prompt, so the agent grants it here once. The stream is stopped at once (nothing records
 * here) and the background tells the phone it may start.
 */
export function MicrophoneCheck() {
  const stored = useStorageItem('local', 'microphone');
  const [permission, setPermission] = useState<MicrophoneState>('unknown');
  const [problem, setProblem] = useState<string | null>(null);
  const [askedHere, setAskedHere] = useState(false);
  const titleId = useId();

  useEffect(() => {
    let status: PermissionStatus | null = null;
    const update = () => status && setPermission(status.state);
    void navigator.permissions
      ?.query({ name: 'microphone' as PermissionName })
      .then((result) => {
        status = result;
        update();
        result.addEventListener('change', update);
      })
      .catch(() => setPermission('unknown'));
    return () => status?.removeEventListener('change', update);
  }, []);

  // Granted some other way (an earlier visit, an admin policy): let the phone know.
  useEffect(() => {
    if (!askedHere && permission === 'granted' && stored.loaded && stored.value === undefined) {
      void sendToBackground('microphoneGranted', {});
    }
  }, [askedHere, permission, stored]);

  async function allow() {
    setProblem(null);
    setAskedHere(true);
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      for (const track of stream.getTracks()) track.stop();
      setPermission('granted');
      const result = await sendToBackground('microphoneGranted', {});
      if (!result.ok) setProblem(result.error.message);
    } catch (error) {
      setProblem(t(microphoneErrorKey(error)));
      if (error instanceof DOMException && error.name === 'NotAllowedError') setPermission('denied');
    }
  }

  const granted =
    permission === 'granted' || (permission !== 'denied' && stored.loaded && stored.value !== undefined);
  return (
    <section className="card stack" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('microphoneTitle')}</h2>
      <p role="status">
        {granted
          ? t('microphoneGranted')
          : permission === 'denied'
            ? t('microphoneDenied')
            : t('microphoneNeeded')}
      </p>
      {!granted && (
        <button type="button" className="primary" onClick={() => void allow()}>
          {t('allowMicrophone')}
        </button>
      )}
      {problem && (
        <p role="alert" className="field-error">
          {problem}
        </p>
      )}
    </section>
  );
}

function microphoneErrorKey(error: unknown): MessageKey {
  if (error instanceof DOMException) {
    if (error.name === 'NotAllowedError') return 'microphoneDenied';
    if (error.name === 'NotFoundError') return 'microphoneMissing';
  }
  return 'microphoneFailed';
}
