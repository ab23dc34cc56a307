import type { HttpMethod } from './twiml.ts';
import type { WebhookKind, WebhookSender } from './webhooks.ts';

/**
 * Faults a test can inject into status and recording callbacks (never into TwiML fetches), to
 * prove the application logs each call exactly once whatever Twilio does.
 */
export interface CallbackFaults {
  /** Send every callback twice, the copy right after the original (Twilio retries). */
  duplicate: boolean;
  /**
   * `reversed` / `shuffled`: hold a call's callbacks until the call and all its legs have
   * ended, then send them in that order. `shuffled` is seeded, so a failure can be replayed.
   */
  order: 'in-order' | 'reversed' | 'shuffled';
  /** Wait this long before sending each callback. */
  delayMs: number;
  seed: number;
}

export const NO_FAULTS: CallbackFaults = { duplicate: false, order: 'in-order', delayMs: 0, seed: 1 };

interface PendingCallback {
  kind: WebhookKind;
  callSid: string;
  method: HttpMethod;
  url: string;
  params: Record<string, string>;
}

/**
 * Delivers callbacks for each parent call one after another (Twilio does not wait for the
 * application between calls' events, and neither does the call flow here), applying the
 * current faults.
 */
export class CallbackQueue {
  private faults: CallbackFaults = NO_FAULTS;
  private readonly held = new Map<string, PendingCallback[]>();
  private readonly flushed = new Set<string>();
  private readonly chains = new Map<string, Promise<void>>();

  constructor(private readonly webhooks: WebhookSender) {}

  setFaults(faults: Partial<CallbackFaults>): CallbackFaults {
    this.faults = { ...this.faults, ...faults };
    return this.faults;
  }

  getFaults(): CallbackFaults {
    return { ...this.faults };
  }

  /** `rootCallSid` groups a parent call with its legs. */
  enqueue(rootCallSid: string, callback: PendingCallback): void {
    if (this.faults.order !== 'in-order' && !this.flushed.has(rootCallSid)) {
      const held = this.held.get(rootCallSid) ?? [];
      held.push(callback);
      this.held.set(rootCallSid, held);
      return;
    }
    this.deliver(rootCallSid, [callback]);
  }

  /** The parent call and its legs have ended: release whatever the order fault held back. */
  flush(rootCallSid: string): void {
    this.flushed.add(rootCallSid);
    const held = this.held.get(rootCallSid);
    if (!held) return;
    this.held.delete(rootCallSid);
    this.deliver(
      rootCallSid,
      this.faults.order === 'reversed' ? held.reverse() : shuffle(held, this.faults.seed),
    );
  }

  /** Resolves once every callback queued so far has been answered. */
  async drained(): Promise<void> {
    await Promise.all([...this.chains.values()]);
  }

  clear(): void {
    this.held.clear();
    this.flushed.clear();
  }

  private deliver(rootCallSid: string, callbacks: PendingCallback[]): void {
    const faults = this.faults;
    const previous = this.chains.get(rootCallSid) ?? Promise.resolve();
    const next = previous.then(async () => {
      for (const callback of callbacks) {
        if (faults.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.delayMs));
        const copies = faults.duplicate ? 2 : 1;
        for (let attempt = 1; attempt <= copies; attempt++) {
          await this.webhooks.send(
            callback.kind,
            callback.callSid,
            callback.method,
            callback.url,
            callback.params,
            attempt,
          );
        }
      }
    });
    this.chains.set(rootCallSid, next);
  }
}

/** Fisher–Yates with a small seeded generator (mulberry32). */
function shuffle<T>(items: T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const shuffled = [...items];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  return shuffled;
}
