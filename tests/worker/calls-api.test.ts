/** `GET /calls`, `POST /calls/:callSid/wrap-up` and `POST /presence`: the agent routes of issue 3. */
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CallSummary, PresenceResponse } from '../../shared/api';
import { WRAP_UPS_PER_AGENT } from '../../worker/routes/calls';
import { PRESENCE_TTL_MS } from '../../worker/routes/presence';
import { SEED } from '../support/odoo-standin/data';
import { TEST_SETTINGS } from './settings';
import {
  callbacks,
  deliverCallbacks,
  installSyncHarness,
  placeCall,
  type StandinAgent,
  type SyncHarness,
  wrapUp,
} from './support/odoo-sync';
import { newCallSid } from './support/twilio';
import { clearDatabase, databaseSnapshot, expectApiError, rowsOf } from './support/worker';

const harness = installSyncHarness();
beforeEach(clearDatabase);

function post(
  h: SyncHarness,
  path: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<Response> {
  return h.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('GET /calls', () => {
  it('lists the agent’s calls, newest first, with number, record, outcome, duration and log status', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    const camille = await h.signIn('camille');
    const logged = await placeCall(h, marc, SEED.numbers.decoAddict, {
      model: 'crm.lead',
      id: SEED.leads.officeDesign,
    });
    await deliverCallbacks(h, callbacks(logged, 'answered', 42));
    await wrapUp(h, marc, logged.sid, { disposition: 'interested', note: 'Send the quote.' });
    await h.drain();
    const unmatched = await placeCall(h, marc, SEED.numbers.unknown);
    await deliverCallbacks(h, callbacks(unmatched, 'busy'));
    await h.travel(121);
    await h.drain();
    const ongoing = await placeCall(h, marc, SEED.numbers.brauhausSchmidt, {
      model: 'crm.lead',
      id: SEED.leads.schmidtTables,
    });
    await placeCall(h, camille, SEED.numbers.decoAddict); // someone else's call

    const response = await h.request('/calls', { headers: marc.authorization });
    expect(response.status).toBe(200);
    const { calls } = (await response.json()) as { calls: CallSummary[] };
    expect(calls.map((call) => call.callSid)).toEqual([ongoing.sid, unmatched.sid, logged.sid]);
    const [first, second, third] = calls;
    expect(first).toEqual({
      callSid: ongoing.sid,
      direction: 'outbound',
      number: SEED.numbers.brauhausSchmidt,
      startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      durationSeconds: null,
      outcome: null,
      // Chosen as the agent while the call is still on: named already.
      record: {
        model: 'crm.lead',
        id: SEED.leads.schmidtTables,
        name: 'Brauhaus Schmidt: Quote for 12 Tables',
        url: `${TEST_SETTINGS.ODOO_URL}/web#id=${SEED.leads.schmidtTables}&model=crm.lead&view_type=form`,
      },
      logStatus: 'pending',
      disposition: null,
      note: null,
    });
    expect(second).toMatchObject({
      outcome: 'busy',
      durationSeconds: 0,
      record: null,
      logStatus: 'unmatched',
    });
    expect(third).toMatchObject({
      outcome: 'answered',
      durationSeconds: 42,
      record: { model: 'crm.lead', id: SEED.leads.officeDesign, name: 'Office Design Project' },
      logStatus: 'logged',
      disposition: 'interested',
      note: 'Send the quote.',
    });
  });

  it('needs a session', async () => {
    const h = harness();
    await expectApiError(await h.request('/calls'), 401, 'unauthorized');
  });

  it('answers 503 saying how to fix it when the database misses this version’s migration', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    await env.DB.exec('ALTER TABLE calls RENAME COLUMN log_status TO log_status_moved');
    try {
      const error = await expectApiError(
        await h.request('/calls', { headers: marc.authorization }),
        503,
        'not_configured',
      );
      expect(error.error.message).toMatch(/migrations apply/);
    } finally {
      await env.DB.exec('ALTER TABLE calls RENAME COLUMN log_status_moved TO log_status');
    }
  });
});

