/** Agents who signed in, seeded straight into D1, with their sessions. */
import { env } from 'cloudflare:workers';
import { recordStanding, upsertAgent } from '../../../worker/db/agents';
import { insertSession } from '../../../worker/db/sessions';
import { sealCredential } from '../../../worker/sealed-credential';
import { createSession } from '../../../worker/session';
import { TEST_SETTINGS } from '../settings';

export interface TestAgent {
  uid: number;
  session: string;
  /** The session's id (its row in D1). */
  sessionId: string;
  authorization: { Authorization: string };
}

export async function seedAgent(
  uid: number,
  options: {
    lang?: string;
    tokenExpiresAt?: number;
    lastTokenAt?: number;
    /** The Odoo password or API key kept (sealed) with the session, as sign-in keeps it. */
    credential?: string;
  } = {},
): Promise<TestAgent> {
  const now = Date.now();
  await upsertAgent(
    env.DB,
    {
      uid,
      login: `agent${uid}@example.test`,
      name: `Agent ${uid}`,
      partnerId: uid + 100,
      lang: options.lang ?? 'en_US',
    },
    now,
  );
  // Checked in Odoo at sign-in, as the sign-in route does: /token has no reason to ask again yet.
  await recordStanding(env.DB, uid, 'ok', now);
  if (options.tokenExpiresAt !== undefined) {
    await env.DB.prepare('UPDATE agents SET last_token_at = ?2, token_expires_at = ?3 WHERE uid = ?1')
      .bind(uid, options.lastTokenAt ?? now, options.tokenExpiresAt)
      .run();
  }
  const session = await createSession(
    TEST_SETTINGS.SESSION_SECRET,
    { uid, login: `agent${uid}@example.test` },
    Math.floor(now / 1000),
  );
  await insertSession(env.DB, {
    id: session.id,
    uid,
    createdAt: now,
    expiresAt: session.expiresAt * 1000,
    sealedCredential: options.credential
      ? await sealCredential(TEST_SETTINGS.SESSION_SECRET, { uid, sessionId: session.id }, options.credential)
      : null,
  });
  return {
    uid,
    session: session.token,
    sessionId: session.id,
    authorization: { Authorization: `Bearer ${session.token}` },
  };
}
