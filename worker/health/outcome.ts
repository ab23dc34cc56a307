/**
 * What one deep check found, and the few rules every check's text follows: it goes to a public
 * route and to the logs, so it names settings but never shows a secret, a whole phone number or
 * a whole SID, and a problem always ends with what to do.
 */
import type { DeepCheck } from '../../shared/api';
import type { SettingName } from '../env';

export type Outcome = Omit<DeepCheck, 'id'>;

export const ok = (detail: string): Outcome => ({ status: 'ok', detail });
export const problem = (detail: string): Outcome => ({ status: 'problem', detail });
export const skipped = (detail: string): Outcome => ({ status: 'skipped', detail });

/**
 * Why a check cannot run: the first of its settings that is missing or invalid (`/health` lists
 * those already), or null when it can.
 */
export type Blocker = (names: readonly SettingName[]) => string | null;

/** Time limit shared by every outside call of one deep check. */
export interface Deadline {
  signal: AbortSignal;
  timeoutMs: number;
}

/** `AP1234…cdef`: tells an admin which resource, without a public page listing the full SID. */
export function shortSid(sid: string): string {
  return `${sid.slice(0, 6)}…${sid.slice(-4)}`;
}

/** Whether fetch failed because the deadline's signal fired. */
export function isTimeout(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}
