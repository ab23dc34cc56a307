import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { cacheLookup } from '../../worker/db/caller-lookups';
import { findCall, recordStatusCallback, type StatusCallback } from '../../worker/db/calls';
import { TEST_SETTINGS } from './settings';
import { seedAgent } from './support/agents';
import { installStrictFetch } from './support/fake-fetch';
import { newCallSid, postAsTwilio } from './support/twilio';
import { clearDatabase, databaseSnapshot, expectApiError, rowsOf } from './support/worker';

installStrictFetch();
beforeEach(clearDatabase);

const T0 = Date.UTC(2026, 0, 6, 9, 30, 0);
const rfc2822 = (secondsAfterStart: number) => new Date(T0 + secondsAfterStart * 1000).toUTCString();

interface Leg {
  sid: string;
  parentSid?: string;
  to: string;
}

function callback(
  leg: Leg,
  status: string,
  sequence: number | null,
  secondsAfterStart: number,
  extra: Record<string, string> = {},
) {
  return {
    AccountSid: TEST_SETTINGS.TWILIO_ACCOUNT_SID,
    CallSid: leg.sid,
    CallStatus: status,
    ...(leg.parentSid ? { ParentCallSid: leg.parentSid } : {}),
    ...(sequence === null ? {} : { SequenceNumber: String(sequence) }),
    Timestamp: rfc2822(secondsAfterStart),
    To: leg.to,
    ...extra,
  };
}

async function deliver(params: Record<string, string>): Promise<void> {
  const response = await postAsTwilio('/webhooks/call-status', params);
  expect(response.status, await response.clone().text()).toBe(204);
}

/** An outbound call from agent 7's browser, as /twiml/outbound stored it. */
async function startOutboundCall(): Promise<{ parent: string; dialled: Leg }> {
  await seedAgent(7);
  const parent = newCallSid();
  const response = await postAsTwilio('/twiml/outbound', {
    CallSid: parent,
    From: 'client:odoo_7',
    To: '+33612345678',
  });
  expect(response.status).toBe(200);
  return { parent, dialled: { sid: newCallSid(), parentSid: parent, to: '+33612345678' } };
}

function answeredCallbacks(dialled: Leg) {
  return [
    callback(dialled, 'initiated', 0, 1),
    callback(dialled, 'ringing', 1, 2),
    callback(dialled, 'in-progress', 2, 9),
    callback(dialled, 'completed', 3, 51, { CallDuration: '42' }),
  ];
}

async function callRow(sid: string) {
  const [row] = await rowsOf<Record<string, unknown>>(
    `SELECT sid, direction, agent_uid, status, outcome, started_at, answered_at, ended_at, duration_seconds,
            events_applied FROM calls WHERE sid = ?1`,
    sid,
  );
  return row;
}

