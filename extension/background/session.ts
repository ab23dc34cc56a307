import type { Agent } from '../../shared/api';
import { SESSION_KEY, type StoredSession } from '../../shared/settings';
import { t } from '../lib/i18n';
import { MessageError } from '../lib/router';
import { readEffectiveSettings } from '../lib/settings';
import { readItem, removeItem, writeItem } from '../lib/storage';
import { createWorkerClient, type WorkerClient, type WorkerResult } from '../lib/worker-client';

type SignOutHook = () => Promise<void>;
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
  return session.agent;
}

function signInError(result: WorkerResult<never> & { ok: false }, workerUrl: string): MessageError {
  switch (result.code) {
    case 'unauthorized':
      return new MessageError('unauthorized', t('errorWrongCredentials'));
    case 'network':
      return new MessageError('network', t('errorWorkerUnreachable', workerUrl));
    case 'odoo_unreachable':
      return new MessageError(result.code, t('errorOdooUnreachable'));
    case 'rate_limited':
      return new MessageError(result.code, t('errorRateLimited'));
    default:
      return new MessageError(result.code, t('errorSignInFailed', result.message));
  }
}

export async function signOut(): Promise<void> {
  await removeItem('local', SESSION_KEY);
  await afterSignOut();
}

/**
 * A worker client with the agent's session, for the agent routes. A 401 from any of them means
 * the session is over: the agent is signed out at once (the phone says so) rather than left
 * with a phone that silently fails.
 */
export async function agentClient(): Promise<WorkerClient> {
  const session = await readSession();
  if (!session) throw new MessageError('not_signed_in', t('healthSignedOut'));
  const client = createWorkerClient(session.workerUrl, session.session);
  const guard =
    <A extends unknown[], T>(method: (...args: A) => Promise<WorkerResult<T>>) =>
    async (...args: A): Promise<WorkerResult<T>> => {
      const result = await method(...args);
      if (!result.ok && result.status === 401) await signOut();
      return result;
    };
  return {
    login: client.login,
    token: guard(client.token),
    recentCalls: guard(client.recentCalls),
    wrapUp: guard(client.wrapUp),
    presence: guard(client.presence),
  };
}
