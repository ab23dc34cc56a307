import type { AgentKey, StoredSession } from '../../shared/settings';

/**
 * Ownership of what the extension keeps per agent (issue 12, item 5): the outbox's wrap-ups, a
 * pending wrap-up and its draft. The background and the popup both use these, so "whose is it"
 * has one answer.
 */

/** The agent a session belongs to: the Odoo user, at the worker that issued the session. */
export function agentKeyOf(session: StoredSession): AgentKey {
  return { workerUrl: session.workerUrl, uid: session.agent.uid };
}

export function isSameAgent(a: AgentKey | undefined, b: AgentKey | undefined): boolean {
  return a !== undefined && b !== undefined && a.uid === b.uid && a.workerUrl === b.workerUrl;
}

/**
 * Whether an entry is the agent's. An entry with no owner was written by a version before
 * owners existed: it belongs to the first agent who sends with this version (the outbox then
 * stamps it), which is the agent who was signed in when it was queued unless someone else signed
 * in since; the worker still refuses a wrap-up for another agent's call (403), kept as refused.
 */
export function isOwnedBy(entry: { owner?: AgentKey }, agent: AgentKey): boolean {
  return entry.owner === undefined || isSameAgent(entry.owner, agent);
}
