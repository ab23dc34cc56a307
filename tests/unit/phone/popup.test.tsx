// @vitest-environment happy-dom
import './support/install';

import { act, cleanup, configure, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PopupApp } from '../../../extension/popup/PopupApp';
import frenchMessages from '../../../extension/public/_locales/fr/messages.json' with { type: 'json' };
import type { CallSummary } from '../../../shared/api';
import { type CallParty, INITIAL_PHONE_STATE, type PhoneState } from '../../../shared/phone-state';
import { installFakeBackground } from './support/fake-background';
import { AGENT } from './support/fake-worker';
import { fakeChrome } from './support/install';

const background = installFakeBackground();
// Generous waits: the machine is shared, and a slow render is not a wrong one.
configure({ asyncUtilTimeout: 5_000 });
const NOW = Date.now();

const ready: PhoneState = { ...INITIAL_PHONE_STATE, health: { status: 'ready' } };
const lead = { number: '+3210588558', display: '+32 10 58 85 58', name: 'Office Design Project' };

function signedIn(phone: PhoneState) {
  fakeChrome.storage.local.data.session = {
    session: 's1',
    expiresAt: '2099-01-01T00:00:00Z',
    agent: AGENT,
    workerUrl: 'https://calls.example.test',
  };
  fakeChrome.storage.local.data.settings = { defaultCountry: 'FR' };
  fakeChrome.storage.session.data.phone = phone;
}

/** What the background writes: the popup must follow it. */
async function backgroundWrites(phone: PhoneState) {
  await act(() => fakeChrome.storage.session.set({ phone }));
}

async function openPopup() {
  render(<PopupApp />);
  await screen.findAllByRole('status');
}

