import { beforeEach, describe, expect, it } from 'vitest';
import type { XmlElement } from '../support/xml';
import { TEST_SETTINGS } from './settings';
import { seedAgent } from './support/agents';
import { installStrictFetch } from './support/fake-fetch';
import { newCallSid, postAsTwilio } from './support/twilio';
import { EVENTS, type Shape, STATUS_CALLBACK, shape, twimlOf } from './support/twiml';
import { clearDatabase, databaseSnapshot, rowsOf } from './support/worker';

installStrictFetch();
beforeEach(clearDatabase);

function outbound(params: Record<string, string>): Promise<Response> {
  return postAsTwilio('/twiml/outbound', {
    AccountSid: TEST_SETTINGS.TWILIO_ACCOUNT_SID,
    ApplicationSid: TEST_SETTINGS.TWILIO_TWIML_APP_SID,
    CallStatus: 'ringing',
    Direction: 'inbound',
    ...params,
  });
}

/** A call refused aloud: a `<Say>` in this language saying `text`, then `<Hangup/>`, and no dial. */
function refusal(language: 'en-US' | 'fr-FR', text: RegExp) {
  return async (response: Response) => {
    const [say, hangup, ...rest] = shape(await twimlOf(response))[2] as Shape[];
    expect(rest).toEqual([]);
    expect(say![0]).toBe('Say');
    expect(say![1]).toEqual({ language });
    expect(say![2].join('')).toMatch(text);
    expect(hangup).toEqual(['Hangup', {}, []]);
  };
}

describe('POST /twiml/outbound', () => {
  it('dials an allowed number from the company caller id, with status callbacks', async () => {
    await seedAgent(7);
    const CallSid = newCallSid();
    const document = await twimlOf(await outbound({ CallSid, From: 'client:odoo_7', To: '+33612345678' }));
    expect(shape(document)).toEqual([
      'Response',
      {},
      [
        [
          'Dial',
          { callerId: TEST_SETTINGS.TWILIO_CALLER_ID, answerOnBridge: 'true' },
          [
            [
              'Number',
              { statusCallback: STATUS_CALLBACK, statusCallbackEvent: EVENTS, statusCallbackMethod: 'POST' },
              ['+33612345678'],
            ],
          ],
        ],
      ],
    ]);
  });

  it('stores the call under its CallSid with the agent and the Odoo record it came from', async () => {
    await seedAgent(7);
    const CallSid = newCallSid();
    const before = Date.now();
    await outbound({
      CallSid,
      From: 'client:odoo_7',
      To: '+3210588558',
      OdooModel: 'crm.lead',
      OdooId: '14',
    });
    const [call] = await rowsOf<Record<string, unknown>>('SELECT * FROM calls');
    expect(call).toMatchObject({
      sid: CallSid,
      direction: 'outbound',
      agent_uid: 7,
      from_number: TEST_SETTINGS.TWILIO_CALLER_ID,
      to_number: '+3210588558',
      other_number: '+3210588558',
      record_model: 'crm.lead',
      record_id: 14,
      status: 'initiated',
      outcome: null,
      ended_at: null,
    });
    expect(call!.started_at as number).toBeGreaterThanOrEqual(before);
  });

  it.each([
    ['an unknown model', { OdooModel: 'res.users', OdooId: '2' }],
    ['a model with SQL in it', { OdooModel: "crm.lead'; DROP TABLE calls; --", OdooId: '14' }],
    ['a zero id', { OdooModel: 'crm.lead', OdooId: '0' }],
    ['a negative id', { OdooModel: 'crm.lead', OdooId: '-14' }],
    ['a fractional id', { OdooModel: 'crm.lead', OdooId: '1.5' }],
    ['an id beyond 32 bits', { OdooModel: 'crm.lead', OdooId: '2147483648' }],
    ['an id without a model', { OdooId: '14' }],
    ['a model without an id', { OdooModel: 'crm.lead' }],
  ])('dials but ignores the record when the extension sent %s', async (_, record) => {
    await seedAgent(7);
    const CallSid = newCallSid();
    const document = await twimlOf(
      await outbound({ CallSid, From: 'client:odoo_7', To: '+33612345678', ...record }),
    );
    expect(document.children.map((child) => (child as XmlElement).name)).toEqual(['Dial']);
    expect(await rowsOf('SELECT record_model, record_id FROM calls')).toEqual([
      { record_model: null, record_id: null },
    ]);
  });

  it.each([
    ['+41446681800', 'CH'],
    ['+4915112345678', 'DE'],
    ['+14165550123', 'CA'],
  ])('refuses %s (%s is not allowed), says so, hangs up, and stores nothing', async (To) => {
    await seedAgent(7);
    const response = await outbound({ CallSid: newCallSid(), From: 'client:odoo_7', To });
    await refusal('en-US', /not allowed/)(response);
    expect(await rowsOf('SELECT * FROM calls')).toEqual([]);
  });

  it('refuses in French to an agent whose Odoo language is French', async () => {
    await seedAgent(8, { lang: 'fr_BE' });
    const response = await outbound({ CallSid: newCallSid(), From: 'client:odoo_8', To: '+41446681800' });
    await refusal('fr-FR', /ne sont pas autorisés/)(response);
  });

  it.each([
    ['a national number', '0612345678'],
    ['spaces', '+33 6 12 34 56 78'],
    ['letters', '+33CALLME'],
    ['a premium-rate prefix with no country', '+800123456789'],
    ['nothing', ''],
    ['TwiML injection', '+33612345678</Number><Number>+19005550100'],
    ['attribute injection', '+33612345678" statusCallback="https://evil.example'],
    ['a SIP address', 'sip:attacker@evil.example'],
    ['a client address', 'client:odoo_8'],
  ])('refuses a number with %s without dialling anything', async (_, To) => {
    await seedAgent(7);
    await refusal('en-US', /not valid/)(await outbound({ CallSid: newCallSid(), From: 'client:odoo_7', To }));
    expect(await rowsOf('SELECT * FROM calls')).toEqual([]);
  });

  it('refuses a call without To', async () => {
    await seedAgent(7);
    await refusal('en-US', /not valid/)(await outbound({ CallSid: newCallSid(), From: 'client:odoo_7' }));
  });

  it.each([
    ['an agent who never signed in', 'client:odoo_99'],
    ['a client outside the odoo_ naming', 'client:alice'],
    ['a phone number', '+33612345678'],
    ['nothing', ''],
  ])('refuses calls from %s', async (_, From) => {
    await seedAgent(7);
    await refusal(
      'en-US',
      /not signed in/,
    )(await outbound({ CallSid: newCallSid(), From, To: '+33612345678' }));
    expect(await rowsOf('SELECT * FROM calls')).toEqual([]);
  });

  it('stores a call once when Twilio retries the TwiML request', async () => {
    await seedAgent(7);
    const params = { CallSid: newCallSid(), From: 'client:odoo_7', To: '+33612345678' };
    const first = await (await outbound(params)).text();
    const snapshot = await databaseSnapshot();
    expect(await (await outbound(params)).text()).toBe(first);
    expect(await databaseSnapshot()).toEqual(snapshot);
  });
});
