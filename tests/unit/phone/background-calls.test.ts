import './support/install';

import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeviceEvent } from '../../../shared/messages';
import { createBackgroundHarness } from './support/background-harness';
import { fakeChrome } from './support/install';

const harness = createBackgroundHarness();
await import('../../../extension/background/index');
const { SENDERS } = await import('./support/background-harness');

describe('background: placing and running a call', () => {
  beforeEach(async () => {
    harness.reset();
    await harness.signIn();
  });

  it('normalises the typed number with the default country and asks the Device to connect', async () => {
    const result = await harness.send('dial', { number: '06 12 34 56 78', display: '06 12 34 56 78' });
    expect(result).toEqual({ ok: true, data: { number: '+33612345678', display: '+33 6 12 34 56 78' } });
    expect(harness.commandsOf('connect')).toEqual([{ type: 'connect', params: { To: '+33612345678' } }]);
    expect(harness.state().call).toMatchObject({
      direction: 'outbound',
      phase: 'connecting',
      party: { number: '+33612345678', display: '+33 6 12 34 56 78' },
    });
    expect(fakeChrome.action.badge.text).toBe('●');
  });

  it('passes the Odoo record a number was clicked on as OdooModel/OdooId', async () => {
    await harness.send(
      'dial',
      { number: '+32 10 588 558', display: '+32 10 588 558', record: { model: 'crm.lead', id: 14 } },
      SENDERS.contentScript,
    );
    expect(harness.commandsOf('connect')).toEqual([
      { type: 'connect', params: { To: '+3210588558', OdooModel: 'crm.lead', OdooId: '14' } },
    ]);
  });

  it.each([
    ['Belgium', '+32478223344'],
    ['Belgique', '+32478223344'],
    ['belgië', '+32478223344'],
    ['BE', '+32478223344'],
  ])(
    "reads a national number in the record's country %s, not the agent's default (France)",
    async (country, e164) => {
      const result = await harness.send(
        'dial',
        { number: '0478/22.33.44', display: '0478/22.33.44', country },
        SENDERS.contentScript,
      );
      expect(result).toEqual({ ok: true, data: { number: e164, display: '+32 478 22 33 44' } });
      expect(harness.commandsOf('connect')).toEqual([{ type: 'connect', params: { To: e164 } }]);
    },
  );

  it('keeps the default country when the page names a country it cannot place', async () => {
    await harness.send(
      'dial',
      { number: '04 78 22 33 44', display: '04 78 22 33 44', country: 'Atlantis' },
      SENDERS.contentScript,
    );
    expect(harness.commandsOf('connect')).toEqual([{ type: 'connect', params: { To: '+33478223344' } }]);
  });

  describe('with the countries the worker allows (from its token answer)', () => {
    beforeEach(async () => {
      harness.worker.on('POST /token', () => ({
        status: 200,
        body: {
          token: 'jwt',
          identity: 'odoo_7',
          expiresAt: '2099-01-01T00:00:00Z',
          allowedCountries: ['FR', 'BE'],
        },
      }));
      await harness.send('fetchToken', {}, SENDERS.offscreen);
    });

    it('refuses a number of another country before dialling, naming the country, and starts no call', async () => {
      const result = await harness.send(
        'dial',
        { number: '+41 44 668 18 00', display: '' },
        SENDERS.contentScript,
      );
      expect(result).toEqual({
        ok: false,
        error: {
          code: 'country_not_allowed',
          message: 'Calls to Switzerland are not allowed by your administrator.',
        },
      });
      expect(harness.commandsOf('connect')).toEqual([]);
      // No call, so no wrap-up asked for a call that never happened.
      expect(harness.state().call).toBeNull();
      expect(harness.state().wrapUp ?? null).toBeNull();
    });

    it.each([
      ['+1 211 555 0100', 'a number of the right length in no real range'],
      ['+800 1234 5678', 'a number of no country'],
    ])('refuses %s (%s), as the worker would', async (number) => {
      const result = await harness.send('dial', { number, display: '' });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_number' } });
      expect(harness.commandsOf('connect')).toEqual([]);
    });

    it('dials the allowed countries as before', async () => {
      await harness.send('dial', { number: '0478/22.33.44', display: '', country: 'Belgium' });
      expect(harness.commandsOf('connect')).toEqual([{ type: 'connect', params: { To: '+32478223344' } }]);
    });
  });

  describe('with the server down (the watchdog checks GET /health every minute)', () => {
    async function watchdogRuns() {
      await fakeChrome.alarms.onAlarm.emit({ name: 'phone-watchdog' });
      await vi.waitFor(() => expect(harness.worker.to('/health').length).toBeGreaterThan(0));
    }

    it('remembers the server is down, and refuses a call with a sentence while it still is', async () => {
      harness.worker.on('GET /health', () => 'network-error');
      await watchdogRuns();
      await vi.waitFor(() =>
        expect(fakeChrome.storage.session.data.workerHealth).toMatchObject({ reachable: false, status: 0 }),
      );
      const result = await harness.send('dial', { number: '0612345678', display: '' });
      expect(result).toMatchObject({ ok: false, error: { code: 'network' } });
      expect(result.ok ? '' : result.error.message).toMatch(/^The click-to-call server cannot be reached/);
      expect(harness.commandsOf('connect')).toEqual([]);
      expect(harness.state().call).toBeNull();
    });

    it('checks again before a call, and places it once the server is back', async () => {
      harness.worker.on('GET /health', () => ({ status: 503, body: { ok: false } }));
      await watchdogRuns();
      await vi.waitFor(() =>
        expect(fakeChrome.storage.session.data.workerHealth).toMatchObject({ reachable: false, status: 503 }),
      );
      harness.worker.on('GET /health', () => ({ status: 200, body: { ok: true, missing: [], invalid: [] } }));
      await harness.send('dial', { number: '0612345678', display: '' });
      expect(harness.commandsOf('connect')).toHaveLength(1);
      expect(fakeChrome.storage.session.data.workerHealth).toMatchObject({ reachable: true });
    });
  });

  it('places no call for a content script on a page that is not the configured Odoo', async () => {
    const dial = { number: '+32 10 588 558', display: '', record: { model: 'crm.lead', id: 14 } };
    const refused = await harness.send('dial', dial, SENDERS.otherTenant);
    expect(refused).toEqual({
      ok: false,
      error: { code: 'forbidden', message: '"dial" is not allowed from this sender.' },
    });
    expect(harness.commandsOf('connect')).toEqual([]);
    expect(harness.state().call).toBeNull();

    // Once the admin makes that tenant the Odoo URL, its buttons call.
    await harness.send('saveSettings', { patch: { odooUrl: 'https://evil.odoo.com' } }, SENDERS.options);
    expect(await harness.send('dial', dial, SENDERS.otherTenant)).toMatchObject({ ok: true });
    expect(harness.commandsOf('connect')).toHaveLength(1);
  });

  it('refuses a second call while one is live, even when two clicks race', async () => {
    const [first, second] = await Promise.all([
      harness.send('dial', { number: '0612345678', display: '' }),
      harness.send('dial', { number: '0698765432', display: '' }),
    ]);
    expect([first.ok, second.ok].sort()).toEqual([false, true]);
    expect(first.ok ? second : first).toMatchObject({ ok: false, error: { code: 'busy' } });
    expect(harness.commandsOf('connect')).toHaveLength(1);
  });

  it('refuses what is not a phone number, with the number in the message', async () => {
    const result = await harness.send('dial', { number: 'hello', display: 'hello' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid_number', message: '"hello" is not a phone number.' },
    });
    expect(harness.commandsOf('connect')).toEqual([]);
    expect(harness.state().call).toBeNull();
  });

  it('follows the Device through ringing, answer and hang-up, then offers a wrap-up', async () => {
    await harness.send('dial', { number: '0612345678', display: '06 12 34 56 78' });
    await harness.report({ type: 'outgoing-ringing', callSid: 'CA1' });
    expect(harness.state().call).toMatchObject({ phase: 'ringing', callSid: 'CA1' });
    await harness.report({ type: 'accepted', callSid: 'CA1' });
    expect(harness.state().call?.phase).toBe('open');
    await harness.report({ type: 'muted', muted: true });
    await harness.report({ type: 'warning', name: 'high-rtt' });
    expect(harness.state().call).toMatchObject({ muted: true, warnings: ['high-rtt'] });

    await harness.send('hangUp', {});
    expect(harness.commandsOf('hangUp')).toHaveLength(1);
    await harness.report({ type: 'ended', callSid: 'CA1' });
    expect(harness.state().call).toBeNull();
    expect(harness.state().wrapUp).toMatchObject({ callSid: 'CA1', direction: 'outbound' });
    expect(fakeChrome.action.badge.text).toBe('');
  });

  it('says why a call failed when the Device could not even start it', async () => {
    harness.failOffscreen('connect', 'not_ready', 'The phone is not ready (offline).');
    const result = await harness.send('dial', { number: '0612345678', display: '' });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_ready' } });
    expect(harness.state().call).toBeNull();
    expect(harness.state().callError).toMatchObject({ message: 'The phone is not ready (offline).' });
  });

  it('ends a call the Device no longer has instead of showing it for ever', async () => {
    await harness.send('dial', { number: '0612345678', display: '' });
    harness.failOffscreen('hangUp', 'no_call', 'No call to hang up.');
    await harness.send('hangUp', {});
    expect(harness.state().call).toBeNull();
  });

  it('forwards mute and DTMF digits, and refuses digits that are not DTMF', async () => {
    await harness.send('dial', { number: '0612345678', display: '' });
    await harness.send('setMuted', { muted: true });
    await harness.send('sendDigits', { digits: '12#' });
    expect(await harness.send('sendDigits', { digits: '12<script>' })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    expect(harness.commandsOf('setMuted')).toEqual([{ type: 'setMuted', muted: true }]);
    expect(harness.commandsOf('sendDigits')).toEqual([{ type: 'sendDigits', digits: '12#' }]);
  });

  it('saves a wrap-up through the outbox and forgets the draft', async () => {
    await harness.send('dial', { number: '0612345678', display: '' });
    await harness.report({ type: 'outgoing-ringing', callSid: 'CA1' });
    await harness.report({ type: 'accepted', callSid: 'CA1' });
    await harness.report({ type: 'ended', callSid: 'CA1' });
    fakeChrome.storage.local.data.draft = { callSid: 'CA1', disposition: 'interested', note: 'Demo Tuesday' };
    harness.worker.on('POST /calls/CA1/wrap-up', () => ({ status: 204 }));

    const result = await harness.send('saveWrapUp', {
      callSid: 'CA1',
      disposition: 'interested',
      note: 'Demo Tuesday',
    });
    expect(result.ok).toBe(true);
    expect(harness.state().wrapUp).toBeNull();
    expect(fakeChrome.storage.local.data.draft).toBeUndefined();
    await vi.waitFor(() => expect(fakeChrome.storage.local.data.outbox).toEqual([]));
    expect(harness.worker.to('/calls/CA1/wrap-up').map((request) => request.body)).toEqual([
      { disposition: 'interested', note: 'Demo Tuesday' },
    ]);
  });

  it('carries the call back asked for from the popup to the worker, and refuses one that is not a day', async () => {
    harness.worker.on('POST /calls/CA1/wrap-up', () => ({ status: 204 }));
    const followUp = { date: '2099-01-13' };
    expect(
      await harness.send('saveWrapUp', {
        callSid: 'CA1',
        disposition: 'callback_requested',
        note: '',
        followUp,
      }),
    ).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(fakeChrome.storage.local.data.outbox).toEqual([]));
    expect(harness.worker.to('/calls/CA1/wrap-up').map((request) => request.body)).toEqual([
      { disposition: 'callback_requested', note: '', followUp },
    ]);
    expect(
      await harness.send('saveWrapUp', {
        callSid: 'CA2',
        disposition: 'callback_requested',
        note: 'kept',
        followUp: { date: 'next Monday' },
      }),
    ).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(harness.worker.to('/calls/CA2/wrap-up')).toEqual([]);
  });

  it('keeps the wrap-up and sets a retry alarm when the worker is down', async () => {
    harness.worker.on('POST /calls/CA1/wrap-up', () => 'network-error');
    await harness.send('saveWrapUp', { callSid: 'CA1', disposition: 'no_answer', note: '' });
    await vi.waitFor(() => expect(fakeChrome.alarms.all.get('outbox')).toBeDefined());
    expect(fakeChrome.storage.local.data.outbox).toMatchObject([{ callSid: 'CA1', attempts: 1 }]);
  });

  it('sends again, on request, a wrap-up the worker had refused', async () => {
    harness.worker.on('POST /calls/CA1/wrap-up', () => ({
      status: 400,
      body: { error: { code: 'bad_request', message: 'Note too long.' } },
    }));
    await harness.send('saveWrapUp', { callSid: 'CA1', disposition: 'other', note: 'long' });
    await vi.waitFor(() => expect(fakeChrome.storage.local.data.outbox).toMatchObject([{ failed: true }]));
    harness.worker.on('POST /calls/CA1/wrap-up', () => ({ status: 204 }));
    await harness.send('retryWrapUps', {});
    await vi.waitFor(() => expect(fakeChrome.storage.local.data.outbox).toEqual([]));
    expect(harness.worker.to('/calls/CA1/wrap-up')).toHaveLength(2);
  });

  it('clears a call the watchdog finds the Device no longer holds', async () => {
    await harness.send('dial', { number: '0612345678', display: '' });
    harness.setOffscreenStatus({ calls: 0 });
    fakeChrome.alarms.onAlarm.emit({ name: 'phone-watchdog' });
    await vi.waitFor(() => expect(harness.state().call).toBeNull());
    expect(harness.commandsOf('checkHealth')).toHaveLength(1);
  });

  it('resets the call state when the offscreen document has to be created again (it crashed)', async () => {
    await harness.send('dial', { number: '0612345678', display: '' });
    await fakeChrome.offscreen.closeDocument();
    await harness.send('ensurePhone', {});
    expect(fakeChrome.offscreen.created).toBe(2);
    expect(harness.state()).toMatchObject({ call: null, health: { status: 'starting' } });
  });

  it('places a call through a document it has to create, without wiping that call', async () => {
    await fakeChrome.offscreen.closeDocument();
    await harness.send('dial', { number: '0612345678', display: '' });
    expect(fakeChrome.offscreen.created).toBe(2);
    expect(harness.state().call).toMatchObject({ phase: 'connecting', party: { number: '+33612345678' } });
    expect(harness.commandsOf('connect')).toHaveLength(1);
  });

  it('hands the offscreen document its configuration', async () => {
    const config = await fakeChrome.runtime.sendMessage(
      { target: 'background', type: 'phoneConfig' },
      SENDERS.offscreen,
    );
    expect(config).toEqual({
      ok: true,
      data: {
        signedIn: true,
        microphoneGranted: false,
        insights: true,
        audio: { inputDeviceId: 'default', outputDeviceId: 'default', ringtoneDeviceId: 'default' },
      },
    });
  });
});

