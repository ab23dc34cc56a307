/**
 * Forged and mutated Twilio signatures, by the thousand (issue 12, measured in docs/security.md
 * by tests/security/measure.ts): every recorded Twilio request with its signature's every bit
 * flipped, random signatures, signatures made with other auth tokens or for other URLs, and the
 * real signature on changed parameters. None may be accepted, and D1 must not change.
 */
import { env } from 'cloudflare:workers';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { cacheLookup } from '../../worker/db/caller-lookups';
import { computeTwilioSignature } from '../../worker/twilio/signature';
import { VECTOR_AGENT_UID } from '../support/twilio-vectors';
import { TEST_SETTINGS } from './settings';
import { seedAgent } from './support/agents';
import { installStrictFetch } from './support/fake-fetch';
import { mutateForm, pick, reportMeasure, seeded } from './support/fuzz';
import { SIGNED_VECTORS, twilioInit } from './support/twilio';
import { callWorkerWith, clearDatabase, databaseSnapshot } from './support/worker';

installStrictFetch();
beforeEach(async () => {
  await clearDatabase();
  await seedAgent(VECTOR_AGENT_UID, { tokenExpiresAt: Date.now() + 3600_000 });
  await cacheLookup(env.DB, '+3210588558', null, Date.now());
});

const tried: Record<string, { tried: number; accepted: number }> = {};
afterAll(() => reportMeasure('forged-signatures', tried));

const toBytes = (base64: string) => Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

function* forgeries(
  vector: (typeof SIGNED_VECTORS)[number],
  random: () => number,
): Generator<Promise<{ path: string; params: [string, string][]; signature: string }>> {
  const { path, params, signature } = vector;
  const same = (changed: string) => Promise.resolve({ path, params, signature: changed });
  // Every bit of the real signature flipped, one at a time.
  const bytes = toBytes(signature);
  for (let bit = 0; bit < bytes.length * 8; bit += 1) {
    const flipped = bytes.slice();
    flipped[bit >> 3]! ^= 1 << (bit & 7);
    yield same(toBase64(flipped));
  }
  // Random signatures of the right length, and of other lengths.
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < 60; i += 1) {
    const length = i < 40 ? 27 : Math.floor(random() * 60);
    yield same(`${Array.from({ length }, () => pick(random, [...alphabet])).join('')}${i < 40 ? '=' : ''}`);
  }
  // Re-spellings of the real one: case, padding, URL-safe alphabet, doubled, cut. (Whitespace
  // around it is not one: HTTP strips it from header values before anyone reads them.)
  for (const variant of [
    signature.toLowerCase(),
    signature.toUpperCase(),
    signature.replace(/=+$/, ''),
    `${signature}=`,
    signature.replace(/\+/g, '-').replace(/\//g, '_'),
    `${signature}${signature}`,
    signature.slice(0, -1),
    signature.slice(1),
  ]) {
    if (variant !== signature) yield same(variant);
  }
  // Signed properly, but with another auth token.
  for (let i = 0; i < 30; i += 1) {
    const token =
      i === 0 ? 'x' : i === 1 ? `${TEST_SETTINGS.TWILIO_AUTH_TOKEN} ` : `token-${Math.floor(random() * 1e9)}`;
    yield computeTwilioSignature(token, `${TEST_SETTINGS.PUBLIC_URL}${path}`, params).then((forged) => ({
      path,
      params,
      signature: forged,
    }));
  }
  // Signed properly, for another URL than the one it is sent to.
  for (const url of [
    TEST_SETTINGS.PUBLIC_URL.replace('https:', 'http:'),
    `${TEST_SETTINGS.PUBLIC_URL}:443`,
    `${TEST_SETTINGS.PUBLIC_URL}/`,
    TEST_SETTINGS.PUBLIC_URL.toUpperCase(),
    'https://evil.example',
    `${TEST_SETTINGS.PUBLIC_URL}.evil.example`,
  ]) {
    yield computeTwilioSignature(TEST_SETTINGS.TWILIO_AUTH_TOKEN, `${url}${path}`, params).then((forged) => ({
      path,
      params,
      signature: forged,
    }));
  }
  // The real signature on changed parameters.
  for (let i = 0; i < 150; i += 1) {
    const changed = mutateForm(random, params);
    if (JSON.stringify(changed) !== JSON.stringify(params)) {
      yield Promise.resolve({ path, params: changed, signature });
    }
  }
}

describe.each(SIGNED_VECTORS)('forged signatures on $name', (vector) => {
  it('accepts none of them, and changes nothing', async () => {
    const random = seeded(vector.name.length * 7919);
    const before = await databaseSnapshot();
    let count = 0;
    let accepted = 0;
    for (const forgery of forgeries(vector, random)) {
      const { path, params, signature } = await forgery;
      const response = await callWorkerWith({}, path, twilioInit(params, signature));
      count += 1;
      if (response.status !== 403) accepted += 1;
      expect(response.status, `${signature} ${JSON.stringify(params).slice(0, 120)}`).toBe(403);
    }
    tried[vector.path.split('?')[0]!] = { tried: count, accepted };
    expect(count).toBeGreaterThanOrEqual(350);
    expect(await databaseSnapshot()).toEqual(before);
  });
});
