import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { farEnd, type LocalStack, STACK_TWILIO } from './support/stack.ts';

// Calls placed from the popup, through the real worker's TwiML, to a simulated callee at the
// Twilio emulator, whose far end measures what the browser sends and echoes it back.

const CALLEE = '+33612345678';

/** Types the number as an agent would and clicks Call; resolves with the call once it is up. */
async function callFromPopup(stack: LocalStack, popup: Page, number: string) {
  await popup.getByLabel('Phone number').fill(number);
  await popup.getByRole('button', { name: 'Call', exact: true }).click();
  return stack.emulator.waitForCall(
    (call) => call.kind === 'client-originated' && call.status === 'in-progress',
  );
}

const media = (stack: LocalStack, callSid: string) => farEnd(stack.emulator, callSid);

test('a call from the popup reaches the number, carries audio both ways, and DTMF arrives', async ({
  stack,
  popup,
}) => {
  const call = await callFromPopup(stack, popup, '06 12 34 56 78');
  expect(call.from).toBe(`client:${stack.agent.identity}`);
  const [leg] = call.legs;
  expect(stack.emulator.call(leg!)).toMatchObject({
    to: CALLEE,
    from: STACK_TWILIO.callerId,
    status: 'in-progress',
  });

  await expect(popup.getByRole('region', { name: 'Call in progress' })).toContainText('+33 6 12 34 56 78');
  await expect(popup.getByText('Connected')).toBeVisible();
  // The far end hears the browser's microphone and the browser gets the far end's audio.
  await expect.poll(() => media(stack, call.sid).packetsReceived).toBeGreaterThan(50);
  await expect.poll(() => media(stack, call.sid).audioLevel).toBeGreaterThan(0.02);
  await expect.poll(() => media(stack, call.sid).packetsSent).toBeGreaterThan(50);

  await popup.getByRole('button', { name: 'Keypad' }).click();
  for (const key of ['1', '5', '9', '#']) await popup.getByRole('button', { name: key, exact: true }).click();
  await expect.poll(() => stack.emulator.call(call.sid)?.digits).toBe('159#');
});

test('mute stops the outgoing audio, unmute brings it back', async ({ stack, popup }) => {
  const call = await callFromPopup(stack, popup, CALLEE);
  await expect.poll(() => media(stack, call.sid).audioLevel).toBeGreaterThan(0.02);

  await popup.getByRole('button', { name: 'Mute' }).click();
  await expect(popup.getByRole('button', { name: 'Unmute' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => media(stack, call.sid).audioLevel).toBe(0);
  // Still connected while muted: packets keep coming, silent.
  const packets = media(stack, call.sid).packetsReceived;
  await expect.poll(() => media(stack, call.sid).packetsReceived).toBeGreaterThan(packets + 25);
  expect(media(stack, call.sid).audioLevel).toBe(0);

  await popup.getByRole('button', { name: 'Unmute' }).click();
  await expect.poll(() => media(stack, call.sid).audioLevel).toBeGreaterThan(0.02);
});

test('hang-up from the popup ends the call and offers the wrap-up; the microphone is released', async ({
  stack,
  phone,
  popup,
}) => {
  const call = await callFromPopup(stack, popup, CALLEE);
  await popup.getByRole('button', { name: 'Hang up' }).click();
  const ended = await stack.emulator.waitForCall((c) => c.sid === call.sid && c.status === 'completed');
  expect(ended.endedBy).toBe('client');
  await expect(popup.getByLabel('Note')).toBeVisible();
  await expect(popup.getByLabel('Phone number')).toBeVisible();
  await expect.poll(async () => (await phone.offscreenStatus()).liveMicrophoneTracks).toBe(0);
  expect(await phone.offscreenStatus()).toMatchObject({ calls: 0, deviceState: 'registered' });
});

test('hang-up from the far end reaches the popup', async ({ stack, phone, popup }) => {
  const call = await callFromPopup(stack, popup, CALLEE);
  await expect(popup.getByRole('button', { name: 'Hang up' })).toBeVisible();
  stack.emulator.hangUp(call.legs[0]!);
  await stack.emulator.waitForCall((c) => c.sid === call.sid && c.status === 'completed');
  await expect(popup.getByRole('button', { name: 'Hang up' })).toBeHidden();
  await expect(popup.getByLabel('Note')).toBeVisible();
  expect((await phone.phoneState())?.call).toBeNull();
});

test('a destination the worker would refuse is refused before dialling, with the reason, and no wrap-up', async ({
  stack,
  phone,
  popup,
}) => {
  // Japan is not in DIAL_ALLOWED_COUNTRIES: the worker's token answer said so, so the extension
  // refuses it on screen instead of placing a call the TwiML would refuse in the headset.
  await popup.getByLabel('Phone number').fill('+81 3 1234 5678');
  await popup.getByRole('button', { name: 'Call', exact: true }).click();
  await expect(popup.getByRole('alert')).toHaveText('Calls to Japan are not allowed by your administrator.');
  expect(stack.emulator.calls()).toEqual([]);
  await expect(popup.getByLabel('Phone number')).toBeVisible();
  const state = await phone.phoneState();
  expect(state?.call).toBeNull();
  expect(state?.wrapUp).toBeNull();
});

test('what is not a phone number is refused in the popup, and nothing is dialled', async ({
  stack,
  popup,
}) => {
  await popup.getByLabel('Phone number').fill('12');
  await popup.getByRole('button', { name: 'Call', exact: true }).click();
  await expect(popup.getByRole('alert')).toHaveText(/^".+" is not a phone number\.$/);
  expect(stack.emulator.calls()).toEqual([]);
});
