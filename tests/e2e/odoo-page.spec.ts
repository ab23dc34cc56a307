import { expect, type Page, test } from '@playwright/test';
import type { BackgroundMessage } from '../../shared/messages';
import { PHONE_STATE_KEY, type PhoneState } from '../../shared/phone-state';
import { type ExtensionBrowser, launchWithExtension } from './support/chromium';
import { ODOO_ORIGIN, type OdooPages, startOdooPages } from './support/odoo-pages';

/**
 * The built extension (dist/, default ODOO_URL) on pages served like Odoo at
 * https://acme.odoo.com. Until the phone (background + offscreen Device) lands, a test-only
 * listener in the service worker stands in for the background: it records what the content
 * script sends and answers ok. Once the phone is merged, the dial assertions should become "a
 * call reaches the Twilio emulator with To / OdooModel / OdooId".
 */

let pages: OdooPages;
let browser: ExtensionBrowser;

declare global {
  // Set in the service worker by recordBackgroundMessages().
  var receivedByBackground: BackgroundMessage[] | undefined;
}

async function recordBackgroundMessages(): Promise<void> {
  await browser.serviceWorker.evaluate(() => {
    globalThis.receivedByBackground = [];
    chrome.runtime.onMessage.addListener((message: BackgroundMessage, _sender, sendResponse) => {
      if (message?.target !== 'background') return false;
      globalThis.receivedByBackground?.push(message);
      sendResponse({ ok: true, data: null });
      return false;
    });
  });
}

function backgroundMessages(): Promise<BackgroundMessage[]> {
  return browser.serviceWorker.evaluate(() => globalThis.receivedByBackground ?? []);
}

/** Writes the phone state the way the background will (session storage opened to content scripts). */
async function setPhoneState(state: PhoneState): Promise<void> {
  await browser.serviceWorker.evaluate(
    async ([key, value]) => {
      await chrome.storage.session.setAccessLevel({ accessLevel: 'TRUSTED_AND_UNTRUSTED_CONTEXTS' });
      await chrome.storage.session.set({ [key]: value });
    },
    [PHONE_STATE_KEY, state] as const,
  );
}

