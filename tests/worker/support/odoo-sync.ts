/**
 * A worker wired to the Odoo stand-in (in-process, no port) and to a queue the test drives, with
 * a clock the test can move forward: what the Odoo sync tests need to show, inside workerd, that
 * every call lands on the right record exactly once.
 *
 * - Odoo: `globalThis.fetch` answers `ODOO_URL/jsonrpc` with `OdooStandinCore.fetch`; any other
 *   outbound request fails the test (strict, like support/fake-fetch.ts).
 * - Queue: the worker's `ODOO_SYNC` records what it sends (with delays); `deliver()` hands the
 *   messages that are due to the worker's real `queue()` handler, as Cloudflare would, and puts
 *   back those it retries (with their delay), dead-lettering after `max_retries`.
 * - Time: `travel(seconds)` moves every stored time (D1, queued messages) back by that much, which
 *   is the same as the clock moving forward: back-offs and the wrap-up window pass without waiting.
 */
import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  getQueueResult,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, expect } from 'vitest';
import type { CallsResponse } from '../../../shared/api';
import { app } from '../../../worker/app';
import { recordStanding, upsertAgent } from '../../../worker/db/agents';
import { insertSession } from '../../../worker/db/sessions';
import type { Env, SettingName, SyncMessage } from '../../../worker/env';
import workerModule from '../../../worker/index';
import { forgetServiceLogins } from '../../../worker/odoo/service-account';
import { sealCredential } from '../../../worker/sealed-credential';
import { createSession } from '../../../worker/session';
import { DEAD_LETTER_QUEUE, SYNC_QUEUE } from '../../../worker/sync/queue';
import { OdooStandinCore } from '../../support/odoo-standin/core';
import type { TestCall } from '../../support/twilio-calls';
import { TEST_SETTINGS } from '../settings';
import { formPairs, newCallSid, signTwilio, twilioInit } from './twilio';
import { callWorkerWith, rowsOf, WORKER_URL } from './worker';

const worker = workerModule as ExportedHandler<Env, SyncMessage>;
type SettingOverrides = Partial<Record<SettingName, string | undefined>>;

/** What `getQueueResult` says the consumer did with a batch. */
interface QueueOutcome {
  ackAll: boolean;
  explicitAcks: string[];
  retryBatch: { retry: boolean; delaySeconds?: number };
  retryMessages: { msgId: string; delaySeconds?: number }[];
}

/** wrangler.toml `max_retries` of the `odoo-sync` consumer. */
export const MAX_RETRIES = 10;

interface QueuedMessage {
  id: string;
  sid: string;
  dueAt: number;
  attempts: number;
}

/** The worker's `ODOO_SYNC` producer, recording instead of sending. */
export class TestQueue {
  messages: QueuedMessage[] = [];
  deadLetters: QueuedMessage[] = [];
  sent = 0;

  private add(sid: string, delaySeconds = 0, attempts = 1): void {
    this.sent += 1;
    this.messages.push({ id: crypto.randomUUID(), sid, dueAt: Date.now() + delaySeconds * 1000, attempts });
  }

  readonly binding = {
    send: async (body: SyncMessage, options?: { delaySeconds?: number }) =>
      this.add(body.sid, options?.delaySeconds),
    sendBatch: async (batch: Iterable<{ body: SyncMessage; delaySeconds?: number }>) => {
      for (const message of batch) this.add(message.body.sid, message.delaySeconds);
    },
  } as unknown as Queue<SyncMessage>;

  /** Messages for this call still in the queue. */
  pendingFor(sid: string): QueuedMessage[] {
    return this.messages.filter((message) => message.sid === sid);
  }

  shift(ms: number): void {
    for (const message of this.messages) message.dueAt -= ms;
  }

  take(now: number): QueuedMessage[] {
    const due = this.messages.filter((message) => message.dueAt <= now);
    this.messages = this.messages.filter((message) => message.dueAt > now);
    return due;
  }

