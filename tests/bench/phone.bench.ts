/**
 * The phone's speed, measured on the whole local stack (worker under wrangler dev, Twilio
 * emulator, Odoo stand-in) with the built extension in Chromium and the real Voice SDK:
 * - **Call** clicked in the popup → the Device's `invite` received by the emulator, with the
 *   Device registered (warm) and with no offscreen document yet (cold: document, SDK, token,
 *   signaling socket all start on the click);
 * - the emulator sending an incoming `invite` → the system notification shown;
 * - the offscreen document's JavaScript heap, idle and during a call.
 * Times come from one clock (the machine's): the popup stamps its click, the emulator's log
 * stamps the invites, a page polling `chrome.notifications` every 2 ms stamps the notification.
 */
import type { Page } from '@playwright/test';
import { launchPhone, type PhoneBrowser } from '../e2e/support/phone-browser.ts';
import { type LocalStack, STACK_TWILIO, startLocalStack } from '../e2e/support/stack.ts';
import { type BenchRow, defineBenchmark } from './benchmark.ts';
import { summarize } from './stats.ts';

const WARM_CALLS = 30;
const COLD_CALLS = 5;
const INCOMING_CALLS = 20;
const MEMORY_SAMPLES = 5;
const CALLEE = '+33612345678';

/** Emulator log lines with the time they were written. */
interface Stamped {
  at: number;
  line: string;
}

async function until<T>(
  read: () => T | undefined | Promise<T | undefined>,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Clicks **Call** from inside the page, stamping the click with the page's clock. */
function clickCall(popup: Page): Promise<number> {
  return popup.evaluate(() => {
    const button = [...document.querySelectorAll('button')].find((element) => element.textContent === 'Call');
    if (!button) throw new Error('no Call button');
    const at = Date.now();
    button.click();
    return at;
  });
}

async function placeAndMeasure(stack: LocalStack, log: Stamped[], popup: Page): Promise<number> {
  await popup.getByLabel('Phone number').fill(CALLEE);
  const clickedAt = await clickCall(popup);
  const invite = await until(
    () => log.find((entry) => entry.at >= clickedAt && /\] <- invite /.test(entry.line)),
    'the Device invite',
  );
  const call = await stack.emulator.waitForCall(
    (c) =>
      c.kind === 'client-originated' && c.status === 'in-progress' && Date.parse(c.createdAt) >= clickedAt,
  );
  await popup.getByRole('button', { name: 'Hang up' }).click();
  await stack.emulator.waitForCall((c) => c.sid === call.sid && c.status === 'completed');
  await popup.getByRole('button', { name: 'Skip' }).click();
  await popup.getByRole('button', { name: 'Skip' }).waitFor({ state: 'detached' });
  return invite.at - clickedAt;
}

async function closeOffscreenDocument(phone: PhoneBrowser): Promise<void> {
  const worker = phone.browser.context.serviceWorkers()[0];
  if (!worker) throw new Error('no service worker');
  await worker.evaluate(() => chrome.offscreen.closeDocument());
}

/** The offscreen document's JS heap in MiB, read over CDP. */
async function offscreenHeapMiB(phone: PhoneBrowser): Promise<number> {
  const cdp = await phone.browser.context.newCDPSession(phone.probe);
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const target = targetInfos.find((info) => info.url.endsWith('/extension/offscreen/index.html'));
    if (!target) throw new Error('no offscreen document');
    const { sessionId } = await cdp.send('Target.attachToTarget', {
      targetId: target.targetId,
      flatten: false,
    });
    const reply = new Promise<number>((resolve) => {
      cdp.on('Target.receivedMessageFromTarget', (event) => {
        const message = JSON.parse(event.message) as { id?: number; result?: { usedSize: number } };
        if (message.id === 2 && message.result) resolve(message.result.usedSize / 2 ** 20);
      });
    });
    // Live objects only: collect the garbage first, or the sample says when GC last ran.
    for (const [id, method] of [
      [1, 'HeapProfiler.collectGarbage'],
      [2, 'Runtime.getHeapUsage'],
    ] as const) {
      await cdp.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id, method, params: {} }),
      });
    }
    const used = await reply;
    await cdp.send('Target.detachFromTarget', { sessionId });
    return used;
  } finally {
    await cdp.detach();
  }
}

async function heapSamples(phone: PhoneBrowser): Promise<number[]> {
  const samples: number[] = [];
  for (let index = 0; index < MEMORY_SAMPLES; index += 1) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    samples.push(await offscreenHeapMiB(phone));
  }
  return samples;
}

