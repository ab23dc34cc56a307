import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';

/**
 * Starts a command found on PATH (`wrangler`, `npm`) the same way on every OS. On Windows those
 * are `.cmd` scripts, which Node only starts through the shell; the arguments are then quoted for
 * cmd.exe (ours never contain quotes: secrets travel on stdin, never as arguments).
 */
export function spawnCommand(
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string | undefined> },
): ChildProcessWithoutNullStreams {
  const windows = process.platform === 'win32';
  return spawn(command, windows ? args.map((arg) => `"${arg}"`) : args, {
    ...options,
    stdio: ['pipe', 'pipe', 'pipe'],
    shell: windows,
  });
}
