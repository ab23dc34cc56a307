import { describeRoutingDifferences, postRouting } from '../health/voice-routing';
import { AdminError, EXIT, type ExitCode } from './admin-error';
import { type CheckRow, fine, toFix } from './check-row';
import { toE164 } from './setup-twilio';
import { renderTable } from './table';
import type { PhoneNumber, TwilioAccount, TwimlApp } from './twilio-account';
import { checkWorker } from './worker-check';
import type { WorkerUrls } from './worker-urls';

/**
 * `npm run setup -- --check`: reads Twilio and the worker's `/health?deep=1` (the worker's own
 * checks of Twilio and Odoo, worker-check.ts), changes nothing, and says what is fine and what
 * to fix. It prints names, SIDs and URLs, never a secret.
 */

export type { CheckRow } from './check-row';

export interface CheckInput {
  account: TwilioAccount;
  urls: WorkerUrls;
  friendlyName: string;
  /** TWILIO_CALLER_ID as the admin gave it, if they did. */
  callerId?: string;
  /** TWILIO_API_KEY_SID as the admin gave it, if they did. */
  apiKeySid?: string;
  /** TWILIO_TWIML_APP_SID as the admin gave it, if they did. */
  twimlAppSid?: string;
  /** Says what is going on while the checks run (e.g. a wait for the worker's next deep check). */
  progress(line: string): void;
  /** Defaults to a timer; tests may pass their own. */
  sleep?: (ms: number) => Promise<void>;
}

async function checkCredentials(input: CheckInput): Promise<CheckRow> {
  const what = 'Twilio credentials';
  try {
    const account = await input.account.fetchAccount();
    return account.status === 'active'
      ? fine(what, `account ${account.sid} "${account.friendlyName}" is active`)
      : toFix(what, `account ${account.sid} is ${account.status}: reactivate it in Twilio Console`);
  } catch (error) {
    if (error instanceof AdminError) return toFix(what, error.message, error.exitCode);
    throw error;
  }
}

async function checkApiKey(input: CheckInput): Promise<CheckRow> {
  const what = 'API key';
  const keys = await input.account.listApiKeys(input.apiKeySid ? undefined : input.friendlyName);
  if (input.apiKeySid) {
    return keys.some((key) => key.sid === input.apiKeySid)
      ? fine(what, `${input.apiKeySid} exists (only the worker can tell whether its secret matches)`)
      : toFix(
          what,
          `TWILIO_API_KEY_SID ${input.apiKeySid} is not a key of this account: run npm run setup -- --rotate-key`,
        );
  }
  const [newest] = keys;
  return newest
    ? fine(what, `${newest.sid} "${input.friendlyName}" exists`)
    : toFix(what, `no API key named "${input.friendlyName}": run npm run setup`);
}

async function findApp(input: CheckInput): Promise<TwimlApp | null> {
  if (input.twimlAppSid) {
    try {
      return await input.account.fetchApp(input.twimlAppSid);
    } catch (error) {
      if (error instanceof AdminError && error.exitCode === EXIT.notFound) return null;
      throw error;
    }
  }
  const [app] = await input.account.listApps(input.friendlyName);
  return app ?? null;
}

async function checkTwimlApp(input: CheckInput): Promise<CheckRow> {
  const what = 'TwiML App';
  const app = await findApp(input);
  if (!app) {
    return toFix(
      what,
      input.twimlAppSid
        ? `TWILIO_TWIML_APP_SID ${input.twimlAppSid} is not a TwiML App of this account: run npm run setup`
        : `no TwiML App named "${input.friendlyName}": run npm run setup`,
      EXIT.notFound,
    );
  }
  const problems = describeRoutingDifferences(
    app,
    postRouting(input.urls.outboundVoiceUrl, input.urls.callStatusUrl),
  );
  return problems.length === 0
    ? fine(what, `${app.sid}: outgoing calls go to ${input.urls.outboundVoiceUrl}`)
    : toFix(what, `${app.sid}: ${problems.join('; ')}. Run npm run setup to fix it`);
}

function numberProblems(number: PhoneNumber, input: CheckInput): string[] {
  return [
    ...(number.voiceApplicationSid
      ? [`it is attached to TwiML App ${number.voiceApplicationSid}, which overrides its voice URL`]
      : []),
    ...(number.trunkSid ? [`it belongs to SIP trunk ${number.trunkSid}`] : []),
    ...describeRoutingDifferences(number, postRouting(input.urls.inboundVoiceUrl, input.urls.callStatusUrl)),
  ];
}

async function checkNumber(input: CheckInput): Promise<CheckRow> {
  const numbers = await input.account.listNumbers();
  if (input.callerId) {
    const what = `Number ${input.callerId}`;
    const number = numbers.find((candidate) => candidate.phoneNumber === toE164(input.callerId ?? ''));
    if (!number) {
      return toFix(what, 'TWILIO_CALLER_ID is not a phone number of this Twilio account', EXIT.notFound);
    }
    const problems = numberProblems(number, input);
    return problems.length === 0
      ? fine(what, `owned; incoming calls go to ${input.urls.inboundVoiceUrl}`)
      : toFix(what, `${problems.join('; ')}. Run npm run setup to fix it`);
  }
  const what = 'Phone number';
  const routed = numbers.filter((number) => numberProblems(number, input).length === 0);
  return routed.length > 0
    ? fine(
        what,
        `${routed.map((number) => number.phoneNumber).join(', ')} ring this worker (give --number to check the caller id)`,
      )
    : toFix(
        what,
        `no number of this account sends its calls to ${input.urls.inboundVoiceUrl}: run npm run setup`,
      );
}

export async function runChecks(input: CheckInput): Promise<CheckRow[]> {
  const credentials = await checkCredentials(input);
  const twilioRows: CheckRow[] = credentials.ok
    ? [await checkApiKey(input), await checkTwimlApp(input), await checkNumber(input)]
    : ['API key', 'TwiML App', 'Phone number'].map((what) => ({
        what,
        ok: null,
        detail: 'not checked: Twilio refused the credentials',
      }));
  return [credentials, ...twilioRows, ...(await checkWorker(input.urls.health, input))];
}

export function renderChecks(rows: CheckRow[]): string {
  const status = (row: CheckRow) => (row.ok === null ? 'skipped' : row.ok ? 'ok' : 'FIX');
  return renderTable(
    ['CHECK', 'STATUS', 'DETAILS'],
    rows.map((row) => [row.what, status(row), row.detail]),
  );
}

/** Most fundamental first: nothing else can be trusted while credentials are refused or the worker is down. */
const FAILURE_PRIORITY: ExitCode[] = [
  EXIT.twilioAuth,
  EXIT.workerUnreachable,
  EXIT.notFound,
  EXIT.needsAttention,
];

/** 0 when everything is fine, else the code of the most fundamental thing to fix. */
export function checkExitCode(rows: CheckRow[]): ExitCode {
  const codes = rows.filter((row) => row.ok === false).map((row) => row.failureCode ?? EXIT.needsAttention);
  if (codes.length === 0) return EXIT.ok;
  return FAILURE_PRIORITY.find((code) => codes.includes(code)) ?? codes[0] ?? EXIT.needsAttention;
}
