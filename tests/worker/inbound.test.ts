/**
 * Inbound routing (issue 3): the caller's salesperson first, then every agent who can take the
 * call, then voicemail; the caller named within a time budget; missed calls and voicemails
 * logged on the caller's record.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_AGENTS_RUNG } from '../../worker/inbound/routing';
import { SEED } from '../support/odoo-standin/data';
import type { XmlElement } from '../support/xml';
import { TEST_SETTINGS } from './settings';
import {
  callbacks,
  deliverCallbacks,
  installSyncHarness,
  type SyncHarness,
  type TestCall,
  wrapUp,
} from './support/odoo-sync';
import { newCallSid } from './support/twilio';
import { EVENTS, type Shape, STATUS_CALLBACK, shape, twimlOf } from './support/twiml';
import { clearDatabase, rowsOf, WORKER_URL } from './support/worker';

const harness = installSyncHarness();
beforeEach(clearDatabase);

const OFFICE_DESIGN_URL = `${TEST_SETTINGS.ODOO_URL}/web#id=${SEED.leads.officeDesign}&model=crm.lead&view_type=form`;

function inbound(h: SyncHarness, CallSid: string, From: string): Promise<Response> {
  return h.postAsTwilio('/twiml/inbound', {
    AccountSid: TEST_SETTINGS.TWILIO_ACCOUNT_SID,
    CallSid,
    CallStatus: 'ringing',
    Direction: 'inbound',
    From,
    To: '+33140000000',
  });
}

function dialEnded(h: SyncHarness, step: string, CallSid: string, DialCallStatus: string): Promise<Response> {
  return h.postAsTwilio(`/twiml/inbound/${step}`, {
    AccountSid: TEST_SETTINGS.TWILIO_ACCOUNT_SID,
    CallSid,
    CallStatus: 'in-progress',
    DialCallStatus,
  });
}

function client(identity: string, parameters: Record<string, string>): Shape {
  return [
    'Client',
    { statusCallback: STATUS_CALLBACK, statusCallbackEvent: EVENTS, statusCallbackMethod: 'POST' },
    [
      ['Identity', {}, [identity]],
      ...Object.entries(parameters).map(([name, value]): Shape => ['Parameter', { name, value }, []]),
    ],
  ];
}

function officeDesignCaller(CallSid: string) {
  return {
    ParentCallSid: CallSid,
    CallerNumber: SEED.numbers.decoAddict,
    // The person (the lead's customer); the lead's title is the record's name.
    CallerName: 'Deco Addict',
    OdooModel: 'crm.lead',
    OdooId: String(SEED.leads.officeDesign),
    OdooName: 'Office Design Project',
    OdooUrl: OFFICE_DESIGN_URL,
  };
}

/** The identities a `<Dial>` rings. */
const rung = (dial: XmlElement) => dial.children.map((child) => shape(child as XmlElement)[2][0]![2][0]);

