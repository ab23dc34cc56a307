import './support/install';

import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeviceEvent } from '../../../shared/messages';
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

/** The unknown caller's leg (a CallSid: the background checks it). */
const CALLER_LEG = `CA${'21'.repeat(16)}`;
/** A caller Odoo does not know: the worker sends their leg and number, no name, no record. */
const UNKNOWN = {
  type: 'incoming',
  callSid: 'CA20',
  from: '+33612345678',
  params: { ParentCallSid: CALLER_LEG, CallerNumber: '+33612345678' },
} as const;
const AGENT_KEY = { workerUrl: 'https://calls.example.test', uid: 7 };

describe('background: missed calls', () => {
  beforeEach(async () => {
    harness.reset();
    await harness.signIn();
  });

  const missed = () => fakeChrome.storage.local.data.missedCalls as unknown[] | undefined;

  async function missCall(incoming: Extract<DeviceEvent, { type: 'incoming' }> = UNKNOWN) {
    await harness.report(incoming);
    await harness.report({ type: 'incoming-ended', callSid: incoming.callSid, reason: 'canceled' });
  }

  it('keeps a call from an unknown number the caller gave up on, counts it on the badge and notifies it', async () => {
    await missCall();
    expect(missed()).toEqual([
      {
        id: CALLER_LEG,
        party: { number: '+33612345678', display: '+33 6 12 34 56 78' },
        at: expect.any(Number),
        seen: false,
        owner: AGENT_KEY,
      },
    ]);
    expect(fakeChrome.action.badge.text).toBe('1');
    expect(fakeChrome.action.badge.title).toContain('1 missed call(s)');
    expect(fakeChrome.notifications.shown.get(`missed:${CALLER_LEG}`)).toMatchObject({
      title: 'Missed call from +33 6 12 34 56 78',
      message: 'May have left a voicemail',
      buttons: [{ title: 'Call back' }],
    });
    // The ringing notification went, the missed one stays.
    expect([...fakeChrome.notifications.shown.keys()]).toEqual([`missed:${CALLER_LEG}`]);
  });

  it('keeps a known caller with their name and record', async () => {
    await missCall(INCOMING);
    expect(missed()).toMatchObject([
      {
        id: 'CA9',
        party: {
          number: '+3210588558',
          name: 'Office Design Project',
          record: { model: 'crm.lead', id: 14, name: 'Office Design Project' },
        },
      },
    ]);
    expect(fakeChrome.notifications.shown.get('missed:CA9')).toMatchObject({
      title: 'Missed call from Office Design Project',
      message: '+32 10 58 85 58\nMay have left a voicemail',
    });
  });

  it('puts the live call and a phone that cannot take calls before the count, and says the count in the tooltip', async () => {
    await missCall();
    await harness.report(INCOMING);
    expect(fakeChrome.action.badge.text).toBe('☎');
    expect(fakeChrome.action.badge.title).toContain('1 missed call(s)');
    await harness.send('acceptIncoming', { callSid: 'CA9' });
    expect(fakeChrome.action.badge.text).toBe('●');
    await harness.report({ type: 'ended', callSid: 'CA9' });
    expect(fakeChrome.action.badge.text).toBe('1');
    await harness.report({ type: 'health', health: { status: 'offline' } });
    expect(fakeChrome.action.badge).toMatchObject({ text: '!', color: '#c62828' });
    expect(fakeChrome.action.badge.title).toContain('1 missed call(s)');
    await harness.report({ type: 'health', health: { status: 'ready' } });
    expect(fakeChrome.action.badge.text).toBe('1');
  });

  it('calls back from the notification through the dialer’s path, with the record', async () => {
    await missCall(INCOMING);
    fakeChrome.notifications.onButtonClicked.emit('missed:CA9', 0);
    await vi.waitFor(() =>
      expect(harness.commandsOf('connect')).toEqual([
        { type: 'connect', params: { To: '+3210588558', OdooModel: 'crm.lead', OdooId: '14' } },
      ]),
    );
    expect(harness.state().call).toMatchObject({ direction: 'outbound', party: { number: '+3210588558' } });
    await vi.waitFor(() => expect(missed()).toMatchObject([{ id: 'CA9', seen: true }]));
    expect(fakeChrome.notifications.shown.has('missed:CA9')).toBe(false);
  });

  it('says why a call back from the notification could not be placed', async () => {
    await missCall();
    await harness.report({ type: 'incoming', callSid: 'CA30', from: '+3210588558', params: {} });
    fakeChrome.notifications.onButtonClicked.emit(`missed:${CALLER_LEG}`, 0);
    await vi.waitFor(() =>
      expect(fakeChrome.notifications.shown.get('missed-call-back-failed')).toMatchObject({
        title: 'Could not call +33 6 12 34 56 78 back',
        message: 'A call is already in progress.',
      }),
    );
    expect(harness.commandsOf('connect')).toEqual([]);
    expect(missed()).toMatchObject([{ id: CALLER_LEG, seen: false }]);
  });

  it('clears the count once the popup showed the missed calls, and lets one be dismissed', async () => {
    await missCall();
    await missCall(INCOMING);
    expect(fakeChrome.action.badge.text).toBe('2');
    await harness.send('missedCallsSeen', {});
    expect(fakeChrome.action.badge.text).toBe('');
    expect(fakeChrome.action.badge.title).not.toContain('missed');
    expect(missed()).toMatchObject([
      { id: 'CA9', seen: true },
      { id: CALLER_LEG, seen: true },
    ]);
    expect(fakeChrome.notifications.shown.size).toBe(0);
    await harness.send('dismissMissedCall', { id: 'CA9' });
    expect(missed()).toMatchObject([{ id: CALLER_LEG }]);
  });

  it('does not count a call the agent declined, nor one refused in do-not-disturb', async () => {
    await harness.report(UNKNOWN);
    await harness.send('declineIncoming', { callSid: 'CA20' });
    // The Device then reports its own reject.
    await harness.report({ type: 'incoming-ended', callSid: 'CA20', reason: 'rejected' });
    await harness.send('setAvailability', { availability: 'dnd' });
    await missCall(INCOMING);
    expect(missed() ?? []).toEqual([]);
    expect(fakeChrome.action.badge.text).toBe('–');
    expect([...fakeChrome.notifications.shown.keys()]).toEqual([]);
  });

  it('drops a call that rang again and was answered here (the salesperson first, then everyone)', async () => {
    await missCall();
    expect(fakeChrome.action.badge.text).toBe('1');
    // The same caller's leg, a new leg to this Device.
    await harness.report({ ...UNKNOWN, callSid: 'CA22' });
    await harness.send('acceptIncoming', { callSid: 'CA22' });
    expect(missed()).toEqual([]);
    expect(fakeChrome.notifications.shown.has(`missed:${CALLER_LEG}`)).toBe(false);
  });

  it('counts a call that rang twice here and was missed twice once', async () => {
    await missCall();
    await missCall({ ...UNKNOWN, callSid: 'CA22' });
    expect(missed()).toHaveLength(1);
    expect(fakeChrome.action.badge.text).toBe('1');
  });

  it('drops a call the worker lists as answered (elsewhere) and marks one that left a voicemail', async () => {
    await missCall();
    await missCall(INCOMING);
    const summary = (callSid: string, outcome: 'answered' | 'voicemail') => ({
      callSid,
      direction: 'inbound',
      number: '+3210588558',
      startedAt: '2025-03-04T09:15:00Z',
      durationSeconds: 0,
      outcome,
      record: null,
      logStatus: 'pending',
      disposition: null,
      note: null,
    });
    harness.worker.on('GET /calls', () => ({
      status: 200,
      body: { calls: [summary('CA9', 'answered'), summary(CALLER_LEG, 'voicemail')] },
    }));
    const result = await harness.send('recentCalls', {});
    expect(result.ok).toBe(true);
    expect(missed()).toMatchObject([{ id: CALLER_LEG, voicemail: true }]);
    expect(fakeChrome.action.badge.text).toBe('1');
  });

  it('counts a ringing call whose end was lost while the service worker slept', async () => {
    await harness.report(UNKNOWN);
    harness.setOffscreenStatus({ calls: 0 });
    fakeChrome.alarms.onAlarm.emit({ name: 'phone-watchdog' });
    await vi.waitFor(() => expect(missed()).toMatchObject([{ id: CALLER_LEG, seen: false }]));
    await vi.waitFor(() => expect(fakeChrome.action.badge.text).toBe('1'));
  });

  it('keeps the last 50, newest first', async () => {
    for (let index = 0; index < 51; index += 1) {
      const callSid = `CA${String(index).padStart(32, '0')}`;
      await missCall({ ...UNKNOWN, callSid, params: { ...UNKNOWN.params, ParentCallSid: callSid } });
    }
    const list = missed() as { id: string }[];
    expect(list).toHaveLength(50);
    expect(list[0]?.id).toBe(`CA${'50'.padStart(32, '0')}`);
    expect(list.at(-1)?.id).toBe(`CA${'1'.padStart(32, '0')}`);
    expect(fakeChrome.action.badge.text).toBe('50');
  });

  it('neither counts nor calls back another agent’s missed calls', async () => {
    fakeChrome.storage.local.data.missedCalls = [
      {
        id: 'CA40',
        party: { number: '+33612345678', display: '+33 6 12 34 56 78' },
        at: 0,
        seen: false,
        owner: { ...AGENT_KEY, uid: 8 },
      },
    ];
    await harness.report({ type: 'health', health: { status: 'ready' } });
    await harness.report({ type: 'health', health: { status: 'offline' } });
    await harness.report({ type: 'health', health: { status: 'ready' } });
    expect(fakeChrome.action.badge.text).toBe('');
    await harness.send('missedCallsSeen', {});
    expect(missed()).toMatchObject([{ id: 'CA40', seen: false }]);
  });
});
