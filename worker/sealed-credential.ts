/**
 * The agent's Odoo password or API key, kept while their session lives so that the worker can
 * ask Odoo *as the agent* which records they may read (docs/security.md, "Which records a call
 * may touch"). Sealed with AES-256-GCM under a key derived (HKDF-SHA-256) from SESSION_SECRET:
 * D1 alone (a backup, an export) never reveals it. The session's id and the agent's uid are the
 * associated data, so a sealed credential copied to another row does not open.
 */

const encoder = new TextEncoder();
const KEY_INFO = encoder.encode('odoo-click-to-call:agent-credential:v1');
const IV_BYTES = 12;

async function sealingKey(secret: string): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: KEY_INFO },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

const associatedData = (owner: { uid: number; sessionId: string }) =>
  encoder.encode(`${owner.uid}:${owner.sessionId}`);

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export async function sealCredential(
  secret: string,
  owner: { uid: number; sessionId: string },
  credential: string,
): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: associatedData(owner) },
    await sealingKey(secret),
    encoder.encode(credential),
  );
  const out = new Uint8Array(IV_BYTES + sealed.byteLength);
  out.set(iv);
  out.set(new Uint8Array(sealed), IV_BYTES);
  return toBase64(out);
}

/** The credential, or null when it does not open (another secret, another row, damaged). */
export async function openCredential(
  secret: string,
  owner: { uid: number; sessionId: string },
  sealed: string,
): Promise<string | null> {
  try {
    const bytes = Uint8Array.from(atob(sealed), (character) => character.charCodeAt(0));
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes.slice(0, IV_BYTES), additionalData: associatedData(owner) },
      await sealingKey(secret),
      bytes.slice(IV_BYTES),
    );
    return new TextDecoder().decode(plain);
  } catch {
    return null;
  }
}
