import type { Readable, Writable } from 'node:stream';
import { AdminError, EXIT, type ExitCode } from './admin-error';

/**
 * Everything a CLI touches of its process, passed in so tests can run a CLI in-process with
 * their own environment and streams.
 */
export interface CliIo {
  env: Record<string, string | undefined>;
  stdin: Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  /** Results (tables, the settings block of `--print`). */
  stdout: Writable;
  /** Progress, prompts, warnings and errors. */
  stderr: Writable & { isTTY?: boolean };
  /** Where the repository is: wrangler.toml, node_modules/.bin. */
  cwd: string;
}

export function processIo(): CliIo {
  return {
    env: process.env,
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
  };
}

/** A value is asked for only when a person can answer. */
export function isInteractive(io: CliIo): boolean {
  return io.stdin.isTTY === true && io.env.CI !== 'true';
}

export function say(io: CliIo, line = ''): void {
  io.stderr.write(`${line}\n`);
}

/**
 * Runs a CLI's main function and turns what it throws into a message and an exit code: an
 * AdminError's own code, 1 for anything unexpected (with its message, never a stack trace
 * holding request bodies).
 */
export async function runCli(io: CliIo, main: () => Promise<ExitCode>): Promise<ExitCode> {
  try {
    return await main();
  } catch (error) {
    if (error instanceof AdminError) {
      say(io, `✘ ${error.message}`);
      return error.exitCode;
    }
    say(io, `✘ Unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.needsAttention;
  }
}
