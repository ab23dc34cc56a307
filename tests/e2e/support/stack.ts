import { expect } from '@playwright/test';
import { type LocalStack, type StackOptions, startStack } from '../../support/local-stack/stack.ts';
import type { MediaStats, TwilioEmulator } from '../../support/twilio-emulator/index.ts';

/**
 * The local stack as the end-to-end tests and benchmarks use it: every piece on a free port,
 * throw-away worker state. The stack itself (what starts, how the pieces agree) is shared with
 * `npm start`: tests/support/local-stack/stack.ts.
 *
 *   const stack = await startLocalStack();
 *   // extension: Worker URL = stack.workerUrl, Odoo URL = stack.odoo.url, sign in as stack.agent
 *   await stack.close();
 */
export {
  type LocalStack,
  STACK_TWILIO,
  type StackAgent,
} from '../../support/local-stack/stack.ts';

export type LocalStackOptions = Omit<StackOptions, 'ports' | 'workerStateDir' | 'progress' | 'cron'>;

/**
 * The demo pages are on by default: they are only extra routes on the stand-in, so one stack can
 * serve the phone specs and the Odoo-page and whole-story specs alike.
 */
export function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  return startStack({ demoPages: true, ...options });
}

/** What the emulator's far end measured on a call (zeros before media starts). */
export function farEnd(emulator: TwilioEmulator, callSid: string): MediaStats {
  return (
    emulator.call(callSid)?.media ?? {
      codec: undefined,
      packetsReceived: 0,
      packetsSent: 0,
      audioLevel: 0,
      connectionState: 'new',
    }
  );
}

/**
 * Waits until audio flows both ways at the emulator's far end: it hears the browser's
 * microphone (packets, and a level above silence) and sends audio back to the browser.
 */
export async function expectTwoWayAudio(emulator: TwilioEmulator, callSid: string): Promise<void> {
  await expect.poll(() => farEnd(emulator, callSid).packetsReceived).toBeGreaterThan(50);
  await expect.poll(() => farEnd(emulator, callSid).audioLevel).toBeGreaterThan(0.02);
  await expect.poll(() => farEnd(emulator, callSid).packetsSent).toBeGreaterThan(50);
}
