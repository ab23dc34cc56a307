import { postRouting, routingDifferences } from '../health/voice-routing';
import { AdminError, EXIT, usageError } from './admin-error';
import type { Prompter } from './prompt';
import { type ExistingValue, UNREADABLE } from './settings-store';
import type { PhoneNumber, TwilioAccount, TwimlApp } from './twilio-account';
import type { WorkerUrls } from './worker-urls';

/**
 * The Twilio side of `npm run setup`: each step finds the resource by its friendly name (or the
 * number the admin named), creates or corrects it only when needed, and says what it did. Run
 * twice, the second run changes nothing. In a dry run only GET requests are made.
 */

export interface SetupContext {
  account: TwilioAccount;
  urls: WorkerUrls;
  /** Friendly name of the API key and TwiML App, e.g. `Odoo click-to-call (odoo-click-to-call)`. */
  friendlyName: string;
  dryRun: boolean;
  log(line: string): void;
}

/** Shown instead of a SID or secret that a dry run would have created. */
export const NOT_CREATED_YET = '(created on a real run)';

export function friendlyNameFor(workerName: string): string {
  return `Odoo click-to-call (${workerName})`;
}

export interface ApiKeyDecision {
  /** The key to write into the worker, or null to leave the worker's key settings as they are. */
  write: { sid: string; secret: string } | null;
}

/**
 * Twilio shows an API key's secret once, when the key is created. So an existing key can only be
 * reused when its secret is already where the worker reads it; otherwise (or with --rotate-key)
 * a new key is made.
 */
export async function ensureApiKey(
  ctx: SetupContext,
  existing: { sid: ExistingValue | undefined; secret: ExistingValue | undefined },
  rotate: boolean,
): Promise<ApiKeyDecision> {
  if (!rotate && existing.secret === UNREADABLE) {
    ctx.log(
      `· API key: TWILIO_API_KEY_SECRET is already set on the worker; kept as it is ` +
        `(Twilio never shows a key's secret twice; --rotate-key makes a new key).`,
    );
    return { write: null };
  }
  if (!rotate && typeof existing.secret === 'string' && typeof existing.sid === 'string') {
    ctx.log(`· API key ${existing.sid}: reused (its secret was given in the environment).`);
    return { write: { sid: existing.sid, secret: existing.secret } };
  }
  const older = (await ctx.account.listApiKeys(ctx.friendlyName)).map((key) => key.sid);
  if (ctx.dryRun) {
    ctx.log(`→ API key "${ctx.friendlyName}": would create a new one.`);
    return { write: { sid: NOT_CREATED_YET, secret: NOT_CREATED_YET } };
  }
  const key = await ctx.account.createApiKey(ctx.friendlyName);
  ctx.log(`✔ API key ${key.sid}: created ("${ctx.friendlyName}").`);
  if (older.length > 0) {
    ctx.log(
      `  Older key(s) with that name still exist: ${older.join(', ')}. Delete them in Twilio Console → ` +
        'API keys & tokens once agents have signed in again (their tokens live up to an hour).',
    );
  }
  return { write: key };
}

export async function ensureTwimlApp(ctx: SetupContext): Promise<string> {
  const wanted = postRouting(ctx.urls.outboundVoiceUrl, ctx.urls.callStatusUrl);
  const [app, ...duplicates] = await ctx.account.listApps(ctx.friendlyName);
  if (duplicates.length > 0) {
    ctx.log(
      `  ${duplicates.length + 1} TwiML Apps are named "${ctx.friendlyName}"; using ${app?.sid}. ` +
        `Delete the others (${duplicates.map((other) => other.sid).join(', ')}) in Twilio Console → TwiML Apps.`,
    );
  }
  if (!app) {
    if (ctx.dryRun) {
      ctx.log(`→ TwiML App "${ctx.friendlyName}": would create it, voice URL ${wanted.voiceUrl} (POST).`);
      return NOT_CREATED_YET;
    }
    const created = await ctx.account.createApp(ctx.friendlyName, wanted);
    ctx.log(`✔ TwiML App ${created.sid}: created, voice URL ${wanted.voiceUrl} (POST).`);
    return created.sid;
  }
  const differences = routingDifferences(app, wanted);
  if (differences.length === 0) {
    ctx.log(`· TwiML App ${app.sid}: already points at this worker.`);
    return app.sid;
  }
  describeChanges(ctx, `TwiML App ${app.sid}`, app, wanted, differences);
  if (!ctx.dryRun) await ctx.account.updateApp(app.sid, wanted);
  return app.sid;
}

