import type { CallbackQueue } from './callbacks.ts';
import type { CalleeDirectory } from './callees.ts';
import type { CallStore } from './calls.ts';
import type { ResolvedOptions } from './options.ts';
import type { RecordingStore } from './recordings.ts';
import type { SignalingServer } from './signaling.ts';
import type { WebhookSender } from './webhooks.ts';

/** What the parts of a running emulator share. */
export interface EmulatorContext {
  options: ResolvedOptions;
  calls: CallStore;
  webhooks: WebhookSender;
  callbacks: CallbackQueue;
  callees: CalleeDirectory;
  recordings: RecordingStore;
  signaling: SignalingServer;
  /** Base URL of the control server (recordings are served there). */
  controlUrl: string;
  log(line: string): void;
}

export const API_VERSION = '2010-04-01';

/** `Timestamp` as Twilio writes it in callbacks (RFC 2822, `+0000`). */
export function rfc2822(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}

/** Milliseconds for a duration written in TwiML, with the test's time scale applied. */
export function twimlSeconds(context: EmulatorContext, seconds: number): number {
  return seconds * 1000 * context.options.timeScale;
}

/** Resolves after `ms`, or as soon as `signal` aborts (then `false`). */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