/** Issue 13, item 2: back-to-back calls never discard the wrap-up of the call before. */
describe('background: wrap-ups of back-to-back calls', () => {
  beforeEach(async () => {
    harness.reset();
    await harness.signIn();
    harness.worker.on('POST *', () => ({ status: 204 }));
  });

  async function answeredCall(callSid: string, number = '0612345678'): Promise<void> {
    await harness.send('dial', { number, display: number });
    await harness.report({ type: 'outgoing-ringing', callSid });
    await harness.report({ type: 'accepted', callSid });
    await harness.report({ type: 'ended', callSid });
  }

  it('keeps a half-typed wrap-up waiting, with its draft, when the next lead is called, and saves each once', async () => {
    await answeredCall('CA1');
    // The agent types half a note (the popup writes the call's draft), then clicks the next lead.
    const halfNote = { callSid: 'CA1', disposition: 'callback_requested', note: 'Call back after' };
    fakeChrome.storage.local.data['draft:CA1'] = halfNote;
    await harness.send(
      'dial',
      { number: '+32 10 588 558', display: '+32 10 588 558', record: { model: 'crm.lead', id: 14 } },
      SENDERS.contentScript,
    );
    expect(harness.state().wrapUp).toBeNull();
    expect(harness.state().waitingWrapUps).toMatchObject([
      { callSid: 'CA1', party: { number: '+33612345678' } },
    ]);
    await harness.report({ type: 'outgoing-ringing', callSid: 'CA2' });
    await harness.report({ type: 'accepted', callSid: 'CA2' });
    await harness.report({ type: 'ended', callSid: 'CA2' });

    // The new call's wrap-up is pending; the first one still waits, its draft untouched.
    expect(harness.state().wrapUp).toMatchObject({ callSid: 'CA2' });
    expect(harness.state().waitingWrapUps).toMatchObject([{ callSid: 'CA1' }]);
    expect(fakeChrome.storage.local.data['draft:CA1']).toEqual(halfNote);
    // All of it in storage, which outlives the service worker.
    expect(fakeChrome.storage.session.data.phone).toMatchObject({ waitingWrapUps: [{ callSid: 'CA1' }] });

    await harness.send('saveWrapUp', { callSid: 'CA2', disposition: 'interested', note: 'Quote sent' });
    expect(harness.state().waitingWrapUps).toMatchObject([{ callSid: 'CA1' }]);
    expect(await harness.send('openWrapUp', { callSid: 'CA1' })).toEqual({ ok: true, data: null });
    expect(harness.state().wrapUp).toMatchObject({ callSid: 'CA1' });
    expect(harness.state().waitingWrapUps).toBeUndefined();
    await harness.send('saveWrapUp', {
      callSid: 'CA1',
      disposition: 'callback_requested',
      note: 'Call back after the summer',
    });

    expect(harness.state()).toMatchObject({ wrapUp: null });
    expect(fakeChrome.storage.local.data['draft:CA1']).toBeUndefined();
    await vi.waitFor(() => expect(fakeChrome.storage.local.data.outbox).toEqual([]));
    expect(harness.worker.to('/calls/CA2/wrap-up').map((request) => request.body)).toEqual([
      { disposition: 'interested', note: 'Quote sent' },
    ]);
    expect(harness.worker.to('/calls/CA1/wrap-up').map((request) => request.body)).toEqual([
      { disposition: 'callback_requested', note: 'Call back after the summer' },
    ]);
  });

  it('keeps the pending wrap-up waiting when an incoming call is answered', async () => {
    await answeredCall('CA1');
    await harness.report({ type: 'incoming', callSid: 'CA9', from: '+33699999999', params: {} });
    await harness.send('acceptIncoming', { callSid: 'CA9' });
    expect(harness.state()).toMatchObject({ wrapUp: null, waitingWrapUps: [{ callSid: 'CA1' }] });
    await harness.report({ type: 'accepted', callSid: 'CA9' });
    await harness.report({ type: 'ended', callSid: 'CA9' });
    expect(harness.state()).toMatchObject({
      wrapUp: { callSid: 'CA9' },
      waitingWrapUps: [{ callSid: 'CA1' }],
    });
  });

  it('opening a waiting wrap-up sets the pending one aside in its place, never drops it', async () => {
    await answeredCall('CA1');
    await answeredCall('CA2');
    await answeredCall('CA3');
    expect(harness.state().waitingWrapUps?.map((wrapUp) => wrapUp.callSid)).toEqual(['CA1', 'CA2']);
    await harness.send('openWrapUp', { callSid: 'CA1' });
    expect(harness.state().wrapUp?.callSid).toBe('CA1');
    expect(harness.state().waitingWrapUps?.map((wrapUp) => wrapUp.callSid)).toEqual(['CA2', 'CA3']);
    expect(await harness.send('openWrapUp', { callSid: 'CA7' })).toMatchObject({
      ok: false,
      error: { code: 'no_such_call', message: 'This wrap-up is no longer waiting: it was saved or skipped.' },
    });
  });
});

