import { expect, test } from './support/fixtures.ts';
import { farEnd } from './support/stack.ts';

// The signaling connection drops (the emulator closes every socket, as a network loss would):
// the phone says it is offline, then reconnects and registers again by itself; a call in
// progress keeps its audio and resumes its signaling.

test('after a network loss the phone registers again by itself', async ({ stack, popup }) => {
  stack.emulator.dropSignaling();
  await expect(popup.getByRole('status').first()).toContainText('Offline');
  await stack.emulator.waitForRegistration(stack.agent.identity, true, 30_000);
  await expect(popup.getByRole('status').first()).toHaveText('Ready for calls');
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
