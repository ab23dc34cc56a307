import { AdminError, EXIT } from './admin-error';
import { type Wrangler, wranglerFailure } from './wrangler';
import {
  type D1DatabaseConfig,
  hasRealDatabaseId,
  type WranglerConfig,
  writeD1DatabaseId,
} from './wrangler-config';

/**
 * The Cloudflare resources `npm run deploy` makes sure of before uploading the worker: its D1
 * databases (created when missing, id written into wrangler.toml, migrations applied remotely)
 * and its queues (created when missing; `wrangler deploy` refuses to bind a queue that does not
 * exist). Each step is a no-op when the resource is already there.
 */

interface D1ListEntry {
  uuid: string;
  name: string;
}

/** wrangler may print a warning before its JSON: read from the first bracket. */
function parseJsonArray<T>(stdout: string, what: string): T[] {
  const start = stdout.indexOf('[');
  try {
    const parsed: unknown = JSON.parse(stdout.slice(start));
    if (start >= 0 && Array.isArray(parsed)) return parsed as T[];
  } catch {
    // reported below
  }
  throw new AdminError(`Could not read the list of ${what} that wrangler printed.`, EXIT.wrangler);
}

async function findDatabase(wrangler: Wrangler, name: string): Promise<D1ListEntry | undefined> {
  const { stdout } = await wrangler.runOk(['d1', 'list', '--json'], 'listing D1 databases');
  return parseJsonArray<D1ListEntry>(stdout, 'D1 databases').find((db) => db.name === name);
}

export async function ensureD1Database(
  wrangler: Wrangler,
  config: WranglerConfig,
  db: D1DatabaseConfig,
  log: (line: string) => void,
): Promise<string> {
  let remote = await findDatabase(wrangler, db.databaseName);
  if (remote) {
    log(`· D1 database "${db.databaseName}" exists (${remote.uuid}).`);
  } else {
    await wrangler.runOk(['d1', 'create', db.databaseName], `creating D1 database "${db.databaseName}"`);
    remote = await findDatabase(wrangler, db.databaseName);
    if (!remote) {
      throw new AdminError(
        `wrangler created D1 database "${db.databaseName}" but does not list it.`,
        EXIT.wrangler,
      );
    }
    log(`✔ D1 database "${db.databaseName}" created (${remote.uuid}).`);
  }
  if (!hasRealDatabaseId(db)) {
    writeD1DatabaseId(config.path, db.databaseName, remote.uuid);
    log(`✔ Wrote its id into ${config.path} (keep that change: later deploys use it).`);
  } else if (db.databaseId !== remote.uuid) {
    throw new AdminError(
      `${config.path} gives database_id ${db.databaseId} for "${db.databaseName}", but that database in ` +
        `your Cloudflare account is ${remote.uuid}. Put the right id in ${config.path} (or the placeholder ` +
        '00000000-0000-0000-0000-000000000000 to have it written) and deploy again.',
      EXIT.usage,
    );
  }
  return remote.uuid;
}

export async function applyRemoteMigrations(
  wrangler: Wrangler,
  db: D1DatabaseConfig,
  log: (line: string) => void,
): Promise<void> {
  log(`Applying D1 migrations to "${db.databaseName}" (remote)…`);
  await wrangler.runOk(
    ['d1', 'migrations', 'apply', db.databaseName, '--remote'],
    `applying migrations to "${db.databaseName}"`,
    { echo: true },
  );
}

export async function ensureQueue(
  wrangler: Wrangler,
  name: string,
  log: (line: string) => void,
): Promise<void> {
  const info = await wrangler.run(['queues', 'info', name]);
  if (info.code === 0) {
    log(`· Queue "${name}" exists.`);
    return;
  }
  if (!/does not exist/i.test(info.stderr + info.stdout))
    throw wranglerFailure(info, `looking up queue "${name}"`);
  await wrangler.runOk(['queues', 'create', name], `creating queue "${name}"`);
  log(`✔ Queue "${name}" created.`);
}
