import type { CallSummary } from '../../shared/api';
import type { IncomingCall } from '../../shared/phone-state';
import type { AgentKey } from '../../shared/settings';
import { agentKeyOf, isOwnedBy } from '../lib/agent-key';
import { t } from '../lib/i18n';
import { canCallBack, missedCaller } from '../lib/missed-calls';
import { createSerialQueue } from '../lib/serial';
import { type MissedCall, readItem, writeItem } from '../lib/storage';
import { showBadge } from './badge';
import { dial } from './phone-control';
import type { Transition } from './phone-store';
import { readSession } from './session';

/**
 * Missed incoming calls (issue 13, item 3): every call that rang here and stopped ringing
 * without being answered here, known caller or not, kept in `chrome.storage.local`
 * (`missedCalls`) so a sleeping service worker or a browser restart loses none. The badge
 * counts the unseen ones, each gets a notification with **Call back**, the popup lists them.
 *
 * What counts: the Device's `cancel` (the caller hung up, or it rang out, and the worker then
 * takes a voicemail). A call the agent declined, one refused in do-not-disturb (it never rang)
 * and one that stopped ringing because the agent signed out are not missed. Twilio's `cancel`
 * is the same when another Device answered (twilio-voice.js#435), so such a call is missed here
 * until the worker's recent calls say it was answered (`reconcileMissedCalls`); a call that
 * rings again (the record's salesperson first, then everyone) stays one entry, and goes away if
 * the agent answers it the second time.
 */
export const MISSED_CALLS_LIMIT = 50;

const NOTIFICATION_PREFIX = 'missed:';
/** The one notification that says a call back from a notification could not be placed. */
export const CALL_BACK_FAILED_NOTIFICATION = 'missed-call-back-failed';
export const CALL_BACK_BUTTON = 0;

const serial = createSerialQueue();

export function missedNotificationId(id: string): string {
  return `${NOTIFICATION_PREFIX}${id}`;
}

export function missedIdOfNotification(notificationId: string): string | null {
  return notificationId.startsWith(NOTIFICATION_PREFIX)
    ? notificationId.slice(NOTIFICATION_PREFIX.length)
    : null;
}

function idOf(incoming: IncomingCall): string {
  return incoming.parentCallSid ?? incoming.callSid;
}

/** Follows the phone's transitions: a ringing call missed here is added, one answered here is removed. */
export async function trackMissedCalls(
  { before, after, action }: Transition,
  now = Date.now(),
): Promise<void> {
  const ringing = before.incoming;
  if (!ringing || after.incoming?.callSid === ringing.callSid) return;
  if (
    action.type === 'incoming-ended' &&
    action.reason === 'canceled' &&
    action.callSid === ringing.callSid
  ) {
    await addMissed(ringing, now);
  } else if (action.type === 'answer' && after.call) {
    await removeMissed((entry) => entry.id === idOf(ringing));
  }
}

async function addMissed(ringing: IncomingCall, now: number): Promise<void> {
  const session = await readSession();
  const entry: MissedCall = { id: idOf(ringing), party: ringing.party, at: now, seen: false };
  if (session) entry.owner = agentKeyOf(session);
  await update((list) =>
    [entry, ...list.filter((other) => other.id !== entry.id)].slice(0, MISSED_CALLS_LIMIT),
  );
  await chrome.notifications.create(missedNotificationId(entry.id), notificationFor(entry));
}

function notificationFor(entry: MissedCall): chrome.notifications.NotificationCreateOptions {
  const { party } = entry;
  const options: chrome.notifications.NotificationCreateOptions = {
    type: 'basic',
    iconUrl: chrome.runtime.getURL('icons/icon-128.png'),
    title: t('notificationMissedTitle', missedCaller(entry)),
    message: party.name ? `${party.display}\n${t('missedMayHaveVoicemail')}` : t('missedMayHaveVoicemail'),
  };
  if (canCallBack(entry)) options.buttons = [{ title: t('callBack') }];
  if (party.record?.name && party.record.name !== party.name) options.contextMessage = party.record.name;
  return options;
}

