import { useEffect, useId, useState } from 'react';
import { browser } from '../lib/browser';
import { type MessageKey, t } from '../lib/i18n';

/** Chrome's page for every extension's shortcuts: extension pages may not link to it. */
export const SHORTCUTS_PAGE = 'chrome://extensions/shortcuts';

/** The manifest's commands (manifest.config.ts), in the order an SDR uses them. */
const DESCRIPTIONS: Record<string, MessageKey> = {
  _execute_action: 'commandOpenDialer',
  'answer-call': 'commandAnswer',
  'hang-up': 'commandHangUp',
  'toggle-mute': 'commandToggleMute',
};

interface Shortcut {
  name: string;
  description: string;
  shortcut: string;
}

/**
 * The keyboard shortcuts as Chrome has them now (the agent may have changed them), and how to
 * change them. The list is read again when the agent comes back to this tab from Chrome's page.
 */
export function ShortcutsSection() {
  const [shortcuts, setShortcuts] = useState<Shortcut[]>([]);
  const titleId = useId();

  useEffect(() => {
    const load = () =>
      void browser.commands.getAll().then(
        (commands) => setShortcuts(commands.map(toShortcut).sort(byUse)),
        () => setShortcuts([]),
      );
    load();
    document.addEventListener('visibilitychange', load);
    return () => document.removeEventListener('visibilitychange', load);
  }, []);

  return (
    <section className="card stack" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('shortcutsTitle')}</h2>
      <dl className="shortcuts">
        {shortcuts.map((shortcut) => (
          <div key={shortcut.name}>
            <dt>{shortcut.description}</dt>
            <dd>{shortcut.shortcut ? <kbd>{shortcut.shortcut}</kbd> : t('shortcutNotSet')}</dd>
          </div>
        ))}
      </dl>
      <p className="hint">
        {t('shortcutsHowToChange')} <code>{SHORTCUTS_PAGE}</code>
      </p>
    </section>
  );
}

function toShortcut(command: { name?: string; description?: string; shortcut?: string }): Shortcut {
  const name = command.name ?? '';
  const key = DESCRIPTIONS[name];
  // Chrome gives the action's command no description: ours says what it does.
  return {
    name,
    description: key ? t(key) : (command.description ?? name),
    shortcut: command.shortcut ?? '',
  };
}

const ORDER = Object.keys(DESCRIPTIONS);
const rank = (shortcut: Shortcut) =>
  ORDER.includes(shortcut.name) ? ORDER.indexOf(shortcut.name) : ORDER.length;
const byUse = (a: Shortcut, b: Shortcut) => rank(a) - rank(b);