describe('POST /calls/:callSid/wrap-up', () => {
  async function endedCall(h: SyncHarness, agent: StandinAgent) {
    const call = await placeCall(h, agent, SEED.numbers.decoAddict, {
      model: 'crm.lead',
      id: SEED.leads.officeDesign,
    });
    await deliverCallbacks(h, callbacks(call, 'answered'));
    return call;
  }

  it('answers with the call as GET /calls shows it, and queues its note at once', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    const call = await endedCall(h, marc);
    const response = await wrapUp(h, marc, call.sid, {
      disposition: 'callback_requested',
      note: 'Tomorrow 10:00',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      callSid: call.sid,
      disposition: 'callback_requested',
      note: 'Tomorrow 10:00',
      logStatus: 'pending',
    });
    expect(h.queue.messages.filter((message) => message.dueAt <= Date.now())).toHaveLength(1);
  });

  it('accepts a disposition without a note', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    const call = await endedCall(h, marc);
    const response = await wrapUp(h, marc, call.sid, { disposition: 'no_answer' });
    expect(response.status).toBe(200);
    expect(await rowsOf('SELECT disposition, note FROM wrap_ups')).toEqual([
      { disposition: 'no_answer', note: '' },
    ]);
  });

  it('is for the call’s own agent only: 403 for another agent, 401 without a session, and nothing changes', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    const camille = await h.signIn('camille');
    const call = await endedCall(h, marc);
    const before = await databaseSnapshot();
    await expectApiError(await wrapUp(h, camille, call.sid, { disposition: 'interested' }), 403, 'forbidden');
    await expectApiError(
      await post(h, `/calls/${call.sid}/wrap-up`, { disposition: 'interested' }, {}),
      401,
      'unauthorized',
    );
    expect(await databaseSnapshot()).toEqual(before);
  });

  it.each([
    ['an unknown call', () => newCallSid()],
    ['something that is not a CallSid', () => 'CA123'],
    ['a path trick', () => '..%2F..%2Fcalls'],
  ])('answers 404 for %s', async (_, sid) => {
    const h = harness();
    const marc = await h.signIn('marc');
    await expectApiError(await wrapUp(h, marc, sid(), { disposition: 'interested' }), 404, 'not_found');
  });

  it.each([
    ['no disposition', { note: 'x' }, 'disposition'],
    ['an unknown disposition', { disposition: 'sold_everything' }, 'disposition'],
    ['a note that is not text', { disposition: 'other', note: 42 }, 'note'],
    ['a note over 4000 characters', { disposition: 'other', note: 'x'.repeat(4001) }, 'note'],
    ['a NUL character in the note', { disposition: 'other', note: 'a\u0000b' }, 'note'],
  ])('answers 400 for %s, and stores nothing', async (_, body, field) => {
    const h = harness();
    const marc = await h.signIn('marc');
    const call = await endedCall(h, marc);
    const error = await expectApiError(
      await post(h, `/calls/${call.sid}/wrap-up`, body, marc.authorization),
      400,
      'bad_request',
    );
    expect(error.error.message).toContain(field);
    expect(await rowsOf('SELECT * FROM wrap_ups')).toEqual([]);
  });

  it('answers 415 for a body that is not JSON', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    const call = await endedCall(h, marc);
    const response = await h.request(`/calls/${call.sid}/wrap-up`, {
      method: 'POST',
      headers: { ...marc.authorization, 'Content-Type': 'text/plain' },
      body: 'interested',
    });
    await expectApiError(response, 415, 'unsupported_media_type');
  });

  it('answers 400 for a note that is not well-formed Unicode (a lone surrogate), and stores nothing', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    const call = await endedCall(h, marc);
    const body = '{"disposition":"other","note":"Rappeler \\ud83d demain"}';
    const error = await expectApiError(
      await post(h, `/calls/${call.sid}/wrap-up`, body, marc.authorization),
      400,
      'bad_request',
    );
    expect(error.error.message).toMatch(/well-formed Unicode/);
    expect(await rowsOf('SELECT * FROM wrap_ups')).toEqual([]);
  });

  describe('one wrap-up per call reaches Odoo', () => {
    const first = { disposition: 'interested', note: 'Call back in May.' };
    const second = { disposition: 'meeting_booked', note: 'Meeting on 3 May.' };

    it('lets a later one replace the first until the note is written: the note carries the last', async () => {
      const h = harness();
      h.settings.WRAP_UP_WINDOW_SECONDS = '120';
      const marc = await h.signIn('marc');
      const call = await placeCall(h, marc, SEED.numbers.decoAddict, {
        model: 'crm.lead',
        id: SEED.leads.officeDesign,
      });
      // Saved while the call is still on: nothing is due yet.
      expect((await wrapUp(h, marc, call.sid, first)).status).toBe(200);
      expect((await wrapUp(h, marc, call.sid, second)).status).toBe(200);
      await deliverCallbacks(h, callbacks(call, 'answered'));
      await h.drain();
      expect(h.postsRun()).toBe(1);
      const [summary] = await h.history(marc);
      expect(summary).toMatchObject({ logStatus: 'logged', ...second });
    });

    it('refuses a different one once it is in Odoo (409), takes the same one again (200), and writes nothing more', async () => {
      const h = harness();
      const marc = await h.signIn('marc');
      const call = await endedCall(h, marc);
      expect((await wrapUp(h, marc, call.sid, first)).status).toBe(200);
      await h.drain();
      expect(h.postsRun()).toBe(1);
      const error = await expectApiError(await wrapUp(h, marc, call.sid, second), 409, 'conflict');
      expect(error.error.message).toMatch(/in Odoo already/);
      // The extension retrying the save it already made.
      expect((await wrapUp(h, marc, call.sid, first)).status).toBe(200);
      await h.drain();
      expect(h.postsRun()).toBe(1);
      expect(await rowsOf('SELECT disposition, note FROM wrap_ups')).toEqual([first]);
    });

    it(`limits an agent to ${WRAP_UPS_PER_AGENT.limit} wrap-ups in ten minutes, and says when to try again`, async () => {
      const h = harness();
      const marc = await h.signIn('marc');
      const camille = await h.signIn('camille');
      const call = await endedCall(h, marc);
      for (let i = 0; i < WRAP_UPS_PER_AGENT.limit; i += 1) {
        expect((await wrapUp(h, marc, call.sid, first)).status).toBe(200);
      }
      const response = await wrapUp(h, marc, call.sid, first);
      await expectApiError(response, 429, 'rate_limited');
      expect(Number(response.headers.get('Retry-After'))).toBe(WRAP_UPS_PER_AGENT.blockMs / 1000);
      // Another agent is not concerned.
      const hers = await endedCall(h, camille);
      expect((await wrapUp(h, camille, hers.sid, first)).status).toBe(200);
    });
  });

  it('keeps tabs and line breaks in a note', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    const call = await endedCall(h, marc);
    expect((await wrapUp(h, marc, call.sid, { disposition: 'other', note: 'a\tb\r\nc' })).status).toBe(200);
    expect(await rowsOf('SELECT note FROM wrap_ups')).toEqual([{ note: 'a\tb\r\nc' }]);
  });
});

