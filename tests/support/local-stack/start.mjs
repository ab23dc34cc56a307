/**
 * `npm start`: the first command on a fresh clone. Plain JavaScript with no dependency, because
 * it runs before any dependency is installed: when `node_modules` is missing or older than the
 * lock file it runs `npm ci`, then it loads the TypeScript launcher (launcher.ts) through tsx,
 * in this same process (so Ctrl-C reaches one process, which stops everything it started).
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

function modifiedAt(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

/**
 * Why `npm ci` must run first, or null when the installed packages are current. npm writes
 * `node_modules/.package-lock.json` at the end of every install: missing means never installed
 * (or interrupted); older than `package-lock.json` means the lock changed since (a pull, a branch).
 */
export function installReason(root) {
  const lock = modifiedAt(join(root, 'package-lock.json'));
  const installed = modifiedAt(join(root, 'node_modules', '.package-lock.json'));
  if (installed === null) return 'the dependencies are not installed yet';
  if (lock !== null && lock > installed) return 'package-lock.json changed since the last install';
  return null;
}

function installDependencies(root) {
  // Run by `npm start`, npm says where it is; run directly, use the npm on the PATH.
  const npmCli = process.env.npm_execpath;
  const [command, args] =
    npmCli && /npm-cli\.[cm]?js$/.test(npmCli) ? [process.execPath, [npmCli, 'ci']] : ['npm', ['ci']];
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('\nnpm ci failed: the stack cannot start without its dependencies (see above).');
    process.exit(result.status ?? 1);
  }
}

async function main() {
  const reason = installReason(REPO_ROOT);
  if (reason) {
    console.log(`Installing dependencies with npm ci: ${reason}.`);
    installDependencies(REPO_ROOT);
  }
  const { tsImport } = await import('tsx/esm/api');
  const { runLauncher } = await tsImport('./launcher.ts', import.meta.url);
  await runLauncher(process.argv.slice(2));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
