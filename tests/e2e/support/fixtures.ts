import { test as base, type Page } from '@playwright/test';
import { launchPhone, type PhoneBrowser } from './phone-browser.ts';
import { type LocalStack, type LocalStackOptions, startLocalStack } from './stack.ts';

/**
 * Playwright fixtures for the phone's end-to-end tests:
 * - `stack`: the local stack (worker under wrangler dev, Twilio emulator, Odoo stand-in), started
 *   once per Playwright worker and shared by every spec file that asks for it, since starting
 *   wrangler dev is the slowest part of these tests. A spec that needs other worker settings says
 *   so with `test.use({ stackOptions: … })` and gets a stack of its own.
 * - `phone`: a fresh Chromium with the built extension for each test, not signed in; the
 *   emulator's calls and registrations are forgotten before it starts, so what a test sees at the
 *   emulator is its own.
 * - `popup`: that phone signed in as the stack's agent, its popup open (and kept open, as when
 *   an agent dials several numbers in a row).
 *
 *   import { expect, test } from './support/fixtures.ts';
 *   test('…', async ({ stack, phone }) => { await phone.signIn(stack); … });
 */
export const test = base.extend<
  { phone: PhoneBrowser; popup: Page },
  { stackOptions: LocalStackOptions; stack: LocalStack }
>({
  stackOptions: [{}, { scope: 'worker', option: true }],
  stack: [
    async ({ stackOptions }, use) => {
      const stack = await startLocalStack(stackOptions);
      try {
        await use(stack);
      } finally {
        await stack.close();
      }
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  phone: async ({ stack }, use) => {
    stack.emulator.reset();
    const phone = await launchPhone();
    try {
      await use(phone);
    } finally {
      await phone.close();
    }
  },
  popup: async ({ stack, phone }, use) => {
    await phone.signIn(stack);
    await use(await phone.openPopup());
  },
});

export { expect } from '@playwright/test';
