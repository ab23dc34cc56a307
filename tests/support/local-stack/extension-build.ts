/**
 * Builds the extension for the local stack: the same build as `npm run build`, with the stack's
 * addresses as build inputs (extension/build-inputs.ts), so the call buttons run on the Odoo
 * stand-in and the phone talks to the local worker without anyone typing a URL. It goes to its
 * own folder, not dist/, so `npm test` and a running `npm start` never swap each other's build.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '../wrangler-dev.ts';

const VITE = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin/vite.js');

export async function buildExtension(options: { outDir: string; odooUrl: string; workerUrl: string }) {
  const child = spawn(
    process.execPath,
    [VITE, 'build', '--config', join(REPO_ROOT, 'extension/vite.config.ts'), '--outDir', options.outDir],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, ODOO_URL: options.odooUrl, WORKER_URL: options.workerUrl, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`Building the extension failed (vite exited ${code}):\n${output.trim()}`);
}
