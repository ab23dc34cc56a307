/**
 * Odoo as the agent (issue 12, "which records a call may touch"): the record a call is logged on
 * is chosen with the agent's own rights, so it is one they may read in Odoo — their record
 * rules ("Own Documents Only"), their companies, every rule an admin added. The credential is
 * the one they signed in with, kept sealed with their session (sealed-credential.ts); it goes
 * when the session does.
 */

import { isCooldownMessage } from '../db/odoo-cooldown';
import { dropCredential, latestCredential } from '../db/sessions';
import { type Env, readSettings } from '../env';
import { openCredential } from '../sealed-credential';
import { createJsonRpcOdooClient, OdooResponseError } from './client';
import type { OdooCall } from './service-account';

/** Odoo no longer takes the agent's credential (a changed password, a revoked key). */
export class AgentCredentialRefused extends Error {
  override readonly name = 'AgentCredentialRefused';
}

/**
 * `execute_kw` as the agent, or null when the worker holds no credential of theirs (every session
 * ended or expired). A credential Odoo refuses is forgotten at once: asking again with it would
 * only feed Odoo's count of failed logins from the worker's address.
 */
export async function agentAccount(env: Env, uid: number, now: number): Promise<OdooCall | null> {
  const { ODOO_URL, ODOO_DB, SESSION_SECRET } = readSettings(env, ['ODOO_URL', 'ODOO_DB', 'SESSION_SECRET']);
  const stored = await latestCredential(env.DB, uid, now);
  if (!stored) return null;
  const password = await openCredential(SESSION_SECRET, { uid, sessionId: stored.id }, stored.credential);
  if (password === null) {
    // Sealed under another SESSION_SECRET (it was rotated): useless from now on.
    await dropCredential(env.DB, stored.id);
    return null;
  }
  const client = createJsonRpcOdooClient({ url: ODOO_URL, db: ODOO_DB });
  return async (model, method, args, kwargs) => {
    try {
      return await client.executeKw({ uid, password }, model, method, args, kwargs);
    } catch (error) {
      if (
        error instanceof OdooResponseError &&
        error.exception === 'odoo.exceptions.AccessDenied' &&
        !isCooldownMessage(error.message)
      ) {
        await dropCredential(env.DB, stored.id);
        throw new AgentCredentialRefused('Odoo no longer accepts the agent’s password or API key.');
      }
      throw error;
    }
  };
}
