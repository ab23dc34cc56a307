/**
 * Issue 13, item 6: a wrap-up that asks for a call back schedules a "Call" activity in Odoo, on
 * the record the note went to, for the agent, due that day; once, whatever is retried.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { CallSummary } from '../../shared/api';
import { addDays } from '../../shared/follow-up-dates';
import { dateIn } from '../../worker/odoo/chatter';
import { SEED } from '../support/odoo-standin/data';
import {
  callbacks,
  deliverCallbacks,
  installSyncHarness,
  placeCall,
  type StandinAgent,
  type SyncHarness,
  type TestCall,
  wrapUp,
} from './support/odoo-sync';
import { clearDatabase, expectApiError, rowsOf } from './support/worker';

const harness = installSyncHarness();
beforeEach(clearDatabase);

/** The agent's date, `days` from today, in their Odoo time zone. */
const dayFor = (agent: StandinAgent, days: number) => addDays(dateIn(Date.now(), agent.tz), days);

async function endAndLog(h: SyncHarness, call: TestCall, outcome: 'answered' | 'no-answer' = 'answered') {
  await deliverCallbacks(h, callbacks(call, outcome));
  await h.travel(121);
  await h.drain();
}

const schedules = (h: SyncHarness) => h.odoo.calls.filter((rpc) => rpc.method === 'activity_schedule');

/** Activities of the record that are ours: their note carries the call's follow-up marker. */
function followUpsOn(h: SyncHarness, sid: string, model: string, id: number) {
  return h.odoo
    .activitiesOn(model, id)
    .filter((activity) => String(activity.note).includes(`c2c:${sid}:follow-up`));
}

async function summaryOf(h: SyncHarness, agent: StandinAgent, sid: string): Promise<CallSummary | undefined> {
  return (await h.history(agent)).find((call) => call.callSid === sid);
}

