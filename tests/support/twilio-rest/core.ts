/**
 * The Twilio REST stand-in without a server: the accounts, the routes and the answers, for the
 * few endpoints the setup CLI and the worker's deep `/health` use, in the shapes the `twilio`
 * package sends and parses:
 * - api.twilio.com: account fetch; applications list/create/fetch/update; incoming phone
 *   numbers list/fetch/update; one API key's fetch (2010-04-01 API);
 * - iam.twilio.com: API keys list/create (v1).
 * Basic auth is checked like Twilio does: the account SID with its auth token, or an API key SID
 * with its secret (the key acts for its own account); bad credentials → 401, error 20003
 * "Authenticate". An unknown resource (e.g. a number of another account) → 404, error 20404.
 *
 * It runs anywhere (Node, workerd): twilio-rest-stand-in.ts serves it on a port for the CLI, and
 * worker tests put `core.fetch` in place of the network. Every request is recorded.
 */
import {
  type ApiKeyRecord,
  type ApplicationRecord,
  accountJson,
  apiKeyJson,
  applicationJson,
  legacyApiKeyJson,
  makeSid,
  newApiKeyJson,
  type PhoneNumberRecord,
  phoneNumberJson,
  type StandInAccount,
} from './resources';

export interface RecordedRequest {
  method: string;
  host: string;
  /** Path on the Twilio host, without the query. */
  path: string;
  query: Record<string, string>;
  form: Record<string, string>;
  /** The account SID of the Basic credentials, when they were valid. */
  authenticatedAs: string | null;
  /** Which credentials those were: the account's auth token or one of its API keys. */
  credentials: 'auth token' | 'api key' | null;
}

export interface StandInAccountSeed {
  sid?: string;
  authToken?: string;
  friendlyName?: string;
  numbers?: { phoneNumber: string; friendlyName?: string; voiceUrl?: string; voiceApplicationSid?: string }[];
}

/** One request as the stand-in reads it, whatever carried it (a socket or a `fetch`). */
export interface IncomingTwilioRequest {
  method: string;
  /** `api.twilio.com` or `iam.twilio.com`. */
  host: string;
  /** Path on that host, without the query. */
  path: string;
  query: Record<string, string>;
  form: Record<string, string>;
  authorization: string | null;
}

export interface TwilioAnswer {
  status: number;
  body: unknown;
}

export interface TwilioRestCore {
  accounts: StandInAccount[];
  requests: RecordedRequest[];
  /** Requests that change something (anything but GET). */
  changingRequests(): RecordedRequest[];
  answer(request: IncomingTwilioRequest): TwilioAnswer;
  /**
   * A `fetch` for `https://api.twilio.com/…` and `https://iam.twilio.com/…` URLs, as Twilio
   * answers them; any other host rejects like an unknown name does.
   */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /**
   * While true, `fetch` never answers: it rejects when the request's signal aborts, as a
   * Twilio that has stopped answering does for a client with a time limit.
   */
  stalled: boolean;
}

interface Route {
  method: 'GET' | 'POST';
  host: string;
  pattern: RegExp;
  handle(ctx: RouteContext, params: string[]): TwilioAnswer;
}

interface RouteContext {
  account: StandInAccount;
  host: string;
  path: string;
  query: Record<string, string>;
  form: Record<string, string>;
}

const DEFAULT_PAGE_SIZE = 50;
export const TWILIO_HOSTS = ['api.twilio.com', 'iam.twilio.com'];

function randomHex(bytes: number): string {
  return [...crypto.getRandomValues(new Uint8Array(bytes))]
    .map((byte) => byte.toString(16).padStart(2, '0'))
    .join('');
}

