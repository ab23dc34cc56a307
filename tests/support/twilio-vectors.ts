/**
 * Requests as Twilio sends them to the worker, for signature tests. Their signatures are recorded
 * with the `twilio` package (`getExpectedTwilioSignature`) into tests/fixtures/twilio-signed-requests.json
 * by `npx tsx tests/support/record-twilio-vectors.ts`; a unit test checks the file is current,
 * and the worker tests (in workerd, where the package does not run) replay it.
 */

export interface TwilioRequestVector {
  name: string;
  /** Path and query, appended to PUBLIC_URL. */
  path: string;
  /** Form parameters in the order they are posted. */
  params: [string, string][];
}

export interface SignedTwilioRequestVector extends TwilioRequestVector {
  signature: string;
}

/** PUBLIC_URL and TWILIO_AUTH_TOKEN of tests/worker/settings.ts. */
export const VECTOR_PUBLIC_URL = 'https://calls.example.test';
export const VECTOR_AUTH_TOKEN = 'test-auth-token';

const ACCOUNT_SID = `AC${'0'.repeat(32)}`;
export const VECTOR_AGENT_UID = 7;
export const VECTOR_OUTBOUND_SID = `CA${'0'.repeat(30)}a1`;
export const VECTOR_INBOUND_SID = `CA${'0'.repeat(30)}b1`;
export const VECTOR_CHILD_SID = `CA${'0'.repeat(30)}c1`;

export const TWILIO_REQUEST_VECTORS: TwilioRequestVector[] = [
  {
    name: 'outbound call from an agent browser',
    path: '/twiml/outbound',
    params: [
      ['AccountSid', ACCOUNT_SID],
      ['ApiVersion', '2010-04-01'],
      ['ApplicationSid', `AP${'0'.repeat(32)}`],
      ['CallSid', VECTOR_OUTBOUND_SID],
      ['CallStatus', 'ringing'],
      ['Called', ''],
      ['Caller', `client:odoo_${VECTOR_AGENT_UID}`],
      ['Direction', 'inbound'],
      ['From', `client:odoo_${VECTOR_AGENT_UID}`],
      ['To', '+33612345678'],
      ['OdooModel', 'crm.lead'],
      ['OdooId', '14'],
      // A custom parameter with everything form encoding and sorting can trip on.
      ['Zz_Note', 'Zoë & Ünïcode <x> "q" +%20 ; = ? 😀'],
    ],
  },
  {
    name: 'inbound call to a company number',
    path: '/twiml/inbound',
    params: [
      ['AccountSid', ACCOUNT_SID],
      ['ApiVersion', '2010-04-01'],
      ['CallSid', VECTOR_INBOUND_SID],
      ['CallStatus', 'ringing'],
      ['Called', '+33140000000'],
      ['Caller', '+3210588558'],
      ['Direction', 'inbound'],
      ['From', '+3210588558'],
      ['To', '+33140000000'],
      ['FromCountry', 'BE'],
    ],
  },
  {
    name: 'status callback of a dialled leg, with a query string',
    path: '/webhooks/call-status?attempt=1&note=a%20b',
    params: [
      ['AccountSid', ACCOUNT_SID],
      ['ApiVersion', '2010-04-01'],
      ['CallSid', VECTOR_CHILD_SID],
      ['CallStatus', 'ringing'],
      ['Direction', 'outbound-dial'],
      ['From', '+33140000000'],
      ['ParentCallSid', VECTOR_OUTBOUND_SID],
      ['SequenceNumber', '1'],
      ['Timestamp', 'Thu, 01 Jan 2026 10:00:05 +0000'],
      ['To', '+33612345678'],
      ['CallbackSource', 'call-progress-events'],
    ],
  },
];
