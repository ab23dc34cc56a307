/**
 * Nothing lost, nothing doubled (issue 3): Odoo down then back, callbacks repeated and out of
 * order, a worker dying mid-way, permanent errors, the dead-letter queue and the cron. The clock
 * is compressed (`travel`): back-offs and leases pass without waiting.
 */
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Env } from '../../worker/env';
import { LEASE_MS, logCall } from '../../worker/sync/log-call';
import { SEED } from '../support/odoo-standin/data';
import {
  callbacks,
  deliverCallbacks,
  installSyncHarness,
  MAX_RETRIES,
  placeCall,
  type StandinAgent,
  type SyncHarness,
  type TestCall,
  wrapUp,
} from './support/odoo-sync';
import { clearDatabase } from './support/worker';

const harness = installSyncHarness({ ODOO_RETRY_SECONDS: '10' });
beforeEach(clearDatabase);

const NUMBERS = [
  SEED.numbers.decoAddict,
  SEED.numbers.brauhausSchmidt,
  SEED.numbers.sharedFrenchMobile,
  '+33142685300',
  '+4915123456789',
];

/** A finished call with its wrap-up in: its note is due at once. */
async function finishedCall(h: SyncHarness, agent: StandinAgent, number: string): Promise<TestCall> {
  const call = await placeCall(h, agent, number);
  await deliverCallbacks(h, callbacks(call, 'answered').slice(0, 3));
  expect(
    (await wrapUp(h, agent, call.sid, { disposition: 'interested', note: `About ${number}` })).status,
  ).toBe(200);
  await deliverCallbacks(h, callbacks(call, 'answered').slice(3));
  return call;
}

/** Every call has exactly one note, on the record its number belongs to, and nothing else was posted. */
function expectOneNoteEach(h: SyncHarness, calls: readonly TestCall[]): void {
  for (const call of calls) {
    const notes = h.postedFor(call.sid);
    expect(notes, call.sid).toHaveLength(1);
    expect(notes[0]!.body).toContain(`About ${call.to}`);
  }
  expect(h.postsRun()).toBe(calls.length);
}

describe('Odoo down for a while, then back', () => {
  it('delivers every note exactly once, retrying with growing back-off meanwhile', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    await h.odoo.fail({ kind: 'down' });
    const calls: TestCall[] = [];
    for (let i = 0; i < 20; i += 1) calls.push(await finishedCall(h, marc, NUMBERS[i % NUMBERS.length]!));

    await h.drain();
    for (const call of calls) {
      expect(await h.callRow(call.sid)).toMatchObject({ log_status: 'pending', log_attempts: 1 });
      expect(String((await h.callRow(call.sid)).log_error)).toMatch(/could not be reached/);
      // Retried in 10 s, in the queue (one message each: no duplicates piling up).
      const [message, ...more] = h.queue.pendingFor(call.sid);
      expect(more).toEqual([]);
      expect(message!.dueAt - Date.now()).toBeGreaterThan(8000);
      expect(message!.dueAt - Date.now()).toBeLessThanOrEqual(10_000);
    }

    await h.travel(10);
    await h.drain();
    for (const call of calls) {
      expect(await h.callRow(call.sid)).toMatchObject({ log_status: 'pending', log_attempts: 2 });
      expect(h.queue.pendingFor(call.sid)[0]!.dueAt - Date.now()).toBeGreaterThan(18_000);
    }
    expect(h.postsRun()).toBe(0);

    await h.odoo.recover();
    await h.travel(20);
    await h.drain();
    expectOneNoteEach(h, calls);
    for (const call of calls) {
      expect(await h.callRow(call.sid)).toMatchObject({
        log_status: 'logged',
        log_attempts: 3,
        log_error: null,
      });
    }
    // The cron finds nothing left to do; later deliveries of stale messages change nothing.
    await h.travel(600);
    await h.cron();
    await h.drain();
    expect(h.postsRun()).toBe(calls.length);
  }, 30_000);

  it('wakes the calls still waiting out a back-off as soon as Odoo answers one of them', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    await h.odoo.fail({ kind: 'down' });
    const early = await finishedCall(h, marc, SEED.numbers.decoAddict);
    await h.drain();
    await h.travel(10);
    await h.drain(); // early: attempt 2, next in 20 s
    const late = await finishedCall(h, marc, SEED.numbers.brauhausSchmidt);
    await h.drain(); // late: attempt 1, next in 10 s
    await h.odoo.recover();

    await h.travel(10); // late is due, early still waits 10 s…
    await h.drain(); // …until late's success wakes it.
    expectOneNoteEach(h, [early, late]);
  });
});

