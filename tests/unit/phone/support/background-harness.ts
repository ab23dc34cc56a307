import { vi } from 'vitest';
import { settled } from '../../../../extension/background/phone-store';
import { phoneStateOrInitial } from '../../../../extension/lib/phone-state';
import { createRouter, type Handlers, MessageError } from '../../../../extension/lib/router';
import { EXTENSION_ID } from '../../../../shared/extension-id';
import type {
  BackgroundProtocol,
  DeviceEvent,
  MessageOf,
  MessageResult,
  OffscreenProtocol,
  OffscreenStatus,
} from '../../../../shared/messages';
import type { PhoneState } from '../../../../shared/phone-state';
import { createFakeWorker, type FakeWorker, WORKER_URL } from './fake-worker';
import { fakeChrome } from './install';

const BASE = `chrome-extension://${EXTENSION_ID}/`;
export const SENDERS = {
  popup: { id: EXTENSION_ID, url: `${BASE}extension/popup/index.html` },
  options: { id: EXTENSION_ID, url: `${BASE}extension/options/index.html`, tab: { id: 9 } },
  offscreen: { id: EXTENSION_ID, url: `${BASE}extension/offscreen/index.html` },
  /** The call buttons on the configured Odoo (the harness's sign-in sets its Odoo URL). */
  contentScript: {
    id: EXTENSION_ID,
    url: 'https://acme.odoo.com/odoo/crm/14',
    origin: 'https://acme.odoo.com',
    tab: { id: 3 },
  },
  /** The same content script, were it on another Odoo Online tenant's page. */
  otherTenant: {
    id: EXTENSION_ID,
    url: 'https://evil.odoo.com/odoo/crm/14',
    origin: 'https://evil.odoo.com',
    tab: { id: 4 },
  },
};
type Sender = (typeof SENDERS)[keyof typeof SENDERS];

/** What the fake offscreen document was asked to do, in order. */
export type OffscreenCommand = { type: keyof OffscreenProtocol } & Record<string, unknown>;

/**
 * The real background (extension/background/index.ts) over the fake chrome APIs, a fake worker
 * for its HTTP calls, and a fake offscreen document that records the commands it gets.
 */
export function createBackgroundHarness() {
  let worker: FakeWorker = createFakeWorker();
  vi.stubGlobal('fetch', (...args: Parameters<FakeWorker['fetch']>) => worker.fetch(...args));

  const commands: OffscreenCommand[] = [];
  let status: OffscreenStatus = {
    deviceState: 'registered',
    calls: 0,
    liveMicrophoneTracks: 0,
    tokenExpiresAt: null,
    tokenRefreshes: 0,
  };
  const failing = new Map<string, { code: string; message: string }>();
  const record =
    <T extends keyof OffscreenProtocol & string>(type: T, answer: () => OffscreenProtocol[T]['response']) =>
    async (message: MessageOf<OffscreenProtocol, T>) => {
      const { target: _target, ...fields } = message;
      commands.push({ ...fields, type } as OffscreenCommand);
      const failure = failing.get(type);
      if (failure) throw new MessageError(failure.code, failure.message);
      return answer();
    };
  const offscreenHandlers: Handlers<OffscreenProtocol> = {
    configure: record('configure', () => null),
    connect: record('connect', () => null),
    accept: record('accept', () => null),
    reject: record('reject', () => null),
    hangUp: record('hangUp', () => null),
    setMuted: record('setMuted', () => null),
    sendDigits: record('sendDigits', () => null),
    checkHealth: record('checkHealth', () => status),
    status: record('status', () => status),
  };
  fakeChrome.runtime.onMessage.addListener(createRouter('offscreen', offscreenHandlers) as never);

  return {
    commands,
    get worker() {
      return worker;
    },
    /** Fresh storage, worker and document for each test. */
    reset() {
      fakeChrome.reset();
      worker = createFakeWorker();
      commands.length = 0;
      failing.clear();
      status = { ...status, calls: 0 };
    },
    setOffscreenStatus(patch: Partial<OffscreenStatus>) {
      status = { ...status, ...patch };
    },
    failOffscreen(type: keyof OffscreenProtocol, code: string, message: string) {
      failing.set(type, { code, message });
    },
    /**
     * A message to the background, as the given sender (the popup unless said otherwise).
     * Resolves with the answer once the phone state changes it made have had their effects
     * (badge, notifications, missed calls).
     */
    async send<T extends keyof BackgroundProtocol & string>(
      type: T,
      fields: Omit<MessageOf<BackgroundProtocol, T>, 'target' | 'type'>,
      sender: Sender = SENDERS.popup,
    ): Promise<MessageResult<BackgroundProtocol[T]['response']>> {
      const result = (await fakeChrome.runtime.sendMessage(
        { target: 'background', type, ...fields },
        sender,
      )) as MessageResult<BackgroundProtocol[T]['response']>;
      await settled();
      return result;
    },
    /** The offscreen document reporting a Device event; resolves once its effects have run. */
    async report(event: DeviceEvent) {
      const result = await fakeChrome.runtime.sendMessage(
        { target: 'background', type: 'deviceEvent', event },
        SENDERS.offscreen,
      );
      if (!(result as MessageResult<unknown>).ok) throw new Error(JSON.stringify(result));
      await settled();
    },
    /** A keyboard shortcut pressed (manifest `commands`); resolves once its effects have run. */
    async command(name: string) {
      await Promise.all(fakeChrome.commands.onCommand.emit(name));
      await settled();
    },
    /** The phone state as the views see it (derived when nothing was stored yet). */
    state(): PhoneState {
      const stored = fakeChrome.storage.session.data.phone as PhoneState | undefined;
      return phoneStateOrInitial(stored, fakeChrome.storage.local.data.session !== undefined);
    },
    /** Signs in through the background, as the options page does. */
    async signIn() {
      fakeChrome.storage.local.data.settings = {
        workerUrl: WORKER_URL,
        defaultCountry: 'FR',
        odooUrl: 'https://acme.odoo.com',
      };
      worker.on('POST /auth/login', () => ({
        status: 200,
        body: {
          session: 'session-abc',
          expiresAt: '2099-01-01T00:00:00Z',
          agent: { uid: 7, name: 'Marc Demo', login: 'marc@example.com', identity: 'odoo_7' },
        },
      }));
      const result = await this.send(
        'signIn',
        { login: 'marc@example.com', password: 'secret-password' },
        SENDERS.options,
      );
      if (!result.ok) throw new Error(JSON.stringify(result));
      await this.report({ type: 'health', health: { status: 'ready' } });
    },
    commandsOf(type: keyof OffscreenProtocol) {
      return commands.filter((command) => command.type === type);
    },
  };
}

export type BackgroundHarness = ReturnType<typeof createBackgroundHarness>;
