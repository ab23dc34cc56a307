import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AdminError, EXIT } from '../../../worker/admin/admin-error';
import type { CliIo } from '../../../worker/admin/cli-io';
import { terminalPrompter } from '../../../worker/admin/prompt';

/** A fake terminal: what the test types goes to stdin; stderr (where prompts go) is captured. */
function fakeTerminal(tty = true) {
  const stdin = Object.assign(new PassThrough(), {
    isTTY: tty,
    rawModes: [] as boolean[],
    setRawMode(mode: boolean) {
      this.rawModes.push(mode);
      return this;
    },
  });
  const stderr = new PassThrough();
  let shown = '';
  stderr.on('data', (chunk: Buffer) => {
    shown += chunk.toString('utf8');
  });
  const io: CliIo = { env: {}, stdin, stdout: new PassThrough(), stderr, cwd: '/' };
  return { io, stdin, shown: () => shown };
}

describe('terminal prompts', () => {
  it('reads a secret without showing it, and leaves raw mode afterwards', async () => {
    const terminal = fakeTerminal();
    const answer = terminalPrompter(terminal.io).secret('Twilio Auth Token:', 'TWILIO_AUTH_TOKEN');

    terminal.stdin.write('s3cr');
    terminal.stdin.write('etX\u007f\r');

    expect(await answer).toBe('s3cret');
    expect(terminal.shown()).toContain('Twilio Auth Token:');
    expect(terminal.shown()).not.toContain('s3cr');
    expect(terminal.stdin.rawModes).toEqual([true, false]);
  });

  it('stops on Ctrl-C', async () => {
    const terminal = fakeTerminal();
    const answer = terminalPrompter(terminal.io).secret('Token:', 'TWILIO_AUTH_TOKEN');

    terminal.stdin.write('abc\u0003');

    await expect(answer).rejects.toThrow('Cancelled');
  });

  it('offers a numbered choice and asks again on a wrong answer', async () => {
    const terminal = fakeTerminal();
    const answer = terminalPrompter(terminal.io).choose(
      'Which number?',
      [
        { label: '+33159000001', value: 'first' },
        { label: '+33159000002', value: 'second' },
      ],
      '--number',
    );

    terminal.stdin.write('7\n');
    terminal.stdin.write('2\n');

    expect(await answer).toBe('second');
    expect(terminal.shown()).toContain('2) +33159000002');
    expect(terminal.shown()).toContain('Type a number between 1 and 2');
  });

  it('asks nothing without a terminal and names the flag or variable instead', async () => {
    const terminal = fakeTerminal(false);

    const answer = terminalPrompter(terminal.io).text('URL?', '--url <url>');

    await expect(answer).rejects.toThrow(AdminError);
    await expect(answer).rejects.toMatchObject({
      exitCode: EXIT.usage,
      message: expect.stringContaining('--url <url>'),
    });
  });
});
