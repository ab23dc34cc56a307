// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ContentScript, startContentScript } from '../../../extension/content/content-script';
import { PHONE_STATE_KEY } from '../../../shared/phone-state';
import { type FakeChrome, installFakeChrome } from './support/fake-chrome';
import { loadFixture } from './support/fixtures';
import { afterMutations, callButtons, noticeTexts, overlayRoot } from './support/page';
import { liveCall, phoneState } from './support/phone';
import { scriptClick, scriptKeyDown, userClick, userKeyDown } from './support/user-events';

let fake: FakeChrome;
let script: ContentScript | null = null;

beforeEach(() => {
  fake = installFakeChrome();
});

afterEach(() => {
  script?.stop();
  script = null;
});

/** Opens a fixture at a URL, starts the content script and returns the button with that name. */
async function open(fixture: string, path: string): Promise<(name: string) => HTMLButtonElement> {
  loadFixture(fixture, path);
  script = startContentScript();
  await afterMutations();
  return (name) => {
    const button = callButtons().find((candidate) => candidate.getAttribute('aria-label') === name);
    if (!button) throw new Error(`no button named ${name}`);
    return button;
  };
}

async function click(button: HTMLButtonElement): Promise<void> {
  userClick(button);
  await afterMutations();
}

describe('clicking a call button', () => {
  it('on a 17.0 lead form sends dial with the number as shown and the lead from the hash URL', async () => {
    const button = await open('lead-form-17.0.html', '/web#id=14&cids=1&model=crm.lead&view_type=form');
    await click(button('Call +32 10 588 558'));
    expect(fake.sent).toEqual([
      {
        target: 'background',
        type: 'dial',
        number: '+32 10 588 558',
        display: '+32 10 588 558',
        record: { model: 'crm.lead', id: 14 },
      },
    ]);
  });

  it('on an Odoo 18 lead form takes the record from the /odoo/ path', async () => {
    const button = await open('lead-form-18.0.html', '/odoo/crm/14');
    await click(button('Call 01 25 54 45 69'));
    expect(fake.sent).toEqual([
      {
        target: 'background',
        type: 'dial',
        number: '01 25 54 45 69',
        display: '01 25 54 45 69',
        record: { model: 'crm.lead', id: 14 },
      },
    ]);
  });

  it('in a list sends the number only (rows carry no record id)', async () => {
    const button = await open('lead-list-17.0.html', '/odoo/action-crm.crm_lead_all_leads');
    await click(button('Call +32 470 00 00 01'));
    expect(fake.sent).toEqual([
      { target: 'background', type: 'dial', number: '+32 470 00 00 01', display: '+32 470 00 00 01' },
    ]);
  });

  it("on a Belgian contact's form sends the form's country with the national number", async () => {
    const button = await open('contact-form-country-18.0.html', '/odoo/contacts/41');
    await click(button('Call 0478/22.33.44'));
    expect(fake.sent).toEqual([
      {
        target: 'background',
        type: 'dial',
        number: '0478/22.33.44',
        display: '0478/22.33.44',
        record: { model: 'res.partner', id: 41 },
        country: 'Belgium',
      },
    ]);
  });

  it("in a list sends each row's own country, and none for a row without one", async () => {
    const button = await open('lead-list-country-18.0.html', '/odoo/action-crm.crm_lead_all_leads');
    await click(button('Call 044 668 18 00'));
    await click(button('Call 04 78 22 33 44'));
    expect(fake.sent).toEqual([
      {
        target: 'background',
        type: 'dial',
        number: '044 668 18 00',
        display: '044 668 18 00',
        country: 'Switzerland',
      },
      { target: 'background', type: 'dial', number: '04 78 22 33 44', display: '04 78 22 33 44' },
    ]);
  });

  it('shows the number being dialled, in full, as the background answers it', async () => {
    fake.respond = () => ({ ok: true, data: { number: '+32478223344', display: '+32 478 22 33 44' } });
    const button = await open('contact-form-country-18.0.html', '/odoo/contacts/41');
    await click(button('Call 0478/22.33.44'));
    expect(noticeTexts()).toContain('Calling +32 478 22 33 44…');
  });

  it('on a tel: link in the chatter dials the link target and names the form record', async () => {
    const button = await open('lead-chatter-17.0.html', '/web#id=14&model=crm.lead&view_type=form');
    await click(button('Call +33 1 25 54 45 69'));
    expect(fake.sent).toEqual([
      {
        target: 'background',
        type: 'dial',
        number: '+33125544569',
        display: '+33 1 25 54 45 69',
        record: { model: 'crm.lead', id: 14 },
      },
    ]);
  });

  it("in a dialog or a company's contact list does not claim the URL's record", async () => {
    const dialog = await open('partner-dialog-17.0.html', '/web#id=14&model=crm.lead&view_type=form');
    await click(dialog('Call (603)-996-3829'));
    script?.stop();
    const company = await open('partner-form-17.0.html', '/odoo/contacts/7');
    await click(company('Call (355)-687-3262'));
    await click(company('Call (870)-931-0505'));
    expect(fake.sent).toEqual([
      { target: 'background', type: 'dial', number: '(603)-996-3829', display: '(603)-996-3829' },
      { target: 'background', type: 'dial', number: '(355)-687-3262', display: '(355)-687-3262' },
      {
        target: 'background',
        type: 'dial',
        number: '(870)-931-0505',
        display: '(870)-931-0505',
        record: { model: 'res.partner', id: 7 },
      },
    ]);
  });

  it("does not reach Odoo's own handlers (a list row would open the record)", async () => {
    const button = await open('lead-list-17.0.html', '/odoo/action-crm.crm_lead_all_leads');
    const rowClicks = vi.fn();
    const rowKeys = vi.fn();
    const row = document.querySelector('tr.o_data_row') as HTMLElement;
    row.addEventListener('click', rowClicks);
    row.addEventListener('keydown', rowKeys);
    const call = button('Call +1 813 494 5005');
    await click(call);
    userKeyDown(call, 'Enter');
    expect(rowClicks).not.toHaveBeenCalled();
    expect(rowKeys).not.toHaveBeenCalled();
    expect(fake.sent).toHaveLength(1);
  });

  it("calls nothing for a page script's click or key press, and leaves those events to Odoo", async () => {
    const button = await open('lead-list-17.0.html', '/odoo/action-crm.crm_lead_all_leads');
    const rowClicks = vi.fn();
    const rowKeys = vi.fn();
    const row = document.querySelector('tr.o_data_row') as HTMLElement;
    row.addEventListener('click', rowClicks);
    row.addEventListener('keydown', rowKeys);
    const call = button('Call +1 813 494 5005');
    scriptClick(call);
    scriptKeyDown(call, 'Enter');
    scriptKeyDown(call, ' ');
    await afterMutations();
    expect(fake.sent).toEqual([]);
    expect(call.hasAttribute('aria-busy')).toBe(false);
    // Not swallowed: the page sees them as it would without the extension.
    expect(rowClicks).toHaveBeenCalledTimes(1);
    expect(rowKeys).toHaveBeenCalledTimes(2);
    expect(rowClicks.mock.calls[0]).toMatchObject([{ defaultPrevented: false }]);

    // The agent's own click still calls.
    await click(call);
    expect(fake.sent).toMatchObject([{ type: 'dial', number: '+1 813 494 5005' }]);
  });

  it('calls what the field holds now: edits (input events) and values Odoo set without an event', async () => {
    const button = await open('lead-form-17.0.html', '/web#id=14&model=crm.lead&view_type=form');
    const input = document.getElementById('phone_1') as HTMLInputElement;
    input.value = '+32 10 588 559';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await click(button('Call +32 10 588 559'));
    // An onchange (e.g. a new customer) sets the value with no input event.
    input.value = '+32 2 290 34 90';
    await click(button('Call +32 10 588 559'));
    expect(fake.sent.map((message) => message.type === 'dial' && message.number)).toEqual([
      '+32 10 588 559',
      '+32 2 290 34 90',
    ]);
    expect(button('Call +32 2 290 34 90')).toBeDefined();
  });

  it('shows no button for an empty field, and one as soon as a number is typed', async () => {
    await open('lead-form-empty-17.0.html', '/web#id=31&model=crm.lead&view_type=form');
    expect(callButtons()).toEqual([]);
    const input = document.getElementById('phone_1') as HTMLInputElement;
    input.value = '0470 12 34 56';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    expect(callButtons().map((button) => button.getAttribute('aria-label'))).toEqual(['Call 0470 12 34 56']);
    input.value = '';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    expect(callButtons()).toEqual([]);
  });

  it('sends one dial for a double click', async () => {
    let answer = (): void => {};
    fake.respond = () =>
      new Promise((resolve) => {
        answer = () => resolve({ ok: true, data: { number: '+33612345678', display: '+33 6 12 34 56 78' } });
      });
    const button = await open('lead-list-17.0.html', '/odoo/crm');
    const call = button('Call +1 813 494 5005');
    userClick(call);
    expect(call.getAttribute('aria-busy')).toBe('true');
    userClick(call);
    userClick(button('Call +33 6 12 34 56 78'));
    answer();
    await afterMutations();
    expect(fake.sent).toHaveLength(1);
    expect(call.hasAttribute('aria-busy')).toBe(false);
  });

  it("shows the background's refusal in the page", async () => {
    fake.respond = () => ({ ok: false, error: { code: 'signed_out', message: 'Sign in first.' } });
    const button = await open('lead-list-17.0.html', '/odoo/crm');
    await click(button('Call +1 813 494 5005'));
    expect(noticeTexts()).toEqual(['The call could not start: Sign in first.']);
    const dismiss = overlayRoot()?.querySelector('button[aria-label="Dismiss"]') as HTMLButtonElement;
    scriptClick(dismiss);
    expect(noticeTexts()).toHaveLength(1);
    userClick(dismiss);
    expect(noticeTexts()).toEqual([]);
  });

  it('asks for a reload when the extension was updated under the page', async () => {
    const button = await open('lead-list-17.0.html', '/odoo/crm');
    fake.invalidateContext();
    await click(button('Call +1 813 494 5005'));
    expect(noticeTexts()).toEqual([
      'Click-to-call was updated or restarted: reload this page to call from it.',
    ]);
  });
});

