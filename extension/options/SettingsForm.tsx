import { type FormEvent, useId, useMemo, useState } from 'react';
import type { Availability } from '../../shared/phone-state';
import { type EffectiveSettings, SCREEN_POP_MODES, type ScreenPopMode } from '../../shared/settings';
import { type MessageKey, t, uiLanguage } from '../lib/i18n';
import { sendToBackground } from '../lib/messaging';
import { type ConnectionDraft, saveConnection } from './connection';
import { countryOptions } from './countries';
import { PolicyNote } from './PolicyNote';

const SCREEN_POP_KEYS: Record<ScreenPopMode, MessageKey> = {
  off: 'screenPopOff',
  ring: 'screenPopRing',
  answer: 'screenPopAnswer',
};

/** Call settings: default country, screen pop, availability, Insights; **Save settings**. */
export function SettingsForm({
  settings,
  connection,
}: {
  settings: EffectiveSettings;
  connection: ConnectionDraft;
}) {
  const [country, setCountry] = useState(settings.defaultCountry);
  const [screenPop, setScreenPop] = useState(settings.screenPop);
  const [availability, setAvailability] = useState(settings.availability);
  const [insights, setInsights] = useState(settings.insights);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const countries = useMemo(() => countryOptions(uiLanguage()), []);
  const ids = {
    title: useId(),
    country: useId(),
    screenPop: useId(),
    availability: useId(),
    insights: useId(),
  };
  const countryLocked = settings.locked.includes('defaultCountry');

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const connectionProblem = await saveConnection(connection, settings);
    if (connectionProblem) return setMessage({ ok: false, text: connectionProblem });
    // Only what changed here: the popup may have switched availability since this page opened.
    const patch: Partial<EffectiveSettings> = {};
    if (!countryLocked && country !== settings.defaultCountry) patch.defaultCountry = country;
    if (screenPop !== settings.screenPop) patch.screenPop = screenPop;
    if (availability !== settings.availability) patch.availability = availability;
    if (insights !== settings.insights) patch.insights = insights;
    const result = await sendToBackground('saveSettings', { patch });
    setMessage(
      result.ok ? { ok: true, text: t('settingsSaved') } : { ok: false, text: result.error.message },
    );
  }

  return (
    <section className="card" aria-labelledby={ids.title}>
      <h2 id={ids.title}>{t('callSettingsTitle')}</h2>
      <form className="stack" onSubmit={onSubmit}>
        <label htmlFor={ids.country}>{t('defaultCountry')}</label>
        <select
          id={ids.country}
          value={country}
          disabled={countryLocked}
          aria-describedby={countryLocked ? `${ids.country}-policy` : undefined}
          onChange={(event) => setCountry(event.target.value)}
        >
          {countries.map((option) => (
            <option key={option.code} value={option.code}>
              {option.name}
            </option>
          ))}
        </select>
        {countryLocked && <PolicyNote id={`${ids.country}-policy`} />}

        <label htmlFor={ids.screenPop}>{t('screenPop')}</label>
        <select
          id={ids.screenPop}
          value={screenPop}
          onChange={(event) => setScreenPop(event.target.value as ScreenPopMode)}
        >
          {SCREEN_POP_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {t(SCREEN_POP_KEYS[mode])}
            </option>
          ))}
        </select>

        <label htmlFor={ids.availability}>{t('availability')}</label>
        <select
          id={ids.availability}
          value={availability}
          onChange={(event) => setAvailability(event.target.value as Availability)}
        >
          <option value="available">{t('availabilityAvailable')}</option>
          <option value="dnd">{t('availabilityDnd')}</option>
        </select>

        <label className="checkbox" htmlFor={ids.insights}>
          <input
            id={ids.insights}
            type="checkbox"
            checked={insights}
            onChange={(event) => setInsights(event.target.checked)}
          />
          {t('insights')}
        </label>

        <button type="submit" className="primary">
          {t('saveSettings')}
        </button>
        {message && (
          <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'saved' : 'field-error'}>
            {message.text}
          </p>
        )}
      </form>
    </section>
  );
}
