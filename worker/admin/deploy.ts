import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { AdminError, EXIT, type ExitCode, usageError } from './admin-error';
import { type CliIo, processIo, runCli, say } from './cli-io';
import { applyRemoteMigrations, ensureD1Database, ensureQueue } from './deploy-resources';
import { describeHealth, settingsProblems, waitForHealth } from './worker-health';
import { workerUrls } from './worker-urls';
import { wranglerFor } from './wrangler';
import { readWranglerConfig } from './wrangler-config';

/**
 * `npm run deploy`: everything `wrangler deploy` alone does not do, in the order that keeps a
 * running team working: D1 databases (created when missing, id written into wrangler.toml),
 * remote migrations (before the new code that needs them), queues (created when missing), the
 * upload itself, then the deployed worker's `/health`.
 */

const HELP = `Usage: npm run deploy -- [options]

Creates what the worker needs on Cloudflare (D1 database, queues), applies the database
migrations, deploys the worker with wrangler and checks its /health.
Log in first with \`npx wrangler login\` (or set CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID).

Options:
  --url <url>              the worker's public URL for the health check (or PUBLIC_URL);
                           default: the workers.dev URL wrangler prints
  --health-timeout <sec>   how long to wait for /health to answer after deploying (default 60)
  --config <path>          wrangler.toml to use (default: ./wrangler.toml)
  -h, --help               this help

Exit codes: 0 deployed and healthy, 1 deployed but /health reports missing or invalid settings,
2 usage, 5 worker unreachable after deploying, 6 wrangler failed.`;

const WORKERS_DEV_URL = /https:\/\/[a-z0-9.-]+\.workers\.dev\b/i;

/** The workers.dev URL `wrangler deploy` prints under "Deployed <name> triggers", if any. */
export function workersDevUrl(deployOutput: string): string | null {
  return WORKERS_DEV_URL.exec(deployOutput)?.[0] ?? null;
}

function parseDeployArgs(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        url: { type: 'string' },
        'health-timeout': { type: 'string', default: '60' },
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    throw usageError(`${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
  }
}

export async function deploy(argv: string[], io: CliIo): Promise<ExitCode> {
  const flags = parseDeployArgs(argv);
  if (flags.help) {
    io.stdout.write(`${HELP}\n`);
    return EXIT.ok;
  }
  const healthTimeoutSeconds = Number(flags['health-timeout']);
  if (!Number.isFinite(healthTimeoutSeconds) || healthTimeoutSeconds < 0) {
    throw usageError(`--health-timeout takes a number of seconds (got "${flags['health-timeout']}").`);
  }
  const givenUrl = flags.url?.trim() || io.env.PUBLIC_URL?.trim();
  // Checked before anything is deployed: a typo should not cost a deployment.
  const urlsFromFlags = givenUrl ? workerUrls(givenUrl) : null;

  const config = readWranglerConfig(flags.config ?? join(io.cwd, 'wrangler.toml'));
  const wrangler = wranglerFor(io, config.path);
  const log = (line: string) => say(io, line);
  say(io, `Deploying worker "${config.name}" (${config.path})`);

  for (const db of config.d1Databases) {
    await ensureD1Database(wrangler, config, db, log);
  }
  // Re-read: ensureD1Database may have written ids wrangler now needs.
  for (const db of readWranglerConfig(config.path).d1Databases) {
    await applyRemoteMigrations(wrangler, db, log);
  }
  for (const queue of config.queueNames) {
    await ensureQueue(wrangler, queue, log);
  }

  say(io, 'Uploading the worker…');
  const deployed = await wrangler.runOk(['deploy'], 'deploying the worker', { echo: true });
  const printedUrl = workersDevUrl(deployed.stdout);
  const urls = urlsFromFlags ?? (printedUrl ? workerUrls(printedUrl) : null);
  if (!urls) {
    throw new AdminError(
      'Deployed, but wrangler printed no workers.dev URL to check: run `npm run setup -- --check --url <your URL>`.',
      EXIT.needsAttention,
    );
  }

  say(io, `Checking ${urls.health}…`);
  const result = await waitForHealth(urls.health, {
    deadlineMs: healthTimeoutSeconds * 1000,
    intervalMs: 3000,
  });
  if (!result.reachable) {
    throw new AdminError(
      `Deployed, but ${urls.health} is unreachable (${result.reason}). A new workers.dev name can take a ` +
        'minute to appear; run `npm run setup -- --check` in a moment.',
      EXIT.workerUnreachable,
    );
  }
  if (result.health?.ok) {
    say(io, `✔ Deployed and healthy: ${urls.publicUrl}`);
    return EXIT.ok;
  }
  say(io, `! Deployed, but the worker is not ready: ${describeHealth(result)}.`);
  say(
    io,
    result.health && settingsProblems(result.health).length === 0
      ? `  Run \`npm run setup -- --check --url ${urls.publicUrl}\` to see what to fix.`
      : `  Run \`npm run setup -- --url ${urls.publicUrl}\` to set the missing settings.`,
  );
  return EXIT.needsAttention;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const io = processIo();
  process.exitCode = await runCli(io, () => deploy(process.argv.slice(2), io));
}
