/**
 * The Twilio half of the deep `/health` check: four GETs to Twilio's REST API at the same time,
 * each proving settings against the account they belong to. Plain `fetch` with Basic auth, no
 * `twilio` package (it would not fit the worker's bundle budget). docs/admin-health.md explains
 * every answer at length; the texts here stay short because they ship in the bundle.
 */
import type { DeepCheck, DeepCheckId } from '../../shared/api';
import type { Env, SettingName } from '../env';
import { maskNumber } from '../log';
import { publicUrlOf } from '../public-url';
import {
  type Blocker,
  type Deadline,
  isTimeout,
  type Outcome,
  ok,
  problem,
  shortSid,
  skipped,
} from './outcome';
import { describeRoutingDifferences, postRouting, TWILIO_ROUTES, type VoiceRouting } from './voice-routing';

type Body = Record<string, unknown>;
/** What Twilio answered, or why it was not asked or did not answer. */
type Reply = { status: number; body: Body } | { failure: string } | { blocked: string };
/** What each expected HTTP status means; any other status is a problem as such. */
type Readings = Partial<Record<number, (body: Body) => Outcome>>;

const SETUP = 'Fix: npm run setup';
const ROTATE = `${SETUP} -- --rotate-key`;
const TOKEN_REFUSED = () => skipped('not checked: Twilio refused TWILIO_AUTH_TOKEN');

async function twilioGet(url: string, user: string, password: string, deadline: Deadline): Promise<Reply> {
  try {
    const response = await fetch(url, {
      headers: { Authorization: `Basic ${btoa(`${user}:${password}`)}` },
      signal: deadline.signal,
    });
    return { status: response.status, body: ((await response.json().catch(() => null)) ?? {}) as Body };
  } catch (error) {
    return {
      failure: isTimeout(error)
        ? `Twilio did not answer within ${deadline.timeoutMs / 1000} s (timed out); try again later`
        : 'Twilio could not be reached; try again later',
    };
  }
}

