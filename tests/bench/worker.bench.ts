/**
 * The worker's size and speed (issue 2): bundle from `wrangler deploy --dry-run` (target ≤ 60 KiB
 * gzip), and under `wrangler dev` with 50 concurrent connections the p99 latency of `POST /token`
 * and `POST /twiml/outbound` (target ≤ 10 ms), with their throughput as a share of a bare Hono
 * route's measured in the same run. Every request is a real one: a session from a real sign-in
 * (against a small JSON-RPC Odoo stand-in), and outbound calls each with a new CallSid, signed
 * by the `twilio` package, so each one writes a call into D1.
 *
 * Two loads, because 50 connections sending as fast as they can measure queueing, not the worker:
 * at saturation every request waits behind the 49 others (latency ≈ 50 ÷ throughput), so on this
 * machine even the bare route is far above 10 ms. "Saturated" (autocannon, closed loop) gives
 * throughput and the ratio; "paced" (open loop: a steady rate spread over the same 50 open
 * connections, see open-loop.ts) gives the latency a request sees when the worker keeps up,
 * which is what the 10 ms target is about.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import autocannon, { type Result } from 'autocannon';
import twilio from 'twilio';
import type { LoginResponse } from '../../shared/api';
import { OFFLINE_ENV, REPO_ROOT, startWranglerDev, type WranglerDev } from '../support/wrangler-dev';
import { TEST_SETTINGS } from '../worker/settings';
import { type BenchRow, defineBenchmark } from './benchmark';
import { type OpenLoopResult, openLoop, type PlannedRequest } from './open-loop';
import { percentile, summarize } from './stats';

const CONNECTIONS = 50;
/** The paced load: requests per second, spread evenly over the 50 connections. */
const PACED_RATE = 50;
const DURATION_SECONDS = 10;
/** One connection, one request at a time: the time a request takes with no queue in front of it. */
const ALONE_SECONDS = 5;
const RUNS = 3;
const BUNDLE_TARGET_KIB = 60;
const P99_TARGET_MS = 10;

const run = promisify(execFile);