describe('POST /twiml/inbound and its steps', () => {
  it('rings the caller’s salesperson alone first, telling the toast who is calling', async () => {
    const h = harness();
    const marc = await h.signIn('marc', { ringable: true });
    await h.signIn('camille', { ringable: true });
    const CallSid = newCallSid();
    const document = await twimlOf(await inbound(h, CallSid, SEED.numbers.decoAddict));
    expect(shape(document)).toEqual([
      'Response',
      {},
      [
        [
          'Dial',
          {
            answerOnBridge: 'true',
            timeout: '20',
            action: `${WORKER_URL}/twiml/inbound/after-owner`,
            method: 'POST',
          },
          [client(`odoo_${marc.uid}`, officeDesignCaller(CallSid))],
        ],
      ],
    ]);
    expect(await h.callRow(CallSid)).toMatchObject({
      direction: 'inbound',
      from_number: SEED.numbers.decoAddict,
      record_model: 'crm.lead',
      record_id: SEED.leads.officeDesign,
      record_name: 'Office Design Project',
      caller_name: 'Deco Addict',
      owner_uid: marc.uid,
      matched_count: 2,
    });
  });

  it.each([
    ['a lead’s contact person', SEED.numbers.bueromoebel, 'Anna Weber', 'crm.lead'],
    ['a contact by their name', '+4915123456789', 'Brauhaus Schmidt GmbH, Jonas Schmidt', 'res.partner'],
  ])('names %s as the caller, and the record by its own name', async (_, number, callerName, model) => {
    const h = harness();
    await h.signIn('camille', { ringable: true });
    const [dial] = (await twimlOf(await inbound(h, newCallSid(), number))).children as XmlElement[];
    const parameters = Object.fromEntries(
      (shape(dial!)[2][0] as Shape)[2]
        .slice(1)
        .map((parameter) => [(parameter as Shape)[1].name, (parameter as Shape)[1].value]),
    );
    const [record] = h.odoo.searchRead(model, [['id', '=', Number(parameters.OdooId)]], ['display_name']);
    expect(parameters).toMatchObject({ CallerName: callerName, OdooModel: model });
    expect(parameters.OdooName).toBe(record!.display_name);
  });

  it('then rings everyone else who can take it, then voicemail, then hangs up', async () => {
    const h = harness();
    await h.signIn('marc', { ringable: true });
    const camille = await h.signIn('camille', { ringable: true });
    const lucas = await h.signIn('lucas', { ringable: true });
    const CallSid = newCallSid();
    await inbound(h, CallSid, SEED.numbers.decoAddict);

    const everyone = await twimlOf(await dialEnded(h, 'after-owner', CallSid, 'no-answer'));
    const [dial] = everyone.children as XmlElement[];
    expect(dial!.attributes).toEqual({
      answerOnBridge: 'true',
      action: `${WORKER_URL}/twiml/inbound/after-everyone`,
      method: 'POST',
    });
    expect(new Set(rung(dial!))).toEqual(new Set([`odoo_${camille.uid}`, `odoo_${lucas.uid}`]));
    expect((shape(dial!)[2][0] as Shape)[2].slice(1)).toEqual(
      Object.entries(officeDesignCaller(CallSid)).map(([name, value]) => ['Parameter', { name, value }, []]),
    );

    const voicemail = await twimlOf(await dialEnded(h, 'after-everyone', CallSid, 'no-answer'));
    expect(shape(voicemail)).toEqual([
      'Response',
      {},
      [
        [
          'Say',
          { language: 'en-US' },
          [
            'Nobody can take your call right now. Please leave a message after the tone: it will be recorded.',
          ],
        ],
        [
          'Record',
          {
            action: `${WORKER_URL}/twiml/inbound/voicemail-done`,
            method: 'POST',
            maxLength: '120',
            playBeep: 'true',
            recordingStatusCallback: `${WORKER_URL}/webhooks/recording`,
            recordingStatusCallbackEvent: 'completed',
            recordingStatusCallbackMethod: 'POST',
          },
          [],
        ],
      ],
    ]);
    const done = await twimlOf(
      await h.postAsTwilio('/twiml/inbound/voicemail-done', { CallSid, RecordingUrl: 'https://x.test/r' }),
    );
    expect(shape(done)[2].map((verb) => (verb as Shape)[0])).toEqual(['Say', 'Hangup']);
  });

  it.each([
    ['after-owner', 'completed'],
    ['after-everyone', 'completed'],
    ['after-everyone', 'answered'],
  ])('hangs up after %s when the dial ended %s (someone took the call)', async (step, status) => {
    const h = harness();
    await h.signIn('camille', { ringable: true });
    const CallSid = newCallSid();
    await inbound(h, CallSid, SEED.numbers.decoAddict);
    expect(shape(await twimlOf(await dialEnded(h, step, CallSid, status)))).toEqual([
      'Response',
      {},
      [['Hangup', {}, []]],
    ]);
  });

  it('rings everyone at once when the salesperson cannot take calls now', async () => {
    const h = harness();
    const marc = await h.signIn('marc', { ringable: true });
    await h.makeRingable(marc.uid, { status: 'dnd' });
    const camille = await h.signIn('camille', { ringable: true });
    const CallSid = newCallSid();
    const [dial] = (await twimlOf(await inbound(h, CallSid, SEED.numbers.decoAddict)))
      .children as XmlElement[];
    expect(dial!.attributes.action).toBe(`${WORKER_URL}/twiml/inbound/after-everyone`);
    expect(dial!.attributes.timeout).toBeUndefined();
    expect(rung(dial!)).toEqual([`odoo_${camille.uid}`]);
  });

  it.each([
    ['do not disturb', { status: 'dnd' }],
    ['a Device not registered', { registered: false }],
    ['presence expired (browser closed)', { expiresInMs: -1000 }],
  ])('does not ring an agent with %s', async (_, presence) => {
    const h = harness();
    const camille = await h.signIn('camille', { ringable: true });
    const lucas = await h.signIn('lucas', { ringable: true });
    await h.makeRingable(lucas.uid, presence);
    const [dial] = (await twimlOf(await inbound(h, newCallSid(), SEED.numbers.unknown)))
      .children as XmlElement[];
    expect(rung(dial!)).toEqual([`odoo_${camille.uid}`]);
  });

  it('does not ring agents who never reported presence, whose token expired, or who are on a call', async () => {
    const h = harness();
    const camille = await h.signIn('camille', { ringable: true });
    await h.signIn('sarah'); // signed in, never said she is available
    const lucas = await h.signIn('lucas', { ringable: true });
    await h.travel(0);
    await rowsOf('UPDATE agents SET token_expires_at = ?2 WHERE uid = ?1', lucas.uid, Date.now() - 1000);
    // Camille is on another call.
    const busy = newCallSid();
    await inbound(h, busy, SEED.numbers.unknown);
    await deliverCallbacks(
      h,
      callbacks({ sid: busy, leg: newCallSid(), to: `client:odoo_${camille.uid}` }, 'answered').slice(0, 3),
    );
    const document = await twimlOf(await inbound(h, newCallSid(), SEED.numbers.unknown));
    expect(document.children.map((verb) => (verb as XmlElement).name)).toEqual(['Say', 'Record']);
  });

  it(`rings at most ${MAX_AGENTS_RUNG} agents, the most recently active first`, async () => {
    const h = harness();
    const now = Date.now();
    for (let uid = 101; uid <= 100 + MAX_AGENTS_RUNG + 2; uid += 1) {
      await rowsOf(
        `INSERT INTO agents (uid, identity, login, name, signed_in_at, last_token_at, token_expires_at,
                             presence_status, presence_registered, presence_expires_at)
         VALUES (?1, ?5, ?5, 'Agent', ?2, ?3, ?4, 'available', 1, ?4)`,
        uid,
        now,
        now - uid * 1000,
        now + 3600_000,
        `odoo_${uid}`,
      );
      await rowsOf(
        `INSERT INTO sessions (id, uid, created_at, expires_at) VALUES ('session-' || ?1, ?1, ?2, ?3)`,
        uid,
        now,
        now + 3600_000,
      );
    }
    const [dial] = (await twimlOf(await inbound(h, newCallSid(), SEED.numbers.unknown)))
      .children as XmlElement[];
    expect(rung(dial!)).toEqual(Array.from({ length: MAX_AGENTS_RUNG }, (_, i) => `odoo_${101 + i}`));
  });

  it('greets callers in the company’s language when nobody can answer', async () => {
    const h = harness();
    h.settings.COMPANY_LANGUAGE = 'fr';
    const document = await twimlOf(await inbound(h, newCallSid(), SEED.numbers.unknown));
    const [say] = document.children as XmlElement[];
    expect(shape(say!)).toEqual([
      'Say',
      { language: 'fr-FR' },
      [
        'Personne ne peut prendre votre appel pour le moment. Laissez un message après le bip : il sera enregistré.',
      ],
    ]);
  });

  it('passes a hostile caller id to the agent as text, and asks Odoo nothing about it', async () => {
    const h = harness();
    const camille = await h.signIn('camille', { ringable: true });
    const From = '"/><Client>odoo_666</Client><Parameter name="x" value="';
    const CallSid = newCallSid();
    const [dial] = (await twimlOf(await inbound(h, CallSid, From))).children as XmlElement[];
    expect(shape(dial!)[2]).toEqual([
      client(`odoo_${camille.uid}`, { ParentCallSid: CallSid, CallerNumber: From }),
    ]);
    expect(h.odoo.calls).toEqual([]);
  });
});

