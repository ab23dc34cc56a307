import { delimiter, join } from 'node:path';
import { AdminError, EXIT } from './admin-error';
import type { CliIo } from './cli-io';
import { spawnCommand } from './spawn-command';

/**
 * Runs the `wrangler` CLI for the admin tools. `wrangler` is looked up on PATH first (so a test
 * can put a stub in front), then in the repository's node_modules/.bin. It always runs with
 * telemetry and Cloudflare look-ups off (notes/toolchain.md), with stdin closed or carrying a
 * secret value: a secret is never put on the command line, where `ps` and shell history see it.
 */

export interface WranglerResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface WranglerRunOptions {
  /** Written to wrangler's stdin, then closed (e.g. the value of `secret put`). */
  stdin?: string;
  /** Show wrangler's output to the admin as it comes (long steps such as `deploy`). */
  echo?: boolean;
}

export interface Wrangler {
  run(args: string[], options?: WranglerRunOptions): Promise<WranglerResult>;
  /** Like `run`, but a non-zero exit becomes an AdminError saying what failed. */
  runOk(args: string[], doing: string, options?: WranglerRunOptions): Promise<WranglerResult>;
}

export const OFFLINE_ENV = {
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_SEND_ERROR_REPORTS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
} as const;

const LOGIN_HINT =
  /not (?:logged in|authenticated)|CLOUDFLARE_API_TOKEN|wrangler login|Authentication error/i;

export function wranglerFor(io: CliIo, configPath: string): Wrangler {
  const env = {
    ...io.env,
    ...OFFLINE_ENV,
    PATH: [io.env.PATH, join(io.cwd, 'node_modules', '.bin')].filter(Boolean).join(delimiter),
  };

  function run(args: string[], options: WranglerRunOptions = {}): Promise<WranglerResult> {
    return new Promise((resolve, reject) => {
      const child = spawnCommand('wrangler', [...args, '--config', configPath], { cwd: io.cwd, env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        if (options.echo) io.stderr.write(chunk);
      });
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
        if (options.echo) io.stderr.write(chunk);
      });
      child.on('error', (error: NodeJS.ErrnoException) => {
        reject(
          error.code === 'ENOENT'
            ? new AdminError(
                'wrangler is not installed: run `npm ci` in the repository first.',
                EXIT.wrangler,
              )
            : error,
        );
      });
      child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
      child.stdin.on('error', () => {
        // wrangler may exit before reading stdin; its exit code tells what happened.
      });
      child.stdin.end(options.stdin ?? '');
    });
  }

  return {
    run,
    async runOk(args, doing, options) {
      const result = await run(args, options);
      if (result.code !== 0) throw wranglerFailure(result, doing);
      return result;
    },
  };
}

export function wranglerFailure(result: WranglerResult, doing: string): AdminError {
  const output = `${result.stderr}\n${result.stdout}`;
  const lastLines = output
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(-6)
    .join('\n  ');
  const hint = LOGIN_HINT.test(output)
    ? '\nLog in with `npx wrangler login` (or set CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID in CI).'
    : '';
  return new AdminError(
    `wrangler failed while ${doing} (exit ${result.code}):\n  ${lastLines}${hint}`,
    EXIT.wrangler,
  );
}
