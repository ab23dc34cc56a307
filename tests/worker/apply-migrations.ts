import { applyD1Migrations, type D1Migration } from 'cloudflare:test';
import { env } from 'cloudflare:workers';

// Each test file gets its own storage; bring the schema up to date before it runs.
const { TEST_MIGRATIONS } = env as unknown as {
  TEST_MIGRATIONS: D1Migration[];
};
await applyD1Migrations(env.DB, TEST_MIGRATIONS);
