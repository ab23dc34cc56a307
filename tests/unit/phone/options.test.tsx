// @vitest-environment happy-dom
import './support/install';

import { act, cleanup, configure, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OptionsApp } from '../../../extension/options/OptionsApp';
import frenchMessages from '../../../extension/public/_locales/fr/messages.json' with { type: 'json' };
import { installFakeBackground } from './support/fake-background';
import { AGENT } from './support/fake-worker';
import { fakeChrome } from './support/install';

const background = installFakeBackground();
// Generous waits: the machine is shared, and a slow render is not a wrong one.
configure({ asyncUtilTimeout: 5_000 });

/** The microphone as the page sees it: permission state and what getUserMedia does. */
/**
 * Chrome's microphone permission and getUserMedia. As in Chrome, the permission's status follows
 * the answer to getUserMedia (and says so with a change event), so the page reads the same
 * state whether its permission query is answered before or after the agent's click.
 */
function fakeMicrophone(state: PermissionState, getUserMedia: () => Promise<MediaStream>) {
  const status = Object.assign(new EventTarget(), { state });
  const settle = (next: PermissionState) => {
    status.state = next;
    status.dispatchEvent(new Event('change'));
  };
  vi.stubGlobal('navigator', {
    ...navigator,
    language: 'en-US',
    permissions: { query: async () => status },
    mediaDevices: Object.assign(new EventTarget(), {
      async getUserMedia() {
        try {
          const stream = await getUserMedia();
          settle('granted');
          return stream;
        } catch (error) {
          if (error instanceof DOMException && error.name === 'NotAllowedError') settle('denied');
          throw error;
        }
      },
      enumerateDevices: async () => [],
    }),
  });
}

function streamWithTrack() {
  const track = {
    stopped: false,
    stop() {
      track.stopped = true;
    },
  };
  return { track, stream: { getTracks: () => [track] } as unknown as MediaStream };
}

async function openOptions() {
  render(<OptionsApp />);
  await screen.findByRole('heading', { name: 'Odoo Click-to-Call settings' });
}

