/** Agents who signed in, seeded straight into D1, with their sessions. */
import { env } from 'cloudflare:workers';
import { upsertAgent } from '../../../worker/db/agents';
import { createSession } from '../../../worker/session';
import { TEST_SETTINGS } from '../settings';

export interface TestAgent {
  uid: number;
  session: string;
  authorization: { Authorization: string };
}

export async function seedAgent(
  uid: number,
  options: { lang?: string; tokenExpiresAt?: number; lastTokenAt?: number } = {},
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
  if (options.tokenExpiresAt !== undefined) {
    await env.DB.prepare('UPDATE agents SET last_token_at = ?2, token_expires_at = ?3 WHERE uid = ?1')
      .bind(uid, options.lastTokenAt ?? now, options.tokenExpiresAt)
      .run();
  }
  const { token } = await createSession(
    TEST_SETTINGS.SESSION_SECRET,
    { uid, login: `agent${uid}@example.test` },
    Math.floor(now / 1000),
  );
  return { uid, session: token, authorization: { Authorization: `Bearer ${token}` } };
}
