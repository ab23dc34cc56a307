/**
 * One stand-in per test file, reset before each test, with a JSON-RPC client and a session of
 * the worker's service account, all over real HTTP on an ephemeral port.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createOdooClient, type OdooClient, type OdooSession } from '../../support/odoo-standin/client';
import {
  type OdooStandin,
  type OdooStandinOptions,
  startOdooStandin,
} from '../../support/odoo-standin/index';

export interface StandinFixture {
  standin: OdooStandin;
  client: OdooClient;
  /** Logged in as the worker's service account with its API key. */
  service: OdooSession;
}

export function useStandin(options: OdooStandinOptions = {}): StandinFixture {
  const fixture = {} as StandinFixture;
  beforeAll(async () => {
    fixture.standin = await startOdooStandin(options);
    fixture.client = createOdooClient({ url: fixture.standin.url, db: fixture.standin.db });
    const { uid, apiKey } = fixture.standin.credentials.service;
    fixture.service = fixture.client.session(uid, apiKey);
  });
  beforeEach(async () => {
    await fixture.standin.reset();
  });
  afterAll(async () => {
    await fixture.standin.close();
  });
  return fixture;
}

/** The error a call failed with, for asserting on its shape. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to fail, it succeeded');
}

/** POSTs a raw body to /jsonrpc. */
export function postJsonRpc(url: string, body: string, contentType = 'application/json'): Promise<Response> {
  return fetch(new URL('/jsonrpc', url), { method: 'POST', headers: { 'Content-Type': contentType }, body });
}