describe('popup', () => {
  beforeEach(() => {
    fakeChrome.reset();
    background.reset();
    background.answer('recentCalls', { ok: true, data: null });
  });
  afterEach(cleanup);

  it('signed out: says so and offers the settings, no dialer', async () => {
    await openPopup();
    expect(screen.getByRole('status').textContent).toContain('Not signed in');
    expect(screen.getByText('Sign in to make and take calls.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Open settings' })).toBeTruthy();
    expect(screen.queryByLabelText('Phone number')).toBeNull();
  });

  it('signed out by the server: says why, in its words', async () => {
    fakeChrome.storage.local.data.sessionEnded = {
      reason: 'Portal and public Odoo users cannot use click-to-call: it is for internal users.',
      at: NOW,
    };
    await openPopup();
    expect(screen.getByRole('alert').textContent).toBe(
      'You were signed out by the server: Portal and public Odoo users cannot use click-to-call: it is for internal users.',
    );
    expect(screen.getByText('Sign in to make and take calls.')).toBeTruthy();
  });

  it('signed out by the agent: no reason shown', async () => {
    await openPopup();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('without a microphone: asks for it, no dialer', async () => {
    signedIn({ ...ready, health: { status: 'no_microphone' } });
    await openPopup();
    expect(screen.getByText('Allow the microphone to make and take calls.')).toBeTruthy();
    expect(screen.queryByLabelText('Phone number')).toBeNull();
  });

  it('not registered: says why, with Twilio’s code', async () => {
    signedIn({ ...ready, health: { status: 'error', code: 20101, message: 'Invalid access token' } });
    await openPopup();
    expect(screen.getByRole('status').textContent).toBe(
      "Cannot take calls: Twilio refused the phone's access token (20101)",
    );
    expect(screen.getByLabelText('Phone number')).toBeTruthy();
  });

  it('ready: formats the number as typed and calls it', async () => {
    signedIn(ready);
    await openPopup();
    expect(screen.getByRole('status').textContent).toBe('Ready for calls');
    expect(background.of('ensurePhone')).toHaveLength(1);
    const field = screen.getByLabelText('Phone number') as HTMLInputElement;
    fireEvent.change(field, { target: { value: '0612345678' } });
    expect(field.value).toBe('06 12 34 56 78');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Call' })));
    expect(background.of('dial')).toEqual([
      { type: 'dial', number: '06 12 34 56 78', display: '06 12 34 56 78' },
    ]);
    expect(field.value).toBe('');
  });

  it('keeps what is left while the agent deletes', async () => {
    signedIn(ready);
    await openPopup();
    const field = screen.getByLabelText('Phone number') as HTMLInputElement;
    fireEvent.change(field, { target: { value: '0612' } });
    expect(field.value).toBe('06 12');
    fireEvent.change(field, { target: { value: '06 1' } });
    expect(field.value).toBe('06 1');
  });

  it('shows why the background refused a call', async () => {
    signedIn(ready);
    background.answer('dial', {
      ok: false,
      error: { code: 'invalid_number', message: '"12" is not a phone number.' },
    });
    await openPopup();
    fireEvent.change(screen.getByLabelText('Phone number'), { target: { value: '12' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Call' })));
    expect(screen.getByRole('alert').textContent).toBe('"12" is not a phone number.');
    expect(screen.getByLabelText('Phone number').getAttribute('aria-invalid')).toBe('true');
  });

  it('in a call: who, timer, Mute/Unmute, Keypad, Hang up, quality warnings', async () => {
    signedIn({
      ...ready,
      call: {
        callSid: 'CA1',
        direction: 'outbound',
        party: lead,
        phase: 'open',
        answeredAt: NOW - 65_000,
        muted: false,
        warnings: ['high-rtt', 'high-jitter'],
      },
    });
    await openPopup();
    const panel = screen.getByRole('region', { name: 'Call in progress' });
    expect(within(panel).getByText('Office Design Project')).toBeTruthy();
    expect(within(panel).getByText('+32 10 58 85 58')).toBeTruthy();
    expect(panel.querySelector('time')?.textContent).toMatch(/^1:0[5-6]$/);
    expect(
      within(panel)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Poor network: the call may sound choppy.']);
    expect(screen.queryByLabelText('Phone number')).toBeNull();

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Mute' })));
    expect(background.of('setMuted')).toEqual([{ type: 'setMuted', muted: true }]);

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Keypad' })));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '5' })));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '#' })));
    expect(background.of('sendDigits').map((message) => message.digits)).toEqual(['5', '#']);

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Hang up' })));
    expect(background.of('hangUp')).toHaveLength(1);
  });

  it('follows the phone state as the background changes it (mute, then the end of the call)', async () => {
    const call = {
      callSid: 'CA1',
      direction: 'outbound' as const,
      party: lead,
      phase: 'ringing' as const,
      answeredAt: null,
      muted: false,
      warnings: [],
    };
    signedIn({ ...ready, call });
    await openPopup();
    expect(screen.getByText('Ringing…')).toBeTruthy();
    await backgroundWrites({ ...ready, call: { ...call, phase: 'open', answeredAt: NOW, muted: true } });
    expect(screen.getByRole('button', { name: 'Unmute' }).getAttribute('aria-pressed')).toBe('true');
    await backgroundWrites({
      ...ready,
      wrapUp: { callSid: 'CA1', direction: 'outbound', party: lead, endedAt: NOW, durationSeconds: 42 },
    });
    expect(screen.queryByRole('button', { name: 'Hang up' })).toBeNull();
    expect(screen.getByLabelText('Note')).toBeTruthy();
  });

  it('incoming call: Accept and Decline', async () => {
    signedIn({ ...ready, incoming: { callSid: 'CA9', party: lead, receivedAt: NOW } });
    await openPopup();
    expect(screen.getByText('Office Design Project')).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Accept' })));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Decline' })));
    expect(background.received.filter((m) => m.type !== 'ensurePhone' && m.type !== 'recentCalls')).toEqual([
      { type: 'acceptIncoming', callSid: 'CA9' },
      { type: 'declineIncoming', callSid: 'CA9' },
    ]);
  });

  it('says why the last call failed in a sentence, never the SDK message', async () => {
    const raw = 'ConnectionError (31005): Error sent from gateway in HANGUP';
    signedIn({ ...ready, callError: { code: 31005, message: raw, at: NOW } });
    await openPopup();
    expect(screen.getByRole('alert').textContent).toBe(
      'The last call failed: The connection to the phone service dropped. Check your internet connection and call again.',
    );
  });

  it('names the code of a Twilio failure it has no sentence for, for the admin', async () => {
    signedIn({ ...ready, callError: { code: 31999, message: 'GeneralError: something', at: NOW } });
    await openPopup();
    expect(screen.getByRole('alert').textContent).toBe(
      'The last call failed: The phone service ended the call (code 31999). Call again; if it keeps happening, tell your admin.',
    );
  });

  it('stops showing a dropped-connection failure once the phone and the server are back', async () => {
    signedIn({ ...ready, callError: { code: 31005, message: 'x', at: NOW } });
    fakeChrome.storage.session.data.workerHealth = { reachable: true, status: 200, checkedAt: NOW + 60_000 };
    await openPopup();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('is not "Ready for calls" while the server is down, and says what that means', async () => {
    signedIn(ready);
    fakeChrome.storage.session.data.workerHealth = { reachable: false, status: 0, checkedAt: NOW };
    await openPopup();
    const status = screen.getByRole('status');
    expect(status.textContent).toBe(
      'Server unreachable: calls can neither start nor be noted. Checking again every minute.',
    );
    expect(status.className).toContain('health-problem');
  });

  it.each([
    ['an incoming call', { incoming: { callSid: 'CA1', party: lead, receivedAt: NOW } }, 'Incoming call…'],
    [
      'an outgoing call ringing',
      {
        call: {
          callSid: 'CA1',
          direction: 'outbound',
          party: lead,
          phase: 'ringing',
          answeredAt: null,
          muted: false,
          warnings: [],
        },
      },
      'Calling…',
    ],
    [
      'an answered call',
      {
        call: {
          callSid: 'CA1',
          direction: 'outbound',
          party: lead,
          phase: 'open',
          answeredAt: NOW,
          muted: false,
          warnings: [],
        },
      },
      'In a call',
    ],
    [
      'a pending wrap-up',
      { wrapUp: { callSid: 'CA1', direction: 'outbound', party: lead, endedAt: NOW, durationSeconds: 30 } },
      'Wrap-up: note the outcome of the last call',
    ],
    ['do not disturb', { availability: 'dnd' }, 'Do not disturb: incoming calls go to your colleagues'],
  ] as const)('tells the real state in the header: %s', async (_, patch, text) => {
    signedIn({ ...ready, ...(patch as Partial<PhoneState>) });
    await openPopup();
    expect(screen.getAllByRole('status')[0]!.textContent).toBe(text);
  });

  it('switches between available and do-not-disturb', async () => {
    signedIn(ready);
    await openPopup();
    // Named once: not "Available Available" (label and state word both in the name).
    const available = screen.getByRole('switch', { name: 'Available' }) as HTMLInputElement;
    expect(available.checked).toBe(true);
    await act(async () => fireEvent.click(available));
    expect(background.of('setAvailability')).toEqual([{ type: 'setAvailability', availability: 'dnd' }]);
  });
});

describe('popup wrap-up', () => {
  const wrapUp = {
    callSid: 'CA1',
    direction: 'outbound' as const,
    party: lead,
    endedAt: NOW,
    durationSeconds: 95,
  };

  beforeEach(() => {
    fakeChrome.reset();
    background.reset();
    background.answer('recentCalls', { ok: true, data: null });
    signedIn({ ...ready, wrapUp });
  });
  afterEach(cleanup);

  it('keeps the draft when the popup closes and reopens', async () => {
    await openPopup();
    expect(await screen.findByText('Call ended · 1:35')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: 'callback_requested' } });
    fireEvent.change(screen.getByLabelText('Note'), { target: { value: 'Call back Thursday' } });
    expect(fakeChrome.storage.local.data['draft:CA1']).toEqual({
      callSid: 'CA1',
      disposition: 'callback_requested',
      note: 'Call back Thursday',
    });
    cleanup();
    await openPopup();
    expect((await screen.findByLabelText('Note')).textContent).toBe('Call back Thursday');
    expect((screen.getByLabelText('Outcome') as HTMLSelectElement).value).toBe('callback_requested');
  });

  it('asks for an outcome before saving, then saves outcome and note', async () => {
    await openPopup();
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: 'Save' })));
    expect(screen.getByRole('alert').textContent).toBe('Pick an outcome first.');
    expect(background.of('saveWrapUp')).toEqual([]);

    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: 'meeting_booked' } });
    fireEvent.change(screen.getByLabelText('Note'), { target: { value: 'Demo on Tuesday' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })));
    expect(background.of('saveWrapUp')).toEqual([
      { type: 'saveWrapUp', callSid: 'CA1', disposition: 'meeting_booked', note: 'Demo on Tuesday' },
    ]);
  });

  it('offers every outcome by name', async () => {
    await openPopup();
    const options = within(await screen.findByLabelText('Outcome')).getAllByRole('option');
    expect(options.map((option) => option.textContent)).toEqual([
      'Choose…',
      'Interested',
      'Not interested',
      'Call back requested',
      'Meeting booked',
      'Left a voicemail',
      'No answer',
      'Busy',
      'Call failed',
      'Wrong number',
      'Other',
    ]);
  });

  it('can be skipped', async () => {
    await openPopup();
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: 'Skip' })));
    expect(background.of('dismissWrapUp')).toEqual([{ type: 'dismissWrapUp', callSid: 'CA1' }]);
  });

  it('keeps a note the worker refused, says why, and sends it again on request', async () => {
    fakeChrome.storage.local.data.outbox = [
      {
        callSid: 'CA0',
        disposition: 'other',
        note: 'x',
        queuedAt: 0,
        attempts: 1,
        nextAttemptAt: 0,
        lastError: 'Note too long.',
        failed: true,
      },
    ];
    await openPopup();
    // The outbox is read from storage after the first render: wait for it, however slow the machine.
    expect(await screen.findByText('1 note(s) refused by the server: Note too long.')).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Send again' })));
    expect(background.of('retryWrapUps')).toHaveLength(1);
  });

  it('says how many notes wait to be sent', async () => {
    fakeChrome.storage.local.data.outbox = [
      {
        callSid: 'CA0',
        disposition: 'other',
        note: '',
        queuedAt: 0,
        attempts: 2,
        nextAttemptAt: 0,
        lastError: 'HTTP 503',
        failed: false,
      },
    ];
    await openPopup();
    expect(await screen.findByText('1 note(s) waiting to be sent.')).toBeTruthy();
  });

  it("counts only the signed-in agent's notes, not those another agent left on this browser", async () => {
    const item = (callSid: string, uid: number, failed: boolean) => ({
      owner: { workerUrl: 'https://calls.example.test', uid },
      callSid,
      disposition: 'other' as const,
      note: '',
      queuedAt: 0,
      attempts: 1,
      nextAttemptAt: 0,
      lastError: 'Not theirs to see.',
      failed,
    });
    fakeChrome.storage.local.data.outbox = [
      item('CA0', AGENT.uid, false),
      item('CA8', AGENT.uid + 1, false),
      item('CA9', AGENT.uid + 1, true),
    ];
    await openPopup();
    expect(screen.getByText('1 note(s) waiting to be sent.')).toBeTruthy();
    expect(screen.queryByText(/refused by the server/)).toBeNull();
  });
});

