import { beforeEach, describe, expect, it } from 'vitest';
import { SEED } from '../support/odoo-standin/data';
import {
  callbacks,
  deliverCallbacks,
  installSyncHarness,
  placeCall,
  type SyncHarness,
  type TestCall,
  wrapUp,
} from './support/odoo-sync';
import { clearDatabase, expectApiError } from './support/worker';

const harness = installSyncHarness();
beforeEach(clearDatabase);

/** Text of an HTML body, tags dropped, entities of our escaping undone, lines kept. */
function textOf(body: string): string {
  return body
    .replace(/<br>|<\/li>|<\/p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('the call note in Odoo', () => {
  it('lands once on the lead the call started from, authored by the agent, with everything an SDR needs', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    const call = await placeCall(h, marc, SEED.numbers.decoAddict, {
      model: 'crm.lead',
      id: SEED.leads.officeDesign,
    });
    const [initiated, ringing, inProgress, legCompleted, parentCompleted] = callbacks(call, 'answered', 125);
    await deliverCallbacks(h, [initiated!, ringing!, inProgress!]);
    expect(
      (
        await wrapUp(h, marc, call.sid, {
          disposition: 'meeting_booked',
          note: 'Demo on Tuesday.\nBring the catalogue.',
        })
      ).status,
    ).toBe(200);
    await deliverCallbacks(h, [legCompleted!, parentCompleted!]);
    await h.drain();

    const [note, ...others] = h.notesOf(call.sid).filter((message) => message.body.includes(':note'));
    expect(others).toEqual([]);
    expect(note).toMatchObject({
      model: 'crm.lead',
      res_id: SEED.leads.officeDesign,
      author: marc.partnerId,
    });
    const text = textOf(note!.body);
    expect(text).toContain('Outbound call');
    expect(text).toContain(`Number: ${SEED.numbers.decoAddict}`);
    expect(text).toContain('Agent: Marc Demo');
    expect(text).toMatch(/Started: \d{4}-\d\d-\d\d \d\d:\d\d \(Europe\/Brussels\)/);
    expect(text).toContain('Duration: 2 min 05 s');
    expect(text).toContain('Call status: Answered');
    expect(text).toContain('Outcome: Meeting booked');
    expect(text).toContain('Note: Demo on Tuesday.\nBring the catalogue.');
    expect(text).not.toContain('Found by the number');
    expect(text).toContain(`Ref. c2c:${call.sid}:note`);
    const [message] = h.odoo.read('mail.message', note!.id, ['message_type', 'subtype_id']);
    expect(message).toMatchObject({ message_type: 'comment', subtype_id: [SEED.subtypes.note, 'Note'] });
    expect(await h.callRow(call.sid)).toMatchObject({
      log_status: 'logged',
      log_attempts: 1,
      log_error: null,
      odoo_model: 'crm.lead',
      odoo_id: SEED.leads.officeDesign,
      odoo_name: 'Office Design Project',
      note_message_id: note!.id,
    });
  });

  it('marks the agent’s "Call" activity due today done, with the call summary, once', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    const call = await placeCall(h, marc, SEED.numbers.decoAddict, {
      model: 'crm.lead',
      id: SEED.leads.officeDesign,
    });
    expect(
      (await wrapUp(h, marc, call.sid, { disposition: 'interested', note: 'Wants a quote.' })).status,
    ).toBe(200);
    await endAndLog(h, call);

    expect(h.odoo.activitiesOn('crm.lead', SEED.leads.officeDesign).map((activity) => activity.id)).toEqual([
      SEED.activities.officeDesignCatalogEmail,
    ]);
    const done = h.notesOf(call.sid).find((message) => message.body.includes(':activity'));
    expect(done).toMatchObject({ model: 'crm.lead', res_id: SEED.leads.officeDesign });
    const text = textOf(done!.body);
    expect(text).toContain('Call done');
    expect(text).toContain('Follow up on the quote');
    expect(text).toContain('Outbound call · Answered · 1 min 05 s');
    expect(text).toContain('Outcome: Interested');
    expect(text).toContain('Wants a quote.');
    expect(await h.callRow(call.sid)).toMatchObject({
      activity_state: 'done',
      activity_id: SEED.activities.officeDesignCallToday,
      activity_message_id: done!.id,
    });
    expect(h.odoo.calls.filter((rpc) => rpc.method === 'action_feedback')).toHaveLength(1);
  });

  it('leaves activities alone when nobody answered, and those of other people', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    const unanswered = await placeCall(h, marc, SEED.numbers.decoAddict, {
      model: 'crm.lead',
      id: SEED.leads.officeDesign,
    });
    await endAndLog(h, unanswered, 'no-answer');
    // Lead 15's overdue call is Camille's, not Marc's.
    const answered = await placeCall(h, marc, SEED.numbers.decoAddict, {
      model: 'crm.lead',
      id: SEED.leads.decoShowroom,
    });
    await endAndLog(h, answered);

    expect(h.odoo.activitiesOn('crm.lead', SEED.leads.officeDesign)).toHaveLength(2);
    expect(h.odoo.activitiesOn('crm.lead', SEED.leads.decoShowroom)).toHaveLength(1);
    expect(textOf(h.notesOf(unanswered.sid)[0]!.body)).toContain('Call status: No answer');
    expect(await h.callRow(answered.sid)).toMatchObject({ log_status: 'logged', activity_state: 'none' });
  });

  it('leaves an activity Odoo refuses to close as it is, and still logs the call', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    await h.odoo.fail({
      kind: 'odoo-error',
      exception: 'AccessError',
      only: { methods: ['action_feedback'] },
    });
    const call = await placeCall(h, marc, SEED.numbers.decoAddict, {
      model: 'crm.lead',
      id: SEED.leads.officeDesign,
    });
    await endAndLog(h, call);
    expect(h.postedFor(call.sid)).toHaveLength(1);
    expect(h.odoo.activitiesOn('crm.lead', SEED.leads.officeDesign)).toHaveLength(2);
    expect(await h.callRow(call.sid)).toMatchObject({ log_status: 'logged', activity_state: 'none' });
  });

  it('writes in French for a French-speaking agent, with times in her zone', async () => {
    const h = harness();
    const camille = await h.signIn('camille');
    const call = await placeCall(h, camille, '+33142685300', {
      model: 'crm.lead',
      id: SEED.leads.moreauDesks,
    });
    expect(
      (await wrapUp(h, camille, call.sid, { disposition: 'callback_requested', note: 'Rappeler lundi.' }))
        .status,
    ).toBe(200);
    await endAndLog(h, call);
    const [note] = h.notesOf(call.sid).filter((message) => message.body.includes(':note'));
    const text = textOf(note!.body);
    for (const line of [
      'Appel sortant',
      'Numéro : +33142685300'.replace(' :', ':'),
      'Commercial: Camille Martin',
      'Durée: 1 min 05 s',
      "État de l'appel: Répondu",
      'Résultat: Rappel demandé',
      'Note: Rappeler lundi.',
    ]) {
      expect(text).toContain(line);
    }
    expect(text).toMatch(/Début: \d{4}-\d\d-\d\d \d\d:\d\d \(Europe\/Paris\)/);
    // Her overdue "Call" activity on this lead is done, in French too.
    expect(h.odoo.activitiesOn('crm.lead', SEED.leads.moreauDesks)).toEqual([]);
    expect(textOf(h.notesOf(call.sid).find((message) => message.body.includes(':activity'))!.body)).toContain(
      'Appel sortant · Répondu',
    );
  });

  it('escapes everything a person typed: the note shows it as text', async () => {
    const h = harness();
    const sarah = await h.signIn('sarah');
    const call = await placeCall(h, sarah, '+4930901820', {
      model: 'crm.lead',
      id: SEED.leads.schmidtTables,
    });
    const hostile = '<img src=x onerror="alert(1)"> & </li></ul><a href="javascript:x">click</a> \'quoted\'';
    expect((await wrapUp(h, sarah, call.sid, { disposition: 'other', note: hostile })).status).toBe(200);
    await endAndLog(h, call);
    const [note] = h.notesOf(call.sid).filter((message) => message.body.includes(':note'));
    expect(note!.body).not.toContain('<img');
    expect(note!.body).not.toContain('<a href="javascript');
    expect(note!.body.match(/<li>/g)).toHaveLength(7);
    expect(textOf(note!.body)).toContain(`Note: ${hostile}`);
  });
});