/** The popup showed the agent their missed calls: none is new now. */
export async function markMissedCallsSeen(): Promise<void> {
  const agent = await currentAgent();
  if (!agent) return;
  const seen: string[] = [];
  await update((list) =>
    list.map((entry) => {
      if (entry.seen || !isOwnedBy(entry, agent)) return entry;
      seen.push(entry.id);
      return { ...entry, seen: true };
    }),
  );
  await clearNotifications(seen);
}

export async function dismissMissedCall(id: string): Promise<void> {
  const agent = await currentAgent();
  if (!agent) return;
  await removeMissed((entry) => entry.id === id && isOwnedBy(entry, agent));
}

/**
 * What the worker's `GET /calls` knows better: a call it lists as answered was not missed (the
 * agent took it on another Device), one with a voicemail says so. It lists the agent's calls and
 * the missed calls of their own leads and contacts, so most unknown callers are not in it.
 */
export async function reconcileMissedCalls(calls: CallSummary[]): Promise<void> {
  const outcomes = new Map(calls.map((call) => [call.callSid, call.outcome]));
  await removeMissed((entry) => outcomes.get(entry.id) === 'answered');
  await update((list) =>
    list.map((entry) =>
      outcomes.get(entry.id) === 'voicemail' && !entry.voicemail ? { ...entry, voicemail: true } : entry,
    ),
  );
}

/** The notification's **Call back**: dials the caller as the dialer would; the call is then seen. */
export async function callBackFromNotification(id: string): Promise<void> {
  const [agent, list] = await Promise.all([currentAgent(), readItem('local', 'missedCalls')]);
  const entry = agent
    ? list?.find((candidate) => candidate.id === id && isOwnedBy(candidate, agent))
    : undefined;
  await chrome.notifications.clear(missedNotificationId(id));
  if (!entry || !canCallBack(entry)) return;
  try {
    await callBack(entry);
  } catch (error) {
    // The click is the only thing the agent did: say why nothing rings instead of doing nothing.
    await chrome.notifications.create(CALL_BACK_FAILED_NOTIFICATION, {
      type: 'basic',
      iconUrl: chrome.runtime.getURL('icons/icon-128.png'),
      title: t('callBackFailed', missedCaller(entry)),
      message: error instanceof Error ? error.message : String(error),
    });
    return;
  }
  await update((list) =>
    list.map((other) => (other.id === entry.id && !other.seen ? { ...other, seen: true } : other)),
  );
}

/** The same path as the dialer and the popup's **Call back**: with the record, so the note lands on it. */
async function callBack(entry: MissedCall): Promise<void> {
  const { number, record } = entry.party;
  await dial(record ? { number, record: { model: record.model, id: record.id } } : { number });
}

async function removeMissed(drop: (entry: MissedCall) => boolean): Promise<void> {
  const removed: string[] = [];
  await update((list) =>
    list.filter((entry) => {
      if (!drop(entry)) return true;
      removed.push(entry.id);
      return false;
    }),
  );
  await clearNotifications(removed);
}

/** Read-modify-write of the list, one at a time; the badge follows every change. */
async function update(change: (list: MissedCall[]) => MissedCall[]): Promise<void> {
  const changed = await serial(async () => {
    const list = (await readItem('local', 'missedCalls')) ?? [];
    const next = change(list);
    if (next.length === list.length && next.every((entry, index) => entry === list[index])) return false;
    await writeItem('local', 'missedCalls', next);
    return true;
  });
  if (changed) await showBadge();
}

async function clearNotifications(ids: string[]): Promise<void> {
  await Promise.all(ids.map((id) => chrome.notifications.clear(missedNotificationId(id))));
}

async function currentAgent(): Promise<AgentKey | undefined> {
  const session = await readSession();
  return session ? agentKeyOf(session) : undefined;
}
