import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type FreshToken,
  refreshDelayMs,
  refreshLeadMs,
  retryDelayMs,
  TokenRefresher,
} from '../../../extension/offscreen/token-refresh';

const HOUR = 3_600_000;

describe('token refresh scheduling', () => {
  it('refreshes an hour-long token five minutes before it expires', () => {
    expect(refreshLeadMs(HOUR)).toBe(5 * 60_000);
    expect(refreshDelayMs(0, HOUR, 0)).toBe(55 * 60_000);
  });

  it('refreshes a short token a quarter of its life early, never less than 5 s', () => {
    expect(refreshDelayMs(0, 60_000, 0)).toBe(45_000);
    expect(refreshDelayMs(0, 12_000, 0)).toBe(7_000);
    expect(refreshDelayMs(0, 4_000, 0)).toBe(0);
  });

  it('counts from now when the schedule is computed late', () => {
    expect(refreshDelayMs(0, HOUR, 50 * 60_000)).toBe(5 * 60_000);
    expect(refreshDelayMs(0, HOUR, 58 * 60_000)).toBe(0);
  });

  it('backs off between failed refreshes, faster when expiry is near', () => {
    expect(retryDelayMs(1, HOUR, 0)).toBe(2_000);
    expect(retryDelayMs(2, HOUR, 0)).toBe(4_000);
    expect(retryDelayMs(10, HOUR, 0)).toBe(60_000);
    expect(retryDelayMs(10, 10_000, 0)).toBe(5_000);
  });
});

describe('TokenRefresher', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function setUp(lifetimeMs: number, fail: () => boolean = () => false) {
    const applied: FreshToken[] = [];
    const errors: unknown[] = [];
    let fetches = 0;
    const refresher = new TokenRefresher({
      fetchToken: async () => {
        fetches += 1;
        if (fail()) throw new Error('worker down');
        return { token: `token-${fetches}`, expiresAt: Date.now() + lifetimeMs };
      },
      apply: (token) => applied.push(token),
      onError: (error) => errors.push(error),
    });
    return { refresher, applied, errors, fetches: () => fetches };
  }

  it('keeps refreshing on its own timer, every time, not only once', async () => {
    const { refresher, applied } = setUp(20_000);
    refresher.start({ token: 'token-0', expiresAt: 20_000 });
    await vi.advanceTimersByTimeAsync(60_000);
    // Refresh 5 s before each 20 s expiry: at 15 s, 30 s, 45 s, 60 s.
    expect(applied.map((token) => token.token)).toEqual(['token-1', 'token-2', 'token-3', 'token-4']);
    expect(refresher.refreshes).toBe(4);
    refresher.stop();
  });

  it('shares one request between the timer and tokenWillExpire', async () => {
    const { refresher, fetches } = setUp(HOUR);
    refresher.start({ token: 'token-0', expiresAt: HOUR });
    await Promise.all([refresher.refreshNow(), refresher.refreshNow(), refresher.refreshNow()]);
    expect(fetches()).toBe(1);
    refresher.stop();
  });

  it('ignores tokenWillExpire for a token younger than half its life (no refresh loop)', async () => {
    const { refresher, fetches } = setUp(8_000);
    refresher.start({ token: 'token-0', expiresAt: 8_000 });
    await refresher.refreshIfStale();
    expect(fetches()).toBe(0);
    await vi.advanceTimersByTimeAsync(2_999);
    expect(fetches()).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetches()).toBe(1);
    refresher.stop();
  });

  it('retries a failed refresh before the token runs out, and reports each failure', async () => {
    let failing = true;
    const { refresher, applied, errors } = setUp(HOUR, () => failing);
    refresher.start({ token: 'token-0', expiresAt: HOUR });
    await vi.advanceTimersByTimeAsync(55 * 60_000);
    expect(errors).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2_000 + 4_000);
    expect(errors).toHaveLength(3);
    failing = false;
    await vi.advanceTimersByTimeAsync(8_000);
    expect(applied).toHaveLength(1);
    expect(refresher.tokenExpiresAt).toBe(Date.now() + HOUR);
    refresher.stop();
  });

  it('says when the token is due, for a watchdog that finds its timer throttled', async () => {
    const { refresher } = setUp(HOUR);
    refresher.start({ token: 'token-0', expiresAt: HOUR });
    expect(refresher.isDue()).toBe(false);
    vi.setSystemTime(56 * 60_000);
    expect(refresher.isDue()).toBe(true);
    refresher.stop();
    expect(refresher.isDue()).toBe(false);
  });

  it('does nothing once stopped', async () => {
    const { refresher, fetches } = setUp(20_000);
    refresher.start({ token: 'token-0', expiresAt: 20_000 });
    refresher.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    await refresher.refreshNow();
    expect(fetches()).toBe(0);
    expect(refresher.tokenExpiresAt).toBeNull();
  });
});
