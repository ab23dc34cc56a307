import { patternCovers } from '../../../../extension/lib/match-pattern';
import englishMessages from '../../../../extension/public/_locales/en/messages.json' with { type: 'json' };
import { EXTENSION_ID } from '../../../../shared/extension-id';

/**
 * An in-memory stand-in for the `chrome` / `browser` APIs the extension uses, promise style (as
 * Chrome's MV3 APIs and webextension-polyfill are). Storage values are cloned on the way in and
 * out, as Chrome serialises them. Installed as both `globalThis.chrome` and
 * `globalThis.browser` (webextension-polyfill then hands it out as is).
 */

type Listener<A extends unknown[]> = (...args: A) => unknown;

export class FakeEvent<A extends unknown[]> {
  readonly listeners: Listener<A>[] = [];
  addListener(listener: Listener<A>): void {
    this.listeners.push(listener);
  }
  removeListener(listener: Listener<A>): void {
    const index = this.listeners.indexOf(listener);
    if (index >= 0) this.listeners.splice(index, 1);
  }
  hasListener(listener: Listener<A>): boolean {
    return this.listeners.includes(listener);
  }
  emit(...args: A): unknown[] {
    return this.listeners.map((listener) => listener(...args));
  }
}

const clone = <T>(value: T): T => (value === undefined ? value : structuredClone(value));

class FakeStorageArea {
  data: Record<string, unknown> = {};
  constructor(
    private readonly name: string,
    private readonly onChanged: FakeEvent<
      [Record<string, { oldValue?: unknown; newValue?: unknown }>, string]
    >,
  ) {}

  async get(keys?: string | string[] | null): Promise<Record<string, unknown>> {
    const wanted =
      keys === undefined || keys === null ? Object.keys(this.data) : Array.isArray(keys) ? keys : [keys];
    const out: Record<string, unknown> = {};
    for (const key of wanted) if (key in this.data) out[key] = clone(this.data[key]);
    return out;
  }

  async set(items: Record<string, unknown>): Promise<void> {
    const changes: Record<string, { oldValue?: unknown; newValue?: unknown }> = {};
    for (const [key, value] of Object.entries(items)) {
      changes[key] = { oldValue: clone(this.data[key]), newValue: clone(value) };
      this.data[key] = clone(value);
    }
    this.onChanged.emit(changes, this.name);
  }

  async remove(keys: string | string[]): Promise<void> {
    const changes: Record<string, { oldValue?: unknown }> = {};
    for (const key of Array.isArray(keys) ? keys : [keys]) {
      if (!(key in this.data)) continue;
      changes[key] = { oldValue: clone(this.data[key]) };
      delete this.data[key];
    }
    if (Object.keys(changes).length > 0) this.onChanged.emit(changes, this.name);
  }

  async clear(): Promise<void> {
    await this.remove(Object.keys(this.data));
  }

  accessLevel = 'TRUSTED_CONTEXTS';
  async setAccessLevel({ accessLevel }: { accessLevel: string }): Promise<void> {
    this.accessLevel = accessLevel;
  }
}

const enMessages = englishMessages as Record<
  string,
  { message: string; placeholders?: Record<string, { content: string }> }
>;

/** Chrome's substitution rules: `$NAME$` → the placeholder's content, `$1`… → the argument. */
export function formatMessage(
  messages: typeof enMessages,
  key: string,
  substitutions?: string | string[],
): string {
  const entry = messages[key];
  if (!entry) return '';
  const args =
    substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  const withPlaceholders = entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (_, name: string) => {
    return entry.placeholders?.[name.toLowerCase()]?.content ?? '';
  });
  return withPlaceholders.replace(/\$(\d)/g, (_, index: string) => args[Number(index) - 1] ?? '');
}

export interface FakeChrome {
  [key: string]: unknown;
}

/**
 * The manifest's commands as `chrome.commands.getAll()` gives them: descriptions in the UI's
 * language, and an empty one for `_execute_action` (Chrome ignores it for the action).
 */
function defaultCommands(): { name: string; description: string; shortcut: string }[] {
  return [
    { name: '_execute_action', description: '', shortcut: 'Alt+Shift+D' },
    { name: 'answer-call', description: formatMessage(enMessages, 'commandAnswer'), shortcut: 'Alt+Shift+A' },
    { name: 'hang-up', description: formatMessage(enMessages, 'commandHangUp'), shortcut: 'Alt+Shift+H' },
    {
      name: 'toggle-mute',
      description: formatMessage(enMessages, 'commandToggleMute'),
      shortcut: 'Alt+Shift+M',
    },
  ];
}

