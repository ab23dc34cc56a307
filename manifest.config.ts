import { defineManifest } from '@crxjs/vite-plugin';
import { type BuildInputs, originMatchPattern, readBuildInputs } from './extension/build-inputs.ts';
import packageJson from './package.json' with { type: 'json' };

/**
 * The extension's manifest. Build-time inputs (ODOO_URL, WORKER_URL) are read by
 * extension/build-inputs.ts.
 */

/**
 * Public half of the extension's signing key: keeps the extension ID stable everywhere (CORS
 * allowlist, Chrome policy). The ID it yields is EXTENSION_ID in shared/extension-id.ts (a unit
 * test keeps the two in step). The private half is not needed to load or publish the extension.
 */
const EXTENSION_KEY = [
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAy/3iJhRe6oKq2BFStB5F8gxCCK7EM/4olDM+tJD5VCkniI5WEann',
  'MzCAa8fS2mLpE5YWwjesW+JkkXh0nc/0J+5SizGW9APclbcJPqnFM7cPALjosoc3lxizB5Asf/tvN47s0gKmJEugbiBadZUu',
  'Y9tsvtsgICR72Bp8AH+1rLic6DmC0AdxoyexuZrU8Qf7hFb+hIarCXsgnA1qj/hAsUF6ACdhs7frAx4I6onv8ObLRvR1ib0f',
  'Dvt4b4nQGWzeKsXQR1ePh/8BcOoo+GGPD1ID7rXMQfJjVNTP0B5zPGjSwo/Wd5lY61p5NuIdRPJgi6KQGyxKTotcM/yMFJR0',
  'aQIDAQAB',
].join('');

const ICONS = {
  16: 'icons/icon-16.png',
  32: 'icons/icon-32.png',
  48: 'icons/icon-48.png',
  128: 'icons/icon-128.png',
};

const inputs = readBuildInputs(process.env);

/** Source of the content script that puts call buttons in Odoo pages (issue 5). */
export const ODOO_CONTENT_SCRIPT = 'extension/content/index.ts';

/**
 * The Odoo content script runs on the ODOO_URL origins only (issue 12, item 14). A build without
 * ODOO_URL still declares it, so that it is built and the background can register the same file
 * for the configured tenant, but for no page: every page it matches it also excludes.
 */
export function odooContentScript(build: BuildInputs) {
  const declared = build.odooOrigins.map(originMatchPattern);
  const nowhere = build.odooHostAccess.map(originMatchPattern);
  return declared.length > 0
    ? { matches: declared, js: [ODOO_CONTENT_SCRIPT], run_at: 'document_idle' as const }
    : {
        matches: nowhere,
        exclude_matches: nowhere,
        js: [ODOO_CONTENT_SCRIPT],
        run_at: 'document_idle' as const,
      };
}

/**
 * Keyboard shortcuts an SDR uses all day (issue 13). Chrome takes at most four suggested keys,
 * each with Ctrl or Alt (never both); Alt+Shift+letter clashes with neither Chrome's own
 * shortcuts nor Odoo's (Alt+letter). The agent changes them at chrome://extensions/shortcuts.
 * The background runs the first three (extension/background/commands.ts); `_execute_action`
 * opens the popup, its Phone number field focused.
 */
export const COMMANDS = {
  'answer-call': { suggested_key: { default: 'Alt+Shift+A' }, description: '__MSG_commandAnswer__' },
  'hang-up': { suggested_key: { default: 'Alt+Shift+H' }, description: '__MSG_commandHangUp__' },
  'toggle-mute': { suggested_key: { default: 'Alt+Shift+M' }, description: '__MSG_commandToggleMute__' },
  _execute_action: { suggested_key: { default: 'Alt+Shift+D' }, description: '__MSG_commandOpenDialer__' },
};

export default defineManifest(() => ({
  manifest_version: 3,
  name: '__MSG_extensionName__',
  description: '__MSG_extensionDescription__',
  default_locale: 'en',
  version: packageJson.version,
  key: EXTENSION_KEY,
  minimum_chrome_version: '116',
  background: {
    service_worker: 'extension/background/index.ts',
    type: 'module',
  },
  // offscreen: the Twilio Device; storage: settings, session, phone state, outbox;
  // notifications: incoming calls; alarms: watchdog, presence heartbeat, outbox retries;
  // scripting: the content script registered for Odoo origins added at run time.
  permissions: ['offscreen', 'storage', 'notifications', 'alarms', 'scripting'],
  // The worker's API, and Odoo: the ODOO_URL origins, else Odoo Online, so that the configured
  // tenant needs no prompt (the screen pop looks for the record's tab there too).
  host_permissions: [
    ...new Set([originMatchPattern(inputs.workerUrl), ...inputs.odooHostAccess.map(originMatchPattern)]),
  ],
  icons: ICONS,
  action: {
    default_popup: 'extension/popup/index.html',
    default_title: '__MSG_extensionName__',
    default_icon: ICONS,
  },
  options_page: 'extension/options/index.html',
  commands: COMMANDS,
  storage: { managed_schema: 'managed-schema.json' },
  // Odoo origins an admin adds at run time (options page): asked for with chrome.permissions.request,
  // then the content script is registered for them (extension/lib/odoo-origins.ts).
  optional_host_permissions: ['https://*/*', 'http://*/*'],
  // Keep the Odoo content script FIRST: extension/lib/odoo-origins.ts registers its files for
  // run-time origins. It is built as one self-contained file (see extension/vite.config.ts).
  content_scripts: [odooContentScript(inputs)],
}));