describe('while a call is live', () => {
  it("marks the button of the call's number and starts no second call", async () => {
    const button = await open('lead-list-17.0.html', '/odoo/crm');
    fake.setSession(
      PHONE_STATE_KEY,
      phoneState({ call: liveCall({ number: '+33125544569', display: '+33 1 25 54 45 69' }) }),
    );
    const inCall = button('Call +33 1 25 54 45 69');
    const other = button('Call +1 813 494 5005');
    expect(inCall.dataset.phase).toBe('in-call');
    expect(inCall.title).toBe('Call in progress with this number');
    expect(other.dataset.phase).toBe('busy');
    expect(other.getAttribute('aria-disabled')).toBe('true');

    await click(inCall);
    expect(noticeTexts()).toEqual(['Call in progress with this number']);
    await click(other);
    expect(noticeTexts()).toEqual(['A call is already in progress: hang up before calling another number.']);
    expect(fake.sent).toEqual([]);

    fake.setSession(PHONE_STATE_KEY, phoneState());
    expect(inCall.hasAttribute('data-phase')).toBe(false);
    expect(other.hasAttribute('aria-disabled')).toBe(false);
    await click(other);
    expect(fake.sent).toHaveLength(1);
  });

  it('marks numbers shown in national format too, and buttons added during the call', async () => {
    const button = await open('lead-form-18.0.html', '/odoo/crm/14');
    fake.setSession(PHONE_STATE_KEY, phoneState({ call: liveCall({ number: '+33125544569', display: '' }) }));
    expect(button('Call 01 25 54 45 69').dataset.phase).toBe('in-call');
    const chatter = document.querySelector('.o-mail-Thread') as HTMLElement;
    const link = document.createElement('a');
    link.href = 'tel:+3210588558';
    link.textContent = '+32 10 588 558';
    chatter.append(link);
    await afterMutations();
    expect(button('Call +32 10 588 558').dataset.phase).toBe('busy');
  });
});