describe('which record the note goes to', () => {
  it('falls back to the number when the record the call started from is gone', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    const call = await placeCall(h, marc, SEED.numbers.decoAddict, { model: 'crm.lead', id: 999 });
    await endAndLog(h, call);
    const [note] = h.notesOf(call.sid);
    expect(note).toMatchObject({ model: 'crm.lead', res_id: SEED.leads.officeDesign });
    expect(textOf(note!.body)).toContain(
      `Found by the number ${SEED.numbers.decoAddict}: 2 open leads have it; this is the most recently updated.`,
    );
  });

  it.each([
    [
      'a shared number: the most recently updated open lead (not the lost one)',
      SEED.numbers.decoAddict,
      'crm.lead',
      SEED.leads.officeDesign,
      2,
    ],
    [
      'an open lead rather than a won one',
      SEED.numbers.brauhausSchmidt,
      'crm.lead',
      SEED.leads.schmidtTables,
      1,
    ],
    [
      'a number stored in national form (01 42 68 53 00)',
      '+33142685300',
      'crm.lead',
      SEED.leads.moreauDesks,
      1,
    ],
    ['a number written +49 (0)89…', SEED.numbers.bueromoebel, 'crm.lead', SEED.leads.bueromoebel, 1],
    ['a contact when no open lead has it', '+4915123456789', 'res.partner', SEED.partners.jonasSchmidt, 1],
  ])('dialled by number, finds %s', async (_, number, model, id, count) => {
    const h = harness();
    const marc = await h.signIn('marc');
    const call = await placeCall(h, marc, number);
    await endAndLog(h, call);
    const [note, ...others] = h.postedFor(call.sid);
    expect(others).toEqual([]);
    expect(note).toMatchObject({ model, res_id: id });
    expect(textOf(note!.body)).toContain(`Found by the number ${number}${count > 1 ? ':' : '.'}`);
    expect(await h.callRow(call.sid)).toMatchObject({
      odoo_model: model,
      odoo_id: id,
      matched_number: number,
      matched_count: count,
    });
  });

  it('keeps a call nobody has the number of in D1 as unmatched, and writes nothing in Odoo', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    const call = await placeCall(h, marc, SEED.numbers.unknown);
    await endAndLog(h, call);
    expect(h.postsRun()).toBe(0);
    expect(await h.callRow(call.sid)).toMatchObject({
      log_status: 'unmatched',
      odoo_model: null,
      note_message_id: null,
    });
    const [summary] = await h.history(marc);
    expect(summary).toMatchObject({ callSid: call.sid, logStatus: 'unmatched', record: null });
    // A wrap-up afterwards is kept, and still not sent anywhere.
    expect((await wrapUp(h, marc, call.sid, { disposition: 'wrong_number' })).status).toBe(200);
    await h.drain();
    expect(h.postsRun()).toBe(0);
  });
});

