import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { t } from '../lib/i18n';
import { sendToBackground } from '../lib/messaging';
import { formatAsYouType } from '../lib/phone-number';

/**
 * The **Phone number** field, formatted as the agent types with their default country, and
 * **Call**. With `focus`, the field takes the focus when the dialer shows or nothing else has it
 * (the popup opened by its shortcut, or a wrap-up just saved): the agent types the number at once.
 */
export function Dialer({ country, focus = true }: { country: string; focus?: boolean }) {
  const [number, setNumber] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [dialing, setDialing] = useState(false);
  const fieldId = useId();
  const fieldRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const active = document.activeElement;
    if (focus && (active === null || active === document.body)) fieldRef.current?.focus();
  }, [focus]);

  function onChange(raw: string) {
    setError(null);
    // While deleting, keep exactly what is left: re-formatting would put back the character
    // the agent just removed.
    setNumber(raw.length < number.length ? raw : formatAsYouType(raw, country));
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (dialing) return;
    setDialing(true);
    const result = await sendToBackground('dial', { number, display: number });
    setDialing(false);
    if (result.ok) setNumber('');
    else setError(result.error.message);
  }

  return (
    <form className="dialer" onSubmit={onSubmit}>
      <label htmlFor={fieldId}>{t('phoneNumber')}</label>
      <input
        id={fieldId}
        ref={fieldRef}
        type="tel"
        inputMode="tel"
        autoComplete="off"
        value={number}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error !== null}
        aria-describedby={error ? `${fieldId}-error` : undefined}
      />
      <button type="submit" className="primary" disabled={dialing || number.trim() === ''}>
        {t('call')}
      </button>
      {error && (
        <p id={`${fieldId}-error`} role="alert" className="field-error">
          {error}
        </p>
      )}
    </form>
  );
}