/** Issue 13, items 2 and 7: wrap-ups set aside by the next call, and where each note goes. */
describe('popup focus: where the agent types next (issue 13)', () => {
  const call = {
    callSid: 'CA1',
    direction: 'outbound' as const,
    party: lead,
    phase: 'open' as const,
    answeredAt: NOW - 30_000,
    muted: false,
    warnings: [],
  };
  const wrapUp = {
    callSid: 'CA1',
    direction: 'outbound' as const,
    party: lead,
    endedAt: NOW,
    durationSeconds: 30,
  };

  beforeEach(() => {
    fakeChrome.reset();
    background.reset();
    background.answer('recentCalls', { ok: true, data: null });
  });
  afterEach(cleanup);

  it('opened while idle (its shortcut included), puts the cursor in Phone number', async () => {
    signedIn(ready);
    await openPopup();
    expect(document.activeElement).toBe(screen.getByLabelText('Phone number'));
  });

  it('moves the focus to the outcome once the call is hung up', async () => {
    signedIn({ ...ready, call });
    await openPopup();
    const hangUp = screen.getByRole('button', { name: 'Hang up' });
    hangUp.focus();
    await act(async () => fireEvent.click(hangUp));
    await backgroundWrites({ ...ready, wrapUp });
    const outcome = await screen.findByLabelText('Outcome');
    await vi.waitFor(() => expect(document.activeElement).toBe(outcome));
  });

  it('opened with a wrap-up pending, focuses its outcome, not the dialer', async () => {
    signedIn({ ...ready, wrapUp });
    await openPopup();
    const outcome = await screen.findByLabelText('Outcome');
    await vi.waitFor(() => expect(document.activeElement).toBe(outcome));
    expect(document.activeElement).not.toBe(screen.getByLabelText('Phone number'));
  });

  it('"Pick an outcome first" is tied to the outcome, which gets the focus, until one is picked', async () => {
    signedIn({ ...ready, wrapUp });
    await openPopup();
    const save = await screen.findByRole('button', { name: 'Save' });
    fireEvent.change(screen.getByLabelText('Note'), { target: { value: 'Left a message' } });
    screen.getByLabelText('Note').focus();
    await act(async () => fireEvent.click(save));
    const alert = screen.getByRole('alert');
    const outcome = screen.getByLabelText('Outcome');
    expect(alert.textContent).toBe('Pick an outcome first.');
    expect(document.activeElement).toBe(outcome);
    expect(outcome.getAttribute('aria-invalid')).toBe('true');
    expect(outcome.getAttribute('aria-describedby')).toBe(alert.id);
    expect((screen.getByLabelText('Note') as HTMLTextAreaElement).value).toBe('Left a message');

    fireEvent.change(outcome, { target: { value: 'left_voicemail' } });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(outcome.getAttribute('aria-invalid')).toBe('false');
    expect(outcome.hasAttribute('aria-describedby')).toBe(false);
  });

  it('gives the focus back to Phone number once the wrap-up is saved', async () => {
    signedIn({ ...ready, wrapUp });
    await openPopup();
    fireEvent.change(await screen.findByLabelText('Outcome'), { target: { value: 'meeting_booked' } });
    const save = screen.getByRole('button', { name: 'Save' });
    save.focus();
    await act(async () => fireEvent.click(save));
    await backgroundWrites(ready);
    expect(screen.queryByLabelText('Outcome')).toBeNull();
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Phone number')));
  });
});