export function createTwilioRestCore(seeds: StandInAccountSeed[]): TwilioRestCore {
  let counter = 0;
  const nextSid = (prefix: string) => makeSid(prefix, ++counter);
  const accounts: StandInAccount[] = seeds.map((seed, index) => {
    const created = new Date(Date.UTC(2025, 0, 1));
    return {
      sid: seed.sid ?? makeSid('AC', index),
      authToken: seed.authToken ?? randomHex(16),
      friendlyName: seed.friendlyName ?? `Stand-in account ${index}`,
      status: 'active',
      keys: [],
      applications: [],
      numbers: (seed.numbers ?? []).map((number) => ({
        sid: nextSid('PN'),
        phoneNumber: number.phoneNumber,
        friendlyName: number.friendlyName ?? number.phoneNumber,
        voiceUrl: number.voiceUrl ?? 'https://demo.twilio.com/welcome/voice/',
        voiceMethod: 'POST',
        statusCallback: null,
        statusCallbackMethod: 'POST',
        voiceApplicationSid: number.voiceApplicationSid ?? null,
        trunkSid: null,
        created,
        updated: created,
      })),
    };
  });
  const requests: RecordedRequest[] = [];

  const routes: Route[] = [
    {
      method: 'GET',
      host: 'api.twilio.com',
      pattern: /^\/2010-04-01\/Accounts\/(AC\w+)\.json$/,
      handle: ({ account }) => ({ status: 200, body: accountJson(account) }),
    },
    {
      method: 'GET',
      host: 'api.twilio.com',
      pattern: /^\/2010-04-01\/Accounts\/(AC\w+)\/Applications\.json$/,
      handle: (ctx) => {
        const name = ctx.query.FriendlyName;
        const apps = ctx.account.applications.filter(
          (app) => name === undefined || app.friendlyName === name,
        );
        return legacyPage(ctx, 'applications', apps, (app) => applicationJson(ctx.account.sid, app));
      },
    },
    {
      method: 'POST',
      host: 'api.twilio.com',
      pattern: /^\/2010-04-01\/Accounts\/(AC\w+)\/Applications\.json$/,
      handle: ({ account, form }) => {
        const now = new Date();
        const app: ApplicationRecord = {
          sid: nextSid('AP'),
          friendlyName: form.FriendlyName ?? '',
          voiceUrl: form.VoiceUrl ?? null,
          voiceMethod: form.VoiceMethod ?? 'POST',
          statusCallback: form.StatusCallback ?? null,
          statusCallbackMethod: form.StatusCallbackMethod ?? 'POST',
          created: now,
          updated: now,
        };
        account.applications.push(app);
        return { status: 201, body: applicationJson(account.sid, app) };
      },
    },
    {
      method: 'GET',
      host: 'api.twilio.com',
      pattern: /^\/2010-04-01\/Accounts\/(AC\w+)\/Applications\/(AP\w+)\.json$/,
      handle: (ctx, [, sid]) => {
        const app = ctx.account.applications.find((candidate) => candidate.sid === sid);
        return app ? { status: 200, body: applicationJson(ctx.account.sid, app) } : notFound(ctx.path);
      },
    },
    {
      method: 'POST',
      host: 'api.twilio.com',
      pattern: /^\/2010-04-01\/Accounts\/(AC\w+)\/Applications\/(AP\w+)\.json$/,
      handle: (ctx, [, sid]) => {
        const app = ctx.account.applications.find((candidate) => candidate.sid === sid);
        if (!app) return notFound(ctx.path);
        const { form } = ctx;
        if (form.FriendlyName !== undefined) app.friendlyName = form.FriendlyName;
        if (form.VoiceUrl !== undefined) app.voiceUrl = form.VoiceUrl;
        if (form.VoiceMethod !== undefined) app.voiceMethod = form.VoiceMethod;
        if (form.StatusCallback !== undefined) app.statusCallback = form.StatusCallback;
        if (form.StatusCallbackMethod !== undefined) app.statusCallbackMethod = form.StatusCallbackMethod;
        app.updated = new Date();
        return { status: 200, body: applicationJson(ctx.account.sid, app) };
      },
    },
    {
      method: 'GET',
      host: 'api.twilio.com',
      pattern: /^\/2010-04-01\/Accounts\/(AC\w+)\/IncomingPhoneNumbers\.json$/,
      handle: (ctx) => {
        const digits = ctx.query.PhoneNumber?.replace(/\D/g, '');
        const numbers = ctx.account.numbers.filter(
          (number) => !digits || number.phoneNumber.replace(/\D/g, '').includes(digits),
        );
        return legacyPage(ctx, 'incoming_phone_numbers', numbers, (number) =>
          phoneNumberJson(ctx.account.sid, number),
        );
      },
    },
    {
      method: 'GET',
      host: 'api.twilio.com',
      pattern: /^\/2010-04-01\/Accounts\/(AC\w+)\/IncomingPhoneNumbers\/(PN\w+)\.json$/,
      handle: (ctx, [, sid]) => {
        const number = ctx.account.numbers.find((candidate) => candidate.sid === sid);
        return number ? { status: 200, body: phoneNumberJson(ctx.account.sid, number) } : notFound(ctx.path);
      },
    },
    {
      method: 'POST',
      host: 'api.twilio.com',
      pattern: /^\/2010-04-01\/Accounts\/(AC\w+)\/IncomingPhoneNumbers\/(PN\w+)\.json$/,
      handle: (ctx, [, sid]) => {
        const number = ctx.account.numbers.find((candidate) => candidate.sid === sid);
        if (!number) return notFound(ctx.path);
        updateNumber(number, ctx.form);
        return { status: 200, body: phoneNumberJson(ctx.account.sid, number) };
      },
    },
    {
      method: 'GET',
      host: 'api.twilio.com',
      pattern: /^\/2010-04-01\/Accounts\/(AC\w+)\/Keys\/(SK\w+)\.json$/,
      handle: (ctx, [, sid]) => {
        const key = ctx.account.keys.find((candidate) => candidate.sid === sid);
        return key ? { status: 200, body: legacyApiKeyJson(key) } : notFound(ctx.path);
      },
    },
    {
      method: 'GET',
      host: 'iam.twilio.com',
      pattern: /^\/v1\/Keys$/,
      handle: (ctx) => {
        if (ctx.query.AccountSid !== ctx.account.sid) return forbidden();
        return metaPage(ctx, 'keys', ctx.account.keys, apiKeyJson);
      },
    },
    {
      method: 'POST',
      host: 'iam.twilio.com',
      pattern: /^\/v1\/Keys$/,
      handle: (ctx) => {
        if (ctx.form.AccountSid !== ctx.account.sid) return forbidden();
        const key: ApiKeyRecord = {
          sid: nextSid('SK'),
          friendlyName: ctx.form.FriendlyName ?? '',
          secret: randomHex(16),
          created: new Date(),
        };
        ctx.account.keys.push(key);
        return { status: 201, body: newApiKeyJson(key) };
      },
    },
  ];

  function authenticate(
    header: string | null,
  ): { account: StandInAccount; credentials: 'auth token' | 'api key' } | null {
    const match = /^Basic (.+)$/.exec(header ?? '');
    if (!match?.[1]) return null;
    let decoded: string;
    try {
      decoded = atob(match[1]);
    } catch {
      return null;
    }
    const separator = decoded.indexOf(':');
    const [user, password] = [decoded.slice(0, separator), decoded.slice(separator + 1)];
    const byToken = accounts.find((account) => account.sid === user && account.authToken === password);
    if (byToken) return { account: byToken, credentials: 'auth token' };
    const byKey = accounts.find((account) =>
      account.keys.some((key) => key.sid === user && key.secret === password),
    );
    return byKey ? { account: byKey, credentials: 'api key' } : null;
  }

  function answer(request: IncomingTwilioRequest): TwilioAnswer {
    const { host, path, query, form } = request;
    const auth = authenticate(request.authorization);
    requests.push({
      method: request.method,
      host,
      path,
      query,
      form,
      authenticatedAs: auth?.account.sid ?? null,
      credentials: auth?.credentials ?? null,
    });
    if (!auth) return unauthenticated();
    const matching = routes
      .filter((candidate) => candidate.method === request.method && candidate.host === host)
      .map((candidate) => ({ candidate, match: candidate.pattern.exec(path) }))
      .find(({ match }) => match !== null);
    if (!matching?.match) return notFound(path);
    const params = matching.match.slice(1);
    // Another account's resources do not exist as far as this account is concerned.
    if (params[0]?.startsWith('AC') && params[0] !== auth.account.sid) return notFound(path);
    return matching.candidate.handle({ account: auth.account, host, path, query, form }, params);
  }

  const core: TwilioRestCore = {
    accounts,
    requests,
    changingRequests: () => requests.filter((request) => request.method !== 'GET'),
    answer,
    stalled: false,
    async fetch(input, init) {
      const request = new Request(input, init);
      const url = new URL(request.url);
      if (url.protocol !== 'https:' || !TWILIO_HOSTS.includes(url.hostname)) {
        throw new TypeError(`twilio-rest stand-in: no such host ${url.origin}`);
      }
      const signal = init?.signal ?? request.signal;
      if (core.stalled) {
        await new Promise((_, reject) => {
          if (signal?.aborted) reject(signal.reason);
          signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
        });
      }
      const body = request.method === 'GET' ? '' : await request.text();
      const result = answer({
        method: request.method,
        host: url.hostname,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        form: Object.fromEntries(new URLSearchParams(body)),
        authorization: request.headers.get('Authorization'),
      });
      return twilioResponse(result);
    },
  };
  return core;
}