async function openOdoo(path: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${ODOO_ORIGIN}${path}`);
  return page;
}

test.beforeAll(async () => {
  pages = await startOdooPages();
  browser = await launchWithExtension([pages.hostResolverRule]);
  await recordBackgroundMessages();
});

test.afterAll(async () => {
  await browser?.close();
  await pages?.close();
});

test.beforeEach(async () => {
  await browser.serviceWorker.evaluate(() => {
    globalThis.receivedByBackground = [];
  });
});

test('a 17.0 lead form gets visible call buttons; a click asks the background to dial with the lead', async () => {
  const page = await openOdoo('/web#id=14&model=crm.lead&view_type=form');
  const phone = page.getByRole('button', { name: 'Call +32 10 588 558' });
  await expect(phone).toBeVisible();
  // Styled by the extension's sheet through its shadow part: a 20 px disc with the handset icon.
  expect(
    await phone.evaluate((button) => ({
      size: `${button.getBoundingClientRect().width}x${button.getBoundingClientRect().height}`,
      icon: getComputedStyle(button, '::before').clipPath.slice(0, 5),
    })),
  ).toEqual({ size: '20x20', icon: 'path(' });
  await expect(page.getByRole('button', { name: 'Call 0470 12 34 56' })).toBeVisible();
  await phone.click();
  await expect.poll(backgroundMessages).toEqual([
    {
      target: 'background',
      type: 'dial',
      number: '+32 10 588 558',
      display: '+32 10 588 558',
      record: { model: 'crm.lead', id: 14 },
    },
  ]);
  await page.close();
});

test('an Odoo 18 path URL gives the record too', async () => {
  const page = await openOdoo('/odoo/crm/14');
  await page.getByRole('button', { name: 'Call 01 25 54 45 69' }).click();
  await expect.poll(backgroundMessages).toEqual([
    {
      target: 'background',
      type: 'dial',
      number: '01 25 54 45 69',
      display: '01 25 54 45 69',
      record: { model: 'crm.lead', id: 14 },
    },
  ]);
  await page.close();
});

test("list cells get buttons; a click dials the number only and does not open Odoo's row", async () => {
  const page = await openOdoo('/odoo/action-crm.crm_lead_all_leads');
  await page.evaluate(() => {
    for (const row of document.querySelectorAll('tr.o_data_row')) {
      row.addEventListener('click', () => document.body.setAttribute('data-row-opened', 'yes'));
      row.addEventListener('keydown', () => document.body.setAttribute('data-row-opened', 'yes'));
    }
  });
  await expect(page.getByRole('button', { name: /^Call / })).toHaveCount(5);
  await page.getByRole('button', { name: 'Call +32 22 33 54 07' }).click();
  await expect
    .poll(backgroundMessages)
    .toEqual([{ target: 'background', type: 'dial', number: '+32 22 33 54 07', display: '+32 22 33 54 07' }]);
  // From the keyboard too, without Odoo's list reacting to the key.
  await page.getByRole('button', { name: 'Call +33 1 25 54 45 69' }).press('Enter');
  await expect.poll(async () => (await backgroundMessages()).length).toBe(2);
  await expect(page.locator('body')).not.toHaveAttribute('data-row-opened', 'yes');
  await page.close();
});

test("follows Odoo's single-page navigation: the old view's buttons go, the new view's come", async () => {
  const page = await openOdoo('/odoo/action-crm.crm_lead_all_leads');
  await expect(page.getByRole('button', { name: /^Call / })).toHaveCount(5);
  // What Odoo's router does on opening a record: push the URL, swap the view.
  await page.evaluate(() => {
    history.pushState(null, '', '/odoo/contacts/7');
    const form = document.createElement('div');
    form.className = 'o_form_view o_view_controller o_action';
    const field = document.createElement('div');
    field.setAttribute('name', 'phone');
    field.className = 'o_field_widget o_field_phone';
    const input = document.createElement('input');
    input.className = 'o_input';
    input.type = 'tel';
    input.value = '+32 2 290 34 90';
    field.append(input);
    form.append(field);
    document.querySelector('.o_action_manager')?.replaceChildren(form);
  });
  const button = page.getByRole('button', { name: /^Call / });
  await expect(button).toHaveCount(1);
  await button.click();
  await expect.poll(backgroundMessages).toEqual([
    {
      target: 'background',
      type: 'dial',
      number: '+32 2 290 34 90',
      display: '+32 2 290 34 90',
      record: { model: 'res.partner', id: 7 },
    },
  ]);
  await page.close();
});

test('the incoming call toast appears from the phone state, answers, and goes', async () => {
  const page = await openOdoo('/odoo/crm');
  await expect(page.getByRole('button', { name: 'Call +32 10 588 558' })).toBeVisible();
  const callSid = `CA${'1'.repeat(32)}`;
  await setPhoneState({
    health: { status: 'ready' },
    availability: 'available',
    call: null,
    wrapUp: null,
    incoming: {
      callSid,
      receivedAt: Date.now(),
      party: {
        number: '+3210588558',
        display: '+32 10 588 558',
        name: 'Deco Addict',
        record: { model: 'crm.lead', id: 14, name: 'Office Design Project' },
      },
    },
  });
  const toast = page.getByRole('dialog', { name: 'Incoming call' });
  await expect(toast).toBeVisible();
  await expect(toast).toContainText('Deco Addict');
  await expect(toast).toContainText('Office Design Project');
  await toast.getByRole('button', { name: 'Accept' }).click();
  await expect.poll(backgroundMessages).toEqual([{ target: 'background', type: 'acceptIncoming', callSid }]);

  await setPhoneState({
    health: { status: 'ready' },
    availability: 'available',
    incoming: null,
    wrapUp: null,
    call: {
      callSid,
      direction: 'inbound',
      phase: 'open',
      answeredAt: Date.now(),
      muted: false,
      warnings: [],
      party: { number: '+3210588558', display: '+32 10 588 558' },
    },
  });
  await expect(toast).toHaveCount(0);
  // The live call's number is marked on the page, and clicking it starts nothing.
  const inCall = page.getByRole('button', { name: 'Call +32 10 588 558' });
  await expect(inCall).toHaveAttribute('data-phase', 'in-call');
  await expect(inCall).toHaveAttribute('aria-disabled', 'true');
  // Green while in the call, grey for the other numbers (styles reach the buttons' parts).
  expect(await inCall.evaluate((button) => getComputedStyle(button).backgroundColor)).toBe(
    'rgb(26, 127, 55)',
  );
  const other = page.getByRole('button', { name: 'Call +33 6 12 34 56 78' });
  expect(await other.evaluate((button) => getComputedStyle(button).backgroundColor)).toBe(
    'rgb(143, 143, 143)',
  );
  // aria-disabled: Playwright will not click it unless forced; a person still can.
  await inCall.click({ force: true });
  await expect(page.getByRole('status')).toContainText('Call in progress with this number');
  expect(await backgroundMessages()).toHaveLength(1);
  await setPhoneState({
    health: { status: 'ready' },
    availability: 'available',
    incoming: null,
    call: null,
    wrapUp: null,
  });
  await page.close();
});

test("pages of Odoo's website on the same origin get no buttons", async () => {
  const page = await openOdoo('/contactus');
  await expect(page.getByRole('link', { name: '+32 10 588 558' })).toBeVisible();
  // Chrome runs document_idle scripts at the latest right after the load event.
  await page.waitForLoadState('load');
  await expect(page.locator('odoo-click-to-call, odoo-click-to-call-overlay')).toHaveCount(0);
  await page.close();
});