describe('popup waiting wrap-ups and where the note goes', () => {
  const ended = (callSid: string, party: CallParty, endedAt: number) => ({
    callSid,
    direction: 'outbound' as const,
    party,
    endedAt,
    durationSeconds: 30,
    owner: { workerUrl: 'https://calls.example.test', uid: AGENT.uid },
  });
  const clock = new Intl.DateTimeFormat('en-US', { timeStyle: 'short' });

  beforeEach(() => {
    fakeChrome.reset();
    background.reset();
    background.answer('recentCalls', { ok: true, data: null });
  });
  afterEach(cleanup);

  it('lists the wrap-ups waiting, whose and when, and opens the one asked for', async () => {
    const first = ended('CA1', lead, NOW - 20 * 60_000);
    const second = ended('CA2', { number: '+33612345678', display: '+33 6 12 34 56 78' }, NOW - 5 * 60_000);
    const theirs = {
      ...ended('CA8', lead, NOW),
      owner: { workerUrl: 'https://calls.example.test', uid: AGENT.uid + 1 },
    };
    signedIn({
      ...ready,
      call: {
        callSid: 'CA3',
        direction: 'outbound',
        party: lead,
        phase: 'open',
        answeredAt: NOW,
        muted: false,
        warnings: [],
      },
      waitingWrapUps: [first, second, theirs],
    });
    await openPopup();
    const list = screen.getByRole('region', { name: '2 wrap-up(s) waiting' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      `Office Design Projectended at ${clock.format(new Date(first.endedAt))}Finish`,
      `+33 6 12 34 56 78ended at ${clock.format(new Date(second.endedAt))}Finish`,
    ]);
    const finish = within(list).getByRole('button', {
      name: `Finish the wrap-up of +33 6 12 34 56 78, ${clock.format(new Date(second.endedAt))}`,
    });
    await act(async () => fireEvent.click(finish));
    expect(background.of('openWrapUp')).toEqual([{ type: 'openWrapUp', callSid: 'CA2' }]);
  });

  it('shows the wrap-up the agent opened, with the draft typed before the next call', async () => {
    const first = ended('CA1', lead, NOW - 60_000);
    fakeChrome.storage.local.data['draft:CA1'] = {
      callSid: 'CA1',
      disposition: 'interested',
      note: 'Half a',
    };
    signedIn({ ...ready, wrapUp: first, waitingWrapUps: [ended('CA2', lead, NOW)] });
    await openPopup();
    expect((await screen.findByLabelText('Note')).textContent).toBe('Half a');
    expect((screen.getByLabelText('Outcome') as HTMLSelectElement).value).toBe('interested');
    expect(screen.getByRole('region', { name: '1 wrap-up(s) waiting' })).toBeTruthy();
  });

  it('says which record the note goes to', async () => {
    const record = { model: 'crm.lead', id: 14, name: 'Office Design Project' };
    signedIn({ ...ready, wrapUp: ended('CA1', { ...lead, name: 'Deco Addict', record }, NOW) });
    await openPopup();
    expect(await screen.findByText('Note goes to: Office Design Project')).toBeTruthy();
    expect(screen.queryByText(/matched no Odoo record/)).toBeNull();
  });

  it('names the lead a number was clicked on, though Odoo gave no name for it', async () => {
    const party = { number: '+3210588558', display: '+32 10 588 558', record: { model: 'crm.lead', id: 14 } };
    signedIn({ ...ready, wrapUp: ended('CA1', party, NOW) });
    await openPopup();
    expect(await screen.findByText('Note goes to: the lead you called from (ID 14)')).toBeTruthy();
  });

  it('warns when the call matched no Odoo record', async () => {
    signedIn({ ...ready, wrapUp: ended('CA1', { number: '+33612345678', display: '06 12 34 56 78' }, NOW) });
    await openPopup();
    expect(
      await screen.findByText(
        'This call matched no Odoo record: unless Odoo has an open lead or a contact with this number when the call is logged, the note will be kept in the call log only (Recent calls).',
      ),
    ).toBeTruthy();
    expect(screen.queryByText(/Note goes to/)).toBeNull();
  });

  it('fills in the outcome of a busy attempt: the agent only confirms it', async () => {
    signedIn({ ...ready, wrapUp: { ...ended('CA1', lead, NOW), durationSeconds: 0, unanswered: 'busy' } });
    await openPopup();
    expect(
      await screen.findByText(
        'Not answered: the line was busy. The outcome is filled in: check it and save. With no note, it is saved as it is when your next call starts.',
      ),
    ).toBeTruthy();
    expect((screen.getByLabelText('Outcome') as HTMLSelectElement).value).toBe('busy');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })));
    expect(background.of('saveWrapUp')).toEqual([
      { type: 'saveWrapUp', callSid: 'CA1', disposition: 'busy', note: '' },
    ]);
  });

  it('fills in "No answer" for an attempt the agent hung up while it rang, and lets them change it', async () => {
    signedIn({
      ...ready,
      wrapUp: { ...ended('CA1', lead, NOW), durationSeconds: 0, unanswered: 'canceled' },
    });
    await openPopup();
    expect(await screen.findByText(/^Not answered: you hung up while it rang\./)).toBeTruthy();
    expect((screen.getByLabelText('Outcome') as HTMLSelectElement).value).toBe('no_answer');
    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: 'wrong_number' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })));
    expect(background.of('saveWrapUp')).toEqual([
      { type: 'saveWrapUp', callSid: 'CA1', disposition: 'wrong_number', note: '' },
    ]);
  });
});

