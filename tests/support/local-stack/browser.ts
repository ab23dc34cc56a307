/**
 * Chromium for `npm start`: Debian's Chromium with the extension built for the stack, a profile
 * kept between runs, remote debugging on a known port (chrome://inspect, and how a headless run
 * is watched), and the demo agent signed in. Signing in goes through the extension's own message
 * protocol from its options page, as the page's buttons do, so it works in any browser language.
 */
import { type BrowserContext, chromium, type Page } from '@playwright/test';
import { EXTENSION_ORIGIN } from '../../../shared/extension-id.ts';
import type { MessageResult } from '../../../shared/messages.ts';
import { SESSION_KEY, type StoredSession } from '../../../shared/settings.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/support/chromium.ts';

/** The host element the content script puts around each call button. */
export const CALL_BUTTON_HOST = 'odoo-click-to-call';

export const OPTIONS_PAGE = `${EXTENSION_ORIGIN}/extension/options/index.html`;
export const POPUP_PAGE = `${EXTENSION_ORIGIN}/extension/popup/index.html`;

export interface DemoBrowserOptions {
  headless: boolean;
  /** Chromium's fake microphone (a beep) instead of the real one. */
  fakeMedia: boolean;
  debugPort: number;
  profileDir: string;
  extensionDir: string;
}

export function launchDemoBrowser(options: DemoBrowserOptions): Promise<BrowserContext> {
  const args = CHROMIUM_ARGS.filter(
    (arg) => options.fakeMedia || arg !== '--use-fake-device-for-media-stream',
  );
  return chromium.launchPersistentContext(options.profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: options.headless,
    // A headed window keeps its own size; headless pages get a laptop's.
    viewport: options.headless ? { width: 1280, height: 800 } : null,
    args: [
      ...args,
      `--disable-extensions-except=${options.extensionDir}`,
      `--load-extension=${options.extensionDir}`,
      `--remote-debugging-port=${options.debugPort}`,
    ],
    // The launcher stops the browser itself on Ctrl-C, after the pages and before the services.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}

export interface DemoSignIn {
  workerUrl: string;
  odooUrl: string;
  login: string;
  password: string;
}

/** Sends a message to the background from an extension page; throws its error as it says it. */
async function sendToBackground(page: Page, message: Record<string, unknown>): Promise<unknown> {
  const result = await page.evaluate(
    (message) => chrome.runtime.sendMessage({ target: 'background', ...message }) as Promise<unknown>,
    message,
  );
  const answer = result as MessageResult<unknown> | undefined;
  if (!answer?.ok) throw new Error(answer ? answer.error.message : `no answer to ${String(message.type)}`);
  return answer.data;
}

/**
 * Grants the microphone (auto-accepted: the browser runs with --use-fake-ui-for-media-stream),
 * points the extension at the stack and signs the agent in, unless a session for this worker is
 * kept from an earlier run. Throws the extension's own message when it refuses.
 * (Each step is its own small page.evaluate: tsx's name-keeping helpers do not exist in the page.)
 */
export async function signInDemoAgent(context: BrowserContext, input: DemoSignIn): Promise<void> {
  const page = await context.newPage();
  try {
    await page.goto(OPTIONS_PAGE);
    await page.evaluate(() =>
      navigator.mediaDevices.getUserMedia({ audio: true }).then((stream) => {
        for (const track of stream.getTracks()) track.stop();
      }),
    );
    await sendToBackground(page, { type: 'microphoneGranted' });
    await sendToBackground(page, {
      type: 'saveSettings',
      patch: { workerUrl: input.workerUrl, odooUrl: input.odooUrl },
    });
    const items = await page.evaluate((key) => chrome.storage.local.get(key), SESSION_KEY);
    const kept = items[SESSION_KEY] as StoredSession | undefined;
    if (kept?.workerUrl !== input.workerUrl || Date.parse(kept.expiresAt) <= Date.now()) {
      await sendToBackground(page, { type: 'signIn', login: input.login, password: input.password });
    }
  } catch (error) {
    throw new Error(`The extension could not sign the demo agent in: ${(error as Error).message}`);
  } finally {
    await page.close();
  }
}

/** Shows `url` in the browser's first tab and waits until the content script put its buttons. */
export async function openWithCallButtons(context: BrowserContext, url: string): Promise<Page> {
  const [first, ...others] = context.pages();
  const page = first ?? (await context.newPage());
  for (const other of others) await other.close();
  await page.goto(url);
  await page.locator(CALL_BUTTON_HOST).first().waitFor({ state: 'attached', timeout: 15_000 });
  return page;
}
