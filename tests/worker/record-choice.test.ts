/**
 * Which record a call may touch (issue 12, item 3): the record the Device names (`OdooModel`,
 * `OdooId`, which an agent can set to anything) is used only if the agent may read it in Odoo
 * with their own rights; otherwise the call is matched by number among the records they can
 * see, or left unmatched. Shown on the stand-in's Hugo Petit, "Sales / User: Own Documents
 * Only": he reads his own leads and unassigned ones, not Camille's or Lucas's.
 */
import { beforeEach, describe, expect, it } from 'vitest';
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
import { clearDatabase, rowsOf } from './support/worker';

const harness = installSyncHarness();
beforeEach(clearDatabase);

/** The call ends answered, with a wrap-up, and the Odoo sync runs to the end. */
async function finishCall(h: SyncHarness, agent: StandinAgent, call: TestCall, note: string): Promise<void> {
  const [initiated, ringing, inProgress, legCompleted, parentCompleted] = callbacks(call, 'answered', 40);
  await deliverCallbacks(h, [initiated!, ringing!, inProgress!]);
  expect((await wrapUp(h, agent, call.sid, { disposition: 'interested', note })).status).toBe(200);
  await deliverCallbacks(h, [legCompleted!, parentCompleted!]);
  await h.drain();
}

/** Messages in the stand-in's chatter of one lead whose body has this text. */
function leadMessagesWith(h: SyncHarness, leadId: number, text: string) {
  return h.odoo.database
    .all('mail.message')
    .filter((message) => message.model === 'crm.lead' && message.res_id === leadId)
    .filter((message) => String(message.body).includes(text));
}

/** Messages anywhere in the stand-in whose body has this text. */
function messagesWith(h: SyncHarness, text: string) {
  return h.odoo.database.all('mail.message').filter((message) => String(message.body).includes(text));
}

describe('the record a call is logged on', () => {
  it('is the clicked lead when the agent may read it', async () => {
    const h = harness();
    const hugo = await h.signIn('hugo');
    const call = await placeCall(h, hugo, SEED.numbers.lumiere, {
      model: 'crm.lead',
      id: SEED.leads.lumiereShowroom,
    });
    await finishCall(h, hugo, call, 'Showroom visit on Friday.');

    expect(leadMessagesWith(h, SEED.leads.lumiereShowroom, 'Showroom visit on Friday.')).toHaveLength(1);
    expect(await h.callRow(call.sid)).toMatchObject({
      log_status: 'logged',
      odoo_model: 'crm.lead',
      odoo_id: SEED.leads.lumiereShowroom,
    });
  });

  it('is never a lead the agent may not read, though the Device named it: the number is matched among theirs', async () => {
    const h = harness();
    const hugo = await h.signIn('hugo');
    // Camille's lead, which Hugo cannot open in Odoo, named in the call's custom parameters.
    const call = await placeCall(h, hugo, SEED.numbers.lumiere, {
      model: 'crm.lead',
      id: SEED.leads.lumiereReception,
    });
    await finishCall(h, hugo, call, 'Written by Hugo.');

    expect(leadMessagesWith(h, SEED.leads.lumiereReception, 'Written by Hugo.')).toEqual([]);
    expect(leadMessagesWith(h, SEED.leads.lumiereShowroom, 'Written by Hugo.')).toHaveLength(1);
    expect(await h.callRow(call.sid)).toMatchObject({
      log_status: 'logged',
      odoo_id: SEED.leads.lumiereShowroom,
    });
    // Nor does the call history tell him the name of the lead he may not read.
    const [reception] = h.odoo.read('crm.lead', SEED.leads.lumiereReception, ['name']);
    const history = JSON.stringify(await h.history(hugo));
    expect(history).not.toContain(String(reception?.name));
  });

  it('is none when no record the agent may read has the number: nothing is written to Odoo', async () => {
    const h = harness();
    const hugo = await h.signIn('hugo');
    const call = await placeCall(h, hugo, SEED.numbers.globalSolutions, {
      model: 'crm.lead',
      id: SEED.leads.globalSolutions,
    });
    await finishCall(h, hugo, call, 'Nobody should read this in Odoo.');

    expect(messagesWith(h, 'Nobody should read this in Odoo.')).toEqual([]);
    expect(await h.callRow(call.sid)).toMatchObject({
      log_status: 'unmatched',
      odoo_model: null,
      odoo_id: null,
    });
    const [lead] = h.odoo.read('crm.lead', SEED.leads.globalSolutions, ['name']);
    const [entry] = await h.history(hugo);
    expect(entry?.record ?? null).toBeNull();
    expect(JSON.stringify(entry)).not.toContain(String(lead?.name));
  });

  it('is chosen while the call is placed, so it holds even if the agent signs out before the note is written', async () => {
    const h = harness();
    const hugo = await h.signIn('hugo');
    const call = await placeCall(h, hugo, SEED.numbers.lumiere, {
      model: 'crm.lead',
      id: SEED.leads.lumiereReception,
    });
    expect(await h.callRow(call.sid)).toMatchObject({ odoo_id: SEED.leads.lumiereShowroom });
    expect((await h.request('/auth/logout', { method: 'POST', headers: hugo.authorization })).status).toBe(
      204,
    );
    await deliverCallbacks(h, callbacks(call, 'answered', 40));
    await h.travel(600);
    await h.drain();
    expect(await h.callRow(call.sid)).toMatchObject({
      log_status: 'logged',
      odoo_id: SEED.leads.lumiereShowroom,
    });
    const written = messagesWith(h, call.sid);
    expect(written.length).toBeGreaterThan(0);
    expect(written.every((message) => message.res_id === SEED.leads.lumiereShowroom)).toBe(true);
  });

  it('is none, with the reason, when Odoo was down as the call was placed and the agent has signed out since', async () => {
    const h = harness();
    const hugo = await h.signIn('hugo');
    await h.odoo.fail({ kind: 'down' });
    const call = await placeCall(h, hugo, SEED.numbers.lumiere, {
      model: 'crm.lead',
      id: SEED.leads.lumiereReception,
    });
    await h.odoo.recover();
    expect(await h.callRow(call.sid)).toMatchObject({ record_chosen_at: null });
    expect((await h.request('/auth/logout', { method: 'POST', headers: hugo.authorization })).status).toBe(
      204,
    );
    await deliverCallbacks(h, callbacks(call, 'answered', 40));
    await h.travel(600);
    await h.drain();

    // The service account could see Camille's lead; nothing says Hugo may, so nothing is written.
    expect(messagesWith(h, call.sid)).toEqual([]);
    const row = await h.callRow(call.sid);
    expect(row).toMatchObject({ log_status: 'unmatched', odoo_id: null });
    expect(String(row.log_error)).toMatch(/session ended before the call’s record could be checked/);
  });

  it('is asked with the agent’s own credential, never the service account’s', async () => {
    const h = harness();
    const hugo = await h.signIn('hugo');
    h.odoo.clearCalls();
    await placeCall(h, hugo, SEED.numbers.lumiere, { model: 'crm.lead', id: SEED.leads.lumiereReception });
    const reads = h.odoo.calls.filter((call) => call.model === 'crm.lead');
    expect(reads.length).toBeGreaterThan(0);
    expect(new Set(reads.map((call) => call.uid))).toEqual(new Set([hugo.uid]));
    expect(await rowsOf('SELECT COUNT(*) AS n FROM calls WHERE record_chosen_at IS NOT NULL')).toEqual([
      { n: 1 },
    ]);
  });
});