describe('Odoo ran the write but the worker never heard back (lose-response)', () => {
  it('adopts the note Odoo already has instead of posting it again', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    await h.odoo.fail({ kind: 'lose-response', only: { methods: ['message_post'] }, times: 1 });
    const call = await finishedCall(h, marc, SEED.numbers.brauhausSchmidt);
    await h.drain();
    expect(h.postsRun()).toBe(1);
    expect(await h.callRow(call.sid)).toMatchObject({ log_status: 'pending', note_message_id: null });

    await h.travel(10);
    await h.drain();
    expectOneNoteEach(h, [call]);
    expect(await h.callRow(call.sid)).toMatchObject({
      log_status: 'logged',
      log_attempts: 2,
      note_message_id: h.postedFor(call.sid)[0]!.id,
    });
  });

  it('adopts the "Call done" message of an activity marked done whose answer was lost', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    await h.odoo.fail({ kind: 'lose-response', only: { methods: ['action_feedback'] }, times: 1 });
    const call = await finishedCall(h, marc, SEED.numbers.decoAddict);
    await h.drain();
    expect(await h.callRow(call.sid)).toMatchObject({ log_status: 'pending', activity_state: 'claimed' });
    await h.travel(10);
    await h.drain();
    const done = h.notesOf(call.sid).filter((message) => message.body.includes(':activity'));
    expect(done).toHaveLength(1);
    expect(await h.callRow(call.sid)).toMatchObject({
      log_status: 'logged',
      activity_state: 'done',
      activity_message_id: done[0]!.id,
    });
    expect(h.odoo.calls.filter((rpc) => rpc.method === 'action_feedback')).toHaveLength(1);
  });
});

describe('Twilio repeating itself', () => {
  it('writes one note for callbacks delivered several times, in reverse order, and messages delivered twice at once', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    const call = await placeCall(h, marc, SEED.numbers.decoAddict);
    const all = callbacks(call, 'answered');
    await deliverCallbacks(h, [...all].reverse());
    await wrapUp(h, marc, call.sid, { disposition: 'interested', note: `About ${call.to}` });
    await wrapUp(h, marc, call.sid, { disposition: 'interested', note: `About ${call.to}` });
    await deliverCallbacks(h, all);
    await deliverCallbacks(h, [...all].reverse());
    // Every copy of the call's message at once, and twice over.
    h.queue.messages.push(...h.queue.messages.map((message) => ({ ...message, id: crypto.randomUUID() })));
    await Promise.all([h.deliver(), logCall(h.env, call.sid), logCall(h.env, call.sid)]);
    await h.drain();
    expectOneNoteEach(h, [call]);
  });
});

