/**
 * Keypad presses, in order. The Voice SDK plays digits with `RTCDTMFSender.insertDTMF`, which
 * *replaces* the tones still waiting to be played: an agent typing `1`, `5`, `9`, `#` quickly
 * into a phone menu would send only some of them. So presses wait here until the previous ones
 * have gone out on the wire, then leave together.
 */
import { realTimers, type Timers } from './timers';

/** The SDK's timing on the wire: a tone of 160 ms, 70 ms apart; `w` pauses run 500 ms apart. */
export const DTMF_TONE_MS = 160 + 70;
export const DTMF_PAUSE_MS = 500;
/** Slack for the sender's own scheduling. */
const MARGIN_MS = 30;

/** How long the SDK takes to put `digits` on the wire. */
export function dtmfDurationMs(digits: string): number {
  const runs = digits.split('w');
  return Math.max(...runs.map((run, index) => index * DTMF_PAUSE_MS + run.length * DTMF_TONE_MS)) + MARGIN_MS;
}

export class DtmfQueue {
  private pending = '';
  private busyUntil = 0;
  private timer: unknown = null;

  constructor(
    private readonly send: (digits: string) => void,
    private readonly timers: Timers = realTimers,
  ) {}

  push(digits: string): void {
    this.pending += digits;
    if (this.timer !== null) return;
    const wait = this.busyUntil - this.timers.now();
    if (wait <= 0) this.flush();
    else this.timer = this.timers.setTimeout(() => this.flush(), wait);
  }

  /** The call ended: whatever was not sent is dropped. */
  clear(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.pending = '';
    this.busyUntil = 0;
  }

  private flush(): void {
    this.timer = null;
    const digits = this.pending;
    if (!digits) return;
    this.pending = '';
    this.send(digits);
    this.busyUntil = this.timers.now() + dtmfDurationMs(digits);
  }
}
