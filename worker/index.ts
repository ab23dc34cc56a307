import { recheckRingableAgents } from './agents/recheck';
import { app } from './app';
import { deleteExpiredSessions } from './db/sessions';
import type { Env, SyncMessage } from './env';
import { handleSyncBatch } from './sync/consumer';
import { redriveStranded } from './sync/cron';

export default {
  fetch: app.fetch,
  /** `odoo-sync` and its dead-letter queue: call notes to write to Odoo. */
  queue: handleSyncBatch,
  /**
   * Every minute: calls whose note is stuck go back to the queue; agents who can be rung are
   * checked in Odoo again when their last check is stale; expired sessions go, with their sealed
   * Odoo credentials.
   */
  scheduled(_controller, env, ctx) {
    ctx.waitUntil(redriveStranded(env));
    ctx.waitUntil(recheckRingableAgents(env));
    ctx.waitUntil(deleteExpiredSessions(env.DB, Date.now()));
  },
} satisfies ExportedHandler<Env, SyncMessage>;
