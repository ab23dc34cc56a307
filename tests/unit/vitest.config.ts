import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../..', import.meta.url));

// Unit tests run in Node; files that need a DOM say `// @vitest-environment happy-dom`.
export default defineConfig({
  test: {
    name: 'unit',
    root,
    include: ['tests/unit/**/*.test.{ts,tsx}'],
  },
});
