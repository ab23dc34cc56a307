import type { Page } from '@playwright/test';
import type { CallSnapshot } from '../support/twilio-emulator/index.ts';
import { expect, test } from './support/fixtures.ts';
import { ODOO_ORIGIN, type OdooPages, startOdooPages } from './support/odoo-pages.ts';
import { launchPhone, type PhoneBrowser } from './support/phone-browser.ts';
import { type LocalStack, STACK_TWILIO } from './support/stack.ts';

/**
 * The built extension (dist/, no ODOO_URL: host access to `https://*.odoo.com`, Odoo URL set in
 * the options page) on real Odoo pages saved as fixtures and served at https://acme.odoo.com,
 * with the phone signed in on the local stack: a
 * click on a number is a real call at the Twilio emulator (what the worker's TwiML App receives:
 * `To`, `OdooModel`, `OdooId`), and the in-page toast rings for a real incoming call. One phone
 * for the whole file, on the stack the phone specs share (support/fixtures.ts).
 */

let pages: OdooPages;
let stack: LocalStack;
let phone: PhoneBrowser;

test.beforeAll(async ({ stack: shared }) => {
  stack = shared;
  pages = await startOdooPages();
  phone = await launchPhone([pages.hostResolverRule]);
  await phone.signIn(stack);
  await phone.setOdooUrl(ODOO_ORIGIN);
});

test.afterAll(async () => {
  await phone?.close();
  await pages?.close();
});

async function openOdoo(path: string): Promise<Page> {
  const page = await phone.browser.context.newPage();
  await page.goto(`${ODOO_ORIGIN}${path}`);
  return page;
}

/**
 * Runs `act` (a click on a call button) and returns the call it placed at the emulator, once
 * the callee answered; then the callee hangs up, so the next test starts with no call.
 */
async function callPlacedBy(act: () => Promise<void>): Promise<CallSnapshot> {
  const earlier = new Set(stack.emulator.calls().map((call) => call.sid));
  await act();
  const call = await stack.emulator.waitForCall(
    (candidate) =>
      candidate.kind === 'client-originated' &&
      !earlier.has(candidate.sid) &&
      candidate.status === 'in-progress',
  );
  expect(call.from).toBe(`client:${stack.agent.identity}`);
  stack.emulator.hangUp(call.sid);
  await expect.poll(async () => (await phone.phoneState())?.call ?? null).toBeNull();
  return call;
}

test('a 17.0 lead form gets visible call buttons; a click calls the number for that lead', async () => {
  const page = await openOdoo('/web#id=14&model=crm.lead&view_type=form');
  const button = page.getByRole('button', { name: 'Call +32 10 588 558' });
  await expect(button).toBeVisible();
  // Styled by the extension's sheet through its shadow part: a 20 px disc with the handset icon.
  await expect
    .poll(() =>
      button.evaluate((element) => ({
        size: `${element.getBoundingClientRect().width}x${element.getBoundingClientRect().height}`,
        icon: getComputedStyle(element, '::before').clipPath.slice(0, 5),
      })),
    )
    .toEqual({ size: '20x20', icon: 'path(' });
  await expect(page.getByRole('button', { name: 'Call 0470 12 34 56' })).toBeVisible();

  const call = await callPlacedBy(() => button.click());
  expect(call.parameters).toMatchObject({ To: '+3210588558', OdooModel: 'crm.lead', OdooId: '14' });
  await page.close();
});

test('an Odoo 18 path URL gives the record too; a national number is dialled in the default country', async () => {
  const page = await openOdoo('/odoo/crm/14');
  const call = await callPlacedBy(() => page.getByRole('button', { name: 'Call 01 25 54 45 69' }).click());
  expect(call.parameters).toMatchObject({ To: '+33125544569', OdooModel: 'crm.lead', OdooId: '14' });
  await page.close();
});

test("a Belgian contact's national number is dialled in Belgium, not the agent's France, and the page says so", async () => {
  const page = await openOdoo('/odoo/contacts/41');
  const call = await callPlacedBy(() => page.getByRole('button', { name: 'Call 0478/22.33.44' }).click());
  expect(call.parameters).toMatchObject({ To: '+32478223344', OdooModel: 'res.partner', OdooId: '41' });
  await expect(page.getByText('Calling +32 478 22 33 44…')).toBeVisible();
  await page.close();
});

test("in a list, each row's national number is dialled in that row's country", async () => {
  const page = await openOdoo('/odoo/action-crm.crm_lead_all_leads_by_country');
  const call = await callPlacedBy(() => page.getByRole('button', { name: 'Call 044 668 18 00' }).click());
  expect(call.parameters).toMatchObject({ To: '+41446681800' });
  await page.close();
});

