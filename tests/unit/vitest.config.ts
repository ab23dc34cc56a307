import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../..', import.meta.url));

// Unit tests run in Node; files that need a DOM say `// @vitest-environment happy-dom`.
export default defineConfig({
  test: {
    name: 'unit',
    root,
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    // The default 5 s is tight for React + happy-dom tests on a cold first run on 2 cores (CI,
    // right after npm ci, with the CLI tests spawning processes alongside): two popup tests that
    // take ~30 ms warm once went over it there. A hang still fails, 10 s later.
    testTimeout: 15_000,
  },
});
