import './support/install';

import { beforeEach, describe, expect, it } from 'vitest';
import { createBackgroundHarness } from './support/background-harness';
import { error, WORKER_URL } from './support/fake-worker';
import { fakeChrome } from './support/install';

const harness = createBackgroundHarness();
await import('../../../extension/background/index');
const { SENDERS } = await import('./support/background-harness');
const { onWorkerStart } = await import('../../../extension/background/lifecycle');

describe('background: sign-in, session and settings', () => {
  beforeEach(() => {
    harness.reset();
    fakeChrome.storage.local.data.settings = { workerUrl: WORKER_URL };
  });

  it('starts signed out, and the badge and dial say so', async () => {
    fakeChrome.runtime.onStartup.emit();
    const result = await harness.send('dial', { number: '0612345678', display: '' });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    await harness.send('ensurePhone', {});
    expect(fakeChrome.offscreen.created).toBe(0);
  });

  it('signs in through the worker, keeps the session but never the password, and starts the phone', async () => {
    harness.worker.on('POST /auth/login', () => ({
      status: 200,
      body: {
        session: 'session-abc',
        expiresAt: '2099-01-01T00:00:00Z',
        agent: { uid: 7, name: 'Marc Demo', login: 'marc@example.com', identity: 'odoo_7' },
      },
    }));
    const result = await harness.send(
      'signIn',
      { login: ' marc@example.com ', password: 'secret-password' },
      SENDERS.options,
    );
    expect(result).toMatchObject({ ok: true, data: { name: 'Marc Demo' } });
    expect(harness.worker.to('/auth/login')[0]?.body).toEqual({
      login: 'marc@example.com',
      password: 'secret-password',
    });
    expect(fakeChrome.storage.local.data.session).toMatchObject({
      session: 'session-abc',
      workerUrl: WORKER_URL,
    });
    const everything = JSON.stringify([fakeChrome.storage.local.data, fakeChrome.storage.session.data]);
    expect(everything).not.toContain('secret-password');
    expect(fakeChrome.offscreen.created).toBe(1);
    expect(harness.commandsOf('configure')).toMatchObject([{ config: { signedIn: true } }]);
    expect(harness.state().health).toEqual({ status: 'starting' });
  });

  it.each([
    [error(401, 'unauthorized', 'Bad credentials.'), 'unauthorized', 'Wrong login or password / API key.'],
    ['network-error' as const, 'network', `Cannot reach the server at ${WORKER_URL}. Check the Worker URL.`],
    [
      error(502, 'odoo_unreachable', 'Odoo timed out.'),
      'odoo_unreachable',
      'The server cannot reach Odoo right now. Try again in a moment.',
    ],
    [
      error(
        403,
        'forbidden',
        'Portal and public Odoo users cannot use click-to-call: it is for internal users.',
        {
          details: { standing: 'not_internal' },
        },
      ),
      'forbidden',
      'Portal and public Odoo users cannot use click-to-call: it is for internal users.',
    ],
    [
      error(429, 'rate_limited', 'Too many failed sign-ins from here. Wait and try again.', {
        details: { retryAfterSeconds: 600 },
        headers: { 'Retry-After': '600' },
      }),
      'rate_limited',
      'Too many attempts: try again in 10 minutes.',
    ],
    [
      // CORS may hide the header; the body says it too. Here only the header does.
      error(429, 'rate_limited', 'Too many failed sign-ins from here.', { headers: { 'Retry-After': '45' } }),
      'rate_limited',
      'Too many attempts: try again in a minute.',
    ],
    [
      error(503, 'odoo_unreachable', 'Odoo refuses sign-ins from the worker for about a minute.', {
        headers: { 'Retry-After': '60' },
      }),
      'odoo_unreachable',
      'Odoo is refusing sign-ins for a moment (too many failed attempts): try again in a minute.',
    ],
  ])('explains a failed sign-in (%#) and stores nothing', async (reply, code, message) => {
    harness.worker.on('POST /auth/login', () => reply);
    const result = await harness.send('signIn', { login: 'marc', password: 'nope' }, SENDERS.options);
    expect(result).toEqual({ ok: false, error: { code, message } });
    expect(fakeChrome.storage.local.data.session).toBeUndefined();
  });

  it('refuses an empty login without calling the worker', async () => {
    const result = await harness.send('signIn', { login: '', password: '' }, SENDERS.options);
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(harness.worker.requests).toEqual([]);
  });

  it('gives the offscreen document a token with the session, and signs out on a 401', async () => {
    await harness.signIn();
    harness.worker.on('POST /token', () => ({
      status: 200,
      body: {
        token: 'jwt',
        identity: 'odoo_7',
        expiresAt: '2099-01-01T00:00:00Z',
        signalingUrl: '127.0.0.1:9999',
      },
    }));
    const token = await fakeChrome.runtime.sendMessage(
      { target: 'background', type: 'fetchToken' },
      SENDERS.offscreen,
    );
    expect(token).toMatchObject({ ok: true, data: { token: 'jwt', signalingUrl: '127.0.0.1:9999' } });
    expect(harness.worker.to('/token')[0]?.authorization).toBe('Bearer session-abc');

    harness.worker.on('POST /token', () => error(401, 'unauthorized', 'Session expired.'));
    const refused = await fakeChrome.runtime.sendMessage(
      { target: 'background', type: 'fetchToken' },
      SENDERS.offscreen,
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(fakeChrome.storage.local.data.session).toBeUndefined();
    expect(harness.state().health).toEqual({ status: 'signed_out' });
    expect(harness.commandsOf('configure').at(-1)).toMatchObject({ config: { signedIn: false } });
  });

  it('signs out when Odoo no longer allows the agent (403 from /token): the reason is kept, the phone stops', async () => {
    await harness.signIn();
    const reason =
      'This Odoo user is not in the group sales_team.group_sale_salesman that click-to-call is for: ask your Odoo admin.';
    harness.worker.on('POST /token', () =>
      error(403, 'forbidden', reason, { details: { standing: 'not_in_group' } }),
    );
    const refused = await fakeChrome.runtime.sendMessage(
      { target: 'background', type: 'fetchToken' },
      SENDERS.offscreen,
    );
    // `not_signed_in` is what makes the offscreen document stop asking (no retry loop).
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(fakeChrome.storage.local.data.session).toBeUndefined();
    expect(fakeChrome.storage.local.data.sessionEnded).toEqual({ reason, at: expect.any(Number) });
    expect(harness.state().health).toEqual({ status: 'signed_out' });
    expect(harness.commandsOf('configure').at(-1)).toMatchObject({ config: { signedIn: false } });
    // The worker ended every session of theirs already: nothing to end there.
    expect(harness.worker.to('/auth/logout')).toEqual([]);
  });

  it('keeps the reason of a session the worker ended (401), until the next sign-in', async () => {
    await harness.signIn();
    harness.worker.on('POST /token', () =>
      error(401, 'unauthorized', 'This session was ended: sign in again.'),
    );
    await fakeChrome.runtime.sendMessage({ target: 'background', type: 'fetchToken' }, SENDERS.offscreen);
    expect(fakeChrome.storage.local.data.sessionEnded).toMatchObject({
      reason: 'This session was ended: sign in again.',
    });
    expect(harness.worker.to('/auth/logout')).toEqual([]);
    await harness.signIn();
    expect(fakeChrome.storage.local.data.sessionEnded).toBeUndefined();
  });

  it('does not sign out on a 403 about one request (a wrap-up of another agent’s call)', async () => {
    await harness.signIn();
    harness.worker.on('GET /calls', () => error(403, 'forbidden', 'Not yours.'));
    await harness.send('recentCalls', {});
    expect(fakeChrome.storage.local.data.session).toBeDefined();
  });

  it('does not hand a token to a popup or a content script', async () => {
    await harness.signIn();
    for (const sender of [SENDERS.popup, SENDERS.contentScript]) {
      const result = await harness.send('fetchToken', {}, sender);
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('signs out on request: the session goes and the phone stops', async () => {
    await harness.signIn();
    await harness.send('signOut', {}, SENDERS.options);
    expect(fakeChrome.storage.local.data.session).toBeUndefined();
    expect(harness.state().health).toEqual({ status: 'signed_out' });
    expect(fakeChrome.action.badge.text).toBe('!');
    expect(harness.commandsOf('configure').at(-1)).toMatchObject({ config: { signedIn: false } });
  });

  it('ends the session at the worker too (POST /auth/logout), and forgets an old reason', async () => {
    await harness.signIn();
    fakeChrome.storage.local.data.sessionEnded = { reason: 'This session was ended: sign in again.', at: 1 };
    harness.worker.on('POST /auth/logout', () => ({ status: 204 }));
    expect(await harness.send('signOut', {}, SENDERS.options)).toEqual({ ok: true, data: null });
    expect(harness.worker.to('/auth/logout')).toMatchObject([{ authorization: 'Bearer session-abc' }]);
    expect(fakeChrome.storage.local.data.session).toBeUndefined();
    expect(fakeChrome.storage.local.data.sessionEnded).toBeUndefined();
  });

  it('signs out here first, whether the worker answers late or cannot be reached', async () => {
    await harness.signIn();
    let answer: (reply: { status: number }) => void = () => undefined;
    harness.worker.on('POST /auth/logout', () => new Promise((resolve) => (answer = resolve)));
    const signingOut = harness.send('signOut', {}, SENDERS.options);
    await expect.poll(() => harness.worker.to('/auth/logout').length).toBe(1);
    // Still waiting for the worker: the agent is signed out already, and the phone stopped.
    expect(fakeChrome.storage.local.data.session).toBeUndefined();
    expect(harness.state().health).toEqual({ status: 'signed_out' });
    expect(harness.commandsOf('configure').at(-1)).toMatchObject({ config: { signedIn: false } });
    answer({ status: 204 });
    expect(await signingOut).toEqual({ ok: true, data: null });

    await harness.signIn();
    harness.worker.on('POST /auth/logout', () => 'network-error');
    expect(await harness.send('signOut', {}, SENDERS.options)).toEqual({ ok: true, data: null });
    expect(fakeChrome.storage.local.data.session).toBeUndefined();
  });

  it('ends the old session when the worker URL changes', async () => {
    await harness.signIn();
    harness.worker.on('POST /auth/logout', () => ({ status: 204 }));
    await harness.send('saveSettings', { patch: { workerUrl: 'https://other.example.test' } });
    expect(harness.worker.to('/auth/logout')).toMatchObject([{ authorization: 'Bearer session-abc' }]);
  });

  it('signs out when the worker URL changes: a session is only good where it was issued', async () => {
    await harness.signIn();
    const result = await harness.send('saveSettings', {
      patch: { workerUrl: 'https://other.example.test/x' },
    });
    expect(result).toMatchObject({ ok: true, data: { workerUrl: 'https://other.example.test' } });
    expect(fakeChrome.storage.local.data.session).toBeUndefined();
  });

  it('lets policy win over stored settings and refuses to change a locked field', async () => {
    fakeChrome.storage.managed.data = { workerUrl: 'https://policy.example.test', defaultCountry: 'BE' };
    const settings = await harness.send('getSettings', {}, SENDERS.options);
    expect(settings).toMatchObject({
      ok: true,
      data: {
        workerUrl: 'https://policy.example.test',
        defaultCountry: 'BE',
        locked: ['workerUrl', 'defaultCountry'],
      },
    });
    const refused = await harness.send('saveSettings', { patch: { workerUrl: 'https://mine.example.test' } });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'invalid_settings', message: 'set by your administrator' },
    });
    expect(fakeChrome.storage.local.data.settings).toEqual({ workerUrl: WORKER_URL });
  });

  it('refuses bad settings and changes nothing', async () => {
    const result = await harness.send('saveSettings', {
      patch: { odooUrl: 'not a url', defaultCountry: 'ZZ', screenPop: 'always' as never },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_settings' } });
    expect(fakeChrome.storage.local.data.settings).toEqual({ workerUrl: WORKER_URL });
  });

  it('hands new audio devices and Insights to the running phone', async () => {
    await harness.signIn();
    await harness.send('saveSettings', {
      patch: {
        insights: false,
        audio: { inputDeviceId: 'mic-2', outputDeviceId: 'default', ringtoneDeviceId: 'spk-3' },
      },
    });
    expect(harness.commandsOf('configure').at(-1)).toMatchObject({
      config: { insights: false, audio: { inputDeviceId: 'mic-2', ringtoneDeviceId: 'spk-3' } },
    });
  });

  it('lets a content script dial but not sign out or read recent calls', async () => {
    await harness.signIn();
    for (const type of ['signOut', 'recentCalls'] as const) {
      expect(await harness.send(type, {}, SENDERS.contentScript)).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(fakeChrome.storage.local.data.session).toBeDefined();
  });

  it('shows no recent calls from a worker without GET /calls, and the list from one with it', async () => {
    await harness.signIn();
    expect(await harness.send('recentCalls', {})).toEqual({ ok: true, data: null });
    harness.worker.on('GET /calls', () => ({ status: 200, body: { calls: [] } }));
    expect(await harness.send('recentCalls', {})).toEqual({ ok: true, data: [] });
  });

  it('records the microphone grant and tells the phone', async () => {
    await harness.signIn();
    await harness.send('microphoneGranted', {}, SENDERS.options);
    expect(fakeChrome.storage.local.data.microphone).toEqual({ grantedAt: expect.any(Number) });
    expect(harness.commandsOf('configure').at(-1)).toMatchObject({ config: { microphoneGranted: true } });
  });

  it('opens session storage to content scripts and keeps a watchdog alarm', async () => {
    await onWorkerStart();
    expect(fakeChrome.alarms.all.get('phone-watchdog')).toMatchObject({ periodInMinutes: 1 });
    expect(fakeChrome.storage.session.accessLevel).toBe('TRUSTED_AND_UNTRUSTED_CONTEXTS');
  });
});
