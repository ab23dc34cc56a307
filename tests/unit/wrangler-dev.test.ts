import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { HealthResponse } from '../../shared/api';
import { REPO_ROOT, startWranglerDev } from '../support/wrangler-dev';
import { TEST_SETTINGS } from '../worker/settings';

function canListenOn(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

const gitStatus = () =>
  execFileSync('git', ['status', '--porcelain', '--ignored=no'], { cwd: REPO_ROOT, encoding: 'utf8' });

describe('startWranglerDev', () => {
  it('starts the worker with its settings and a migrated D1, then stops and frees the port', async () => {
    const statusBefore = gitStatus();
    const worker = await startWranglerDev({ vars: { ...TEST_SETTINGS } });
    try {
      expect(worker.url).toBe(`http://127.0.0.1:${worker.port}`);
      // ok only if every setting arrived and the migrations ran.
      const health = await fetch(`${worker.url}/health`);
      expect((await health.json()) as HealthResponse).toEqual({ ok: true, missing: [], invalid: [] });
      const token = await fetch(`${worker.url}/token`, { method: 'POST' });
      expect(token.status).toBe(401);
      expect(await canListenOn(worker.port)).toBe(false);
    } finally {
      await worker.stop();
    }
    expect(await canListenOn(worker.port)).toBe(true);
    await expect(fetch(`${worker.url}/health`)).rejects.toThrow();
    expect(gitStatus()).toBe(statusBefore);
  }, 120_000);

  it('says why when the worker cannot start', async () => {
    await expect(
      startWranglerDev({
        vars: {},
        configPath: `${REPO_ROOT}tests/no-such-wrangler.toml`,
        applyMigrations: false,
      }),
    ).rejects.toThrow(/wrangler dev exited/);
  }, 120_000);
});
