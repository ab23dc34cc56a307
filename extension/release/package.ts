import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { EXTENSION_ID, EXTENSION_ID_PATTERN } from '../../shared/extension-id';
import { MANAGED_SCHEMA, type ManagedPolicy } from '../../shared/managed-policy';
import { AdminError, EXIT, type ExitCode, usageError } from '../../worker/admin/admin-error';
import { type CliIo, processIo, runCli, say } from '../../worker/admin/cli-io';
import { spawnCommand } from '../../worker/admin/spawn-command';
import { toOrigin } from '../build-inputs';
import {
  chromePolicy,
  googleAdminPolicy,
  managedSettings,
  policyProblems,
  WEB_STORE_UPDATE_URL,
  windowsPolicyReg,
} from './chrome-policy';
import { zipExtension } from './zip-extension';

/**
 * `npm run package`: builds the extension for a company's Odoo and worker, zips it as
 * release/odoo-click-to-call-<version>.zip, and writes Chrome policy templates that force-install
 * it and preset its settings. docs/admin-guide.md, "Roll the extension out", explains the files.
 */

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

const HELP = `Usage: npm run package -- --worker-url <url> --odoo-url <url> [options]

Builds the extension, zips it as release/odoo-click-to-call-<version>.zip and writes
Chrome policy templates (force-install + preset settings) next to it.

Options:
  --worker-url <url>        the worker's public URL (or WORKER_URL)
  --odoo-url <url>          your Odoo, e.g. https://acme.odoo.com (or ODOO_URL); a comma list is
                            allowed for the build, the policy presets the first one
  --default-country <CC>    ISO country code for numbers without a +prefix, e.g. FR (or DEFAULT_COUNTRY)
  --extension-id <id>       the ID Chrome knows the extension by: the Chrome Web Store's ID once
                            you have uploaded it (default: ${EXTENSION_ID}, this repository's key)
  --update-url <url>        where Chrome fetches it (default: the Chrome Web Store); for private
                            hosting, the URL of your update manifest (XML)
  --keep-key                keep the manifest's "key" (self-hosted CRX signed with its private key);
                            the Chrome Web Store refuses manifests with a key
  --skip-build              zip the existing dist/ instead of building
  --out-dir <dir>           where to write (default: release/)
  --dist-dir <dir>          where the build goes (default: dist/)
  -h, --help                this help`;

function parsePackageArgs(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        'worker-url': { type: 'string' },
        'odoo-url': { type: 'string' },
        'default-country': { type: 'string' },
        'extension-id': { type: 'string', default: EXTENSION_ID },
        'update-url': { type: 'string', default: WEB_STORE_UPDATE_URL },
        'keep-key': { type: 'boolean', default: false },
        'skip-build': { type: 'boolean', default: false },
        'out-dir': { type: 'string' },
        'dist-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    throw usageError(`${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
  }
}

function validOrigin(value: string, what: string): string {
  try {
    return toOrigin(value);
  } catch {
    throw usageError(`${what} "${value}" is not an http(s) URL.`);
  }
}

