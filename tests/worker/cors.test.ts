import { beforeEach, describe, expect, it } from 'vitest';
import { seedAgent } from './support/agents';
import { installStrictFetch } from './support/fake-fetch';
import {
  callWorker,
  callWorkerWith,
  clearDatabase,
  EXTENSION_ORIGIN,
  expectApiError,
  jsonInit,
} from './support/worker';

installStrictFetch();
beforeEach(clearDatabase);

const OTHER_EXTENSION = `chrome-extension://${'a'.repeat(32)}`;

function corsHeaders(response: Response): Record<string, string> {
  return Object.fromEntries([...response.headers].filter(([name]) => name.startsWith('access-control-')));
}

function preflight(origin: string, path = '/token'): Promise<Response> {
  return callWorker(path, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'authorization, content-type',
    },
  });
}

describe('CORS', () => {
  it.each(['/token', '/auth/login', '/health'])('answers the extension’s preflight to %s', async (path) => {
    const response = await preflight(EXTENSION_ORIGIN, path);
    expect(response.status).toBe(204);
    expect(corsHeaders(response)).toEqual({
      'access-control-allow-origin': EXTENSION_ORIGIN,
      'access-control-allow-methods': 'GET,POST,OPTIONS',
      'access-control-allow-headers': 'Authorization,Content-Type',
      'access-control-max-age': '600',
    });
    expect(response.headers.get('Vary')).toContain('Origin');
  });

  it('lets the extension read the answers of agent routes', async () => {
    const agent = await seedAgent(7);
    const response = await callWorker('/token', {
      method: 'POST',
      headers: { ...agent.authorization, Origin: EXTENSION_ORIGIN },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(EXTENSION_ORIGIN);
  });

  it('lets every listed extension in', async () => {
    const response = await callWorkerWith(
      { EXTENSION_ORIGINS: `${OTHER_EXTENSION}, ${EXTENSION_ORIGIN}` },
      '/health',
      {
        headers: { Origin: EXTENSION_ORIGIN },
      },
    );
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(EXTENSION_ORIGIN);
  });

  it.each([
    ['a web page', 'https://evil.example'],
    ['another extension', OTHER_EXTENSION],
    ['an opaque origin', 'null'],
    ['the extension origin with a trailing slash', `${EXTENSION_ORIGIN}/`],
    ['the extension origin in upper case', EXTENSION_ORIGIN.toUpperCase()],
  ])('refuses %s with 403 and no CORS headers, preflight included', async (_, origin) => {
    const pre = await preflight(origin);
    await expectApiError(pre, 403, 'forbidden');
    expect(corsHeaders(pre)).toEqual({});
    const agent = await seedAgent(7);
    const actual = await callWorker('/token', {
      method: 'POST',
      headers: { ...agent.authorization, Origin: origin },
    });
    await expectApiError(actual, 403, 'forbidden');
    expect(corsHeaders(actual)).toEqual({});
  });

  it('never lets another origin reach Odoo through the sign-in route', async () => {
    // The strict fetch fake fails the test if this makes any request to Odoo.
    const response = await callWorker(
      '/auth/login',
      jsonInit({ login: 'a', password: 'b' }, { Origin: 'https://evil.example' }),
    );
    await expectApiError(response, 403, 'forbidden');
  });

  it('refuses every origin when EXTENSION_ORIGINS is not set', async () => {
    const response = await callWorkerWith({ EXTENSION_ORIGINS: undefined }, '/health', {
      headers: { Origin: EXTENSION_ORIGIN },
    });
    await expectApiError(response, 403, 'forbidden');
  });

  it('adds no CORS headers to requests without an Origin (Twilio, monitors)', async () => {
    const response = await callWorker('/health');
    expect(response.status).toBe(200);
    expect(corsHeaders(response)).toEqual({});
  });
});
