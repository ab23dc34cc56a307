// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ContentScript, startContentScript } from '../../../extension/content/content-script';
import { PHONE_STATE_KEY } from '../../../shared/phone-state';
import { type FakeChrome, installFakeChrome } from './support/fake-chrome';
import { loadFixture } from './support/fixtures';
import { afterMutations, callButtons, overlayRoot } from './support/page';
import { incomingCall, phoneState } from './support/phone';
import { scriptClick, userClick } from './support/user-events';

const CALL_SID = `CA${'1'.repeat(32)}`;
const RINGING = phoneState({
  incoming: incomingCall({
    number: '+3210588558',
    display: '+32 10 588 558',
    name: 'Deco Addict',
    record: {
      model: 'crm.lead',
      id: 14,
      name: 'Office Design Project',
      url: 'https://acme.odoo.com/odoo/crm/14',
    },
  }),
});

let fake: FakeChrome;
let script: ContentScript | null = null;

beforeEach(() => {
  fake = installFakeChrome();
  loadFixture('lead-list-17.0.html', '/odoo/crm');
});

afterEach(() => {
  script?.stop();
  script = null;
});

function toast(): HTMLElement | null {
  return overlayRoot()?.querySelector<HTMLElement>('[role="dialog"][aria-label="Incoming call"]') ?? null;
}

function toastButton(name: string): HTMLButtonElement {
  const button = Array.from(toast()?.querySelectorAll('button') ?? []).find((b) => b.textContent === name);
  if (!button) throw new Error(`no ${name} button in the toast`);
  return button;
}

describe('the in-page incoming call toast', () => {
  it('shows the caller, the number and the matched record when the phone rings', async () => {
    script = startContentScript();
    await afterMutations();
    expect(toast()).toBeNull();
    fake.setSession(PHONE_STATE_KEY, RINGING);
    expect(toast()?.textContent).toContain('Incoming call');
    expect(toast()?.querySelector('.caller')?.textContent).toBe('Deco Addict');
    expect(toast()?.textContent).toContain('+32 10 588 558');
    const record = toast()?.querySelector('a');
    expect(record?.textContent).toBe('Office Design Project');
    expect(record?.href).toBe('https://acme.odoo.com/odoo/crm/14');
  });

  it('is there when a page opens while the phone is already ringing', async () => {
    fake.setSession(PHONE_STATE_KEY, RINGING);
    script = startContentScript();
    await afterMutations();
    expect(toast()).not.toBeNull();
  });

  it('accepts and declines through the background', async () => {
    script = startContentScript();
    fake.setSession(PHONE_STATE_KEY, RINGING);
    userClick(toastButton('Accept'));
    await afterMutations();
    fake.setSession(PHONE_STATE_KEY, phoneState({ incoming: incomingCall(RINGING.incoming!.party, 'CA2') }));
    userClick(toastButton('Decline'));
    await afterMutations();
    expect(fake.sent).toEqual([
      { target: 'background', type: 'acceptIncoming', callSid: CALL_SID },
      { target: 'background', type: 'declineIncoming', callSid: 'CA2' },
    ]);
  });

  it("cannot be answered or declined by a page script's click", async () => {
    script = startContentScript();
    fake.setSession(PHONE_STATE_KEY, RINGING);
    scriptClick(toastButton('Accept'));
    scriptClick(toastButton('Decline'));
    toastButton('Accept').click();
    await afterMutations();
    expect(fake.sent).toEqual([]);
    expect(toastButton('Accept').disabled).toBe(false);
    expect(toast()).not.toBeNull();
  });

  it('disappears when the call is no longer ringing (answered elsewhere, or the caller hung up)', async () => {
    script = startContentScript();
    fake.setSession(PHONE_STATE_KEY, RINGING);
    expect(toast()).not.toBeNull();
    fake.setSession(PHONE_STATE_KEY, phoneState());
    expect(toast()).toBeNull();
  });

  it('says why when Accept did not work, and lets the agent try again', async () => {
    fake.respond = () => ({ ok: false, error: { code: 'call_gone', message: 'The call has ended.' } });
    script = startContentScript();
    fake.setSession(PHONE_STATE_KEY, RINGING);
    userClick(toastButton('Accept'));
    await afterMutations();
    expect(toast()?.querySelector('[role="alert"]')?.textContent).toBe(
      'That did not work: The call has ended.',
    );
    expect(toastButton('Accept').disabled).toBe(false);
  });

  it('never takes the focus from what the agent is typing', async () => {
    const input = document.createElement('input');
    document.querySelector('.o_action_manager')?.append(input);
    input.focus();
    script = startContentScript();
    fake.setSession(PHONE_STATE_KEY, RINGING);
    expect(document.activeElement).toBe(input);
  });

  it("shows the caller's data as text, and only web addresses as links", async () => {
    script = startContentScript();
    fake.setSession(
      PHONE_STATE_KEY,
      phoneState({
        incoming: incomingCall({
          number: '+3210588558',
          display: '+32 10 588 558',
          name: '<img src=x onerror=alert(1)>',
          record: { model: 'crm.lead', id: 14, name: 'Lead', url: 'javascript:alert(1)' },
        }),
      }),
    );
    expect(toast()?.querySelector('.caller')?.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(toast()?.querySelector('img')).toBeNull();
    expect(toast()?.querySelector('a')).toBeNull();
    expect(toast()?.textContent).toContain('Lead');
  });

  it('is absent, and buttons still call, while the background keeps session storage closed', async () => {
    fake.sessionLocked = true;
    script = startContentScript();
    await afterMutations();
    expect(toast()).toBeNull();
    userClick(callButtons()[0] as HTMLButtonElement);
    await afterMutations();
    expect(fake.sent).toHaveLength(1);
  });

  it('ignores a malformed phone state instead of breaking the page', async () => {
    script = startContentScript();
    fake.setSession(PHONE_STATE_KEY, { incoming: { party: 'nope' }, call: 42 });
    expect(toast()).toBeNull();
    expect(callButtons()).toHaveLength(5);
  });
});
