import './support/install';

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackgroundHarness } from './support/background-harness';
import { fakeChrome } from './support/install';

const harness = createBackgroundHarness();
await import('../../../extension/background/index');
const { SENDERS } = await import('./support/background-harness');

const INCOMING = {
  type: 'incoming',
  callSid: 'CA9',
  from: '+3210588558',
  params: {
    OdooModel: 'crm.lead',
    OdooId: '14',
    OdooName: 'Office Design Project',
    OdooUrl: 'https://acme.odoo.com/odoo/crm/14',
  },
} as const;

describe('background: incoming calls', () => {
  beforeEach(async () => {
    harness.reset();
    await harness.signIn();
  });

  it('shows a system notification with Accept and Decline and the caller’s record', async () => {
    await harness.report(INCOMING);
    expect(fakeChrome.notifications.shown.get('incoming:CA9')).toMatchObject({
      title: 'Incoming call',
      message: 'Office Design Project\n+32 10 58 85 58',
      buttons: [{ title: 'Accept' }, { title: 'Decline' }],
      requireInteraction: true,
    });
    expect(fakeChrome.action.badge).toMatchObject({ text: '☎' });
    expect(fakeChrome.action.badge.title).toContain('incoming call from Office Design Project');
  });

  it('answers from the notification’s Accept button', async () => {
    await harness.report(INCOMING);
    fakeChrome.notifications.onButtonClicked.emit('incoming:CA9', 0);
    await vi.waitFor(() =>
      expect(harness.commandsOf('accept')).toEqual([{ type: 'accept', callSid: 'CA9' }]),
    );
    expect(harness.state().call).toMatchObject({ callSid: 'CA9', direction: 'inbound' });
    expect(fakeChrome.notifications.shown.size).toBe(0);
  });

  it('declines from the notification’s Decline button', async () => {
    await harness.report(INCOMING);
    fakeChrome.notifications.onButtonClicked.emit('incoming:CA9', 1);
    await vi.waitFor(() =>
      expect(harness.commandsOf('reject')).toEqual([{ type: 'reject', callSid: 'CA9' }]),
    );
    expect(harness.state().incoming).toBeNull();
    expect(fakeChrome.notifications.shown.size).toBe(0);
  });

  it('clears the notification when the caller hangs up before an answer', async () => {
    await harness.report(INCOMING);
    await harness.report({ type: 'incoming-ended', callSid: 'CA9' });
    expect(fakeChrome.notifications.shown.size).toBe(0);
    expect(harness.state().incoming).toBeNull();
    expect(fakeChrome.action.badge.text).toBe('');
  });

  it('lets the in-page toast accept through the content script', async () => {
    await harness.report(INCOMING);
    const result = await harness.send('acceptIncoming', { callSid: 'CA9' }, SENDERS.contentScript);
    expect(result.ok).toBe(true);
    expect(harness.commandsOf('accept')).toHaveLength(1);
  });

  it('takes no answer from a toast on a page that is not the configured Odoo', async () => {
    await harness.report(INCOMING);
    for (const type of ['acceptIncoming', 'declineIncoming'] as const) {
      const result = await harness.send(type, { callSid: 'CA9' }, SENDERS.otherTenant);
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(harness.commandsOf('accept')).toEqual([]);
    expect(harness.commandsOf('reject')).toEqual([]);
    expect(harness.state().incoming).toMatchObject({ callSid: 'CA9' });
  });

  it('says the call is gone when accepting one that stopped ringing', async () => {
    const result = await harness.send('acceptIncoming', { callSid: 'CA404' });
    expect(result).toMatchObject({ ok: false, error: { code: 'no_such_call' } });
    expect(harness.commandsOf('accept')).toEqual([]);
  });

  it('does not ring while the agent is on do-not-disturb', async () => {
    await harness.send('setAvailability', { availability: 'dnd' });
    await harness.report(INCOMING);
    expect(harness.commandsOf('reject')).toEqual([{ type: 'reject', callSid: 'CA9' }]);
    expect(harness.state().incoming).toBeNull();
    expect(fakeChrome.notifications.shown.size).toBe(0);
  });

  it('brings the caller’s record to the front when it rings, if the agent wants that', async () => {
    fakeChrome.storage.local.data.settings = {
      ...(fakeChrome.storage.local.data.settings as object),
      screenPop: 'ring',
    };
    fakeChrome.tabs.all.push(
      { id: 1, windowId: 1, url: 'https://acme.odoo.com/odoo/crm', active: true },
      { id: 2, windowId: 2, url: 'https://acme.odoo.com/odoo/crm/14', active: false },
    );
    await harness.report(INCOMING);
    await vi.waitFor(() => expect(fakeChrome.tabs.all.find((tab) => tab.id === 2)?.active).toBe(true));
    expect(fakeChrome.windows.focused).toEqual([2]);
    expect(fakeChrome.tabs.all).toHaveLength(2);
  });

  it('opens the record when the agent answers, if no tab shows it', async () => {
    fakeChrome.storage.local.data.settings = {
      ...(fakeChrome.storage.local.data.settings as object),
      screenPop: 'answer',
    };
    await harness.report(INCOMING);
    expect(fakeChrome.tabs.all).toHaveLength(0);
    await harness.send('acceptIncoming', { callSid: 'CA9' });
    await harness.report({ type: 'accepted', callSid: 'CA9' });
    await vi.waitFor(() =>
      expect(fakeChrome.tabs.all).toMatchObject([{ url: 'https://acme.odoo.com/odoo/crm/14', active: true }]),
    );
  });

  it('tells the worker when the agent can be rung, and tolerates a worker without /presence', async () => {
    // Signing in already reported (to a worker without the route): start from a clean list.
    await vi.waitFor(() =>
      expect(harness.worker.to('/presence').at(-1)?.body).toEqual({ status: 'available', registered: true }),
    );
    harness.worker.requests.length = 0;
    harness.worker.on('POST /presence', () => ({ status: 204 }));
    await harness.report({ type: 'health', health: { status: 'offline' } });
    await harness.report({ type: 'health', health: { status: 'ready' } });
    await harness.send('setAvailability', { availability: 'dnd' });
    await vi.waitFor(() =>
      expect(harness.worker.to('/presence').map((request) => request.body)).toEqual([
        { status: 'available', registered: false },
        { status: 'available', registered: true },
        { status: 'dnd', registered: true },
      ]),
    );
    harness.worker.on('POST /presence', () => ({
      status: 404,
      body: { error: { code: 'not_found', message: 'x' } },
    }));
    await harness.send('setAvailability', { availability: 'available' });
    await vi.waitFor(() => expect(harness.worker.to('/presence')).toHaveLength(4));
    expect(harness.state().availability).toBe('available');
  });
});
