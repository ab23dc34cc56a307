/**
 * Issue 5's budgets for the content script, measured in Chromium on a 1,000-row Odoo list with
 * phone and mobile columns (no extension needed: the built bundle runs in the page with a fake
 * chrome.* API):
 * - main-thread time to annotate the list when Odoo renders it (≤ 20 ms): the numbers on and
 *   near the screen, before it is painted; the others as the user scrolls, measured too;
 * - time to re-annotate after a page change of 80 rows (≤ 3 ms);
 * - duplicates after 50 re-renders (0);
 * - the same page scanned the way generic click-to-dial tools do (every text node through
 *   libphonenumber-js findNumbers), for a ratio;
 * - size of the content script JS (loader + every chunk it imports), gzip (≤ 15 KB).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type Browser, chromium, type Page } from '@playwright/test';
import { build } from 'vite';
import { EAGER_PLACES } from '../../extension/content/annotator';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/support/chromium';
import { type BenchRow, defineBenchmark } from './benchmark';
import { summarize } from './stats';
import { installFakeExtensionApi, installOdooListPage } from './support/odoo-list-page';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST = join(ROOT, 'dist');
const ROWS = 1000;
const PAGE_CHANGE_ROWS = 80;
/** Issue 5: re-annotating after a page change of PAGE_CHANGE_ROWS rows. */
const PAGE_CHANGE_TARGET_MS = 3;
const RUNS = 15;
const PAGE_CHANGES_PER_RUN = 10;
const RERENDERS = 50;
/**
 * A change is done when every number within this distance of the list's visible part has its
 * button (farther ones wait until the user scrolls towards them; see NearViewport), and two
 * more frames have passed, so the buttons the browser then reports near are counted too.
 */
const NEAR_PX = 500;
const PAGE_URL = 'https://acme.odoo.com/odoo/action-crm.crm_lead_all_leads';

/** The content script as built, and every file it loads (none expected: it is one IIFE). */
function builtContentScript(): { files: string[]; code: string } {
  execFileSync('npx', ['vite', 'build', '--config', 'extension/vite.config.ts'], {
    cwd: ROOT,
    stdio: 'pipe',
  });
  const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8'));
  const pending: string[] = [...(manifest.content_scripts?.[0]?.js ?? [])];
  const files: string[] = [];
  while (pending.length > 0) {
    const file = pending.shift() as string;
    if (files.includes(file)) continue;
    files.push(file);
    const code = readFileSync(join(DIST, file), 'utf8');
    // A crxjs loader imports its chunks by extension URL; count them too if any appear.
    for (const match of code.matchAll(/["'`/](assets\/[\w.-]+\.js)["'`]/g)) pending.push(match[1] as string);
  }
  const entry = files[0];
  if (!entry) throw new Error('the manifest has no content script');
  return { files, code: readFileSync(join(DIST, entry), 'utf8') };
}

/** libphonenumber-js findNumbers + a text walker, bundled for the page like a generic tool ships it. */
async function genericScannerBundle(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    root: ROOT,
    build: {
      write: false,
      minify: true,
      lib: {
        entry: join(ROOT, 'tests/bench/support/generic-scanner.ts'),
        formats: ['iife'],
        name: 'genericScanner',
      },
    },
  });
  const output = Array.isArray(result) ? result[0] : result;
  if (!output || !('output' in output)) throw new Error('generic scanner did not build');
  const chunk = output.output.find((item) => item.type === 'chunk');
  if (chunk?.type !== 'chunk') throw new Error('generic scanner produced no chunk');
  return chunk.code;
}

async function odooPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.route('**/*', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: '<!DOCTYPE html><html><head></head><body></body></html>',
    }),
  );
  // tsx compiles with esbuild's keepNames, which wraps functions in __name(): the page needs it.
  await page.addInitScript({ content: 'globalThis.__name = (target) => target;' });
  await page.addInitScript(installOdooListPage);
  await page.addInitScript(installFakeExtensionApi);
  await page.goto(PAGE_URL);
  await page.evaluate(() => window.benchOdoo.shell());
  return page;
}

/** Names the scripts in the trace, so their callbacks can be told from the page's. */
const CONTENT_URL = 'odoo-click-to-call-content.js';
const GENERIC_URL = 'generic-click-to-dial.js';

