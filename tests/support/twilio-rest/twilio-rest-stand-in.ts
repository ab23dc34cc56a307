import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type ApiKeyRecord,
  type ApplicationRecord,
  accountJson,
  apiKeyJson,
  applicationJson,
  makeSid,
  newApiKeyJson,
  type PhoneNumberRecord,
  phoneNumberJson,
  type StandInAccount,
} from './resources';

/**
 * A local stand-in for the few Twilio REST endpoints the setup CLI uses, answering with the
 * shapes the `twilio` package sends and parses:
 * - api.twilio.com: account fetch; applications list/create/fetch/update; incoming phone
 *   numbers list/fetch/update (2010-04-01 API);
 * - iam.twilio.com: API keys list/create (v1).
 * Basic auth is checked like Twilio does (bad credentials → 401, error 20003 "Authenticate");
 * an unknown resource (e.g. a number of another account) → 404, error 20404.
 *
 * The CLI reaches it through TWILIO_API_BASE_URL (worker/admin/twilio-client.ts), which turns
 * `https://<host>/<path>` into `<baseUrl>/<host>/<path>`. Every request is recorded.
 */

export interface RecordedRequest {
  method: string;
  host: string;
  /** Path on the Twilio host, without the query. */
  path: string;
  query: Record<string, string>;
  form: Record<string, string>;
  /** The account SID of the Basic credentials, when they were valid. */
  authenticatedAs: string | null;
}

export interface StandInAccountSeed {
  sid?: string;
  authToken?: string;
  friendlyName?: string;
  numbers?: { phoneNumber: string; friendlyName?: string; voiceUrl?: string; voiceApplicationSid?: string }[];
}

export interface TwilioRestStandIn {
  /** Put this in TWILIO_API_BASE_URL. */
  baseUrl: string;
  accounts: StandInAccount[];
  requests: RecordedRequest[];
  /** Requests that change something (anything but GET). */
  changingRequests(): RecordedRequest[];
  close(): Promise<void>;
}

interface Route {
  method: 'GET' | 'POST';
  host: string;
  pattern: RegExp;
  handle(ctx: RouteContext, params: string[]): Answer;
}

interface RouteContext {
  account: StandInAccount;
  host: string;
  path: string;
  query: Record<string, string>;
  form: Record<string, string>;
}

interface Answer {
  status: number;
  body: unknown;
}

const DEFAULT_PAGE_SIZE = 50;

export async function startTwilioRestStandIn(seeds: StandInAccountSeed[]): Promise<TwilioRestStandIn> {
  let counter = 0;
  const nextSid = (prefix: string) => makeSid(prefix, ++counter);
  const accounts: StandInAccount[] = seeds.map((seed, index) => {
    const created = new Date(Date.UTC(2025, 0, 1));
    return {
      sid: seed.sid ?? makeSid('AC', index),
      authToken: seed.authToken ?? randomBytes(16).toString('hex'),
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
          secret: randomBytes(16).toString('hex'),
          created: new Date(),
        };
        ctx.account.keys.push(key);
        return { status: 201, body: newApiKeyJson(key) };
      },
    },
  ];

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      send(res, { status: 500, body: { code: 20500, message: String(error), status: 500 } });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const [, host = '', ...rest] = url.pathname.split('/');
    const path = `/${rest.join('/')}`;
    const query = Object.fromEntries(url.searchParams);
    const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
    const account = authenticate(req.headers.authorization);
    requests.push({
      method: req.method ?? 'GET',
      host,
      path,
      query,
      form,
      authenticatedAs: account?.sid ?? null,
    });

    if (!account) return send(res, unauthenticated());
    const matching = routes
      .filter((candidate) => candidate.method === req.method && candidate.host === host)
      .map((candidate) => ({ candidate, match: candidate.pattern.exec(path) }))
      .find(({ match }) => match !== null);
    if (!matching?.match) return send(res, notFound(path));
    const params = matching.match.slice(1);
    // Another account's resources do not exist as far as this account is concerned.
    if (params[0]?.startsWith('AC') && params[0] !== account.sid) return send(res, notFound(path));
    send(res, matching.candidate.handle({ account, host, path, query, form }, params));
  }

  function authenticate(header: string | undefined): StandInAccount | null {
    const match = /^Basic (.+)$/.exec(header ?? '');
    if (!match?.[1]) return null;
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const separator = decoded.indexOf(':');
    const [user, password] = [decoded.slice(0, separator), decoded.slice(separator + 1)];
    return accounts.find((account) => account.sid === user && account.authToken === password) ?? null;
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    accounts,
    requests,
    changingRequests: () => requests.filter((request) => request.method !== 'GET'),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
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

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, answer: Answer): void {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (answer.status === 401) headers['www-authenticate'] = 'Basic realm="Twilio API"';
  res.writeHead(answer.status, headers);
  res.end(JSON.stringify(answer.body));
}

function twilioError(status: number, code: number, message: string, detail?: string): Answer {
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

function unauthenticated(): Answer {
  return twilioError(401, 20003, 'Authenticate', 'Your AccountSid or AuthToken was incorrect.');
}

function notFound(path: string): Answer {
  return twilioError(404, 20404, `The requested resource ${path} was not found`);
}

function forbidden(): Answer {
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
function legacyPage<T>(ctx: RouteContext, key: string, items: T[], toJson: (item: T) => unknown): Answer {
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
function metaPage<T>(ctx: RouteContext, key: string, items: T[], toJson: (item: T) => unknown): Answer {
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
