import type { DeepCheck, HealthResponse } from '../../shared/api';

/** What `GET /health` of a deployed worker said, or why it could not be asked. */
export type HealthResult =
  | { reachable: false; reason: string }
  | { reachable: true; status: number; health: HealthResponse | null };

function isHealthResponse(value: unknown): value is HealthResponse {
  const body = value as Partial<HealthResponse> | null;
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof body.ok === 'boolean' &&
    Array.isArray(body.missing) &&
    Array.isArray(body.invalid) &&
    (body.deep === undefined || Array.isArray(body.deep?.checks))
  );
}

export async function fetchHealth(healthUrl: string, timeoutMs = 10_000): Promise<HealthResult> {
  try {
    const response = await fetch(healthUrl, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    const body: unknown = await response.json().catch(() => null);
    return { reachable: true, status: response.status, health: isHealthResponse(body) ? body : null };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const reason = cause ?? (error instanceof Error ? error.message : String(error));
    return { reachable: false, reason };
  }
}

/**
 * Polls `/health` until it answers or the deadline passes: a worker just deployed to a new
 * workers.dev name can take some seconds to be served everywhere.
 */
export async function waitForHealth(
  healthUrl: string,
  { deadlineMs, intervalMs }: { deadlineMs: number; intervalMs: number },
): Promise<HealthResult> {
  const giveUpAt = Date.now() + deadlineMs;
  for (;;) {
    const result = await fetchHealth(healthUrl, Math.min(10_000, Math.max(1_000, deadlineMs)));
    if (result.reachable || Date.now() + intervalMs > giveUpAt) return result;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The settings and D1 part of a health answer, for a person: names settings, never values. */
export function settingsProblems(health: HealthResponse): string[] {
  return [
    ...(health.missing.length > 0 ? [`missing settings: ${health.missing.join(', ')}`] : []),
    ...health.invalid.map((item) => `${item.name}: ${item.reason}`),
  ];
}

/** The worker's own checks of Twilio and Odoo that found a problem, unless they are outdated. */
export function deepProblems(health: HealthResponse): DeepCheck[] {
  const { deep } = health;
  return deep && !deep.outdated ? deep.checks.filter((check) => check.status === 'problem') : [];
}

/** One line for a person: what the health answer means. Names settings, never values. */
export function describeHealth(result: HealthResult): string {
  if (!result.reachable) return `unreachable (${result.reason})`;
  const { status, health } = result;
  if (!health) return `HTTP ${status}, not the worker's health answer (is PUBLIC_URL this worker?)`;
  if (health.ok) return 'ok';
  const problems = [
    ...settingsProblems(health),
    ...deepProblems(health).map((check) => `${check.id}: ${check.detail}`),
  ];
  return problems.join('; ') || `HTTP ${status}, not ok`;
}