/** E.164 from what a person may type: `+33 1 23 45 67 89` → `+33123456789`. */
export function toE164(input: string): string {
  const compact = input.replace(/[\s.()-]/g, '');
  if (!/^\+[1-9]\d{6,14}$/.test(compact)) {
    throw usageError(`"${input}" is not a phone number in international format, e.g. +33123456789.`);
  }
  return compact;
}

/** The number the team calls from and is called on: the one named, else the account's only one, else a choice. */
export async function chooseNumber(
  ctx: SetupContext,
  requested: string | undefined,
  prompter: Prompter,
): Promise<PhoneNumber> {
  const numbers = await ctx.account.listNumbers();
  if (requested) {
    const wanted = toE164(requested);
    const found = numbers.find((number) => number.phoneNumber === wanted);
    if (!found) {
      const owned = numbers.map((number) => number.phoneNumber).join(', ') || 'none';
      throw new AdminError(
        `${wanted} is not a phone number of Twilio account ${ctx.account.accountSid} (its numbers: ${owned}). ` +
          'Buy or port it in Twilio Console → Phone Numbers, or pass one of its numbers with --number.',
        EXIT.notFound,
      );
    }
    return found;
  }
  const [only, ...others] = numbers;
  if (!only) {
    throw new AdminError(
      `Twilio account ${ctx.account.accountSid} has no phone number. Buy a voice-capable number in ` +
        'Twilio Console → Phone Numbers → Buy a number, then run setup again.',
      EXIT.notFound,
    );
  }
  if (others.length === 0) return only;
  return prompter.choose(
    'Which number should agents call from and be called on?',
    numbers.map((number) => ({ label: `${number.phoneNumber}  ${number.friendlyName}`, value: number })),
    `--number <E.164> (one of ${numbers.map((number) => number.phoneNumber).join(', ')})`,
  );
}

export async function ensureNumberRouting(ctx: SetupContext, number: PhoneNumber): Promise<void> {
  const wanted = postRouting(ctx.urls.inboundVoiceUrl, ctx.urls.callStatusUrl);
  if (number.trunkSid) {
    ctx.log(
      `! ${number.phoneNumber} belongs to SIP trunk ${number.trunkSid}: Twilio sends its calls to the trunk, ` +
        'not to the worker. Remove it from the trunk in Twilio Console → Elastic SIP Trunking.',
    );
  }
  const differences = routingDifferences(number, wanted);
  if (differences.length === 0 && !number.voiceApplicationSid) {
    ctx.log(`· Number ${number.phoneNumber}: incoming calls already go to this worker.`);
    return;
  }
  if (number.voiceApplicationSid) {
    ctx.log(
      `${ctx.dryRun ? '→' : '✔'} Number ${number.phoneNumber}: ${ctx.dryRun ? 'would detach' : 'detached'} ` +
        `from TwiML App ${number.voiceApplicationSid} (it overrides the voice URL).`,
    );
  }
  describeChanges(ctx, `Number ${number.phoneNumber}`, number, wanted, differences);
  if (!ctx.dryRun) await ctx.account.routeNumber(number.sid, wanted);
}

function describeChanges(
  ctx: SetupContext,
  what: string,
  actual: TwimlApp | PhoneNumber,
  wanted: ReturnType<typeof postRouting>,
  differences: (keyof typeof wanted)[],
): void {
  if (differences.length === 0) return;
  ctx.log(`${ctx.dryRun ? '→' : '✔'} ${what}: ${ctx.dryRun ? 'would update' : 'updated'}`);
  for (const field of differences) {
    ctx.log(`    ${field}: ${actual[field] || '(empty)'} → ${wanted[field]}`);
  }
}
