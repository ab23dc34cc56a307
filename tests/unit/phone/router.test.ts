import './support/install';

import { describe, expect, it } from 'vitest';
import { allowMessage } from '../../../extension/background/sender-policy';
import { createRouter, type Handlers, MessageError } from '../../../extension/lib/router';
import { EXTENSION_ID } from '../../../shared/extension-id';
import { fakeChrome } from './support/install';

interface TestProtocol {
  echo: { request: { text: string }; response: string };
  fail: { request: Record<never, never>; response: null };
  crash: { request: Record<never, never>; response: null };
}

const handlers: Handlers<TestProtocol> = {
  echo: async ({ text }) => text.toUpperCase(),
  fail: async () => {
    throw new MessageError('busy', 'A call is already in progress.');
  },
  crash: async () => {
    throw new TypeError('boom');
  },
};

const popup = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/extension/popup/index.html` };

describe('message router', () => {
  const route = createRouter('background', handlers);

  it('answers a message addressed to it with the handler result as data', async () => {
    await expect(route({ target: 'background', type: 'echo', text: 'hi' }, popup)).resolves.toEqual({
      ok: true,
      data: 'HI',
    });
  });

  it('leaves messages for other receivers alone (returns nothing, so they can answer)', () => {
    expect(route({ target: 'offscreen', type: 'echo', text: 'hi' }, popup)).toBeUndefined();
    expect(route('not a message', popup)).toBeUndefined();
    expect(route(null, popup)).toBeUndefined();
    expect(route({ target: 'background' }, popup)).toBeUndefined();
  });

  it('turns a MessageError into its code and message', async () => {
    await expect(route({ target: 'background', type: 'fail' }, popup)).resolves.toEqual({
      ok: false,
      error: { code: 'busy', message: 'A call is already in progress.' },
    });
  });

  it('turns any other exception into an internal error, never a rejection', async () => {
    await expect(route({ target: 'background', type: 'crash' }, popup)).resolves.toEqual({
      ok: false,
      error: { code: 'internal', message: 'boom' },
    });
  });

  it('refuses an unknown type, including inherited names', async () => {
    for (const type of ['nope', 'toString', '__proto__']) {
      await expect(route({ target: 'background', type }, popup)).resolves.toMatchObject({
        ok: false,
        error: { code: 'unknown_message' },
      });
    }
  });

  it('refuses a type the sender may not use', async () => {
    const guarded = createRouter('background', handlers, { allow: (type) => type !== 'echo' });
    await expect(guarded({ target: 'background', type: 'echo', text: 'x' }, popup)).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('works through runtime.sendMessage, as the views use it', async () => {
    chrome.runtime.onMessage.addListener(route as never);
    await expect(
      chrome.runtime.sendMessage({ target: 'background', type: 'echo', text: 'ok' }),
    ).resolves.toEqual({
      ok: true,
      data: 'OK',
    });
    fakeChrome.runtime.onMessage.removeListener(route as never);
  });
});

describe('who may send what to the background', () => {
  const base = `chrome-extension://${EXTENSION_ID}/`;
  const allow = (type: string, sender: { id?: string; url?: string }) =>
    allowMessage(type, sender, EXTENSION_ID, base);
  const contentScript = { id: EXTENSION_ID, url: 'https://acme.odoo.com/odoo/crm/14', tab: { id: 3 } };
  const offscreen = { id: EXTENSION_ID, url: `${base}extension/offscreen/index.html` };

  it('lets a content script dial and answer the toast, nothing else', () => {
    for (const type of ['dial', 'acceptIncoming', 'declineIncoming'])
      expect(allow(type, contentScript)).toBe(true);
    for (const type of ['signOut', 'recentCalls', 'fetchToken', 'saveSettings', 'deviceEvent', 'hangUp']) {
      expect(allow(type, contentScript)).toBe(false);
    }
  });

  it('takes Device events and token requests only from the offscreen document', () => {
    for (const type of ['fetchToken', 'deviceEvent', 'phoneConfig']) {
      expect(allow(type, offscreen)).toBe(true);
      expect(allow(type, popup)).toBe(false);
    }
  });

  it('lets the popup and options page use the rest', () => {
    for (const type of ['dial', 'hangUp', 'saveWrapUp', 'signIn', 'signOut', 'saveSettings']) {
      expect(allow(type, popup)).toBe(true);
    }
  });

  it('refuses other extensions outright', () => {
    expect(allow('dial', { id: 'abcdefghijklmnopabcdefghijklmnop', url: 'chrome-extension://x/' })).toBe(
      false,
    );
  });
});