export default defineBenchmark({
  title: 'Phone: call set-up, incoming notification, offscreen memory',
  async run() {
    const log: Stamped[] = [];
    const stack = await startLocalStack({ emulator: { log: (line) => log.push({ at: Date.now(), line }) } });
    const phone = await launchPhone();
    try {
      await phone.signIn(stack);
      const popup = await phone.openPopup();

      // Warm: the Device registered, the popup open. One call first, not counted.
      await placeAndMeasure(stack, log, popup);
      const warm: number[] = [];
      for (let index = 0; index < WARM_CALLS; index += 1) warm.push(await placeAndMeasure(stack, log, popup));

      // Cold: no offscreen document when Call is clicked.
      const cold: number[] = [];
      for (let index = 0; index < COLD_CALLS; index += 1) {
        await closeOffscreenDocument(phone);
        cold.push(await placeAndMeasure(stack, log, popup));
        await stack.emulator.waitForRegistration(stack.agent.identity, true, 30_000);
      }

      // Incoming: the emulator's invite → the notification, then the caller gives up.
      const incoming: number[] = [];
      for (let index = 0; index < INCOMING_CALLS; index += 1) {
        // A string, not a function: tsx would add its `__name` helper, unknown in the page.
        const shown = phone.probe.evaluate<number>(`new Promise((resolve) => {
          const look = () => chrome.notifications.getAll().then((all) => {
            if (Object.keys(all).length > 0) resolve(Date.now());
            else setTimeout(look, 2);
          });
          look();
        })`);
        const startedAt = Date.now();
        const parent = stack.emulator.placeInboundCall({ from: '+33698765432', to: STACK_TWILIO.callerId });
        const shownAt = await shown;
        const invite = await until(
          () =>
            log.find(
              (entry) =>
                entry.at >= startedAt &&
                entry.line.includes(stack.agent.identity) &&
                /\] -> invite /.test(entry.line),
            ),
          'the incoming invite',
        );
        incoming.push(shownAt - invite.at);
        stack.emulator.hangUp(parent.sid);
        await until(
          async () => ((await phone.notifications()).length === 0 ? true : undefined),
          'the notification to clear',
        );
      }

      // Memory: idle (registered), then during a call.
      const idleHeap = await heapSamples(phone);
      await popup.getByLabel('Phone number').fill(CALLEE);
      await popup.getByRole('button', { name: 'Call', exact: true }).click();
      const call = await stack.emulator.waitForCall(
        (c) => c.kind === 'client-originated' && c.status === 'in-progress',
      );
      const callHeap = await heapSamples(phone);
      await popup.getByRole('button', { name: 'Hang up' }).click();
      await stack.emulator.waitForCall((c) => c.sid === call.sid && c.status === 'completed');

      const warmSummary = summarize(warm);
      const coldSummary = summarize(cold);
      const incomingSummary = summarize(incoming);
      const rows: BenchRow[] = [
        {
          measure: 'Call clicked → invite at the emulator, warm (p50 / p95)',
          unit: 'ms',
          summary: warmSummary,
          target: 'p50 ≤ 50, p95 ≤ 150',
          met: warmSummary.median <= 50 && warmSummary.p95 <= 150,
        },
        {
          measure: 'Call clicked → invite at the emulator, cold (no offscreen document)',
          unit: 'ms',
          summary: coldSummary,
          target: '≤ 1500',
          met: coldSummary.max <= 1500,
        },
        {
          measure: 'incoming invite sent → system notification shown',
          unit: 'ms',
          summary: incomingSummary,
          target: 'p95 ≤ 300',
          met: incomingSummary.p95 <= 300,
        },
        {
          measure: 'offscreen document JS heap, idle (registered)',
          unit: 'MiB',
          summary: summarize(idleHeap),
        },
        { measure: 'offscreen document JS heap, in a call', unit: 'MiB', summary: summarize(callHeap) },
      ];
      return {
        rows,
        notes: [
          `${WARM_CALLS} warm calls (after one not counted), ${COLD_CALLS} cold calls, ${INCOMING_CALLS} incoming calls; the popup stays open, as when an agent dials several numbers in a row.`,
          'Warm: the click runs in the popup page; the time ends when the emulator reads the Device’s `invite` (after the background normalised the number, stored the call, and the offscreen document asked the SDK to connect, which gets the microphone and builds the offer).',
          'Cold: the offscreen document is closed before the click, so the click also creates it, loads the Voice SDK, fetches a token from the worker and opens the signaling socket.',
          'Incoming: from the emulator writing the `invite` to the Device, to `chrome.notifications.getAll()` listing the notification (a page polls it every 2 ms).',
          'Memory: `Runtime.getHeapUsage` of the offscreen document over CDP after a forced garbage collection, one sample a second; the whole renderer process weighs more (Chromium, WebRTC, audio buffers live outside the JS heap).',
        ],
      };
    } finally {
      await phone.close();
      await stack.close();
    }
  },
});
