/**
 * When to refresh the Twilio access token, and doing it. The Device's own `tokenWillExpire`
 * event fires once per `connected` and users report it missing (twilio-voice.js #93), so the
 * offscreen document also keeps its own timer; both lead here, and concurrent refreshes share
 * one request.
 */
import { realTimers, type Timers } from './timers';

/** How long before expiry to refresh: a quarter of the lifetime, between 5 s and 5 min. */
export function refreshLeadMs(lifetimeMs: number): number {
  return Math.min(5 * 60_000, Math.max(5_000, lifetimeMs / 4));
}

/** Delay from `now` until the refresh for a token valid from `issuedAt` to `expiresAt`. */
export function refreshDelayMs(issuedAt: number, expiresAt: number, now: number): number {
  return Math.max(0, expiresAt - refreshLeadMs(expiresAt - issuedAt) - now);
}

/** Delay before retrying a failed refresh: doubling from 2 s, never past the token's expiry. */
export function retryDelayMs(failures: number, expiresAt: number, now: number): number {
  const backoff = Math.min(60_000, 2_000 * 2 ** Math.max(0, failures - 1));
  const left = expiresAt - now;
  return left > 1_000 ? Math.min(backoff, Math.max(1_000, left / 2)) : backoff;
}

export interface FreshToken {
  token: string;
  expiresAt: number;
}

export interface TokenRefresherOptions {
  fetchToken(): Promise<FreshToken>;
  /** Hands the new token to the Device (`device.updateToken`). */
  apply(token: FreshToken): void;
  /** A refresh failed; another is scheduled. */
  onError(error: unknown): void;
  timers?: Timers;
}

export class TokenRefresher {
  private timer: unknown = null;
  private inFlight: Promise<void> | null = null;
  private issuedAt = 0;
  private expiresAt = 0;
  private failures = 0;
  private stopped = true;
  /** How many refreshes succeeded (the e2e tests and the status report read it). */
  refreshes = 0;

  private readonly timers: Timers;

  constructor(private readonly options: TokenRefresherOptions) {
    this.timers = options.timers ?? realTimers;
  }

  get tokenExpiresAt(): number | null {
    return this.stopped ? null : this.expiresAt;
  }

  /** Starts the cycle for the token the Device was created with. */
  start(token: FreshToken): void {
    this.stopped = false;
    this.track(token);
  }

  stop(): void {
    this.stopped = true;
    this.clear();
  }

  /** Refreshes now unless a refresh is already under way (then waits for that one). */
  refreshNow(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.inFlight ??= this.refresh().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /**
   * The Device's `tokenWillExpire`: refresh, unless the token is younger than half its life.
   * The SDK fires the event `tokenRefreshMs` before expiry on every `connected`, so with a
   * lifetime shorter than that it would fire again right after each refresh, for ever.
   */
  refreshIfStale(): Promise<void> {
    const now = this.timers.now();
    if (this.stopped || now - this.issuedAt < (this.expiresAt - this.issuedAt) / 2) return Promise.resolve();
    return this.refreshNow();
  }

  /** True when the token is due (the watchdog's check, in case timers were throttled). */
  isDue(): boolean {
    return (
      !this.stopped && this.timers.now() >= this.expiresAt - refreshLeadMs(this.expiresAt - this.issuedAt)
    );
  }

  private async refresh(): Promise<void> {
    this.clear();
    try {
      const token = await this.options.fetchToken();
      if (this.stopped) return;
      this.options.apply(token);
      this.refreshes += 1;
      this.failures = 0;
      this.track(token);
    } catch (error) {
      if (this.stopped) return;
      this.failures += 1;
      this.options.onError(error);
      this.schedule(retryDelayMs(this.failures, this.expiresAt, this.timers.now()));
    }
  }

  private track(token: FreshToken): void {
    this.issuedAt = this.timers.now();
    this.expiresAt = token.expiresAt;
    this.schedule(refreshDelayMs(this.issuedAt, this.expiresAt, this.issuedAt));
  }

  private schedule(ms: number): void {
    this.clear();
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      void this.refreshNow();
    }, ms);
  }

  private clear(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