describe('popup wrap-up: the call back (issue 13, item 6)', () => {
  // A Friday at noon, local time: the next working day is Monday the 13th.
  const FRIDAY = new Date(2031, 0, 10, 12, 0);
  const wrapUp = {
    callSid: 'CA1',
    direction: 'outbound' as const,
    party: lead,
    endedAt: FRIDAY.getTime(),
    durationSeconds: 95,
  };

  beforeEach(() => {
    // Only the date: timers stay real, so the views render as they do in Chrome.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(FRIDAY);
    fakeChrome.reset();
    background.reset();
    background.answer('recentCalls', { ok: true, data: null });
    signedIn({ ...ready, wrapUp });
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  const pick = (disposition: string) =>
    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: disposition } });
  const scheduled = () => (screen.getByLabelText('Schedule a call back') as HTMLInputElement).checked;
  const day = () => (screen.queryByLabelText('Call back on') as HTMLInputElement | null)?.value ?? null;
  const save = () => act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })));

  it('offers the next step by outcome: the next working day for a call back, two after no answer, none otherwise', async () => {
    await openPopup();
    await screen.findByLabelText('Outcome');
    expect([scheduled(), day()]).toEqual([false, null]);
    pick('callback_requested');
    expect([scheduled(), day()]).toEqual([true, '2031-01-13']);
    pick('no_answer');
    expect([scheduled(), day()]).toEqual([true, '2031-01-14']);
    pick('left_voicemail');
    expect([scheduled(), day()]).toEqual([true, '2031-01-14']);
    for (const other of ['interested', 'not_interested', 'meeting_booked', 'wrong_number', 'other']) {
      pick(other);
      expect([other, scheduled(), day()]).toEqual([other, false, null]);
    }
    const field = screen.getByLabelText('Schedule a call back');
    fireEvent.click(field);
    expect([scheduled(), day()]).toEqual([true, '2031-01-13']);
    expect((screen.getByLabelText('Call back on') as HTMLInputElement).min).toBe('2031-01-10');
  });

  it('saves the call back with the wrap-up, on the day the agent chose, and keeps it in the draft', async () => {
    await openPopup();
    await screen.findByLabelText('Outcome');
    pick('callback_requested');
    fireEvent.change(screen.getByLabelText('Call back on'), { target: { value: '2031-01-20' } });
    expect(fakeChrome.storage.local.data['draft:CA1']).toMatchObject({
      followUp: { enabled: true, date: '2031-01-20' },
    });
    await save();
    expect(background.of('saveWrapUp')).toEqual([
      {
        type: 'saveWrapUp',
        callSid: 'CA1',
        disposition: 'callback_requested',
        note: '',
        followUp: { date: '2031-01-20' },
      },
    ]);
  });

  it('saves the default day untouched, and nothing when the agent unticks it', async () => {
    await openPopup();
    await screen.findByLabelText('Outcome');
    pick('no_answer');
    await save();
    pick('callback_requested');
    fireEvent.click(screen.getByLabelText('Schedule a call back'));
    await save();
    expect(background.of('saveWrapUp').map((message) => message.followUp)).toEqual([
      { date: '2031-01-14' },
      undefined,
    ]);
  });

  it('refuses a day in the past, and says so', async () => {
    await openPopup();
    await screen.findByLabelText('Outcome');
    pick('callback_requested');
    fireEvent.change(screen.getByLabelText('Call back on'), { target: { value: '2031-01-09' } });
    await save();
    expect(screen.getByRole('alert').textContent).toBe(
      'Pick a call-back day from today on, at most a year ahead.',
    );
    expect(background.of('saveWrapUp')).toEqual([]);
  });

  it('is labelled in French for a French browser', async () => {
    fakeChrome.i18n.messages = frenchMessages as typeof fakeChrome.i18n.messages;
    fakeChrome.i18n.uiLanguage = 'fr';
    await openPopup();
    fireEvent.change(await screen.findByLabelText('Résultat'), { target: { value: 'callback_requested' } });
    expect((screen.getByLabelText('Planifier un rappel') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('Rappeler le') as HTMLInputElement).value).toBe('2031-01-13');
  });
});

