/**
 * When `GET /health?deep=1` may run the deep checks again, and how stored results are shown.
 * Results with a problem, or taken with other settings, are refreshed as soon as the limit
 * allows (an admin fixing things sees the effect within a minute); good ones are reused for
 * five minutes (a monitor polling every few seconds costs Twilio and Odoo next to nothing).
 */
import type { DeepHealth } from '../../shared/api';
import type { StoredDeepChecks } from './store';

/** At most one refresh per minute, whoever asks: the public route cannot hammer Twilio or Odoo. */
export const MIN_REFRESH_INTERVAL_MS = 60_000;
/** How long good results are reused. */
export const GOOD_RESULTS_TTL_MS = 5 * 60_000;

function isCurrent(stored: StoredDeepChecks, version: string): boolean {
  return stored.checkedAt !== null && stored.settingsVersion === version;
}

/** The earliest time (ms) a deep request may refresh; 0 when nothing is stored yet. */
export function nextRefreshAt(stored: StoredDeepChecks | null, version: string): number {
  if (!stored) return 0;
  const allowed = stored.refreshStartedAt + MIN_REFRESH_INTERVAL_MS;
  const good = isCurrent(stored, version) && !stored.checks.some((check) => check.status === 'problem');
  return good && stored.checkedAt !== null
    ? Math.max(allowed, stored.checkedAt + GOOD_RESULTS_TTL_MS)
    : allowed;
}

export function describeDeepHealth(stored: StoredDeepChecks, version: string, now: number): DeepHealth {
  const { checkedAt } = stored;
  return {
    checkedAt: checkedAt === null ? null : new Date(checkedAt).toISOString(),
    ageSeconds: checkedAt === null ? null : Math.max(0, Math.floor((now - checkedAt) / 1000)),
    outdated: checkedAt !== null && !isCurrent(stored, version),
    nextRefreshAt: new Date(Math.max(now, nextRefreshAt(stored, version))).toISOString(),
    checks: stored.checks,
  };
}
