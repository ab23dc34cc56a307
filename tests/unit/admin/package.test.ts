import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policyProblems, WEB_STORE_UPDATE_URL } from '../../../extension/release/chrome-policy';
import { packageExtension } from '../../../extension/release/package';
import { EXTENSION_ID } from '../../../shared/extension-id';
import { MANAGED_POLICY_KEYS, MANAGED_SCHEMA } from '../../../shared/managed-policy';
import { EXIT } from '../../../worker/admin/admin-error';
import { repoRoot, runInProcess } from './harness';

/**
 * `npm run package` builds the real extension once (into a scratch dist/), then each test reads
 * what an admin would upload or deploy: the zip, and the policy templates.
 */

const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
const WORKER_URL = 'https://calls.acme.example';
const ODOO_URL = 'https://acme.odoo.com';

let scratch: string;
let dist: string;
let release: string;
let built: Awaited<ReturnType<typeof runInProcess>>;

function readRelease(name: string): string {
  return readFileSync(join(release, name), 'utf8');
}

function unzipRelease(dir = release): Record<string, Uint8Array> {
  return unzipSync(readFileSync(join(dir, `odoo-click-to-call-${version}.zip`)));
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'package-'));
  dist = join(scratch, 'dist');
  release = join(scratch, 'release');
  built = await runInProcess(
    packageExtension,
    [
      '--worker-url',
      `${WORKER_URL}/`,
      '--odoo-url',
      `${ODOO_URL}/web`,
      '--default-country',
      'fr',
      '--dist-dir',
      dist,
      '--out-dir',
      release,
    ],
    {},
  );
}, 120_000);

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('npm run package', () => {
  it('zips the built extension as odoo-click-to-call-<version>.zip, manifest at the root with package.json’s version', () => {
    expect(built.code, built.output).toBe(EXIT.ok);
    const files = unzipRelease();
    const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as Record<string, unknown>;

    expect(manifest.version).toBe(version);
    expect(manifest.manifest_version).toBe(3);
    // The Chrome Web Store refuses a manifest with a key.
    expect(manifest).not.toHaveProperty('key');
    expect(Object.keys(files)).toContain('_locales/fr/messages.json');
  });

  it('writes a Chrome policy that force-installs the extension and presets exactly the managed_schema keys', () => {
    const policy = JSON.parse(readRelease('chrome-policy.json'));

    expect(policy.ExtensionSettings[EXTENSION_ID]).toEqual({
      installation_mode: 'force_installed',
      update_url: WEB_STORE_UPDATE_URL,
      toolbar_pin: 'force_pinned',
    });
    const settings = policy['3rdparty'].extensions[EXTENSION_ID];
    expect(settings).toEqual({ workerUrl: WORKER_URL, odooUrl: ODOO_URL, defaultCountry: 'FR' });
    expect(Object.keys(settings)).toEqual([...MANAGED_POLICY_KEYS]);
    expect(policyProblems(settings, MANAGED_SCHEMA)).toEqual([]);
  });

  it('validates the policy against the managed_schema the built extension declares, when it declares one', () => {
    const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8'));
    const schemaFile: string | undefined = manifest.storage?.managed_schema;
    const schema = schemaFile ? JSON.parse(readFileSync(join(dist, schemaFile), 'utf8')) : MANAGED_SCHEMA;
    const settings = JSON.parse(readRelease('chrome-policy.json'))['3rdparty'].extensions[EXTENSION_ID];

    expect(policyProblems(settings, schema)).toEqual([]);
    expect(Object.keys(schema.properties).sort()).toEqual([...MANAGED_POLICY_KEYS].sort());
  });

  it('writes the same settings for the Google Admin console and the Windows registry', () => {
    expect(JSON.parse(readRelease('google-admin-policy.json'))).toEqual({
      workerUrl: { Value: WORKER_URL },
      odooUrl: { Value: ODOO_URL },
      defaultCountry: { Value: 'FR' },
    });
    const reg = readRelease('windows-policy.reg');
    expect(reg).toContain(
      `[HKEY_LOCAL_MACHINE\\Software\\Policies\\Google\\Chrome\\3rdparty\\extensions\\${EXTENSION_ID}\\policy]`,
    );
    expect(reg).toContain(`"workerUrl"="${WORKER_URL}"`);
    expect(reg).toContain('\\"installation_mode\\":\\"force_installed\\"');
  });

  it('gives the same zip for the same build, and keeps the key on request', async () => {
    const again = join(scratch, 'again');
    const run = await runInProcess(
      packageExtension,
      [
        '--skip-build',
        '--keep-key',
        '--worker-url',
        WORKER_URL,
        '--odoo-url',
        ODOO_URL,
        '--dist-dir',
        dist,
        '--out-dir',
        again,
      ],
      {},
    );
    const plain = join(scratch, 'plain');
    await runInProcess(
      packageExtension,
      [
        '--skip-build',
        '--worker-url',
        WORKER_URL,
        '--odoo-url',
        ODOO_URL,
        '--dist-dir',
        dist,
        '--out-dir',
        plain,
      ],
      {},
    );

    expect(run.code, run.output).toBe(EXIT.ok);
    const zipName = `odoo-click-to-call-${version}.zip`;
    expect(readFileSync(join(plain, zipName))).toEqual(readFileSync(join(release, zipName)));
    const manifest = JSON.parse(strFromU8(unzipRelease(again)['manifest.json']!));
    expect(typeof manifest.key).toBe('string');
  });
});

describe('npm run package refuses', () => {
  it('to build without a worker URL', async () => {
    const out = join(scratch, 'no-worker');
    const run = await runInProcess(packageExtension, ['--odoo-url', ODOO_URL, '--out-dir', out], {});

    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toContain('--worker-url');
    expect(existsSync(out)).toBe(false);
  });

  it('a policy the extension’s own managed_schema would drop', async () => {
    const fakeDist = join(scratch, 'narrow-schema');
    mkdirSync(fakeDist);
    writeFileSync(
      join(fakeDist, 'manifest.json'),
      JSON.stringify({ manifest_version: 3, version, storage: { managed_schema: 'schema.json' } }),
    );
    writeFileSync(
      join(fakeDist, 'schema.json'),
      JSON.stringify({ type: 'object', properties: { workerUrl: { type: 'string' } } }),
    );

    const run = await runInProcess(
      packageExtension,
      [
        '--skip-build',
        '--worker-url',
        WORKER_URL,
        '--odoo-url',
        ODOO_URL,
        '--dist-dir',
        fakeDist,
        '--out-dir',
        join(scratch, 'x'),
      ],
      {},
    );

    expect(run.code).toBe(EXIT.build);
    expect(run.stderr).toContain('"odooUrl" is not a policy');
  });

  it('a dist/ built for another version', async () => {
    const stale = join(scratch, 'stale');
    mkdirSync(stale);
    writeFileSync(join(stale, 'manifest.json'), JSON.stringify({ manifest_version: 3, version: '0.0.0' }));

    const run = await runInProcess(
      packageExtension,
      [
        '--skip-build',
        '--worker-url',
        WORKER_URL,
        '--odoo-url',
        ODOO_URL,
        '--dist-dir',
        stale,
        '--out-dir',
        join(scratch, 'y'),
      ],
      {},
    );

    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toContain('0.0.0');
  });
});
