import { readdirSync, readFileSync } from 'node:fs';

/**
 * Processes as Linux shows them in /proc, to check that a launcher leaves nothing behind:
 * every process it started, at any depth (wrangler and workerd run in their own process group,
 * Chromium in its own too, so a process group is not enough).
 */
interface ProcessInfo {
  pid: number;
  parent: number;
  /** `Z` once it exited and only waits to be reaped. */
  state: string;
  /** Clock ticks after boot: tells a process from a later one given the same pid. */
  startedAt: string;
}

function readProcess(pid: number): ProcessInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (command name, which may hold spaces and parentheses) state ppid …"
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 3, 4 and 22 of proc(5), counted from the state.
    return { pid, state: fields[0] ?? '?', parent: Number(fields[1]), startedAt: fields[19] ?? '' };
  } catch {
    return null;
  }
}

function allProcesses(): ProcessInfo[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProcess(Number(name)))
    .filter((info): info is ProcessInfo => info !== null);
}

export type RunningProcess = Pick<ProcessInfo, 'pid' | 'startedAt'>;

/** Every process below `pid`, at any depth, now. */
export function descendants(pid: number): RunningProcess[] {
  const processes = allProcesses();
  const found: RunningProcess[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const child of processes.filter((info) => info.parent === parent)) {
      found.push({ pid: child.pid, startedAt: child.startedAt });
      queue.push(child.pid);
    }
  }
  return found;
}

/** Those still running (an exited process waiting to be reaped counts as gone). */
export function stillRunning(processes: RunningProcess[]): RunningProcess[] {
  return processes.filter(({ pid, startedAt }) => {
    const info = readProcess(pid);
    return info !== null && info.state !== 'Z' && info.startedAt === startedAt;
  });
}