function mark(page: Page, name: string): Promise<void> {
  return page.evaluate((label) => void performance.mark(label), name);
}

/**
 * Runs an Odoo-side DOM change between two user-timing marks and waits until every number has
 * its button (big batches finish in later slices). Returns the wall time of the mutation batch
 * itself, up to an observer created after the content script's; Odoo's own DOM work is not
 * counted. The first style + layout with the buttons in is forced there and timed too.
 */
async function change(
  page: Page,
  label: string,
  helper: 'renderList' | 'replaceRows' | 'rerenderAll',
  args: number[],
): Promise<{ batch: number; layout: number }> {
  await mark(page, `${label}:start`);
  const timing = await page.evaluate(
    async ({ helper, args }) => {
      const root = document.querySelector('.o_action_manager') as Element;
      let end = Number.NaN;
      let laidOut = Number.NaN;
      const marker = new MutationObserver(() => {
        end = performance.now();
        void document.body.offsetHeight;
        laidOut = performance.now();
        marker.disconnect();
      });
      marker.observe(root, { childList: true, subtree: true });
      (window.benchOdoo[helper] as (...values: number[]) => void)(...args);
      const start = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 0));
      return { batch: end - start, layout: laidOut - end };
    },
    { helper, args },
  );
  await settled(page);
  await mark(page, `${label}:end`);
  return timing;
}

/** Waits until the numbers near the visible part of the list have their buttons (see NEAR_PX). */
async function settled(page: Page, near = NEAR_PX): Promise<void> {
  await page.waitForFunction((px) => window.benchOdoo.buttonCoverage(px).without === 0, near, {
    polling: 10,
  });
  await page.evaluate(() => window.benchOdoo.twoFrames());
}

/**
 * Scrolls the list from top to bottom a screen at a time, each time waiting until what shows
 * has its buttons: the rest of the list's numbers get theirs on the way.
 */
async function scrollThrough(page: Page): Promise<number> {
  let screens = 0;
  await page.evaluate(() => window.benchOdoo.scrollToTop());
  while (await page.evaluate(() => window.benchOdoo.scrollOneScreen())) {
    screens++;
    await settled(page, 0);
  }
  return screens;
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  tid?: number;
  args?: { data?: { url?: string } };
}

/**
 * Time V8's garbage collector spent inside `task` (incremental marking steps, scavenges): the
 * heap is the whole page's, Odoo's DOM included, and V8 runs these wherever memory is asked for
 * when a limit is crossed. Outermost GC events only (they nest).
 */
function garbageCollectionIn(task: TraceEvent, events: readonly TraceEvent[]): number {
  const end = task.ts + (task.dur ?? 0);
  let total = 0;
  let coveredUntil = 0;
  // Events are in time order (see traced): start at the task, stop at its end.
  for (let index = firstAtOrAfter(events, task.ts); index < events.length; index++) {
    const event = events[index] as TraceEvent;
    if (event.ts >= end) break;
    if (event.ph !== 'X' || event.tid !== task.tid) continue;
    if (!/^V8\.GC|^(Major|Minor)GC$/.test(event.name) || event.ts < coveredUntil) continue;
    // Thread time, like the tasks': waiting for V8's helper threads is not main-thread work.
    total += (event.tdur ?? event.dur ?? 0) / 1000;
    coveredUntil = event.ts + (event.dur ?? 0);
  }
  return total;
}

/** Index of the first event at or after `ts` in events sorted by time. */
function firstAtOrAfter(events: readonly TraceEvent[], ts: number): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((events[middle] as TraceEvent).ts < ts) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Main-thread work of one script between two marks, from Chrome's trace: `cpu` is thread time
 * (what the main thread spent running it, whatever else the machine did), `longest` the
 * longest single task of it (thread time too).
 */
