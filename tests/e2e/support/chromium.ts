import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Worker } from '@playwright/test';

export const DIST = fileURLToPath(new URL('../../../dist', import.meta.url));

/** Debian's Chromium; never a downloaded browser (no internet in CI). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Flags that keep Chromium off the network (it is closed here) and let WebRTC and the fake
 * microphone work on loopback (notes: twilio-voice-local.md).
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--ignore-certificate-errors',
];

export interface ExtensionBrowser {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

/** Starts Chromium with the built extension loaded from dist/ in a fresh profile. */
export async function launchWithExtension(extraArgs: string[] = []): Promise<ExtensionBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'c2c-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${DIST}`, `--load-extension=${DIST}`, ...extraArgs],
  });
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(serviceWorker.url()).host;
  return {
    context,
    serviceWorker,
    extensionId,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