describe('popup recent calls', () => {
  const calls: CallSummary[] = [
    {
      callSid: 'CA1',
      direction: 'outbound',
      number: '+3210588558',
      startedAt: '2025-03-04T09:15:00Z',
      durationSeconds: 95,
      outcome: 'answered',
      record: { model: 'crm.lead', id: 14, name: 'Office Design Project' },
      logStatus: 'logged',
      disposition: 'interested',
      note: 'Demo',
    },
    {
      callSid: 'CA2',
      direction: 'inbound',
      number: '+33612345678',
      startedAt: '2025-03-04T08:00:00Z',
      durationSeconds: null,
      outcome: 'no_answer',
      record: null,
      logStatus: 'pending',
      disposition: null,
      note: null,
    },
  ];

  beforeEach(() => {
    fakeChrome.reset();
    background.reset();
    signedIn(ready);
  });
  afterEach(cleanup);

  it('says where each call back stands: scheduled in Odoo, not yet, or not at all for a call without a record', async () => {
    const base = calls[0]!;
    background.answer('recentCalls', {
      ok: true,
      data: [
        { ...base, callSid: 'CA5', followUp: { date: '2031-01-13', status: 'scheduled' } },
        {
          ...base,
          callSid: 'CA6',
          logStatus: 'pending',
          followUp: { date: '2031-01-14', status: 'pending' },
        },
        {
          ...base,
          callSid: 'CA7',
          record: null,
          logStatus: 'unmatched',
          followUp: { date: '2031-01-15', status: 'not_scheduled', reason: 'No Odoo record.' },
        },
        { ...base, callSid: 'CA8' },
      ],
    });
    await openPopup();
    const rows = within(await screen.findByRole('region', { name: 'Recent calls' })).getAllByRole('listitem');
    expect(rows[0]?.textContent).toContain('Call back on 2031-01-13 scheduled in Odoo');
    expect(rows[1]?.textContent).toContain('Call back on 2031-01-14: not in Odoo yet');
    expect(rows[2]?.textContent).toContain(
      'Call back on 2031-01-15 not scheduled: this call has no Odoo record',
    );
    expect(rows[3]?.textContent).not.toContain('Call back');
  });

  it('lists them and redials with the record', async () => {
    background.answer('recentCalls', { ok: true, data: calls });
    await openPopup();
    const list = await screen.findByRole('region', { name: 'Recent calls' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain('Office Design Project');
    expect(rows[0]?.textContent).toContain('Interested');
    expect(rows[1]?.textContent).toContain('+33 6 12 34 56 78');
    expect(rows[1]?.textContent).toContain('No answer');
    await act(async () =>
      fireEvent.click(within(list).getByRole('button', { name: 'Redial Office Design Project' })),
    );
    expect(background.of('dial')).toEqual([
      {
        type: 'dial',
        number: '+3210588558',
        display: '+32 10 58 85 58',
        record: { model: 'crm.lead', id: 14 },
      },
    ]);
  });

  it('shows nothing for a worker without the list, and the reason when it fails', async () => {
    background.answer('recentCalls', { ok: true, data: null });
    await openPopup();
    expect(screen.queryByRole('region', { name: 'Recent calls' })).toBeNull();
    cleanup();
    background.answer('recentCalls', { ok: false, error: { code: 'network', message: 'Failed to fetch' } });
    await openPopup();
    expect((await screen.findByText(/Recent calls cannot be shown/)).textContent).toBe(
      'Recent calls cannot be shown: Failed to fetch',
    );
  });
});

describe('popup missed calls', () => {
  const me = { workerUrl: 'https://calls.example.test', uid: AGENT.uid };
  const unknown = {
    id: `CA${'21'.repeat(16)}`,
    party: { number: '+33612345678', display: '+33 6 12 34 56 78' },
    at: NOW,
    seen: false,
    owner: me,
  };
  const known = {
    id: 'CA9',
    party: {
      ...lead,
      record: {
        model: 'crm.lead',
        id: 14,
        name: 'Office Design Project',
        url: 'https://acme.odoo.com/odoo/crm/14',
      },
    },
    at: NOW - 60_000,
    seen: true,
    voicemail: true,
    owner: me,
  };

  beforeEach(() => {
    fakeChrome.reset();
    background.reset();
    background.answer('recentCalls', { ok: true, data: [] });
    signedIn(ready);
  });
  afterEach(cleanup);

  it('lists them above the recent calls, unknown callers by number, and marks them seen', async () => {
    fakeChrome.storage.local.data.missedCalls = [unknown, known];
    await openPopup();
    const section = await screen.findByRole('region', { name: 'Missed calls' });
    const rows = within(section).getAllByRole('listitem');
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain('+33 6 12 34 56 78');
    expect(rows[0]?.textContent).toContain('May have left a voicemail');
    expect(rows[1]?.textContent).toContain('Office Design Project');
    expect(rows[1]?.textContent).toContain('+32 10 58 85 58');
    expect(rows[1]?.textContent).toContain('Left a voicemail');
    await screen.findByRole('region', { name: 'Recent calls' });
    const regions = screen.getAllByRole('region').map((region) => region.getAttribute('aria-label'));
    expect(regions.indexOf('Missed calls')).toBeLessThan(regions.indexOf('Recent calls'));
    expect(background.of('missedCallsSeen')).toHaveLength(1);
  });

  it('calls back in one click, through the dialer, with the record', async () => {
    fakeChrome.storage.local.data.missedCalls = [unknown, known];
    await openPopup();
    const section = await screen.findByRole('region', { name: 'Missed calls' });
    await act(async () =>
      fireEvent.click(within(section).getByRole('button', { name: 'Call back +33 6 12 34 56 78' })),
    );
    await act(async () =>
      fireEvent.click(within(section).getByRole('button', { name: 'Call back Office Design Project' })),
    );
    expect(background.of('dial')).toEqual([
      { type: 'dial', number: '+33612345678', display: '+33 6 12 34 56 78' },
      {
        type: 'dial',
        number: '+3210588558',
        display: '+32 10 58 85 58',
        record: { model: 'crm.lead', id: 14 },
      },
    ]);
  });

  it('says why a call back was refused', async () => {
    fakeChrome.storage.local.data.missedCalls = [unknown];
    background.answer('dial', {
      ok: false,
      error: { code: 'busy', message: 'A call is already in progress.' },
    });
    await openPopup();
    const section = await screen.findByRole('region', { name: 'Missed calls' });
    await act(async () => fireEvent.click(within(section).getByRole('button', { name: /^Call back/ })));
    expect(within(section).getByRole('alert').textContent).toBe('A call is already in progress.');
  });

  it('dismisses one, and follows the list as the background changes it', async () => {
    fakeChrome.storage.local.data.missedCalls = [{ ...unknown, seen: true }, known];
    await openPopup();
    const section = await screen.findByRole('region', { name: 'Missed calls' });
    await act(async () =>
      fireEvent.click(
        within(section).getByRole('button', { name: 'Dismiss the missed call from Office Design Project' }),
      ),
    );
    expect(background.of('dismissMissedCall')).toEqual([{ type: 'dismissMissedCall', id: 'CA9' }]);
    // Nothing new: nothing to mark seen.
    expect(background.of('missedCallsSeen')).toEqual([]);
    await act(() => fakeChrome.storage.local.set({ missedCalls: [] }));
    expect(screen.queryByRole('region', { name: 'Missed calls' })).toBeNull();
  });

  it('offers no call back for a withheld number, and shows no other agent’s missed calls', async () => {
    fakeChrome.storage.local.data.missedCalls = [
      { ...unknown, id: 'CA1', party: { number: 'anonymous', display: 'anonymous' } },
      { ...known, owner: { ...me, uid: AGENT.uid + 1 } },
    ];
    await openPopup();
    const section = await screen.findByRole('region', { name: 'Missed calls' });
    const rows = within(section).getAllByRole('listitem');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.textContent).toContain('anonymous');
    expect(within(section).queryByRole('button', { name: /^Call back/ })).toBeNull();
  });

  it('waits with call backs while a call is up', async () => {
    fakeChrome.storage.local.data.missedCalls = [unknown];
    signedIn({
      ...ready,
      call: {
        callSid: 'CA5',
        direction: 'outbound',
        party: lead,
        phase: 'open',
        answeredAt: NOW,
        muted: false,
        warnings: [],
      },
    });
    await openPopup();
    const section = await screen.findByRole('region', { name: 'Missed calls' });
    expect(
      (within(section).getByRole('button', { name: 'Call back +33 6 12 34 56 78' }) as HTMLButtonElement)
        .disabled,
    ).toBe(true);
  });
});
