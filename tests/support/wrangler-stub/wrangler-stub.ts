/**
 * A stand-in for the `wrangler` CLI (Cloudflare cannot be reached here): it answers the commands
 * the admin tools run the way wrangler 4.86 does (same output shapes, same error texts, exit
 * codes), keeps Cloudflare's side in a JSON state file, and records every call (arguments, stdin,
 * whether telemetry was off) for the tests' assertions.
 *
 * It is compiled to plain JavaScript by install-wrangler-stub.ts and started through a `wrangler`
 * script put first on PATH. Only Node built-ins and smol-toml may be imported here.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'smol-toml';

export interface StubCall {
  args: string[];
  stdin: string;
  /** The three variables that keep wrangler off the network were all "false". */
  offline: boolean;
}

export interface StubState {
  loggedIn: boolean;
  workerExists: boolean;
  secrets: Record<string, string>;
  d1: { uuid: string; name: string }[];
  queues: string[];
  migrationsApplied: string[];
  deployments: number;
  /** What `deploy` prints as the worker's URL. */
  workersDevUrl: string;
  calls: StubCall[];
}

const statePath = process.env.WRANGLER_STUB_STATE;
if (!statePath) {
  process.stderr.write('wrangler stub: WRANGLER_STUB_STATE is not set\n');
  process.exit(2);
}

const state = JSON.parse(readFileSync(statePath, 'utf8')) as StubState;
const args = process.argv.slice(2);

function option(name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

/** Positional arguments: everything that is neither a flag nor a flag's value. */
const VALUED_FLAGS = new Set(['--config', '--format', '--name', '--env']);
const positionals = args.filter(
  (arg, index) => !arg.startsWith('--') && !VALUED_FLAGS.has(args[index - 1] ?? ''),
);

interface TomlConfig {
  name?: string;
  d1_databases?: { database_name?: string; database_id?: string }[];
  queues?: { producers?: { queue?: string }[]; consumers?: { queue?: string; dead_letter_queue?: string }[] };
}

function readConfig(): TomlConfig {
  const path = option('--config') ?? 'wrangler.toml';
  return parse(readFileSync(path, 'utf8')) as TomlConfig;
}

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch {
    return '';
  }
}

function done(code: number, out = '', err = ''): never {
  writeFileSync(statePath as string, JSON.stringify(state, null, 2));
  if (out) process.stdout.write(out.endsWith('\n') ? out : `${out}\n`);
  if (err) process.stderr.write(err.endsWith('\n') ? err : `${err}\n`);
  process.exit(code);
}

const fail = (message: string): never => done(1, '', `✘ [ERROR] ${message}`);

const stdin = positionals[0] === 'secret' && positionals[1] === 'put' ? readStdin() : '';
state.calls.push({
  args,
  stdin,
  offline:
    process.env.WRANGLER_SEND_METRICS === 'false' &&
    process.env.WRANGLER_SEND_ERROR_REPORTS === 'false' &&
    process.env.CLOUDFLARE_CF_FETCH_ENABLED === 'false',
});

if (!state.loggedIn) {
  fail(
    "In a non-interactive environment, it's necessary to set a CLOUDFLARE_API_TOKEN environment variable for wrangler to work. Please go to https://developers.cloudflare.com/fundamentals/api/get-started/create-token/ for instructions on how to create an api token, and assign its value to CLOUDFLARE_API_TOKEN.",
  );
}

const config = readConfig();
const workerName = option('--name') ?? config.name ?? '';
const command = positionals.slice(0, 2).join(' ');

function queuesInConfig(): string[] {
  const producers = config.queues?.producers ?? [];
  const consumers = config.queues?.consumers ?? [];
  return [...producers.map((p) => p.queue), ...consumers.map((c) => c.queue)].filter((q): q is string => !!q);
}

