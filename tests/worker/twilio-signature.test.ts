import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { cacheLookup } from '../../worker/db/caller-lookups';
import type { SignedTwilioRequestVector } from '../support/twilio-vectors';
import { VECTOR_AGENT_UID } from '../support/twilio-vectors';
import { TEST_SETTINGS } from './settings';
import { seedAgent } from './support/agents';
import { installStrictFetch } from './support/fake-fetch';
import { SIGNED_VECTORS, signTwilio, twilioInit } from './support/twilio';
import {
  callWorker,
  callWorkerWith,
  clearDatabase,
  databaseSnapshot,
  expectApiError,
} from './support/worker';

installStrictFetch();
beforeEach(async () => {
  await clearDatabase();
  // What the recorded requests need to succeed: agent 7 signed in, with a live token, and the
  // inbound caller looked up a moment ago (a cached miss: these tests are not about Odoo).
  await seedAgent(VECTOR_AGENT_UID, { tokenExpiresAt: Date.now() + 3600_000 });
  await cacheLookup(env.DB, '+3210588558', null, Date.now());
});

/** The same character class, one step away: a single-character change that keeps the text plausible. */
function changed(character: string): string {
  if (/[a-y]|[A-Y]|[0-8]/.test(character)) return String.fromCharCode(character.charCodeAt(0) + 1);
  if (/[zZ9]/.test(character)) return String.fromCharCode(character.charCodeAt(0) - 1);
  return character === 'x' ? 'y' : 'x';
}

function* singleCharacterChanges(text: string): Generator<string> {
  const characters = [...text];
  for (let i = 0; i < characters.length; i += 1) {
    yield [...characters.slice(0, i), changed(characters[i]!), ...characters.slice(i + 1)].join('');
  }
}

/** Sends the recorded request, or a changed copy (straight to the app: these tests send ~1000). */
function send(
  vector: SignedTwilioRequestVector,
  changes: Partial<SignedTwilioRequestVector> = {},
): Promise<Response> {
  const { path, params, signature } = { ...vector, ...changes };
  return callWorkerWith({}, path, twilioInit(params, signature));
}

const SUCCESS: Record<string, number> = {
  '/twiml/outbound': 200,
  '/twiml/inbound': 200,
  '/webhooks/call-status': 204,
};
const successOf = (vector: SignedTwilioRequestVector) => SUCCESS[vector.path.split('?')[0]!]!;

describe.each(SIGNED_VECTORS)('signature of $name', (vector) => {
  it('passes as the twilio package signed it', async () => {
    expect((await callWorker(vector.path, twilioInit(vector.params, vector.signature))).status).toBe(
      successOf(vector),
    );
  });

  it('fails, changing nothing, for every single-character change of a parameter name or value', async () => {
    const before = await databaseSnapshot();
    for (const [index, [name, value]] of vector.params.entries()) {
      const variants = [
        ...[...singleCharacterChanges(name)].map((other) => [other, value] as [string, string]),
        ...[...singleCharacterChanges(value)].map((other) => [name, other] as [string, string]),
        [name, `${value}x`] as [string, string],
      ];
      for (const param of variants) {
        const params = vector.params.map((original, i) => (i === index ? param : original));
        await expectApiError(await send(vector, { params }), 403, 'forbidden');
      }
    }
    expect(await databaseSnapshot()).toEqual(before);
  });

  it('fails when a parameter is added or removed', async () => {
    await expectApiError(
      await send(vector, { params: [...vector.params, ['Extra', '1']] }),
      403,
      'forbidden',
    );
    for (let i = 0; i < vector.params.length; i += 1) {
      const params = vector.params.filter((_, index) => index !== i);
      await expectApiError(await send(vector, { params }), 403, 'forbidden');
    }
  });

  it('fails for every single-character change of the signature, and without one', async () => {
    const before = await databaseSnapshot();
    for (const signature of singleCharacterChanges(vector.signature)) {
      await expectApiError(await send(vector, { signature }), 403, 'forbidden');
    }
    for (const signature of [
      '',
      vector.signature.slice(0, -1),
      `${vector.signature}=`,
      vector.signature.toLowerCase(),
    ]) {
      await expectApiError(await send(vector, { signature }), 403, 'forbidden');
    }
    await expectApiError(await send(vector, { signature: null as unknown as string }), 403, 'forbidden');
    expect(await databaseSnapshot()).toEqual(before);
  });

  it('fails for every single-character change of the path and query it was signed for', async () => {
    const before = await databaseSnapshot();
    for (const path of singleCharacterChanges(vector.path)) {
      // A changed path may name no route at all (404); it never succeeds.
      const response = await send(vector, { path });
      expect([403, 404], `${path} → ${response.status}`).toContain(response.status);
    }
    // Same route, one more query parameter: routed, and refused by the signature check.
    const withExtraQuery = `${vector.path}${vector.path.includes('?') ? '&' : '?'}x=1`;
    await expectApiError(await send(vector, { path: withExtraQuery }), 403, 'forbidden');
    expect(await databaseSnapshot()).toEqual(before);
  });

  it('fails for every single-character change of the public URL it was signed for', async () => {
    const before = await databaseSnapshot();
    for (const publicUrl of singleCharacterChanges(TEST_SETTINGS.PUBLIC_URL)) {
      const response = await callWorkerWith(
        { PUBLIC_URL: publicUrl },
        vector.path,
        twilioInit(vector.params, vector.signature),
      );
      // A change that makes PUBLIC_URL unusable is a configuration error (503): still no success.
      expect([403, 503], `${publicUrl} → ${response.status}`).toContain(response.status);
    }
    expect(await databaseSnapshot()).toEqual(before);
  });

  it('fails when signed with another auth token', async () => {
    const signature = await signTwilio(vector.path, vector.params, `${TEST_SETTINGS.TWILIO_AUTH_TOKEN}x`);
    await expectApiError(await send(vector, { signature }), 403, 'forbidden');
  });

  it('changes nothing when replayed', async () => {
    expect((await send(vector)).status).toBe(successOf(vector));
    const after = await databaseSnapshot();
    expect((await send(vector)).status).toBe(successOf(vector));
    expect(await databaseSnapshot()).toEqual(after);
  });
});

describe('the signature middleware', () => {
  it('answers 503 naming the settings it needs, without checking anything', async () => {
    const [vector] = SIGNED_VECTORS;
    const response = await callWorkerWith(
      { TWILIO_AUTH_TOKEN: undefined },
      vector!.path,
      twilioInit(vector!.params, vector!.signature),
    );
    const error = await expectApiError(response, 503, 'not_configured');
    expect(error.error.details).toEqual({ missing: ['TWILIO_AUTH_TOKEN'] });
  });

  it('answers 415 to a signed request that is not a form post', async () => {
    const [vector] = SIGNED_VECTORS;
    const response = await callWorker(vector!.path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Twilio-Signature': vector!.signature },
      body: JSON.stringify(Object.fromEntries(vector!.params)),
    });
    await expectApiError(response, 415, 'unsupported_media_type');
  });
});
