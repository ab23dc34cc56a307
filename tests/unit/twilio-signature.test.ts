import { readFileSync } from 'node:fs';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import {
  computeTwilioSignature,
  constantTimeEqual,
  isValidTwilioSignature,
  signedPayload,
} from '../../worker/twilio/signature';
import { oracleSignature, paramsObject, signVectorsWithTwilio } from '../support/twilio-oracle';
import { VECTOR_AUTH_TOKEN, VECTOR_PUBLIC_URL } from '../support/twilio-vectors';

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/twilio-signed-requests.json', import.meta.url), 'utf8'),
) as unknown;

/** Deterministic pseudo-random strings, so a failure can be replayed. */
function* randomCases(count: number): Generator<{ url: string; params: [string, string][] }> {
  let seed = 42;
  const next = (limit: number): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed % limit;
  };
  const alphabet = 'aZ09 _-.~!*\'()&=+?/%;:@#"<>\\éü€😀\t\n';
  const word = (maxLength: number): string =>
    Array.from({ length: next(maxLength) + 1 }, () => [...alphabet][next([...alphabet].length)]).join('');
  for (let i = 0; i < count; i += 1) {
    const params: [string, string][] = Array.from({ length: next(8) }, () => [word(10), word(30)]);
    yield { url: `${VECTOR_PUBLIC_URL}/webhooks/call-status?${encodeURIComponent(word(12))}=1`, params };
  }
}

describe('Twilio request signatures', () => {
  it('equal the twilio package’s for the recorded requests', async () => {
    for (const vector of signVectorsWithTwilio()) {
      const url = `${VECTOR_PUBLIC_URL}${vector.path}`;
      expect(await computeTwilioSignature(VECTOR_AUTH_TOKEN, url, vector.params), vector.name).toBe(
        vector.signature,
      );
    }
  });

  it('equal the twilio package’s for 300 random requests, repeated names included', async () => {
    for (const { url, params } of randomCases(300)) {
      if (params.length > 1) params.push([params[0]![0], 'second value']);
      const ours = await computeTwilioSignature(VECTOR_AUTH_TOKEN, url, params);
      expect(ours).toBe(oracleSignature(VECTOR_AUTH_TOKEN, url, params));
      expect(twilio.validateRequest(VECTOR_AUTH_TOKEN, ours, url, paramsObject(params))).toBe(true);
    }
  });

  it('recorded fixture is what the twilio package signs today', () => {
    expect(fixture).toEqual(signVectorsWithTwilio());
  });

  it('sign the URL followed by the parameters sorted by name', () => {
    expect(
      signedPayload('https://x.test/a?b=1', [
        ['To', '+1'],
        ['CallSid', 'CA1'],
        ['From', 'client:odoo_1'],
      ]),
    ).toBe('https://x.test/a?b=1CallSidCA1Fromclient:odoo_1To+1');
  });

  it('are checked against the exact string sent, so re-encoded signatures fail', async () => {
    const url = `${VECTOR_PUBLIC_URL}/twiml/inbound`;
    const params: [string, string][] = [['CallSid', 'CA1']];
    const signature = await computeTwilioSignature(VECTOR_AUTH_TOKEN, url, params);
    expect(await isValidTwilioSignature(VECTOR_AUTH_TOKEN, url, params, signature)).toBe(true);
    // SHA-1 is 20 bytes: the 27th base64 character carries 2 unused bits that decoders ignore.
    const last = signature[26]!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const sibling = alphabet[alphabet.indexOf(last) ^ 1]!;
    const reencoded = `${signature.slice(0, 26)}${sibling}${signature.slice(27)}`;
    expect(reencoded).not.toBe(signature);
    expect(await isValidTwilioSignature(VECTOR_AUTH_TOKEN, url, params, reencoded)).toBe(false);
    expect(await isValidTwilioSignature(VECTOR_AUTH_TOKEN, url, params, `${signature} `)).toBe(false);
    expect(await isValidTwilioSignature(VECTOR_AUTH_TOKEN, url, params, '')).toBe(false);
  });

  it('compare strings in constant time without being fooled by length', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });
});