describe('wrap-ups and recordings', () => {
  it('waits for the wrap-up window, then logs the call without one', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    const call = await placeCall(h, marc, SEED.numbers.decoAddict, {
      model: 'crm.lead',
      id: SEED.leads.officeDesign,
    });
    await deliverCallbacks(h, callbacks(call, 'answered'));
    await h.drain();
    expect(h.notesOf(call.sid)).toEqual([]);
    expect(h.queue.pendingFor(call.sid)).toHaveLength(1);
    // Callback times have whole seconds: the window ends within a second of 120 s from now.
    await h.travel(110);
    await h.drain();
    expect(h.notesOf(call.sid)).toEqual([]);
    await h.travel(11);
    await h.drain();
    const [note] = h.notesOf(call.sid).filter((message) => message.body.includes(':note'));
    expect(textOf(note!.body)).not.toContain('Outcome:');
  });

  it('adds a wrap-up that comes after the note to the same record, once; a changed one is refused', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    const call = await placeCall(h, marc, SEED.numbers.decoAddict);
    await deliverCallbacks(h, callbacks(call, 'answered'));
    await h.travel(121);
    await h.drain();
    expect(h.postsRun()).toBe(1);

    const first = { disposition: 'interested', note: 'Call back in May.' };
    for (let i = 0; i < 3; i += 1) {
      const response = await wrapUp(h, marc, call.sid, first);
      expect(response.status).toBe(200);
      await h.drain();
    }
    expect(h.postsRun()).toBe(2);
    // One wrap-up per call reaches Odoo: a different one now would be a third message.
    const changed = { disposition: 'meeting_booked', note: 'Meeting on 3 May.' };
    await expectApiError(await wrapUp(h, marc, call.sid, changed), 409, 'conflict');
    await h.drain();
    expect(h.postsRun()).toBe(2);

    const messages = h.postedFor(call.sid);
    expect(messages.map((message) => [message.model, message.res_id])).toEqual(
      Array(2).fill(['crm.lead', SEED.leads.officeDesign]),
    );
    const followUps = messages
      .filter((message) => message.body.includes(':wrap-up:'))
      .map((message) => textOf(message.body));
    expect(followUps).toHaveLength(1);
    expect(followUps[0]).toContain('Outcome: Interested');
    const [summary] = await h.history(marc);
    expect(summary).toMatchObject({
      logStatus: 'logged',
      disposition: 'interested',
      note: 'Call back in May.',
    });
  });

  it('puts only the latest of several wrap-ups saved before the note into it', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    const call = await placeCall(h, marc, SEED.numbers.decoAddict);
    await deliverCallbacks(h, callbacks(call, 'answered').slice(0, 3));
    await wrapUp(h, marc, call.sid, { disposition: 'interested', note: 'first' });
    await wrapUp(h, marc, call.sid, { disposition: 'not_interested', note: 'second' });
    await endAndLog(h, call);
    const messages = h.postedFor(call.sid);
    expect(messages).toHaveLength(1);
    expect(textOf(messages[0]!.body)).toContain('Outcome: Not interested\nNote: second');
  });

  it('links a recording in the note when it came first, and after the note when it came later', async () => {
    const h = harness();
    const marc = await h.signIn('marc');
    const call = await placeCall(h, marc, SEED.numbers.decoAddict);
    const early = recordingOf(call, `RE${'a'.repeat(32)}`, 42);
    await deliverCallbacks(h, callbacks(call, 'answered'));
    await recordingReady(h, early);
    await recordingReady(h, early);
    await wrapUp(h, marc, call.sid, { disposition: 'interested' });
    await h.drain();
    const [note] = h.notesOf(call.sid);
    expect(textOf(note!.body)).toContain('Recording: Listen (42 s)');
    expect(note!.body).toContain(`href="${early.RecordingUrl}"`);

    const late = recordingOf(call, `RE${'b'.repeat(32)}`, 75);
    await recordingReady(h, late);
    await recordingReady(h, late);
    await h.drain();
    const messages = h.postedFor(call.sid);
    expect(messages).toHaveLength(2);
    const followUp = messages.find((message) => message.body.includes(`:rec:${late.RecordingSid}`));
    expect(textOf(followUp!.body)).toContain('Call recording');
    expect(textOf(followUp!.body)).toContain('Recording: Listen (1 min 15 s)');
    expect(followUp).toMatchObject({
      model: 'crm.lead',
      res_id: SEED.leads.officeDesign,
      author: marc.partnerId,
    });
  });
});

/** Delivers the callbacks of a call that ends now, then lets the queue write it. */
async function endAndLog(h: SyncHarness, call: TestCall, outcome: 'answered' | 'no-answer' = 'answered') {
  await deliverCallbacks(h, callbacks(call, outcome));
  await h.travel(121);
  await h.drain();
}

function recordingOf(call: TestCall, RecordingSid: string, seconds: number) {
  return {
    AccountSid: `AC${'0'.repeat(32)}`,
    CallSid: call.sid,
    RecordingSid,
    RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/AC${'0'.repeat(32)}/Recordings/${RecordingSid}`,
    RecordingStatus: 'completed',
    RecordingDuration: String(seconds),
    RecordingChannels: '2',
    RecordingSource: 'DialVerb',
  };
}

async function recordingReady(h: SyncHarness, params: Record<string, string>): Promise<void> {
  const response = await h.postAsTwilio('/webhooks/recording', params);
  expect(response.status).toBe(204);
}