/** The HTTP answer Twilio gives: JSON, and a Basic challenge with a 401. */
export function twilioResponse(answer: TwilioAnswer): Response {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (answer.status === 401) headers['www-authenticate'] = 'Basic realm="Twilio API"';
  return new Response(JSON.stringify(answer.body), { status: answer.status, headers });
}

function updateNumber(number: PhoneNumberRecord, form: Record<string, string>): void {
  if (form.FriendlyName !== undefined) number.friendlyName = form.FriendlyName;
  if (form.VoiceUrl !== undefined) number.voiceUrl = form.VoiceUrl;
  if (form.VoiceMethod !== undefined) number.voiceMethod = form.VoiceMethod;
  if (form.StatusCallback !== undefined) number.statusCallback = form.StatusCallback;
  if (form.StatusCallbackMethod !== undefined) number.statusCallbackMethod = form.StatusCallbackMethod;
  // Twilio treats an empty string as "none": the number then uses its own voice URL.
  if (form.VoiceApplicationSid !== undefined) number.voiceApplicationSid = form.VoiceApplicationSid || null;
  number.updated = new Date();
}

function twilioError(status: number, code: number, message: string, detail?: string): TwilioAnswer {
  return {
    status,
    body: {
      code,
      message,
      more_info: `https://www.twilio.com/docs/errors/${code}`,
      status,
      ...(detail ? { detail } : {}),
    },
  };
}

