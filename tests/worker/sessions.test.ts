/**
 * Sessions that can end (issue 12, "who may be an agent"): sign-out ends a session everywhere
 * at once; an agent Odoo no longer allows (archived, not internal, out of AGENT_GROUP) is found
 * by the re-check behind /token and the cron, and then gets no token, rings no more and cannot
 * call out, even with a Twilio token still valid.
 */
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { STANDING_TTL_MS } from '../../worker/agents/recheck';
import type { Env, SyncMessage } from '../../worker/env';
import workerModule from '../../worker/index';
import { forgetServiceLogins } from '../../worker/odoo/service-account';
import { TEST_SETTINGS } from './settings';
import { seedAgent, type TestAgent } from './support/agents';
import { installStrictFetch } from './support/fake-fetch';
import { expectOdooExecute, odooError } from './support/odoo';
import { newCallSid, postAsTwilio } from './support/twilio';
import { callWorker, clearDatabase, expectApiError, jsonInit, rowsOf } from './support/worker';

installStrictFetch();
beforeEach(async () => {
  forgetServiceLogins();
  await clearDatabase();
});

const HOUR = 3600_000;
/** The Odoo password each seeded agent signed in with (kept sealed with their session). */
const credentialOf = (uid: number) => `password-of-${uid}`;

function post(path: string, agent: TestAgent, body: unknown = {}): Promise<Response> {
  return callWorker(path, jsonInit(body, agent.authorization));
}

const logout = (agent: TestAgent) =>
  callWorker('/auth/logout', { method: 'POST', headers: agent.authorization });

/** An agent who could be rung right now: Device registered, available, token valid. */
async function ringableAgent(uid: number, { withCredential = true } = {}): Promise<TestAgent> {
  const agent = await seedAgent(uid, {
    tokenExpiresAt: Date.now() + HOUR,
    ...(withCredential ? { credential: credentialOf(uid) } : {}),
  });
  expect((await post('/presence', agent, { status: 'available', registered: true })).status).toBe(200);
  return agent;
}

/** Who an anonymous inbound call rings (no Odoo look-up for an anonymous caller). */
async function rung(): Promise<string[]> {
  const response = await postAsTwilio('/twiml/inbound', {
    AccountSid: TEST_SETTINGS.TWILIO_ACCOUNT_SID,
    CallSid: newCallSid(),
    From: 'anonymous',
    To: TEST_SETTINGS.TWILIO_CALLER_ID,
  });
  return [...(await response.text()).matchAll(/<Identity>(odoo_\d+)<\/Identity>/g)].map((match) => match[1]!);
}

/** Places a call from the agent's browser: whether Twilio is told to dial, and whether it is stored. */
async function callOut(uid: number): Promise<{ dials: boolean; stored: boolean }> {
  const sid = newCallSid();
  const response = await postAsTwilio('/twiml/outbound', {
    CallSid: sid,
    From: `client:odoo_${uid}`,
    To: '+33612345678',
  });
  const xml = await response.text();
  return {
    dials: xml.includes('<Dial'),
    stored: (await rowsOf('SELECT sid FROM calls WHERE sid = ?1', sid)).length === 1,
  };
}

/** Odoo is asked about the agent, as the agent: their own record, then the group. */
function expectStandingCheck(uid: number, user: { refused?: boolean; share?: boolean; member?: boolean }) {
  const as = { uid, password: credentialOf(uid), model: 'res.users' };
  expectOdooExecute(
    { ...as, method: 'read', args: [[uid]], kwargs: { fields: ['share'] } },
    user.refused
      ? odooError('odoo.exceptions.AccessDenied', 'Access Denied')
      : { result: [{ id: uid, share: user.share ?? false }] },
  );
  if (!user.refused && !user.share) {
    expectOdooExecute(
      { ...as, method: 'has_group', args: [[uid], 'sales_team.group_sale_salesman'] },
      { result: user.member ?? true },
    );
  }
}

async function makeStale(uid: number): Promise<void> {
  await env.DB.prepare('UPDATE agents SET standing_checked_at = ?2 WHERE uid = ?1')
    .bind(uid, Date.now() - STANDING_TTL_MS - 1000)
    .run();
}

async function runCron(): Promise<void> {
  const context = createExecutionContext();
  await (workerModule as ExportedHandler<Env, SyncMessage>).scheduled!(
    createScheduledController({ cron: '* * * * *' }),
    env,
    context,
  );
  await waitOnExecutionContext(context);
}

