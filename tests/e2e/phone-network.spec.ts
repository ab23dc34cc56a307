import { expect, test } from './support/fixtures.ts';
import { farEnd } from './support/stack.ts';

// The signaling connection drops (the emulator closes every socket, as a network loss would):
// the phone says it is offline for as long as the network stays down, then reconnects and
// registers again by itself; a call in progress keeps its audio and resumes its signaling.

test('after a network loss the phone says it is offline, then registers again by itself', async ({
  stack,
  popup,
}) => {
  const health = popup.getByRole('status').first();
  stack.emulator.dropSignaling({ stayDown: true });
  // The SDK tries to reconnect meanwhile, and each try that fails is an error of its own: the
  // agent still reads that the phone is offline, not a Twilio error code.
  await expect.poll(() => stack.emulator.refusedSignaling()).toBeGreaterThanOrEqual(2);
  await expect(health).toHaveText('Cannot take calls: Offline: waiting for the network to come back.');
  stack.emulator.restoreSignaling();
  await stack.emulator.waitForRegistration(stack.agent.identity, true, 30_000);
  await expect(health).toHaveText('Ready for calls');
});

test('a call survives a signaling drop', async ({ stack, popup }) => {
  await popup.getByLabel('Phone number').fill('06 12 34 56 78');
  await popup.getByRole('button', { name: 'Call', exact: true }).click();
  const call = await stack.emulator.waitForCall(
    (c) => c.kind === 'client-originated' && c.status === 'in-progress',
  );

  stack.emulator.dropSignaling();
  await stack.emulator.waitForRegistration(stack.agent.identity, true, 30_000);
  const packets = farEnd(stack.emulator, call.sid).packetsReceived;
  await expect.poll(() => farEnd(stack.emulator, call.sid).packetsReceived).toBeGreaterThan(packets + 50);
  expect(stack.emulator.call(call.sid)?.status).toBe('in-progress');

  // Signaling works again for this call: hanging up from the popup ends it at the far end.
  await popup.getByRole('button', { name: 'Hang up' }).click();
  await stack.emulator.waitForCall((c) => c.sid === call.sid && c.status === 'completed');
});
