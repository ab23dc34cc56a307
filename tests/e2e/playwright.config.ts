import { defineConfig } from '@playwright/test';

// End-to-end tests: the built extension (dist/) in Debian's Chromium. One worker: the tests
// share one local stack (worker, emulator, Odoo stand-in) and a 2-core CI machine.
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: { trace: 'retain-on-failure' },
});
