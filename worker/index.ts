import { app } from './app';
import type { Env, SyncMessage } from './env';
import { handleSyncBatch } from './sync/consumer';
import { redriveStranded } from './sync/cron';

export default {
  fetch: app.fetch,
  /** `odoo-sync` and its dead-letter queue: call notes to write to Odoo. */
  queue: handleSyncBatch,
  /** Every minute: calls whose note is stuck go back to the queue. */
  scheduled(_controller, env, ctx) {
    ctx.waitUntil(redriveStranded(env));
  },
} satisfies ExportedHandler<Env, SyncMessage>;
