import type { BackgroundProtocol } from '../../shared/messages';
import { SETTINGS_KEY } from '../../shared/settings';
import { agentKeyOf } from '../lib/agent-key';
import { t } from '../lib/i18n';
import { type Handlers, MessageError } from '../lib/router';
import { readEffectiveSettings, validateSettingsPatch } from '../lib/settings';
import { readItem, removeDraft, writeItem } from '../lib/storage';
import { endsSession } from '../lib/worker-client';
import { rememberDialPolicy } from './dial-policy';
import { dismissMissedCall, markMissedCallsSeen, reconcileMissedCalls } from './missed-calls';
import { dueNow, queueWrapUp, retryFailed } from './outbox';
import { sendOutbox } from './outbox-sender';
import { handOverOnSignIn } from './parked-wrap-ups';
import {
  acceptIncoming,
  declineIncoming,
  dial,
  ensurePhoneDocument,
  hangUp,
  phoneConfig,
  pushPhoneConfig,
  sendToPhone,
} from './phone-control';
import { dispatch, readPhoneState } from './phone-store';
import { agentClient, readSession, signIn, signOut } from './session';

/** The background's answers to every message of `BackgroundProtocol`. */
export const backgroundHandlers: Handlers<BackgroundProtocol> = {
  // The page's own `display` is not used: the call shows the number dialled, in full.
  dial: async ({ number, record, country }) =>
    dial({ number, ...(record ? { record } : {}), ...(country ? { country } : {}) }),
  acceptIncoming: async ({ callSid }) => {
    await acceptIncoming(callSid);
    return null;
  },
  declineIncoming: async ({ callSid }) => {
    await declineIncoming(callSid);
    return null;
  },
  hangUp: async () => {
    await hangUp();
    return null;
  },
  setMuted: async ({ muted }) => {
    await sendToPhone('setMuted', { muted });
    return null;
  },
  sendDigits: async ({ digits }) => {
    if (!/^[0-9*#w]{1,32}$/.test(digits)) throw new MessageError('bad_request', t('errorInvalidDigits'));
    await sendToPhone('sendDigits', { digits });
    return null;
  },
  setAvailability: async ({ availability }) => {
    await saveSettings({ availability });
    return null;
  },
  saveWrapUp: async ({ callSid, disposition, note, followUp }) => {
    if (followUp && !/^\d{4}-\d{2}-\d{2}$/.test(followUp.date)) {
      throw new MessageError('bad_request', t('errorFollowUpDate'));
    }
    const [session, { wrapUp, waitingWrapUps = [] }] = await Promise.all([readSession(), readPhoneState()]);
    if (!session) throw new MessageError('not_signed_in', t('healthSignedOut'));
    // The wrap-up is the agent's who was on the call; the popup only shows the signed-in
    // agent's, so this is them unless their call outlived a sign-out.
    const saved = [wrapUp, ...waitingWrapUps].find((each) => each?.callSid === callSid);
    const owner = saved?.owner ?? agentKeyOf(session);
    await queueWrapUp(callSid, disposition, note, owner, Date.now(), followUp);
    await Promise.all([dispatch({ type: 'wrap-up-closed', callSid }), removeDraft(callSid)]);
    void sendOutbox().catch((error: unknown) => console.info('outbox: will retry', error));
    return null;
  },
  dismissWrapUp: async ({ callSid }) => {
    await Promise.all([dispatch({ type: 'wrap-up-closed', callSid }), removeDraft(callSid)]);
    return null;
  },
  openWrapUp: async ({ callSid }) => {
    const { changed } = await dispatch({ type: 'wrap-up-opened', callSid });
    if (!changed) throw new MessageError('no_such_call', t('errorWrapUpGone'));
    return null;
  },
  retryWrapUps: async () => {
    const session = await readSession();
    if (!session) throw new MessageError('not_signed_in', t('healthSignedOut'));
    await retryFailed(agentKeyOf(session));
    void sendOutbox().catch((error: unknown) => console.info('outbox: will retry', error));
    return null;
  },
  recentCalls: async () => {
    const result = await (await agentClient()).recentCalls();
    if (result.ok) {
      // The worker knows which missed calls were answered after all, and which left a voicemail.
      await reconcileMissedCalls(result.data).catch((error: unknown) => console.warn('missed calls', error));
      return result.data;
    }
    // A worker without `GET /calls` yet: the popup shows no list rather than an error.
    if (result.status === 404) return null;
    throw new MessageError(result.code, result.message);
  },
  missedCallsSeen: async () => {
    await markMissedCallsSeen();
    return null;
  },
  dismissMissedCall: async ({ id }) => {
    await dismissMissedCall(id);
    return null;
  },
  ensurePhone: async () => {
    if (await readSession()) await ensurePhoneDocument();
    return null;
  },
  getSettings: () => readEffectiveSettings(),
  saveSettings: ({ patch }) => saveSettings(patch),
  signIn: async ({ login, password }) => {
    const agent = await signIn(login, password);
    const session = await readSession();
    if (session) await Promise.all([handOverOnSignIn(agentKeyOf(session)), dueNow(agentKeyOf(session))]);
    await dispatch({ type: 'health', health: { status: 'starting' } });
    await pushPhoneConfig();
    void sendOutbox().catch((error: unknown) => console.info('outbox: will retry', error));
    return agent;
  },
  signOut: async () => {
    await signOut();
    return null;
  },
  microphoneGranted: async () => {
    await writeItem('local', 'microphone', { grantedAt: Date.now() });
    await pushPhoneConfig();
    return null;
  },
  phoneConfig: () => phoneConfig(),
  fetchToken: async () => {
    const result = await (await agentClient()).token();
    if (result.ok) {
      await rememberDialPolicy(result.data);
      return result.data;
    }
    // The worker ended the session, or Odoo no longer allows the agent: they are signed out by
    // now. Say so, not "HTTP 401/403": the phone then stops instead of asking again and again.
    if (endsSession(result)) throw new MessageError('not_signed_in', t('healthSignedOut'));
    throw new MessageError(result.status === 0 ? 'network' : String(result.status), result.message);
  },
  deviceEvent: async ({ event }) => {
    if (event.type === 'incoming' && (await readPhoneState()).availability === 'dnd') {
      // Do not disturb: the caller goes on to the next agent or voicemail, nothing rings here.
      await sendToPhone('reject', { callSid: event.callSid });
      return null;
    }
    await dispatch(event);
    return null;
  },
};

async function saveSettings(patch: Parameters<typeof validateSettingsPatch>[0]) {
  const current = await readEffectiveSettings();
  const checked = validateSettingsPatch(patch, current.locked);
  if (!checked.ok) {
    throw new MessageError(
      'invalid_settings',
      checked.problems.map((problem) => t(problem.message)).join(' '),
    );
  }
  const stored = (await readItem('local', SETTINGS_KEY)) ?? {};
  await writeItem('local', SETTINGS_KEY, { ...stored, ...checked.patch });
  const session = await readSession();
  if (session && checked.patch.workerUrl !== undefined && checked.patch.workerUrl !== session.workerUrl) {
    // A session is only good at the worker that issued it.
    await signOut();
  }
  if (checked.patch.availability !== undefined) {
    await dispatch({ type: 'availability', availability: checked.patch.availability });
  }
  if (checked.patch.audio !== undefined || checked.patch.insights !== undefined) await pushPhoneConfig();
  return readEffectiveSettings();
}
