import type { Agent } from '../../shared/api';
import { SESSION_KEY, type StoredSession } from '../../shared/settings';
import { t } from '../lib/i18n';
import { MessageError } from '../lib/router';
import { readEffectiveSettings } from '../lib/settings';
import { readItem, removeItem, writeItem } from '../lib/storage';
import {
  createWorkerClient,
  endsSession,
  type WorkerClient,
  type WorkerFailure,
  type WorkerResult,
} from '../lib/worker-client';

/** `ended`: the session that was just removed (none when nobody was signed in). */
type SignOutHook = (ended: StoredSession | undefined) => Promise<void>;
// Set once at start-up by index.ts (wiring, not state): what else a sign-out must stop.
let afterSignOut: SignOutHook = async () => undefined;

export function setAfterSignOut(hook: SignOutHook): void {
  afterSignOut = hook;
}

export function readSession(): Promise<StoredSession | undefined> {
  return readItem('local', SESSION_KEY);
}

/**
 * Checks the Odoo login through the worker and keeps the session it returns. The password is
 * only in this function's arguments and the one request body: never stored, never logged.
 */
export async function signIn(login: string, password: string): Promise<Agent> {
  if (login.trim() === '' || password === '') throw new MessageError('bad_request', t('errorLoginRequired'));
  const { workerUrl } = await readEffectiveSettings();
  const result = await createWorkerClient(workerUrl, null).login({ login: login.trim(), password });
  if (!result.ok) throw signInError(result, workerUrl);
  const session: StoredSession = {
    session: result.data.session,
    expiresAt: result.data.expiresAt,
    agent: result.data.agent,
    workerUrl,
  };
  await writeItem('local', SESSION_KEY, session);
  await removeItem('local', 'sessionEnded');
  return session.agent;
}

function signInError(result: WorkerFailure, workerUrl: string): MessageError {
  switch (result.code) {
    case 'unauthorized':
      return new MessageError('unauthorized', t('errorWrongCredentials'));
    case 'forbidden':
      // Odoo does not allow this user as an agent (portal user, not in the group): the
      // worker's sentence says which and what to do.
      return new MessageError(result.code, result.message);
    case 'network':
      return new MessageError('network', t('errorWorkerUnreachable', workerUrl));
    case 'odoo_unreachable':
      // 503: Odoo's own login cooldown (about a minute); 502: Odoo did not answer.
      return new MessageError(
        result.code,
        result.status === 503 ? t('errorOdooBusy') : t('errorOdooUnreachable'),
      );
    case 'rate_limited':
      return new MessageError(result.code, rateLimitedText(result.retryAfterSeconds));
    default:
      return new MessageError(result.code, t('errorSignInFailed', result.message));
  }
}

function rateLimitedText(retryAfterSeconds: number | undefined): string {
  if (retryAfterSeconds === undefined) return t('errorRateLimited');
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return minutes <= 1 ? t('errorRateLimitedMinute') : t('errorRateLimitedMinutes', String(minutes));
}

/**
 * Signs the agent out here at once, then ends the session at the worker (`POST /auth/logout`)
 * so it is not left valid elsewhere: best effort, after the local sign-out and bounded, so a
 * worker that is down never keeps anyone signed in. `endedBy`: the worker already ended the
 * session (its reason is kept for the popup and options); there is nothing to end there.
 */
export async function signOut(endedBy?: WorkerFailure): Promise<void> {
  const ended = await readSession();
  await removeItem('local', SESSION_KEY);
  if (endedBy) await writeItem('local', 'sessionEnded', { reason: endedBy.message, at: Date.now() });
  else await removeItem('local', 'sessionEnded');
  await afterSignOut(ended);
  if (ended && !endedBy) await endAtWorker(ended);
}

async function endAtWorker(ended: StoredSession): Promise<void> {
  try {
    const result = await createWorkerClient(ended.workerUrl, ended.session).logout();
    // 401: already over there. Anything else: it expires on its own (12 h at most).
    if (!result.ok && result.status !== 401) console.info('sign-out: the worker kept the session', result);
  } catch (error) {
    console.info('sign-out: the worker kept the session', error);
  }
}

/**
 * A worker client with the agent's session, for the agent routes. A 401, or a 403 about the
 * agent's standing, from any of them means the session is over (endsSession): the agent is
 * signed out at once, with the worker's reason (the phone, popup and options say so), rather
 * than left with a phone that silently fails or retries for ever. `known`: a session the caller already read (so what it
 * sends and the session it sends with are of the same agent).
 */
export async function agentClient(known?: StoredSession): Promise<WorkerClient> {
  const session = known ?? (await readSession());
  if (!session) throw new MessageError('not_signed_in', t('healthSignedOut'));
  const client = createWorkerClient(session.workerUrl, session.session);
  const guard =
    <A extends unknown[], T>(method: (...args: A) => Promise<WorkerResult<T>>) =>
    async (...args: A): Promise<WorkerResult<T>> => {
      const result = await method(...args);
      if (!result.ok && endsSession(result)) await signOut(result);
      return result;
    };
  return {
    login: client.login,
    token: guard(client.token),
    recentCalls: guard(client.recentCalls),
    wrapUp: guard(client.wrapUp),
    presence: guard(client.presence),
    logout: client.logout,
    health: client.health,
  };
}
