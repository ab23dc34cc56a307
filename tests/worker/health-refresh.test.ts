import { describe, expect, it } from 'vitest';
import {
  ageStoredChecks,
  askHealth,
  installDeepHealthWorld,
  outsideCalls,
  statuses,
} from './support/deep-health';

/**
 * `/health` is public: whoever calls it, and however often, the worker asks Twilio and Odoo at
 * most once a minute, reuses good results for five minutes, and a plain `/health` never asks
 * them at all. Time passing is played by moving the stored row back in time.
 */
const world = installDeepHealthWorld();

/** One full deep run: four Twilio requests, Odoo's login and one read. */
const ONE_RUN = { twilio: 4, odoo: 2 };

describe('GET /health without deep', () => {
  it('asks nobody and shows no deep result before the first deep check', async () => {
    const answer = await askHealth(world());
    expect(answer).toEqual({ status: 200, ok: true, missing: [], invalid: [] });
    expect(outsideCalls(world())).toEqual({ twilio: 0, odoo: 0 });
  });

  it('shows the stored deep result with its age, and still asks nobody', async () => {
    await askHealth(world(), { deep: true });
    await ageStoredChecks(42_000);

    const answer = await askHealth(world());

    expect(outsideCalls(world())).toEqual(ONE_RUN);
    expect(answer.ok).toBe(true);
    expect(answer.deep).toMatchObject({ ageSeconds: 42, outdated: false });
    expect(Object.values(statuses(answer)).every((status) => status === 'ok')).toBe(true);
  });

  it('turns not ok (503) while the stored deep result has a problem', async () => {
    world().app.voiceUrl = 'https://old.example/twiml/outbound';
    await askHealth(world(), { deep: true });

    const answer = await askHealth(world());

    expect(answer.status).toBe(503);
    expect(answer.ok).toBe(false);
    expect(answer.missing).toEqual([]);
    expect(answer.invalid).toEqual([]);
    expect(statuses(answer)['twilio.twiml_app']).toBe('problem');
  });

  it('marks a result taken with other settings as outdated, and no longer counts its problems', async () => {
    const stale = await askHealth(world(), {
      deep: true,
      overrides: { ODOO_API_KEY: 'the-old-odoo-api-key' },
    });
    expect(stale.ok).toBe(false);

    const answer = await askHealth(world());

    expect(answer.status).toBe(200);
    expect(answer.ok).toBe(true);
    expect(answer.deep).toMatchObject({ outdated: true });
    expect(statuses(answer)['odoo.login']).toBe('problem');
  });
});

describe('GET /health?deep=1, again and again', () => {
  it('refreshes at most once a minute, however many requests come', async () => {
    world().app.voiceUrl = 'https://old.example/twiml/outbound';
    const first = await askHealth(world(), { deep: true });
    for (let i = 0; i < 5; i++) {
      const again = await askHealth(world(), { deep: true });
      expect(again.deep?.checkedAt).toBe(first.deep?.checkedAt);
    }
    expect(outsideCalls(world())).toEqual(ONE_RUN);
    const allowedAt = Date.parse(first.deep!.checkedAt!) + 60_000;
    expect(Math.abs(Date.parse(first.deep!.nextRefreshAt) - allowedAt)).toBeLessThan(1_000);

    await ageStoredChecks(59_000);
    await askHealth(world(), { deep: true });
    expect(outsideCalls(world())).toEqual(ONE_RUN);

    await ageStoredChecks(2_000);
    world().app.voiceUrl = 'https://calls.example.test/twiml/outbound';
    const fixed = await askHealth(world(), { deep: true });
    expect(outsideCalls(world())).toEqual({ twilio: 8, odoo: 4 });
    expect(fixed.ok).toBe(true);
    expect(fixed.deep?.ageSeconds).toBe(0);
  });

  it('lets concurrent requests make one refresh between them', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => askHealth(world(), { deep: true })));

    expect(outsideCalls(world())).toEqual(ONE_RUN);
    const finished = answers.filter((answer) => answer.deep?.checkedAt);
    expect(finished.length).toBeGreaterThanOrEqual(1);
    // The others say a first run is under way rather than nothing.
    for (const answer of answers.filter((candidate) => !candidate.deep?.checkedAt)) {
      expect(answer.deep).toMatchObject({ checkedAt: null, ageSeconds: null, checks: [] });
    }
  });

  it('reuses good results for five minutes', async () => {
    await askHealth(world(), { deep: true });
    await ageStoredChecks(4 * 60_000);
    const reused = await askHealth(world(), { deep: true });
    expect(outsideCalls(world())).toEqual(ONE_RUN);
    expect(reused.deep?.ageSeconds).toBe(240);
    expect(Date.parse(reused.deep!.nextRefreshAt) - Date.parse(reused.deep!.checkedAt!)).toBe(5 * 60_000);

    await ageStoredChecks(61_000);
    const refreshed = await askHealth(world(), { deep: true });
    expect(outsideCalls(world())).toEqual({ twilio: 8, odoo: 4 });
    expect(refreshed.deep?.ageSeconds).toBe(0);
  });

  it('refreshes good results as soon as the minute allows when the settings changed', async () => {
    await askHealth(world(), { deep: true });
    await ageStoredChecks(61_000);

    const answer = await askHealth(world(), {
      deep: true,
      overrides: { ODOO_API_KEY: 'a-new-odoo-api-key' },
    });

    expect(outsideCalls(world())).toEqual({ twilio: 8, odoo: 3 });
    expect(answer.deep).toMatchObject({ ageSeconds: 0, outdated: false });
    expect(statuses(answer)['odoo.login']).toBe('problem');
  });

  it('logs one line per refresh, none for an answer from the stored result', async () => {
    for (let i = 0; i < 3; i++) await askHealth(world(), { deep: true });
    const events = world()
      .logLines()
      .map((line) => line.event);
    expect(events.filter((event) => event === 'health_check')).toHaveLength(1);
  });
});
