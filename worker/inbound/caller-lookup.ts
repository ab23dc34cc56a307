/**
 * Who is calling, for inbound routing: the open lead, else the contact, with the caller's number
 * (worker/odoo/match.ts), within a time budget (`CALLER_LOOKUP_BUDGET_MS`): a slow or absent
 * Odoo must not keep a caller waiting, so past the budget the call rings everyone without a
 * name. The look-up still finishes in the background and is cached for the next call.
 */
import { callSetting } from '../call-settings';
import { cachedLookup, cacheLookup } from '../db/caller-lookups';
import type { Env } from '../env';
import { describeError, maskNumber, writeLog } from '../log';
import { findRecordByNumber, type RecordMatch } from '../odoo/match';
import { serviceAccount } from '../odoo/service-account';

export type LookupResult =
  | { kind: 'found'; match: RecordMatch; cached: boolean }
  | { kind: 'none'; cached: boolean }
  /** Odoo did not answer within the budget, or failed. */
  | { kind: 'unknown'; reason: 'over_budget' | 'error' };

export async function lookUpCaller(
  env: Env,
  waitUntil: (promise: Promise<unknown>) => void,
  number: string,
  now: number,
): Promise<LookupResult> {
  const cached = await cachedLookup(env.DB, number, now);
  if (cached !== undefined)
    return cached ? { kind: 'found', match: cached, cached: true } : { kind: 'none', cached: true };

  const lookup = (async (): Promise<LookupResult> => {
    const match = await findRecordByNumber(serviceAccount(env), number);
    await cacheLookup(env.DB, number, match, Date.now());
    return match ? { kind: 'found', match, cached: false } : { kind: 'none', cached: false };
  })().catch((error: unknown): LookupResult => {
    writeLog('warn', 'caller_lookup_failed', { number: maskNumber(number), error: describeError(error) });
    return { kind: 'unknown', reason: 'error' };
  });
  waitUntil(lookup);

  let timer: ReturnType<typeof setTimeout> | null = null;
  const overBudget = new Promise<LookupResult>((resolve) => {
    timer = setTimeout(
      () => resolve({ kind: 'unknown', reason: 'over_budget' }),
      callSetting(env, 'CALLER_LOOKUP_BUDGET_MS'),
    );
  });
  try {
    return await Promise.race([lookup, overBudget]);
  } finally {
    if (timer !== null) clearTimeout(timer);
  }
}
