import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { EXTENSION_ID_PATTERN } from '../../shared/extension-id';
import { AdminError, EXIT, type ExitCode, usageError } from './admin-error';
import { type CliIo, isInteractive, processIo, runCli, say } from './cli-io';
import { type Prompter, terminalPrompter } from './prompt';
import { printedSettings, type SettingsStore, wranglerSecrets } from './settings-store';
import { checkExitCode, renderChecks, runChecks } from './setup-check';
import { gatherOdooValues, planSettings, type SettingsPlan } from './setup-settings';
import {
  chooseNumber,
  ensureApiKey,
  ensureNumberRouting,
  ensureTwimlApp,
  friendlyNameFor,
  type SetupContext,
} from './setup-twilio';
import { TwilioAccount } from './twilio-account';
import { createTwilioClient } from './twilio-client';
import { isLocalUrl, type WorkerUrls, workerUrls } from './worker-urls';
import { wranglerFor } from './wrangler';
import { readWranglerConfig, type WranglerConfig } from './wrangler-config';

/**
 * `npm run setup`: connects a Twilio account to the worker. Creates or reuses an API key and a
 * TwiML App, points the team's number at the worker, and writes every worker setting it knows
 * (wrangler secrets, or `--print`). `--dry-run` changes nothing; `--check` only verifies.
 * The admin guide (docs/admin-guide.md) walks through it.
 */

const HELP = `Usage: npm run setup -- [options]

Connects your Twilio account to the worker and sets the worker's settings.
Twilio credentials come from TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN, or are asked for.

Options:
  --url <url>          the worker's public URL (or PUBLIC_URL), e.g. https://odoo-click-to-call.acme.workers.dev
  --number <+E.164>    the Twilio number agents call from and are called on (or TWILIO_CALLER_ID);
                       default: the account's only number, or a choice
  --odoo-url <url>     Odoo URL (or ODOO_URL); ODOO_API_KEY comes from the environment or a hidden prompt
  --odoo-db <name>     Odoo database (or ODOO_DB)
  --odoo-login <login> Odoo service user's login (or ODOO_LOGIN)
  --extension-id <id>  the extension's ID when it is not this repository's (e.g. its Chrome Web Store
                       ID): sets EXTENSION_ORIGINS=chrome-extension://<id>
  --rotate-key         create a new Twilio API key even if the worker already has one
  --print              print the settings as KEY=value lines (e.g. for .dev.vars) instead of
                       setting the worker's secrets; this output contains secrets
  --dry-run            show what would change, change nothing
  --check              verify Twilio and the worker's /health?deep=1 (its own checks of Twilio and
                       Odoo), change nothing, print a table
  --config <path>      wrangler.toml to use (default: ./wrangler.toml)
  -h, --help           this help

Exit codes: 0 ok, 1 something to fix (--check), 2 usage, 3 Twilio refused the credentials,
4 not found (e.g. a number the account does not own), 5 worker unreachable, 6 wrangler failed,
7 other Twilio error.`;

const ACCOUNT_SID = /^AC[0-9a-f]{32}$/i;

function parseSetupArgs(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        url: { type: 'string' },
        number: { type: 'string' },
        'odoo-url': { type: 'string' },
        'odoo-db': { type: 'string' },
        'odoo-login': { type: 'string' },
        'extension-id': { type: 'string' },
        'rotate-key': { type: 'boolean', default: false },
        print: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        check: { type: 'boolean', default: false },
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    throw usageError(`${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
  }
}

type SetupFlags = ReturnType<typeof parseSetupArgs>;

async function twilioCredentials(io: CliIo, prompter: Prompter) {
  const accountSid =
    io.env.TWILIO_ACCOUNT_SID?.trim() ||
    (await prompter.text('Twilio Account SID (AC…, Console → Account info):', 'TWILIO_ACCOUNT_SID'));
  if (!ACCOUNT_SID.test(accountSid)) {
    throw usageError(`"${accountSid}" is not a Twilio Account SID (AC followed by 32 hexadecimal digits).`);
  }
  const authToken =
    io.env.TWILIO_AUTH_TOKEN?.trim() || (await prompter.secret('Twilio Auth Token:', 'TWILIO_AUTH_TOKEN'));
  if (!authToken) throw usageError('The Twilio Auth Token is empty.');
  return { accountSid, authToken };
}

async function publicUrls(io: CliIo, flags: SetupFlags, prompter: Prompter): Promise<WorkerUrls> {
  const given =
    flags.url?.trim() ||
    io.env.PUBLIC_URL?.trim() ||
    (await prompter.text("The worker's public URL (https://<name>.<subdomain>.workers.dev):", '--url <url>'));
  return workerUrls(given);
}

async function check(
  io: CliIo,
  flags: SetupFlags,
  account: TwilioAccount,
  urls: WorkerUrls,
  config: WranglerConfig,
) {
  const rows = await runChecks({
    account,
    urls,
    friendlyName: friendlyNameFor(config.name),
    callerId: flags.number ?? io.env.TWILIO_CALLER_ID,
    apiKeySid: io.env.TWILIO_API_KEY_SID,
    twimlAppSid: io.env.TWILIO_TWIML_APP_SID,
    progress: (line) => say(io, line),
  });
  io.stdout.write(`${renderChecks(rows)}\n`);
  const code = checkExitCode(rows);
  if (code === EXIT.ok) say(io, '✔ Everything checked is fine.');
  return code;
}

async function writeSettings(
  io: CliIo,
  store: SettingsStore,
  plan: SettingsPlan,
  { dryRun, printing, config }: { dryRun: boolean; printing: boolean; config: WranglerConfig },
): Promise<void> {
  say(io, `Settings → ${store.target}:`);
  for (const { name, value } of plan.write) {
    // A secret may not share its name with a [vars] entry: wrangler deploy would refuse both.
    if (!printing && name in config.vars) {
      const same = config.vars[name] === value ? 'same value' : 'DIFFERENT value: edit wrangler.toml';
      say(io, `  · ${name}: in wrangler.toml [vars] (${same}), not set as a secret.`);
    } else if (dryRun) {
      say(io, `  → ${name}: would be set`);
    } else {
      await store.put(name, value);
      say(io, `  ✔ ${name}`);
    }
  }
  for (const name of plan.kept) say(io, `  · ${name}: already set, kept`);
  if (!dryRun) store.finish();
}

function nextSteps(io: CliIo, plan: SettingsPlan, urls: WorkerUrls, printing: boolean): void {
  say(io);
  say(io, 'Next:');
  if (plan.missing.length > 0) {
    say(io, `  • Set the Odoo settings still missing (${plan.missing.join(', ')}): run setup again with`);
    say(io, '    --odoo-url/--odoo-db/--odoo-login and ODOO_API_KEY in the environment, or for each one:');
    for (const name of plan.missing) say(io, `      npx wrangler secret put ${name}`);
  }
  if (!printing) say(io, '  • npm run deploy   (if the worker is not deployed yet)');
  say(io, `  • npm run setup -- --check --url ${urls.publicUrl}`);
  if (isLocalUrl(urls.publicUrl)) {
    say(
      io,
      `  ! ${urls.publicUrl} is on this machine: Twilio's cloud cannot call it (use a tunnel for real calls).`,
    );
  }
}