function scriptWork(
  events: TraceEvent[],
  url: string,
  label: string,
): { cpu: number; longest: number; gc: number } {
  // An inline script's evaluation carries no URL in the trace: inside its own marks it is ours.
  const evaluation = label === 'startup';
  const start = events.find((event) => event.name === `${label}:start`)?.ts;
  const end = events.find((event) => event.name === `${label}:end`)?.ts;
  if (start === undefined || end === undefined) throw new Error(`no marks for ${label} in the trace`);
  let cpu = 0;
  let longest = 0;
  const tasks: TraceEvent[] = [];
  for (const event of events) {
    if (event.ph !== 'X' || event.ts < start || event.ts > end) continue;
    const ours =
      (event.name === 'FunctionCall' && event.args?.data?.url === url) ||
      (evaluation && event.name === 'EvaluateScript');
    if (!ours) continue;
    const thread = (event.tdur ?? event.dur ?? 0) / 1000;
    cpu += thread;
    longest = Math.max(longest, thread);
    tasks.push(event);
  }
  const gc = tasks.reduce((sum, task) => sum + garbageCollectionIn(task, events), 0);
  return { cpu, longest, gc };
}

async function traced(browser: Browser, page: Page, work: () => Promise<void>): Promise<TraceEvent[]> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'blink.user_timing'] });
  try {
    await work();
  } catch (error) {
    await browser.stopTracing();
    throw error;
  }
  const buffer = await browser.stopTracing();
  const { traceEvents } = JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] };
  // In time order, an event before the ones it contains (see garbageCollectionIn).
  return traceEvents.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
}

/** How much of the page changes' time was V8 collecting the page's heap inside our tasks. */
function pageChangeGcNote(cpu: readonly number[], gc: readonly number[]): string {
  const withGc = gc.filter((time) => time > 0).length;
  const without = summarize(cpu.map((time, index) => time - (gc[index] ?? 0)));
  return `Page changes with V8 garbage collection inside our tasks: ${withGc} of ${cpu.length} (V8 starts or steps its marking of the page's heap, the 1,000-row DOM included, wherever memory is asked for once a limit is crossed). Page-change time without that collection: median ${without.median.toFixed(2)} ms, p95 ${without.p95.toFixed(2)} ms, max ${without.max.toFixed(2)} ms.`;
}

/**
 * A target and the statistic it is judged on: times by their p95, as the project's other latency
 * targets are (a sub-3-ms thread time on a shared machine has a worst run set by the machine as
 * much as by the code); counts and sizes by their worst run, where one miss is a miss.
 */
interface Target {
  label: string;
  limit: number;
  judged: 'p95' | 'max';
}

function row(measure: string, unit: string, samples: number[], target?: Target): BenchRow {
  const summary = summarize(samples);
  return target
    ? { measure, unit, summary, target: target.label, met: summary[target.judged] <= target.limit }
    : { measure, unit, summary };
}

/** How many samples went over a time target: the tail the p95 leaves out, told in full. */
function overTargetNote(what: string, samples: readonly number[], limit: number): string {
  const over = samples.filter((time) => time > limit).length;
  return `${what}: ${over} of ${samples.length} over ${limit} ms (worst ${summarize(samples).max.toFixed(2)} ms).`;
}

