import type { PresenceRequest } from '../../shared/api';
import type { PhoneState } from '../../shared/phone-state';
import { readItem, writeItem } from '../lib/storage';
import { agentClient } from './session';

export function presenceOf(state: PhoneState): PresenceRequest {
  return { status: state.availability, registered: state.health.status === 'ready' };
}

/**
 * Tells the worker whether the agent can be rung (DESIGN.md, "Presence"): when it changes and,
 * as a heartbeat, on the watchdog alarm. Quiet on failure: a worker without `/presence` yet
 * (404) or out of reach is simply told again at the next heartbeat.
 */
export async function reportPresence(state: PhoneState, { heartbeat = false } = {}): Promise<void> {
  // Signed out: nobody to report (the client is made from the session, read once).
  const client = await agentClient().catch(() => null);
  if (!client) return;
  const request = presenceOf(state);
  const last = await readItem('session', 'presence');
  if (!heartbeat && last?.status === request.status && last.registered === request.registered) return;
  // Remembered even when refused: a worker without the route hears again at the heartbeat,
  // not on every change of the phone state.
  await writeItem('session', 'presence', { ...request, sentAt: Date.now() });
  await client.presence(request);
}