describe('POST /webhooks/call-status', () => {
  it('follows an answered outbound call to its end, outcome and talk time from the dialled leg', async () => {
    const { parent, dialled } = await startOutboundCall();
    const [initiated, ringing, inProgress, completed] = answeredCallbacks(dialled);
    await deliver(initiated!);
    expect(await callRow(parent)).toMatchObject({ status: 'initiated', outcome: null });
    await deliver(ringing!);
    expect(await callRow(parent)).toMatchObject({ status: 'ringing', outcome: null });
    await deliver(inProgress!);
    expect(await callRow(parent)).toMatchObject({
      status: 'in-progress',
      answered_at: T0 + 9000,
      outcome: null,
    });
    await deliver(completed!);
    expect(await callRow(parent)).toMatchObject({
      status: 'completed',
      outcome: 'answered',
      answered_at: T0 + 9000,
      ended_at: T0 + 51_000,
      duration_seconds: 42,
      agent_uid: 7,
    });
  });

  it('ends with the same row whatever order the callbacks arrive in', async () => {
    const inOrder = await startOutboundCall();
    for (const params of answeredCallbacks(inOrder.dialled)) await deliver(params);
    const reversed = await startOutboundCall();
    for (const params of answeredCallbacks(reversed.dialled).reverse()) await deliver(params);
    const { sid: _a, started_at: _b, ...expected } = (await callRow(inOrder.parent))!;
    const { sid: _c, started_at: _d, ...actual } = (await callRow(reversed.parent))!;
    expect(actual).toEqual(expected);
    expect(actual).toMatchObject({ status: 'completed', outcome: 'answered', duration_seconds: 42 });
  });

  it('never lets a late callback take the call back to ringing', async () => {
    const { parent, dialled } = await startOutboundCall();
    const [initiated, ringing, inProgress, completed] = answeredCallbacks(dialled);
    await deliver(completed!);
    await deliver(ringing!);
    await deliver(initiated!);
    await deliver(inProgress!);
    expect(await callRow(parent)).toMatchObject({ status: 'completed', outcome: 'answered' });
  });

  it('applies callbacks delivered all at once (no older view overwrites a newer one)', async () => {
    const { parent, dialled } = await startOutboundCall();
    await Promise.all(answeredCallbacks(dialled).map(deliver));
    expect(await callRow(parent)).toMatchObject({
      status: 'completed',
      outcome: 'answered',
      answered_at: T0 + 9000,
      duration_seconds: 42,
      events_applied: 4,
    });
  });

  it('keeps the newer view when two callbacks of one call race (the older write loses)', async () => {
    const { parent, dialled } = await startOutboundCall();
    const event = (
      status: StatusCallback['status'],
      sequenceNumber: number,
      seconds: number,
    ): StatusCallback => ({
      callSid: dialled.sid,
      parentSid: parent,
      status,
      sequenceNumber,
      occurredAt: T0 + seconds * 1000,
      durationSeconds: status === 'completed' ? 42 : null,
      to: dialled.to,
    });
    // Callback A reads the call's events, then stalls before writing; B runs start to finish.
    let releaseA!: () => void;
    const aMayWrite = new Promise<void>((resolve) => {
      releaseA = resolve;
    });
    let aIsWaiting!: () => void;
    const aWaits = new Promise<void>((resolve) => {
      aIsWaiting = resolve;
    });
    const stallingDb = {
      batch: (statements: D1PreparedStatement[]) => env.DB.batch(statements),
      prepare(sql: string) {
        const statement = env.DB.prepare(sql);
        if (!sql.trimStart().startsWith('UPDATE calls')) return statement;
        return {
          bind: (...values: unknown[]) => ({
            run: async () => {
              aIsWaiting();
              await aMayWrite;
              return statement.bind(...values).run();
            },
          }),
        };
      },
    } as unknown as D1Database;

    const a = recordStatusCallback(stallingDb, event('in-progress', 2, 9), Date.now());
    await aWaits;
    await recordStatusCallback(env.DB, event('completed', 3, 51), Date.now());
    releaseA();
    await a;
    expect(await callRow(parent)).toMatchObject({
      status: 'completed',
      outcome: 'answered',
      events_applied: 2,
    });
  });

  it('changes nothing when Twilio retries a callback', async () => {
    const { dialled } = await startOutboundCall();
    for (const params of answeredCallbacks(dialled)) await deliver(params);
    const snapshot = await databaseSnapshot();
    for (const params of answeredCallbacks(dialled)) await deliver(params);
    expect(await databaseSnapshot()).toEqual(snapshot);
    expect(await rowsOf('SELECT COUNT(*) AS n FROM call_events')).toEqual([{ n: 4 }]);
  });

  it.each([
    ['no-answer', 'no_answer'],
    ['busy', 'busy'],
    ['failed', 'failed'],
    ['canceled', 'canceled'],
  ])(
    'records an outbound call whose dialled leg ends %s as %s, without talk time',
    async (status, outcome) => {
      const { parent, dialled } = await startOutboundCall();
      await deliver(callback(dialled, 'ringing', 1, 2));
      await deliver(callback(dialled, status, 2, 30, { CallDuration: '0' }));
      // The browser leg "completes" either way: that must not turn the call into an answered one.
      await deliver(
        callback({ sid: parent, to: '+33612345678' }, 'completed', null, 31, { CallDuration: '31' }),
      );
      expect(await callRow(parent)).toMatchObject({
        status: 'completed',
        outcome,
        answered_at: null,
        duration_seconds: 0,
      });
    },
  );

  it('names the agent who answered an inbound call that rang two of them', async () => {
    await seedAgent(7, { tokenExpiresAt: Date.now() + 3600_000 });
    await seedAgent(8, { tokenExpiresAt: Date.now() + 3600_000 });
    // Looked up a moment ago, nobody has the number: no request to Odoo (not this test's subject).
    await cacheLookup(env.DB, '+3210588558', null, Date.now());
    const parent = newCallSid();
    expect(
      (await postAsTwilio('/twiml/inbound', { CallSid: parent, From: '+3210588558', To: '+33140000000' }))
        .status,
    ).toBe(200);
    const agent7: Leg = { sid: newCallSid(), parentSid: parent, to: 'client:odoo_7' };
    const agent8: Leg = { sid: newCallSid(), parentSid: parent, to: 'client:odoo_8' };
    await deliver(callback(agent7, 'ringing', 1, 1));
    await deliver(callback(agent8, 'ringing', 1, 1));
    await deliver(callback(agent8, 'in-progress', 2, 5));
    expect(await callRow(parent)).toMatchObject({ status: 'in-progress', agent_uid: 8 });
    await deliver(callback(agent7, 'canceled', 2, 5));
    await deliver(callback(agent8, 'completed', 3, 65, { CallDuration: '60' }));
    expect(await callRow(parent)).toMatchObject({
      direction: 'inbound',
      status: 'completed',
      outcome: 'answered',
      agent_uid: 8,
      duration_seconds: 60,
    });
    // The extension knows the call by its own leg's sid; both find the call.
    expect((await findCall(env.DB, agent8.sid))?.sid).toBe(parent);
    expect((await findCall(env.DB, parent))?.sid).toBe(parent);
    expect(await findCall(env.DB, newCallSid())).toBeNull();
  });

  it('keeps callbacks of a call it did not start, without inventing a call', async () => {
    const leg: Leg = { sid: newCallSid(), to: '+33612345678' };
    await deliver(callback(leg, 'completed', null, 10));
    expect(await rowsOf('SELECT * FROM calls')).toEqual([]);
    expect(await rowsOf('SELECT call_sid, parent_sid, status, sequence_number FROM call_events')).toEqual([
      { call_sid: leg.sid, parent_sid: leg.sid, status: 'completed', sequence_number: null },
    ]);
  });

  it('takes the time of a callback from Twilio’s Timestamp, else from its arrival', async () => {
    const { parent, dialled } = await startOutboundCall();
    const before = Date.now();
    const { Timestamp: _, ...withoutTimestamp } = callback(dialled, 'in-progress', 2, 9);
    await deliver(withoutTimestamp);
    const answeredAt = (await callRow(parent))!.answered_at as number;
    expect(answeredAt).toBeGreaterThanOrEqual(before);
    expect(answeredAt).toBeLessThanOrEqual(Date.now());
  });

  it.each([
    ['no CallSid', { CallStatus: 'ringing' }, 'CallSid'],
    ['a CallSid that is not one', { CallSid: 'CA123', CallStatus: 'ringing' }, 'CallSid'],
    ['an unknown CallStatus', { CallSid: `CA${'1'.repeat(32)}`, CallStatus: 'exploded' }, 'CallStatus'],
    [
      'a SequenceNumber that is not a number',
      { CallSid: `CA${'1'.repeat(32)}`, CallStatus: 'ringing', SequenceNumber: '1; DROP TABLE calls' },
      'SequenceNumber',
    ],
    [
      'a negative CallDuration',
      { CallSid: `CA${'1'.repeat(32)}`, CallStatus: 'completed', CallDuration: '-5' },
      'CallDuration',
    ],
    [
      'a malformed ParentCallSid',
      { CallSid: `CA${'1'.repeat(32)}`, CallStatus: 'ringing', ParentCallSid: 'x' },
      'ParentCallSid',
    ],
  ])('answers 400 to a signed callback with %s, and stores nothing', async (_, params, field) => {
    const error = await expectApiError(
      await postAsTwilio('/webhooks/call-status', params),
      400,
      'bad_request',
    );
    expect(error.error.message).toContain(field);
    expect(await rowsOf('SELECT * FROM call_events')).toEqual([]);
  });
});