test("list cells get buttons; a click calls the number only, without opening Odoo's row", async () => {
  const page = await openOdoo('/odoo/action-crm.crm_lead_all_leads');
  await page.evaluate(() => {
    for (const row of document.querySelectorAll('tr.o_data_row')) {
      row.addEventListener('click', () => document.body.setAttribute('data-row-opened', 'yes'));
      row.addEventListener('keydown', () => document.body.setAttribute('data-row-opened', 'yes'));
    }
  });
  await expect(page.getByRole('button', { name: /^Call / })).toHaveCount(5);

  const clicked = await callPlacedBy(() =>
    page.getByRole('button', { name: 'Call +32 22 33 54 07' }).click(),
  );
  expect(clicked.parameters).toMatchObject({ To: '+3222335407' });
  // A list row is not "the record being looked at": no record goes with the call.
  expect(clicked.parameters).not.toHaveProperty('OdooModel');
  expect(clicked.parameters).not.toHaveProperty('OdooId');

  // From the keyboard too, without Odoo's list reacting to the key.
  const pressed = await callPlacedBy(() =>
    page.getByRole('button', { name: 'Call +33 1 25 54 45 69' }).press('Enter'),
  );
  expect(pressed.parameters).toMatchObject({ To: '+33125544569' });
  await expect(page.locator('body')).not.toHaveAttribute('data-row-opened', 'yes');
  await page.close();
});

test('a 600-row list: far rows get their buttons as they are scrolled to, and call', async () => {
  const page = await openOdoo('/odoo/action-crm.crm_lead_all_leads');
  await expect(page.getByRole('button', { name: /^Call / })).toHaveCount(5);
  // Odoo renders a long list (its row limit raised to 600).
  await page.evaluate(() => {
    const rows = Array.from({ length: 600 }, (_, index) => {
      const row = document.createElement('tr');
      row.className = 'o_data_row';
      const cell = document.createElement('td');
      cell.className = 'o_data_cell o_field_cell o_list_char';
      cell.setAttribute('name', 'phone');
      cell.textContent = `+32 2 000 ${String(index).padStart(4, '0')}`;
      row.append(cell);
      return row;
    });
    document.querySelector('tbody')?.replaceChildren(...rows);
  });
  await expect(page.getByRole('button', { name: 'Call +32 2 000 0000' })).toBeVisible();
  // Rows far below the screen wait: no button is built for them yet.
  const last = page.getByRole('button', { name: 'Call +32 2 000 0599' });
  await expect(last).toHaveCount(0);
  expect(await page.getByRole('button', { name: /^Call / }).count()).toBeLessThan(600);

  await page.locator('td', { hasText: '+32 2 000 0599' }).scrollIntoViewIfNeeded();
  await expect(last).toBeVisible();
  await expect(page.locator('td', { hasText: '+32 2 000 0599' }).locator('odoo-click-to-call')).toHaveCount(
    1,
  );
  const call = await callPlacedBy(() => last.click());
  expect(call.parameters).toMatchObject({ To: '+3220000599' });
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
  const call = await callPlacedBy(() => button.click());
  expect(call.parameters).toMatchObject({ To: '+3222903490', OdooModel: 'res.partner', OdooId: '7' });
  await page.close();
});

test('a real incoming call rings in the page: the toast answers it, the live number is marked, and it goes', async () => {
  const page = await openOdoo('/odoo/crm');
  const inCall = page.getByRole('button', { name: 'Call +32 10 588 558' });
  await expect(inCall).toBeVisible();
  const parent = stack.emulator.placeInboundCall({ from: '+3210588558', to: STACK_TWILIO.callerId });
  const leg = await stack.emulator.waitForInvite(stack.agent.identity);

  // The worker found the caller in Odoo (the stand-in): the toast names them and their lead.
  const toast = page.getByRole('dialog', { name: 'Incoming call' });
  await expect(toast).toContainText('Deco Addict');
  await expect(toast).toContainText('Office Design Project');
  await toast.getByRole('button', { name: 'Accept' }).click();
  await stack.emulator.waitForCall((call) => call.sid === leg.sid && call.status === 'in-progress');
  await expect(toast).toHaveCount(0);

  // The live call's number is marked on the page, and clicking it starts nothing.
  await expect(inCall).toHaveAttribute('data-phase', 'in-call');
  await expect(inCall).toHaveAttribute('aria-disabled', 'true');
  // Green while in the call, grey for the other numbers (styles reach the buttons' parts). The
  // style follows the attribute by a frame: web-first assertions wait for it.
  await expect(inCall).toHaveCSS('background-color', 'rgb(26, 127, 55)');
  await expect(page.getByRole('button', { name: 'Call +33 6 12 34 56 78' })).toHaveCSS(
    'background-color',
    'rgb(143, 143, 143)',
  );
  const callsBefore = stack.emulator.calls().length;
  // aria-disabled: Playwright will not click it unless forced; a person still can.
  await inCall.click({ force: true });
  await expect(page.getByRole('status')).toContainText('Call in progress with this number');
  expect(stack.emulator.calls()).toHaveLength(callsBefore);

  // The caller hangs up: the mark goes.
  stack.emulator.hangUp(parent.sid);
  await expect(inCall).not.toHaveAttribute('data-phase', 'in-call');
  await expect(inCall).not.toHaveAttribute('aria-disabled', 'true');
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
