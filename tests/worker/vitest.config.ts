import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { TEST_SETTINGS } from './settings.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

// Worker tests run inside workerd with the real D1 (in memory, per test file).
export default defineConfig(async () => {
  const migrations = await readD1Migrations(`${root}worker/migrations`);
  return {
    plugins: [
      cloudflareTest({
        main: `${root}worker/index.ts`,
        wrangler: { configPath: `${root}wrangler.toml` },
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