/** Size of the bundle `wrangler deploy` would upload, as wrangler reports it. */
async function measureBundle(): Promise<{ rawKiB: number; gzipKiB: number; zlibGzipKiB: number }> {
  const outdir = await mkdtemp(join(tmpdir(), 'c2c-bundle-'));
  try {
    const { stdout } = await run(
      process.execPath,
      [join(REPO_ROOT, 'node_modules/wrangler/bin/wrangler.js'), 'deploy', '--dry-run', '--outdir', outdir],
      { cwd: REPO_ROOT, env: { ...process.env, ...OFFLINE_ENV, CI: '1', NO_COLOR: '1' } },
    );
    const match = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(stdout);
    if (!match) throw new Error(`No upload size in wrangler's output:\n${stdout}`);
    const script = await readFile(join(outdir, 'index.js'));
    return {
      rawKiB: Number(match[1]),
      gzipKiB: Number(match[2]),
      zlibGzipKiB: gzipSync(script).length / 1024,
    };
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

/** Just enough of Odoo's JSON-RPC for one sign-in (notes/odoo.md shapes). */
async function startOdooStandIn(): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => {
      const call = JSON.parse(body) as { id: number; params: { service: string; method: string } };
      const result =
        call.params.service === 'common'
          ? 42
          : [
              {
                id: 42,
                name: 'Bench Agent',
                login: 'bench@example.test',
                partner_id: [142, 'Bench Agent'],
                lang: 'en_US',
              },
            ];
      response.setHeader('Content-Type', 'application/json');
      response.end(JSON.stringify({ jsonrpc: '2.0', id: call.id, result }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('Odoo stand-in has no port');
  return { url: `http://127.0.0.1:${address.port}`, server };
}

async function signIn(worker: WranglerDev): Promise<string> {
  const response = await fetch(`${worker.url}/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: 'bench@example.test', password: 'bench' }),
  });
  if (!response.ok) throw new Error(`Sign-in failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as LoginResponse).session;
}

/** A browser call as Twilio posts it, with a CallSid of its own, signed by the twilio package. */
function signedOutboundCall(): { body: string; signature: string } {
  const params = {
    AccountSid: TEST_SETTINGS.TWILIO_ACCOUNT_SID,
    ApplicationSid: TEST_SETTINGS.TWILIO_TWIML_APP_SID,
    CallSid: `CA${randomBytes(16).toString('hex')}`,
    CallStatus: 'ringing',
    Direction: 'inbound',
    From: 'client:odoo_42',
    To: '+33612345678',
    OdooModel: 'crm.lead',
    OdooId: '14',
  };
  const url = `${TEST_SETTINGS.PUBLIC_URL}/twiml/outbound`;
  return {
    body: new URLSearchParams(params).toString(),
    signature: twilio.getExpectedTwilioSignature(TEST_SETTINGS.TWILIO_AUTH_TOKEN, url, params),
  };
}

interface Target {
  label: string;
  origin: string;
  next(): PlannedRequest;
}

/** Closed loop: each of the 50 connections sends its next request as soon as the answer comes. */
/**
 * Under load on this machine, wrangler's local dev proxy now and then loses its connection to the
 * worker's workerd process ("stream disconnected prematurely") and answers 503 "Your worker
 * restarted mid-request" itself, for the bare route too (see ProxyWorker.js in wrangler). Those
 * are counted and reported, not hidden, up to a small share; any other failure stops the
 * benchmark, since a benchmark of failing requests measures nothing.
 */
const PROXY_RESTART = '503 Your worker restarted mid-request';
const MAX_PROXY_RESTART_SHARE = 0.05;
const proxyRestarts = new Map<string, { restarts: number; requests: number }>();

function countProxyRestarts(target: Target, restarts: number, requests: number): void {
  const count = proxyRestarts.get(target.label) ?? { restarts: 0, requests: 0 };
  proxyRestarts.set(target.label, {
    restarts: count.restarts + restarts,
    requests: count.requests + requests,
  });
  if (restarts > requests * MAX_PROXY_RESTART_SHARE) {
    throw new Error(`${target.label}: ${restarts} of ${requests} requests lost by wrangler's dev proxy`);
  }
}

/** Closed loop: each connection sends its next request as soon as the answer comes. */
async function saturate(
  target: Target,
  durationSeconds = DURATION_SECONDS,
  connections = CONNECTIONS,
): Promise<Result> {
  const result = await autocannon({
    url: target.origin,
    connections,
    duration: durationSeconds,
    pipelining: 1,
    requests: [{ setupRequest: (request) => ({ ...request, ...target.next() }) }],
  });
  // autocannon does not keep bodies: a 503 here is taken for the proxy's (the worker answers 503
  // only when it is not configured, and then to every request, which the sign-in would show).
  const { 503: unavailable, ...others } = Object.fromEntries(
    Object.entries(result.statusCodeStats).filter(([status]) => !status.startsWith('2')),
  );
  if (result.errors || result.timeouts || Object.keys(others).length > 0) {
    throw new Error(
      `${target.label}: ${result.errors} errors, ${result.timeouts} timeouts, statuses ${JSON.stringify(result.statusCodeStats)}`,
    );
  }
  countProxyRestarts(target, unavailable?.count ?? 0, result.requests.total);
  return result;
}

/** Open loop: a steady rate spread over the 50 connections (see open-loop.ts). */
async function pace(target: Target): Promise<OpenLoopResult> {
  const result = await openLoop({
    origin: target.origin,
    connections: CONNECTIONS,
    ratePerSecond: PACED_RATE,
    durationSeconds: DURATION_SECONDS,
    next: target.next,
  });
  const failures = Object.entries(result.failures);
  const restarts = failures.filter(([answer]) => answer.startsWith(PROXY_RESTART));
  if (restarts.length !== failures.length) {
    throw new Error(`${target.label}, paced: failures ${JSON.stringify(result.failures)}`);
  }
  countProxyRestarts(
    target,
    restarts.reduce((sum, [, count]) => sum + count, 0),
    result.latenciesMs.length,
  );
  return result;
}

const p99Of = (result: OpenLoopResult) =>
  percentile(
    [...result.latenciesMs].sort((a, b) => a - b),
    99,
  );

export default defineBenchmark({
  title: 'Worker: bundle size and latency under wrangler dev',
  async run() {
    const bundle = await measureBundle();
    const odoo = await startOdooStandIn();
    const started: WranglerDev[] = [];
    try {
      const worker = await startWranglerDev({ vars: { ...TEST_SETTINGS, ODOO_URL: odoo.url } });
      started.push(worker);
      const bare = await startWranglerDev({
        vars: {},
        configPath: join(REPO_ROOT, 'tests/bench/bare-worker/wrangler.toml'),
        applyMigrations: false,
      });
      started.push(bare);
      const session = await signIn(worker);

      const targets: Target[] = [
        {
          label: 'bare Hono route',
          origin: bare.url,
          next: () => ({
            method: 'POST',
            path: '/bare',
            headers: { 'Content-Type': 'application/json' },
            body: '{}',
          }),
        },
        {
          label: 'POST /token',
          origin: worker.url,
          next: () => ({ method: 'POST', path: '/token', headers: { Authorization: `Bearer ${session}` } }),
        },
        {
          label: 'POST /twiml/outbound',
          origin: worker.url,
          next: () => {
            const call = signedOutboundCall();
            return {
              method: 'POST',
              path: '/twiml/outbound',
              headers: {
                'Content-Type': 'application/x-www-form-urlencoded',
                'X-Twilio-Signature': call.signature,
              },
              body: call.body,
            };
          },
        },
      ];

      // One D1 read and little else: what a D1 round trip costs under wrangler dev (measured alone).
      const d1Probe: Target = {
        label: 'GET /health (one D1 read)',
        origin: worker.url,
        next: () => ({ method: 'GET', path: '/health' }),
      };

      // Warm-up (JIT, D1, connections), not counted.
      for (const target of targets) await saturate(target, 2);

      const loadBefore = loadavg();
      const saturated = new Map<Target, Result[]>(targets.map((target) => [target, []]));
      const paced = new Map<Target, OpenLoopResult[]>(targets.map((target) => [target, []]));
      const alone = new Map<Target, Result[]>(targets.map((target) => [target, []]));
      // A second between runs lets the connections of the last one close before the next starts.
      const settle = () => new Promise((resolve) => setTimeout(resolve, 1000));
      for (let i = 0; i < RUNS; i += 1) {
        for (const target of targets) saturated.get(target)!.push(await saturate(target).finally(settle));
        for (const target of targets) paced.get(target)!.push(await pace(target).finally(settle));
        for (const target of [...targets, d1Probe]) {
          alone.set(target, [
            ...(alone.get(target) ?? []),
            await saturate(target, ALONE_SECONDS, 1).finally(settle),
          ]);
        }
      }
      const loadAfter = loadavg();

      const [bareTarget] = targets;
      const rows: BenchRow[] = [
        {
          measure: 'bundle, gzip (wrangler deploy --dry-run)',
          unit: 'KiB',
          summary: summarize([bundle.gzipKiB]),
          target: `≤ ${BUNDLE_TARGET_KIB}`,
          met: bundle.gzipKiB <= BUNDLE_TARGET_KIB,
        },
        { measure: 'bundle, raw', unit: 'KiB', summary: summarize([bundle.rawKiB]) },
      ];
      for (const target of targets) {
        const latency = summarize(paced.get(target)!.map(p99Of));
        const judged =
          target === bareTarget ? {} : { target: `≤ ${P99_TARGET_MS}`, met: latency.median <= P99_TARGET_MS };
        rows.push({
          measure: `${target.label}: p99 latency, paced ${PACED_RATE} req/s`,
          unit: 'ms',
          summary: latency,
          ...judged,
        });
      }
      for (const target of [...targets, d1Probe]) {
        const runs = alone.get(target)!;
        rows.push(
          {
            measure: `${target.label}: p50 latency, one at a time`,
            unit: 'ms',
            summary: summarize(runs.map((r) => r.latency.p50)),
          },
          {
            measure: `${target.label}: p99 latency, one at a time`,
            unit: 'ms',
            summary: summarize(runs.map((r) => r.latency.p99)),
          },
        );
      }
      for (const target of targets) {
        const runs = saturated.get(target)!;
        rows.push(
          {
            measure: `${target.label}: throughput, saturated`,
            unit: 'req/s',
            summary: summarize(runs.map((r) => r.requests.average)),
          },
          {
            measure: `${target.label}: p99 latency, saturated`,
            unit: 'ms',
            summary: summarize(runs.map((r) => r.latency.p99)),
          },
        );
        if (target !== bareTarget) {
          // Each run against the bare route's run of the same round.
          const bareRuns = saturated.get(bareTarget!)!;
          rows.push({
            measure: `${target.label}: throughput ÷ bare route`,
            unit: 'ratio',
            summary: summarize(
              runs.map((result, i) => result.requests.average / bareRuns[i]!.requests.average),
            ),
          });
        }
      }
      return {
        rows,
        notes: [
          `Bundle: \`wrangler deploy --dry-run\` of worker/index.ts (minified); Node's gzip of the same file: ${bundle.zlibGzipKiB.toFixed(2)} KiB.`,
          `Load: ${CONNECTIONS} keep-alive connections, ${DURATION_SECONDS} s per run, ${RUNS} rounds of (bare, token, outbound) saturated, then paced, then one at a time (1 connection, ${ALONE_SECONDS} s), after a 2 s warm-up each; each run's p50/p99 is one sample; "met" judges the median run.`,
          `Machine load average (1 min) ${loadBefore[0]!.toFixed(1)} before the runs and ${loadAfter[0]!.toFixed(1)} after, on 2 cores: other work was running.`,
          `Saturated: autocannon, no pipelining, every connection sends its next request as soon as the answer comes: at that point latency is queueing (≈ ${CONNECTIONS} ÷ throughput), for the bare route too. Paced: ${PACED_RATE} req/s spread evenly over the ${CONNECTIONS} connections, latency counted from when each request was due (tests/bench/open-loop.ts); a real team is far below this (an agent needs a token every ~50 min).`,
          `Requests answered 503 by wrangler's dev proxy (lost connection to the worker's process; counted in the latencies): ${[
            ...proxyRestarts.entries(),
          ]
            .map(([label, { restarts, requests }]) => `${label} ${restarts} of ${requests}`)
            .join(', ')}.`,
          "Both workers run under `wrangler dev --local` (workerd behind wrangler's local proxy, local D1 in SQLite) on the same machine as the load generator, which shares its 2 cores with other work: latencies are those of this machine under that load, not of Cloudflare.",
          '`POST /token`: a session from a real sign-in; each request checks it, signs a Twilio token and updates the agent in D1. `POST /twiml/outbound`: each request is a new call (own CallSid, signed by the twilio package) stored in D1 with its agent in one batch. Bare route: `hono/tiny`, one `POST` answering `{"ok":true}`.',
        ],
      };
    } finally {
      for (const worker of started) await worker.stop();
      await new Promise((resolve) => odoo.server.close(resolve));
    }
  },
});
