/** Reaching the worker from tests in workerd, and looking at its D1 database. */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { expect } from 'vitest';
import { type ErrorCode, isApiErrorBody } from '../../../shared/errors';
import { app } from '../../../worker/app';
import type { Env } from '../../../worker/env';
import { TEST_SETTINGS } from '../settings';

export const WORKER_URL = TEST_SETTINGS.PUBLIC_URL;
export const EXTENSION_ORIGIN = TEST_SETTINGS.EXTENSION_ORIGINS;

/** A request to the worker as deployed with TEST_SETTINGS. */
export function callWorker(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(`${WORKER_URL}${path}`, init);
}

/**
 * A request to the worker with some settings changed (`undefined` removes one). It calls the
 * app directly rather than through the worker's entry binding: the same code and bindings,
 * without the binding's ~25 ms per request, which matters to tests that send hundreds.
 */
export async function callWorkerWith(
  overrides: { [K in keyof Env]?: Env[K] | undefined },
  path: string,
  init?: RequestInit,
): Promise<Response> {
  const context = createExecutionContext();
  const response = await app.fetch(
    new Request(`${WORKER_URL}${path}`, init),
    { ...env, ...overrides } as Env,
    context,
  );
  await waitOnExecutionContext(context);
  return response;
}

export function jsonInit(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

/** Asserts the one JSON error shape with this status and code; returns the body. */
export async function expectApiError(
  response: Response,
  status: number,
  code: ErrorCode,
): Promise<{ error: { code: ErrorCode; message: string; details?: unknown } }> {
  const text = await response.text();
  expect({ status: response.status, text }).toMatchObject({ status });
  expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
  const body: unknown = JSON.parse(text);
  expect(isApiErrorBody(body), text).toBe(true);
  const typed = body as { error: { code: ErrorCode; message: string; details?: unknown } };
  expect(typed.error.code).toBe(code);
  expect(typed.error.message.length).toBeGreaterThan(0);
  return typed;
}

const TABLES = [
  'agents',
  'calls',
  'call_events',
  'wrap_ups',
  'recordings',
  'caller_lookups',
  'sessions',
  'rate_limits',
  'worker_state',
] as const;

/** Every test starts from empty tables (storage is shared by the tests of one file). */
export async function clearDatabase(): Promise<void> {
  await env.DB.batch(TABLES.map((table) => env.DB.prepare(`DELETE FROM ${table}`)));
}

/** All rows of every table, to show that a request changed nothing. */
export async function databaseSnapshot(): Promise<Record<string, unknown[]>> {
  const results = await env.DB.batch(
    TABLES.map((table) => env.DB.prepare(`SELECT * FROM ${table} ORDER BY rowid`)),
  );
  return Object.fromEntries(TABLES.map((table, index) => [table, results[index]?.results ?? []]));
}

export async function rowsOf<T>(sql: string, ...bindings: unknown[]): Promise<T[]> {
  const { results } = await env.DB.prepare(sql)
    .bind(...bindings)
    .all<T>();
  return results;
}
