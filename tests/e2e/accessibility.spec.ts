import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { ODOO_ORIGIN, type OdooPages, startOdooPages } from './support/odoo-pages.ts';
import { launchPhone, type PhoneBrowser } from './support/phone-browser.ts';
import { type LocalStack, STACK_TWILIO } from './support/stack.ts';

/**
 * Every screen of the built extension passes axe-core with no violation (WCAG 2.x A and AA,
 * contrast included), in the light and the dark scheme (issue 13): the popup signed out, idle,
 * ringing, in a call and at the wrap-up; the options page; and on an Odoo page, our call buttons,
 * the incoming toast and a notice only (Odoo's own markup is not ours). Also: no text under
 * 12 px, and a keyboard focus that shows.
 *
 * axe's source goes in through the DevTools protocol (`evaluate`): extension pages refuse inline
 * scripts (their CSP), which is what `addScriptTag` would add.
 */

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** The injected UI's hosts (extension/content/shadow.ts): axe looks into their open shadow roots. */
const OUR_HOSTS = ['odoo-click-to-call', 'odoo-click-to-call-overlay'];

interface Violation {
  id: string;
  help: string;
  targets: string[];
}

/** axe's violations on `page` (or only inside `include`'s elements), as `id: targets` lines. */
async function violations(page: Page, include?: string[]): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const found: Violation[] = await page.evaluate(async (selectors) => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is the injected global.
    const axe = (window as any).axe;
    const context = selectors ? { include: selectors.map((selector) => [selector]) } : document;
    const result = await axe.run(context, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
    });
    return result.violations.map(
      (violation: { id: string; help: string; nodes: { target: unknown[] }[] }) => ({
        id: violation.id,
        help: violation.help,
        targets: violation.nodes.map((node) => JSON.stringify(node.target)),
      }),
    );
  }, include);
  return found.map((violation) => `${violation.id} (${violation.help}): ${violation.targets.join(', ')}`);
}

/** The smallest computed font size of any element with text of its own, with what it is. */
async function smallestText(page: Page, include?: string[]): Promise<{ size: number; text: string }> {
  return page.evaluate((selectors) => {
    const roots: (Document | ShadowRoot | Element)[] = [];
    if (selectors) {
      for (const host of document.querySelectorAll(selectors.join(',')))
        if (host.shadowRoot) roots.push(host.shadowRoot);
    } else roots.push(document);
    let smallest = { size: Number.POSITIVE_INFINITY, text: '' };
    for (const root of roots) {
      for (const element of root.querySelectorAll('*')) {
        const ownText = Array.from(element.childNodes)
          .filter((node) => node.nodeType === Node.TEXT_NODE)
          .map((node) => node.textContent?.trim() ?? '')
          .join('');
        if (!ownText || element.closest('script, style, template')) continue;
        const size = Number.parseFloat(getComputedStyle(element).fontSize);
        if (size < smallest.size) smallest = { size, text: ownText.slice(0, 40) };
      }
    }
    return smallest;
  }, include);
}

/** No axe violation and no text under 12 px, in the light then the dark scheme. */
async function expectAccessible(page: Page, include?: string[]): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect.soft(await violations(page, include), `axe, ${colorScheme} scheme`).toEqual([]);
    const smallest = await smallestText(page, include);
    expect.soft(smallest.size, `text size, ${colorScheme}: "${smallest.text}"`).toBeGreaterThanOrEqual(12);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** The focused element's outline, once the keyboard moved the focus onto it. */
const focusOutline = (page: Page) =>
  page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    const style = element ? getComputedStyle(element) : undefined;
    return { style: style?.outlineStyle, width: Number.parseFloat(style?.outlineWidth ?? '0') };
  });

test('signed out: the popup and the options page', async ({ phone }) => {
  const popup = await phone.openPopup();
  await expect(popup.getByText('Sign in to make and take calls.')).toBeVisible();
  await expectAccessible(popup);
  await expectAccessible(phone.probe);
  // The keyboard's focus shows: a solid outline at least 2 px wide.
  await phone.probe.keyboard.press('Tab');
  const outline = await focusOutline(phone.probe);
  expect(outline.style).toBe('solid');
  expect(outline.width).toBeGreaterThanOrEqual(2);
});

/** One phone, signed in, for the rest; each test leaves it idle. */
test.describe('signed in', () => {
  let pages: OdooPages;
  let stack: LocalStack;
  let phone: PhoneBrowser;

  test.beforeAll(async ({ stack: shared }) => {
    stack = shared;
    stack.emulator.reset();
    pages = await startOdooPages();
    phone = await launchPhone([pages.hostResolverRule]);
    await phone.signIn(stack);
    await phone.setOdooUrl(ODOO_ORIGIN);
  });

  test.afterAll(async () => {
    await phone?.close();
    await pages?.close();
  });

  test('the idle popup, and the options page', async () => {
    const popup = await phone.openPopup();
    await expect(popup.getByRole('status').first()).toHaveText('Ready for calls');
    await expectAccessible(popup);
    await popup.getByLabel('Phone number').focus();
    await popup.keyboard.press('Tab');
    expect((await focusOutline(popup)).width).toBeGreaterThanOrEqual(2);
    await expectAccessible(phone.probe);
    await popup.close();
  });

  test('an Odoo page: the call buttons, the incoming toast, a notice; the popup ringing, in the call, at the wrap-up', async () => {
    const page = await phone.browser.context.newPage();
    await page.goto(`${ODOO_ORIGIN}/odoo/crm`);
    const inCall = page.getByRole('button', { name: 'Call +32 10 588 558' });
    await expect(inCall).toBeVisible();
    await expectAccessible(page, OUR_HOSTS);
    await inCall.focus();
    expect((await focusOutline(page)).width).toBeGreaterThanOrEqual(2);

    const popup = await phone.openPopup();
    const parent = stack.emulator.placeInboundCall({ from: '+3210588558', to: STACK_TWILIO.callerId });
    const leg = await stack.emulator.waitForInvite(stack.agent.identity);
    const toast = page.getByRole('dialog', { name: 'Incoming call' });
    await expect(toast).toContainText('Deco Addict');
    await expectAccessible(page, OUR_HOSTS);
    await expect(popup.getByRole('region', { name: 'Incoming call' })).toBeVisible();
    await expectAccessible(popup);

    await toast.getByRole('button', { name: 'Accept' }).click();
    await stack.emulator.waitForCall((call) => call.sid === leg.sid && call.status === 'in-progress');
    await expect(inCall).toHaveAttribute('data-phase', 'in-call');
    await inCall.click({ force: true });
    await expect(page.getByRole('status')).toContainText('Call in progress with this number');
    await expectAccessible(page, OUR_HOSTS);
    await expect(popup.getByRole('region', { name: 'Call in progress' })).toBeVisible();
    await expectAccessible(popup);

    stack.emulator.hangUp(parent.sid);
    await expect(popup.getByLabel('Note')).toBeVisible();
    await expectAccessible(popup);
    await popup.getByRole('button', { name: 'Skip' }).click();
    await expect(popup.getByRole('status').first()).toHaveText('Ready for calls');
    await popup.close();
    await page.close();
  });
});
