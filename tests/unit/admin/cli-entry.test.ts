import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../../worker/admin/admin-error';
import {
  startTwilioRestStandIn,
  type TwilioRestStandIn,
} from '../../support/twilio-rest/twilio-rest-stand-in';
import { repoRoot } from './harness';

/**
 * The three scripts as `npm run setup|deploy|package` start them (tsx on the file): the exit
 * code a shell or CI sees is the one the CLI chose.
 */

function runScript(file: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

let twilio: TwilioRestStandIn | undefined;

afterEach(async () => {
  await twilio?.close();
  twilio = undefined;
});

describe('the admin scripts, started as npm starts them', () => {
  it('setup exits 3 when Twilio refuses the credentials', async () => {
    twilio = await startTwilioRestStandIn([{}]);

    const run = await runScript('worker/admin/setup.ts', ['--url', 'https://calls.acme.example'], {
      TWILIO_ACCOUNT_SID: twilio.accounts[0]!.sid,
      TWILIO_AUTH_TOKEN: 'wrong',
      TWILIO_API_BASE_URL: twilio.baseUrl,
    });

    expect(run.code).toBe(EXIT.twilioAuth);
    expect(run.stderr).toContain('20003');
  });

  it('deploy exits 2 on an unknown option', async () => {
    const run = await runScript('worker/admin/deploy.ts', ['--nope']);

    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toContain('--nope');
  });

  it('package exits 2 without the URLs it needs', async () => {
    const run = await runScript('extension/release/package.ts', []);

    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toContain('--worker-url');
  });
});
