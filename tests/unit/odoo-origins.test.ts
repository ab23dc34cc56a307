import { beforeEach, describe, expect, it, vi } from 'vitest';
import { patternCovers } from '../../extension/lib/match-pattern';
import {
  isOdooContentScriptOrigin,
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
interface ChromeOptions {
  js?: string[];
  /** Origins the user granted at run time, and the build's host access. */
  granted?: string[];
  /** The manifest's content script: declared for ODOO_URL origins, or for no page (default build). */
  declared?: 'acme' | 'nowhere';
}

function installChrome(options: ChromeOptions = {}) {
  const en = readLocale('en');
  const declared =
    options.declared === 'nowhere'
      ? { matches: ['https://*.odoo.com/*'], exclude_matches: ['https://*.odoo.com/*'] }
      : { matches: ['https://acme.odoo.com/*'] };
  const state = {
    granted: new Set(options.granted ?? []),
    /** chrome.storage.managed: what the admin's policy sets. */
    policy: {} as Record<string, unknown>,
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
        content_scripts: [{ ...declared, js: state.js, run_at: 'document_idle' }],
      }),
    },
    i18n: { getMessage: (key: string, subs?: string[]) => formatMessage(en[key], subs) },
    permissions: {
      request: vi.fn(async ({ origins }: { origins: string[] }) => {
        if (state.userAnswer) for (const origin of origins) state.granted.add(origin);
        return state.userAnswer;
      }),
      // As Chrome: a pattern is granted when a granted pattern covers it (`*.odoo.com` → acme).
      contains: async ({ origins }: { origins: string[] }) =>
        origins.every((origin) => [...state.granted].some((granted) => patternCovers(granted, origin))),
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
      managed: { get: async () => structuredClone(state.policy) },
      onChanged: {
        addListener: (listener: (changes: Record<string, unknown>, area: string) => void) =>
          state.listeners.set('storage.onChanged', [
            ...(state.listeners.get('storage.onChanged') ?? []),
            listener as () => void,
          ]),
      },
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

  it('takes a registration the other context (options page or background) made meanwhile as done', async () => {
    const state = installChrome({ granted: ['https://erp.acme.fr/*'] });
    state.local.set(ODOO_ORIGINS_KEY, ['https://erp.acme.fr/*']);
    const register = chrome.scripting.registerContentScripts;
    chrome.scripting.registerContentScripts = async (scripts) => {
      // The background's own sync got there first.
      await register(scripts);
      await register(scripts);
    };
    await expect(syncOdooContentScripts()).resolves.toBeUndefined();
    expect(state.registered.size).toBe(1);
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
      'storage.onChanged',
    ]);
    state.local.set(ODOO_ORIGINS_KEY, ['https://erp.acme.fr/*']);
    for (const listener of state.listeners.get('permissions.onAdded') ?? []) listener();
    await vi.waitFor(() => expect(state.registered.size).toBe(1));
  });
});

/** The call buttons' scope in a build without ODOO_URL (issue 12, item 14). */
describe('the configured Odoo only', () => {
  const ODOO_ONLINE = 'https://*.odoo.com/*';
  const registeredMatches = (state: ReturnType<typeof installChrome>) =>
    [...state.registered.values()].flatMap((script) => script.matches ?? []);
  const settingsChanged = (state: ReturnType<typeof installChrome>, area: 'local' | 'managed') => {
    for (const listener of state.listeners.get('storage.onChanged') ?? [])
      (listener as (changes: Record<string, unknown>, area: string) => void)({ settings: {} }, area);
  };

  it('runs on no Odoo Online tenant until one is configured', async () => {
    const state = installChrome({ declared: 'nowhere', granted: [ODOO_ONLINE] });
    await syncOdooContentScripts();
    expect(state.registered.size).toBe(0);
    expect(await isOdooContentScriptOrigin('https://acme.odoo.com')).toBe(false);
  });

  it('runs on the Odoo URL saved in the options page, and on no other tenant', async () => {
    const state = installChrome({ declared: 'nowhere', granted: [ODOO_ONLINE] });
    keepOdooContentScriptsInSync();
    state.local.set('settings', { odooUrl: 'https://acme.odoo.com' });
    settingsChanged(state, 'local');
    await vi.waitFor(() => expect(registeredMatches(state)).toEqual(['https://acme.odoo.com/*']));
    expect(await isOdooContentScriptOrigin('https://acme.odoo.com')).toBe(true);
    expect(await isOdooContentScriptOrigin('https://evil.odoo.com')).toBe(false);
    expect(await isOdooContentScriptOrigin('not an origin')).toBe(false);
  });

  it("runs on the policy's Odoo URL with no prompt, and follows it when the admin changes it", async () => {
    const state = installChrome({ declared: 'nowhere', granted: [ODOO_ONLINE] });
    keepOdooContentScriptsInSync();
    state.local.set('settings', { odooUrl: 'https://mine.odoo.com' });
    state.policy = { odooUrl: 'https://acme.odoo.com/odoo' };
    settingsChanged(state, 'managed');
    await vi.waitFor(() => expect(registeredMatches(state)).toEqual(['https://acme.odoo.com/*']));
    expect(chrome.permissions.request).not.toHaveBeenCalled();

    state.policy = { odooUrl: 'https://acme-new.odoo.com' };
    settingsChanged(state, 'managed');
    await vi.waitFor(() => expect(registeredMatches(state)).toEqual(['https://acme-new.odoo.com/*']));
    expect(await isOdooContentScriptOrigin('https://acme.odoo.com')).toBe(false);
  });

  it('waits for access before running on a policy Odoo URL the build cannot reach', async () => {
    const state = installChrome({ declared: 'nowhere', granted: [ODOO_ONLINE] });
    state.policy = { odooUrl: 'https://erp.acme.fr' };
    await syncOdooContentScripts();
    expect(state.registered.size).toBe(0);
    expect(chrome.permissions.request).not.toHaveBeenCalled();
    state.granted.add('https://erp.acme.fr/*');
    await syncOdooContentScripts();
    expect(registeredMatches(state)).toEqual(['https://erp.acme.fr/*']);
  });

  it('ignores an unusable policy value (a wildcard) and keeps the saved Odoo URL', async () => {
    const state = installChrome({ declared: 'nowhere', granted: [ODOO_ONLINE] });
    state.policy = { odooUrl: 'https://*.odoo.com' };
    state.local.set('settings', { odooUrl: 'https://acme.odoo.com' });
    await syncOdooContentScripts();
    expect(registeredMatches(state)).toEqual(['https://acme.odoo.com/*']);
  });

  it('asks for and registers a tenant added in the options page, even in a build that declares none', async () => {
    const state = installChrome({ declared: 'nowhere', granted: [ODOO_ONLINE] });
    await expect(requestOdooOrigin('https://other.odoo.com')).resolves.toEqual({ ok: true });
    expect(registeredMatches(state)).toEqual(['https://other.odoo.com/*']);
    expect(await isOdooContentScriptOrigin('https://other.odoo.com')).toBe(true);
  });

  it("takes the ODOO_URL origins the manifest declares as the content script's", async () => {
    installChrome();
    expect(await isOdooContentScriptOrigin('https://acme.odoo.com')).toBe(true);
    expect(await isOdooContentScriptOrigin('https://evil.odoo.com')).toBe(false);
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
