/**
 * The yardstick for tests/bench/worker.bench.ts: the same Hono flavour as the worker with one
 * route that does nothing, so the ratio of throughputs shows what the worker's own work costs.
 */
import { Hono } from 'hono/tiny';

export default new Hono()
  .get('/health', (c) => c.json({ ok: true }))
  .post('/bare', (c) => c.json({ ok: true }));