export async function setup(
  argv: string[],
  io: CliIo,
  prompter: Prompter = terminalPrompter(io),
): Promise<ExitCode> {
  const flags = parseSetupArgs(argv);
  if (flags.help) {
    io.stdout.write(`${HELP}\n`);
    return EXIT.ok;
  }
  if (flags.check && (flags.print || flags['rotate-key'])) {
    throw usageError('--check only reads: it cannot be combined with --print or --rotate-key.');
  }
  const extensionId = flags['extension-id']?.trim();
  if (extensionId !== undefined && !EXTENSION_ID_PATTERN.test(extensionId)) {
    throw usageError(`"${extensionId}" is not a Chrome extension ID (32 letters a to p).`);
  }
  const config = readWranglerConfig(flags.config ?? join(io.cwd, 'wrangler.toml'));
  const credentials = await twilioCredentials(io, prompter);
  const urls = await publicUrls(io, flags, prompter);
  const account = new TwilioAccount(createTwilioClient(credentials, io.env), credentials.accountSid);
  if (flags.check) return check(io, flags, account, urls, config);

  const dryRun = flags['dry-run'];
  if (dryRun) say(io, 'Dry run: nothing will be changed.');
  const info = await account.fetchAccount();
  if (info.status !== 'active') {
    throw new AdminError(`Twilio account ${info.sid} is ${info.status}: reactivate it first.`, EXIT.twilio);
  }
  say(io, `Twilio account ${info.sid} "${info.friendlyName}", worker "${config.name}" at ${urls.publicUrl}`);

  const store = flags.print
    ? printedSettings(io)
    : wranglerSecrets(wranglerFor(io, config.path), config.name);
  const existing = await store.existing();
  const ctx: SetupContext = {
    account,
    urls,
    friendlyName: friendlyNameFor(config.name),
    dryRun,
    log: (line) => say(io, line),
  };
  // Everything is asked and checked before anything changes: a number the account does not own
  // or a malformed Odoo URL stops setup with Twilio untouched.
  const number = await chooseNumber(ctx, flags.number ?? io.env.TWILIO_CALLER_ID, prompter);
  const odoo = await gatherOdooValues({
    flags: { odooUrl: flags['odoo-url'], odooDb: flags['odoo-db'], odooLogin: flags['odoo-login'] },
    env: io.env,
    existing,
    interactive: isInteractive(io) && !dryRun,
    prompter,
  });
  const apiKey = await ensureApiKey(
    ctx,
    { sid: existing.get('TWILIO_API_KEY_SID'), secret: existing.get('TWILIO_API_KEY_SECRET') },
    flags['rotate-key'],
  );
  const twimlAppSid = await ensureTwimlApp(ctx);
  await ensureNumberRouting(ctx, number);
  const plan = planSettings({
    accountSid: credentials.accountSid,
    authToken: credentials.authToken,
    apiKey,
    twimlAppSid,
    callerId: number.phoneNumber,
    publicUrl: urls.publicUrl,
    extensionId,
    odoo,
    existing,
  });
  await writeSettings(io, store, plan, { dryRun, printing: flags.print, config });
  nextSteps(io, plan, urls, flags.print);
  return EXIT.ok;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const io = processIo();
  process.exitCode = await runCli(io, () => setup(process.argv.slice(2), io));
}
