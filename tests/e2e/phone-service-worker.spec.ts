import { expect, test } from './support/fixtures.ts';
import { farEnd } from './support/stack.ts';

// Chrome stops an idle extension service worker whenever it likes. The call lives in the
// offscreen document, so it must go on; the popup renders from session storage, so reopening
// it shows the call, and its buttons wake the worker again.

test('the service worker stopped during a call: the call goes on and the popup recovers it', async ({
  stack,
  phone,
}) => {
  await phone.signIn(stack);
  let popup = await phone.openPopup();
  await popup.getByLabel('Phone number').fill('06 12 34 56 78');
  await popup.getByRole('button', { name: 'Call', exact: true }).click();
  const call = await stack.emulator.waitForCall(
    (c) => c.kind === 'client-originated' && c.status === 'in-progress',
  );
  await expect(popup.getByRole('button', { name: 'Hang up' })).toBeVisible();
  // The popup closes, as it does when the agent clicks elsewhere.
  await popup.close();

  await phone.stopServiceWorker();
  expect(await phone.serviceWorkerRunning()).toBe(false);

  // Audio keeps flowing both ways with no service worker at all.
  const before = farEnd(stack.emulator, call.sid);
  await expect
    .poll(() => farEnd(stack.emulator, call.sid).packetsReceived)
    .toBeGreaterThan(before.packetsReceived + 50);
  await expect
    .poll(() => farEnd(stack.emulator, call.sid).packetsSent)
    .toBeGreaterThan(before.packetsSent + 50);
  expect(stack.emulator.call(call.sid)!.status).toBe('in-progress');

  // Reopened, the popup shows the live call, and hanging up from it works.
  popup = await phone.openPopup();
  const live = popup.getByRole('region', { name: 'Call in progress' });
  await expect(live).toContainText('+33 6 12 34 56 78');
  await expect(live).toContainText('Connected');
  await live.getByRole('button', { name: 'Hang up' }).click();
  await stack.emulator.waitForCall((c) => c.sid === call.sid && c.status === 'completed');
  await expect(popup.getByLabel('Note')).toBeVisible();
  expect(await phone.serviceWorkerRunning()).toBe(true);
});