/** The build inputs and the policy values, checked before anything is built. */
function releaseInputs(io: CliIo, flags: ReturnType<typeof parsePackageArgs>) {
  const workerUrl = flags['worker-url'] ?? io.env.WORKER_URL;
  const odooUrl = flags['odoo-url'] ?? io.env.ODOO_URL;
  if (!workerUrl?.trim()) throw usageError('Give the worker URL: --worker-url <url> (or WORKER_URL).');
  if (!odooUrl?.trim()) throw usageError('Give your Odoo URL: --odoo-url <url> (or ODOO_URL).');
  const odooOrigins = odooUrl.split(',').map((item) => validOrigin(item, 'The Odoo URL'));
  const policyOdooUrl = odooOrigins.find((origin) => !origin.includes('*'));
  const country = (flags['default-country'] ?? io.env.DEFAULT_COUNTRY)?.trim().toUpperCase();
  if (country && !/^[A-Z]{2}$/.test(country)) {
    throw usageError(`--default-country takes a two-letter ISO code such as FR (got "${country}").`);
  }
  const extensionId = flags['extension-id'];
  if (!EXTENSION_ID_PATTERN.test(extensionId)) {
    throw usageError(`"${extensionId}" is not a Chrome extension ID (32 letters a to p).`);
  }
  const updateUrl = flags['update-url'];
  if (!/^https:\/\//.test(updateUrl))
    throw usageError(`--update-url must be an https:// URL (got "${updateUrl}").`);
  return {
    build: { WORKER_URL: validOrigin(workerUrl, 'The worker URL'), ODOO_URL: odooOrigins.join(',') },
    settings: managedSettings({
      workerUrl: validOrigin(workerUrl, 'The worker URL'),
      odooUrl: policyOdooUrl,
      defaultCountry: country,
    }),
    extensionId,
    updateUrl,
  };
}

function build(io: CliIo, distDir: string, env: Record<string, string>): Promise<void> {
  say(io, `Building the extension into ${distDir} (WORKER_URL=${env.WORKER_URL}, ODOO_URL=${env.ODOO_URL})…`);
  return new Promise((resolve, reject) => {
    const child = spawnCommand('npm', ['run', 'build', '--', '--outDir', distDir], {
      cwd: repoRoot,
      env: { ...io.env, ...env },
    });
    child.stdin.end();
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString('utf8');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new AdminError(`The extension build failed (exit ${code}):\n${output.trim()}`, EXIT.build));
    });
  });
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** The built manifest must be this version, and its managed_schema (if any) must accept the policy. */
function checkBuild(distDir: string, settings: ManagedPolicy): { version: string } {
  const manifestPath = join(distDir, 'manifest.json');
  if (!existsSync(manifestPath))
    throw usageError(`${distDir} has no manifest.json: build the extension first.`);
  const manifest = readJson<{ version: string; storage?: { managed_schema?: string } }>(manifestPath);
  const { version } = readJson<{ version: string }>(join(repoRoot, 'package.json'));
  if (manifest.version !== version) {
    throw usageError(
      `${distDir} holds version ${manifest.version}, package.json says ${version}: build again.`,
    );
  }
  const schemaFile = manifest.storage?.managed_schema;
  const schema = schemaFile
    ? readJson<Parameters<typeof policyProblems>[1]>(join(distDir, schemaFile))
    : MANAGED_SCHEMA;
  const problems = policyProblems(settings, schema);
  if (problems.length > 0) {
    throw new AdminError(
      `The policy does not match the extension's managed_schema: ${problems.join('; ')}.`,
      EXIT.build,
    );
  }
  return { version };
}

export async function packageExtension(argv: string[], io: CliIo): Promise<ExitCode> {
  const flags = parsePackageArgs(argv);
  if (flags.help) {
    io.stdout.write(`${HELP}\n`);
    return EXIT.ok;
  }
  const inputs = releaseInputs(io, flags);
  const distDir = flags['dist-dir'] ?? join(repoRoot, 'dist');
  const outDir = flags['out-dir'] ?? join(repoRoot, 'release');
  if (!flags['skip-build']) await build(io, distDir, inputs.build);
  const { version } = checkBuild(distDir, inputs.settings);

  mkdirSync(outDir, { recursive: true });
  const zip = zipExtension(distDir, { keepKey: flags['keep-key'] });
  const zipPath = join(outDir, `odoo-click-to-call-${version}.zip`);
  writeFileSync(zipPath, zip);
  const policy = { extensionId: inputs.extensionId, updateUrl: inputs.updateUrl, settings: inputs.settings };
  const written = {
    'chrome-policy.json': `${JSON.stringify(chromePolicy(policy), null, 2)}\n`,
    'google-admin-policy.json': `${JSON.stringify(googleAdminPolicy(inputs.settings), null, 2)}\n`,
    'windows-policy.reg': windowsPolicyReg(policy),
  };
  for (const [name, content] of Object.entries(written)) writeFileSync(join(outDir, name), content);

  const shown = (path: string) => relative(io.cwd, path) || path;
  const sha256 = createHash('sha256').update(zip).digest('hex');
  say(io, `✔ ${shown(zipPath)}  ${(zip.length / 1024).toFixed(1)} KiB  sha256 ${sha256}`);
  for (const name of Object.keys(written)) say(io, `✔ ${shown(join(outDir, name))}`);
  say(io, `  Policy for extension ${inputs.extensionId}: ${JSON.stringify(inputs.settings)}`);
  if (inputs.extensionId === EXTENSION_ID && inputs.updateUrl === WEB_STORE_UPDATE_URL) {
    say(io, '  The Chrome Web Store gives the extension its own ID: once uploaded, run this again with');
    say(
      io,
      '  --extension-id <that ID>, and set EXTENSION_ORIGINS=chrome-extension://<that ID> on the worker.',
    );
  }
  return EXIT.ok;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const io = processIo();
  process.exitCode = await runCli(io, () => packageExtension(process.argv.slice(2), io));
}
