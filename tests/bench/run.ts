/**
 * `npm run bench [-- name…]`: runs every tests/bench/*.bench.ts (or those whose file name
 * contains one of the names) and writes their sections into BENCHMARKS.md, with the machine
 * and the date. Sections of benchmarks not run this time are kept as they were.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Benchmark, BenchOutcome } from './benchmark';

const here = fileURLToPath(new URL('.', import.meta.url));
const output = fileURLToPath(new URL('../../BENCHMARKS.md', import.meta.url));

function chromiumVersion(): string {
  try {
    return execFileSync('/usr/bin/chromium', ['--version'], {
      encoding: 'utf8',
    }).trim();
  } catch {
    return 'Chromium not installed';
  }
}

function machine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const memory = `${Math.round(totalmem() / 2 ** 30)} GiB`;
  return `${cpus().length} × ${cpu}, ${memory} RAM, ${platform()} ${release()}, Node ${process.version}, ${chromiumVersion()}`;
}

const format = (value: number): string => (Number.isInteger(value) ? String(value) : value.toFixed(2));

function section(name: string, title: string, outcome: BenchOutcome, date: string): string {
  const lines = [
    `<!-- bench:${name} -->`,
    `## ${title}`,
    '',
    `Run ${date} on ${machine()}.`,
    '',
    '| measure | unit | runs | min | median | p95 | max | target | met |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const row of outcome.rows) {
    const { runs, min, median, p95, max } = row.summary;
    const met = row.met === undefined ? '' : row.met ? 'yes' : '**no**';
    lines.push(
      `| ${row.measure} | ${row.unit} | ${runs} | ${format(min)} | ${format(median)} | ${format(p95)} | ${format(max)} | ${row.target ?? ''} | ${met} |`,
    );
  }
  if (outcome.notes?.length) lines.push('', ...outcome.notes.map((note) => `- ${note}`));
  lines.push(`<!-- /bench:${name} -->`);
  return lines.join('\n');
}

function existingSections(): Map<string, string> {
  const sections = new Map<string, string>();
  if (!existsSync(output)) return sections;
  const text = readFileSync(output, 'utf8');
  for (const match of text.matchAll(/<!-- bench:([\w-]+) -->[\s\S]*?<!-- \/bench:\1 -->/g)) {
    sections.set(match[1]!, match[0]);
  }
  return sections;
}

const filters = process.argv.slice(2);
const files = readdirSync(here)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();
if (files.length === 0) {
  console.error(`No benchmark matches ${filters.join(', ')}.`);
  process.exit(1);
}

const sections = existingSections();
const date = new Date().toISOString().slice(0, 10);
let failures = 0;
for (const file of files) {
  const name = basename(file, '.bench.ts');
  const benchmark = (await import(pathToFileURL(join(here, file)).href)).default as Benchmark;
  console.log(`▶ ${benchmark.title}`);
  try {
    const outcome = await benchmark.run();
    sections.set(name, section(name, benchmark.title, outcome, date));
    for (const row of outcome.rows) {
      console.log(
        `  ${row.measure}: median ${format(row.summary.median)} ${row.unit}${row.target ? ` (target ${row.target}: ${row.met ? 'met' : 'NOT met'})` : ''}`,
      );
    }
  } catch (error) {
    failures += 1;
    console.error(`  failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}

const header = [
  '# Benchmarks',
  '',
  'Written by `npm run bench` (every benchmark) or `npm run bench -- <name>` (some of them).',
  'Each section says when and on what machine it ran. Targets come from the project issues.',
  '',
].join('\n');
const body = [...sections.entries()]
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([, text]) => text)
  .join('\n\n');
writeFileSync(output, `${header}\n${body}\n`);
console.log(`Wrote ${output}`);
process.exit(failures === 0 ? 0 : 1);
