import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { parse, stringify } from 'smol-toml';
import { defineConfig } from 'vitest/config';
import { TEST_SETTINGS } from './settings.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * wrangler.toml without its queue consumers: in tests the worker still has its `ODOO_SYNC`
 * producer, but nothing consumes in the background behind a test's back (a consumer would run
 * the worker's Odoo sync against the test's fake fetch at any time). Tests that follow the queue
 * hand the worker a recording producer and deliver its messages themselves
 * (tests/worker/support/queue.ts); the real queue runs under `wrangler dev` (tests/e2e).
 */
function testWranglerConfig(): string {
  const config = parse(readFileSync(`${root}wrangler.toml`, 'utf8')) as Record<string, unknown>;
  const queues = config.queues as Record<string, unknown> | undefined;
  if (queues) delete queues.consumers;
  // Paths in the file are relative to it: keep them pointing into the repository.
  config.main = `${root}worker/index.ts`;
  // Inside this checkout (git-ignored), not a shared temporary directory: worker tests of other
  // checkouts on the machine write their own copy, pointing at their own worker.
  const directory = join(root, '.wrangler', 'worker-tests');
  mkdirSync(directory, { recursive: true });
  const path = join(directory, 'wrangler.toml');
  writeFileSync(path, stringify(config));
  return path;
}

// Worker tests run inside workerd with the real D1 (in memory, per test file).
export default defineConfig(async () => {
  const migrations = await readD1Migrations(`${root}worker/migrations`);
  return {
    plugins: [
      cloudflareTest({
        main: `${root}worker/index.ts`,
        wrangler: { configPath: testWranglerConfig() },
        miniflare: {
          bindings: { ...TEST_SETTINGS, TEST_MIGRATIONS: migrations },
        },
      }),
    ],
    test: {
      name: 'worker',
      root,
      include: ['tests/worker/**/*.test.ts'],
      setupFiles: ['tests/worker/apply-migrations.ts'],
      // The worker's structured log lines (worker/log.ts) are for `wrangler tail`, not for test
      // output; tests that care about them spy on console.
      onConsoleLog: (line: string) => !line.startsWith('{"level":'),
    },
  };
});