describe('a worker that dies mid-way', () => {
  it('leaves the call claimed; after the lease the cron re-drives it and the note is adopted, not doubled', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    const call = await finishedCall(h, marc, SEED.numbers.brauhausSchmidt);
    h.queue.messages = []; // The queue's message dies with the worker.

    // The process stops right after Odoo accepted the note, before D1 heard of it: every D1
    // request from then on never returns.
    const dying = dyingDatabase(env.DB, /SET note_message_id/);
    void logCall({ ...h.env, DB: dying.db } as Env, call.sid);
    await dying.died;
    expect(h.postsRun()).toBe(1);
    expect(await h.callRow(call.sid)).toMatchObject({ log_status: 'posting', note_message_id: null });

    // Within the lease nobody touches it (the attempt might still be alive)…
    await h.travel(LEASE_MS / 1000 - 5);
    await h.cron();
    await h.drain();
    expect(h.queue.sent).toBe(1);
    // …after it, the cron re-drives it and the next attempt finds the note by its marker.
    await h.travel(10);
    await h.cron();
    await h.drain();
    expectOneNoteEach(h, [call]);
    expect(await h.callRow(call.sid)).toMatchObject({
      log_status: 'logged',
      log_attempts: 2,
      note_message_id: h.postedFor(call.sid)[0]!.id,
    });
  });

  it('keeps a message that finds the call held until the claim’s lease ends, then delivers once', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    const call = await finishedCall(h, marc, SEED.numbers.decoAddict);
    h.queue.messages = [];
    const dying = dyingDatabase(env.DB, /SET note_message_id/);
    void logCall({ ...h.env, DB: dying.db } as Env, call.sid);
    await dying.died;

    // A repeated message while the claim may still be alive: not dropped, due when the lease ends.
    const early = await logCall(h.env, call.sid);
    expect(early.kind).toBe('retry');
    const wait = early.kind === 'retry' ? early.delaySeconds : 0;
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(LEASE_MS / 1000);
    expect(h.postsRun()).toBe(1);

    await h.travel(wait);
    expect(await logCall(h.env, call.sid)).toEqual({ kind: 'ack' });
    expectOneNoteEach(h, [call]);
    expect(await h.callRow(call.sid)).toMatchObject({ log_status: 'logged', log_attempts: 2 });
  });

  it('does not let an attempt that outlived its claim write or record anything', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    const call = await finishedCall(h, marc, SEED.numbers.decoAddict);
    h.queue.messages = [];
    // The first attempt stalls in Odoo past its lease; a second one takes the call over.
    await h.odoo.fail({
      kind: 'slow',
      delayMs: 300,
      only: { models: ['crm.lead'], methods: ['search_read'] },
      times: 1,
    });
    const first = logCall(h.env, call.sid);
    await h.odoo.waitForCall((rpc) => rpc.method === 'search_read' && rpc.model === 'crm.lead');
    await h.travel(LEASE_MS / 1000 + 1);
    await logCall(h.env, call.sid);
    expect(await first).toEqual({ kind: 'ack' });
    expectOneNoteEach(h, [call]);
    expect(await h.callRow(call.sid)).toMatchObject({ log_status: 'logged', log_attempts: 2 });
  });
});

describe('permanent errors', () => {
  it('marks the call failed with Odoo’s reason on an access error, acks it and never retries', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    const lines = vi.spyOn(console, 'error');
    await h.odoo.fail({ kind: 'odoo-error', exception: 'AccessError', only: { methods: ['message_post'] } });
    const call = await finishedCall(h, marc, SEED.numbers.decoAddict);
    await h.drain();
    expect(await h.callRow(call.sid)).toMatchObject({ log_status: 'failed', log_attempts: 1 });
    expect(String((await h.callRow(call.sid)).log_error)).toMatch(/AccessError/);
    expect(h.queue.messages).toEqual([]);
    await h.travel(3600);
    await h.cron();
    await h.drain();
    expect(h.odoo.calls.filter((rpc) => rpc.method === 'message_post')).toHaveLength(1);
    const [summary] = await h.history(marc);
    expect(summary).toMatchObject({ logStatus: 'failed', logError: expect.stringMatching(/AccessError/) });
    // One log line says so, with the call and the error class, and no full phone number.
    const logged = lines.mock.calls
      .map(([line]) => String(line))
      .filter((line) => line.includes('"odoo_sync"'));
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0]!)).toMatchObject({
      level: 'error',
      event: 'odoo_sync',
      callSid: call.sid,
      attempt: 1,
      outcome: 'failed',
      errorClass: 'AccessError',
    });
    expect(logged[0]).not.toContain(SEED.numbers.decoAddict);
    lines.mockRestore();
  });

  it('marks calls failed when Odoo refuses the service account', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    h.settings.ODOO_API_KEY = 'revoked-key';
    const call = await finishedCall(h, marc, SEED.numbers.decoAddict);
    await h.drain();
    expect(await h.callRow(call.sid)).toMatchObject({ log_status: 'failed' });
    expect(String((await h.callRow(call.sid)).log_error)).toMatch(/ODOO_LOGIN and ODOO_API_KEY/);
  });

  it.each([
    ['an HTTP 502 from a proxy', { kind: 'http-error', status: 502 } as const],
    ['an HTTP 503 (maintenance)', { kind: 'http-error', status: 503 } as const],
  ])('retries after %s', async (_, mode) => {
    const h = harness();
    const marc = await h.signIn('marc');
    await h.odoo.fail({ ...mode, only: { methods: ['message_post'] }, times: 1 });
    const call = await finishedCall(h, marc, SEED.numbers.decoAddict);
    await h.drain();
    expect(await h.callRow(call.sid)).toMatchObject({ log_status: 'pending', log_attempts: 1 });
    await h.travel(10);
    await h.drain();
    expectOneNoteEach(h, [call]);
  });

  it('waits for an admin when Odoo settings are missing, then delivers', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    h.settings.ODOO_API_KEY = undefined;
    const call = await finishedCall(h, marc, SEED.numbers.decoAddict);
    await h.drain();
    expect(await h.callRow(call.sid)).toMatchObject({
      log_status: 'pending',
      log_error: expect.stringMatching(/ODOO_API_KEY/),
    });
    h.settings.ODOO_API_KEY = h.odoo.credentials.service.apiKey;
    await h.travel(10);
    await h.drain();
    expectOneNoteEach(h, [call]);
  });
});

