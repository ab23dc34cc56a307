/**
 * Agents are checked in Odoo again while they work (issue 12): an archived user (left the
 * company, a stolen laptop) must stop getting tokens, being rung and calling out well before
 * their 12-hour session ends. The check runs when a token is asked for, at most once every
 * STANDING_TTL_MS per agent (the answer is kept in D1), and from the cron for agents who can be
 * rung. An agent Odoo no longer allows is revoked at once: sessions ended, presence gone.
 *
 * Odoo not answering (down, slow, its login cooldown) is not an answer: the agent keeps working
 * on the last good check and is checked again next time. Phones keep ringing through an Odoo
 * outage; docs/security.md says why that is the right trade.
 */
import { type AgentRow, recordStanding, revokeAgent } from '../db/agents';
import { type Env, missingSettings } from '../env';
import { describeError, writeLog } from '../log';
import { agentAccount } from '../odoo/agent-account';
import { agentGroup, readStanding, type Standing } from '../odoo/agent-standing';

/** How long a good check of an agent holds before the next token asks Odoo again. */
export const STANDING_TTL_MS = 5 * 60_000;

/**
 * The agent's standing now: the stored one while fresh, else Odoo's answer (stored; a failed one
 * revokes the agent). `null` when Odoo could not say: the caller goes on as before.
 */
export async function recheckAgent(
  env: Env,
  agent: Pick<AgentRow, 'uid' | 'standing' | 'standing_checked_at'>,
  now: number,
): Promise<Standing | null> {
  const fresh = agent.standing_checked_at !== null && now - agent.standing_checked_at < STANDING_TTL_MS;
  if (fresh && agent.standing) return agent.standing;
  if (missingSettings(env, ['ODOO_URL', 'ODOO_DB']).length > 0) return null;
  let standing: Standing;
  try {
    const asAgent = await agentAccount(env, agent.uid, now);
    // No credential left (sessions from before it was kept): nothing to ask Odoo with.
    if (!asAgent) return null;
    standing = await readStanding(asAgent, agent.uid, agentGroup(env));
  } catch (error) {
    writeLog('warn', 'agent_recheck_failed', { agentUid: agent.uid, error: describeError(error) });
    return null;
  }
  if (standing === 'ok') await recordStanding(env.DB, agent.uid, standing, now);
  else {
    await revokeAgent(env.DB, agent.uid, standing, now);
    writeLog('warn', 'agent_revoked', { agentUid: agent.uid, standing });
  }
  return standing;
}

/** Agents checked per cron run: each check is two or three Odoo requests. */
const PER_RUN = 20;

/**
 * The cron's part: agents who could be rung (a live token and session) and whose last check is
 * stale are checked again, the stalest first.
 */
export async function recheckRingableAgents(env: Env, now: number = Date.now()): Promise<void> {
  const { results } = await env.DB.prepare(
    `SELECT uid, standing, standing_checked_at FROM agents
     WHERE token_expires_at > ?1 AND COALESCE(standing_checked_at, 0) <= ?1 - ?2
       AND EXISTS (SELECT 1 FROM sessions WHERE sessions.uid = agents.uid AND sessions.expires_at > ?1)
     ORDER BY COALESCE(standing_checked_at, 0) LIMIT ?3`,
  )
    .bind(now, STANDING_TTL_MS, PER_RUN)
    .all<Pick<AgentRow, 'uid' | 'standing' | 'standing_checked_at'>>();
  for (const agent of results) await recheckAgent(env, agent, now);
}