describe('options page', () => {
  beforeEach(() => {
    fakeChrome.reset();
    background.reset();
    fakeMicrophone('prompt', async () => streamWithTrack().stream);
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('signs in with the connection fields, and never keeps the password in the page', async () => {
    background.answer('signIn', { ok: true, data: AGENT });
    await openOptions();
    fireEvent.change(screen.getByLabelText('Worker URL'), { target: { value: 'https://calls.acme.test' } });
    fireEvent.change(screen.getByLabelText('Odoo URL'), { target: { value: 'https://acme.odoo.com' } });
    fireEvent.change(screen.getByLabelText('Login'), { target: { value: 'marc@example.com' } });
    fireEvent.change(screen.getByLabelText('Password or API key'), { target: { value: 'secret' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Sign in' })));

    expect(background.received.filter((message) => message.type !== 'microphoneGranted')).toEqual([
      {
        type: 'saveSettings',
        patch: { workerUrl: 'https://calls.acme.test', odooUrl: 'https://acme.odoo.com' },
      },
      { type: 'signIn', login: 'marc@example.com', password: 'secret' },
    ]);
    expect((screen.getByLabelText('Password or API key') as HTMLInputElement).value).toBe('');
  });

  it('asks for access to a company Odoo URL in the sign-in click, and runs the call buttons there', async () => {
    background.answer('signIn', { ok: true, data: AGENT });
    await openOptions();
    fireEvent.change(screen.getByLabelText('Odoo URL'), { target: { value: 'https://erp.acme.fr/odoo' } });
    fireEvent.change(screen.getByLabelText('Login'), { target: { value: 'marc@example.com' } });
    fireEvent.change(screen.getByLabelText('Password or API key'), { target: { value: 'secret' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Sign in' })));

    expect(fakeChrome.permissions.granted).toEqual(['https://erp.acme.fr/*']);
    expect(fakeChrome.scripting.registered.map((script) => script.matches)).toEqual([
      ['https://erp.acme.fr/*'],
    ]);
    expect(background.of('signIn')).toHaveLength(1);
  });

  it('says so when the user refuses access to the Odoo URL', async () => {
    fakeChrome.permissions.answer = false;
    await openOptions();
    fireEvent.change(screen.getByLabelText('Odoo URL'), { target: { value: 'https://erp.acme.fr' } });
    fireEvent.change(screen.getByLabelText('Login'), { target: { value: 'marc' } });
    fireEvent.change(screen.getByLabelText('Password or API key'), { target: { value: 'pw' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Sign in' })));
    expect(screen.getByRole('alert').textContent).toContain('erp.acme.fr');
    expect(fakeChrome.scripting.registered).toEqual([]);
  });

  it('shows why sign-in failed', async () => {
    background.answer('signIn', {
      ok: false,
      error: { code: 'unauthorized', message: 'Wrong login or password / API key.' },
    });
    await openOptions();
    fireEvent.change(screen.getByLabelText('Login'), { target: { value: 'marc' } });
    fireEvent.change(screen.getByLabelText('Password or API key'), { target: { value: 'nope' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Sign in' })));
    expect(screen.getByRole('alert').textContent).toBe('Wrong login or password / API key.');
  });

  it('says why the server signed the agent out, above the sign-in form', async () => {
    fakeChrome.storage.local.data.sessionEnded = { reason: 'This session was ended: sign in again.', at: 1 };
    await openOptions();
    expect(screen.getByRole('alert').textContent).toBe(
      'You were signed out by the server: This session was ended: sign in again.',
    );
    expect(screen.getByLabelText('Password or API key')).toBeTruthy();
  });

  it('shows the server’s words when Odoo does not allow this user as an agent', async () => {
    const message =
      'This Odoo user is not in the group sales_team.group_sale_salesman that click-to-call is for: ask your Odoo admin.';
    background.answer('signIn', { ok: false, error: { code: 'forbidden', message } });
    await openOptions();
    fireEvent.change(screen.getByLabelText('Login'), { target: { value: 'marc' } });
    fireEvent.change(screen.getByLabelText('Password or API key'), { target: { value: 'right' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Sign in' })));
    expect(screen.getByRole('alert').textContent).toBe(message);
  });

  it('refuses a worker URL that is not one, before anything is sent', async () => {
    await openOptions();
    fireEvent.change(screen.getByLabelText('Worker URL'), { target: { value: 'calls dot acme' } });
    fireEvent.change(screen.getByLabelText('Login'), { target: { value: 'marc' } });
    fireEvent.change(screen.getByLabelText('Password or API key'), { target: { value: 'pw' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Sign in' })));
    expect(screen.getByRole('alert').textContent).toBe(
      'Worker URL: enter an address such as https://example.com',
    );
    expect(background.of('signIn')).toEqual([]);
    expect(background.of('saveSettings')).toEqual([]);
  });

  it('shows fields set by policy read-only, with a note', async () => {
    fakeChrome.storage.managed.data = { workerUrl: 'https://policy.example.test', defaultCountry: 'BE' };
    await openOptions();
    const worker = screen.getByLabelText('Worker URL') as HTMLInputElement;
    expect(worker.value).toBe('https://policy.example.test');
    expect(worker.readOnly).toBe(true);
    expect(document.getElementById(worker.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Set by your administrator.',
    );
    expect((screen.getByLabelText('Odoo URL') as HTMLInputElement).readOnly).toBe(false);
    const country = screen.getByLabelText('Default country') as HTMLSelectElement;
    expect(country.disabled).toBe(true);
    expect(country.value).toBe('BE');
  });

  it('once signed in: who, and Sign out', async () => {
    fakeChrome.storage.local.data.session = {
      session: 's1',
      expiresAt: '2099-01-01T00:00:00Z',
      agent: AGENT,
      workerUrl: 'https://calls.acme.test',
    };
    await openOptions();
    expect(
      screen.getByText('Signed in as Marc Demo (marc@example.com) on https://calls.acme.test.'),
    ).toBeTruthy();
    expect(screen.queryByLabelText('Password or API key')).toBeNull();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Sign out' })));
    expect(background.of('signOut')).toHaveLength(1);
  });

  it('Allow microphone: asks Chrome here, stops the stream at once, tells the phone', async () => {
    const { track, stream } = streamWithTrack();
    fakeMicrophone('prompt', async () => stream);
    await openOptions();
    const section = screen.getByRole('region', { name: 'Microphone' });
    expect(within(section).getByRole('status').textContent).toBe(
      'The phone needs your microphone. Chrome will ask once.',
    );
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Allow microphone' })));
    expect(track.stopped).toBe(true);
    expect(background.of('microphoneGranted')).toHaveLength(1);
    expect(within(section).getByRole('status').textContent).toBe('The microphone is allowed.');
  });

  it('Allow microphone: explains a refusal', async () => {
    fakeMicrophone('prompt', async () => {
      throw new DOMException('Permission denied', 'NotAllowedError');
    });
    await openOptions();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Allow microphone' })));
    expect(screen.getByRole('alert').textContent).toContain('The microphone is blocked.');
    expect(background.of('microphoneGranted')).toEqual([]);
  });

  it('saves only the call settings that changed', async () => {
    await openOptions();
    fireEvent.change(screen.getByLabelText('Default country'), { target: { value: 'BE' } });
    fireEvent.change(screen.getByLabelText("Open the caller's record"), { target: { value: 'answer' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save settings' })));
    expect(background.of('saveSettings')).toEqual([
      { type: 'saveSettings', patch: { defaultCountry: 'BE', screenPop: 'answer' } },
    ]);
    expect(screen.getByText('Settings saved.')).toBeTruthy();
  });

  it('names countries in the UI language and the screen-pop choices', async () => {
    await openOptions();
    const country = screen.getByLabelText('Default country') as HTMLSelectElement;
    expect(within(country).getByRole('option', { name: 'Belgium (BE)' })).toBeTruthy();
    const screenPop = screen.getByLabelText("Open the caller's record");
    expect(
      within(screenPop)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Never', 'When a call rings', 'When I answer']);
  });

  it('lists the keyboard shortcuts as Chrome has them, and says where to change them', async () => {
    await openOptions();
    const section = screen.getByRole('region', { name: 'Keyboard shortcuts' });
    const rows = (await within(section).findAllByRole('term')).map(
      (term) => `${term.textContent} = ${term.nextElementSibling?.textContent}`,
    );
    expect(rows).toEqual([
      "Open the extension's window (Phone number field) = Alt+Shift+D",
      'Answer the ringing call = Alt+Shift+A',
      'Hang up, or decline the ringing call = Alt+Shift+H',
      'Mute or unmute the call = Alt+Shift+M',
    ]);
    expect(section.textContent).toContain('chrome://extensions/shortcuts');
    // An extension page cannot open Chrome's page: the address is text, not a dead link.
    expect(within(section).queryByRole('link')).toBeNull();
  });

  it('shows a shortcut the agent removed as not set, and a changed one once they come back', async () => {
    fakeChrome.commands.all = fakeChrome.commands.all.map((command) =>
      command.name === 'toggle-mute' ? { ...command, shortcut: '' } : command,
    );
    await openOptions();
    const section = screen.getByRole('region', { name: 'Keyboard shortcuts' });
    const mute = await within(section).findByText('Mute or unmute the call');
    await vi.waitFor(() => expect(mute.nextElementSibling?.textContent).toBe('Not set'));

    fakeChrome.commands.all = fakeChrome.commands.all.map((command) =>
      command.name === 'toggle-mute' ? { ...command, shortcut: 'Alt+Shift+U' } : command,
    );
    act(() => void document.dispatchEvent(new Event('visibilitychange')));
    await vi.waitFor(() => expect(mute.nextElementSibling?.textContent).toBe('Alt+Shift+U'));
  });

  it('names the shortcuts in French for a French browser', async () => {
    fakeChrome.i18n.messages = frenchMessages as typeof fakeChrome.i18n.messages;
    fakeChrome.i18n.uiLanguage = 'fr';
    render(<OptionsApp />);
    const section = await screen.findByRole('region', { name: 'Raccourcis clavier' });
    expect(await within(section).findByText("Décrocher l'appel entrant")).toBeTruthy();
    expect(section.textContent).toContain('chrome://extensions/shortcuts');
  });
});
