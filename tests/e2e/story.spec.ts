import type { Page } from '@playwright/test';
import { SEED } from '../support/odoo-standin/index.ts';
import type { CallSnapshot } from '../support/twilio-emulator/index.ts';
import { expect, test } from './support/fixtures.ts';
import { launchPhone, type PhoneBrowser } from './support/phone-browser.ts';
import { expectTwoWayAudio, farEnd, type LocalStack, STACK_TWILIO } from './support/stack.ts';

/**
 * Issue 6, the whole story in one test, as an SDR lives it, on the real parts: the worker under
 * wrangler dev (local D1 and queue), the Twilio emulator, the Odoo stand-in's demo pages, the
 * built extension in Chromium. Notes are found by the marker the worker ends each one with
 * (`Ref. c2c:<CallSid>:note`), which is how "once" is counted.
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

/** The lead's notes about a call: each ends with the call's marker (docs/worker.md, "Exactly once"). */
const notesOf = (callSid: string) =>
  stack.odoo
    .messagesOn('crm.lead', LEAD)
    .filter((message) => String(message.body).includes(`c2c:${callSid}:note`));

function noteArrives(callSid: string, timeoutMs = 30_000) {
  return stack.odoo.waitForMessage('crm.lead', LEAD, {
    timeoutMs,
    match: (message) => String(message.body).includes(`c2c:${callSid}:note`),
  });
}

/** Runs `act` (a click that dials) and returns the outgoing call once the customer answered. */
async function outgoingCall(act: () => Promise<void>): Promise<CallSnapshot> {
  const earlier = new Set(stack.emulator.calls().map((call) => call.sid));
  await act();
  return stack.emulator.waitForCall(
    (call) => call.kind === 'client-originated' && !earlier.has(call.sid) && call.status === 'in-progress',
  );
}

/** Hangs up from the popup and saves the wrap-up, as the agent does after every call. */
async function hangUpAndWrapUp(popup: Page, callSid: string, outcome: string, note: string): Promise<void> {
  await popup.getByRole('button', { name: 'Hang up' }).click();
  await stack.emulator.waitForCall((call) => call.sid === callSid && call.status === 'completed');
  await popup.getByLabel('Outcome').selectOption({ label: outcome });
  await popup.getByLabel('Note').fill(note);
  await popup.getByRole('button', { name: 'Save' }).click();
  await expect(popup.getByLabel('Phone number')).toBeVisible();
}

test('an SDR calls a lead and notes it, takes a customer call, and loses no note while Odoo is down', async () => {
  test.setTimeout(240_000);
  const lead = await openLead();
  const popup = await phone.openPopup();
  const logged: string[] = [];

  await test.step('click the lead’s number: the call connects, audio both ways; mute, digits', async () => {
    const call = await outgoingCall(() =>
      lead.getByRole('button', { name: 'Call +32 10 588 558' }).first().click(),
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
    await popup.getByRole('button', { name: 'Keypad' }).click();

    await hangUpAndWrapUp(popup, call.sid, 'Meeting booked', 'Demo on Tuesday. Bring the catalogue.');
    logged.push(call.sid);
  });

  await test.step('the note is on the lead in Odoo, with the outcome, once', async () => {
    const note = await noteArrives(logged[0]!);
    expect(String(note.body)).toContain('Meeting booked');
    expect(String(note.body)).toContain('Demo on Tuesday. Bring the catalogue.');
    await lead.reload();
    await expect(lead.locator('.o-mail-Message').filter({ hasText: `c2c:${logged[0]}:note` })).toHaveCount(1);
  });

  await test.step('the customer calls the company number: the salesperson’s toast names them', async () => {
    await lead.getByRole('button', { name: 'Simulate an incoming call' }).click();
    const leg = await stack.emulator.waitForInvite(stack.agent.identity);
    const toast = lead.getByRole('dialog', { name: 'Incoming call' });
    await expect(toast).toContainText('Deco Addict');
    await expect(toast).toContainText('Office Design Project');
    await toast.getByRole('button', { name: 'Accept' }).click();
    await stack.emulator.waitForCall((call) => call.sid === leg.sid && call.status === 'in-progress');
    await expect(toast).toHaveCount(0);
    await expectTwoWayAudio(stack.emulator, leg.sid);
    const callerLeg = leg.parentCallSid!;
    expect(stack.emulator.call(callerLeg)).toMatchObject({
      from: CUSTOMER_NUMBER,
      to: STACK_TWILIO.callerId,
    });
    await hangUpAndWrapUp(popup, callerLeg, 'Interested', 'Wants the price list.');
    logged.push(callerLeg);
    // The call is on the customer's lead.
    expect(String((await noteArrives(callerLeg)).body)).toContain('Wants the price list.');
  });

  await test.step('Odoo goes down; two more calls, each noted', async () => {
    const lastCallToOdoo = stack.odoo.calls.at(-1)?.seq ?? 0;
    await stack.odoo.fail({ kind: 'down' });
    try {
      const fromPage = await outgoingCall(() =>
        lead.getByRole('button', { name: 'Call +32 10 588 558' }).first().click(),
      );
      await hangUpAndWrapUp(popup, fromPage.sid, 'Call back requested', 'Bad line, call back at 3.');
      const fromDialer = await outgoingCall(async () => {
        await popup.getByLabel('Phone number').fill('+32 10 588 558');
        await popup.getByRole('button', { name: 'Call', exact: true }).click();
      });
      await hangUpAndWrapUp(popup, fromDialer.sid, 'Other', 'Called back while Odoo was down.');
      logged.push(fromPage.sid, fromDialer.sid);
      // The worker tried to write them at once (the wrap-ups made them due) and Odoo did not answer.
      await stack.odoo.waitForCall((call) => call.seq > lastCallToOdoo && call.outcome.kind === 'dropped', {
        timeoutMs: 30_000,
      });
      expect(notesOf(fromPage.sid)).toEqual([]);
      expect(notesOf(fromDialer.sid)).toEqual([]);
    } finally {
      await stack.odoo.recover();
    }
  });

  await test.step('Odoo comes back: both notes arrive, and every call is on the lead once', async () => {
    const [fromPage, fromDialer] = await Promise.all(logged.slice(2).map((sid) => noteArrives(sid, 120_000)));
    expect(String(fromPage?.body)).toContain('Bad line, call back at 3.');
    expect(String(fromDialer?.body)).toContain('Called back while Odoo was down.');
    for (const sid of logged) expect(notesOf(sid), sid).toHaveLength(1);
    await lead.reload();
    for (const sid of logged) {
      await expect(lead.locator('.o-mail-Message').filter({ hasText: `c2c:${sid}:note` })).toHaveCount(1);
    }
  });
});
