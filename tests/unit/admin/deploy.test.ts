import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../../worker/admin/admin-error';
import { deploy, workersDevUrl } from '../../../worker/admin/deploy';
import { PLACEHOLDER_DATABASE_ID, readWranglerConfig } from '../../../worker/admin/wrangler-config';
import { installWranglerStub, type WranglerStub } from '../../support/wrangler-stub/install-wrangler-stub';
import type { StubState } from '../../support/wrangler-stub/wrangler-stub';
import {
  type HealthStandIn,
  healthAnswer,
  runInProcess,
  scratchWranglerToml,
  startHealthStandIn,
  unusedLocalUrl,
} from './harness';

/**
 * `npm run deploy` with a wrangler stub first on PATH (Cloudflare cannot be reached here) on a
 * scratch copy of the repository's wrangler.toml, which declares the Odoo sync queues.
 */

let toml: ReturnType<typeof scratchWranglerToml>;
let wrangler: WranglerStub;
let worker: HealthStandIn;

function start(state: Partial<StubState> = {}) {
  wrangler = installWranglerStub(state);
}

beforeEach(async () => {
  toml = scratchWranglerToml();
  worker = await startHealthStandIn();
});

afterEach(async () => {
  await worker.close();
  wrangler?.remove();
  toml.remove();
});

function runDeploy(extra: string[] = [], url = worker.url) {
  return runInProcess(deploy, ['--config', toml.path, '--url', url, ...extra], wrangler.env);
}

const commands = () =>
  wrangler
    .state()
    .calls.map((call) => call.args.filter((arg) => arg !== '--config' && arg !== toml.path).join(' '));

describe('npm run deploy on a fresh Cloudflare account', () => {
  it('creates the D1 database and writes its id, migrates, creates the queues, deploys, then checks /health', async () => {
    start();

    const run = await runDeploy();

    expect(run.code, run.output).toBe(EXIT.ok);
    const state = wrangler.state();
    const [db] = state.d1;
    expect(db?.name).toBe('odoo-click-to-call');
    expect(commands()).toEqual([
      'd1 list --json',
      'd1 create odoo-click-to-call',
      'd1 list --json',
      'd1 migrations apply odoo-click-to-call --remote',
      'queues info odoo-sync',
      'queues create odoo-sync',
      'queues info odoo-sync-dlq',
      'queues create odoo-sync-dlq',
      'deploy',
    ]);
    expect(state.calls.every((call) => call.offline)).toBe(true);
    expect(state.deployments).toBe(1);
    expect(readWranglerConfig(toml.path).d1Databases[0]?.databaseId).toBe(db?.uuid);
    // The file is edited, not rewritten: its comments survive.
    expect(readFileSync(toml.path, 'utf8')).toContain('# Replaced by `npm run deploy`');
    expect(worker.hits).toBeGreaterThanOrEqual(1);
    expect(run.stderr).toContain(`Deployed and healthy: ${worker.url}`);
  });

  it('run again, creates nothing and leaves wrangler.toml as it is', async () => {
    start();
    await runDeploy();
    const tomlAfterFirst = readFileSync(toml.path, 'utf8');
    const callsAfterFirst = wrangler.state().calls.length;

    const run = await runDeploy();

    expect(run.code, run.output).toBe(EXIT.ok);
    const secondRun = commands().slice(callsAfterFirst);
    expect(secondRun.filter((command) => command.includes('create'))).toEqual([]);
    expect(secondRun).toContain('deploy');
    expect(readFileSync(toml.path, 'utf8')).toBe(tomlAfterFirst);
    expect(wrangler.state().d1).toHaveLength(1);
    expect(wrangler.state().queues).toHaveLength(2);
  });
});

describe('npm run deploy says what is wrong', () => {
  it('deployed but not configured: exit 1, names the missing settings and points at setup', async () => {
    start();
    worker.answer = {
      status: 503,
      body: { ok: false, missing: ['TWILIO_AUTH_TOKEN', 'SESSION_SECRET'], invalid: [] },
    };

    const run = await runDeploy();

    expect(run.code).toBe(EXIT.needsAttention);
    expect(run.stderr).toContain('missing settings: TWILIO_AUTH_TOKEN, SESSION_SECRET');
    expect(run.stderr).toContain('npm run setup');
    expect(wrangler.state().deployments).toBe(1);
  });

  it("deployed, but the worker's last check of Twilio and Odoo found a problem: exit 1, points at --check", async () => {
    start();
    worker.answer = healthAnswer({
      checks: { 'odoo.login': { status: 'problem', detail: 'Odoo refused ODOO_LOGIN + ODOO_API_KEY' } },
    });

    const run = await runDeploy();

    expect(run.code).toBe(EXIT.needsAttention);
    expect(run.stderr).toContain('odoo.login: Odoo refused ODOO_LOGIN + ODOO_API_KEY');
    expect(run.stderr).toContain('npm run setup -- --check');
    expect(worker.queries).toEqual(['']);
  });

  it('deployed but unreachable: exit 5', async () => {
    start();

    const run = await runDeploy(['--health-timeout', '0'], await unusedLocalUrl());

    expect(run.code).toBe(EXIT.workerUnreachable);
    expect(run.stderr).toContain('unreachable');
  });

  it('not logged in to Cloudflare: exit 6 with how to log in, nothing deployed', async () => {
    start({ loggedIn: false });

    const run = await runDeploy();

    expect(run.code).toBe(EXIT.wrangler);
    expect(run.stderr).toContain('npx wrangler login');
    expect(wrangler.state().deployments).toBe(0);
    expect(readWranglerConfig(toml.path).d1Databases[0]?.databaseId).toBe(PLACEHOLDER_DATABASE_ID);
  });

  it('wrangler.toml naming another database id than the account has: exit 2 before deploying', async () => {
    start({ d1: [{ name: 'odoo-click-to-call', uuid: '11111111-1111-1111-1111-111111111111' }] });
    const source = readFileSync(toml.path, 'utf8').replace(
      PLACEHOLDER_DATABASE_ID,
      '22222222-2222-2222-2222-222222222222',
    );
    writeFileSync(toml.path, source);

    const run = await runDeploy();

    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toContain('11111111-1111-1111-1111-111111111111');
    expect(wrangler.state().deployments).toBe(0);
    expect(readFileSync(toml.path, 'utf8')).toBe(source);
  });

  it('a public URL that is not HTTPS: exit 2 before touching Cloudflare', async () => {
    start();

    const run = await runDeploy([], 'http://calls.acme.example');

    expect(run.code).toBe(EXIT.usage);
    expect(wrangler.state().calls).toEqual([]);
  });
});

describe('the URL wrangler deploy prints', () => {
  it('is found under the triggers line', () => {
    const output =
      'Uploaded odoo-click-to-call (1.20 sec)\nDeployed odoo-click-to-call triggers (0.40 sec)\n' +
      '  https://odoo-click-to-call.acme.workers.dev\nCurrent Version ID: 1234';
    expect(workersDevUrl(output)).toBe('https://odoo-click-to-call.acme.workers.dev');
  });

  it('is absent when the worker only has routes', () => {
    expect(workersDevUrl('Deployed x triggers (0.40 sec)\n  calls.acme.example/*')).toBeNull();
  });
});
