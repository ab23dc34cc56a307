import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import manifest from '../../manifest.config.ts';
import { EXTENSION_ID } from '../../shared/extension-id';

/** Chrome's rule: sha256 of the DER public key, first 32 hex digits mapped 0-f → a-p. */
function extensionIdFromKey(base64Key: string): string {
  const hex = createHash('sha256').update(Buffer.from(base64Key, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
}

describe('extension key', () => {
  it('yields the EXTENSION_ID that admins put in CORS and policy', async () => {
    const resolved = await (typeof manifest === 'function'
      ? manifest({ command: 'build', mode: 'production' })
      : manifest);
    expect(resolved.key).toBeTypeOf('string');
    expect(extensionIdFromKey(resolved.key as string)).toBe(EXTENSION_ID);
  });
});
