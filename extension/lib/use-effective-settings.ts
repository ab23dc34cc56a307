import { useEffect, useState } from 'react';
import type { EffectiveSettings } from '../../shared/settings';
import { SETTINGS_KEY } from '../../shared/settings';
import { browser } from './browser';
import { readEffectiveSettings } from './settings';

/** Settings with policy applied, re-read whenever the stored settings change. */
export function useEffectiveSettings(): EffectiveSettings | null {
  const [settings, setSettings] = useState<EffectiveSettings | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      void readEffectiveSettings().then((value) => {
        if (live) setSettings(value);
      });
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if ((area === 'local' && SETTINGS_KEY in changes) || area === 'managed') load();
    };
    load();
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);
  return settings;
}