describe('naming the caller within the time budget', () => {
  it('rings everyone without a name when Odoo is slower than the budget, and names the next call from the cache', async () => {
    const h = harness();
    h.settings.CALLER_LOOKUP_BUDGET_MS = '150';
    const camille = await h.signIn('camille', { ringable: true });
    await h.odoo.fail({ kind: 'slow', delayMs: 600, times: 2 });
    const first = newCallSid();
    const { response, background } = await h.postAsTwilioNow('/twiml/inbound', {
      CallSid: first,
      From: SEED.numbers.decoAddict,
      To: '+33140000000',
    });
    // The caller hears ringing before Odoo has named anyone…
    expect(h.odoo.calls.some((rpc) => rpc.method === 'search_read')).toBe(false);
    const [dial] = (await twimlOf(response)).children as XmlElement[];
    expect(shape(dial!)[2]).toEqual([
      client(`odoo_${camille.uid}`, { ParentCallSid: first, CallerNumber: SEED.numbers.decoAddict }),
    ]);
    // …and the look-up goes on, and is kept for the next call.
    await background;
    expect(await rowsOf('SELECT number, record_model, record_id FROM caller_lookups')).toEqual([
      { number: SEED.numbers.decoAddict, record_model: 'crm.lead', record_id: SEED.leads.officeDesign },
    ]);

    const before = h.odoo.calls.length;
    const second = newCallSid();
    const [named] = (await twimlOf(await inbound(h, second, SEED.numbers.decoAddict)))
      .children as XmlElement[];
    expect(shape(named!)[2]).toEqual([client(`odoo_${camille.uid}`, officeDesignCaller(second))]);
    expect(h.odoo.calls.length).toBe(before);
  });

  it('asks Odoo once for a number nobody has, then remembers that too', async () => {
    const h = harness();
    await h.signIn('camille', { ringable: true });
    await inbound(h, newCallSid(), SEED.numbers.unknown);
    const asked = h.odoo.calls.length;
    expect(asked).toBeGreaterThan(0);
    await inbound(h, newCallSid(), SEED.numbers.unknown);
    expect(h.odoo.calls.length).toBe(asked);
  });

  it('asks again once the cached look-up is five minutes old', async () => {
    const h = harness();
    await h.signIn('camille', { ringable: true });
    await inbound(h, newCallSid(), SEED.numbers.unknown);
    const asked = h.odoo.calls.length;
    await h.travel(301);
    await h.makeRingable((await h.signIn('camille')).uid);
    await inbound(h, newCallSid(), SEED.numbers.unknown);
    expect(h.odoo.calls.length).toBeGreaterThan(asked);
  });

  it('rings without a name when Odoo is down', async () => {
    const h = harness();
    const camille = await h.signIn('camille', { ringable: true });
    await h.odoo.fail({ kind: 'down' });
    const CallSid = newCallSid();
    const [dial] = (await twimlOf(await inbound(h, CallSid, SEED.numbers.decoAddict)))
      .children as XmlElement[];
    expect(shape(dial!)[2]).toEqual([
      client(`odoo_${camille.uid}`, { ParentCallSid: CallSid, CallerNumber: SEED.numbers.decoAddict }),
    ]);
    expect(await rowsOf('SELECT * FROM caller_lookups')).toEqual([]);
  });
});

