import { beforeEach, describe, expect, it, vi } from 'vitest';
import { patternCovers } from '../../extension/lib/match-pattern';
import {
  keepOdooContentScriptsInSync,
  ODOO_ORIGINS_KEY,
  parseOdooOrigin,
  requestOdooOrigin,
  syncOdooContentScripts,
} from '../../extension/lib/odoo-origins';
import { formatMessage, readLocale } from './content/support/fake-chrome';

/**
 * A stand-in for the permissions, scripting and storage APIs, holding what Chrome would: which
 * origins the user granted, which scripts are registered, what is stored. `userAnswer` is what
 * the user clicks in Chrome's permission prompt.
 */
function installChrome(options: { js?: string[]; granted?: string[] } = {}) {
  const en = readLocale('en');
  const state = {
    granted: new Set(options.granted ?? []),
    registered: new Map<string, chrome.scripting.RegisteredContentScript>(),
    local: new Map<string, unknown>(),
    userAnswer: true,
    js: options.js ?? ['extension/content/index.js'],
    /** Listeners added to chrome events, by event name. */
    listeners: new Map<string, (() => void)[]>(),
  };
  const event = (name: string) => ({
    addListener: (listener: () => void) =>
      state.listeners.set(name, [...(state.listeners.get(name) ?? []), listener]),
  });
  const api = {
    runtime: {
      onInstalled: event('runtime.onInstalled'),
      onStartup: event('runtime.onStartup'),
      getManifest: () => ({
        manifest_version: 3,
        content_scripts: [{ matches: ['https://*.odoo.com/*'], js: state.js, run_at: 'document_idle' }],
      }),
    },
    i18n: { getMessage: (key: string, subs?: string[]) => formatMessage(en[key], subs) },
    permissions: {
      request: vi.fn(async ({ origins }: { origins: string[] }) => {
        if (state.userAnswer) for (const origin of origins) state.granted.add(origin);
        return state.userAnswer;
      }),
      contains: async ({ origins }: { origins: string[] }) =>
        origins.every((origin) => state.granted.has(origin)),
      onAdded: event('permissions.onAdded'),
      onRemoved: event('permissions.onRemoved'),
    },
    scripting: {
      getRegisteredContentScripts: async () =>
        [...state.registered.values()].map((script) => structuredClone(script)),
      registerContentScripts: async (scripts: chrome.scripting.RegisteredContentScript[]) => {
        for (const script of scripts) {
          if (state.registered.has(script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
        }
        for (const script of scripts) state.registered.set(script.id, structuredClone(script));
      },
      unregisterContentScripts: async ({ ids }: { ids: string[] }) => {
        for (const id of ids) state.registered.delete(id);
      },
    },
    storage: {
      local: {
        get: async (key: string) =>
          state.local.has(key) ? { [key]: structuredClone(state.local.get(key)) } : {},
        set: async (items: Record<string, unknown>) => {
          for (const [key, value] of Object.entries(items)) state.local.set(key, structuredClone(value));
        },
      },
    },
  };
  vi.stubGlobal('chrome', api);
  return state;
}

describe('Odoo origins added at run time', () => {
  let chromeState: ReturnType<typeof installChrome>;

  beforeEach(() => {
    chromeState = installChrome();
  });

  it('asks for the origin, then runs the content script there', async () => {
    await expect(requestOdooOrigin('https://erp.acme.fr:8443/odoo/crm/14')).resolves.toEqual({ ok: true });
    expect(chrome.permissions.request).toHaveBeenCalledWith({ origins: ['https://erp.acme.fr/*'] });
    expect([...chromeState.registered.values()]).toEqual([
      {
        id: 'odoo-origin:https://erp.acme.fr/*',
        matches: ['https://erp.acme.fr/*'],
        js: ['extension/content/index.js'],
        runAt: 'document_idle',
        allFrames: false,
        persistAcrossSessions: true,
      },
    ]);
    expect(chromeState.local.get(ODOO_ORIGINS_KEY)).toEqual(['https://erp.acme.fr/*']);
  });

  it('is idempotent: asking twice registers once', async () => {
    await requestOdooOrigin('https://erp.acme.fr');
    await expect(requestOdooOrigin('https://erp.acme.fr/web')).resolves.toEqual({ ok: true });
    expect(chromeState.registered.size).toBe(1);
    expect(chromeState.local.get(ODOO_ORIGINS_KEY)).toEqual(['https://erp.acme.fr/*']);
  });

  it('does nothing for origins the build already covers (no second copy of the script)', async () => {
    await expect(requestOdooOrigin('https://acme.odoo.com/odoo')).resolves.toEqual({ ok: true });
    expect(chrome.permissions.request).not.toHaveBeenCalled();
    expect(chromeState.registered.size).toBe(0);
  });

  it('says so when the user refuses, and registers nothing', async () => {
    chromeState.userAnswer = false;
    await expect(requestOdooOrigin('https://erp.acme.fr')).resolves.toEqual({
      ok: false,
      reason:
        'Chrome did not allow access to https://erp.acme.fr: call buttons will not appear there until you allow it.',
    });
    expect(chromeState.registered.size).toBe(0);
    expect(chromeState.local.has(ODOO_ORIGINS_KEY)).toBe(false);
  });

  it.each([
    ['odoo.acme.fr', '"odoo.acme.fr" is not an Odoo address'],
    ['ftp://odoo.acme.fr', '"ftp://odoo.acme.fr" is not an Odoo address'],
    ['https://*', '"https://*" is not an Odoo address'],
    ['https://erp*.acme.fr', '"https://erp*.acme.fr" is not an Odoo address'],
    ['https://*.com', 'https://*.com covers too many sites'],
  ])('refuses %s without asking Chrome', async (input, reason) => {
    const result = await requestOdooOrigin(input);
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.reason).toContain(reason);
    expect(chrome.permissions.request).not.toHaveBeenCalled();
  });

  it('accepts a wildcard over one company domain', () => {
    expect(parseOdooOrigin('https://*.erp.acme.fr')).toEqual({ ok: true, origin: 'https://*.erp.acme.fr' });
  });

  it('reports a registration failure instead of claiming success', async () => {
    chrome.scripting.registerContentScripts = async () => {
      throw new Error('Invalid match pattern');
    };
    await expect(requestOdooOrigin('https://erp.acme.fr')).resolves.toEqual({
      ok: false,
      reason: 'Could not set up https://erp.acme.fr: Invalid match pattern',
    });
  });
});

describe('syncing registrations (background start-up, permission changes)', () => {
  it('re-registers granted origins after an update dropped them, with the new build files', async () => {
    const state = installChrome({ granted: ['https://erp.acme.fr/*'], js: ['extension/content/index.js'] });
    state.local.set(ODOO_ORIGINS_KEY, ['https://erp.acme.fr/*']);
    state.registered.set('odoo-origin:https://erp.acme.fr/*', {
      id: 'odoo-origin:https://erp.acme.fr/*',
      matches: ['https://erp.acme.fr/*'],
      js: ['assets/old-build.js'],
    });
    await syncOdooContentScripts();
    expect(state.registered.get('odoo-origin:https://erp.acme.fr/*')?.js).toEqual([
      'extension/content/index.js',
    ]);
    state.registered.clear();
    await syncOdooContentScripts();
    expect([...state.registered.keys()]).toEqual(['odoo-origin:https://erp.acme.fr/*']);
  });

  it('drops and forgets origins whose access was removed in Chrome, and leaves other scripts alone', async () => {
    const state = installChrome({ granted: ['https://b.example/*'] });
    state.local.set(ODOO_ORIGINS_KEY, ['https://a.example/*', 'https://b.example/*']);
    await syncOdooContentScripts();
    state.registered.set('someone-else', {
      id: 'someone-else',
      matches: ['https://x.example/*'],
      js: ['x.js'],
    });
    state.granted.clear();
    await syncOdooContentScripts();
    expect([...state.registered.keys()]).toEqual(['someone-else']);
    expect(state.local.get(ODOO_ORIGINS_KEY)).toEqual([]);
  });

  it('can run twice at once (start-up and a permission event) without a duplicate id error', async () => {
    const state = installChrome({ granted: ['https://erp.acme.fr/*'] });
    state.local.set(ODOO_ORIGINS_KEY, ['https://erp.acme.fr/*']);
    await expect(Promise.all([syncOdooContentScripts(), syncOdooContentScripts()])).resolves.toBeDefined();
    expect(state.registered.size).toBe(1);
  });
});

describe('keeping registrations in step from the background', () => {
  it('listens to install, start-up and permission changes, and syncs on each', async () => {
    const state = installChrome({ granted: ['https://erp.acme.fr/*'] });
    keepOdooContentScriptsInSync();
    expect([...state.listeners.keys()].sort()).toEqual([
      'permissions.onAdded',
      'permissions.onRemoved',
      'runtime.onInstalled',
      'runtime.onStartup',
    ]);
    state.local.set(ODOO_ORIGINS_KEY, ['https://erp.acme.fr/*']);
    for (const listener of state.listeners.get('permissions.onAdded') ?? []) listener();
    await vi.waitFor(() => expect(state.registered.size).toBe(1));
  });
});

describe('match patterns', () => {
  it.each([
    ['https://*.odoo.com/*', 'https://acme.odoo.com/*', true],
    ['https://*.odoo.com/*', 'https://*.acme.odoo.com/*', true],
    ['https://*.odoo.com/*', 'https://odoo.com/*', true],
    ['*://*.odoo.com/*', 'http://acme.odoo.com/*', true],
    ['https://*.odoo.com/*', 'http://acme.odoo.com/*', false],
    ['https://*.odoo.com/*', 'https://acme.notodoo.com/*', false],
    ['https://acme.odoo.com/*', 'https://*.odoo.com/*', false],
    ['https://erp.acme.fr/*', 'https://erp.acme.fr/*', true],
  ])('%s covers %s: %s', (outer, inner, expected) => {
    expect(patternCovers(outer, inner)).toBe(expected);
  });
});
