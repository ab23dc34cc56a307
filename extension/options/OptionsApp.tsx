import { useState } from 'react';
import type { EffectiveSettings } from '../../shared/settings';
import { t } from '../lib/i18n';
import { useEffectiveSettings } from '../lib/use-effective-settings';
import { useStorageItem } from '../lib/use-storage';
import { AccountSection } from './AccountSection';
import { AudioDevices } from './AudioDevices';
import { ConnectionSection } from './ConnectionSection';
import type { ConnectionDraft } from './connection';
import { MicrophoneCheck } from './MicrophoneCheck';
import { SettingsForm } from './SettingsForm';
import { ShortcutsSection } from './ShortcutsSection';

/** The options page: connection and sign-in, the microphone, call settings, audio devices, keyboard shortcuts. */
export function OptionsApp() {
  const settings = useEffectiveSettings();
  const session = useStorageItem('local', 'session');
  if (!settings || !session.loaded) return null;
  return <OptionsPage settings={settings} session={session.value ?? null} />;
}

function OptionsPage({
  settings,
  session,
}: {
  settings: EffectiveSettings;
  session: Parameters<typeof AccountSection>[0]['session'];
}) {
  // What the agent typed in the connection fields, saved by **Sign in** or **Save settings**.
  const [connection, setConnection] = useState<ConnectionDraft>({
    workerUrl: settings.workerUrl,
    odooUrl: settings.odooUrl,
  });
  return (
    <main className="options-main">
      <h1>{t('optionsTitle')}</h1>
      <ConnectionSection settings={settings} draft={connection} onChange={setConnection} />
      <AccountSection settings={settings} session={session} connection={connection} />
      <MicrophoneCheck />
      <SettingsForm settings={settings} connection={connection} />
      <AudioDevices settings={settings} />
      <ShortcutsSection />
    </main>
  );
}
