// The offscreen document: home of the one Twilio.Device. It only has `chrome.runtime`, so it
// asks the background for its configuration and tokens, and reports every event back.
import type { DeviceEvent, OffscreenProtocol } from '../../shared/messages';
import { browser } from '../lib/browser';
import { BUILD_INFO } from '../lib/build-defaults';
import { sendToBackground } from '../lib/messaging';
import { createRouter, type Handlers, unwrap } from '../lib/router';
import { createSerialQueue } from '../lib/serial';
import { OffscreenPhone } from './phone';

// Events go one at a time so the background folds them in the order they happened.
const inOrder = createSerialQueue();

const phone = new OffscreenPhone({
  report(event: DeviceEvent) {
    void inOrder(async () => {
      const result = await sendToBackground('deviceEvent', { event });
      if (!result.ok) console.warn(`deviceEvent ${event.type} not delivered: ${result.error.message}`);
    });
  },
  async fetchToken() {
    return unwrap(await sendToBackground('fetchToken', {}));
  },
  resolveUrl: (path) => browser.runtime.getURL(path),
  appVersion: BUILD_INFO.version,
});

const handlers: Handlers<OffscreenProtocol> = {
  configure: async ({ config }) => {
    await phone.configure(config);
    return null;
  },
  connect: async ({ params }) => {
    await phone.connect(params);
    return null;
  },
  accept: async ({ callSid }) => {
    phone.accept(callSid);
    return null;
  },
  reject: async ({ callSid }) => {
    phone.reject(callSid);
    return null;
  },
  hangUp: async () => {
    phone.hangUp();
    return null;
  },
  setMuted: async ({ muted }) => {
    phone.setMuted(muted);
    return null;
  },
  sendDigits: async ({ digits }) => {
    phone.sendDigits(digits);
    return null;
  },
  checkHealth: () => phone.checkHealth(),
  status: async () => phone.status(),
};

// Only this extension's own pages (the background, in practice) drive the phone.
browser.runtime.onMessage.addListener(
  createRouter('offscreen', handlers, { allow: (_type, sender) => sender.id === browser.runtime.id }),
);

addEventListener('online', () => phone.onNetworkChange(true));
addEventListener('offline', () => phone.onNetworkChange(false));

// The first configuration; commands that need the Device (connect) wait for it.
void sendToBackground('phoneConfig', {}).then((result) => {
  if (result.ok) return phone.configure(result.data);
  console.warn(`no configuration: ${result.error.message}`);
});