switch (command) {
  case 'secret list': {
    if (!state.workerExists) {
      fail(
        `Worker "${workerName}" not found.\n\nIf this is a new Worker, run \`wrangler deploy\` first to create it.\n` +
          "Otherwise, check that the Worker name is correct and you're logged into the right account.",
      );
    }
    done(
      0,
      JSON.stringify(
        Object.keys(state.secrets).map((name) => ({ name, type: 'secret_text' })),
        null,
        '  ',
      ),
    );
    break;
  }
  case 'secret put': {
    const name = positionals[2];
    if (!name) fail('Not enough non-option arguments: got 0, need at least 1');
    const value = stdin.replace(/\s+$/, '');
    const created = state.workerExists ? '' : `🌀 Creating new Worker "${workerName}"...\n`;
    state.workerExists = true;
    state.secrets[name as string] = value;
    done(
      0,
      `${created}🌀 Creating the secret for the Worker "${workerName}" \n✨ Success! Uploaded secret ${name}`,
    );
    break;
  }
  case 'd1 list': {
    const rows = state.d1.map((db) => ({
      ...db,
      created_at: '2026-01-01T00:00:00.000Z',
      version: 'production',
    }));
    done(0, JSON.stringify(rows, null, 2));
    break;
  }
  case 'd1 create': {
    const name = positionals[2] as string;
    if (state.d1.some((db) => db.name === name))
      fail(`A database with that name already exists [code: 7502]`);
    const uuid = randomUUID();
    state.d1.push({ uuid, name });
    done(
      0,
      `✅ Successfully created DB '${name}' in region WEUR\nCreated your new D1 database.\n\n` +
        `To access your new D1 Database in your Worker, add the following snippet to your configuration file:\n` +
        `[[d1_databases]]\nbinding = "${name.replace(/\W/g, '_').toUpperCase()}"\ndatabase_name = "${name}"\ndatabase_id = "${uuid}"`,
    );
    break;
  }
  case 'd1 migrations': {
    const name = positionals[3] as string;
    if (positionals[2] !== 'apply' || !args.includes('--remote'))
      fail('stub: only `d1 migrations apply NAME --remote`');
    const configured = config.d1_databases?.find((db) => db.database_name === name);
    if (!configured)
      fail(`Couldn't find a D1 DB with the name or binding '${name}' in your wrangler.toml file.`);
    // Remote commands use the id from the config file, as wrangler does.
    if (!state.d1.some((db) => db.uuid === configured?.database_id)) {
      fail(
        `A request to the Cloudflare API (/accounts/0000/d1/database/${configured?.database_id}) failed.\n  database not found [code: 7404]`,
      );
    }
    const first = !state.migrationsApplied.includes(name);
    state.migrationsApplied.push(name);
    done(
      0,
      first
        ? `Migrations to be applied:\n│ 0001_init.sql │\n✅ Applied 1 migration(s)`
        : '✅ No migrations to apply!',
    );
    break;
  }
  case 'queues info': {
    const name = positionals[2] as string;
    if (!state.queues.includes(name)) {
      fail(`Queue "${name}" does not exist. To create it, run: wrangler queues create ${name}`);
    }
    done(0, `Queue Name: ${name}\nQueue ID: 0000\nNumber of Producers: 0\nNumber of Consumers: 0`);
    break;
  }
  case 'queues create': {
    const name = positionals[2] as string;
    if (state.queues.includes(name)) fail(`Queue name already taken [code: 11009]`);
    state.queues.push(name);
    done(0, `🌀 Creating queue '${name}'\n✅ Created queue '${name}'`);
    break;
  }
  default: {
    if (positionals[0] === 'deploy') {
      const missingQueue = queuesInConfig().find((queue) => !state.queues.includes(queue));
      if (missingQueue)
        fail(
          `Queue "${missingQueue}" does not exist. To create it, run: wrangler queues create ${missingQueue}`,
        );
      const badDb = config.d1_databases?.find(
        (db) => !state.d1.some((remote) => remote.uuid === db.database_id),
      );
      if (badDb) fail(`binding DB of type d1 must have a valid \`id\` specified [code: 10021]`);
      state.workerExists = true;
      state.deployments += 1;
      done(
        0,
        `Total Upload: 120.00 KiB / gzip: 30.00 KiB\nUploaded ${workerName} (1.20 sec)\n` +
          `Deployed ${workerName} triggers (0.40 sec)\n  ${state.workersDevUrl}\nCurrent Version ID: 00000000-0000-0000-0000-00000000000${state.deployments}`,
      );
    }
    fail(`wrangler stub: unsupported command: ${args.join(' ')}`);
  }
}