  putBack(message: QueuedMessage, delaySeconds: number): void {
    const attempts = message.attempts + 1;
    const next = { ...message, attempts, dueAt: Date.now() + delaySeconds * 1000 };
    if (attempts > MAX_RETRIES + 1) this.deadLetters.push(next);
    else this.messages.push(next);
  }
}

export interface StandinAgent {
  uid: number;
  name: string;
  partnerId: number;
  lang: string;
  tz: string;
  authorization: { Authorization: string };
}

/** Columns holding times, by table: what `travel` moves. */
const TIME_COLUMNS: Record<string, string[]> = {
  calls: [
    'started_at',
    'answered_at',
    'ended_at',
    'updated_at',
    'log_due_at',
    'log_claimed_at',
    'logged_at',
    'note_planned_at',
  ],
  call_events: ['occurred_at', 'received_at'],
  agents: ['signed_in_at', 'last_token_at', 'token_expires_at', 'presence_expires_at', 'standing_checked_at'],
  sessions: ['created_at', 'expires_at'],
  wrap_ups: ['created_at'],
  recordings: ['created_at'],
  caller_lookups: ['expires_at'],
};

export class SyncHarness {
  odoo = new OdooStandinCore();
  queue = new TestQueue();
  /** Settings on top of TEST_SETTINGS (the stand-in's database and service account). */
  settings: SettingOverrides;
  private problems: string[] = [];

  constructor(settings: SettingOverrides = {}) {
    const { service } = this.odoo.credentials;
    this.settings = {
      ODOO_DB: this.odoo.db,
      ODOO_LOGIN: service.login,
      ODOO_API_KEY: service.apiKey,
      WRAP_UP_WINDOW_SECONDS: '120',
      DIAL_ALLOWED_COUNTRIES: 'FR,BE,US,GB,DE,CH,ES',
      ...settings,
    };
  }

  get env(): Env {
    return { ...env, ...this.settings, ODOO_SYNC: this.queue.binding } as Env;
  }