/** Issue 13, item 7: attempts nobody answered get their outcome without the agent typing it. */
describe('background: outcomes of unanswered attempts', () => {
  beforeEach(async () => {
    harness.reset();
    await harness.signIn();
    harness.worker.on('POST *', () => ({ status: 204 }));
  });

  async function attempt(callSid: string, end: DeviceEvent): Promise<void> {
    await harness.send('dial', { number: '0612345678', display: '06 12 34 56 78' });
    await harness.report({ type: 'outgoing-ringing', callSid });
    await harness.report(end);
  }

  it('says a busy line was busy, not that the phone failed', async () => {
    await attempt('CA1', {
      type: 'ended',
      callSid: 'CA1',
      error: { code: 31486, message: 'BusyHere (31486): The callee is busy.' },
    });
    expect(harness.state().wrapUp).toMatchObject({ callSid: 'CA1', unanswered: 'busy' });
    expect(harness.state().callError).toBeNull();
  });

  it('tells no answer from the agent hanging up while it rang, and from a failed call', async () => {
    await attempt('CA1', { type: 'ended', callSid: 'CA1' });
    expect(harness.state().wrapUp).toMatchObject({ callSid: 'CA1', unanswered: 'no_answer' });

    await harness.send('dial', { number: '0612345678', display: '' });
    await harness.report({ type: 'outgoing-ringing', callSid: 'CA2' });
    await harness.send('hangUp', {});
    await harness.report({ type: 'ended', callSid: 'CA2' });
    expect(harness.state().wrapUp).toMatchObject({ callSid: 'CA2', unanswered: 'canceled' });

    await attempt('CA3', {
      type: 'ended',
      callSid: 'CA3',
      error: { code: 31005, message: 'Connection error' },
    });
    expect(harness.state().wrapUp).toMatchObject({ callSid: 'CA3', unanswered: 'failed' });
    expect(harness.state().callError).toMatchObject({ code: 31005 });
  });

  it('saves an untouched attempt with its outcome when the next call starts; one with a note waits', async () => {
    await attempt('CA1', { type: 'ended', callSid: 'CA1', error: { code: 31486, message: 'Busy' } });
    await attempt('CA2', { type: 'ended', callSid: 'CA2' });
    // CA1 was left as it was: saved as busy. CA2 gets a note, and the agent changed its outcome.
    fakeChrome.storage.local.data['draft:CA2'] = {
      callSid: 'CA2',
      disposition: 'left_voicemail',
      note: 'Voicemail: try Friday',
    };
    await attempt('CA3', { type: 'ended', callSid: 'CA3' });
    await harness.send('dial', { number: '0612345678', display: '' });

    expect(harness.state().waitingWrapUps).toMatchObject([{ callSid: 'CA2' }]);
    await vi.waitFor(() => expect(fakeChrome.storage.local.data.outbox).toEqual([]));
    expect(harness.worker.to('/calls/CA1/wrap-up').map((request) => request.body)).toEqual([
      { disposition: 'busy', note: '' },
    ]);
    expect(harness.worker.to('/calls/CA3/wrap-up').map((request) => request.body)).toEqual([
      { disposition: 'no_answer', note: '' },
    ]);
    expect(harness.worker.to('/calls/CA2/wrap-up')).toEqual([]);
    expect(fakeChrome.storage.local.data['draft:CA2']).toMatchObject({ note: 'Voicemail: try Friday' });
  });

  it('leaves an answered call waiting for the agent, even with no note typed', async () => {
    await harness.send('dial', { number: '0612345678', display: '' });
    await harness.report({ type: 'outgoing-ringing', callSid: 'CA1' });
    await harness.report({ type: 'accepted', callSid: 'CA1' });
    await harness.report({ type: 'ended', callSid: 'CA1' });
    await harness.send('dial', { number: '0612345678', display: '' });
    expect(harness.state().waitingWrapUps).toMatchObject([{ callSid: 'CA1' }]);
    expect(harness.state().waitingWrapUps?.[0]?.unanswered).toBeUndefined();
    expect(harness.worker.to('/calls/CA1/wrap-up')).toEqual([]);
  });
});
