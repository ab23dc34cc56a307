import type { CliIo } from './cli-io';
import { type Wrangler, wranglerFailure } from './wrangler';

/**
 * Where `npm run setup` writes the worker's settings:
 * - the deployed worker's secrets (`wrangler secret put NAME`, value on stdin), the default;
 * - or, with `--print`, a `.dev.vars`-style block on stdout (for a local `wrangler dev`, or to
 *   paste elsewhere). That block holds secrets: it is only printed when asked for.
 */

/** A setting known to exist whose value cannot be read back (Cloudflare never returns secrets). */
export const UNREADABLE = Symbol('unreadable');
export type ExistingValue = string | typeof UNREADABLE;

export interface SettingsStore {
  /** Said in the report: where the settings went. */
  readonly target: string;
  /** Settings that already exist there, with their value when it can be read. */
  existing(): Promise<Map<string, ExistingValue>>;
  put(name: string, value: string): Promise<void>;
  /** Called once every setting is put. */
  finish(): void;
}

/** The worker settings setup manages, in the order they are written. */
export const MANAGED_SETTINGS = [
  'TWILIO_ACCOUNT_SID',
  'TWILIO_AUTH_TOKEN',
  'TWILIO_API_KEY_SID',
  'TWILIO_API_KEY_SECRET',
  'TWILIO_TWIML_APP_SID',
  'TWILIO_CALLER_ID',
  'PUBLIC_URL',
  'SESSION_SECRET',
  'EXTENSION_ORIGINS',
  'ODOO_URL',
  'ODOO_DB',
  'ODOO_LOGIN',
  'ODOO_API_KEY',
] as const;

export type ManagedSetting = (typeof MANAGED_SETTINGS)[number];

export function wranglerSecrets(wrangler: Wrangler, workerName: string): SettingsStore {
  return {
    target: `the secrets of worker "${workerName}" (wrangler secret put)`,
    async existing() {
      const result = await wrangler.run(['secret', 'list', '--format', 'json']);
      // A worker that was never deployed has no secrets yet; `secret put` will create it.
      if (result.code !== 0 && /not found/i.test(result.stderr + result.stdout)) return new Map();
      if (result.code !== 0) throw wranglerFailure(result, 'listing the worker’s secrets');
      const secrets = JSON.parse(result.stdout.slice(result.stdout.indexOf('['))) as { name: string }[];
      return new Map(secrets.map((secret) => [secret.name, UNREADABLE] as const));
    },
    async put(name, value) {
      await wrangler.runOk(['secret', 'put', name], `setting secret ${name}`, { stdin: value });
    },
    finish() {},
  };
}

export function printedSettings(io: CliIo): SettingsStore {
  const lines: string[] = [];
  return {
    target: 'the block printed on stdout (--print)',
    async existing() {
      // What the admin already has in the environment is reused, so the block stays complete.
      return new Map(
        MANAGED_SETTINGS.flatMap((name) => {
          const value = io.env[name]?.trim();
          return value ? [[name, value] as const] : [];
        }),
      );
    },
    async put(name, value) {
      lines.push(`${name}=${value}`);
    },
    finish() {
      io.stdout.write(`${lines.join('\n')}\n`);
    },
  };
}
