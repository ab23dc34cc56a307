import { expect, test } from './support/fixtures.ts';

// Signing in through the options page against the real worker (wrangler dev), which checks the
// login with the Odoo stand-in; the Device then registers at the Twilio emulator.

test('an agent signs in through the options page and the phone is ready', async ({ stack, phone }) => {
  const popup = await phone.openPopup();
  await expect(popup.getByText('Sign in to make and take calls.')).toBeVisible();

  await phone.signIn(stack);

  await expect(
    phone.probe.getByText(`Signed in as ${stack.agent.name} (${stack.agent.login})`, { exact: false }),
  ).toBeVisible();
  expect(stack.emulator.registrations()).toContainEqual(
    expect.objectContaining({ identity: stack.agent.identity, registered: true }),
  );
  await expect(popup.getByRole('status').first()).toHaveText('Ready for calls');
  await expect(popup.getByLabel('Phone number')).toBeVisible();
  const badge = await phone.probe.evaluate(async () => ({
    text: await chrome.action.getBadgeText({}),
    title: await chrome.action.getTitle({}),
  }));
  expect(badge).toEqual({ text: '', title: 'Odoo Click-to-Call: Ready for calls' });
  // The password went to the worker once; only the session is kept.
  const stored = await phone.probe.evaluate(() => chrome.storage.local.get(null));
  expect(JSON.stringify(stored)).not.toContain(stack.agent.password);
});

test('a wrong password is refused with a clear message and nothing starts', async ({ stack, phone }) => {
  await phone.probe.getByLabel('Worker URL').fill(stack.workerUrl);
  await phone.probe.getByLabel('Login').fill(stack.agent.login);
  await phone.probe.getByLabel('Password or API key').fill('not-the-password');
  await phone.probe.getByRole('button', { name: 'Sign in' }).click();
  await expect(phone.probe.getByRole('alert')).toHaveText('Wrong login or password / API key.');
  expect(await phone.probe.evaluate(() => chrome.storage.local.get('session'))).toEqual({});
  expect((await phone.phoneState())?.health.status ?? 'signed_out').toBe('signed_out');
});

test('signing out stops the phone: it unregisters and says so', async ({ stack, phone }) => {
  await phone.signIn(stack);
  await phone.probe.getByRole('button', { name: 'Sign out' }).click();
  await stack.emulator.waitForRegistration(stack.agent.identity, false);
  const popup = await phone.openPopup();
  await expect(popup.getByRole('status').first()).toContainText('Not signed in');
});
