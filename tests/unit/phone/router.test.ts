import './support/install';

import { describe, expect, it, vi } from 'vitest';
import { allowMessage } from '../../../extension/background/sender-policy';
import type { Runtime } from '../../../extension/lib/browser';
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
  // The configured Odoo, as extension/lib/odoo-origins.ts would say.
  const isOdooPage = async (origin: string) => origin === 'https://acme.odoo.com';
  const allow = (type: string, sender: { id?: string; url?: string; origin?: string }) =>
    allowMessage(type, sender, EXTENSION_ID, base, isOdooPage);
  const contentScript = {
    id: EXTENSION_ID,
    url: 'https://acme.odoo.com/odoo/crm/14',
    origin: 'https://acme.odoo.com',
    tab: { id: 3 },
  };
  const offscreen = { id: EXTENSION_ID, url: `${base}extension/offscreen/index.html` };

  it('lets a content script dial and answer the toast, nothing else', async () => {
    for (const type of ['dial', 'acceptIncoming', 'declineIncoming'])
      expect(await allow(type, contentScript)).toBe(true);
    for (const type of ['signOut', 'recentCalls', 'fetchToken', 'saveSettings', 'deviceEvent', 'hangUp']) {
      expect(await allow(type, contentScript)).toBe(false);
    }
  });

  it('takes nothing from a content script on a page that is not the configured Odoo', async () => {
    const otherTenant = {
      ...contentScript,
      url: 'https://evil.odoo.com/odoo',
      origin: 'https://evil.odoo.com',
    };
    for (const type of ['dial', 'acceptIncoming', 'declineIncoming']) {
      expect(await allow(type, otherTenant)).toBe(false);
      // Chrome's `origin` is the page's real one (an about:blank or sandboxed frame's differs
      // from its URL's): it is the one checked.
      expect(await allow(type, { ...contentScript, origin: 'https://evil.odoo.com' })).toBe(false);
      expect(await allow(type, { ...otherTenant, origin: undefined })).toBe(false);
      expect(await allow(type, { id: EXTENSION_ID, url: 'about:blank' })).toBe(false);
      expect(await allow(type, { id: EXTENSION_ID })).toBe(false);
    }
    // Without `origin` (older Chrome), the page URL's origin is checked.
    expect(await allow('dial', { ...contentScript, origin: undefined })).toBe(true);
  });

  it('refuses through the router with an error, and runs no handler, when the check refuses', async () => {
    const ran = vi.fn(async () => 'ran');
    const spied: Handlers<TestProtocol> = { ...handlers, echo: ran };
    const guarded = createRouter<TestProtocol>('background', spied, {
      allow: (type, sender) => allowMessage(type, sender, EXTENSION_ID, base, isOdooPage),
    });
    const fromOtherTenant = {
      ...contentScript,
      url: 'https://evil.odoo.com/',
      origin: 'https://evil.odoo.com',
    } as unknown as Runtime.MessageSender;
    await expect(
      guarded({ target: 'background', type: 'echo', text: 'x' }, fromOtherTenant),
    ).resolves.toEqual({
      ok: false,
      error: { code: 'forbidden', message: '"echo" is not allowed from this sender.' },
    });
    const failingCheck = createRouter<TestProtocol>('background', spied, {
      allow: () => Promise.reject(new Error('storage gone')),
    });
    await expect(
      failingCheck({ target: 'background', type: 'echo', text: 'x' }, popup),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(ran).not.toHaveBeenCalled();
  });

  it('takes Device events and token requests only from the offscreen document', async () => {
    for (const type of ['fetchToken', 'deviceEvent', 'phoneConfig']) {
      expect(await allow(type, offscreen)).toBe(true);
      expect(await allow(type, popup)).toBe(false);
    }
  });

  it('lets the popup and options page use the rest', async () => {
    for (const type of ['dial', 'hangUp', 'saveWrapUp', 'signIn', 'signOut', 'saveSettings']) {
      expect(await allow(type, popup)).toBe(true);
    }
  });

  it('refuses other extensions outright', async () => {
    expect(
      await allow('dial', {
        id: 'abcdefghijklmnopabcdefghijklmnop',
        url: 'https://acme.odoo.com/',
        origin: 'https://acme.odoo.com',
      }),
    ).toBe(false);
  });
});