  /** Outbound HTTP: Odoo goes to the stand-in, anything else is a test failure. */
  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    if (request.url === `${TEST_SETTINGS.ODOO_URL}/jsonrpc`) return this.odoo.fetch(request);
    this.problems.push(`unexpected request: ${request.method} ${request.url}`);
    throw new TypeError('unexpected request');
  };

  checkNoStrayRequests(): void {
    expect(this.problems).toEqual([]);
  }

  request(path: string, init?: RequestInit): Promise<Response> {
    return callWorkerWith({ ...this.settings, ODOO_SYNC: this.queue.binding }, path, init);
  }

  async postAsTwilio(path: string, params: Record<string, string>): Promise<Response> {
    const signature = await signTwilio(path, params);
    return this.request(path, twilioInit(formPairs(params), signature));
  }

  /**
   * Posts as Twilio and resolves as soon as the worker answers, before the work it left running
   * (`waitUntil`) ends; `background` settles when that is done too.
   */
  async postAsTwilioNow(path: string, params: Record<string, string>) {
    const signature = await signTwilio(path, params);
    const context = createExecutionContext();
    const response = await app.fetch(
      new Request(`${WORKER_URL}${path}`, twilioInit(formPairs(params), signature)),
      this.env,
      context,
    );
    return { response, background: waitOnExecutionContext(context) };
  }

  async json<T>(path: string, agent: StandinAgent, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await this.request(path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        ...agent.authorization,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  history(agent: StandinAgent): Promise<CallsResponse['calls']> {
    return this.json<CallsResponse>('/calls', agent).then(({ body }) => body.calls);
  }

  /** An agent of the stand-in (marc, camille, lucas, sarah) signed in to the worker. */
  async signIn(name: keyof OdooStandinCore['credentials']['agents'], options: { ringable?: boolean } = {}) {
    const user = this.odoo.credentials.agents[name];
    const [profile] = this.odoo.read('res.users', user.uid, ['tz']);
    const now = Date.now();
    await upsertAgent(
      env.DB,
      {
        uid: user.uid,
        login: user.login,
        name: user.name,
        partnerId: user.partnerId,
        lang: user.lang,
        tz: String(profile?.tz),
      },
      now,
    );
    await recordStanding(env.DB, user.uid, 'ok', now);
    const session = await createSession(
      TEST_SETTINGS.SESSION_SECRET,
      { uid: user.uid, login: user.login },
      Math.floor(now / 1000),
    );
    // As sign-in keeps it: the agent's Odoo credential, sealed, with the session.
    await insertSession(env.DB, {
      id: session.id,
      uid: user.uid,
      createdAt: now,
      expiresAt: session.expiresAt * 1000,
      sealedCredential: await sealCredential(
        TEST_SETTINGS.SESSION_SECRET,
        { uid: user.uid, sessionId: session.id },
        user.password ?? user.apiKey,
      ),
    });
    if (options.ringable) await this.makeRingable(user.uid);
    const token = session.token;
    const agent: StandinAgent = {
      uid: user.uid,
      name: user.name,
      partnerId: user.partnerId,
      lang: user.lang,
      tz: String(profile?.tz),
      authorization: { Authorization: `Bearer ${token}` },
    };
    return agent;
  }

  /** A live Twilio token and an "available, registered" presence, as the extension would report. */
  async makeRingable(
    uid: number,
    presence: { status?: string; registered?: boolean; expiresInMs?: number } = {},
  ) {
    const now = Date.now();
    await env.DB.prepare(
      `UPDATE agents SET last_token_at = ?2, token_expires_at = ?3, presence_status = ?4, presence_registered = ?5,
                         presence_expires_at = ?6 WHERE uid = ?1`,
    )
      .bind(
        uid,
        now,
        now + 3600_000,
        presence.status ?? 'available',
        presence.registered === false ? 0 : 1,
        now + (presence.expiresInMs ?? 180_000),
      )
      .run();
  }

  /** Hands the due messages to the worker's queue consumer, once. Returns how many it handled. */
  async deliver(): Promise<number> {
    const due = this.queue.take(Date.now());
    if (due.length === 0) return 0;
    const batch = createMessageBatch<SyncMessage>(
      SYNC_QUEUE,
      due.map((message) => ({
        id: message.id,
        timestamp: new Date(),
        attempts: message.attempts,
        body: { sid: message.sid },
      })),
    );
    // The test pool reports which messages were retried but not their delay: note it on the way.
    const delays = new Map<string, number>();
    for (const message of batch.messages) {
      const retry = message.retry.bind(message);
      message.retry = (options?: QueueRetryOptions) => {
        delays.set(message.id, options?.delaySeconds ?? 0);
        retry(options);
      };
    }
    const context = createExecutionContext();
    await worker.queue!(batch, this.env, context);
    const result: QueueOutcome = await getQueueResult(batch, context);
    const retried = new Set(result.retryMessages.map((retry) => retry.msgId));
    for (const message of due) {
      const acked = result.ackAll || result.explicitAcks.includes(message.id);
      if (!acked && (retried.has(message.id) || result.retryBatch.retry)) {
        this.queue.putBack(message, delays.get(message.id) ?? result.retryBatch.delaySeconds ?? 0);
      }
    }
    return due.length;
  }

  /** Delivers until nothing is due (messages retried with a delay stay queued). */
  async drain(maxRounds = 50): Promise<void> {
    for (let round = 0; round < maxRounds; round += 1) if ((await this.deliver()) === 0) return;
    throw new Error('The queue never drained');
  }

  /** The dead-letter queue's consumer gets what ran out of retries. */
  async deliverDeadLetters(): Promise<void> {
    const letters = this.queue.deadLetters.splice(0);
    if (letters.length === 0) return;
    const batch = createMessageBatch<SyncMessage>(
      DEAD_LETTER_QUEUE,
      letters.map((message) => ({
        id: message.id,
        timestamp: new Date(),
        attempts: message.attempts,
        body: { sid: message.sid },
      })),
    );
    const context = createExecutionContext();
    await worker.queue!(batch, this.env, context);
    await getQueueResult(batch, context);
  }

  /** The every-minute cron. */
  async cron(settings: Partial<Env> = {}): Promise<void> {
    const context = createExecutionContext();
    await worker.scheduled!(
      createScheduledController({ cron: '* * * * *' }),
      { ...this.env, ...settings },
      context,
    );
    await waitOnExecutionContext(context);
  }

  /** The clock moves forward by `seconds`: every stored time moves back. */
  async travel(seconds: number): Promise<void> {
    const ms = Math.round(seconds * 1000);
    await env.DB.batch(
      Object.entries(TIME_COLUMNS).map(([table, columns]) =>
        env.DB.prepare(
          `UPDATE ${table} SET ${columns.map((column) => `${column} = ${column} - ?1`).join(', ')}`,
        ).bind(ms),
      ),
    );
    this.queue.shift(ms);
  }

  /** Call notes the stand-in holds for this call (by its marker), on any record. */
  notesOf(sid: string): { id: number; model: string; res_id: number; body: string; author: unknown }[] {
    return this.odoo.database
      .all('mail.message')
      .filter((message) => String(message.body).includes(`c2c:${sid}:`))
      .map((message) => ({
        id: message.id,
        model: String(message.model),
        res_id: Number(message.res_id),
        body: String(message.body),
        author: message.author_id,
      }));
  }

  /** The worker's own messages for this call (note and follow-ups), without the activity's "done". */
  postedFor(sid: string) {
    return this.notesOf(sid).filter((message) => !message.body.includes(`c2c:${sid}:activity`));
  }

  /** `message_post` calls Odoo ran to the end (whether or not the worker heard the answer). */
  postsRun(): number {
    return this.odoo.calls.filter((call) => call.method === 'message_post' && call.outcome.kind === 'result')
      .length;
  }

  async callRow(sid: string): Promise<Record<string, unknown>> {
    const [row] = await rowsOf<Record<string, unknown>>('SELECT * FROM calls WHERE sid = ?1', sid);
    if (!row) throw new Error(`no call ${sid}`);
    return row;
  }
}

/** A fresh harness for each test of the file (and the worker's outbound fetch pointed at it). */
export function installSyncHarness(settings: SettingOverrides = {}): () => SyncHarness {
  let current: SyncHarness | null = null;
  const originalFetch = globalThis.fetch;
  beforeEach(() => {
    current = new SyncHarness(settings);
    forgetServiceLogins();
    globalThis.fetch = current.fetch as typeof fetch;
  });
  afterEach(() => {
    globalThis.fetch = originalFetch;
    current?.checkNoStrayRequests();
    current = null;
  });
  return () => {
    if (!current) throw new Error('installSyncHarness: the harness exists only inside a test');
    return current;
  };
}

export { callbacks, type TestCall } from '../../support/twilio-calls';

/** An outbound call placed from the agent's browser, optionally from an Odoo record. */
export async function placeCall(
  harness: SyncHarness,
  agent: StandinAgent,
  to: string,
  record?: { model: string; id: number },
): Promise<TestCall> {
  const sid = newCallSid();
  const response = await harness.postAsTwilio('/twiml/outbound', {
    CallSid: sid,
    From: `client:odoo_${agent.uid}`,
    To: to,
    ...(record ? { OdooModel: record.model, OdooId: String(record.id) } : {}),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return { sid, leg: newCallSid(), to };
}

export async function deliverCallbacks(
  harness: SyncHarness,
  params: Record<string, string>[],
): Promise<void> {
  for (const callback of params) {
    const response = await harness.postAsTwilio('/webhooks/call-status', callback);
    expect(response.status).toBe(204);
  }
}

export async function wrapUp(
  harness: SyncHarness,
  agent: StandinAgent,
  sid: string,
  wrap: { disposition: string; note?: string; followUp?: { date: string; note?: string } },
): Promise<Response> {
  return harness.request(`/calls/${sid}/wrap-up`, {
    method: 'POST',
    headers: { ...agent.authorization, 'Content-Type': 'application/json' },
    body: JSON.stringify(wrap),
  });
}