describe('inbound calls in Odoo', () => {
  /** An inbound call from the Deco Addict number that rang Marc (its salesperson). */
  async function ringMarc(h: SyncHarness): Promise<TestCall> {
    const marc = await h.signIn('marc', { ringable: true });
    const sid = newCallSid();
    await inbound(h, sid, SEED.numbers.decoAddict);
    return { sid, leg: newCallSid(), to: `client:odoo_${marc.uid}` };
  }

  it('logs a missed call on the caller’s lead, in the company’s language, and shows it to its salesperson', async () => {
    const h = harness();
    h.settings.COMPANY_LANGUAGE = 'fr';
    const call = await ringMarc(h);
    await deliverCallbacks(h, callbacks(call, 'no-answer'));
    await h.travel(121);
    await h.drain();
    const [note, ...others] = h.postedFor(call.sid);
    expect(others).toEqual([]);
    expect(note).toMatchObject({
      model: 'crm.lead',
      res_id: SEED.leads.officeDesign,
      author: SEED.partners.service,
    });
    expect(note!.body).toContain('<b>Appel entrant</b>');
    expect(note!.body).toContain("État de l'appel: Manqué");
    expect(note!.body).not.toContain('Commercial');
    expect(note!.body).toContain(`Trouvé par le numéro ${SEED.numbers.decoAddict} : 2 pistes ouvertes`);
    const marc = await h.signIn('marc');
    const [summary] = await h.history(marc);
    expect(summary).toMatchObject({
      callSid: call.sid,
      direction: 'inbound',
      outcome: 'no_answer',
      logStatus: 'logged',
      record: {
        model: 'crm.lead',
        id: SEED.leads.officeDesign,
        name: 'Office Design Project',
        url: OFFICE_DESIGN_URL,
      },
    });
  });

  it('logs a voicemail with its link as soon as the recording is in', async () => {
    const h = harness();
    const call = await ringMarc(h);
    await deliverCallbacks(h, callbacks(call, 'no-answer'));
    await h.drain();
    expect(h.postedFor(call.sid)).toEqual([]);
    const RecordingSid = `RE${'c'.repeat(32)}`;
    const RecordingUrl = `https://api.twilio.com/2010-04-01/Accounts/AC${'0'.repeat(32)}/Recordings/${RecordingSid}`;
    const response = await h.postAsTwilio('/webhooks/recording', {
      AccountSid: TEST_SETTINGS.TWILIO_ACCOUNT_SID,
      CallSid: call.sid,
      RecordingSid,
      RecordingUrl,
      RecordingStatus: 'completed',
      RecordingDuration: '17',
      RecordingSource: 'RecordVerb',
    });
    expect(response.status).toBe(204);
    await h.drain();
    const [note] = h.postedFor(call.sid);
    expect(note!.body).toContain('Call status: Voicemail left');
    expect(note!.body).toContain(`<li>Voicemail: <a href="${RecordingUrl}">Listen (17 s)</a></li>`);
    const marc = await h.signIn('marc');
    expect((await h.history(marc))[0]).toMatchObject({ outcome: 'voicemail', logStatus: 'logged' });
  });

  it('logs an answered call as the agent who took it, who may wrap it up with their own leg’s sid', async () => {
    const h = harness();
    const call = await ringMarc(h);
    const camille = await h.signIn('camille', { ringable: true });
    const taken: TestCall = { ...call, to: `client:odoo_${camille.uid}` };
    const [initiated, ringing, inProgress, ...end] = callbacks(taken, 'answered', 30);
    await deliverCallbacks(h, [initiated!, ringing!, inProgress!]);
    expect(
      (await wrapUp(h, camille, taken.leg, { disposition: 'interested', note: 'Veut un devis.' })).status,
    ).toBe(200);
    await deliverCallbacks(h, end);
    await h.drain();
    const [note] = h.postedFor(call.sid);
    expect(note).toMatchObject({
      model: 'crm.lead',
      res_id: SEED.leads.officeDesign,
      author: camille.partnerId,
    });
    expect(note!.body).toContain('<b>Appel entrant</b>');
    expect(note!.body).toContain('Commercial: Camille Martin');
    expect(note!.body).toContain('Résultat: Intéressé');
  });
});
