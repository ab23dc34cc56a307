import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { HealthResponse } from '../../shared/api';

describe('GET /health', () => {
  it('answers ok when every required setting is present', async () => {
    const res = await exports.default.fetch('https://calls.example.test/health');
    expect(res.status).toBe(200);
    const body = (await res.json()) as HealthResponse;
    expect(body).toEqual({ ok: true, missing: [], invalid: [] });
  });

  it('answers unknown routes with the JSON error shape', async () => {
    const res = await exports.default.fetch('https://calls.example.test/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: 'not_found', message: 'No route for GET /nope.' },
    });
  });
});