describe('POST /auth/logout', () => {
  it('ends the session at once for every route, and leaves the agent’s other sessions alone', async () => {
    const laptop = await seedAgent(7, { tokenExpiresAt: Date.now() + HOUR });
    const phone = await seedAgent(7);
    expect((await logout(laptop)).status).toBe(204);
    for (const path of ['/token', '/presence']) {
      const error = await expectApiError(
        await post(path, laptop, { status: 'available', registered: true }),
        401,
        'unauthorized',
      );
      expect(error.error.message).toMatch(/ended: sign in again/);
    }
    await expectApiError(await callWorker('/calls', { headers: laptop.authorization }), 401, 'unauthorized');
    await expectApiError(await logout(laptop), 401, 'unauthorized');
    expect((await post('/token', phone)).status).toBe(200);
    expect(await rowsOf('SELECT id FROM sessions')).toEqual([{ id: phone.sessionId }]);
  });

  it('forgets the sealed Odoo credential with the session', async () => {
    const agent = await seedAgent(7, { credential: 'a-password' });
    expect(await rowsOf('SELECT uid FROM sessions WHERE credential IS NOT NULL')).toEqual([{ uid: 7 }]);
    await logout(agent);
    expect(await rowsOf('SELECT * FROM sessions')).toEqual([]);
  });

  it('needs a session', async () => {
    await expectApiError(await callWorker('/auth/logout', { method: 'POST' }), 401, 'unauthorized');
  });

  it('stops inbound calls ringing the agent, and their still-valid Twilio token from calling out', async () => {
    // Without an Odoo credential, a call's record is not looked for: these calls ask Odoo nothing.
    const marie = await ringableAgent(7, { withCredential: false });
    await ringableAgent(8, { withCredential: false });
    expect((await rung()).sort()).toEqual(['odoo_7', 'odoo_8']);
    expect(await callOut(7)).toEqual({ dials: true, stored: true });
    await logout(marie);
    expect(await rung()).toEqual(['odoo_8']);
    expect(await callOut(7)).toEqual({ dials: false, stored: false });
  });
});

describe('the agent checked in Odoo again', () => {
  it('asks Odoo when the last check is older than a few minutes, and not before', async () => {
    const agent = await seedAgent(7, { credential: credentialOf(7) });
    // Fresh from sign-in: the strict fetch shows Odoo is not asked.
    expect((await post('/token', agent)).status).toBe(200);
    await makeStale(7);
    expectStandingCheck(7, {});
    expect((await post('/token', agent)).status).toBe(200);
    const [row] = await rowsOf<{ standing_checked_at: number }>('SELECT standing_checked_at FROM agents');
    expect(row!.standing_checked_at).toBeGreaterThan(Date.now() - 5000);
    expect((await post('/token', agent)).status).toBe(200);
  });

  it.each([
    ['archived (Odoo refuses their credential)', { refused: true }, /no longer accepts/],
    ['turned into a portal user', { share: true }, /Portal/],
    ['taken out of the agents’ group', { member: false }, /not in the group/],
  ])(
    'revokes an agent %s: no token, every session ended, rung no more, no calling out',
    async (_, user, message) => {
      const agent = await ringableAgent(7);
      const otherSession = await seedAgent(7, { credential: credentialOf(7) });
      await ringableAgent(8);
      await makeStale(7);
      expectStandingCheck(7, user);
      const error = await expectApiError(await post('/token', agent), 403, 'forbidden');
      expect(error.error.message).toMatch(message);
      expect(await rowsOf('SELECT uid FROM sessions ORDER BY uid')).toEqual([{ uid: 8 }]);
      await expectApiError(await post('/token', otherSession), 401, 'unauthorized');
      expect(await rung()).toEqual(['odoo_8']);
      expect(await callOut(7)).toEqual({ dials: false, stored: false });
    },
  );

  it('keeps the phone working while Odoo cannot answer, or refuses everyone for a minute, and asks again next time', async () => {
    const agent = await seedAgent(7, { credential: credentialOf(7) });
    await makeStale(7);
    const as = { uid: 7, password: credentialOf(7), model: 'res.users', method: 'read', args: [[7]] };
    expectOdooExecute({ ...as, kwargs: { fields: ['share'] } }, () =>
      Promise.reject(new TypeError('Network connection lost.')),
    );
    expect((await post('/token', agent)).status).toBe(200);
    expectOdooExecute(
      { ...as, kwargs: { fields: ['share'] } },
      odooError(
        'odoo.exceptions.AccessDenied',
        'Too many login failures, please wait a bit before trying again.',
      ),
    );
    expect((await post('/token', agent)).status).toBe(200);
    expectStandingCheck(7, {});
    expect((await post('/token', agent)).status).toBe(200);
    // The cooldown is no verdict on the credential: it is kept.
    expect(await rowsOf('SELECT uid FROM sessions WHERE credential IS NOT NULL')).toEqual([{ uid: 7 }]);
  });

  it('finds from the cron an agent archived while their Device stays registered, and stops ringing them', async () => {
    await ringableAgent(7);
    await ringableAgent(8);
    await makeStale(7);
    expectStandingCheck(7, { refused: true });
    await runCron();
    expect(await rung()).toEqual(['odoo_8']);
    expect(await rowsOf('SELECT uid, standing FROM agents ORDER BY uid')).toEqual([
      { uid: 7, standing: 'refused' },
      { uid: 8, standing: 'ok' },
    ]);
  });

  it('does not re-check from the cron agents who cannot be rung, nor those checked lately', async () => {
    await seedAgent(7); // no Twilio token: nothing to stop
    await ringableAgent(8); // checked at sign-in
    await makeStale(7);
    await runCron(); // the strict fetch fails the test on any Odoo request
  });
});

describe('the cron', () => {
  it('removes expired sessions with their sealed credentials', async () => {
    await seedAgent(7, { credential: 'secret-1' });
    await seedAgent(8, { credential: 'secret-2' });
    await env.DB.prepare('UPDATE sessions SET expires_at = ?2 WHERE uid = ?1')
      .bind(7, Date.now() - 1)
      .run();
    await runCron();
    expect(await rowsOf('SELECT uid FROM sessions')).toEqual([{ uid: 8 }]);
  });
});
