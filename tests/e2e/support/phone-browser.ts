import { expect, type Page } from '@playwright/test';
import type { OffscreenStatus } from '../../../shared/messages.ts';
import type { PhoneState } from '../../../shared/phone-state.ts';
import { type ExtensionBrowser, launchWithExtension } from './chromium.ts';
import type { LocalStack } from './stack.ts';

/**
 * Chromium with the built extension, driven the way an agent uses it: the options page to sign
 * in, the popup (opened as a page) to call. Reads what the extension shows and keeps through an
 * extension page (`probe`), never through the service worker, which tests may stop.
 */
export interface PhoneBrowser {
  browser: ExtensionBrowser;
  /** The options page, kept open: it signs in, and reads storage and the offscreen status. */
  probe: Page;
  /**
   * Signs in through the options page, sets the default country (the team is French: `FR`
   * unless said otherwise) and waits until the Device is registered at the emulator.
   */
  signIn(stack: LocalStack, options?: { defaultCountry?: string }): Promise<void>;
  /**
   * Sets the Odoo URL in the options page, as an admin or the agent does, and waits until the
   * call buttons are registered for it (an origin the build has access to needs no prompt).
   */
  setOdooUrl(origin: string): Promise<void>;
  openPopup(): Promise<Page>;
  phoneState(): Promise<PhoneState | undefined>;
  offscreenStatus(): Promise<OffscreenStatus>;
  /** IDs of the system notifications shown now. */
  notifications(): Promise<string[]>;
  /** Stops the extension's service worker, as Chrome does when it is idle (CDP). */
  stopServiceWorker(): Promise<void>;
  /** Whether the extension's service worker is running. */
  serviceWorkerRunning(): Promise<boolean>;
  close(): Promise<void>;
}

/** `extraArgs`: more Chromium flags (e.g. a host resolver rule that serves Odoo-like pages). */
export async function launchPhone(extraArgs: string[] = []): Promise<PhoneBrowser> {
  const browser = await launchWithExtension(extraArgs);
  const base = `chrome-extension://${browser.extensionId}`;
  const probe = await browser.context.newPage();
  await probe.goto(`${base}/extension/options/index.html`);
  const cdp = await browser.context.newCDPSession(probe);

  const serviceWorkerTargets = async () =>
    (await cdp.send('Target.getTargets')).targetInfos.filter(
      (target) => target.type === 'service_worker' && target.url.startsWith(base),
    );

  const phone: PhoneBrowser = {
    browser,
    probe,
    async signIn(stack, { defaultCountry = 'FR' } = {}) {
      await probe.getByLabel('Default country').selectOption(defaultCountry);
      await probe.getByRole('button', { name: 'Save settings' }).click();
      await expect(probe.getByText('Settings saved.')).toBeVisible();
      await probe.getByLabel('Worker URL').fill(stack.workerUrl);
      await probe.getByLabel('Odoo URL').fill(stack.odoo.url);
      await probe.getByLabel('Login').fill(stack.agent.login);
      await probe.getByLabel('Password or API key').fill(stack.agent.password);
      await probe.getByRole('button', { name: 'Sign in' }).click();
      await expect(probe.getByText(/^Signed in as /)).toBeVisible();
      const allow = probe.getByRole('button', { name: 'Allow microphone' });
      if (await allow.isVisible()) await allow.click();
      await expect(probe.getByText('The microphone is allowed.')).toBeVisible();
      await stack.emulator.waitForRegistration(stack.agent.identity, true, 30_000);
      await expect.poll(async () => (await phone.phoneState())?.health.status).toBe('ready');
    },
    async setOdooUrl(origin) {
      await probe.getByLabel('Odoo URL').fill(origin);
      await probe.getByRole('button', { name: 'Save settings' }).click();
      await expect(probe.getByText('Settings saved.')).toBeVisible();
      const pattern = `${origin}/*`;
      await expect
        .poll(async () =>
          (await probe.evaluate(() => chrome.scripting.getRegisteredContentScripts())).flatMap(
            (script) => script.matches ?? [],
          ),
        )
        .toContain(pattern);
    },
    async openPopup() {
      const popup = await browser.context.newPage();
      await popup.goto(`${base}/extension/popup/index.html`);
      return popup;
    },
    async phoneState() {
      const items = await probe.evaluate(() => chrome.storage.session.get('phone'));
      return items.phone as PhoneState | undefined;
    },
    async offscreenStatus() {
      const result = await probe.evaluate(() =>
        chrome.runtime.sendMessage({ target: 'offscreen', type: 'status' }),
      );
      if (!result?.ok) throw new Error(`offscreen status: ${JSON.stringify(result)}`);
      return result.data as OffscreenStatus;
    },
    async notifications() {
      return Object.keys(await probe.evaluate(() => chrome.notifications.getAll()));
    },
    async stopServiceWorker() {
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await expect.poll(async () => (await serviceWorkerTargets()).length).toBe(0);
    },
    async serviceWorkerRunning() {
      return (await serviceWorkerTargets()).length > 0;
    },
    close: () => browser.close(),
  };
  return phone;
}
