import { expect, test } from './support/fixtures.ts';
import { farEnd } from './support/stack.ts';

// Access tokens that live 15 s (the worker's TOKEN_TTL_SECONDS): the offscreen document must
// refresh them again and again, keeping the Device registered and a call up throughout. The
// emulator unregisters a socket whose token runs out, so a missed refresh would show.

const TTL_SECONDS = 15;

test.use({ stackOptions: { tokenTtlSeconds: TTL_SECONDS } });

test('short-lived tokens are refreshed while registered and during a call, losing neither', async ({
  stack,
  phone,
}) => {
  test.setTimeout(150_000);
  await phone.signIn(stack);
  const registered = () =>
    stack.emulator
      .registrations()
      .some((socket) => socket.identity === stack.agent.identity && socket.registered);
  // Any moment without a registration fails the test, not only the moments it looks.
  let dropped = false;
  const watch = setInterval(() => {
    if (!registered()) dropped = true;
  }, 100);

  try {
    // Registered for three lifetimes of a token: at least two refreshes.
    const start = (await phone.offscreenStatus()).tokenRefreshes;
    await expect
      .poll(async () => (await phone.offscreenStatus()).tokenRefreshes, { timeout: 3 * TTL_SECONDS * 1000 })
      .toBeGreaterThanOrEqual(start + 2);
    expect(dropped).toBe(false);
    expect((await phone.offscreenStatus()).tokenExpiresAt).toBeGreaterThan(Date.now());

    // A call that lasts three lifetimes of a token: at least two more refreshes, no drop.
    const popup = await phone.openPopup();
    await popup.getByLabel('Phone number').fill('06 12 34 56 78');
    await popup.getByRole('button', { name: 'Call', exact: true }).click();
    const call = await stack.emulator.waitForCall(
      (c) => c.kind === 'client-originated' && c.status === 'in-progress',
    );
    const duringCall = (await phone.offscreenStatus()).tokenRefreshes;
    await expect
      .poll(async () => (await phone.offscreenStatus()).tokenRefreshes, { timeout: 3 * TTL_SECONDS * 1000 })
      .toBeGreaterThanOrEqual(duringCall + 2);
    const packets = farEnd(stack.emulator, call.sid).packetsReceived;
    await expect.poll(() => farEnd(stack.emulator, call.sid).packetsReceived).toBeGreaterThan(packets + 50);
    expect(stack.emulator.call(call.sid)!.status).toBe('in-progress');
    await expect(popup.getByRole('button', { name: 'Hang up' })).toBeVisible();
    expect(dropped).toBe(false);
    expect((await phone.phoneState())?.health).toEqual({ status: 'ready' });
  } finally {
    clearInterval(watch);
  }
});