describe('the dead-letter queue and the cron', () => {
  it('keeps a call whose retries ran out pending; the cron delivers it once Odoo is back', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    await h.odoo.fail({ kind: 'down' });
    const call = await finishedCall(h, marc, SEED.numbers.decoAddict);
    for (let i = 0; i <= MAX_RETRIES; i += 1) {
      await h.drain();
      await h.travel(60);
    }
    expect(h.queue.deadLetters).toHaveLength(1);
    await h.deliverDeadLetters();
    expect(await h.callRow(call.sid)).toMatchObject({ log_status: 'pending', log_attempts: MAX_RETRIES + 1 });

    await h.odoo.recover();
    await h.travel(60);
    await h.cron();
    expect(h.queue.pendingFor(call.sid)).toHaveLength(1);
    await h.drain();
    expectOneNoteEach(h, [call]);
  });

  it('writes notes from the cron alone when no queue is bound', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    const call = await finishedCall(h, marc, SEED.numbers.decoAddict);
    await h.travel(31);
    await h.cron({ ODOO_SYNC: undefined });
    expectOneNoteEach(h, [call]);
  });

  it('gives up after a week of Odoo failing, saying so', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    // Down once the call is placed (its record was chosen then, as Marc): every write fails.
    const call = await placeCall(h, marc, SEED.numbers.decoAddict);
    await h.odoo.fail({ kind: 'down' });
    await deliverCallbacks(h, callbacks(call, 'answered'));
    await h.drain();
    await h.travel(7 * 24 * 3600 + 60);
    await h.cron();
    await h.drain();
    expect(await h.callRow(call.sid)).toMatchObject({ log_status: 'failed' });
    expect(String((await h.callRow(call.sid)).log_error)).toMatch(/for 7 days: Odoo could not be reached/);
  });
});

/**
 * A D1 binding whose process "dies" at the first statement matching `fatal`: that request and
 * every later one never return, as if the isolate had stopped.
 */
function dyingDatabase(db: D1Database, fatal: RegExp): { db: D1Database; died: Promise<void> } {
  let dead = false;
  let markDead!: () => void;
  const died = new Promise<void>((resolve) => {
    markDead = resolve;
  });
  const never = <T>(): Promise<T> => new Promise<T>(() => {});
  const check = <T>(sqls: string[], run: () => Promise<T>): Promise<T> => {
    if (!dead && sqls.some((sql) => fatal.test(sql))) {
      dead = true;
      markDead();
    }
    return dead ? never<T>() : run();
  };
  const wrap = (sql: string, statement: D1PreparedStatement): D1PreparedStatement =>
    ({
      sql,
      statement,
      bind: (...values: unknown[]) => wrap(sql, statement.bind(...values)),
      first: (column?: string) => check([sql], () => (column ? statement.first(column) : statement.first())),
      run: () => check([sql], () => statement.run()),
      all: () => check([sql], () => statement.all()),
    }) as unknown as D1PreparedStatement;
  const dying = {
    prepare: (sql: string) => wrap(sql, db.prepare(sql)),
    batch: (statements: D1PreparedStatement[]) => {
      const wrapped = statements as unknown as { sql: string; statement: D1PreparedStatement }[];
      return check(
        wrapped.map((entry) => entry.sql),
        () => db.batch(wrapped.map((entry) => entry.statement)),
      );
    },
  } as unknown as D1Database;
  return { db: dying, died };
}
