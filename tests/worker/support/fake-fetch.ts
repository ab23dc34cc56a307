/**
 * A strict fake of outbound HTTP. The worker runs in the same isolate as the tests, so replacing
 * `globalThis.fetch` catches every request it makes. Each test lists the requests it expects, in
 * order; any other request fails the test (even if the worker swallowed the error and answered
 * 502), and so does an expected request that never came.
 */
import { afterEach, beforeEach, expect } from 'vitest';

export interface ExpectedRequest {
  /** Shown when it does not come or when another request comes instead. */
  description: string;
  /** Throws (e.g. a failed `expect`) when the request is not the expected one. */
  check(request: Request, body: string): void;
  /** The answer: a Response, or a rejection as fetch gives (network error, timeout). */
  respond(request: Request, body: string): Response | Promise<Response>;
}

const originalFetch = globalThis.fetch;
let expected: ExpectedRequest[] = [];
let problems: string[] = [];

async function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  const body = await request.clone().text();
  const next = expected.shift();
  if (!next) {
    problems.push(`unexpected request: ${request.method} ${request.url} ${body.slice(0, 200)}`);
    throw new TypeError('fake fetch: unexpected request');
  }
  try {
    next.check(request, body);
  } catch (error) {
    problems.push(`${next.description}: ${error instanceof Error ? error.message : String(error)}`);
    throw new TypeError('fake fetch: request not as expected');
  }
  return next.respond(request, body);
}

/** Installs the fake around every test of the file that calls it. */
export function installStrictFetch(): void {
  beforeEach(() => {
    expected = [];
    problems = [];
    globalThis.fetch = fakeFetch as typeof fetch;
  });
  afterEach(() => {
    globalThis.fetch = originalFetch;
    const missing = expected.map((request) => `expected request never came: ${request.description}`);
    expected = [];
    expect([...problems, ...missing]).toEqual([]);
  });
}

export function expectRequest(request: ExpectedRequest): void {
  expected.push(request);
}