function unauthenticated(): TwilioAnswer {
  return twilioError(401, 20003, 'Authenticate', 'Your AccountSid or AuthToken was incorrect.');
}

function notFound(path: string): TwilioAnswer {
  return twilioError(404, 20404, `The requested resource ${path} was not found`);
}

function forbidden(): TwilioAnswer {
  return twilioError(403, 20403, 'Permission denied');
}

function pageBounds(query: Record<string, string>) {
  const pageSize = Number(query.PageSize ?? DEFAULT_PAGE_SIZE);
  const page = Number(query.Page ?? 0);
  return { pageSize, page, start: page * pageSize };
}

function withPage(path: string, query: Record<string, string>, page: number, pageSize: number): string {
  const params = new URLSearchParams({ ...query, PageSize: String(pageSize), Page: String(page) });
  return `${path}?${params}`;
}

/** The 2010-04-01 API's list shape: the records under their own key, page links as relative URIs. */
function legacyPage<T>(
  ctx: RouteContext,
  key: string,
  items: T[],
  toJson: (item: T) => unknown,
): TwilioAnswer {
  const { pageSize, page, start } = pageBounds(ctx.query);
  const slice = items.slice(start, start + pageSize);
  const hasNext = start + pageSize < items.length;
  return {
    status: 200,
    body: {
      [key]: slice.map(toJson),
      start,
      end: start + Math.max(slice.length - 1, 0),
      page,
      page_size: pageSize,
      uri: withPage(ctx.path, ctx.query, page, pageSize),
      first_page_uri: withPage(ctx.path, ctx.query, 0, pageSize),
      previous_page_uri: page > 0 ? withPage(ctx.path, ctx.query, page - 1, pageSize) : null,
      next_page_uri: hasNext ? withPage(ctx.path, ctx.query, page + 1, pageSize) : null,
    },
  };
}

/** The v1 APIs' list shape: a `meta` object with absolute page URLs and the records' key. */
function metaPage<T>(ctx: RouteContext, key: string, items: T[], toJson: (item: T) => unknown): TwilioAnswer {
  const { pageSize, page, start } = pageBounds(ctx.query);
  const slice = items.slice(start, start + pageSize);
  const hasNext = start + pageSize < items.length;
  const url = (n: number) => `https://${ctx.host}${withPage(ctx.path, ctx.query, n, pageSize)}`;
  return {
    status: 200,
    body: {
      [key]: slice.map(toJson),
      meta: {
        page,
        page_size: pageSize,
        first_page_url: url(0),
        previous_page_url: page > 0 ? url(page - 1) : null,
        url: url(page),
        next_page_url: hasNext ? url(page + 1) : null,
        key,
      },
    },
  };
}