describe('a call back asked for in the wrap-up', () => {
  it('schedules one "Call" activity for the agent on the lead, due that day, and still closes the due one', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    const call = await placeCall(h, marc, SEED.numbers.decoAddict, {
      model: 'crm.lead',
      id: SEED.leads.officeDesign,
    });
    const date = dayFor(marc, 1);
    const response = await wrapUp(h, marc, call.sid, {
      disposition: 'callback_requested',
      note: 'Busy today.',
      followUp: { date, note: 'Ask about the budget.' },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as CallSummary).followUp).toEqual({
      date,
      note: 'Ask about the budget.',
      status: 'pending',
    });
    await endAndLog(h, call);

    const [rpc, ...more] = schedules(h);
    expect(more).toEqual([]);
    expect(rpc).toMatchObject({
      model: 'crm.lead',
      args: [[SEED.leads.officeDesign]],
      kwargs: {
        act_type_xmlid: 'mail.mail_activity_data_call',
        date_deadline: date,
        summary: 'Call back',
        user_id: marc.uid,
        context: { mail_activity_quick_update: true },
      },
      outcome: { kind: 'result' },
    });
    const [activity, ...others] = followUpsOn(h, call.sid, 'crm.lead', SEED.leads.officeDesign);
    expect(others).toEqual([]);
    expect(activity).toMatchObject({
      activity_type_id: [SEED.activityTypes.call, 'Call'],
      user_id: [marc.uid, 'Marc Demo'],
      date_deadline: date,
      summary: 'Call back',
    });
    expect(String(activity!.note)).toContain('Ask about the budget.');
    // As before: the "Call" activity due today is marked done with the call's summary.
    expect(
      h.odoo
        .activitiesOn('crm.lead', SEED.leads.officeDesign)
        .map((row) => row.id)
        .includes(SEED.activities.officeDesignCallToday),
    ).toBe(false);
    expect(await h.callRow(call.sid)).toMatchObject({
      log_status: 'logged',
      activity_state: 'done',
      follow_up_state: 'done',
      follow_up_activity_id: activity!.id,
    });
    expect((await summaryOf(h, marc, call.sid))?.followUp).toMatchObject({ date, status: 'scheduled' });
  });

  it('never schedules it twice: saves retried, and an answer Odoo sent that never arrived', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    await h.odoo.fail({ kind: 'lose-response', only: { methods: ['activity_schedule'] }, times: 1 });
    const call = await placeCall(h, marc, SEED.numbers.decoAddict, {
      model: 'crm.lead',
      id: SEED.leads.officeDesign,
    });
    const wrap = { disposition: 'no_answer', followUp: { date: dayFor(marc, 2) } };
    for (let i = 0; i < 3; i += 1) expect((await wrapUp(h, marc, call.sid, wrap)).status).toBe(200);
    await endAndLog(h, call, 'no-answer');
    expect(schedules(h)).toHaveLength(1);
    expect(await h.callRow(call.sid)).toMatchObject({ log_status: 'pending', follow_up_state: 'claimed' });

    await h.travel(10);
    await h.drain();
    for (let i = 0; i < 2; i += 1) expect((await wrapUp(h, marc, call.sid, wrap)).status).toBe(200);
    await h.drain();
    expect(schedules(h)).toHaveLength(1);
    const found = followUpsOn(h, call.sid, 'crm.lead', SEED.leads.officeDesign);
    expect(found).toHaveLength(1);
    expect(await h.callRow(call.sid)).toMatchObject({
      log_status: 'logged',
      follow_up_state: 'done',
      follow_up_activity_id: found[0]!.id,
    });
  });

  it('schedules the day of the latest wrap-up saved before it was written', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    const call = await placeCall(h, marc, SEED.numbers.decoAddict, {
      model: 'crm.lead',
      id: SEED.leads.officeDesign,
    });
    const first = dayFor(marc, 1);
    const second = dayFor(marc, 3);
    await wrapUp(h, marc, call.sid, { disposition: 'callback_requested', followUp: { date: first } });
    await wrapUp(h, marc, call.sid, { disposition: 'callback_requested', followUp: { date: second } });
    await endAndLog(h, call);
    expect(schedules(h)).toHaveLength(1);
    expect(
      followUpsOn(h, call.sid, 'crm.lead', SEED.leads.officeDesign).map((row) => row.date_deadline),
    ).toEqual([second]);
    // Once it is in Odoo, another day is changed there, not here.
    await expectApiError(
      await wrapUp(h, marc, call.sid, { disposition: 'callback_requested', followUp: { date: first } }),
      409,
      'conflict',
    );
  });

  it('schedules it after the note when the wrap-up comes later, in the agent’s language', async () => {
    const h = harness();
    const camille = await h.signIn('camille');
    const call = await placeCall(h, camille, '+33142685300', {
      model: 'crm.lead',
      id: SEED.leads.moreauDesks,
    });
    await endAndLog(h, call);
    expect(schedules(h)).toEqual([]);
    const date = dayFor(camille, 0);
    expect(
      (await wrapUp(h, camille, call.sid, { disposition: 'callback_requested', followUp: { date } })).status,
    ).toBe(200);
    await h.drain();
    const [activity, ...others] = followUpsOn(h, call.sid, 'crm.lead', SEED.leads.moreauDesks);
    expect(others).toEqual([]);
    expect(activity).toMatchObject({
      summary: 'Rappeler',
      date_deadline: date,
      user_id: [camille.uid, 'Camille Martin'],
    });
  });

  it('schedules nothing for a call without an Odoo record, and says so', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    const call = await placeCall(h, marc, SEED.numbers.unknown);
    const date = dayFor(marc, 1);
    await wrapUp(h, marc, call.sid, { disposition: 'callback_requested', followUp: { date } });
    await endAndLog(h, call);
    expect(schedules(h)).toEqual([]);
    expect(await summaryOf(h, marc, call.sid)).toMatchObject({
      logStatus: 'unmatched',
      followUp: { date, status: 'not_scheduled', reason: expect.stringContaining('not scheduled') },
    });
  });

  it('reports a call back Odoo refuses, and still logs the call', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    await h.odoo.fail({
      kind: 'odoo-error',
      exception: 'AccessError',
      only: { methods: ['activity_schedule'] },
    });
    const call = await placeCall(h, marc, SEED.numbers.decoAddict, {
      model: 'crm.lead',
      id: SEED.leads.officeDesign,
    });
    await wrapUp(h, marc, call.sid, {
      disposition: 'callback_requested',
      followUp: { date: dayFor(marc, 1) },
    });
    await endAndLog(h, call);
    expect(await h.callRow(call.sid)).toMatchObject({ log_status: 'logged', follow_up_state: 'none' });
    expect((await summaryOf(h, marc, call.sid))?.followUp).toMatchObject({
      status: 'not_scheduled',
      reason: expect.any(String),
    });
  });
});

describe('call-back days the worker refuses (400, nothing saved)', () => {
  it.each([
    ['yesterday in the agent’s zone', (agent: StandinAgent) => dayFor(agent, -1), 'in the past'],
    ['more than a year ahead', (agent: StandinAgent) => dayFor(agent, 367), 'more than a year'],
    ['a day that does not exist', () => '2031-02-30', 'followUp.date'],
    ['not a date', () => 'tomorrow', 'followUp.date'],
  ])('%s', async (_name, dateOf, said) => {
    const h = harness();
    const marc = await h.signIn('marc');
    const call = await placeCall(h, marc, SEED.numbers.decoAddict, {
      model: 'crm.lead',
      id: SEED.leads.officeDesign,
    });
    const body = await expectApiError(
      await wrapUp(h, marc, call.sid, {
        disposition: 'callback_requested',
        followUp: { date: dateOf(marc) },
      }),
      400,
      'bad_request',
    );
    expect(body.error.message).toContain(said);
    expect(await rowsOf('SELECT * FROM wrap_ups WHERE call_sid = ?1', call.sid)).toEqual([]);
    await endAndLog(h, call);
    expect(schedules(h)).toEqual([]);
  });
});
