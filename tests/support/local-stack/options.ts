/**
 * `npm start -- [options]`: what the launcher was asked for. Pure (arguments and environment in,
 * options or an error out), so it is tested without starting anything.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

/** Fixed, documented defaults (README "Try it", docs/local-stack.md); each has a flag. */
export const DEFAULT_PORTS = {
  /** The worker: wrangler dev's usual port, and the build's default WORKER_URL. */
  worker: 8787,
  /** The Odoo stand-in: Odoo's usual port. */
  odoo: 8069,
  /** The Twilio emulator's signaling (wss) and control API. */
  twilioSignaling: 8443,
  twilioControl: 8444,
  /** Chromium's remote debugging (chrome://inspect, and how the launcher signs in). */
  debug: 9222,
} as const;

export type PortName = keyof typeof DEFAULT_PORTS;

/** The flag that sets each port, for help and for "port taken" messages. */
export const PORT_FLAGS: Record<PortName, string> = {
  worker: '--worker-port',
  odoo: '--odoo-port',
  twilioSignaling: '--twilio-port',
  twilioControl: '--twilio-control-port',
  debug: '--debug-port',
};

export type BrowserMode = 'headed' | 'headless' | 'none';

export interface LaunchOptions {
  ports: Record<PortName, number>;
  browser: BrowserMode;
  /** Chromium's fake microphone and camera (always when headless: there is no device). */
  fakeMedia: boolean;
  /** Start from empty state: worker D1, browser profile. */
  reset: boolean;
  /** Where state lives between runs (git-ignored). */
  stateDir: string;
  help: boolean;
}

export const USAGE = `Usage: npm start [-- options]

Starts the whole click-to-call stack on this machine, with no account anywhere: the worker
(wrangler dev, local D1 and queue), the Twilio voice emulator, the Odoo stand-in with demo pages,
and Chromium with the extension, signed in as a demo agent. Ctrl-C stops everything.

Options:
  --headed                 show Chromium's window (default when a display is available)
  --headless               run Chromium without a window (default without DISPLAY); open it
                           from chrome://inspect or http://127.0.0.1:<debug port>
  --no-browser             start the services only
  --fake-media             use Chromium's fake microphone even when headed
  --reset                  forget stored calls and the browser profile, start clean
  --worker-port <port>     worker (default ${DEFAULT_PORTS.worker})
  --odoo-port <port>       Odoo stand-in (default ${DEFAULT_PORTS.odoo})
  --twilio-port <port>     Twilio emulator signaling (default ${DEFAULT_PORTS.twilioSignaling})
  --twilio-control-port <port>  Twilio emulator control API (default ${DEFAULT_PORTS.twilioControl})
  --debug-port <port>      Chromium remote debugging (default ${DEFAULT_PORTS.debug})
  --state-dir <dir>        where state is kept (default .local-stack)
  --help                   this text
`;

export class UsageError extends Error {}

function port(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 1 || number > 65_535) {
    throw new UsageError(`${flag} must be a port number (1-65535), not "${value}".`);
  }
  return number;
}

/** `env` decides the default browser mode: headed only where there is a display. */
export function parseLaunchOptions(
  argv: string[],
  env: Record<string, string | undefined>,
  repoRoot: string,
): LaunchOptions {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values } = parsed;
  const modes = [
    values.headed && 'headed',
    values.headless && 'headless',
    values['no-browser'] && 'none',
  ].filter(Boolean) as BrowserMode[];
  if (modes.length > 1) throw new UsageError('Choose one of --headed, --headless and --no-browser.');
  const hasDisplay = Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
  const browser: BrowserMode = modes[0] ?? (hasDisplay ? 'headed' : 'headless');
  const ports = {
    worker: port('--worker-port', values['worker-port'], DEFAULT_PORTS.worker),
    odoo: port('--odoo-port', values['odoo-port'], DEFAULT_PORTS.odoo),
    twilioSignaling: port('--twilio-port', values['twilio-port'], DEFAULT_PORTS.twilioSignaling),
    twilioControl: port('--twilio-control-port', values['twilio-control-port'], DEFAULT_PORTS.twilioControl),
    debug: port('--debug-port', values['debug-port'], DEFAULT_PORTS.debug),
  };
  const used = Object.values(ports);
  if (new Set(used).size !== used.length) throw new UsageError('Each piece needs its own port.');
  return {
    ports,
    browser,
    fakeMedia: browser === 'headless' || Boolean(values['fake-media']),
    reset: Boolean(values.reset),
    stateDir: resolve(repoRoot, values['state-dir'] ?? '.local-stack'),
    help: Boolean(values.help),
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      headed: { type: 'boolean' },
      headless: { type: 'boolean' },
      'no-browser': { type: 'boolean' },
      'fake-media': { type: 'boolean' },
      reset: { type: 'boolean' },
      'worker-port': { type: 'string' },
      'odoo-port': { type: 'string' },
      'twilio-port': { type: 'string' },
      'twilio-control-port': { type: 'string' },
      'debug-port': { type: 'string' },
      'state-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