describe('POST /presence', () => {
  it('keeps the agent’s presence for three minutes and says until when', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    const before = Date.now();
    const response = await post(
      h,
      '/presence',
      { status: 'available', registered: true },
      marc.authorization,
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as PresenceResponse;
    expect(body).toMatchObject({ status: 'available', registered: true });
    const expiresAt = Date.parse(body.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + PRESENCE_TTL_MS);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + PRESENCE_TTL_MS);
    expect(
      await rowsOf(
        'SELECT presence_status, presence_registered, presence_expires_at FROM agents WHERE uid = ?1',
        marc.uid,
      ),
    ).toEqual([{ presence_status: 'available', presence_registered: 1, presence_expires_at: expiresAt }]);
  });

  it('lets the heartbeat and changes through, and the last one wins', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    await post(h, '/presence', { status: 'available', registered: true }, marc.authorization);
    await post(h, '/presence', { status: 'dnd', registered: true }, marc.authorization);
    await post(h, '/presence', { status: 'dnd', registered: false }, marc.authorization);
    expect(
      await rowsOf('SELECT presence_status, presence_registered FROM agents WHERE uid = ?1', marc.uid),
    ).toEqual([{ presence_status: 'dnd', presence_registered: 0 }]);
  });

  it.each([
    ['an unknown status', { status: 'away', registered: true }],
    ['registered as a string', { status: 'available', registered: 'yes' }],
    ['no registered', { status: 'available' }],
    ['not an object', '[]'],
  ])('answers 400 for %s, and changes nothing', async (_, body) => {
    const h = harness();
    const marc = await h.signIn('marc');
    const before = await databaseSnapshot();
    await expectApiError(await post(h, '/presence', body, marc.authorization), 400, 'bad_request');
    expect(await databaseSnapshot()).toEqual(before);
  });

  it('answers 401 without a session, and for an agent the worker no longer knows', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    await expectApiError(
      await post(h, '/presence', { status: 'available', registered: true }, {}),
      401,
      'unauthorized',
    );
    await rowsOf('DELETE FROM agents');
    await expectApiError(
      await post(h, '/presence', { status: 'available', registered: true }, marc.authorization),
      401,
      'unauthorized',
    );
  });
});
