import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readWranglerConfig, writeD1DatabaseId } from '../../../worker/admin/wrangler-config';
import { repoRoot } from './harness';

let dir: string | undefined;

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function tomlFile(text: string): string {
  dir = mkdtempSync(join(tmpdir(), 'wrangler-config-'));
  const path = join(dir, 'wrangler.toml');
  writeFileSync(path, text);
  return path;
}

const TWO_DATABASES = `name = "calls"
# the calls database
[[d1_databases]]
binding = "DB"
database_name = "calls"
database_id = "00000000-0000-0000-0000-000000000000"

[[d1_databases]]
binding = "ARCHIVE"
database_name = "calls-archive"

[vars]
DIAL_ALLOWED_COUNTRIES = "FR"
`;

describe('wrangler.toml as the admin tools read it', () => {
  it('reads the repository’s own file: name, vars, the D1 database', () => {
    const config = readWranglerConfig(join(repoRoot, 'wrangler.toml'));

    expect(config.name).toBe('odoo-click-to-call');
    expect(Object.keys(config.vars)).toContain('DIAL_ALLOWED_COUNTRIES');
    expect(config.d1Databases).toEqual([
      {
        binding: 'DB',
        databaseName: 'odoo-click-to-call',
        databaseId: '00000000-0000-0000-0000-000000000000',
      },
    ]);
  });

  it('writes a database id into the right table only, keeping comments and other tables', () => {
    const path = tomlFile(TWO_DATABASES);

    writeD1DatabaseId(path, 'calls-archive', 'aaaaaaaa-0000-0000-0000-000000000001');
    writeD1DatabaseId(path, 'calls', 'bbbbbbbb-0000-0000-0000-000000000002');

    expect(readWranglerConfig(path).d1Databases.map((db) => [db.databaseName, db.databaseId])).toEqual([
      ['calls', 'bbbbbbbb-0000-0000-0000-000000000002'],
      ['calls-archive', 'aaaaaaaa-0000-0000-0000-000000000001'],
    ]);
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('# the calls database');
    expect(readWranglerConfig(path).vars).toEqual({ DIAL_ALLOWED_COUNTRIES: 'FR' });
  });

  it('refuses a database the file does not declare, leaving the file as it was', () => {
    const path = tomlFile(TWO_DATABASES);

    expect(() => writeD1DatabaseId(path, 'nope', 'cccccccc-0000-0000-0000-000000000003')).toThrow('"nope"');
    expect(readFileSync(path, 'utf8')).toBe(TWO_DATABASES);
  });

  it('collects producer, consumer and dead-letter queues once each', () => {
    const path = tomlFile(`name = "calls"
[[queues.producers]]
binding = "SYNC"
queue = "sync"
[[queues.consumers]]
queue = "sync"
dead_letter_queue = "sync-dlq"
`);
    expect(readWranglerConfig(path).queueNames).toEqual(['sync', 'sync-dlq']);
  });
});
