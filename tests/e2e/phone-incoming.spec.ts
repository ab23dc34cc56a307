import { SEED } from '../support/odoo-standin/index.ts';
import { expect, test } from './support/fixtures.ts';
import { farEnd, type LocalStack, STACK_TWILIO } from './support/stack.ts';

// Calls from the simulated PSTN to the company's number: the real worker's inbound TwiML rings
// the signed-in agent's Device at the Twilio emulator; the extension shows a system notification
// (and the popup) with Accept and Decline.

const CALLER = '+33698765432';

/** A call from the PSTN that rings the agent; resolves with the caller's call and the agent's leg. */
async function ringTheAgent(stack: LocalStack) {
  const parent = stack.emulator.placeInboundCall({ from: CALLER, to: STACK_TWILIO.callerId });
  const leg = await stack.emulator.waitForInvite(stack.agent.identity);
  return { parent, leg };
}

test('an incoming call shows the notification, and accepting it connects the audio', async ({
  stack,
  phone,
  popup,
}) => {
  const { parent, leg } = await ringTheAgent(stack);
  await expect.poll(() => phone.notifications()).toEqual([`incoming:${leg.sid}`]);
  const incoming = popup.getByRole('region', { name: 'Incoming call' });
  await expect(incoming).toContainText('+33 6 98 76 54 32');

  await incoming.getByRole('button', { name: 'Accept' }).click();
  await stack.emulator.waitForCall((call) => call.sid === leg.sid && call.status === 'in-progress');
  await expect(popup.getByRole('region', { name: 'Call in progress' })).toBeVisible();
  await expect.poll(() => phone.notifications()).toEqual([]);
  await expect.poll(() => farEnd(stack.emulator, leg.sid).packetsReceived).toBeGreaterThan(50);
  await expect.poll(() => farEnd(stack.emulator, leg.sid).audioLevel).toBeGreaterThan(0.02);
  await expect.poll(() => farEnd(stack.emulator, leg.sid).packetsSent).toBeGreaterThan(50);

  await popup.getByRole('button', { name: 'Hang up' }).click();
  await stack.emulator.waitForCall((call) => call.sid === parent.sid && call.status === 'completed');
  // The wrap-up belongs to the caller's call, the one the worker logs.
  await expect.poll(async () => (await phone.phoneState())?.wrapUp?.callSid).toBe(parent.sid);
});

test('declining an incoming call ends the ring here and clears the notification', async ({
  stack,
  phone,
  popup,
}) => {
  const { leg } = await ringTheAgent(stack);
  await expect.poll(() => phone.notifications()).toEqual([`incoming:${leg.sid}`]);
  await popup.getByRole('button', { name: 'Decline' }).click();
  await stack.emulator.waitForCall((call) => call.sid === leg.sid && call.status === 'busy');
  await expect.poll(() => phone.notifications()).toEqual([]);
  await expect(popup.getByRole('region', { name: 'Incoming call' })).toBeHidden();
  expect((await phone.phoneState())?.call).toBeNull();
});

test('a caller who hangs up before an answer clears the notification and the popup', async ({
  stack,
  phone,
  popup,
}) => {
  const { parent, leg } = await ringTheAgent(stack);
  await expect.poll(() => phone.notifications()).toEqual([`incoming:${leg.sid}`]);
  await expect(popup.getByRole('button', { name: 'Accept' })).toBeVisible();

  stack.emulator.hangUp(parent.sid);
  await expect(popup.getByRole('button', { name: 'Accept' })).toBeHidden();
  await expect.poll(async () => (await phone.phoneState())?.incoming).toBeNull();
  // Nothing to wrap up: the call never reached the agent.
  expect((await phone.phoneState())?.wrapUp).toBeNull();
  // A missed call (issue 13, item 3), though Odoo does not know the caller; the open popup shows
  // it, so it is seen: its notification goes with the ringing one.
  const missed = popup.getByRole('region', { name: 'Missed calls' });
  await expect(missed).toContainText('+33 6 98 76 54 32');
  await expect(missed.getByRole('button', { name: 'Call back +33 6 98 76 54 32' })).toBeEnabled();
  await expect.poll(() => phone.notifications()).toEqual([]);
});

test('a caller Odoo knows is named, with their record, from the worker’s look-up', async ({
  stack,
  phone,
  popup,
}) => {
  // Deco Addict's open lead "Office Design Project" belongs to this agent, so it rings them first.
  const parent = stack.emulator.placeInboundCall({
    from: SEED.numbers.decoAddict,
    to: STACK_TWILIO.callerId,
  });
  await stack.emulator.waitForInvite(stack.agent.identity);
  await expect(popup.getByRole('region', { name: 'Incoming call' })).toContainText('Deco Addict');
  expect((await phone.phoneState())?.incoming?.party).toMatchObject({
    name: 'Deco Addict',
    record: { model: 'crm.lead', id: SEED.leads.officeDesign, name: 'Office Design Project' },
  });
  stack.emulator.hangUp(parent.sid);
  await expect.poll(() => phone.notifications()).toEqual([]);
});
