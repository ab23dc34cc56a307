/**
 * `npm start` (through start.mjs): the whole click-to-call stack on this machine, wired
 * together, with Chromium signed in on the demo lead; Ctrl-C (SIGINT) or SIGTERM stops everything
 * it started. docs/local-stack.md tells what runs where.
 */
import { performance } from 'node:perf_hooks';
import type { BrowserContext } from '@playwright/test';
import { pathOfView } from '../odoo-standin/pages/urls.ts';
import { REPO_ROOT } from '../wrangler-dev.ts';
import {
  launchDemoBrowser,
  OPTIONS_PAGE,
  openWithCallButtons,
  POPUP_PAGE,
  signInDemoAgent,
} from './browser.ts';
import { DEMO_CUSTOMER_NUMBER, DEMO_LEAD } from './demo.ts';
import { buildExtension } from './extension-build.ts';
import { readyText } from './instructions.ts';
import { type LaunchOptions, parseLaunchOptions, USAGE, UsageError } from './options.ts';
import { assertPortsFree, PortsTakenError } from './ports.ts';
import { type LocalStack, STACK_TWILIO, startStack } from './stack.ts';
import { prepareState, removeRunning, statePaths, writeRunning } from './state.ts';

/** Stops what was started, newest first, once; a second Ctrl-C gives up waiting. */
class Shutdown {
  private readonly steps: { name: string; run: () => Promise<void> }[] = [];
  private stopping = false;

  add(name: string, run: () => Promise<void>): void {
    this.steps.push({ name, run });
  }

  listen(): void {
    let firstSignalAt = 0;
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.on(signal, () => {
        // One Ctrl-C in a terminal can arrive twice: from the terminal (to the whole process
        // group) and forwarded by `npm start`. Only a press a second later means "now".
        if (this.stopping && Date.now() - firstSignalAt < 1000) return;
        if (this.stopping) {
          console.log('\nStopping now.');
          // wrangler-dev.ts and Playwright kill their child processes on exit.
          process.exit(130);
        }
        firstSignalAt = Date.now();
        console.log(`\nStopping (${signal})…`);
        void this.stop().then(() => {
          console.log('Stopped: nothing this npm start started is running.');
          process.exit(0);
        });
      });
    }
  }

  /** Runs every step, even when one fails; at most 30 s in all, then exits anyway. */
  async stop(): Promise<void> {
    this.stopping = true;
    const deadline = setTimeout(() => {
      console.error('Stopping took more than 30 s: exiting (child processes are killed on exit).');
      process.exit(1);
    }, 30_000);
    for (const step of this.steps.splice(0).reverse()) {
      await step
        .run()
        .catch((error: unknown) => console.error(`Stopping ${step.name} failed: ${String(error)}`));
    }
    clearTimeout(deadline);
  }
}

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await work();
  console.log(`${label.padEnd(19)}${((performance.now() - start) / 1000).toFixed(1)} s`);
  return result;
}

async function start(options: LaunchOptions, shutdown: Shutdown): Promise<void> {
  const startedAt = performance.now();
  const withBrowser = options.browser !== 'none';
  const { debug, ...servicePorts } = options.ports;
  await assertPortsFree(withBrowser ? options.ports : servicePorts);
  const paths = statePaths(options.stateDir);
  const { sessionSecret } = await prepareState(paths, options.reset);
  const odooUrl = `http://127.0.0.1:${options.ports.odoo}`;
  const workerUrl = `http://127.0.0.1:${options.ports.worker}`;

  await timed('Extension built', () => buildExtension({ outDir: paths.extension, odooUrl, workerUrl }));
  const stack: LocalStack = await startStack({
    ports: servicePorts,
    workerStateDir: paths.workerState,
    sessionSecret,
    demoPages: true,
    cron: true,
    progress: (line) => console.log(line),
  });
  shutdown.add('the services', () => stack.close());
  const leadUrl = `${stack.odoo.url}${pathOfView({ kind: 'form', ...DEMO_LEAD })}`;

  if (withBrowser) {
    const browser: BrowserContext = await timed('Chromium started', () =>
      launchDemoBrowser({
        headless: options.browser === 'headless',
        fakeMedia: options.fakeMedia,
        debugPort: debug,
        profileDir: paths.browserProfile,
        extensionDir: paths.extension,
      }),
    );
    shutdown.add('Chromium', () => browser.close());
    await timed('Agent signed in', async () => {
      await signInDemoAgent(browser, {
        workerUrl: stack.workerUrl,
        odooUrl: stack.odoo.url,
        login: stack.agent.login,
        password: stack.agent.password,
      });
      await stack.emulator.waitForRegistration(stack.agent.identity, true, 30_000);
    });
    await openWithCallButtons(browser, leadUrl);
  }

  await writeRunning(paths, {
    pid: process.pid,
    workerUrl: stack.workerUrl,
    odooUrl: stack.odoo.url,
    emulatorControlUrl: stack.emulator.controlUrl,
    companyNumber: STACK_TWILIO.callerId,
    leadUrl,
  });
  shutdown.add('running.json', () => removeRunning(paths));
  console.log(
    readyText({
      seconds: (performance.now() - startedAt) / 1000,
      browser: options.browser,
      leadUrl,
      popupUrl: POPUP_PAGE,
      optionsUrl: OPTIONS_PAGE,
      workerUrl: stack.workerUrl,
      emulatorControlUrl: stack.emulator.controlUrl,
      odooUrl: stack.odoo.url,
      debugPort: debug,
      agent: stack.agent,
      customerNumber: DEMO_CUSTOMER_NUMBER,
      companyNumber: STACK_TWILIO.callerId,
    }),
  );
}

/** Entry point (start.mjs): parses the options, starts, and keeps running until a signal. */
export async function runLauncher(argv: string[]): Promise<void> {
  let options: LaunchOptions;
  try {
    options = parseLaunchOptions(argv, process.env, REPO_ROOT);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const shutdown = new Shutdown();
  shutdown.listen();
  try {
    await start(options, shutdown);
  } catch (error) {
    const known = error instanceof PortsTakenError;
    console.error(
      `\n${known ? (error as Error).message : `Could not start: ${String((error as Error)?.stack ?? error)}`}`,
    );
    await shutdown.stop();
    process.exit(1);
  }
}
