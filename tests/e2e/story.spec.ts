import type { Page } from '@playwright/test';
import { SEED } from '../support/odoo-standin/index.ts';
import { expect, test } from './support/fixtures.ts';
import { launchPhone, type PhoneBrowser } from './support/phone-browser.ts';
import { expectTwoWayAudio, farEnd, type LocalStack, STACK_TWILIO } from './support/stack.ts';

/**
 * Issue 6, the whole story in one test, as an SDR lives it: the worker under wrangler dev, the
 * Twilio emulator, the Odoo stand-in's demo pages, the built extension in Chromium.
 */

const LEAD = SEED.leads.officeDesign;
const CUSTOMER_NUMBER = SEED.numbers.decoAddict;

let stack: LocalStack;
let phone: PhoneBrowser;

test.beforeAll(async ({ stack: shared }) => {
  stack = shared;
  phone = await launchPhone();
  await phone.signIn(stack);
});

test.afterAll(async () => {
  await phone?.close();
});

async function openLead(): Promise<Page> {
  const page = await phone.browser.context.newPage();
  await page.goto(`${stack.odoo.url}/odoo/crm/${LEAD}`);
  await expect(page.getByRole('heading', { name: 'Office Design Project' })).toBeVisible();
  return page;
}

test('an SDR calls a lead, notes the call, takes a customer call', async () => {
  test.setTimeout(180_000);
  const lead = await openLead();
  const popup = await phone.openPopup();

  await test.step('click the lead’s number: the call connects, audio both ways', async () => {
    await lead.getByRole('button', { name: 'Call +32 10 588 558' }).first().click();
    const call = await stack.emulator.waitForCall(
      (c) => c.kind === 'client-originated' && c.status === 'in-progress',
    );
    expect(call.parameters).toMatchObject({ OdooModel: 'crm.lead', OdooId: String(LEAD) });
    expect(stack.emulator.call(call.legs[0]!)).toMatchObject({ to: CUSTOMER_NUMBER, status: 'in-progress' });
    await expectTwoWayAudio(stack.emulator, call.sid);

    await popup.getByRole('button', { name: 'Mute' }).click();
    await expect.poll(() => farEnd(stack.emulator, call.sid).audioLevel).toBe(0);
    await popup.getByRole('button', { name: 'Unmute' }).click();
    await expect.poll(() => farEnd(stack.emulator, call.sid).audioLevel).toBeGreaterThan(0.02);

    await popup.getByRole('button', { name: 'Keypad' }).click();
    for (const key of ['4', '2', '#']) await popup.getByRole('button', { name: key, exact: true }).click();
    await expect.poll(() => stack.emulator.call(call.sid)?.digits).toBe('42#');

    await popup.getByRole('button', { name: 'Hang up' }).click();
    await stack.emulator.waitForCall((c) => c.sid === call.sid && c.status === 'completed');
  });

  await test.step('pick an outcome and write a note', async () => {
    await popup.getByLabel('Outcome').selectOption({ label: 'Meeting booked' });
    await popup.getByLabel('Note').fill('Demo on Tuesday. Bring the catalogue.');
    await popup.getByRole('button', { name: 'Save' }).click();
    await expect(popup.getByLabel('Phone number')).toBeVisible();
  });

  await test.step('the customer calls the company number: the toast rings on the lead page', async () => {
    await lead.getByRole('button', { name: 'Simulate an incoming call' }).click();
    const leg = await stack.emulator.waitForInvite(stack.agent.identity);
    const toast = lead.getByRole('dialog', { name: 'Incoming call' });
    await expect(toast).toContainText('+32 10 58 85 58');
    await toast.getByRole('button', { name: 'Accept' }).click();
    await stack.emulator.waitForCall((c) => c.sid === leg.sid && c.status === 'in-progress');
    await expect(toast).toHaveCount(0);
    await expectTwoWayAudio(stack.emulator, leg.sid);
    await popup.getByRole('button', { name: 'Hang up' }).click();
    await stack.emulator.waitForCall(
      (c) => c.sid === leg.parentCallSid && c.status === 'completed' && c.to === STACK_TWILIO.callerId,
    );
  });
});
