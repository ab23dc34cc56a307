import { useEffect, useId, useState } from 'react';
import {
  type AudioDeviceSettings,
  DEFAULT_AUDIO_DEVICE,
  type EffectiveSettings,
} from '../../shared/settings';
import { type MessageKey, t } from '../lib/i18n';
import { sendToBackground } from '../lib/messaging';

/**
 * Which microphone, speaker and ringtone output the phone uses (users complain of a ringtone on
 * the headset nobody wears). Device names are only visible once the microphone is allowed.
 */
export function AudioDevices({ settings }: { settings: EffectiveSettings }) {
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const titleId = useId();

  useEffect(() => {
    const load = () => void navigator.mediaDevices?.enumerateDevices().then(setDevices, () => setDevices([]));
    load();
    navigator.mediaDevices?.addEventListener('devicechange', load);
    return () => navigator.mediaDevices?.removeEventListener('devicechange', load);
  }, []);

  async function choose(key: keyof AudioDeviceSettings, deviceId: string) {
    const result = await sendToBackground('saveSettings', {
      patch: { audio: { ...settings.audio, [key]: deviceId } },
    });
    setProblem(result.ok ? null : result.error.message);
  }

  const inputs = devices.filter((device) => device.kind === 'audioinput');
  const outputs = devices.filter((device) => device.kind === 'audiooutput');
  return (
    <section className="card stack" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('audioDevicesTitle')}</h2>
      <DeviceSelect
        label="audioInput"
        devices={inputs}
        value={settings.audio.inputDeviceId}
        onChange={(id) => void choose('inputDeviceId', id)}
      />
      <DeviceSelect
        label="audioOutput"
        devices={outputs}
        value={settings.audio.outputDeviceId}
        onChange={(id) => void choose('outputDeviceId', id)}
      />
      <DeviceSelect
        label="audioRingtone"
        devices={outputs}
        value={settings.audio.ringtoneDeviceId}
        onChange={(id) => void choose('ringtoneDeviceId', id)}
      />
      {problem && (
        <p role="alert" className="field-error">
          {problem}
        </p>
      )}
    </section>
  );
}

function DeviceSelect(props: {
  label: MessageKey;
  devices: MediaDeviceInfo[];
  value: string;
  onChange: (deviceId: string) => void;
}) {
  const id = useId();
  // Chrome lists a `default` entry itself; without the permission, IDs and names are empty.
  const named = props.devices.filter((device) => device.deviceId && device.deviceId !== DEFAULT_AUDIO_DEVICE);
  const known =
    props.value === DEFAULT_AUDIO_DEVICE || named.some((device) => device.deviceId === props.value);
  return (
    <div className="field">
      <label htmlFor={id}>{t(props.label)}</label>
      <select id={id} value={props.value} onChange={(event) => props.onChange(event.target.value)}>
        <option value={DEFAULT_AUDIO_DEVICE}>{t('audioDefault')}</option>
        {named.map((device, index) => (
          <option key={device.deviceId} value={device.deviceId}>
            {device.label || `${t(props.label)} ${index + 1}`}
          </option>
        ))}
        {!known && <option value={props.value}>{t('audioUnplugged')}</option>}
      </select>
    </div>
  );
}
