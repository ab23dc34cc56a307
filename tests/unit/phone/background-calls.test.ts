import './support/install';

import { beforeEach, describe, expect, it, vi } from 'vitest';
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