export default defineBenchmark({
  title: 'Content script: call buttons on a 1,000-row Odoo list (issue 5)',
  async run() {
    const { files, code } = builtContentScript();
    const totalBytes = files.reduce((sum, file) => sum + readFileSync(join(DIST, file)).length, 0);
    const gzipBytes = files.reduce(
      (sum, file) => sum + gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length,
      0,
    );
    const generic = await genericScannerBundle();

    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    const samples = {
      startup: [] as number[],
      annotateCpu: [] as number[],
      annotateLongest: [] as number[],
      annotateBatchWall: [] as number[],
      pageChangeCpu: [] as number[],
      pageChangeWall: [] as number[],
      pageChangeGc: [] as number[],
      rerenderCpu: [] as number[],
      scrollCpu: [] as number[],
      scrollLongest: [] as number[],
      duplicates: [] as number[],
      missing: [] as number[],
      layoutWith: [] as number[],
      layoutWithout: [] as number[],
      genericCpu: [] as number[],
    };
    let phoneCells = 0;
    let screens = 0;
    let genericFound = 0;
    try {
      for (let run = 0; run < RUNS; run++) {
        const page = await odooPage(browser);
        const events = await traced(browser, page, async () => {
          await mark(page, 'startup:start');
          await page.addScriptTag({ content: `${code}\n//# sourceURL=${CONTENT_URL}` });
          await mark(page, 'startup:end');
          const first = await change(page, 'annotate', 'renderList', [ROWS, run * 10_000]);
          samples.annotateBatchWall.push(first.batch);
          samples.layoutWith.push(first.layout);
          for (let index = 0; index < PAGE_CHANGES_PER_RUN; index++) {
            const start = (index * PAGE_CHANGE_ROWS) % (ROWS - PAGE_CHANGE_ROWS);
            const batch = await change(page, `page-change-${index}`, 'replaceRows', [
              start,
              PAGE_CHANGE_ROWS,
              500_000 + index * 100,
            ]);
            samples.pageChangeWall.push(batch.batch);
          }
          for (let render = 0; render < RERENDERS; render++) {
            // Alternate between two sets of records so labels change as well as nodes.
            await change(page, `rerender-${render}`, 'rerenderAll', [(render % 2) * 7_000]);
          }
          await mark(page, 'scroll:start');
          screens = await scrollThrough(page);
          await mark(page, 'scroll:end');
        });
        samples.startup.push(scriptWork(events, CONTENT_URL, 'startup').cpu);
        const annotate = scriptWork(events, CONTENT_URL, 'annotate');
        samples.annotateCpu.push(annotate.cpu);
        samples.annotateLongest.push(annotate.longest);
        for (let index = 0; index < PAGE_CHANGES_PER_RUN; index++) {
          const pageChange = scriptWork(events, CONTENT_URL, `page-change-${index}`);
          samples.pageChangeCpu.push(pageChange.cpu);
          samples.pageChangeGc.push(pageChange.gc);
        }
        for (let render = 0; render < RERENDERS; render++) {
          samples.rerenderCpu.push(scriptWork(events, CONTENT_URL, `rerender-${render}`).cpu);
        }
        const scroll = scriptWork(events, CONTENT_URL, 'scroll');
        samples.scrollCpu.push(scroll.cpu);
        samples.scrollLongest.push(scroll.longest);
        // Every number of the list, now that it was all scrolled through once.
        const coverage = await page.evaluate(() => window.benchOdoo.buttonCoverage());
        phoneCells = coverage.phoneCells;
        samples.duplicates.push(coverage.withMore + Math.max(0, coverage.hosts - coverage.phoneCells));
        samples.missing.push(coverage.without);
        await page.close();

        // The same list, no extension: Chrome's own layout, then the generic scan.
        const plain = await odooPage(browser);
        const layout = await plain.evaluate(
          ([rows, seed]) => {
            window.benchOdoo.renderList(rows as number, seed as number);
            const start = performance.now();
            void document.body.offsetHeight;
            return performance.now() - start;
          },
          [ROWS, run * 10_000],
        );
        samples.layoutWithout.push(layout);
        const genericEvents = await traced(browser, plain, async () => {
          await plain.addScriptTag({ content: `${generic}\n//# sourceURL=${GENERIC_URL}` });
          await mark(plain, 'generic:start');
          genericFound = await plain.evaluate(() =>
            (window as unknown as { genericClickToDial: () => Promise<number> }).genericClickToDial(),
          );
          await mark(plain, 'generic:end');
        });
        samples.genericCpu.push(scriptWork(genericEvents, GENERIC_URL, 'generic').cpu);
        await plain.close();
      }
    } finally {
      await browser.close();
    }

    const ours = summarize(samples.annotateCpu).median;
    const oursWhole = ours + summarize(samples.scrollCpu).median;
    const theirs = summarize(samples.genericCpu).median;
    return {
      rows: [
        row(
          `annotate a ${ROWS}-row list (${phoneCells} numbers): main-thread time, all slices`,
          'ms',
          samples.annotateCpu,
          { label: '≤ 20 ms', limit: 20, judged: 'p95' },
        ),
        row('… longest single task of it', 'ms', samples.annotateLongest),
        row('… wall time of the first slice (before the list is painted)', 'ms', samples.annotateBatchWall),
        row(
          `re-annotate after a page change of ${PAGE_CHANGE_ROWS} rows: main-thread time`,
          'ms',
          samples.pageChangeCpu,
          { label: '≤ 3 ms', limit: PAGE_CHANGE_TARGET_MS, judged: 'p95' },
        ),
        row('… wall time', 'ms', samples.pageChangeWall),
        row('… of it, V8 garbage collection of the page heap inside our tasks', 'ms', samples.pageChangeGc),
        row(
          `scroll the re-rendered list top to bottom (${screens} screens): main-thread time, in total`,
          'ms',
          samples.scrollCpu,
        ),
        row('… longest single task of it', 'ms', samples.scrollLongest),
        row(
          `phone cells with more than one button after ${RERENDERS} re-renders`,
          'count',
          samples.duplicates,
          { label: '0', limit: 0, judged: 'max' },
        ),
        row(`phone cells left without a button after ${RERENDERS} re-renders`, 'count', samples.missing, {
          label: '0',
          limit: 0,
          judged: 'max',
        }),
        row(
          `re-annotate after a full re-render of ${ROWS} rows: main-thread time`,
          'ms',
          samples.rerenderCpu,
        ),
        row('content script start-up (evaluate the bundle on a loaded page)', 'ms', samples.startup),
        row(`first style + layout of the ${ROWS}-row list, with the buttons`, 'ms', samples.layoutWith),
        row(
          `first style + layout of the ${ROWS}-row list, without the extension`,
          'ms',
          samples.layoutWithout,
        ),
        row(
          'generic scan of the same list (text walk + libphonenumber-js findNumbers): main-thread time',
          'ms',
          samples.genericCpu,
        ),
        row(`content script JS, gzip -9 (${files.join(', ')})`, 'KB', [gzipBytes / 1000], {
          label: '≤ 15 KB',
          limit: 15,
          judged: 'max',
        }),
        row('content script JS, raw', 'KB', [totalBytes / 1000]),
        row('generic scanner JS (libphonenumber-js, min metadata), gzip -9', 'KB', [
          gzipSync(generic, { level: 9 }).length / 1000,
        ]),
      ],
      notes: [
        `Headless Chromium, ${RUNS} fresh pages (cold code, as on a real page load); per page ${PAGE_CHANGES_PER_RUN} page changes and ${RERENDERS} full re-renders. The built bundle (dist/${files.join(', ')}) runs in the page with a fake chrome.* API. Odoo's DOM work is not counted: main-thread time is the thread time Chrome's trace gives the content script's own tasks (mutation callbacks and the slices after them): far less sensitive than wall time to other processes on the machine, though not immune (shared cores and caches); wall times are given beside it.`,
        `Generic scan on the same list: ${genericFound} numbers found. Median main-thread time, generic / ours: ${(theirs / ours).toFixed(1)}× for the list as shown; ${(theirs / oursWhole).toFixed(1)}× against ours with every number of the list given its button (annotate + scroll through).`,
        `Numbers far from the viewport wait until the user scrolls towards them (IntersectionObserver with a margin of about a screen, also on Odoo's scrolling pane): a list's first ${EAGER_PLACES / 2} rows (phone and mobile cells) get their buttons with the mutation batch, before the list is painted, the rest a screen before they show. A change is measured until every number within ${NEAR_PX} px of the visible part of the list has its button, plus two frames. The page has Odoo's layout (its .o_content pane scrolls); the scroll rows scroll it one screen at a time down the whole list, after the re-renders, and the duplicates and misses are then counted over every number of the list.`,
        'The content script is one self-contained file (no loader, no chunk): that file is the whole download.',
        '"met": time targets are judged on the p95, as the project\'s other latency targets are; counts and sizes on the worst run. A batch\'s eager part is annotated in slices of at most 8 ms (SLICE_MS); "longest single task" is what Odoo can feel.',
        overTargetNote('Page changes', samples.pageChangeCpu, PAGE_CHANGE_TARGET_MS),
        pageChangeGcNote(samples.pageChangeCpu, samples.pageChangeGc),
        `Shared 2-core machine, load average ${loadavg()
          .map((load) => load.toFixed(1))
          .join(
            ' / ',
          )} (1/5/15 min) at the end of the run: wall times and layout include other helpers' work.`,
      ],
    };
  },
});