/** The build's host access (manifest `host_permissions`), granted at install: Odoo Online. */
const HOST_ACCESS = ['https://*.odoo.com/*'];

export function createFakeChrome() {
  const storageChanged = new FakeEvent<
    [Record<string, { oldValue?: unknown; newValue?: unknown }>, string]
  >();
  const onMessage = new FakeEvent<[unknown, { id: string; url?: string; tab?: unknown }]>();
  const contexts: { contextType: string; documentUrl: string }[] = [];
  const notifications = new Map<string, Record<string, unknown>>();
  const alarms = new Map<string, { name: string; scheduledTime: number; periodInMinutes?: number }>();
  const badge = { text: '', color: '', title: '' };
  const tabs: { id: number; windowId: number; url?: string; active: boolean }[] = [];
  const base = `chrome-extension://${EXTENSION_ID}/`;
  /** Host access the user granted at run time, and the content scripts registered for it. */
  const grantedOrigins: string[] = [];
  const registeredScripts: { id: string; matches?: string[]; js?: string[] }[] = [];

  const offscreen = {
    created: 0,
    /** Test hook: how long `createDocument` takes (ms). */
    createDelayMs: 0,
    Reason: { USER_MEDIA: 'USER_MEDIA', WEB_RTC: 'WEB_RTC', AUDIO_PLAYBACK: 'AUDIO_PLAYBACK' },
    async createDocument({ url }: { url: string }): Promise<void> {
      await new Promise((resolve) => setTimeout(resolve, offscreen.createDelayMs));
      if (contexts.some((context) => context.contextType === 'OFFSCREEN_DOCUMENT')) {
        throw new Error('Only a single offscreen document may be created.');
      }
      offscreen.created += 1;
      contexts.push({ contextType: 'OFFSCREEN_DOCUMENT', documentUrl: base + url });
    },
    async closeDocument(): Promise<void> {
      const index = contexts.findIndex((context) => context.contextType === 'OFFSCREEN_DOCUMENT');
      if (index >= 0) contexts.splice(index, 1);
    },
  };

  const fake = {
    /** Empties storage, notifications, alarms, documents, tabs and badge; keeps listeners. */
    reset() {
      for (const area of [fake.storage.local, fake.storage.session, fake.storage.managed]) area.data = {};
      notifications.clear();
      alarms.clear();
      contexts.length = 0;
      tabs.length = 0;
      fake.windows.focused.length = 0;
      Object.assign(badge, { text: '', color: '', title: '' });
      offscreen.created = 0;
      offscreen.createDelayMs = 0;
      grantedOrigins.length = 0;
      registeredScripts.length = 0;
      fake.permissions.answer = true;
      Object.assign(fake.i18n, { messages: enMessages, uiLanguage: 'en-US' });
      fake.commands.all = defaultCommands();
    },
    runtime: {
      id: EXTENSION_ID,
      ContextType: { OFFSCREEN_DOCUMENT: 'OFFSCREEN_DOCUMENT', BACKGROUND: 'BACKGROUND' },
      getURL: (path: string) => base + path.replace(/^\//, ''),
      getManifest: () => ({
        version: '0.1.0',
        name: 'Odoo Click-to-Call',
        // As built without ODOO_URL: declared for no page, registered for the configured Odoo.
        content_scripts: [
          {
            matches: ['https://*.odoo.com/*'],
            exclude_matches: ['https://*.odoo.com/*'],
            js: ['assets/content.js'],
            run_at: 'document_idle',
          },
        ],
        host_permissions: [...HOST_ACCESS],
      }),
      onMessage,
      onStartup: new FakeEvent<[]>(),
      onInstalled: new FakeEvent<[unknown]>(),
      openOptionsPage: async () => undefined,
      async getContexts(filter: { contextTypes?: string[]; documentUrls?: string[] }) {
        return contexts.filter(
          (context) =>
            (!filter.contextTypes || filter.contextTypes.includes(context.contextType)) &&
            (!filter.documentUrls || filter.documentUrls.includes(context.documentUrl)),
        );
      },
      /**
       * Delivers to every listener, like Chrome; the first one that answers (returns a
       * promise, polyfill style) gives the response. `sender` is what the test says it is.
       */
      async sendMessage(
        message: unknown,
        sender: { id: string; url?: string; tab?: unknown } = {
          id: EXTENSION_ID,
          url: `${base}extension/popup/index.html`,
        },
      ) {
        for (const answer of onMessage.emit(clone(message), sender)) {
          if (answer instanceof Promise) return clone(await answer);
        }
        throw new Error('Could not establish connection. Receiving end does not exist.');
      },
    },
    storage: {
      local: new FakeStorageArea('local', storageChanged),
      session: new FakeStorageArea('session', storageChanged),
      managed: new FakeStorageArea('managed', storageChanged),
      onChanged: storageChanged,
    },
    alarms: {
      all: alarms,
      create(name: string, info: { when?: number; periodInMinutes?: number }) {
        alarms.set(name, {
          name,
          scheduledTime: info.when ?? Date.now() + (info.periodInMinutes ?? 0) * 60_000,
          ...(info.periodInMinutes ? { periodInMinutes: info.periodInMinutes } : {}),
        });
      },
      async get(name: string) {
        return alarms.get(name);
      },
      async clear(name: string) {
        return alarms.delete(name);
      },
      onAlarm: new FakeEvent<[{ name: string }]>(),
    },
    notifications: {
      shown: notifications,
      async create(id: string, options: Record<string, unknown>) {
        notifications.set(id, clone(options));
        return id;
      },
      async clear(id: string) {
        return notifications.delete(id);
      },
      async getAll() {
        return Object.fromEntries([...notifications.keys()].map((id) => [id, true]));
      },
      onButtonClicked: new FakeEvent<[string, number]>(),
      onClicked: new FakeEvent<[string]>(),
    },
    action: {
      badge,
      async setBadgeText({ text }: { text: string }) {
        badge.text = text;
      },
      async setBadgeBackgroundColor({ color }: { color: string }) {
        badge.color = color;
      },
      async setTitle({ title }: { title: string }) {
        badge.title = title;
      },
    },
    offscreen,
    permissions: {
      granted: grantedOrigins,
      /** What the user answers to the next access prompt. */
      answer: true,
      async request({ origins = [] }: { origins?: string[] }) {
        if (fake.permissions.answer)
          grantedOrigins.push(...origins.filter((o) => !grantedOrigins.includes(o)));
        return fake.permissions.answer;
      },
      // As Chrome: granted when the build's host access or a granted pattern covers it.
      async contains({ origins = [] }: { origins?: string[] }) {
        return origins.every((origin) =>
          [...HOST_ACCESS, ...grantedOrigins].some((granted) => patternCovers(granted, origin)),
        );
      },
      onAdded: new FakeEvent<[unknown]>(),
      onRemoved: new FakeEvent<[unknown]>(),
    },
    scripting: {
      registered: registeredScripts,
      async getRegisteredContentScripts() {
        return clone(registeredScripts);
      },
      async registerContentScripts(scripts: { id: string; matches?: string[]; js?: string[] }[]) {
        registeredScripts.push(...clone(scripts));
      },
      async unregisterContentScripts({ ids }: { ids: string[] }) {
        for (const id of ids) {
          const index = registeredScripts.findIndex((script) => script.id === id);
          if (index >= 0) registeredScripts.splice(index, 1);
        }
      },
    },
    commands: {
      /** What `getAll` answers: the manifest's shortcuts as Chrome shows them; a test may change them. */
      all: defaultCommands(),
      async getAll() {
        return clone(fake.commands.all);
      },
      /** A shortcut pressed: `emit(name)`, as Chrome does for every command but `_execute_action`. */
      onCommand: new FakeEvent<[string]>(),
    },
    i18n: {
      /** The `_locales` the views read; a test may set French (`reset()` puts English back). */
      messages: enMessages,
      uiLanguage: 'en-US',
      getMessage: (key: string, substitutions?: string | string[]) =>
        formatMessage(fake.i18n.messages, key, substitutions),
      getUILanguage: () => fake.i18n.uiLanguage,
    },
    tabs: {
      all: tabs,
      async query() {
        return clone(tabs);
      },
      async update(id: number, update: { active?: boolean }) {
        for (const tab of tabs)
          if (tab.windowId === tabs.find((t) => t.id === id)?.windowId) tab.active = false;
        const tab = tabs.find((t) => t.id === id);
        if (tab && update.active) tab.active = true;
        return clone(tab);
      },
      async create({ url, active }: { url: string; active?: boolean }) {
        const tab = { id: tabs.length + 1, windowId: 1, url, active: active ?? true };
        tabs.push(tab);
        return clone(tab);
      },
    },
    windows: {
      focused: [] as number[],
      async update(id: number) {
        fake.windows.focused.push(id);
        return { id };
      },
    },
  };
  return fake;
}

export type Fake = ReturnType<typeof createFakeChrome>;

/** Installs a fresh fake as `chrome` and `browser`; returns it for the test to inspect. */
export function installFakeChrome(): Fake {
  const fake = createFakeChrome();
  Object.assign(globalThis, { chrome: fake, browser: fake });
  return fake;
}
