import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'smol-toml';
import { usageError } from './admin-error';

/**
 * What the admin CLIs need from wrangler.toml: the worker's name, its plain vars, its D1
 * databases and queues. Names are read from the file, never hard-coded, so adding a binding to
 * wrangler.toml is enough for `npm run deploy` to create it.
 */

/** The id wrangler.toml ships with until `npm run deploy` writes the real one. */
export const PLACEHOLDER_DATABASE_ID = '00000000-0000-0000-0000-000000000000';

export interface D1DatabaseConfig {
  binding: string;
  databaseName: string;
  databaseId: string | null;
}

export interface WranglerConfig {
  path: string;
  name: string;
  /** `[vars]`: plain settings. A secret may not share a name with one of these. */
  vars: Record<string, string>;
  d1Databases: D1DatabaseConfig[];
  /** Every queue the worker produces to or consumes from, dead-letter queues included. */
  queueNames: string[];
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function asArray(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.map(asRecord) : [];
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

export function readWranglerConfig(path: string): WranglerConfig {
  let raw: Record<string, unknown>;
  try {
    raw = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw usageError(`Cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const name = text(raw.name);
  if (!name) throw usageError(`${path} has no worker \`name\`.`);

  const vars = Object.fromEntries(
    Object.entries(asRecord(raw.vars)).map(([key, value]) => [key, String(value)]),
  );
  const d1Databases = asArray(raw.d1_databases).flatMap((db) => {
    const databaseName = text(db.database_name);
    const binding = text(db.binding);
    return databaseName && binding ? [{ binding, databaseName, databaseId: text(db.database_id) }] : [];
  });
  const queues = asRecord(raw.queues);
  const queueNames = [
    ...asArray(queues.producers).map((producer) => text(producer.queue)),
    ...asArray(queues.consumers).flatMap((consumer) => [
      text(consumer.queue),
      text(consumer.dead_letter_queue),
    ]),
  ].filter((queue): queue is string => queue !== null);

  return { path, name, vars, d1Databases, queueNames: [...new Set(queueNames)] };
}

export function hasRealDatabaseId(db: D1DatabaseConfig): boolean {
  return db.databaseId !== null && db.databaseId !== PLACEHOLDER_DATABASE_ID;
}

/**
 * Writes a D1 database's id into wrangler.toml, where wrangler reads it. The file is edited as
 * text so its comments and layout survive; the result is parsed again to prove the edit landed.
 */
export function writeD1DatabaseId(path: string, databaseName: string, databaseId: string): void {
  const source = readFileSync(path, 'utf8');
  const tables = source.split(/^(?=\s*\[)/m);
  const index = tables.findIndex(
    (table) =>
      /^\s*\[\[d1_databases\]\]/.test(table) &&
      new RegExp(`^\\s*database_name\\s*=\\s*["']${escapeRegExp(databaseName)}["']`, 'm').test(table),
  );
  const table = tables[index];
  if (table === undefined) throw usageError(`${path} has no [[d1_databases]] named "${databaseName}".`);

  const idLine = `database_id = "${databaseId}"`;
  tables[index] = /^\s*database_id\s*=.*$/m.test(table)
    ? table.replace(/^(\s*)database_id\s*=.*$/m, `$1${idLine}`)
    : table.replace(/^(\s*)(database_name\s*=.*)$/m, `$1$2\n$1${idLine}`);
  const updated = tables.join('');
  writeFileSync(path, updated);

  const written = readWranglerConfig(path).d1Databases.find((db) => db.databaseName === databaseName);
  if (written?.databaseId !== databaseId) {
    writeFileSync(path, source);
    throw usageError(
      `Could not write the id of D1 database "${databaseName}" into ${path}; set database_id by hand.`,
    );
  }
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
