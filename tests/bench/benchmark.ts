import type { Summary } from './stats';

/**
 * One line of a benchmark table. `target` and `met` are set when the issue fixes a target,
 * e.g. `{ target: '≤ 60 KiB', met: summary.max <= 60 }`.
 */
export interface BenchRow {
  measure: string;
  unit: string;
  summary: Summary;
  target?: string;
  met?: boolean;
}

export interface BenchOutcome {
  rows: BenchRow[];
  /** Free text under the table: set-up, what was measured exactly, ratios. */
  notes?: string[];
}

/** Each `tests/bench/*.bench.ts` default-exports one of these. */
export interface Benchmark {
  title: string;
  run(): Promise<BenchOutcome>;
}

export function defineBenchmark(benchmark: Benchmark): Benchmark {
  return benchmark;
}
