import { expect, test } from '@playwright/test';
import { EXTENSION_ID } from '../../shared/extension-id';
import { launchWithExtension } from './support/chromium';

test('the built extension loads in Chromium with its fixed ID', async () => {
  const browser = await launchWithExtension();
  try {
    expect(browser.extensionId).toBe(EXTENSION_ID);
    const name = await browser.serviceWorker.evaluate(() => chrome.runtime.getManifest().name);
    expect(name).toBe('Odoo Click-to-Call');
  } finally {
    await browser.close();
  }
});