function read(id: DeepCheckId, reply: Reply, readings: Readings): DeepCheck {
  const outcome =
    'blocked' in reply
      ? skipped(reply.blocked)
      : 'failure' in reply
        ? problem(reply.failure)
        : (readings[reply.status]?.(reply.body) ??
          problem(`Twilio answered HTTP ${reply.status}${reply.status >= 500 ? '; try again later' : ''}`));
  return { id, ...outcome };
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** `wanted` compared with the voice routing of a TwiML App or number as Twilio's JSON has it. */
function routingProblems(body: Body, wanted: VoiceRouting): string[] {
  const actual = {
    voiceUrl: text(body.voice_url),
    voiceMethod: text(body.voice_method),
    statusCallback: text(body.status_callback),
    statusCallbackMethod: text(body.status_callback_method),
  };
  return [
    // Either takes the number's calls whatever its voice URL says.
    ...(text(body.voice_application_sid)
      ? [`TwiML App ${shortSid(text(body.voice_application_sid))} overrides it`]
      : []),
    ...(text(body.trunk_sid) ? ['a SIP trunk takes its calls'] : []),
    ...describeRoutingDifferences(actual, wanted),
  ];
}

function routed(what: string, body: Body, wanted: VoiceRouting): Outcome {
  const problems = routingProblems(body, wanted);
  return problems.length === 0
    ? ok(`${what}: calls go to ${wanted.voiceUrl}`)
    : problem(`${what}: ${problems.join('; ')}. ${SETUP}`);
}

export async function twilioChecks(env: Env, blocker: Blocker, deadline: Deadline): Promise<DeepCheck[]> {
  const setting = (name: SettingName) => env[name]?.trim() ?? '';
  const [account, keySid, appSid, number, publicUrl] = (
    [
      'TWILIO_ACCOUNT_SID',
      'TWILIO_API_KEY_SID',
      'TWILIO_TWIML_APP_SID',
      'TWILIO_CALLER_ID',
      'PUBLIC_URL',
    ] as const
  ).map(setting) as [string, string, string, string, string];
  const withToken = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN'] as const;
  const get = (needs: readonly SettingName[], path: string, byKey = false): Promise<Reply> => {
    const blocked = blocker(needs);
    if (blocked) return Promise.resolve({ blocked });
    const [user, password] = byKey
      ? [keySid, setting('TWILIO_API_KEY_SECRET')]
      : [account, setting('TWILIO_AUTH_TOKEN')];
    return twilioGet(
      `https://api.twilio.com/2010-04-01/Accounts/${account}${path}`,
      user,
      password,
      deadline,
    );
  };
  // Built only by a check that ran, so PUBLIC_URL is known to be valid (publicUrlOf throws otherwise).
  const wanted = (voicePath: (typeof TWILIO_ROUTES)['outboundVoice' | 'inboundVoice']) =>
    postRouting(publicUrlOf(publicUrl, voicePath), publicUrlOf(publicUrl, TWILIO_ROUTES.callStatus));

  const [accountReply, keyReply, appReply, numbersReply] = await Promise.all([
    get(withToken, '.json'),
    get([...withToken, 'TWILIO_API_KEY_SID'], `/Keys/${keySid}.json`),
    // With the API key: this one answer proves the key's secret as well as the App.
    get(
      [
        'TWILIO_ACCOUNT_SID',
        'TWILIO_API_KEY_SID',
        'TWILIO_API_KEY_SECRET',
        'TWILIO_TWIML_APP_SID',
        'PUBLIC_URL',
      ],
      `/Applications/${appSid}.json`,
      true,
    ),
    get(
      [...withToken, 'TWILIO_CALLER_ID', 'PUBLIC_URL'],
      `/IncomingPhoneNumbers.json?PhoneNumber=${encodeURIComponent(number)}`,
    ),
  ]);
  const keyAccepted = () => ok('TWILIO_API_KEY_SECRET accepted');
  return [
    read('twilio.auth_token', accountReply, {
      200: (body) =>
        body.status === 'active'
          ? ok('TWILIO_AUTH_TOKEN accepted; account active')
          : problem(`the Twilio account is ${text(body.status)}: reactivate it in Twilio Console`),
      401: () =>
        problem(
          `Twilio refused TWILIO_ACCOUNT_SID + TWILIO_AUTH_TOKEN: every call from Twilio gets 403. ${SETUP}`,
        ),
    }),
    read('twilio.api_key', keyReply, {
      200: () => ok(`TWILIO_API_KEY_SID ${shortSid(keySid)} exists`),
      401: TOKEN_REFUSED,
      404: () => problem(`TWILIO_API_KEY_SID ${shortSid(keySid)}: no such key in this account. ${ROTATE}`),
    }),
    read('twilio.api_key_secret', appReply, {
      200: keyAccepted,
      401: () =>
        problem(
          `Twilio refused TWILIO_API_KEY_SID + TWILIO_API_KEY_SECRET: phones cannot connect (20101). ${ROTATE}`,
        ),
      404: keyAccepted,
    }),
    read('twilio.twiml_app', appReply, {
      200: (body) => routed(`TwiML App ${shortSid(appSid)}`, body, wanted(TWILIO_ROUTES.outboundVoice)),
      401: () => skipped('not checked: Twilio refused the API key'),
      404: () =>
        problem(`TWILIO_TWIML_APP_SID ${shortSid(appSid)}: no such TwiML App in this account. ${SETUP}`),
    }),
    read('twilio.caller_id', numbersReply, {
      200: (body) => {
        const found = (
          Array.isArray(body.incoming_phone_numbers) ? (body.incoming_phone_numbers as Body[]) : []
        ).find((candidate) => candidate.phone_number === number);
        return found
          ? routed(`number ${maskNumber(number)}`, found, wanted(TWILIO_ROUTES.inboundVoice))
          : problem(
              `TWILIO_CALLER_ID ${maskNumber(number)}: not a number of this account, calls fail (21210). ` +
                `${SETUP} -- --number <one of its numbers>`,
            );
      },
      401: TOKEN_REFUSED,
    }),
  ];
}
