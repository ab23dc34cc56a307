import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { twilioSignature } from '../../support/twilio-emulator/signature.ts';

const AUTH_TOKEN = 'emulator-test-auth-token';

describe('twilioSignature', () => {
  it.each([
    ['no parameters', 'https://worker.example/twiml/outbound', {}],
    [
      'a status callback',
      'https://worker.example/webhooks/call-status',
      {
        CallSid: `CA${'0'.repeat(32)}`,
        CallStatus: 'completed',
        SequenceNumber: '3',
        Timestamp: 'Tue, 21 Nov 2023 13:37:00 +0000',
      },
    ],
    [
      'names that sort by code unit (upper case first) and non-ASCII values',
      'http://127.0.0.1:8787/twiml/inbound?source=émulateur',
      { b: '2', B: '1', To: '+33 1 23 45 67 89', CallerName: 'Hélène Dupré & Fils', a: '' },
    ],
  ])('equals the twilio package for %s', (_, url, params) => {
    const signature = twilioSignature(AUTH_TOKEN, url, params);
    expect(signature).toBe(twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, params));
    expect(twilio.validateRequest(AUTH_TOKEN, signature, url, params)).toBe(true);
  });

  it('changes with the auth token, the URL and any parameter', () => {
    const params = { CallSid: 'CA1', To: '+33123456789' };
    const signature = twilioSignature(AUTH_TOKEN, 'https://a.example/x', params);
    expect(twilioSignature('other-token', 'https://a.example/x', params)).not.toBe(signature);
    expect(twilioSignature(AUTH_TOKEN, 'https://a.example/y', params)).not.toBe(signature);
    expect(twilioSignature(AUTH_TOKEN, 'https://a.example/x', { ...params, To: '+33123456780' })).not.toBe(
      signature,
    );
  });
});
