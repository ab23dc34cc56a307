/**
 * `npm run measure:security`: runs the abuse tests (tests/worker/abuse-*.test.ts, in workerd)
 * and writes what they tried into docs/security.md ("Measured"): forged Twilio signatures tried
 * and accepted, malformed inputs per route and the 5xx answers to them. Numbers from a run, never
 * typed by hand.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { OFFLINE_ENV } from '../support/wrangler-dev';

const root = fileURLToPath(new URL('../..', import.meta.url));
const doc = `${root}docs/security.md`;

type Counts = Record<
  string,
  { tried: number; accepted?: number; serverErrors?: number; statuses?: Record<string, number> }
>;

const run = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    '--config',
    'tests/worker/vitest.config.ts',
    'tests/worker/abuse-signatures.test.ts',
    'tests/worker/abuse-inputs.test.ts',
  ],
  {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...OFFLINE_ENV },
    maxBuffer: 64 * 1024 * 1024,
  },
);
if (run.status !== 0) {
  console.error(run.stdout.slice(-4000), run.stderr.slice(-4000));
  console.error('The abuse tests failed: nothing written.');
  process.exit(1);
}
const measures = new Map<string, Counts>();
for (const match of run.stdout.matchAll(/SECURITY-MEASURE (\{.*\})/g)) {
  const { name, value } = JSON.parse(match[1]!) as { name: string; value: Counts };
  measures.set(name, value);
}
const signatures = measures.get('forged-signatures') ?? {};
const inputs = measures.get('malformed-inputs') ?? {};
const sum = (counts: Counts, field: 'tried' | 'accepted' | 'serverErrors') =>
  Object.values(counts).reduce((total, entry) => total + (entry[field] ?? 0), 0);

const date = new Date().toISOString().slice(0, 10);
const lines = [
  '<!-- measured -->',
  `Run ${date} by \`npm run measure:security\` (tests/worker/abuse-signatures.test.ts and abuse-inputs.test.ts, in workerd, seeded so every case can be replayed).`,
  '',
  `**Forged or mutated Twilio signatures:** ${sum(signatures, 'tried')} tried, ${sum(signatures, 'accepted')} accepted.`,
  '',
  '| route | tried | accepted |',
  '|---|---|---|',
  ...Object.entries(signatures).map(
    ([route, entry]) => `| \`POST ${route}\` | ${entry.tried} | ${entry.accepted} |`,
  ),
  '',
  `**Malformed inputs:** ${sum(inputs, 'tried')} tried over ${Object.keys(inputs).length} routes, ${sum(inputs, 'serverErrors')} answered 5xx.`,
  '',
  '| route | tried | 5xx | answers |',
  '|---|---|---|---|',
  ...Object.entries(inputs).map(
    ([route, entry]) =>
      `| \`${route}\` | ${entry.tried} | ${entry.serverErrors} | ${Object.entries(entry.statuses ?? {})
        .map(([status, count]) => `${status}: ${count}`)
        .join(', ')} |`,
  ),
  '<!-- /measured -->',
].join('\n');

const text = readFileSync(doc, 'utf8');
const updated = text.replace(/<!-- measured -->[\s\S]*?<!-- \/measured -->/, () => lines);
if (updated === text && !text.includes('<!-- measured -->')) {
  console.error('docs/security.md has no <!-- measured --> section to fill.');
  process.exit(1);
}
writeFileSync(doc, updated);
console.log(lines);
