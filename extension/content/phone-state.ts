import { PHONE_STATE_KEY, type PhoneState } from '../../shared/phone-state';

/** Enough of a check that a broken or foreign value cannot throw in the renderers. */
export function asPhoneState(value: unknown): PhoneState | null {
  if (typeof value !== 'object' || value === null) return null;
  const { call, incoming } = value as Partial<PhoneState>;
  const callOk = call === null || (typeof call === 'object' && typeof call?.party?.number === 'string');
  const incomingOk =
    incoming === null ||
    (typeof incoming === 'object' &&
      typeof incoming?.callSid === 'string' &&
      typeof incoming.party?.number === 'string');
  return callOk && incomingOk ? (value as PhoneState) : null;
}

/**
 * Follows the phone state the background keeps in chrome.storage.session (shared/phone-state.ts).
 * Content scripts can read it once the background has opened session storage to them; until
 * then (or if it never does) the state is null: buttons still dial, no toast shows. It is read
 * again when the tab becomes visible, in case a change was missed.
 */
export function watchPhoneState(onState: (state: PhoneState | null) => void, signal: AbortSignal): void {
  // A read that started before a change notification must not overwrite the newer state.
  let version = 0;
  const read = (): void => {
    const readVersion = ++version;
    chrome.storage.session.get(PHONE_STATE_KEY).then(
      (items) => {
        if (readVersion === version && !signal.aborted) onState(asPhoneState(items[PHONE_STATE_KEY]));
      },
      () => {
        if (readVersion === version && !signal.aborted) onState(null);
      },
    );
  };
  const onChanged = (changes: Record<string, chrome.storage.StorageChange>, area: string): void => {
    const change = changes[PHONE_STATE_KEY];
    if (area !== 'session' || !change) return;
    version++;
    onState(asPhoneState(change.newValue));
  };
  chrome.storage.onChanged.addListener(onChanged);
  signal.addEventListener('abort', () => chrome.storage.onChanged.removeListener(onChanged));
  document.addEventListener(
    'visibilitychange',
    () => {
      if (document.visibilityState === 'visible') read();
    },
    { signal },
  );
  read();
}
