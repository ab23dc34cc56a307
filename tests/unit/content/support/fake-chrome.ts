import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';
import type { BackgroundMessage, MessageResult } from '../../../../shared/messages';

const LOCALES = join(dirname(fileURLToPath(import.meta.url)), '../../../../extension/public/_locales/');

interface LocaleEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

export function readLocale(locale: 'en' | 'fr'): Record<string, LocaleEntry> {
  return JSON.parse(readFileSync(`${LOCALES}${locale}/messages.json`, 'utf8'));
}

/** chrome.i18n.getMessage's substitution rules: `$NAME$` → placeholder content → `$1`… */
export function formatMessage(entry: LocaleEntry | undefined, substitutions: string[] = []): string {
  if (!entry) return '';
  let text = entry.message.replace(/\$([a-z0-9_@]+)\$/gi, (_, name: string) => {
    const placeholder = entry.placeholders?.[name.toLowerCase()];
    return placeholder ? placeholder.content : '';
  });
  text = text.replace(/\$(\d)/g, (_, index: string) => substitutions[Number(index) - 1] ?? '');
  return text;
}

type Responder = (
  message: BackgroundMessage,
) => MessageResult<unknown> | undefined | Promise<MessageResult<unknown> | undefined>;
type StorageListener = (changes: Record<string, chrome.storage.StorageChange>, area: string) => void;

/**
 * A stand-in for the extension APIs the content script uses: runtime messages to a fake
 * background (recorded, answered by `respond`), English messages from the real messages.json,
 * and session storage with change events, which the tests drive as the background would.
 */
export interface FakeChrome {
  /** Every message sent to the background, in order. */
  sent: BackgroundMessage[];
  /** How the fake background answers (now or later); `{ok: true, data: null}` (a dial: its number) unless a test says otherwise. */
  respond: Responder;
  /** Whether session storage refuses content scripts (the background has not opened it yet). */
  sessionLocked: boolean;
  /** Writes session storage like the background does, firing chrome.storage.onChanged. */
  setSession(key: string, value: unknown): void;
  /** Makes runtime.sendMessage throw, as it does once the extension was reloaded. */
  invalidateContext(): void;
}

export function installFakeChrome(): FakeChrome {
  const en = readLocale('en');
  const session = new Map<string, unknown>();
  const listeners = new Set<StorageListener>();
  let invalidated = false;
  const fake: FakeChrome = {
    sent: [],
    // A dial is answered as the background does: the number it dials (here, as sent).
    respond: (message) =>
      message.type === 'dial'
        ? { ok: true, data: { number: message.number, display: message.number } }
        : { ok: true, data: null },
    sessionLocked: false,
    setSession(key, value) {
      const oldValue = session.get(key);
      session.set(key, structuredClone(value));
      for (const listener of listeners)
        listener({ [key]: { oldValue, newValue: structuredClone(value) } }, 'session');
    },
    invalidateContext() {
      invalidated = true;
    },
  };
  const api = {
    runtime: {
      id: 'bbdkidppbbgbffokgmlklcilmhhblcbh',
      sendMessage: vi.fn(async (message: BackgroundMessage) => {
        if (invalidated) throw new Error('Extension context invalidated.');
        fake.sent.push(structuredClone(message));
        return fake.respond(message);
      }),
    },
    i18n: {
      getMessage: (key: string, substitutions?: string | string[]) =>
        formatMessage(en[key], typeof substitutions === 'string' ? [substitutions] : substitutions),
    },
    storage: {
      session: {
        get: async (key: string) => {
          if (fake.sessionLocked) throw new Error('Access to storage is not allowed from this context.');
          return session.has(key) ? { [key]: structuredClone(session.get(key)) } : {};
        },
      },
      onChanged: {
        addListener: (listener: StorageListener) => listeners.add(listener),
        removeListener: (listener: StorageListener) => listeners.delete(listener),
      },
    },
  };
  vi.stubGlobal('chrome', api);
  return fake;
}
